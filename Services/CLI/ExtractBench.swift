import ArgumentParser
import DalaExtract
import Foundation

/// `dala bench-extract`: pages per second for text-layer PDFs and for OCR, and OCR character accuracy per language,
/// on PDFs rendered from the sample documents (made here in memory with cairo, never stored in the repository).
struct ExtractBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-extract",
        abstract: "Benchmark file extraction: text-layer PDF pages/s, OCR pages/s and character accuracy per language.")

    @Option(help: "Directory of UTF-8 sample documents.")
    var corpus = "../shared/corpus"

    @Option(help: "Characters of source text per PDF page.")
    var pageChars = 1800

    @Option(help: "Pages per document to OCR (OCR takes seconds per page).")
    var ocrPages = 2

    @Option(help: "Rendering resolution of the scanned pages.")
    var dpi = 300.0

    func run() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasSuffix(".txt") }.sorted()
        guard !files.isEmpty else { throw ValidationError("no .txt files in \(corpus)") }
        print("file extraction benchmark: \(files.count) documents from \(corpus), \(pageChars) characters per page, OCR at \(Int(dpi)) dpi")
        print("document                    lang  pages  text-layer pages/s  text fidelity")
        var totalPages = 0, totalSeconds = 0.0
        var ocr: [String: (pages: Int, seconds: Double, accuracy: [Double], confidence: [Double])] = [:]
        let engine = try OCREngine()
        for name in files {
            let text = try String(contentsOfFile: corpus + "/" + name, encoding: .utf8)
            let pages = Self.paginate(text, chars: pageChars)
            let language = ScriptLanguage.guess(text) ?? "other"
            let pdf = PDFWriter.textPDF(pages: pages)
            let started = Date()
            let x = try Extractor.extract(pdf, format: .pdf)
            let seconds = Date().timeIntervalSince(started)
            totalPages += x.pages.count; totalSeconds += seconds
            let fidelity = CharacterAccuracy.of(x.pages[0].text, truth: pages[0])
            print(name.padding(toLength: 28, withPad: " ", startingAt: 0), language.padding(toLength: 5, withPad: " ", startingAt: 0),
                  String(format: "%5d  %18.1f  %13.4f", x.pages.count, Double(x.pages.count) / seconds, fidelity))

            for page in pages.prefix(ocrPages) {
                let t0 = Date()
                let images = PDFWriter.renderImages(page, dpi: dpi)
                var recognised = "", confidence = 0.0
                for image in images {
                    let r = engine.recognise(image)
                    recognised += r.text + "\n"; confidence += r.confidence / Double(images.count)
                }
                let dt = Date().timeIntervalSince(t0)
                var entry = ocr[language] ?? (0, 0, [], [])
                entry.pages += images.count; entry.seconds += dt
                entry.accuracy.append(CharacterAccuracy.of(recognised, truth: page)); entry.confidence.append(confidence)
                ocr[language] = entry
            }
        }
        print(String(format: "text layer: %d pages in %.2f s = %.1f pages/s (poppler, one thread)", totalPages, totalSeconds,
                     Double(totalPages) / totalSeconds))
        print("OCR (render + Tesseract kaz+rus+eng, one thread):")
        print("lang  pages  pages/s  char accuracy (mean, min)  mean confidence")
        for (language, e) in ocr.sorted(by: { $0.key < $1.key }) {
            let mean = e.accuracy.reduce(0, +) / Double(e.accuracy.count)
            print(language.padding(toLength: 4, withPad: " ", startingAt: 0),
                  String(format: "%6d  %7.2f  %.4f, %.4f           %.1f", e.pages, Double(e.pages) / e.seconds, mean,
                         e.accuracy.min() ?? 0, e.confidence.reduce(0, +) / Double(e.confidence.count)))
        }
    }

    /// Splits at line ends into pages of about `chars` characters.
    static func paginate(_ text: String, chars: Int) -> [String] {
        var pages: [String] = [], current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current.count + line.count > chars && !current.isEmpty { pages.append(current); current = "" }
            current += (current.isEmpty ? "" : "\n") + line
        }
        if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { pages.append(current) }
        return pages
    }
}
