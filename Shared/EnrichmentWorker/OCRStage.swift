import DalaExtract
import DalaPostgres
import DalaService
import DalaStorage
import Foundation
import Logging

/// The OCR stage: before analysis, pages of an uploaded PDF that had no usable text layer are rendered and read by
/// Tesseract (kk+ru+en), one page at a time with progress saved per page (a restarted worker resumes), then the
/// document's text and page map are rebuilt with the recognised pages in place. Documents without such pages pass
/// straight through with one indexed query. One message gets at most `budget` of OCR: a long scan is then put
/// back on the topic (`.more`) so other documents pass in between and the consumer keeps polling.
struct OCRStage: Sendable {
    enum Outcome: Equatable { case ready, more, failed(String) }

    let files: FileStore
    let limits: ExtractionLimits
    /// Tesseract and poppler run here, off Swift's cooperative pool.
    static let thread = BlockingWorker(label: "dala.enrichment.ocr")

    let budget: Duration

    init(client: PostgresClient, limits: ExtractionLimits = ExtractionLimits(), budget: Duration = .seconds(30)) {
        files = FileStore(client: client); self.limits = limits; self.budget = budget
    }

    /// Runs OCR when the document needs it: `.ready` for analysis, `.more` when pages remain after the budget,
    /// `.failed` with the reason when no page yielded any text.
    func run(_ id: UUID, logger: Logger) async throws -> Outcome {
        guard let work = try await files.ocrWork(id) else { return .ready }
        let todo = work.pending.filter { !work.recognised.contains($0) }
        let clock = ContinuousClock(), started = clock.now
        if !todo.isEmpty {
            let bytes = work.bytes, limits = self.limits
            // One renderer and one engine per document: loading the three models costs ~0.3 s.
            let session = try await Self.thread.run { () throws -> OCRSession in try OCRSession(bytes) }
            for (n, page) in todo.enumerated() {
                if n > 0 && clock.now - started > budget {
                    // Progress was made: this hand-over is no failed attempt.
                    try await files.releaseAttempt(id)
                    logger.info("OCR continues later", metadata: [LogKey.documentID: "\(id.lowercasedString)",
                                                                  "ocr.left": "\(todo.count - n)"])
                    return .more
                }
                let result = try await Self.thread.run { () throws -> OCRPage in try session.recognise(page: page, limits: limits) }
                try await files.saveOCRPage(id, page: page, text: result.text, confidence: result.confidence, language: result.language)
                logger.info("OCR page done", metadata: [LogKey.documentID: "\(id.lowercasedString)", "page": "\(page)",
                                                        "ocr.confidence": "\(Int(result.confidence))", "ocr.language": "\(result.language ?? "-")"])
            }
        }
        let pages = try await files.pageTexts(id)
        let (text, spans) = Extraction.assemble(pages.map { p in
            (p.page.page, p.text, p.page.source == "pending" ? PageSpan.Source.ocr : PageSpan.Source(rawValue: p.page.source) ?? .text,
             p.page.confidence)
        })
        guard text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else {
            let reason = "no text found: \(work.pending.count) page(s) without a text layer and OCR recognised nothing"
            try await files.failOCR(id, reason: reason)
            return .failed(reason)
        }
        let languages = Dictionary(uniqueKeysWithValues: pages.map { ($0.page.page, $0.page.language) })
        let first = pages.first.map { FirstPage.metadata($0.text) } ?? FileMetadata()
        try await files.finishOCR(id, text: text, pages: spans.map {
            StoredPage(page: $0.page, start: $0.start, end: $0.end, source: $0.source.rawValue, confidence: $0.confidence,
                       language: languages[$0.page] ?? nil)
        }, title: first.title, year: first.year)
        return .ready
    }
}

/// A renderer and an engine for one document. One owner at a time: every call on `OCRStage.thread`.
final class OCRSession: @unchecked Sendable {
    let renderer: PDFPageRenderer
    let reader: PageReader

    init(_ bytes: [UInt8]) throws {
        renderer = try PDFPageRenderer(bytes)
        reader = try PageReader()
    }

    func recognise(page: Int, limits: ExtractionLimits) throws -> OCRPage {
        try reader.read(try renderer.render(page: page, limits: limits), deadline: limits.maxOCRSecondsPerPage)
    }
}
