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

    @Option(help: "Pages per language to OCR (OCR takes seconds per page).")
    var ocrPages = 4

    @Option(help: "Rendering resolution of the scanned pages.")
    var dpi = 300.0

    @Option(help: "Only write the benchmark's PDFs into this directory (NAME.pdf with a text layer, NAME-scan.pdf: the first two pages as images), for manual checks.")
    var writePdfs: String?

    func run() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasSuffix(".txt") }.sorted()
        guard !files.isEmpty else { throw ValidationError("no .txt files in \(corpus)") }
        if let dir = writePdfs {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for name in files {
                let pages = Self.paginate(try String(contentsOfFile: corpus + "/" + name, encoding: .utf8), chars: pageChars)
                let base = dir + "/" + name.replacingOccurrences(of: ".txt", with: "")
                try Data(PDFWriter.textPDF(pages: pages)).write(to: URL(fileURLWithPath: base + ".pdf"))
                try Data(PDFWriter.scannedPDF(pages: Array(pages.prefix(2)))).write(to: URL(fileURLWithPath: base + "-scan.pdf"))
            }
            print("wrote \(files.count * 2) PDFs to \(dir)")
            return
        }
        print("file extraction benchmark: \(files.count) documents from \(corpus), \(pageChars) characters per page, OCR at \(Int(dpi)) dpi")
        print("document                    lang  PDF pages  text-layer pages/s  same text")
        var totalPages = 0, totalSeconds = 0.0
        var byLanguage: [String: [String]] = [:]
        for name in files {
            let text = try String(contentsOfFile: corpus + "/" + name, encoding: .utf8)
            let pages = Self.paginate(text, chars: pageChars)
            let pdf = PDFWriter.textPDF(pages: pages)
            let started = Date()
            let x = try Extractor.extract(pdf, format: .pdf)
            let seconds = Date().timeIntervalSince(started)
            totalPages += x.pages.count; totalSeconds += seconds
            // The text layer gives back exactly the words drawn (line breaks differ: cairo wrapped the lines).
            let same = Self.words(x.pages.map(\.text).joined(separator: " ")) == Self.words(pages.joined(separator: " "))
            print(name.padding(toLength: 28, withPad: " ", startingAt: 0),
                  (ScriptLanguage.guess(text) ?? "-").padding(toLength: 5, withPad: " ", startingAt: 0),
                  String(format: "%9d  %18.1f  %@", x.pages.count, Double(x.pages.count) / seconds, same ? "yes" : "NO"))
            for page in pages { byLanguage[ScriptLanguage.guess(page) ?? "-", default: []].append(page) }
        }
        print(String(format: "text layer: %d pages in %.2f s = %.1f pages/s (poppler, one thread)", totalPages, totalSeconds,
                     Double(totalPages) / totalSeconds))

        print("OCR of the same pages rendered as images (cairo → grey image → Tesseract kaz+rus+eng, then the page's language when scripts mix; one thread):")
        print("lang  pages  pages/s  char accuracy (mean, min)  mean confidence  language guessed right")
        let engine = try PageReader()
        for (language, pages) in byLanguage.sorted(by: { $0.key < $1.key }) where language != "-" {
            // Evenly spread over the documents' pages of that language.
            let step = max(1, pages.count / max(ocrPages, 1))
            let chosen = stride(from: 0, to: pages.count, by: step).prefix(ocrPages).map { pages[$0] }
            var accuracy: [Double] = [], confidence: [Double] = [], images = 0, right = 0, seconds = 0.0
            for page in chosen {
                let t0 = Date()
                var recognised = "", conf = 0.0, guessed: [String] = []
                let rendered = PDFWriter.renderImages(page, dpi: dpi)
                for image in rendered {
                    let r = try engine.read(image)
                    recognised += r.text + "\n"; conf += r.confidence / Double(rendered.count)
                    if let l = r.language { guessed.append(l) }
                }
                seconds += Date().timeIntervalSince(t0)
                images += rendered.count
                accuracy.append(CharacterAccuracy.of(recognised, truth: page)); confidence.append(conf)
                if guessed.first == language { right += 1 }
            }
            guard !chosen.isEmpty else { continue }
            print(language.padding(toLength: 4, withPad: " ", startingAt: 0),
                  String(format: "%6d  %7.3f  %.4f, %.4f           %6.1f           %d/%d", images, Double(images) / seconds,
                         accuracy.reduce(0, +) / Double(accuracy.count), accuracy.min() ?? 0,
                         confidence.reduce(0, +) / Double(confidence.count), right, chosen.count))
        }
    }

    static func words(_ s: String) -> [Substring] { s.split(whereSeparator: \.isWhitespace) }

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
