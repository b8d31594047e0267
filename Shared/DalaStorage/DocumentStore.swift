import DalaCore
import DalaPostgres
import Foundation

/// Where a stored document stands after `insert`.
public struct StoredDocumentRef: Sendable, Equatable {
    public var id: UUID
    /// False when the same text was already stored (idempotent ingestion).
    public var created: Bool
    public var status: String
}

/// What the enrichment worker needs of a document.
public struct DocumentForEnrichment: Sendable {
    public var id: UUID
    public var text: String
    public var declaredLanguage: String?
    public var published: String?
}

/// Documents: ingestion, the publish outbox, status changes.
public struct DocumentStore: Sendable {
    public let client: PostgresClient
    public init(client: PostgresClient) { self.client = client }

    /// Stores a document unless the same text (by SHA-256) is already stored; returns its id either way.
    public func insert(_ doc: ValidatedDocument) async throws -> StoredDocumentRef {
        let id = UUID()
        let (published, precision) = Self.publishedDate(doc.published)
        let length = doc.text.unicodeScalars.count
        return try await client.withConnection { conn in
            let inserted = try conn.query("""
                INSERT INTO documents (id, sha256, raw_text, title, source, language, published, published_precision,
                                       metadata, char_length)
                VALUES (\(id.uuidString)::uuid, \(doc.sha256), \(doc.text), \(doc.title), \(doc.source), \(doc.language),
                        \(published)::date, \(precision), \(doc.metadataJSON)::jsonb, \(length))
                ON CONFLICT (sha256) DO NOTHING
                RETURNING id::text AS id, status
                """)
            if let row = inserted.first {
                return StoredDocumentRef(id: try row.decode("id", as: UUID.self), created: true, status: row["status"] ?? "received")
            }
            let existing = try conn.query("SELECT id::text AS id, status FROM documents WHERE sha256 = \(doc.sha256)")
            guard let row = existing.first else {
                throw StorageError(.corrupt, "document with a conflicting hash vanished")
            }
            return StoredDocumentRef(id: try row.decode("id", as: UUID.self), created: false, status: row["status"] ?? "received")
        }
    }

    /// `insert` for several documents in one statement (the lines of an NDJSON batch): one round trip and one commit
    /// instead of one each. Returns a reference per document, in order; a hash given twice is one document, reported
    /// `created` (when new) for its first occurrence only.
    public func insertMany(_ docs: [ValidatedDocument]) async throws -> [StoredDocumentRef] {
        if docs.count == 1 { return [try await insert(docs[0])] }
        guard !docs.isEmpty else { return [] }
        var query: PostgresQuery = """
            INSERT INTO documents (id, sha256, raw_text, title, source, language, published, published_precision,
                                   metadata, char_length)
            VALUES
            """
        for (i, doc) in docs.enumerated() {
            let (published, precision) = Self.publishedDate(doc.published)
            query.append(unescaped: i == 0 ? " " : ", ")
            query.append("""
                (\(UUID().uuidString)::uuid, \(doc.sha256), \(doc.text), \(doc.title), \(doc.source), \(doc.language),
                 \(published)::date, \(precision), \(doc.metadataJSON)::jsonb, \(doc.text.unicodeScalars.count))
                """)
        }
        query.append(unescaped: " ON CONFLICT (sha256) DO NOTHING RETURNING id::text AS id, sha256, status")
        let statement = query
        return try await client.withConnection { conn in
            var stored: [String: StoredDocumentRef] = [:]
            for row in try conn.query(statement) {
                stored[row["sha256"] ?? ""] = StoredDocumentRef(id: try row.decode("id", as: UUID.self), created: true,
                                                                status: row["status"] ?? "received")
            }
            let existing = Array(Set(docs.map(\.sha256)).subtracting(stored.keys))
            if !existing.isEmpty {
                for row in try conn.query("SELECT id::text AS id, sha256, status FROM documents WHERE sha256 = ANY(\(existing)::text[])") {
                    stored[row["sha256"] ?? ""] = StoredDocumentRef(id: try row.decode("id", as: UUID.self), created: false,
                                                                    status: row["status"] ?? "received")
                }
            }
            var reported = Set<String>()
            return try docs.map { doc in
                guard var ref = stored[doc.sha256] else { throw StorageError(.corrupt, "document with a conflicting hash vanished") }
                if !reported.insert(doc.sha256).inserted { ref.created = false }
                return ref
            }
        }
    }

    /// Marks documents as published to the ingested topic (the outbox is the `received` status).
    public func markQueued(_ ids: [UUID]) async throws {
        guard !ids.isEmpty else { return }
        let list = ids.map(\.uuidString)
        try await client.execute("""
            UPDATE documents SET status = 'queued', queued_at = now()
            WHERE id = ANY(\(list)::uuid[]) AND status = 'received'
            """)
    }

    /// Documents stored but never published (the publish failed or the service died in between).
    public func unpublished(olderThanSeconds: Int, limit: Int) async throws -> [(id: UUID, sha256: String)] {
        try await client.query("""
            SELECT id::text AS id, sha256 FROM documents
            WHERE status = 'received' AND received_at < now() - make_interval(secs => \(olderThanSeconds))
            ORDER BY received_at LIMIT \(limit)
            """).map { (try $0.decode("id", as: UUID.self), $0["sha256"] ?? "") }
    }

    /// The text and hints the analyser needs; nil when the document does not exist.
    public func loadForEnrichment(_ id: UUID) async throws -> DocumentForEnrichment? {
        try await client.query("""
            SELECT raw_text, language, to_char(published, 'YYYY-MM-DD') AS published, published_precision
            FROM documents WHERE id = \(id.uuidString)::uuid
            """).first.map { row in Self.forEnrichment(id, row) }
    }

    static func forEnrichment(_ id: UUID, _ row: PostgresRow) -> DocumentForEnrichment {
        var published = row["published"]
        if let p = published, let precision = row["published_precision"] {
            published = precision == "year" ? String(p.prefix(4)) : precision == "month" ? String(p.prefix(7)) : p
        }
        return DocumentForEnrichment(id: id, text: row["raw_text"] ?? "", declaredLanguage: row["language"], published: published)
    }

    /// Records that enrichment gave up on a document (the message went to the dead-letter topic).
    public func markFailed(_ id: UUID, error: String) async throws {
        try await client.execute("""
            UPDATE documents SET status = 'failed', error = \(String(error.prefix(2000))) WHERE id = \(id.uuidString)::uuid
            """)
    }

    /// "2024" → ("2024-01-01", "year"), "2024-05" → ("2024-05-01", "month"), "2024-05-17" → (same, "day").
    static func publishedDate(_ s: String?) -> (String?, String?) {
        guard let s else { return (nil, nil) }
        switch s.count {
        case 4: return (s + "-01-01", "year")
        case 7: return (s + "-01", "month")
        default: return (s, "day")
        }
    }
}

extension DocumentStore {
    /// Counts an enrichment attempt before the work starts, so a document that crashes the worker every time is
    /// recognised on redelivery instead of looping forever. Returns the attempts including this one (nil: no document).
    public func beginAttempt(_ id: UUID) async throws -> Int? {
        try await client.query("""
            UPDATE documents SET attempts = attempts + 1 WHERE id = \(id.uuidString)::uuid RETURNING attempts
            """).first.map { try $0.decode("attempts", as: Int.self) }
    }
}

/// Where a document stands before a batched enrichment attempt.
public struct EnrichmentCandidate: Sendable, Equatable {
    /// Attempts counted and not finished: more than 0 means an earlier run of this document did not finish.
    public var attempts: Int
    /// Length of the text in code points (the batch's memory budget).
    public var characters: Int
    /// Pages of an uploaded scan still wait for OCR: the document goes through the one-by-one path, which runs OCR first.
    public var needsOCR: Bool = false
}

extension DocumentStore {
    /// Attempts and sizes of the documents that exist among `ids` (one round trip for a whole batch).
    public func enrichmentCandidates(_ ids: [UUID]) async throws -> [UUID: EnrichmentCandidate] {
        guard !ids.isEmpty else { return [:] }
        var out: [UUID: EnrichmentCandidate] = [:]
        for row in try await client.query("""
            SELECT id::text AS id, attempts, char_length,
                   EXISTS (SELECT 1 FROM document_pages p WHERE p.document_id = d.id AND p.source = 'pending') AS needs_ocr
            FROM documents d WHERE id = ANY(\(ids.map(\.uuidString))::uuid[])
            """) {
            out[try row.decode("id", as: UUID.self)] = EnrichmentCandidate(attempts: try row.decode("attempts", as: Int.self),
                                                                            characters: try row.decode("char_length", as: Int.self),
                                                                            needsOCR: row["needs_ocr"] == "t")
        }
        return out
    }

    /// `beginAttempt` and `loadForEnrichment` for a batch in one statement, for documents with no unfinished attempt
    /// only: counts an attempt for each of `ids` whose attempts are 0 and returns their texts. A document missing from
    /// the answer was deleted or started elsewhere in the meantime.
    public func beginBatch(_ ids: [UUID]) async throws -> [DocumentForEnrichment] {
        guard !ids.isEmpty else { return [] }
        return try await client.query("""
            UPDATE documents SET attempts = attempts + 1
            WHERE id = ANY(\(ids.map(\.uuidString))::uuid[]) AND attempts = 0
              AND NOT EXISTS (SELECT 1 FROM document_pages p WHERE p.document_id = documents.id AND p.source = 'pending')
            RETURNING id::text AS id, raw_text, language, to_char(published, 'YYYY-MM-DD') AS published, published_precision
            """).map { row in Self.forEnrichment(try row.decode("id", as: UUID.self), row) }
    }
}
