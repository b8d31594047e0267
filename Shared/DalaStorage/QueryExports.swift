import DalaCore
import DalaPostgres
import Foundation
import Logging

/// Filters of the mention export.
public struct MentionFilter: Sendable {
    public var entityIDs: [String]
    public var entityType: String?
    public var language: String?
    public var documentID: UUID?
    public init(entityIDs: [String] = [], entityType: String? = nil, language: String? = nil, documentID: UUID? = nil) {
        self.entityIDs = entityIDs; self.entityType = entityType; self.language = language; self.documentID = documentID
    }
}

/// One mention as the export writes it.
public struct MentionExportRow: Sendable {
    public var id: Int
    public var documentID: String
    public var entityID: String, entityType: String, entityLabel: String?
    public var surface: String
    public var start: Int, end: Int, sentenceIndex: Int
    public var kind: String
    public var confidence: Double
    public var language: String?
    public var sentence: String?
    public var extractorVersion: String
    public var page: Int? = nil
}

/// Where a document stands for reprocessing.
public struct ReprocessCandidate: Sendable {
    public var id: UUID
    public var sha256: String
    public var extractorVersion: String
    public init(id: UUID, sha256: String, extractorVersion: String) {
        self.id = id; self.sha256 = sha256; self.extractorVersion = extractorVersion
    }
}

extension QueryStore {
    /// Mentions of whole documents for the export: the next `documents` documents after `afterDocument` (id order)
    /// with matching mentions, in one statement, so a document re-enriched during the export is never half in one
    /// version and half in another. Rows are in (document, offset) order.
    public func exportMentions(_ f: MentionFilter, afterDocument: UUID?, documents: Int) async throws -> [MentionExportRow] {
        var q: PostgresQuery = """
            SELECT m.id, m.document_id::text AS document_id, m.entity_id, e.type,
                   \(unescaped: Self.labelExpression(nil, table: "e")) AS label, m.surface, m.start_offset, m.end_offset,
                   m.sentence_index, m.kind, m.confidence, s.language, s.text AS sentence, m.extractor_version,
                   \(unescaped: PageMap.page(document: "m.document_id", offset: "m.start_offset")) AS page
            FROM mentions m JOIN entities e ON e.id = m.entity_id
            LEFT JOIN sentences s ON s.document_id = m.document_id AND s.extractor_version = m.extractor_version
                                 AND s.idx = m.sentence_index
            WHERE true
            """
        var cond: PostgresQuery = ""
        if !f.entityIDs.isEmpty { cond.append(" AND m.entity_id = ANY(\(f.entityIDs)::text[])") }
        if let t = f.entityType { cond.append(" AND m.entity_id IN (SELECT id FROM entities WHERE type = \(t))") }
        if let l = f.language {
            cond.append("""
                 AND EXISTS (SELECT 1 FROM sentences s2 WHERE s2.document_id = m.document_id
                             AND s2.extractor_version = m.extractor_version AND s2.idx = m.sentence_index AND s2.language = \(l))
                """)
        }
        if let d = f.documentID { cond.append(" AND m.document_id = \(d.uuidString)::uuid") }
        if let a = afterDocument { cond.append(" AND m.document_id > \(a.uuidString)::uuid") }
        q.append(cond)
        q.append("""
             AND m.document_id IN (SELECT DISTINCT m.document_id FROM mentions m WHERE true\(fragment: cond)
                                   ORDER BY m.document_id LIMIT \(documents))
             ORDER BY m.document_id, m.start_offset, m.id
            """)
        return try await client.query(q).map { r in
            MentionExportRow(id: try r.decode("id", as: Int.self), documentID: r["document_id"] ?? "",
                             entityID: r["entity_id"] ?? "", entityType: r["type"] ?? "", entityLabel: r["label"],
                             surface: r["surface"] ?? "", start: try r.decode("start_offset", as: Int.self),
                             end: try r.decode("end_offset", as: Int.self), sentenceIndex: try r.decode("sentence_index", as: Int.self),
                             kind: r["kind"] ?? "", confidence: try r.decode("confidence", as: Double.self),
                             language: r["language"], sentence: r["sentence"], extractorVersion: r["extractor_version"] ?? "",
                             page: try r.decode("page", as: Int?.self))
        }
    }

    /// Documents per stored extractor version (enriched documents only).
    public func extractorVersions() async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for r in try await client.query("""
            SELECT extractor_version, count(*) AS n FROM documents WHERE extractor_version IS NOT NULL GROUP BY 1
            """) {
            out[r["extractor_version"] ?? ""] = try r.decode("n", as: Int.self)
        }
        return out
    }

    /// Documents whose extractor version is one of `versions`, in id order after `after`.
    public func reprocessCandidates(versions: [String], after: UUID?, limit: Int) async throws -> [ReprocessCandidate] {
        guard !versions.isEmpty else { return [] }
        var q: PostgresQuery = """
            SELECT id::text AS id, sha256, extractor_version FROM documents
            WHERE extractor_version = ANY(\(versions)::text[])
            """
        if let after { q.append(" AND id > \(after.uuidString)::uuid") }
        q.append(" ORDER BY id LIMIT \(limit)")
        return try await client.query(q).map { r in
            ReprocessCandidate(id: try r.decode("id", as: UUID.self), sha256: r["sha256"] ?? "",
                               extractorVersion: r["extractor_version"] ?? "")
        }
    }

    /// Recomputes the derived statistics of migration 0002 when an extraction run finished after the last refresh
    /// (or always with `force`). Views are refreshed CONCURRENTLY, so readers keep the previous numbers meanwhile;
    /// an advisory lock lets only one query service instance refresh at a time. Returns whether it refreshed.
    @discardableResult
    public func refreshDerived(force: Bool = false) async throws -> Bool {
        try await client.withConnection { conn in
            guard try conn.query("SELECT pg_try_advisory_lock(\(Self.refreshLock)) AS ok").first?["ok"] == "t" else { return false }
            defer { _ = try? conn.query("SELECT pg_advisory_unlock(\(Self.refreshLock))") }
            if !force {
                let stale = try conn.query("""
                    SELECT (SELECT max(finished_at) FROM extraction_runs) IS DISTINCT FROM last_run AS stale FROM corpus_totals
                    """).first?["stale"]
                guard stale != "f" else { return false }
            }
            for view in Self.derivedViews {
                try conn.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY \(unescaped: view)")
            }
            return true
        }
    }

    static let refreshLock = 0x64616c61_0002
    /// In dependency order of nothing: each view reads base tables only; corpus_totals last (it stamps the time).
    static let derivedViews = ["entity_stats", "entity_cooccurrence", "entity_event_partners", "entity_timeline",
                               "event_facets", "entity_timeline_periods", "event_dyads", "entity_documents", "corpus_totals"]
}
