import ArgumentParser
import DalaExtract
import Foundation

/// `dala extract-file`: the child process of isolated extraction (`IsolatedExtractor`); JSON on standard output.
struct ExtractFile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract-file",
        abstract: "Extract the text of one PDF, DOCX or HTML file under memory and CPU limits; JSON on stdout (used by dala-ingest).")

    @Option(help: "pdf, docx or html.") var format: String
    @Option var maxPages = ExtractionLimits().maxPages
    @Option var maxSeconds = ExtractionLimits().maxSeconds
    @Option var maxText = ExtractionLimits().maxTextScalars
    @Option var maxMemoryBytes = 2 << 30
    @Argument(help: "The file.") var file: String

    func run() throws {
        guard let f = DocumentFormat(rawValue: format) else { throw ValidationError("unknown format \(format)") }
        var limits = ExtractionLimits()
        limits.maxPages = maxPages; limits.maxSeconds = maxSeconds; limits.maxTextScalars = maxText
        FileHandle.standardOutput.write(Data(IsolatedExtractor.child(path: file, format: f, limits: limits, maxMemoryBytes: maxMemoryBytes)))
    }
}
