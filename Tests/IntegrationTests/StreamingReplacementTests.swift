import DalaAnalysis
import DalaCore
import DalaPostgres
import DalaStorage
import Foundation
import Synchronization
import Testing

/// A long document is written piece by piece inside one transaction (`AnnotationStore.replaceStreaming`), so that a
/// worker holds one piece's rows at a time. What is stored must be exactly what the whole write stores, and a failure
/// half-way must leave the document's previous annotations in place.
@Suite(.serialized, .enabled(if: Env.pgURL != nil, "set DALA_TEST_PG_URL (make test does) to run storage tests"))
struct StreamingReplacementTests {
    static let pipeline = try! Pipeline()
    static let segmentBytes = 900

    /// A name no earlier run stored, so its local entities are created by the write under test.
    static func freshName() -> String {
        let syllables = ["ka", "ro", "mi", "ta", "lu", "ne", "vo", "si", "de", "ba"]
        return "Zu" + (0..<5).map { _ in syllables.randomElement()! }.joined()
    }

    /// Paragraphs in three languages; the invented foundation and its director open the text and come back at the end.
    static func text(_ name: String) -> String {
        let opening = "The \(name) Foundation said on 3 March 2024 that Kazakhstan and Uzbekistan had signed a water agreement in Tashkent. Its director Arman \(name)ov welcomed the deal."
        let middle = [
            "Президенты Узбекистана и Таджикистана встретились 5 мая {Y} года в Душанбе и подписали договор о границе.",
            "Қазақстан мен Қырғызстан президенттері {Y} жылғы 14 наурызда Астанада кездесті. Олар су туралы келісімге қол қойды.",
            "The foreign ministers of Turkmenistan and Kazakhstan met in Ashgabat on 9 June {Y} to discuss gas transit.",
        ]
        let body = (0..<12).map { middle[$0 % middle.count].replacingOccurrences(of: "{Y}", with: String(2001 + $0)) }
        let closing = "In May 2024 \(name)ov visited Bishkek, where the \(name) Foundation opened an office."
        return ([opening] + body + [closing]).joined(separator: "\n\n")
    }

    /// Every stored row of a document, as sorted lines without ids (so two documents' rows compare).
    static func rows(of id: UUID, _ pg: PostgresClient) async throws -> [String: [String]] {
        let queries: [String: (String) -> PostgresQuery] = [
            "sentences": { doc in "SELECT concat_ws('|', idx, start_offset, end_offset, language, section, text, search::text) AS r FROM sentences WHERE document_id = \(doc)::uuid" },
            "mentions": { doc in "SELECT concat_ws('|', entity_id, start_offset, end_offset, surface, sentence_index, kind, confidence, alternatives::text) AS r FROM mentions WHERE document_id = \(doc)::uuid" },
            "times": { doc in "SELECT concat_ws('|', start_offset, end_offset, surface, sentence_index, value, range_start, range_end, precision, relative) AS r FROM time_expressions WHERE document_id = \(doc)::uuid" },
            "events": { doc in "SELECT concat_ws('|', event_key, type, modality, date_value, date_start, date_end, date_precision, confidence, language) AS r FROM events WHERE document_id = \(doc)::uuid" },
            "participants": { doc in "SELECT concat_ws('|', e.event_key, p.role, p.entity_id, p.surface, p.start_offset, p.end_offset) AS r FROM event_participants p JOIN events e ON e.id = p.event_id WHERE e.document_id = \(doc)::uuid" },
            "evidence": { doc in "SELECT concat_ws('|', e.event_key, m.sentence_index, m.start_offset, m.end_offset, m.trigger, m.trigger_start) AS r FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE e.document_id = \(doc)::uuid" },
            "keywords": { doc in "SELECT concat_ws('|', text, language, source, score) AS r FROM keywords WHERE document_id = \(doc)::uuid" },
            "document": { doc in "SELECT concat_ws('|', status, extractor_version, detected_language, languages::text, analysis::text) AS r FROM documents WHERE id = \(doc)::uuid" },
            "run": { doc in "SELECT stats::text AS r FROM extraction_runs WHERE document_id = \(doc)::uuid" },
        ]
        var out: [String: [String]] = [:]
        for (table, sql) in queries {
            out[table] = try await pg.query(sql(id.uuidString)).map { $0["r"] ?? "" }.sorted()
        }
        return out
    }

    @Test func piecesWrittenInOneTransactionStoreWhatTheWholeWriteStores() async throws {
        let pg = Env.postgres()
        try await Migrator.migrate(pg, logger: Env.logger)
        let docs = DocumentStore(client: pg), store = AnnotationStore(client: pg)
        let name = Self.freshName(), text = Self.text(name), date = "2024-06-01"
        let streamed = try await docs.insert(try SubmissionValidator().validate(DocumentSubmission(text: text, published: date)))
        let whole = try await docs.insert(try SubmissionValidator().validate(DocumentSubmission(text: text, published: date)))

        // Streamed first, so the local entities are created by the piecewise write.
        let pipeline = Self.pipeline
        let counter = Mutex(0)
        let written = try await store.replaceStreaming(documentID: streamed.id, startedAt: Date(), worker: "stream") { piece in
            try pipeline.annotationPieces(of: text, documentDate: date, segmentBytes: Self.segmentBytes) { p in
                counter.withLock { $0 += 1 }
                try piece(p)
            }
        }
        #expect(counter.withLock { $0 } > 2, "the text is cut into several pieces")
        let set = pipeline.annotationSet(of: text, documentDate: date, segmentBytes: Self.segmentBytes)
        #expect(written?.counts.mentions == set.mentions.count && written?.counts.sentences == set.sentences.count)
        #expect(written?.counts.events == set.events.count && set.events.count > 10)

        _ = try await store.replaceMany([.init(documentID: whole.id, annotations: set, startedAt: Date())], worker: "whole")
        let a = try await Self.rows(of: streamed.id, pg), b = try await Self.rows(of: whole.id, pg)
        for table in a.keys.sorted() where table != "run" {
            #expect(a[table] == b[table], "\(table) differs")
            #expect(!(a[table] ?? []).isEmpty, "\(table) has rows")
        }
        #expect(a["run"] == b["run"])

        // The local entities the first piece created get their names, from the whole document's summary, at the end.
        let person = try #require(set.entities.first { $0.type == "person" && $0.aliases.contains { $0.contains(name) } })
        let names = try await pg.query("SELECT name FROM entity_names WHERE entity_id = \(person.id) AND kind = 'alias' ORDER BY position")
            .map { $0["name"] ?? "" }
        #expect(names == person.aliases)
        #expect(!names.isEmpty)

        // A document that no longer exists: nothing is written and nil says so.
        #expect(try await store.replaceStreaming(documentID: UUID(), startedAt: Date(), worker: "stream") { _ in set } == nil)
        await pg.shutdown()
    }

    @Test func aFailureHalfWayKeepsThePreviousAnnotations() async throws {
        let pg = Env.postgres()
        try await Migrator.migrate(pg, logger: Env.logger)
        let docs = DocumentStore(client: pg), store = AnnotationStore(client: pg)
        let text = Self.text(Self.freshName())
        let doc = try await docs.insert(try SubmissionValidator().validate(DocumentSubmission(text: text, published: "2024-06-01")))
        let pipeline = Self.pipeline
        _ = try await store.replaceStreaming(documentID: doc.id, startedAt: Date(), worker: "stream") { piece in
            try pipeline.annotationPieces(of: text, documentDate: "2024-06-01", segmentBytes: Self.segmentBytes, piece)
        }
        let before = try await Self.rows(of: doc.id, pg)

        struct Interrupted: Error {}
        await #expect(throws: Interrupted.self) {
            _ = try await store.replaceStreaming(documentID: doc.id, startedAt: Date(), worker: "stream") { piece in
                var n = 0
                return try pipeline.annotationPieces(of: text, documentDate: "2024-06-01", segmentBytes: Self.segmentBytes) { p in
                    n += 1
                    if n == 3 { throw Interrupted() }   // two pieces already sent
                    try piece(p)
                }
            }
        }
        #expect(try await Self.rows(of: doc.id, pg) == before)
        await pg.shutdown()
    }
}
