import DalaCore
import DalaPostgres
import DalaService
import DalaStorage
import Foundation
import Hummingbird
import QueryAPI
import Testing

// MARK: - Fixture: four short documents (kk, ru, en, ru) written for these tests, annotated by hand

/// A vocabulary with the analyser's shape but a tiny, explicit lexicon: inflected and translated names resolve to the
/// fixture's entities, words are "stemmed" by stripping a few endings. Sentence keys are built with the same rules.
struct FakeVocabulary: SearchVocabulary {
    static let aliases: [String: String] = [
        "қазақстан": "qt:kz", "қазақстанның": "qt:kz", "казахстан": "qt:kz", "казахстаном": "qt:kz", "kazakhstan": "qt:kz",
        "kazakhstan's": "qt:kz", "өзбекстан": "qt:uz", "узбекистан": "qt:uz", "uzbekistan": "qt:uz",
        "россия": "qt:ru", "россией": "qt:ru", "russia": "qt:ru", "шыұ": "qt:sco", "шос": "qt:sco", "sco": "qt:sco",
        "астанада": "qt:astana", "астана": "qt:astana", "ташкентке": "qt:tashkent", "ташкент": "qt:tashkent",
        "beijing": "qt:beijing", "нато": "qt:nato", "nato": "qt:nato",
    ]
    static let endings = ["ның", "нің", "ке", "да", "ом", "ей", "'s", "’s", "ы", "и", "а", "s"]

    static func stem(_ word: String) -> String {
        let w = word.lowercased()
        for e in endings where w.hasSuffix(e) && w.count - e.count >= 4 { return String(w.dropLast(e.count)) }
        return w
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "-" }).map(String.init)
    }

    func entityIDs(named name: String) -> [String] {
        let n = name.lowercased()
        if let id = Self.aliases[n] { return [id] }
        return n == "shanghai cooperation organisation" ? ["qt:sco"] : []
    }

    func searchQuery(_ query: String) -> String? {
        let groups = Self.words(query).prefix(16).map { w in
            ([Self.stem(w)] + (Self.aliases[w.lowercased()].map { ["e:" + $0] } ?? [])).sorted()
        }
        return SearchText.tsquery(allOf: groups, orAnyOf: [])
    }

    func knowledgeRelations(of entityID: String) -> [KnowledgeRelationView] {
        entityID == "qt:kz" ? [KnowledgeRelationView(kind: "memberOf", target: "qt:sco", label: "SCO")] : []
    }

    /// A knowledge base with one entity no fixture document mentions (`qt:nato`, named НАТО).
    func knowledgeEntities() -> [EntityView] {
        [EntityView(id: "qt:kz", type: "country", labels: ["en": "Kazakhstan", "kk": "Қазақстан"], aliases: ["РК"], fromKnowledgeBase: true),
         EntityView(id: "qt:nato", type: "organization", labels: ["en": "NATO", "ru": "НАТО", "kk": "НАТО"], aliases: ["North Atlantic Alliance"],
                    fromKnowledgeBase: true)]
    }
}

/// One fixture document: text, sentences (as index ranges of the text), mentions found by surface, events.
struct FixtureDocument {
    var title: String
    var language: String
    var published: String
    var text: String
    var sentences: [String]
    var mentions: [(surface: String, entity: String)]
    var events: [FixtureEvent]
}

struct FixtureEvent {
    var key: String, type: String, cameo: String, plover: String, modality: String
    var date: (value: String, start: String, end: String, precision: String)?
    var sentence: Int
    var trigger: String
    var participants: [(role: String, entity: String, surface: String)]
}

enum QueryFixture {
    static let version = "dala-0.0.9"

    static let documents: [FixtureDocument] = [
        FixtureDocument(
            title: "QT: су келісімі", language: "kk", published: "2019-05",
            text: "Қазақстан мен Өзбекстан 2019 жылы су туралы келісімге қол қойды. Қазақстанның министрі Ташкентке барды. ШЫҰ кеңесі Астанада өтті.",
            sentences: ["Қазақстан мен Өзбекстан 2019 жылы су туралы келісімге қол қойды.", "Қазақстанның министрі Ташкентке барды.",
                        "ШЫҰ кеңесі Астанада өтті."],
            mentions: [("Қазақстан", "qt:kz"), ("Өзбекстан", "qt:uz"), ("Қазақстанның", "qt:kz"), ("Ташкентке", "qt:tashkent"),
                       ("ШЫҰ", "qt:sco"), ("Астанада", "qt:astana")],
            events: [FixtureEvent(key: "a1", type: "agreement", cameo: "057", plover: "AGREE", modality: "asserted",
                                  date: ("2019", "2019-01-01", "2019-12-31", "year"), sentence: 0, trigger: "қол қойды",
                                  participants: [("actor", "qt:kz", "Қазақстан"), ("counterpart", "qt:uz", "Өзбекстан")])]),
        FixtureDocument(
            title: "QT: транзит газа", language: "ru", published: "2020-03-15",
            text: "Казахстаном и Россией подписан меморандум о транзите газа. В марте 2020 года Россия и Казахстан провели консультации \"в рамках ШОС\", по вопросам безопасности.",
            sentences: ["Казахстаном и Россией подписан меморандум о транзите газа.",
                        "В марте 2020 года Россия и Казахстан провели консультации \"в рамках ШОС\", по вопросам безопасности."],
            mentions: [("Казахстаном", "qt:kz"), ("Россией", "qt:ru"), ("Россия", "qt:ru"), ("Казахстан", "qt:kz"), ("ШОС", "qt:sco")],
            events: [FixtureEvent(key: "b1", type: "agreement", cameo: "057", plover: "AGREE", modality: "asserted",
                                  date: ("2020-03", "2020-03-01", "2020-03-31", "month"), sentence: 0, trigger: "подписан",
                                  participants: [("actor", "qt:kz", "Казахстаном"), ("counterpart", "qt:ru", "Россией")]),
                     FixtureEvent(key: "b2", type: "consult", cameo: "040", plover: "CONSULT", modality: "asserted",
                                  date: ("2020-03", "2020-03-01", "2020-03-31", "month"), sentence: 1, trigger: "провели консультации",
                                  participants: [("actor", "qt:ru", "Россия"), ("counterpart", "qt:kz", "Казахстан")])]),
        FixtureDocument(
            title: "QT: transit talks", language: "en", published: "2021",
            text: "Kazakhstan's president met the SCO secretary-general in Beijing. The sides \"may sign\" a new transit agreement,\nofficials said. Kazakhstan hosts\nthe next round.",
            sentences: ["Kazakhstan's president met the SCO secretary-general in Beijing.",
                        "The sides \"may sign\" a new transit agreement,\nofficials said.", "Kazakhstan hosts\nthe next round."],
            mentions: [("Kazakhstan's", "qt:kz"), ("SCO", "qt:sco"), ("Beijing", "qt:beijing"), ("Kazakhstan", "qt:kz")],
            events: [FixtureEvent(key: "c1", type: "consult", cameo: "040", plover: "CONSULT", modality: "asserted",
                                  date: ("2021-06", "2021-06-01", "2021-06-30", "month"), sentence: 0, trigger: "met",
                                  participants: [("actor", "qt:kz", "Kazakhstan's"), ("counterpart", "qt:sco", "SCO"),
                                                 ("place", "qt:beijing", "Beijing")]),
                     FixtureEvent(key: "c2", type: "agreement", cameo: "057", plover: "AGREE", modality: "planned", date: nil,
                                  sentence: 1, trigger: "may sign", participants: [("actor", "qt:kz", "The sides")])]),
        FixtureDocument(
            title: "QT: граница", language: "ru", published: "2018-11",
            text: "Узбекистан и Казахстан обсудили границу.",
            sentences: ["Узбекистан и Казахстан обсудили границу."],
            mentions: [("Узбекистан", "qt:uz"), ("Казахстан", "qt:kz")],
            events: [FixtureEvent(key: "d1", type: "consult", cameo: "040", plover: "CONSULT", modality: "asserted",
                                  date: ("2018-11", "2018-11-01", "2018-11-30", "month"), sentence: 0, trigger: "обсудили",
                                  participants: [("actor", "qt:uz", "Узбекистан"), ("counterpart", "qt:kz", "Казахстан")])]),
    ]

    static let entities: [AnnotationSet.EntityRow] = [
        .init(id: "qt:kz", type: "country", labelEN: "Kazakhstan", labelRU: "Казахстан", labelKK: "Қазақстан",
              aliases: ["Қазақстанның", "Казахстаном", "РК"], fromKnowledgeBase: true),
        .init(id: "qt:uz", type: "country", labelEN: "Uzbekistan", labelRU: "Узбекистан", labelKK: "Өзбекстан", aliases: [], fromKnowledgeBase: true),
        .init(id: "qt:ru", type: "country", labelEN: "Russia", labelRU: "Россия", labelKK: "Ресей", aliases: [], fromKnowledgeBase: true),
        .init(id: "qt:sco", type: "organization", labelEN: "Shanghai Cooperation Organisation", labelRU: "ШОС", labelKK: "ШЫҰ",
              aliases: ["SCO"], fromKnowledgeBase: true),
        .init(id: "qt:astana", type: "place", labelEN: "Astana", labelRU: "Астана", labelKK: "Астана", aliases: [], fromKnowledgeBase: true),
        .init(id: "qt:tashkent", type: "place", labelEN: "Tashkent", labelRU: "Ташкент", labelKK: "Ташкент", aliases: [], fromKnowledgeBase: true),
        .init(id: "qt:beijing", type: "place", labelEN: "Beijing", labelRU: nil, labelKK: nil, aliases: [], fromKnowledgeBase: true),
    ]

    /// Code-point offset of the `occurrence`-th `needle` in `text`, searching from `from`.
    static func offset(of needle: String, in text: String, from: Int = 0) -> Int? {
        let hay = Array(text.unicodeScalars), n = Array(needle.unicodeScalars)
        guard n.count <= hay.count else { return nil }
        var i = from
        while i + n.count <= hay.count {
            if Array(hay[i..<(i + n.count)]) == n { return i }
            i += 1
        }
        return nil
    }

    static func annotations(_ doc: FixtureDocument) -> AnnotationSet {
        var sentenceSpans: [(Int, Int)] = []
        var cursor = 0
        for s in doc.sentences {
            let start = offset(of: s, in: doc.text, from: cursor)!
            sentenceSpans.append((start, start + s.unicodeScalars.count))
            cursor = start + s.unicodeScalars.count
        }
        func sentenceIndex(_ at: Int) -> Int { sentenceSpans.firstIndex { $0.0 <= at && at < $0.1 }! }
        var mentionRows: [AnnotationSet.MentionRow] = []
        var searchCursor = 0
        for (surface, entity) in doc.mentions {
            let start = offset(of: surface, in: doc.text, from: searchCursor)!
            searchCursor = start + surface.unicodeScalars.count
            mentionRows.append(.init(entityID: entity, start: start, end: searchCursor, surface: surface,
                                     sentenceIndex: sentenceIndex(start), kind: "name", confidence: 0.9, alternatives: []))
        }
        let sentences = doc.sentences.enumerated().map { i, s in
            AnnotationSet.SentenceRow(index: i, start: sentenceSpans[i].0, end: sentenceSpans[i].1, language: doc.language,
                                      confidence: 0.95, section: "body", text: s,
                                      searchKeys: FakeVocabulary.words(s).map(FakeVocabulary.stem)
                                        + mentionRows.filter { $0.sentenceIndex == i }.map { "e:" + $0.entityID })
        }
        let events = doc.events.map { e in
            let (sStart, sEnd) = sentenceSpans[e.sentence]
            let t = offset(of: e.trigger, in: doc.text, from: sStart)!
            return AnnotationSet.EventRow(
                key: e.key, type: e.type, cameo: e.cameo, plover: e.plover, modality: e.modality, speakerEntityID: nil,
                dateValue: e.date?.value, dateStart: e.date?.start, dateEnd: e.date?.end, datePrecision: e.date?.precision,
                confidence: 0.8, language: doc.language,
                participants: e.participants.map { p in
                    let at = offset(of: p.surface, in: doc.text, from: sStart)
                    return .init(role: p.role, entityID: p.entity, surface: p.surface, start: at,
                                 end: at.map { $0 + p.surface.unicodeScalars.count })
                },
                mentions: [.init(sentenceIndex: e.sentence, start: sStart, end: sEnd, evidence: doc.sentences[e.sentence],
                                 trigger: e.trigger, triggerStart: t, triggerEnd: t + e.trigger.unicodeScalars.count, confidence: 0.8)])
        }
        return AnnotationSet(extractorVersion: version, configHash: "qt", language: doc.language, languages: [doc.language: 1],
                             analysisJSON: #"{"documents":[{"kind":"article"}]}"#, sentences: sentences, entities: entities,
                             mentions: mentionRows, events: events,
                             keywords: [.init(text: "транзит", language: doc.language, source: "computed", score: 0.5)])
    }

    /// Stores the fixture once per test process, in a database of its own (the assertions count the whole store, and
    /// other suites write to the shared test database at the same time; rewriting annotations under a running test
    /// would also change event ids under it), and refreshes the derived statistics. Returns the database URL and the
    /// document ids in fixture order.
    static func prepare() async throws -> (url: String, ids: [UUID]) {
        try await Once.shared.fixture()
    }

    actor Once {
        static let shared = Once()
        private var task: Task<(url: String, ids: [UUID]), any Error>?
        func fixture() async throws -> (url: String, ids: [UUID]) {
            if task == nil {
                task = Task {
                    let url = try await Env.freshDatabase("dala_test_query_fixture")
                    let pg = Env.postgres(poolSize: 2, url: url)
                    do {
                        let ids = try await QueryFixture.store(pg)
                        await pg.shutdown()
                        return (url, ids)
                    } catch {
                        await pg.shutdown()
                        throw error
                    }
                }
            }
            return try await task!.value
        }
    }

    /// Stores the fixture (idempotent: same texts, same ids) and refreshes the derived statistics.
    static func store(_ pg: PostgresClient) async throws -> [UUID] {
        try await Migrator.migrate(pg, logger: Env.logger)
        let docs = DocumentStore(client: pg), writer = AnnotationStore(client: pg)
        var ids: [UUID] = []
        for d in documents {
            let valid = try SubmissionValidator().validate(DocumentSubmission(text: d.text, title: d.title, language: d.language,
                                                                               published: d.published))
            let ref = try await docs.insert(valid)
            try await writer.replace(documentID: ref.id, with: annotations(d), startedAt: Date(), worker: "query-tests")
            ids.append(ref.id)
        }
        try await QueryStore(client: pg).refreshDerived(force: true)
        return ids
    }
}

/// Runs `body` against a live query server over the fixture store.
func withQueryServer<T: Sendable>(reprocessing: Reprocessing? = nil, submissions: (any SubmissionPublisher)? = nil,
                                  _ body: @Sendable (_ base: String, _ ids: [UUID], _ pg: PostgresClient) async throws -> T) async throws -> T {
    let (url, ids) = try await QueryFixture.prepare()
    let pg = Env.postgres(poolSize: 4, url: url)
    do {
        let router = QueryApp.buildRouter(store: QueryStore(client: pg), vocabulary: FakeVocabulary(),
                                          operational: OperationalRoutes(service: "dala-query-test", postgres: pg, kafka: Env.kafka("dala-query-test")),
                                          reprocessing: reprocessing, submissions: submissions)
        let result = try await withLiveServer(router) { base in try await body(base, ids, pg) }
        await pg.shutdown()
        return result
    } catch {
        await pg.shutdown()
        throw error
    }
}

/// GET and decode a JSON object, expecting `status`.
func getJSON(_ url: String, status: Int = 200, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
    let reply = try await HTTP.send("GET", url)
    #expect(reply.status == status, "\(url) → \(reply.status): \(reply.text.prefix(300))", sourceLocation: sourceLocation)
    return reply.json ?? [:]
}

func items(_ json: [String: Any]) -> [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }

/// Percent-encodes a query value (`+`, `&`, `=` and non-ASCII included).
func q(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
    allowed.insert(charactersIn: "-._~:")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
}

/// The code-point span of a text.
func span(_ text: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    guard 0 <= start, start <= end, end <= scalars.count else { return "<out of range \(start)..<\(end)>" }
    var s = String.UnicodeScalarView()
    s.append(contentsOf: scalars[start..<end])
    return String(s)
}

// MARK: - Search, documents, entities

@Suite(.serialized, .enabled(if: Env.pgURL != nil, "set DALA_TEST_PG_URL (make test does) to run query API tests"))
struct QueryAPITests {
    @Test func searchFindsInflectedAndTranslatedFormsWithHighlightsIntoTheOriginalText() async throws {
        try await withQueryServer { base, ids, _ in
            let json = try await getJSON("\(base)/v1/search?q=\(q("Қазақстан"))&limit=50")
            let hits = items(json).filter { h in ids.map { $0.lowercasedString }.contains((h["document_id"] as? String) ?? "") }
            // kk, ru and en documents all answer through the entity link; every sentence mentioning Kazakhstan is a hit.
            #expect(Set(hits.compactMap { $0["language"] as? String }) == ["kk", "ru", "en"])
            #expect(hits.count == 7)
            var highlighted = Set<String>()
            for h in hits {
                let doc = try #require(QueryFixture.documents.first { $0.sentences.contains(h["text"] as? String ?? "") })
                let start = h["start"] as! Int, end = h["end"] as! Int
                #expect(h["snippet"] as? String == span(doc.text, start, end))
                for hl in h["highlights"] as? [[String: Int]] ?? [] {
                    let s = try #require(hl["start"]), e = try #require(hl["end"])
                    #expect(start <= s && e <= end)
                    highlighted.insert(span(doc.text, s, e))
                }
            }
            #expect(highlighted.isSuperset(of: ["Қазақстан", "Қазақстанның", "Казахстаном", "Казахстан", "Kazakhstan's"]))
            // A small store is ranked completely (the window only limits queries matching most of a large store).
            #expect((json["ranking"] as? [String: Any])?["complete"] as? Bool == true)
            // Ranked: non-increasing rank.
            let ranks = items(json).compactMap { $0["rank"] as? Double }
            #expect(ranks == ranks.sorted(by: >))
        }
    }

    @Test func searchFiltersCombineAndPagesAreStable() async throws {
        try await withQueryServer { base, ids, _ in
            let ru = items(try await getJSON("\(base)/v1/search?q=\(q("Қазақстан"))&lang=ru&limit=50"))
            #expect(!ru.isEmpty && ru.allSatisfy { $0["language"] as? String == "ru" })
            let dated = items(try await getJSON("\(base)/v1/search?entity=qt:kz&from=2020&to=2020-12&limit=50"))
            #expect(Set(dated.compactMap { $0["document_id"] as? String }) == [ids[1].lowercasedString])
            // A word and an entity together: both must match.
            let both = items(try await getJSON("\(base)/v1/search?q=\(q("транзите"))&entity=\(q("Россия"))&limit=50"))
            #expect(both.count == 1 && (both.first?["text"] as? String)?.hasPrefix("Казахстаном") == true)
            // Documents granularity: one item per document with its best sentence.
            let docs = items(try await getJSON("\(base)/v1/search?q=\(q("Kazakhstan"))&type=document&limit=50"))
            let mine = docs.filter { ids.map { $0.lowercasedString }.contains(($0["document_id"] as? String) ?? "") }
            #expect(mine.count == 4)
            #expect(mine.first { ($0["document_id"] as? String) == ids[0].lowercasedString }?["matched_sentences"] as? Int == 2)
            // Walking with limit=1 visits every hit once, in the same order as one big page.
            let all = items(try await getJSON("\(base)/v1/search?entity=qt:sco&limit=100"))
            var walked: [String] = [], cursor: String? = nil
            repeat {
                let page = try await getJSON("\(base)/v1/search?entity=qt:sco&limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""))
                walked += items(page).map { "\($0["document_id"]!)/\($0["sentence_index"]!)" }
                cursor = page["next_cursor"] as? String
            } while cursor != nil && walked.count < 100
            #expect(walked == all.map { "\($0["document_id"]!)/\($0["sentence_index"]!)" })
            #expect(walked.count == 3)
        }
    }

    @Test func documentsListDetailTextAndAnnotationsCarryExactOffsets() async throws {
        try await withQueryServer { base, ids, _ in
            for (i, id) in ids.enumerated() {
                let fixture = QueryFixture.documents[i]
                let doc = try await getJSON("\(base)/v1/documents/\(id.uuidString)")
                #expect(doc["status"] as? String == "enriched")
                #expect(doc["extractor_version"] as? String == QueryFixture.version)
                #expect(doc["published"] as? String == fixture.published)
                #expect((doc["analysis"] as? [String: Any])?["documents"] != nil)
                let counts = try #require(doc["counts"] as? [String: Int])
                #expect(counts["mentions"] == fixture.mentions.count && counts["events"] == fixture.events.count)
                #expect(counts["sentences"] == fixture.sentences.count)
                let entities = doc["entities"] as? [[String: Any]] ?? []
                #expect(Set(entities.compactMap { $0["id"] as? String }) == Set(fixture.mentions.map(\.entity)))

                let text = try await HTTP.send("GET", "\(base)/v1/documents/\(id.uuidString)/text")
                #expect(text.text == fixture.text)
                #expect(text.contentType?.hasPrefix("text/plain") == true)
                let part = try await HTTP.send("GET", "\(base)/v1/documents/\(id.uuidString)/text?start=3&end=9")
                #expect(part.text == span(fixture.text, 3, 9))

                let ann = try await getJSON("\(base)/v1/documents/\(id.uuidString)/annotations")
                let mentions = ann["mentions"] as? [[String: Any]] ?? []
                #expect(mentions.count == fixture.mentions.count)
                for m in mentions {
                    #expect(span(fixture.text, m["start"] as! Int, m["end"] as! Int) == m["surface"] as? String)
                }
                for s in ann["sentences"] as? [[String: Any]] ?? [] {
                    #expect(span(fixture.text, s["start"] as! Int, s["end"] as! Int) == fixture.sentences[s["index"] as! Int])
                }
                for e in ann["events"] as? [[String: Any]] ?? [] {
                    for ev in e["mentions"] as? [[String: Any]] ?? [] {
                        #expect(span(fixture.text, ev["trigger_start"] as! Int, ev["trigger_end"] as! Int) == ev["trigger"] as? String)
                        #expect(span(fixture.text, ev["start"] as! Int, ev["end"] as! Int) == ev["evidence"] as? String)
                    }
                }
                #expect((ann["keywords"] as? [[String: Any]])?.first?["text"] as? String == "транзит")
            }
            let withMentions = try await getJSON("\(base)/v1/documents/\(ids[0].uuidString)?include=mentions")
            #expect((withMentions["mentions"] as? [Any])?.count == QueryFixture.documents[0].mentions.count)
            // Listing: newest first; every page respects filters; walking visits each document once.
            var seen = Set<String>(), cursor: String? = nil
            repeat {
                let page = try await getJSON("\(base)/v1/documents?limit=2&status=enriched" + (cursor.map { "&cursor=\($0)" } ?? ""))
                for d in items(page) {
                    #expect(d["status"] as? String == "enriched")
                    #expect(seen.insert(d["id"] as! String).inserted)
                }
                cursor = page["next_cursor"] as? String
            } while cursor != nil && seen.count < 100_000
            #expect(Set(ids.map { $0.lowercasedString }).isSubset(of: seen))
            let ru = items(try await getJSON("\(base)/v1/documents?lang=ru&from=2018&to=2018&limit=200"))
            #expect(ru.contains { $0["id"] as? String == ids[3].lowercasedString })
            #expect(!ru.contains { $0["id"] as? String == ids[1].lowercasedString })
            _ = try await getJSON("\(base)/v1/documents/\(UUID().uuidString)", status: 404)
            _ = try await getJSON("\(base)/v1/documents/\(UUID().uuidString)/annotations", status: 404)
        }
    }

    @Test func entitiesResolveAnyAliasAndProfilesCountMentions() async throws {
        try await withQueryServer { base, _, _ in
            // Other tests may store real knowledge-base entities with the same names, so look for ours among the answers.
            for name in ["Казахстаном", "Қазақстанның", "Kazakhstan's", "kazakhstan", "РК"] {
                let found = items(try await getJSON("\(base)/v1/entities?name=\(q(name))"))
                #expect(found.contains { $0["id"] as? String == "qt:kz" }, "\(name)")
                #expect(!found.contains { ($0["id"] as? String)?.hasPrefix("qt:") == true && $0["id"] as? String != "qt:kz" })
            }
            let orgs = items(try await getJSON("\(base)/v1/entities?name=\(q("ШОС"))&type=organization"))
            #expect(orgs.contains { $0["id"] as? String == "qt:sco" } && orgs.allSatisfy { $0["type"] as? String == "organization" })
            #expect(items(try await getJSON("\(base)/v1/entities?name=\(q("ШОС"))&type=country")).allSatisfy { $0["id"] as? String != "qt:sco" })
            #expect(items(try await getJSON("\(base)/v1/entities?name=\(q("Beijing"))&lang=kk")).isEmpty)

            let kz = try await getJSON("\(base)/v1/entities/qt:kz")
            #expect(kz["mention_count"] as? Int == 7)
            #expect(kz["document_count"] as? Int == 4)
            #expect(kz["sentence_count"] as? Int == 7)
            #expect(kz["event_count"] as? Int == 6)
            #expect(kz["first_published"] as? String == "2018-11-01")
            #expect(kz["last_published"] as? String == "2021-01-01")
            #expect(kz["first_event"] as? String == "2018-11-01" && kz["last_event"] as? String == "2021-06-30")
            let relations = try #require(kz["relations"] as? [String: Any])
            let co = relations["cooccurring"] as? [[String: Any]] ?? []
            #expect(co.first?["id"] as? String == "qt:sco" && co.first?["documents"] as? Int == 3)
            #expect((relations["knowledge"] as? [[String: Any]])?.first?["target"] as? String == "qt:sco")
            let partners = relations["event_partners"] as? [[String: Any]] ?? []
            #expect(partners.contains { $0["id"] as? String == "qt:ru" && $0["event_type"] as? String == "agreement" && $0["events"] as? Int == 1 })
            _ = try await getJSON("\(base)/v1/entities/qt:nobody", status: 404)

            // Mentions with evidence sentences, paged.
            var seen: [String] = [], cursor: String? = nil
            repeat {
                let page = try await getJSON("\(base)/v1/entities/qt:kz/mentions?limit=4" + (cursor.map { "&cursor=\($0)" } ?? ""))
                for m in items(page) {
                    #expect((m["sentence"] as? String)?.contains(m["surface"] as? String ?? "?") == true)
                    seen.append(m["surface"] as? String ?? "")
                }
                cursor = page["next_cursor"] as? String
            } while cursor != nil
            #expect(seen.sorted() == ["Kazakhstan", "Kazakhstan's", "Казахстан", "Казахстан", "Казахстаном", "Қазақстан", "Қазақстанның"])
        }
    }

    @Test func cooccurrencesCountDocumentsAndSentencesWithPMI() async throws {
        try await withQueryServer { base, _, _ in
            let doc = try await getJSON("\(base)/v1/entities/qt:kz/cooccurrences?window=document&limit=50")
            let byID = Dictionary(uniqueKeysWithValues: items(doc).map { ($0["id"] as! String, $0) })
            #expect(byID["qt:sco"]?["count"] as? Int == 3)
            #expect(byID["qt:uz"]?["count"] as? Int == 2)
            #expect(byID["qt:ru"]?["count"] as? Int == 1)
            #expect(items(doc).first?["id"] as? String == "qt:sco")
            let n = try #require(doc["total"] as? Int)
            #expect(doc["entity_count"] as? Int == 4)
            // PMI(kz, sco) = log2(N·3 / (4·3)).
            let pmi = try #require(byID["qt:sco"]?["pmi"] as? Double)
            #expect(abs(pmi - log2(Double(n) * 3 / 12)) < 1e-9)

            let sentence = items(try await getJSON("\(base)/v1/entities/qt:kz/cooccurrences?window=sentence&limit=50"))
            let s = Dictionary(uniqueKeysWithValues: sentence.map { ($0["id"] as! String, $0["count"] as! Int) })
            #expect(s["qt:ru"] == 2 && s["qt:uz"] == 2 && s["qt:sco"] == 2 && s["qt:tashkent"] == 1 && s["qt:beijing"] == 1)
            #expect(s["qt:astana"] == nil)

            let byPMI = items(try await getJSON("\(base)/v1/entities/qt:kz/cooccurrences?sort=pmi&limit=50"))
            let scores = byPMI.compactMap { $0["pmi"] as? Double }
            #expect(scores == scores.sorted(by: >) && scores.count == byPMI.count)
            // Paging by one gives the same order.
            var walked: [String] = [], cursor: String? = nil
            repeat {
                let page = try await getJSON("\(base)/v1/entities/qt:kz/cooccurrences?sort=pmi&limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""))
                walked += items(page).compactMap { $0["id"] as? String }
                cursor = page["next_cursor"] as? String
            } while cursor != nil && walked.count < 100
            #expect(walked == byPMI.compactMap { $0["id"] as? String })
        }
    }
}
