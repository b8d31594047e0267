import DalaCore
import DalaPostgres
import Foundation

/// One page's place in a document's text.
public struct StoredPage: Sendable, Equatable, Codable {
    public var page: Int
    public var start: Int
    public var end: Int
    /// text | ocr | pending
    public var source: String
    public var confidence: Double?
    public var language: String?
    public init(page: Int, start: Int, end: Int, source: String, confidence: Double? = nil, language: String? = nil) {
        self.page = page; self.start = start; self.end = end; self.source = source
        self.confidence = confidence; self.language = language
    }
}

/// An uploaded file and what extraction made of it.
public struct FileToStore: Sendable {
    public var sha256: String
    public var mediaType: String
    public var filename: String?
    public var bytes: [UInt8]
    public var pages: [StoredPage]
    /// JSON object: title, authors, year, language as found in the file.
    public var metadataJSON: String
    public init(sha256: String, mediaType: String, filename: String?, bytes: [UInt8], pages: [StoredPage], metadataJSON: String) {
        self.sha256 = sha256; self.mediaType = mediaType; self.filename = filename; self.bytes = bytes
        self.pages = pages; self.metadataJSON = metadataJSON
    }
}

/// A stored original file, for download.
public struct StoredFile: Sendable {
    public var mediaType: String
    public var filename: String?
    public var sha256: String
    public var bytes: [UInt8]
}

/// Original files and page maps (migration 0005).
public struct FileStore: Sendable {
    public let client: PostgresClient
    public init(client: PostgresClient) { self.client = client }

    /// Whether this exact file is already stored: its document then, so the caller need not extract it again.
    public func existing(fileSHA256: String) async throws -> StoredDocumentRef? {
        try await client.query("""
            SELECT d.id::text AS id, \(unescaped: DocumentStatus.shown("d.")) AS status
            FROM document_files f JOIN documents d ON d.id = f.document_id WHERE f.sha256 = \(fileSHA256)
            """).first.map { StoredDocumentRef(id: try $0.decode("id", as: UUID.self), created: false, status: $0["status"] ?? "received") }
    }

    /// Stores a document made from a file, with the file and its page map, in one transaction. The same file again,
    /// or a file whose text is already stored, answers the existing document (the file is attached to it if it had none).
    public func insert(_ doc: ValidatedDocument, file: FileToStore) async throws -> StoredDocumentRef {
        let id = UUID()
        let (published, precision) = DocumentStore.publishedDate(doc.published)
        let length = doc.text.unicodeScalars.count
        let ocrPages = file.pages.filter { $0.source == "pending" }.count
        return try await client.withTransaction { conn in
            if let row = try conn.query("""
                SELECT d.id::text AS id, d.status FROM document_files f JOIN documents d ON d.id = f.document_id
                WHERE f.sha256 = \(file.sha256)
                """).first {
                return StoredDocumentRef(id: try row.decode("id", as: UUID.self), created: false, status: row["status"] ?? "received")
            }
            var ref: StoredDocumentRef
            if let row = try conn.query("""
                INSERT INTO documents (id, sha256, raw_text, title, source, language, published, published_precision,
                                       metadata, char_length)
                VALUES (\(id.uuidString)::uuid, \(doc.sha256), \(doc.text), \(doc.title), \(doc.source), \(doc.language),
                        \(published)::date, \(precision), \(doc.metadataJSON)::jsonb, \(length))
                ON CONFLICT (sha256) DO NOTHING
                RETURNING id::text AS id, status
                """).first {
                ref = StoredDocumentRef(id: try row.decode("id", as: UUID.self), created: true, status: row["status"] ?? "received")
            } else {
                guard let row = try conn.query("SELECT id::text AS id, status FROM documents WHERE sha256 = \(doc.sha256)").first else {
                    throw StorageError(.corrupt, "document with a conflicting hash vanished")
                }
                ref = StoredDocumentRef(id: try row.decode("id", as: UUID.self), created: false, status: row["status"] ?? "received")
            }
            // Same text hash means the same text, so this page map fits an existing document too.
            let attached = try conn.query("""
                INSERT INTO document_files (document_id, sha256, media_type, filename, byte_length, content, page_count,
                                            ocr_pages, ocr_status, file_metadata)
                VALUES (\(ref.id.uuidString)::uuid, \(file.sha256), \(file.mediaType), \(file.filename), \(file.bytes.count),
                        \(file.bytes), \(file.pages.count), \(ocrPages), \(ocrPages > 0 ? "pending" : "none"),
                        \(file.metadataJSON)::jsonb)
                ON CONFLICT DO NOTHING
                RETURNING document_id
                """)
            if !attached.isEmpty { try Self.writePages(ref.id, file.pages, conn: conn) }
            return ref
        }
    }

    static func writePages(_ id: UUID, _ pages: [StoredPage], conn: PostgresConnection) throws {
        _ = try conn.execute("DELETE FROM document_pages WHERE document_id = \(id.uuidString)::uuid")
        guard !pages.isEmpty else { return }
        _ = try conn.execute("""
            INSERT INTO document_pages (document_id, page, start_offset, end_offset, source, ocr_confidence, ocr_language)
            SELECT \(id.uuidString)::uuid, p, s, e, src, c, l
            FROM unnest(\(pages.map(\.page))::int[], \(pages.map(\.start))::int[], \(pages.map(\.end))::int[],
                        \(pages.map(\.source))::text[], \(pages.map { $0.confidence.map { String($0) } ?? "" })::text[],
                        \(pages.map { $0.language ?? "" })::text[]) AS t(p, s, e, src, c_text, l_text),
                 LATERAL (SELECT nullif(c_text, '')::real AS c, nullif(l_text, '') AS l) x
            """)
    }

    /// The original file of a document; nil when the document was not made from a file.
    public func file(for id: UUID) async throws -> StoredFile? {
        try await client.query("""
            SELECT media_type, filename, sha256, content FROM document_files WHERE document_id = \(id.uuidString)::uuid
            """).first.map { row in
            StoredFile(mediaType: row["media_type"] ?? "application/octet-stream", filename: row["filename"],
                       sha256: row["sha256"] ?? "", bytes: try row.decode("content", as: [UInt8].self))
        }
    }

    // MARK: OCR stage

    /// Work left for OCR: the file and the pages still pending (those already recognised are skipped after a crash).
    public struct OCRWork: Sendable {
        public var bytes: [UInt8]
        public var pending: [Int]
        public var recognised: Set<Int>
    }

    /// nil when the document has no pages waiting for OCR.
    public func ocrWork(_ id: UUID) async throws -> OCRWork? {
        try await client.withConnection { conn in
            let pages = try conn.query("""
                SELECT page, ocr_text IS NOT NULL AS done FROM document_pages
                WHERE document_id = \(id.uuidString)::uuid AND source = 'pending' ORDER BY page
                """)
            guard !pages.isEmpty else { return nil }
            guard let file = try conn.query("SELECT content FROM document_files WHERE document_id = \(id.uuidString)::uuid").first else {
                return nil
            }
            let pending = try pages.map { try $0.decode("page", as: Int.self) }
            let done = try pages.filter { $0["done"] == "t" }.map { try $0.decode("page", as: Int.self) }
            return OCRWork(bytes: try file.decode("content", as: [UInt8].self), pending: pending, recognised: Set(done))
        }
    }

    /// Keeps one page's OCR result and counts it in the document's progress.
    public func saveOCRPage(_ id: UUID, page: Int, text: String, confidence: Double, language: String?) async throws {
        try await client.withTransaction { conn in
            let n = try conn.execute("""
                UPDATE document_pages SET ocr_text = \(text), ocr_confidence = \(confidence), ocr_language = \(language)
                WHERE document_id = \(id.uuidString)::uuid AND page = \(page) AND source = 'pending' AND ocr_text IS NULL
                """)
            if n > 0 {
                _ = try conn.execute("UPDATE document_files SET ocr_done = ocr_done + 1 WHERE document_id = \(id.uuidString)::uuid")
            }
        }
    }

    /// The page texts as they stand: text-layer pages from the stored text, OCR pages from their results.
    public func pageTexts(_ id: UUID) async throws -> [(page: StoredPage, text: String)] {
        try await client.query("""
            SELECT p.page, p.start_offset, p.end_offset, p.source, p.ocr_confidence, p.ocr_language,
                   CASE WHEN p.source = 'pending' THEN coalesce(p.ocr_text, '')
                        ELSE substr(d.raw_text, p.start_offset + 1, p.end_offset - p.start_offset) END AS text
            FROM document_pages p JOIN documents d ON d.id = p.document_id
            WHERE p.document_id = \(id.uuidString)::uuid ORDER BY p.page
            """).map { row in
            (StoredPage(page: try row.decode("page", as: Int.self), start: try row.decode("start_offset", as: Int.self),
                        end: try row.decode("end_offset", as: Int.self), source: row["source"] ?? "text",
                        confidence: row["ocr_confidence"].flatMap(Double.init), language: row["ocr_language"]),
             row["text"] ?? "")
        }
    }

    /// Replaces the document's text with the OCR'd pages in place, and its page map, in one transaction; a title and
    /// year read from the first page fill the document's only where neither the user nor the file gave one.
    public func finishOCR(_ id: UUID, text: String, pages: [StoredPage], title: String? = nil, year: Int? = nil) async throws {
        let length = text.unicodeScalars.count
        try await client.withTransaction { conn in
            _ = try conn.execute("""
                UPDATE documents SET raw_text = \(text), char_length = \(length), title = coalesce(title, \(title)),
                    published = coalesce(published, make_date(\(year)::int, 1, 1)),
                    published_precision = CASE WHEN published IS NULL AND \(year)::int IS NOT NULL THEN 'year'
                                               ELSE published_precision END
                WHERE id = \(id.uuidString)::uuid
                """)
            try Self.writePages(id, pages, conn: conn)
            _ = try conn.execute("UPDATE document_files SET ocr_status = 'done' WHERE document_id = \(id.uuidString)::uuid")
        }
    }

    /// Gives back the attempt counted for a message whose OCR made progress and continues in a later message.
    public func releaseAttempt(_ id: UUID) async throws {
        try await client.execute("UPDATE documents SET attempts = greatest(attempts - 1, 0) WHERE id = \(id.uuidString)::uuid")
    }

    /// OCR found no text at all: the document fails with the reason.
    public func failOCR(_ id: UUID, reason: String) async throws {
        try await client.withTransaction { conn in
            _ = try conn.execute("UPDATE document_files SET ocr_status = 'failed' WHERE document_id = \(id.uuidString)::uuid")
            _ = try conn.execute("""
                UPDATE documents SET status = 'failed', error = \(String(reason.prefix(2000))) WHERE id = \(id.uuidString)::uuid
                """)
        }
    }
}

/// Offsets to page numbers in SQL, for documents made from files.
public enum PageMap {
    /// A scalar subquery: the page holding `offset` of `document` (both SQL expressions from the caller's own code,
    /// never user input), NULL for documents without a page map.
    public static func page(document: String, offset: String) -> String {
        """
        (SELECT pg.page FROM document_pages pg WHERE pg.document_id = \(document) AND pg.start_offset <= \(offset)
         ORDER BY pg.start_offset DESC LIMIT 1)
        """
    }
}

/// A document's file and page map as the query API shows them (`GET /v1/documents/{id}/pages`).
public struct FilePagesView: Codable, Sendable {
    public struct Page: Codable, Sendable {
        public var page: Int, start: Int, end: Int
        public var source: String
        public var ocrConfidence: Double?
        public var ocrLanguage: String?
        enum CodingKeys: String, CodingKey { case page, start, end, source, ocrConfidence = "ocr_confidence", ocrLanguage = "ocr_language" }
    }
    public struct OCR: Codable, Sendable { public var status: String; public var pages: Int; public var done: Int }
    public var mediaType: String
    public var filename: String?
    public var sha256: String
    public var bytes: Int
    public var status: String
    public var ocr: OCR
    public var fileMetadata: JSONValue?
    public var pages: [Page]
    enum CodingKeys: String, CodingKey {
        case mediaType = "media_type", filename, sha256, bytes, status, ocr, fileMetadata = "file_metadata", pages
    }
}

extension FileStore {
    /// nil when the document was not made from a file.
    public func pagesView(_ id: UUID) async throws -> FilePagesView? {
        try await client.withConnection { conn in
            guard let f = try conn.query("""
                SELECT f.media_type, f.filename, f.sha256, f.byte_length, f.ocr_status, f.ocr_pages, f.ocr_done,
                       f.file_metadata::text AS file_metadata, \(unescaped: DocumentStatus.shown("d.")) AS status
                FROM document_files f JOIN documents d ON d.id = f.document_id WHERE f.document_id = \(id.uuidString)::uuid
                """).first else { return nil }
            let pages = try conn.query("""
                SELECT page, start_offset, end_offset, source, ocr_confidence, ocr_language FROM document_pages
                WHERE document_id = \(id.uuidString)::uuid ORDER BY page
                """).map { r in
                FilePagesView.Page(page: try r.decode("page", as: Int.self), start: try r.decode("start_offset", as: Int.self),
                                   end: try r.decode("end_offset", as: Int.self), source: r["source"] ?? "text",
                                   ocrConfidence: r["ocr_confidence"].flatMap(Double.init), ocrLanguage: r["ocr_language"])
            }
            return FilePagesView(
                mediaType: f["media_type"] ?? "", filename: f["filename"], sha256: f["sha256"] ?? "",
                bytes: try f.decode("byte_length", as: Int.self), status: f["status"] ?? "",
                ocr: .init(status: f["ocr_status"] ?? "none", pages: try f.decode("ocr_pages", as: Int.self),
                           done: try f.decode("ocr_done", as: Int.self)),
                fileMetadata: f["file_metadata"].flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) },
                pages: pages)
        }
    }
}
