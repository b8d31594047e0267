import DalaCore
import DalaPostgres
import Foundation

/// Writes a document's annotations. One transaction replaces whatever the document had (this or an older
/// extractor version), so redelivered messages never duplicate annotations and readers never see half a result.
public struct AnnotationStore: Sendable {
    public let client: PostgresClient
    public init(client: PostgresClient) { self.client = client }

    /// Replaces the annotations of `documentID`; returns false when the document no longer exists.
    @discardableResult
    public func replace(documentID: UUID, with a: AnnotationSet, startedAt: Date, worker: String) async throws -> Bool {
        let doc = documentID.uuidString
        let version = a.extractorVersion
        let languagesJSON = String(decoding: try JSONEncoder().encode(a.languages), as: UTF8.self)
        let durationMS = Date().timeIntervalSince(startedAt) * 1000
        let stats = "{\"sentences\":\(a.sentences.count),\"entities\":\(a.entities.count),\"mentions\":\(a.mentions.count),\"times\":\(a.times.count),\"events\":\(a.events.count)}"
        return try await client.withTransaction { conn in
            // Lock the document row first: concurrent workers on the same document serialise here.
            let exists = try conn.query("SELECT 1 FROM documents WHERE id = \(doc)::uuid FOR UPDATE")
            guard !exists.isEmpty else { return false }
            for table in ["mentions", "sentences", "time_expressions", "events", "keywords"] {
                try conn.execute("DELETE FROM \(unescaped: table) WHERE document_id = \(doc)::uuid")
            }
            try Self.upsertEntities(a.entities, conn: conn)
            try conn.copy(into: "sentences",
                          columns: ["document_id", "extractor_version", "idx", "start_offset", "end_offset", "language",
                                    "confidence", "section", "text", "search"],
                          rows: a.sentences.map { s in
                              [doc, version, String(s.index), String(s.start), String(s.end), s.language,
                               String(s.confidence), s.section, s.text, SearchText.tsvector(s.searchKeys)]
                          })
            try conn.copy(into: "mentions",
                          columns: ["document_id", "extractor_version", "entity_id", "start_offset", "end_offset", "surface",
                                    "sentence_index", "kind", "confidence", "alternatives"],
                          rows: a.mentions.map { m in
                              [doc, version, m.entityID, String(m.start), String(m.end), m.surface, String(m.sentenceIndex),
                               m.kind, String(m.confidence), Self.arrayLiteral(m.alternatives)]
                          })
            try conn.copy(into: "time_expressions",
                          columns: ["document_id", "extractor_version", "start_offset", "end_offset", "surface",
                                    "sentence_index", "value", "range_start", "range_end", "precision", "relative"],
                          rows: a.times.map { t in
                              [doc, version, String(t.start), String(t.end), t.surface, String(t.sentenceIndex), t.value,
                               t.rangeStart, t.rangeEnd, t.precision, t.relative ? "t" : "f"]
                          })
            var eventRows: [[String?]] = [], participantRows: [[String?]] = [], evidenceRows: [[String?]] = []
            for e in a.events {
                let eventID = UUID().uuidString
                eventRows.append([eventID, doc, version, e.key, e.type, e.cameo, e.plover, e.modality, e.speakerEntityID,
                                  e.dateValue, e.dateStart, e.dateEnd, e.datePrecision, String(e.confidence), e.language])
                for p in e.participants {
                    participantRows.append([eventID, p.role, p.entityID, p.surface, p.start.map(String.init), p.end.map(String.init)])
                }
                for m in e.mentions {
                    evidenceRows.append([eventID, String(m.sentenceIndex), String(m.start), String(m.end), m.evidence, m.trigger,
                                         String(m.triggerStart), String(m.triggerEnd), String(m.confidence)])
                }
            }
            try conn.copy(into: "events",
                          columns: ["id", "document_id", "extractor_version", "event_key", "type", "cameo", "plover", "modality",
                                    "speaker_entity_id", "date_value", "date_start", "date_end", "date_precision", "confidence",
                                    "language"],
                          rows: eventRows)
            try conn.copy(into: "event_participants",
                          columns: ["event_id", "role", "entity_id", "surface", "start_offset", "end_offset"], rows: participantRows)
            try conn.copy(into: "event_mentions",
                          columns: ["event_id", "sentence_index", "start_offset", "end_offset", "evidence", "trigger",
                                    "trigger_start", "trigger_end", "confidence"],
                          rows: evidenceRows)
            try conn.copy(into: "keywords", columns: ["document_id", "extractor_version", "text", "language", "source", "score"],
                          rows: a.keywords.map { [doc, version, $0.text, $0.language, $0.source, String($0.score)] })
            try conn.execute("""
                UPDATE documents SET status = 'enriched', enriched_at = now(), error = NULL, attempts = 0,
                    extractor_version = \(version), detected_language = \(a.language),
                    languages = \(languagesJSON)::jsonb, analysis = \(a.analysisJSON)::jsonb
                WHERE id = \(doc)::uuid
                """)
            try conn.execute("""
                INSERT INTO extraction_runs (document_id, extractor_version, config_hash, worker, started_at, duration_ms, stats)
                VALUES (\(doc)::uuid, \(version), \(a.configHash), \(worker), \(startedAt), \(durationMS), \(stats)::jsonb)
                """)
            return true
        }
    }

    /// Knowledge-base entities refresh their labels; document-local ones keep the first labels seen.
    static func upsertEntities(_ entities: [AnnotationSet.EntityRow], conn: PostgresConnection) throws {
        guard !entities.isEmpty else { return }
        // Sorted ids keep lock order stable across concurrent workers (no deadlocks between two documents).
        let sorted = entities.sorted { $0.id < $1.id }
        for chunk in stride(from: 0, to: sorted.count, by: 500).map({ Array(sorted[$0..<min($0 + 500, sorted.count)]) }) {
            try conn.execute("""
                INSERT INTO entities (id, type, label_en, label_ru, label_kk, aliases, from_kb)
                SELECT u.id, u.type, nullif(u.label_en, ''), nullif(u.label_ru, ''), nullif(u.label_kk, ''),
                       u.aliases::text[], u.from_kb
                FROM unnest(\(chunk.map(\.id))::text[], \(chunk.map(\.type))::text[],
                                     \(chunk.map { $0.labelEN ?? "" })::text[], \(chunk.map { $0.labelRU ?? "" })::text[],
                                     \(chunk.map { $0.labelKK ?? "" })::text[],
                                     \(chunk.map { arrayLiteral($0.aliases) })::text[],
                                     \(chunk.map { $0.fromKnowledgeBase ? "t" : "f" })::boolean[])
                      AS u(id, type, label_en, label_ru, label_kk, aliases, from_kb)
                ON CONFLICT (id) DO UPDATE SET
                    type = EXCLUDED.type, label_en = EXCLUDED.label_en, label_ru = EXCLUDED.label_ru,
                    label_kk = EXCLUDED.label_kk, aliases = EXCLUDED.aliases, updated_at = now()
                WHERE entities.from_kb AND (entities.label_en, entities.label_ru, entities.label_kk, entities.aliases)
                      IS DISTINCT FROM (EXCLUDED.label_en, EXCLUDED.label_ru, EXCLUDED.label_kk, EXCLUDED.aliases)
                """)
        }
    }

    /// PostgreSQL array literal of text values: `{"a","b \"c\""}`.
    static func arrayLiteral(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}
