import ArgumentParser
import DalaExtract
import Foundation

/// `dala ocr-page`: the child process of isolated OCR (`IsolatedOCR`, used by dala-enrichment); JSON on standard output.
struct OCRPageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr-page",
        abstract: "Render one PDF page and read it with Tesseract under memory and CPU limits; JSON on stdout (used by dala-enrichment).")

    @Option(help: "The page, from 1.") var page: Int
    @Option var dpi = ExtractionLimits().ocrDPI
    @Option var maxPixels = ExtractionLimits().maxOCRPixels
    @Option var maxSeconds = ExtractionLimits().maxOCRSecondsPerPage
    @Option var maxMemoryBytes = 2 << 30
    @Argument(help: "The PDF file.") var file: String

    func run() throws {
        var limits = ExtractionLimits()
        limits.ocrDPI = dpi; limits.maxOCRPixels = maxPixels; limits.maxOCRSecondsPerPage = maxSeconds
        FileHandle.standardOutput.write(Data(IsolatedOCR.child(path: file, page: page, limits: limits, maxMemoryBytes: maxMemoryBytes)))
    }
}
