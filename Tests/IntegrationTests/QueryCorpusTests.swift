import DalaAnalysis
import DalaCore
import DalaPostgres
import DalaService
import DalaStorage
import Foundation
import Hummingbird
import QueryAPI
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The analyser as the query service uses it (the executable's retroactive conformance is not visible to tests).
struct PipelineVocabulary: SearchVocabulary {
    let pipeline: Pipeline
    func entityIDs(named name: String) -> [String] { pipeline.entityIDs(named: name) }
    func searchQuery(_ query: String) -> String? { pipeline.searchQuery(query) }
}

/// Every endpoint over the repository's demo corpus (kk, ru, en), analysed by the real pipeline and stored the way
/// the enrichment worker stores it.
@Suite(.serialized, .enabled(if: Env.pgURL != nil, "set DALA_TEST_PG_URL (make test does) to run query API tests"))
struct QueryCorpusTests {
    static var corpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("deploy/demo-corpus")
    }

    /// Stores and analyses the demo documents; returns (id, text, language) per document.
    static func load(_ pg: PostgresClient, pipeline: Pipeline) async throws -> [(UUID, String, String)] {
        try await Migrator.migrate(pg, logger: Env.logger)
        var out: [(UUID, String, String)] = []
        for lang in ["kk", "ru", "en"] {
            let text = try String(contentsOf: corpus.appendingPathComponent("\(lang)-demo.txt"), encoding: .utf8)
            let doc = try SubmissionValidator().validate(DocumentSubmission(text: text, title: "demo \(lang)", language: lang))
            let ref = try await DocumentStore(client: pg).insert(doc)
            let analysis = pipeline.analyze(text)
            try await AnnotationStore(client: pg).replace(documentID: ref.id, with: analysis.annotationSet(configHash: pipeline.configHash),
                                                          startedAt: Date(), worker: "query-corpus-tests")
            out.append((ref.id, text, lang))
        }
        try await QueryStore(client: pg).refreshDerived(force: true)
        return out
    }

    @Test func everyEndpointAnswersOnTheDemoCorpus() async throws {
        let pipeline = try Pipeline()
        let pg = Env.postgres(poolSize: 4)
        do {
            try await check(pg, pipeline: pipeline)
            await pg.shutdown()
        } catch {
            await pg.shutdown()
            throw error
        }
    }

    func check(_ pg: PostgresClient, pipeline: Pipeline) async throws {
        let docs = try await Self.load(pg, pipeline: pipeline)
        let router = QueryApp.buildRouter(store: QueryStore(client: pg), vocabulary: PipelineVocabulary(pipeline: pipeline),
                                          operational: OperationalRoutes(service: "dala-query-test", postgres: pg,
                                                                         kafka: Env.kafka("dala-query-test")))
        try await withLiveServer(router) { base in
            let ids = Set(docs.map { $0.0.lowercasedString })
            let textOf = Dictionary(uniqueKeysWithValues: docs.map { ($0.0.lowercasedString, $0.1) })

            // Қазақстан finds the Kazakh, Russian and English documents (Казахстана, Kazakhstan's) through the entity.
            let search = try await getJSON("\(base)/v1/search?q=\(q("Қазақстан"))&limit=100")
            let hits = items(search).filter { ids.contains($0["document_id"] as? String ?? "") }
            #expect(Set(hits.compactMap { $0["language"] as? String }).isSuperset(of: ["kk", "ru", "en"]))
            var surfaces = Set<String>()
            for h in hits {
                let text = try #require(textOf[h["document_id"] as! String])
                #expect(span(text, h["start"] as! Int, h["end"] as! Int) == h["snippet"] as? String)
                for hl in h["highlights"] as? [[String: Int]] ?? [] { surfaces.insert(span(text, hl["start"]!, hl["end"]!)) }
            }
            #expect(surfaces.contains("Қазақстан") && surfaces.contains { $0.hasPrefix("Казахстан") } && surfaces.contains { $0.hasPrefix("Kazakhstan") },
                    "highlighted: \(surfaces.sorted())")

            // Any alias, any language, inflected: the canonical entity (other tests' fixtures may share its labels).
            for name in ["Казахстаном", "Қазақстанның", "Kazakhstan"] {
                let found = items(try await getJSON("\(base)/v1/entities?name=\(q(name))"))
                #expect(found.contains { $0["id"] as? String == "Q232" }, "\(name)")
                #expect(!found.contains { ($0["type"] as? String) != "country" }, "\(name)")
            }
            let kz = try await getJSON("\(base)/v1/entities/Q232")
            #expect((kz["document_count"] as? Int ?? 0) >= 3)
            #expect(((kz["relations"] as? [String: Any])?["cooccurring"] as? [Any])?.isEmpty == false)

            // Annotations point into the original text.
            for (id, text, _) in docs {
                let ann = try await getJSON("\(base)/v1/documents/\(id.uuidString)/annotations")
                let mentions = ann["mentions"] as? [[String: Any]] ?? []
                #expect(!mentions.isEmpty)
                for m in mentions { #expect(span(text, m["start"] as! Int, m["end"] as! Int) == m["surface"] as? String) }
                for e in ann["events"] as? [[String: Any]] ?? [] {
                    for ev in e["mentions"] as? [[String: Any]] ?? [] {
                        #expect(span(text, ev["trigger_start"] as! Int, ev["trigger_end"] as! Int) == ev["trigger"] as? String)
                    }
                }
                let doc = try await getJSON("\(base)/v1/documents/\(id.uuidString)")
                #expect(doc["status"] as? String == "enriched" && doc["extractor_version"] as? String == Pipeline.version)
            }

            // Every other endpoint answers 200 on this data.
            let events = items(try await getJSON("\(base)/v1/events?entity=Q232&limit=200"))
            #expect(!events.isEmpty)
            if let event = events.first?["id"] as? String { _ = try await getJSON("\(base)/v1/events/\(event)") }
            for path in ["/v1/documents?limit=5", "/v1/documents/\(docs[0].0.uuidString)/text", "/v1/entities/Q232/mentions",
                         "/v1/entities/Q232/cooccurrences?window=sentence", "/v1/timeline?entity=Q232&bucket=year",
                         "/v1/search?entity=Q232&type=document", "/v1/stats", "/openapi.json"] {
                let reply = try await HTTP.send("GET", base + path)
                #expect(reply.status == 200, "\(path) → \(reply.status)")
            }
            let graphml = try await HTTP.send("GET", "\(base)/v1/graph?entity=Q232&depth=2&format=graphml")
            let parsed = XMLCounter.parse(graphml.body)
            #expect(parsed.ok && (parsed.counter.counts["node"] ?? 0) > 1 && (parsed.counter.counts["edge"] ?? 0) > 0)
            // Exports: the rows of the demo documents are exactly what the JSON endpoints say about them.
            let csv = try RFC4180.parse(try await HTTP.send("GET", "\(base)/v1/export/events?entity=Q232").text)
            let eventColumn = try #require(csv.first?.firstIndex(of: "event_id"))
            let docColumn = try #require(csv.first?.firstIndex(of: "document_id"))
            let demoEvents = Set(events.filter { ids.contains($0["document_id"] as? String ?? "") }.compactMap { $0["id"] as? String })
            #expect(Set(csv.dropFirst().filter { ids.contains($0[docColumn]) }.map { $0[eventColumn] }) == demoEvents)
            let mentionCSV = try RFC4180.parse(try await HTTP.send("GET", "\(base)/v1/export/mentions?entity=Q232").text)
            let mentionDoc = try #require(mentionCSV.first?.firstIndex(of: "document_id"))
            var demoMentions = 0
            for (id, _, _) in docs {
                let ann = try await getJSON("\(base)/v1/documents/\(id.uuidString)/annotations")
                demoMentions += (ann["mentions"] as? [[String: Any]] ?? []).filter { $0["entity_id"] as? String == "Q232" }.count
            }
            #expect(mentionCSV.dropFirst().filter { ids.contains($0[mentionDoc]) }.count == demoMentions)
        }
    }

    /// The real sample documents (not in the repository): `DALA_QUERY_SAMPLE_CORPUS=/path/to/dir` runs every endpoint
    /// over each `*.txt` there, analysed by the pipeline.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DALA_QUERY_SAMPLE_CORPUS"] != nil))
    func everyEndpointAnswersOnTheSampleCorpus() async throws {
        let dir = URL(fileURLWithPath: ProcessInfo.processInfo.environment["DALA_QUERY_SAMPLE_CORPUS"]!)
        let pipeline = try Pipeline()
        let pg = Env.postgres(poolSize: 4)
        do {
            var docs: [(UUID, String)] = []
            for file in try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil).sorted(by: { $0.path < $1.path })
            where file.pathExtension == "txt" {
                let text = try String(contentsOf: file, encoding: .utf8)
                let ref = try await DocumentStore(client: pg).insert(try SubmissionValidator().validate(DocumentSubmission(text: text, title: file.lastPathComponent)))
                try await AnnotationStore(client: pg).replace(documentID: ref.id, with: pipeline.analyze(text).annotationSet(configHash: pipeline.configHash),
                                                              startedAt: Date(), worker: "query-corpus-tests")
                docs.append((ref.id, text))
            }
            try await QueryStore(client: pg).refreshDerived(force: true)
            let router = QueryApp.buildRouter(store: QueryStore(client: pg), vocabulary: PipelineVocabulary(pipeline: pipeline),
                                              operational: OperationalRoutes(service: "dala-query-test", postgres: pg,
                                                                             kafka: Env.kafka("dala-query-test")))
            let stored = docs
            try await withLiveServer(router) { base in
                for (id, text) in stored {
                    let doc = try await getJSON("\(base)/v1/documents/\(id.uuidString)")
                    let ann = try await getJSON("\(base)/v1/documents/\(id.uuidString)/annotations")
                    for m in ann["mentions"] as? [[String: Any]] ?? [] {
                        #expect(span(text, m["start"] as! Int, m["end"] as! Int) == m["surface"] as? String)
                    }
                    for e in ann["events"] as? [[String: Any]] ?? [] {
                        for ev in e["mentions"] as? [[String: Any]] ?? [] {
                            #expect(span(text, ev["start"] as! Int, ev["end"] as! Int).count > 0)
                            #expect(span(text, ev["trigger_start"] as! Int, ev["trigger_end"] as! Int) == ev["trigger"] as? String)
                        }
                    }
                    // The document's three most mentioned entities, through every entity endpoint.
                    for entity in (doc["entities"] as? [[String: Any]] ?? []).prefix(3) {
                        let eid = entity["id"] as! String, label = entity["label"] as? String ?? eid
                        let e = q(eid)
                        for path in ["/v1/entities/\(e)", "/v1/entities/\(e)/mentions", "/v1/entities/\(e)/cooccurrences?window=sentence",
                                     "/v1/events?entity=\(e)", "/v1/timeline?entity=\(e)&bucket=month", "/v1/graph?entity=\(e)&format=gexf",
                                     "/v1/entities?name=\(q(label))"] {
                            let reply = try await HTTP.send("GET", base + path)
                            #expect(reply.status == 200, "\(path) → \(reply.status) \(reply.text.prefix(200))")
                        }
                        let hits = items(try await getJSON("\(base)/v1/search?entity=\(e)&type=document&limit=100"))
                        #expect(hits.contains { $0["document_id"] as? String == id.lowercasedString }, "search entity=\(eid)")
                        let csv = try RFC4180.parse(try await HTTP.send("GET", "\(base)/v1/export/mentions?entity=\(e)&document=\(id.uuidString)").text)
                        #expect(csv.count - 1 == entity["mentions"] as? Int, "\(eid) mentions in the export")
                    }
                }
                let csv = try RFC4180.parse(try await HTTP.send("GET", "\(base)/v1/export/events").text)
                #expect(csv.dropFirst().allSatisfy { $0.count == csv[0].count })
            }
            await pg.shutdown()
        } catch {
            await pg.shutdown()
            throw error
        }
    }
}
