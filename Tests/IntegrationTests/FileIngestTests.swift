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
            // While its pages wait for OCR the document says so, in ingest's answer as in the query API.
            #expect(r.json?["status"] as? String == "extracting", "\(r.text)")
            return try #require(UUID(uuidString: r.json?["id"] as? String ?? ""))
        }
        let files = FileStore(client: postgres)
        #expect(try await files.pagesView(id)?.ocr.status == "pending")
        #expect(try await files.pagesView(id)?.status == "extracting")
        let query = QueryStore(client: postgres)
        #expect(try await query.document(id)?.status == "extracting")
        #expect(try await query.document(sha256: SHA256.hex(bytes: pdf))?.status == "extracting")
        let listed = try await query.documents(limit: 500, cursor: nil, status: "extracting", language: nil).items
        #expect(listed.contains { $0.id == id })
        #expect(try await !query.documents(limit: 500, cursor: nil, status: "queued", language: nil).items.contains { $0.id == id })
        // The document's JSON names its file and shows the OCR progress.
        var detail = try await Self.detail(id, postgres)
        #expect(detail["ocr"] as? NSDictionary == ["status": "pending", "pages_total": 2, "pages_done": 0])
        #expect(detail["status"] as? String == "extracting")
        #expect(detail["file"] as? NSDictionary == ["media_type": "application/pdf", "sha256": SHA256.hex(bytes: pdf),
                                                    "bytes": pdf.count, "pages": 2])
        // With no time budget each pass reads one page and hands the rest over (`.more`), as a long scan would.
        #expect(try await OCRStage(client: postgres, budget: .zero).run(id, logger: Env.logger) == .more)
        #expect(try await files.pagesView(id)?.ocr.done == 1)
        detail = try await Self.detail(id, postgres)
        #expect(detail["ocr"] as? NSDictionary == ["status": "pending", "pages_total": 2, "pages_done": 1])
        #expect(try await Self.enrich(id, postgres: postgres) == nil)
        detail = try await Self.detail(id, postgres)
        #expect(detail["ocr"] as? NSDictionary == ["status": "done", "pages_total": 2, "pages_done": 2])
        #expect(detail["status"] as? String != "extracting")
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

    /// `dala submit` on a PDF without an extension: sniffed, sent raw as application/pdf with its flags, stored, enriched.
    @Test func cliSubmitsAPDF() async throws {
        let dala = try #require(IsolatedExtractor.besideThisExecutable()?.executable)
        let (intake, producer, postgres) = try await IngestServiceTests.makeIntake()
        let marker = "Ref \(UUID().uuidString.prefix(8))"
        let pdf = PDFWriter.textPDF(pages: ["Казахстан и Кыргызстан в 2021 году подписали соглашение о транзите грузов. \(marker)"],
                                    title: "Заголовок файла")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dala-submit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("transit-scan")
        try Data(pdf).write(to: file)
        let (status, output) = try await withLiveServer(Self.router(intake, postgres)) { base in
            try await Self.run(dala, ["submit", "--url", base, "--title", "CLI title", "--published", "2021-03",
                                      "--language", "ru", file.path])
        }
        #expect(status == 0, "\(output)")
        let idText = try #require(output.split(separator: "\n").first { $0.hasPrefix("created") }?
            .split(separator: " ", omittingEmptySubsequences: true).dropFirst().first, "\(output)")
        let id = try #require(UUID(uuidString: String(idText)))
        let row = try #require(try await postgres.query("""
            SELECT d.title, d.language, to_char(d.published, 'YYYY-MM') AS p, d.source, f.media_type, f.filename, f.sha256
            FROM documents d JOIN document_files f ON f.document_id = d.id WHERE d.id = \(id.uuidString)::uuid
            """).first)
        #expect(row["title"] == "CLI title" && row["language"] == "ru" && row["p"] == "2021-03")
        #expect(row["source"] == "file:transit-scan" && row["filename"] == "transit-scan")
        #expect(row["media_type"] == "application/pdf" && row["sha256"] == SHA256.hex(bytes: pdf))
        #expect(try await Self.enrich(id, postgres: postgres) == nil)
        let mentions = try await QueryStore(client: postgres).mentions(document: id)
        #expect(mentions.contains { $0.surface == "Кыргызстан" && $0.page == 1 })
        let detail = try await Self.detail(id, postgres)
        #expect(detail["file"] as? NSDictionary == ["media_type": "application/pdf", "filename": "transit-scan",
                                                    "sha256": SHA256.hex(bytes: pdf), "bytes": pdf.count, "pages": 1])
        #expect(detail["ocr"] == nil)
        await producer.shutdown()
        await postgres.shutdown()
    }

    /// `POST /v1/documents/batch` with several files in one form: one answer line per file part, in order; a bad
    /// file is refused with its reason while the others are stored.
    @Test func multipartBatchOfFiles() async throws {
        let (intake, producer, postgres) = try await IngestServiceTests.makeIntake()
        let marker = UUID().uuidString.prefix(8)
        let pdf = PDFWriter.textPDF(pages: ["Казахстан и Кыргызстан подписали соглашение о транзите. \(marker)"])
        let docxXML = "<w:document><w:body><w:p><w:r><w:t>Kazakhstan and Uzbekistan met in Tashkent. \(marker)</w:t></w:r></w:p></w:body></w:document>"
        let docx = ZipWriter.archive([("word/document.xml", Array(docxXML.utf8))])
        let html = Array("<!DOCTYPE html><html><head><title>Batch \(marker)</title></head><body><p>Astana \(marker)</p></body></html>".utf8)
        // (name, bytes, Content-Type of the part or nil)
        let parts: [(String, [UInt8], String?)] = [
            ("a.pdf", pdf, "application/pdf"), ("b.docx", docx, "application/octet-stream"), ("page", html, nil),
            ("c.txt", Array("Таза мәтін \(marker)".utf8), "text/plain"), ("broken.pdf", Array("%PDF-1.4 garbage".utf8), nil),
            ("again.pdf", pdf, nil), ("x.bin", [0, 1, 2, 3], "application/octet-stream"),
        ]
        let boundary = "dala-\(UUID().uuidString)"
        var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nru\r\n".utf8)
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nignored for several files\r\n".utf8)
        for (name, bytes, type) in parts {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\n".utf8)
            if let type { body += Data("Content-Type: \(type)\r\n".utf8) }
            body += Data("\r\n".utf8) + Data(bytes) + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        let form = body
        let (reply, empty) = try await withLiveServer(Self.router(intake, postgres)) { base in
            (try await HTTP.send("POST", base + "/v1/documents/batch", body: form, contentType: "multipart/form-data; boundary=\(boundary)"),
             try await HTTP.send("POST", base + "/v1/documents/batch",
                                 body: Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nru\r\n--\(boundary)--\r\n".utf8),
                                 contentType: "multipart/form-data; boundary=\(boundary)"))
        }
        #expect(reply.status == 200 && reply.contentType?.hasPrefix("application/x-ndjson") == true)
        #expect(empty.status == 400, "\(empty.text)")
        let lines = reply.text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(lines.map { $0["part"] as? Int } == Array(1...7), "\(reply.text)")
        #expect(lines.map { $0["filename"] as? String } == parts.map(\.0))
        #expect(lines.map { $0["status"] as? String } == ["queued", "queued", "queued", "queued", nil, "queued", nil], "\(reply.text)")
        #expect(lines[0]["created"] as? Bool == true && lines[0]["pages"] as? Int == 1 && lines[0]["ocr_pages"] as? Int == 0)
        #expect(lines[4]["status"] as? Int == 422 && (lines[4]["detail"] as? String)?.isEmpty == false, "\(lines[4])")
        #expect(lines[5]["id"] as? String == lines[0]["id"] as? String && lines[5]["created"] as? Bool == false)
        #expect(lines[6]["status"] as? Int == 415)
        let ids = lines.prefix(4).compactMap { $0["id"] as? String }
        #expect(Set(ids).count == 4)
        let rows = try await postgres.query("""
            SELECT d.id::text AS id, d.language, d.title, f.media_type FROM documents d
            LEFT JOIN document_files f ON f.document_id = d.id WHERE d.id = ANY(\("{" + ids.joined(separator: ",") + "}")::uuid[])
            """)
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] ?? "", $0) })
        #expect(ids.allSatisfy { byID[$0]?["language"] == "ru" && byID[$0]?["title"] != "ignored for several files" })
        #expect(ids.prefix(3).map { byID[$0]?["media_type"] } == [DocumentFormat.pdf.mediaType, DocumentFormat.docx.mediaType, "text/html"])
        #expect(byID[ids[2]]?["title"] == "Batch \(marker)")
        await producer.shutdown()
        await postgres.shutdown()
    }

    /// `GET /v1/documents/{id}` as PostgreSQL renders it, checked equal to the encoded `DocumentDetail`
    /// (what `?include=mentions` sends) before it is returned.
    static func detail(_ id: UUID, _ postgres: PostgresClient) async throws -> NSDictionary {
        let store = QueryStore(client: postgres)
        let rendered = try #require(try await store.documentDetailJSON(id))
        let encoded = try DalaJSON.encode(try #require(try await store.documentDetail(id)))
        var actual = try #require(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        actual["id"] = (actual["id"] as? String)?.lowercased()
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(encoded)) as? NSDictionary)
        #expect(actual as NSDictionary == expected, "\(rendered)")
        return expected
    }

    /// Runs a child process to its end without blocking a thread of the cooperative pool; its stdout and exit status.
    static func run(_ executable: String, _ arguments: [String]) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("dala-out-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try handle.close()
        return (status, (try? String(contentsOf: out, encoding: .utf8)) ?? "")
    }

    /// OCR runs in a child per page: a child that dies (here a stand-in `dala` that crashes with SIGSEGV) fails
    /// that document with the reason, and the worker's process carries on.
    @Test func aPageThatCrashesOCRFailsItsDocumentNotTheWorker() async throws {
        #expect(OCRStage.defaultIsolation != nil)   // the real `dala ocr-page` beside the tests (the other OCR tests use it)
        let (intake, producer, postgres) = try await IngestServiceTests.makeIntake()
        let pdf = PDFWriter.scannedPDF(pages: ["Crash test \(Int.random(in: 100_000...999_999))"], dpi: 100)
        let id = try await withLiveServer(Self.router(intake, postgres)) { base in
            let r = try await HTTP.send("POST", base + "/v1/documents", body: Data(pdf), contentType: "application/pdf")
            #expect(r.status == 202 && r.json?["ocr_pages"] as? Int == 1, "\(r.text)")
            return try #require(UUID(uuidString: r.json?["id"] as? String ?? ""))
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dala-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let crasher = dir.appendingPathComponent("dala")
        try Data("#!/bin/sh\nkill -SEGV $$\n".utf8).write(to: crasher)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: crasher.path)
        let outcome = try await OCRStage(client: postgres, budget: .zero, isolated: IsolatedOCR(executable: crasher.path))
            .run(id, logger: Env.logger)
        guard case .failed(let reason) = outcome else { Issue.record("expected a failure, got \(outcome)"); return }
        #expect(reason.contains("page 1") && reason.contains("signal 11"), "\(reason)")
        let row = try #require(try await postgres.query("SELECT status, error FROM documents WHERE id = \(id.uuidString)::uuid").first)
        #expect(row["status"] == "failed" && row["error"] == reason)
        #expect((try await Self.detail(id, postgres))["ocr"] as? NSDictionary == ["status": "failed", "pages_total": 1, "pages_done": 0])
        await producer.shutdown()
        await postgres.shutdown()
    }

    /// The web upload page with a PDF: the file travels in its `dala.documents.submit` message, ingest's submit
    /// consumer extracts it on the same path as `POST /v1/documents` (page map, original kept), and the page that
    /// follows the upload finds the document by the file's hash. A file ingest cannot read is dead-lettered.
    @Test func webUploadOfAFileGoesThroughTheSubmitTopic() async throws {
        let (intake, producer, postgres) = try await IngestServiceTests.makeIntake()
        let marker = "Upload \(UUID().uuidString.prefix(8))"
        let pdf = PDFWriter.textPDF(pages: ["Казахстан и Узбекистан подписали соглашение о воде. \(marker)", "Вторая страница."])
        let broken = Array("%PDF-1.7 \(marker) broken".utf8)
        let boundary = "up-\(UUID().uuidString)"
        var form = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"published\"\r\n\r\n2024-03\r\n".utf8)
        for (name, bytes) in [("water.pdf", pdf), ("broken.pdf", broken)] {
            form += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
            form += Data(bytes) + Data("\r\n".utf8)
        }
        form += Data("--\(boundary)--\r\n".utf8)
        let body = form
        let consumer = try KafkaConsumer(configuration: Env.kafka("dala-test-upload"), groupID: "dala-ingest-upload-\(UUID().uuidString)",
                                         topics: [Topics.submit], logger: Env.logger)
        let service = SubmitConsumer(consumer: consumer, intake: intake, validator: SubmissionValidator(),
                                     deadLetters: DeadLetterPublisher(producer: producer, service: "test", logger: Env.logger),
                                     logger: Env.logger)
        let store = QueryStore(client: postgres)
        let router = QueryApp.buildRouter(store: store, vocabulary: FakeVocabulary(),
                                          operational: OperationalRoutes(service: "q", postgres: postgres, kafka: Env.kafka("dala-test")),
                                          submissions: KafkaSubmissionPublisher(producer: producer))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await service.run() }
            try await withLiveServer(router) { base in
                let reply = try await HTTP.send("POST", base + "/upload", body: body, contentType: "multipart/form-data; boundary=\(boundary)",
                                                headers: ["Origin": base])
                #expect(reply.status == 200, "\(reply.status) \(reply.text.prefix(300))")
                var stored: (id: UUID, status: String, title: String?)? = nil
                for _ in 0..<150 where stored == nil {
                    stored = try await store.document(sha256: SHA256.hex(bytes: pdf))
                    if stored == nil { try await Task.sleep(for: .milliseconds(200)) }
                }
                let doc = try #require(stored, "the uploaded PDF was stored by ingest")
                let view = try #require(try await FileStore(client: postgres).pagesView(doc.id))
                #expect(view.filename == "water.pdf" && view.pages.count == 2 && view.mediaType == "application/pdf")
                let row = try #require(try await postgres.query("""
                    SELECT source, to_char(published, 'YYYY-MM') AS published, raw_text FROM documents WHERE id = \(doc.id.uuidString)::uuid
                    """).first)
                #expect(row["source"] == "upload:water.pdf" && row["published"] == "2024-03")
                #expect(row["raw_text"]?.contains(marker) == true)
                // The page that follows the upload lists it (found by the file's hash).
                let follow = try await HTTP.send("GET", base + "/upload?sha=" + SHA256.hex(bytes: pdf))
                #expect(follow.text.contains("/documents/\(doc.id.uuidString.lowercased())"))
                // The broken file: refused by ingest with its reason, nothing stored.
                let letter = try await awaitMessage(on: Topics.deadLetter) { m in
                    (try? DalaJSON.decode(Envelope<DeadLetter>.self, from: m.value))?.payload.payload?.contains("broken.pdf") == true
                }
                let reason = try DalaJSON.decode(Envelope<DeadLetter>.self, from: try #require(letter).value).payload.reason
                #expect(reason.hasPrefix("422"), "\(reason)")
                #expect(try await postgres.query("SELECT 1 FROM document_files WHERE sha256 = \(SHA256.hex(bytes: broken))").isEmpty)
            }
            await consumer.shutdown()
            try await tasks.waitForAll()
        }
        await producer.shutdown()
        await postgres.shutdown()
    }

    /// `POST /v1/documents/batch` over its 200 MiB limit: 413 problem+json naming the limit, whether the client
    /// declares the length or streams the body; none of the valid files before the excess is stored; the service
    /// goes on serving.
    @Test func fileBatchOverTheLimitIsRefusedWhole() async throws {
        let (intake, producer, postgres) = try await IngestServiceTests.makeIntake()
        let limit = FileSettings.current.maxBatchBytes
        #expect(limit == 200 << 20)
        let marker = "Limit \(UUID().uuidString.prefix(8))"
        let first = PDFWriter.textPDF(pages: ["Казахстан и Кыргызстан подписали соглашение. \(marker)"])
        let text = Array("Kazakhstan and Uzbekistan met in Tashkent. \(marker)".utf8)
        let boundary = "lim-\(UUID().uuidString)"
        var body = Data()
        for (name, bytes, type) in [("first.pdf", first, "application/pdf"), ("note.txt", text, "text/plain")] {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\nContent-Type: \(type)\r\n\r\n".utf8)
            body += Data(bytes) + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"filler.txt\"\r\nContent-Type: text/plain\r\n\r\n".utf8)
        body += Data(repeating: 0x61, count: limit + 1024 - body.count) + Data("\r\n--\(boundary)--\r\n".utf8)
        #expect(body.count > limit)
        let form = body, type = "multipart/form-data; boundary=\(boundary)"
        try await withLiveServer(Self.router(intake, postgres)) { base in
            for stream in [false, true] {
                let r = try await HTTP.send("POST", base + "/v1/documents/batch", body: form, contentType: type, stream: stream)
                #expect(r.status == 413, "stream \(stream): \(r.status) \(r.text.prefix(300))")
                #expect(r.contentType?.hasPrefix("application/problem+json") == true)
                #expect(r.json?["title"] as? String == "Batch too large")
                #expect((r.json?["detail"] as? String)?.contains("\(limit) bytes") == true, "\(r.text)")
            }
            #expect(try await postgres.query("SELECT 1 FROM document_files WHERE sha256 = \(SHA256.hex(bytes: first))").isEmpty)
            #expect(try await postgres.query("SELECT 1 FROM documents WHERE sha256 = \(SHA256.hex(bytes: text))").isEmpty)
            // Still serving: the same files without the filler are taken.
            var small = Data()
            for (name, bytes, t) in [("first.pdf", first, "application/pdf"), ("note.txt", text, "text/plain")] {
                small += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\nContent-Type: \(t)\r\n\r\n".utf8)
                small += Data(bytes) + Data("\r\n".utf8)
            }
            small += Data("--\(boundary)--\r\n".utf8)
            let ok = try await HTTP.send("POST", base + "/v1/documents/batch", body: small, contentType: type)
            #expect(ok.status == 200 && ok.text.components(separatedBy: "\"created\":true").count == 3, "\(ok.text)")
        }
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
