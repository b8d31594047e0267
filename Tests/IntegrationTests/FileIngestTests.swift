import DalaAnalysis
import DalaCore
import DalaExtract
import DalaKafka
import DalaPostgres
import DalaService
import DalaStorage
@testable import EnrichmentWorker
import Foundation
import Hummingbird
@testable import IngestAPI
import QueryAPI
import Testing

/// Files in (issue 16): PDF/DOCX/HTML over HTTP → stored text, page map and original → analysis (and OCR) →
/// page numbers and the original from the query API. Real PostgreSQL and broker.
@Suite(.serialized, .enabled(if: Env.both, Env.reason))
struct FileIngestTests {
    static let pipeline = Result { try Pipeline() }

    /// What the enrichment worker does for one document: the OCR stage, then analysis and storage.
    static func enrich(_ id: UUID, postgres: PostgresClient) async throws -> String? {
        while true {
            switch try await OCRStage(client: postgres, budget: .zero).run(id, logger: Env.logger) {
            case .failed(let reason): return reason
            case .more: continue
            case .ready: break
            }
            break
        }
        let doc = try #require(try await DocumentStore(client: postgres).loadForEnrichment(id))
        let pipeline = try pipeline.get()
        let set = pipeline.analyze(doc.text, documentDate: doc.published).annotationSet(configHash: pipeline.configHash)
        _ = try await AnnotationStore(client: postgres).replace(documentID: id, with: set, startedAt: Date(), worker: "test")
        return nil
    }

    static func router(_ intake: DocumentIntake, _ postgres: PostgresClient) -> Router<BasicRequestContext> {
        IngestApp.buildRouter(intake: intake, validator: SubmissionValidator(),
                              operational: OperationalRoutes(service: "test", postgres: postgres, kafka: Env.kafka("dala-test")))
    }

    static func multipart(_ fields: [String: String], file: [UInt8], filename: String, type: String) -> (Data, String) {
        let boundary = "dala-\(UUID().uuidString)"
        var body = Data()
        for (k, v) in fields.sorted(by: { $0.key < $1.key }) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8)
        }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
        body += Data(file) + Data("\r\n--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    @Test func pdfTextLayerEndToEnd() async throws {
        // Extraction runs in a child process (`dala extract-file` beside the test bundle), as in the service.
        #expect(FileSettings.current.isolated != nil)
        let (intake, producer, postgres) = try await IngestServiceTests.makeIntake()
        let marker = "Ref \(UUID().uuidString.prefix(8))"
        let pages = ["Казахстан и Кыргызстан в 2021 году подписали соглашение о транзите грузов. \(marker)",
                     "Саммит ШОС прошёл в Бишкеке.\nУзбекистан и Казахстан подписали соглашение о торговле в 2022 году."]
        let pdf = PDFWriter.textPDF(pages: pages, title: "Файл-заголовок", author: "Иванова А.")
        let (id, second, third) = try await withLiveServer(Self.router(intake, postgres)) { base in
            let first = try await HTTP.send("POST", base + "/v1/documents?title=Users%20title&published=2023",
                                            body: Data(pdf), contentType: "application/pdf")
            #expect(first.status == 202, "\(first.text)")
            #expect(first.json?["pages"] as? Int == 2)
            #expect(first.json?["ocr_pages"] as? Int == 0)
            let again = try await HTTP.send("POST", base + "/v1/documents", body: Data(pdf), contentType: "application/pdf")
            let (form, type) = Self.multipart(["title": "x"], file: pdf, filename: "same.pdf", type: "application/octet-stream")
            let viaForm = try await HTTP.send("POST", base + "/v1/documents", body: form, contentType: type)
            return (try #require(first.json?["id"] as? String), again, viaForm)
        }
        // The same file again, raw or in a form, is the same document.
        #expect(second.status == 200 && second.json?["id"] as? String == id && second.json?["created"] as? Bool == false)
        #expect(third.status == 200 && third.json?["id"] as? String == id)
        let uuid = try #require(UUID(uuidString: id))

        let doc = try #require(try await postgres.query("""
            SELECT d.title, d.status, to_char(d.published, 'YYYY') AS y, d.metadata::text AS m, d.raw_text,
                   f.media_type, f.byte_length, f.sha256
            FROM documents d JOIN document_files f ON f.document_id = d.id WHERE d.id = \(id)::uuid
            """).first)
        #expect(doc["title"] == "Users title")          // the user's fields win
        #expect(doc["y"] == "2023")
        #expect(doc["m"]?.contains("Иванова А.") == true)   // authors from the file
        #expect(doc["status"] == "queued")
        #expect(doc["media_type"] == "application/pdf")
        #expect(doc["sha256"] == SHA256.hex(bytes: pdf))
        let map = try await FileStore(client: postgres).pageTexts(uuid)
        #expect(map.map { $0.page.page } == [1, 2])
        // Poppler gives the lines as cairo wrapped them.
        #expect(map.map { $0.text.split(whereSeparator: \.isWhitespace) } == pages.map { $0.split(whereSeparator: \.isWhitespace) })

        #expect(try await Self.enrich(uuid, postgres: postgres) == nil)
        let store = QueryStore(client: postgres)
        let mentions = try await store.mentions(document: uuid)
        #expect(!mentions.isEmpty)
        let raw = Array((doc["raw_text"] ?? "").unicodeScalars)
        for m in mentions {
            let page = try #require(m.page)
            #expect(map[page - 1].page.start <= m.start && m.end <= map[page - 1].page.end)
            #expect(String(String.UnicodeScalarView(raw[m.start..<m.end])) == m.surface)
        }
        #expect(mentions.contains { $0.surface == "ШОС" && $0.page == 2 })
        #expect(mentions.contains { $0.surface == "Кыргызстан" && $0.page == 1 })
        let eventIDs = try await postgres.query("SELECT id::text AS id FROM events WHERE document_id = \(id)::uuid")
            .map { try $0.decode("id", as: UUID.self) }
        #expect(!eventIDs.isEmpty)
        for e in eventIDs {
            let event = try #require(try await store.event(e))
            #expect(event.mentions.allSatisfy { $0.page != nil })
        }

        // The original and the page map from the query API.
        let query = QueryApp.buildRouter(store: store, vocabulary: FakeVocabulary(),
                                         operational: OperationalRoutes(service: "q", postgres: postgres, kafka: Env.kafka("dala-test")))
        try await withLiveServer(query) { base in
            let file = try await HTTP.send("GET", base + "/v1/documents/\(id)/file")
            #expect(file.status == 200)
            #expect(file.contentType == "application/pdf")
            #expect([UInt8](file.body) == pdf)
            let pagesView = try await HTTP.send("GET", base + "/v1/documents/\(id)/pages")
            #expect(pagesView.status == 200)
            #expect((pagesView.json?["pages"] as? [[String: Any]])?.count == 2)
            let detail = try await HTTP.send("GET", base + "/v1/documents/\(id)?include=mentions")
            #expect(detail.text.contains("\"page\":2"))
            let csv = try await HTTP.send("GET", base + "/v1/export/mentions?format=csv&document=\(id)")
            #expect(csv.text.split(whereSeparator: \.isNewline).first?.hasSuffix(",page") == true, "\(csv.text.prefix(300))")
            let events = try await HTTP.send("GET", base + "/v1/export/events?format=jsonl&limit=100000")
            let ours = events.text.split(separator: "\n").filter { $0.contains(id) }
            #expect(!ours.isEmpty && ours.allSatisfy { $0.contains("\"evidence_page\":\"") },
                    "\(ours.first ?? "")")
            #expect((try await HTTP.send("GET", base + "/v1/documents/\(UUID().uuidString.lowercased())/file")).status == 404)
            #expect((try await HTTP.send("GET", base + "/v1/documents/nope/pages")).status == 400)
        }
        await producer.shutdown()
        await postgres.shutdown()
    }

    @Test func htmlAndDocxWithFormFields() async throws {
        let (intake, producer, postgres) = try await IngestServiceTests.makeIntake()
        let marker = UUID().uuidString.prefix(8)
        let html = """
            <html lang="kk"><head><title>Су туралы \(marker)</title><meta name="author" content="Сейіт А."></head>
            <body><p>Қазақстан мен Өзбекстан 2019 жылы Ташкентте келісімге қол қойды.</p><script>x()</script><p>\(marker)</p></body></html>
            """
        let docxXML = "<w:document><w:body><w:p><w:r><w:t>Kazakhstan and Uzbekistan signed an agreement in Tashkent in 2019. \(marker)</w:t></w:r></w:p></w:body></w:document>"
        let docx = ZipWriter.archive([("word/document.xml", Array(docxXML.utf8))])
        try await withLiveServer(Self.router(intake, postgres)) { base in
            let h = try await HTTP.send("POST", base + "/v1/documents", body: Data(html.utf8), contentType: "text/html; charset=utf-8")
            #expect(h.status == 202, "\(h.text)")
            let hid = try #require(h.json?["id"] as? String)
            let row = try #require(try await postgres.query("SELECT title, language, raw_text FROM documents WHERE id = \(hid)::uuid").first)
            #expect(row["title"] == "Су туралы \(marker)")
            #expect(row["language"] == "kk")
            #expect(row["raw_text"] == "Қазақстан мен Өзбекстан 2019 жылы Ташкентте келісімге қол қойды.\n\(marker)")

            let (form, type) = Self.multipart(["title": "Form title", "language": "en", "published": "2019-05", "metadata": "{\"k\":1}"],
                                              file: docx, filename: "report.docx", type: "application/octet-stream")
            let d = try await HTTP.send("POST", base + "/v1/documents", body: form, contentType: type)
            #expect(d.status == 202, "\(d.text)")
            let did = try #require(d.json?["id"] as? String)
            let drow = try #require(try await postgres.query("""
                SELECT d.title, d.source, d.metadata::text AS m, f.media_type, f.filename
                FROM documents d JOIN document_files f ON f.document_id = d.id WHERE d.id = \(did)::uuid
                """).first)
            #expect(drow["title"] == "Form title")
            #expect(drow["source"] == "report.docx")
            #expect(drow["m"] == "{\"k\": 1}")
            #expect(drow["media_type"] == DocumentFormat.docx.mediaType)

            // A text file in a form is a text document.
            let (tform, ttype) = Self.multipart([:], file: Array("Таза мәтін \(marker)".utf8), filename: "a.txt", type: "text/plain")
            #expect((try await HTTP.send("POST", base + "/v1/documents", body: tform, contentType: ttype)).status == 202)
        }
        await producer.shutdown()
        await postgres.shutdown()
    }

    @Test func scannedPagesGoThroughTheOCRStage() async throws {
        let (intake, producer, postgres) = try await IngestServiceTests.makeIntake()
        let marker = Int.random(in: 100_000...999_999)   // digits: the letters of a hex id are OCR's usual confusions
        let text = "Kazakhstan and Uzbekistan signed an agreement on transboundary rivers in Tashkent in 2019. Code \(marker)"
        let second = "Саммит ШОС прошёл в Бишкеке. Казахстан предложил создать совместный фонд."
        let pdf = PDFWriter.scannedPDF(pages: [text, second], dpi: 200)
        let id = try await withLiveServer(Self.router(intake, postgres)) { base in
            let r = try await HTTP.send("POST", base + "/v1/documents", body: Data(pdf), contentType: "application/pdf")
            #expect(r.status == 202, "\(r.text)")
            #expect(r.json?["ocr_pages"] as? Int == 2)
            return try #require(UUID(uuidString: r.json?["id"] as? String ?? ""))
        }
        let files = FileStore(client: postgres)
        #expect(try await files.pagesView(id)?.ocr.status == "pending")
        // With no time budget each pass reads one page and hands the rest over (`.more`), as a long scan would.
        #expect(try await OCRStage(client: postgres, budget: .zero).run(id, logger: Env.logger) == .more)
        #expect(try await files.pagesView(id)?.ocr.done == 1)
        #expect(try await Self.enrich(id, postgres: postgres) == nil)
        let view = try #require(try await files.pagesView(id))
        #expect(view.ocr.status == "done" && view.ocr.done == 2)
        #expect(view.pages.map(\.source) == ["ocr", "ocr"])
        #expect(view.pages.allSatisfy { ($0.ocrConfidence ?? 0) > 60 })
        #expect(view.pages.map(\.ocrLanguage) == ["en", "ru"])
        // No title given and none in the file: the first OCR'd line is the title.
        let title = try await postgres.query("SELECT title FROM documents WHERE id = \(id.uuidString)::uuid").first?["title"]
        #expect(title?.hasPrefix("Kazakhstan and Uzbekistan") == true, "\(String(describing: title))")
        let raw = try #require(try await QueryStore(client: postgres).rawText(id))
        #expect(CharacterAccuracy.of(raw, truth: text + "\u{0C}" + second) > 0.95, "\(raw)")
        let mentions = try await QueryStore(client: postgres).mentions(document: id)
        #expect(mentions.contains { $0.surface == "Kazakhstan" && $0.page == 1 })
        #expect(mentions.contains { $0.surface == "ШОС" && $0.page == 2 })
        await producer.shutdown()
        await postgres.shutdown()
    }

    @Test func badFilesGetAReasonAndNoOrphanFile() async throws {
        let (intake, producer, postgres) = try await IngestServiceTests.makeIntake()
        let tenThousand = PDFWriter.textPDF(pages: Array(repeating: "", count: 10_000))
        let bomb = ZipWriter.archive([("word/document.xml", Array("<w:document>".utf8) + [UInt8](repeating: 0x61, count: 30_000_000))])
        let cases: [(String, [UInt8], String, Int)] = [
            ("corrupt", Array("%PDF-1.7\nnot really".utf8), "application/pdf", 422),
            ("not a pdf", Array("hello".utf8), "application/pdf", 422),
            ("empty", [], "application/pdf", 422),
            ("10,000 pages", tenThousand, "application/pdf", 413),
            ("zip bomb", bomb, DocumentFormat.docx.mediaType, 413),
            ("not a zip", Array("PK\u{3}\u{4}garbage".utf8), DocumentFormat.docx.mediaType, 422),
            ("over the HTML limit", [UInt8](repeating: 0x61, count: 11 << 20), "text/html", 413),
            ("script only", Array("<script>1</script>".utf8), "text/html", 422),
        ]
        try await withLiveServer(Self.router(intake, postgres)) { base in
            for (name, body, type, status) in cases {
                let r = try await HTTP.send("POST", base + "/v1/documents", body: Data(body), contentType: type)
                #expect(r.status == status, "\(name): \(r.text)")
                #expect(r.contentType?.hasPrefix("application/problem+json") == true, "\(name)")
                let stored = try await postgres.query("SELECT count(*) AS n FROM document_files WHERE sha256 = \(SHA256.hex(bytes: body))")
                #expect(stored.first?["n"] == "0", "\(name)")
            }
            let (noFile, type) = Self.multipart(["title": "t"], file: [], filename: "", type: "")
            let r = try await HTTP.send("POST", base + "/v1/documents", body: Data(String(decoding: noFile, as: UTF8.self)
                .replacingOccurrences(of: "name=\"file\"; filename=\"\"", with: "name=\"other\"").utf8), contentType: type)
            #expect(r.status == 422 || r.status == 415, "\(r.text)")
        }
        // An image without text: accepted (the text may come from OCR), then failed with the reason.
        let blank = PDFWriter.scannedPDF(pages: ["."])
        let id = try await withLiveServer(Self.router(intake, postgres)) { base in
            let r = try await HTTP.send("POST", base + "/v1/documents", body: Data(blank), contentType: "application/pdf")
            #expect(r.status == 202 || r.status == 200, "\(r.text)")
            return try #require(UUID(uuidString: r.json?["id"] as? String ?? ""))
        }
        let reason = try await Self.enrich(id, postgres: postgres)
        #expect(reason?.contains("no text") == true)
        let row = try await postgres.query("SELECT status, error FROM documents WHERE id = \(id.uuidString)::uuid").first
        #expect(row?["status"] == "failed")
        #expect(row?["error"]?.contains("OCR") == true)
        await producer.shutdown()
        await postgres.shutdown()
    }
}
