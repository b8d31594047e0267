import DalaAnalysis
import DalaCore
import DalaPostgres
@testable import DalaStorage
import Foundation
import Testing

/// The story rule on hand-made reports (no servers).
struct EventStoryRuleTests {
    func report(_ type: String, _ parts: Set<String>, _ start: String?, _ end: String? = nil, precision: String = "day",
                places: Set<String> = []) -> StoryEvent {
        StoryEvent(type: type, participants: parts, places: places, dateStart: start, dateEnd: end ?? start, precision: precision)
    }

    @Test func daysAreCountedExactlyAndMalformedDatesAreNone() {
        // Every day of five centuries reads back to itself (the day numbers are the linker's windows).
        let days = StoryEvent.day("1800-01-01")!...StoryEvent.day("2300-12-31")!
        #expect(days.count == 182_986)   // as Python's datetime counts them
        #expect(days.first { StoryEvent.day(StoryLinker.date($0)) != $0 } == nil)
        #expect(StoryEvent.day("2024-03-01")! - StoryEvent.day("2024-02-28")! == 2)   // a leap year
        #expect(StoryEvent.day("1970-01-01") == 0)
        for bad in ["", "2024", "2024-03", "2024-03-01-02", "2024--01", "20x4-03-01", "-2024-03-01", "2024-03-", "2024-03-01 "] {
            #expect(StoryEvent.day(bad) == nil, "\(bad)")
        }
    }

    @Test func aStateJoinsAnOrganisationOnceWhateverStepEachReportDates() {
        let decided = report("membership", ["kz", "wto"], "2015-07-27")
        let inForce = report("membership", ["kz", "wto"], "2015-11-30")
        #expect(StoryRule.score(decided, inForce) != nil && StoryRule.score(inForce, decided) != nil)
        // Only the state or only the organisation in common: two events (another state joining that autumn).
        #expect(StoryRule.score(decided, report("membership", ["kg", "wto"], "2015-11-30")) == nil)
        // Years apart: joining again after leaving is another event; and other types keep to overlapping dates.
        #expect(StoryRule.score(decided, report("membership", ["kz", "wto"], "2017-01-10")) == nil)
        #expect(StoryRule.score(report("meeting", ["kz", "wto"], "2015-07-27"), report("meeting", ["kz", "wto"], "2015-11-30")) == nil)
        // A withdrawal and a membership never share a story.
        #expect(StoryRule.score(decided, report("withdrawal", ["kz", "wto"], "2015-11-30")) == nil)
    }

    @Test func anUndatedStepIsPlacedOnItsPublicationDay() {
        func row(_ type: String, _ date: String?) -> AnnotationSet.EventRow {
            AnnotationSet.EventRow(key: "e", type: type, cameo: nil, plover: nil, modality: "planned", speakerEntityID: nil,
                                   dateValue: date, dateStart: date, dateEnd: date, datePrecision: date == nil ? nil : "day",
                                   confidence: 0.7, language: "ru",
                                   participants: [.init(role: "actor", entityID: "am", surface: "", start: nil, end: nil),
                                                  .init(role: "counterpart", entityID: "csto", surface: "", start: nil, end: nil)],
                                   mentions: [])
        }
        let announced = StoryEvent(row("withdrawal", nil), published: "2024-06-12")
        #expect(announced.linkable && announced.precision == StoryRule.publishedPrecision)
        #expect(StoryRule.score(announced, StoryEvent(row("withdrawal", "2024-11-01"))) != nil)
        #expect(StoryRule.score(announced, StoryEvent(row("withdrawal", "2026-01-01"))) == nil)
        // Only for types done in steps; and a placed report needs both participants in common, even on the same day.
        #expect(!StoryEvent(row("meeting", nil), published: "2024-06-12").linkable)
        #expect(StoryRule.score(announced, report("withdrawal", ["am", "kz"], "2024-06-12")) == nil)
        // A publication known only to the year places nothing.
        #expect(!StoryEvent(row("withdrawal", nil), published: "2024").linkable)
    }

    @Test func sameEventTwoSourcesOneDayApartMerge() {
        let a = report("military", ["csto", "kz"], "2022-01-06")
        let b = report("military", ["csto", "kz"], "2022-01-07")
        #expect(StoryRule.score(a, b) != nil)
        // A week later the same actors do something else of the same type: two events.
        #expect(StoryRule.score(a, report("military", ["csto", "kz"], "2022-01-13")) == nil)
    }

    @Test func typeAndDateMustAgree() {
        let founding = report("founding", ["sco"], "2001-06-15")
        #expect(StoryRule.score(founding, report("meeting", ["sco"], "2001-06-15")) == nil)
        #expect(StoryRule.score(founding, report("founding", ["sco"], "2005-07-05")) == nil)
        // A month-precise report contains the day.
        #expect(StoryRule.score(founding, report("founding", ["sco", "cn"], "2001-06-01", "2001-06-30", precision: "month")) != nil)
        // Undated and decade-precise reports never join a story.
        #expect(StoryRule.score(founding, report("founding", ["sco"], nil)) == nil)
        #expect(StoryRule.score(founding, report("founding", ["sco"], "2000-01-01", "2009-12-31", precision: "decade")) == nil)
    }

    @Test func participantsMustAgreeNotJustTouch() {
        // "Tokayev met Putin" and "Tokayev met Xi" on one day share only Tokayev.
        let putin = report("meeting", ["tokayev", "putin"], "2024-07-03")
        let xi = report("meeting", ["tokayev", "xi"], "2024-07-03")
        #expect(StoryRule.score(putin, xi) == nil)
        // A report naming only the organisation fits one naming its founders as well.
        let short = report("founding", ["sco"], "2001-06-15")
        let long = report("founding", ["sco", "ru", "cn", "kz", "kg", "tj", "uz"], "2001-06-15")
        #expect(StoryRule.score(short, long) != nil)
        // Two shared participants are enough even when each report names someone else too.
        #expect(StoryRule.score(report("agreement", ["kg", "tj", "un"], "2025-03-13"),
                                report("agreement", ["kg", "tj", "osce"], "2025-03-13")) != nil)
        #expect(StoryRule.score(report("agreement", ["kg"], "2025-03-13"), report("agreement", ["tj"], "2025-03-13")) == nil)
        // One shared participant is enough for a day-dated deployment (the council and the bloc both send troops)…
        let council = StoryEvent(type: "military", participants: ["csto-council", "kz"], counterparts: ["kz"],
                                 dateStart: "2022-01-06", dateEnd: nil, precision: "day")
        #expect(StoryRule.score(council, StoryEvent(type: "military", participants: ["csto", "kz"], counterparts: ["kz"],
                                                    dateStart: "2022-01-06", dateEnd: nil, precision: "day")) != nil)
        // …unless the counterparts differ, or the dates are coarser than a day.
        #expect(StoryRule.score(council, StoryEvent(type: "military", participants: ["csto-council", "kg"], counterparts: ["kg"],
                                                    dateStart: "2022-01-06", dateEnd: nil, precision: "day")) == nil)
        #expect(StoryRule.score(report("military", ["csto-council", "kz"], "2022-01-01", "2022-01-31", precision: "month"),
                                report("military", ["csto", "kz"], "2022-01-01", "2022-01-31", precision: "month")) == nil)
    }

    @Test func aBodyMeetsOnceADay() {
        // Two reports of the C5+1 summit: one names the US, the other the UN General Assembly around it.
        let a = StoryEvent(type: "meeting", participants: ["c5", "us", "kz"], bodies: ["c5"], dateStart: "2023-09-19", dateEnd: nil, precision: "day")
        let b = StoryEvent(type: "meeting", participants: ["c5", "unga"], bodies: ["c5", "unga"], dateStart: "2023-09-19", dateEnd: nil, precision: "day")
        #expect(StoryRule.score(a, b) != nil)
        // A country is no body: "Tokayev met Putin" and "Tokayev met Xi" the same day stay apart.
        let c = StoryEvent(type: "meeting", participants: ["kz", "ru"], dateStart: "2023-09-19", dateEnd: nil, precision: "day")
        let d = StoryEvent(type: "meeting", participants: ["kz", "cn"], dateStart: "2023-09-19", dateEnd: nil, precision: "day")
        #expect(StoryRule.score(c, d) == nil)
        // A body's statements are not one a day, and its meetings on other days are other meetings.
        let e = StoryEvent(type: "statement", participants: ["c5", "us"], bodies: ["c5"], dateStart: "2023-09-19", dateEnd: nil, precision: "day")
        let f = StoryEvent(type: "statement", participants: ["c5", "unga"], bodies: ["c5"], dateStart: "2023-09-19", dateEnd: nil, precision: "day")
        #expect(StoryRule.score(e, f) == nil)
        let g = StoryEvent(type: "meeting", participants: ["c5", "unga"], bodies: ["c5"], dateStart: "2023-09-25", dateEnd: nil, precision: "day")
        #expect(StoryRule.score(a, g) == nil)
        // A body that is not among the participants is none.
        #expect(StoryEvent(type: "meeting", participants: ["kz"], bodies: ["c5"], dateStart: nil, dateEnd: nil, precision: nil).bodies.isEmpty)
    }

    @Test func differentPlacesStayApart() {
        let a = report("meeting", ["sco"], "2022-09-15", places: ["samarkand"])
        #expect(StoryRule.score(a, report("meeting", ["sco"], "2022-09-15", places: ["astana"])) == nil)
        #expect(StoryRule.score(a, report("meeting", ["sco"], "2022-09-15")) != nil)
        // Two shared participants outweigh a different place (a region and a city, say).
        #expect(StoryRule.score(report("meeting", ["us", "biden"], "2023-09-19", places: ["new-york"]),
                                report("meeting", ["us", "biden"], "2023-09-20", places: ["central-asia"])) != nil)
        // A report naming only its place is compared by it.
        #expect(StoryRule.score(report("meeting", [], "2018-03-15", places: ["astana"]), report("meeting", [], "2018-03-15", places: ["astana"])) != nil)
    }

    /// The signing of a treaty founding an organisation is the founding: one story across the two types; a treaty
    /// about something else signed the same day by the same parties (`the Shanghai Convention`) stays apart.
    @Test func aFoundingTreatyAndTheFoundingAreOneEvent() {
        let founded = StoryEvent(type: "founding", participants: ["sco", "shanghai-five"], dateStart: "2001-06-15", dateEnd: nil,
                                 precision: "day")
        let signed = StoryEvent(type: "agreement", participants: ["ru", "cn", "kz", "sco"], objects: ["sco"], dateStart: "2001-06-15",
                                dateEnd: nil, precision: "day")
        #expect(StoryRule.score(founded, signed) != nil)
        #expect(StoryRule.score(signed, founded) != nil)
        let convention = StoryEvent(type: "agreement", participants: ["ru", "cn", "kz", "sco", "convention"], objects: ["convention"],
                                    dateStart: "2001-06-15", dateEnd: nil, precision: "day")
        #expect(StoryRule.score(founded, convention) == nil)
        // Other types are never kindred: a meeting and a founding the same day are two events.
        #expect(StoryRule.score(founded, StoryEvent(type: "meeting", participants: ["sco"], objects: ["sco"], dateStart: "2001-06-15",
                                                    dateEnd: nil, precision: "day")) == nil)
        #expect(StoryRule.family("agreement") == ["agreement", "founding"])
        #expect(StoryRule.family("meeting") == ["meeting"])
    }

    /// `signed the treaty creating the union` (a founding) and `signed the Treaty on the union` (an agreement whose object
    /// is the treaty entity): the same day and two of the same parties make them one event; a day apart, or one shared
    /// party, they stay two.
    @Test func aSigningAndAFoundingOfTheSameDayByTheSamePartiesAreOneEvent() {
        let founded = StoryEvent(type: "founding", participants: ["ru", "by", "kz", "eaeu"], objects: ["eaeu"],
                                 dateStart: "2014-05-29", dateEnd: nil, precision: "day")
        let signed = StoryEvent(type: "agreement", participants: ["ru", "by", "kz", "eaeu-treaty"], objects: ["eaeu-treaty"],
                                dateStart: "2014-05-29", dateEnd: nil, precision: "day")
        #expect(StoryRule.score(founded, signed) != nil)
        #expect(StoryRule.score(signed, founded) != nil)
        let nextDay = StoryEvent(type: "agreement", participants: ["ru", "by", "kz", "eaeu-treaty"], objects: ["eaeu-treaty"],
                                 dateStart: "2014-05-30", dateEnd: nil, precision: "day")
        #expect(StoryRule.score(founded, nextDay) == nil)
        let oneShared = StoryEvent(type: "agreement", participants: ["kz", "cn", "pipeline-deal"], objects: ["pipeline-deal"],
                                   dateStart: "2014-05-29", dateEnd: nil, precision: "day")
        #expect(StoryRule.score(founded, oneShared) == nil)
    }

    @Test func clusteringIsSingleLinkInOrder() {
        let events = [report("agreement", ["a", "b"], "2014-05-29"), report("agreement", ["a", "b"], "2014-10-10"),
                      report("agreement", ["a", "b", "c"], "2014-05-28"), report("agreement", ["b"], "2014-05-01", "2014-05-31", precision: "month")]
        #expect(StoryRule.cluster(events) == [0, 1, 0, 0])
    }
}

/// Pairwise merge precision and recall on `Benchmarks/Quality/heldout/duplicates.jsonl` (reports of 12 events in
/// kk/ru/en plus 6 distractors): the real analyser reads each report, its event is the one whose trigger lies in the
/// annotated evidence, and the reports are clustered by the rule the linker applies. No servers.
struct DuplicateReportsTests {
    struct Report { var id: String, group: String?, event: StoryEvent? }

    static func load() throws -> [[String: Any]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Benchmarks/Quality/heldout/duplicates.jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// (precision, recall, pairs predicted, gold pairs) over report pairs.
    static func pairwise(_ reports: [Report]) -> (Double, Double, Int, Int) {
        let clusters = StoryRule.cluster(reports.compactMap(\.event))
        var cluster: [Int?] = [], k = 0
        for r in reports { if r.event != nil { cluster.append(clusters[k]); k += 1 } else { cluster.append(nil) } }
        var tp = 0, predicted = 0, gold = 0
        for i in reports.indices { for j in reports.indices where j > i {
            let same = reports[i].group != nil && reports[i].group == reports[j].group
            let merged = cluster[i] != nil && cluster[i] == cluster[j]
            if same { gold += 1 }
            if merged { predicted += 1 }
            if same && merged { tp += 1 }
        } }
        return (predicted == 0 ? 1 : Double(tp) / Double(predicted), gold == 0 ? 1 : Double(tp) / Double(gold), predicted, gold)
    }

    /// The rule alone, on the annotated events (type, participants, date): what it can do with a perfect analyser.
    /// It misses by design the undated reports (g07: never merged, too many candidates), the later entry into force
    /// (g10-ru: another date) and meetings sharing one participant (g09-ru).
    @Test func ruleOnAnnotatedEvents() throws {
        let reports = try Self.load().map { r -> Report in
            let e = r["event"] as! [String: Any]
            let date = e["date"] as? String
            let precision = date.map { $0.count == 10 ? "day" : $0.count == 7 ? "month" : "year" }
            let start = date.map { $0.count == 10 ? $0 : $0.count == 7 ? $0 + "-01" : $0 + "-01-01" }
            let end = date.map { $0.count == 10 ? $0 : $0.count == 7 ? $0 + "-28" : $0 + "-12-31" }
            return Report(id: r["id"] as! String, group: r["group"] as? String,
                          event: StoryEvent(type: e["type"] as! String, participants: Set(e["participants"] as! [String]),
                                            dateStart: start, dateEnd: end, precision: precision))
        }
        let (p, r, predicted, gold) = Self.pairwise(reports)
        print("story rule on annotated events: pairwise P=\(p) R=\(r) (\(predicted) pairs merged, \(gold) gold pairs)")
        #expect(p >= 0.9)
        #expect(r >= 0.75)
    }

    @Test func analyserAndRule() throws {
        let pipeline = try Pipeline()
        var found = 0
        var reports: [Report] = []
        for r in try Self.load() {
            let gold = r["event"] as! [String: Any]
            let evidence = (gold["evidence"] as! String).lowercased(), type = gold["type"] as! String
            let set = pipeline.analyze(r["text"] as! String, documentDate: r["published"] as? String).annotationSet(configHash: "")
            // The report's event: its trigger inside the annotated evidence, or its sentence holding the whole evidence
            // (an annotated evidence may leave out the verb), the annotated type first on a tie.
            let inEvidence = set.events.filter { e in
                e.mentions.contains { !$0.trigger.isEmpty && evidence.contains($0.trigger.lowercased()) || $0.evidence.lowercased().contains(evidence) }
            }
            let event = inEvidence.first { $0.type == type } ?? inEvidence.first
            if event != nil { found += 1 }
            let id = r["id"] as! String
            if let e = event {
                print("  \(id): \(e.type) \(e.dateStart ?? "-")..\(e.dateEnd ?? "-") \(e.datePrecision ?? "-") "
                      + "\(StoryEvent(e).participants.sorted()) places \(StoryEvent(e).places.sorted())")
            } else {
                print("  \(id): no event at the evidence; found \(set.events.map(\.type))")
            }
            reports.append(Report(id: id, group: r["group"] as? String,
                                  event: event.map { StoryEvent($0, bodies: StoryEvent.bodyIDs(of: set), published: r["published"] as? String) }))
        }
        let (p, rec, predicted, gold) = Self.pairwise(reports)
        print("analyser + story rule: pairwise P=\(p) R=\(rec) (\(predicted) pairs merged, \(gold) gold pairs); "
              + "event found for \(found) of \(reports.count) reports")
        // Recall is bounded by event detection (an event must be found, with the annotated type, in both reports).
        // 2026-12-06: P 1.0, R 0.625 (was 0.5); 2026-12-07 (a body meets once a day): P 1.0, R 0.688; session 26 (a
        // state joins an organisation once): P 1.0, R 0.750; with ru perfective futures (выйдет из): R 0.781; a news lead naming a university is body text: R 0.844; undated steps placed on their publication day: R 0.906. The misses are listed by scripts/duplicates-merge.py -v.
        #expect(p >= 0.9)
        #expect(rec >= 0.88)
    }
}

/// How a test writes: the write links its events itself (`inline`), or leaves them to the story linker, run on the
/// written documents right after (`deferred`, as the worker and `StoryLinkerService` do). Each test runs both ways
/// and expects the same stories.
enum Linking: String, CaseIterable, Sendable { case inline, deferred }

/// `AnnotationStore.replaceMany`, then (deferred) the story linker's step on the documents written. Deferred writes
/// name entities of their own (`entity(_:)`), so a test's two runs do not link to each other's stories.
struct StoryWriter: Sendable {
    let pg: PostgresClient, linking: Linking
    init(_ pg: PostgresClient, _ linking: Linking) { self.pg = pg; self.linking = linking }

    func entity(_ id: String) -> String { linking == .inline ? id : id + "-deferred" }

    func replaceMany(_ items: [AnnotationStore.Replacement], worker: String) async throws -> Set<UUID> {
        guard linking == .deferred else {
            return try await AnnotationStore(client: pg, linksStories: true).replaceMany(items, worker: worker)
        }
        let renamed = items.map { item in
            var r = item, a = item.annotations
            for i in a.entities.indices { a.entities[i].id = entity(a.entities[i].id) }
            for i in a.mentions.indices { a.mentions[i].entityID = entity(a.mentions[i].entityID) }
            for i in a.events.indices {
                a.events[i].speakerEntityID = a.events[i].speakerEntityID.map(entity)
                for j in a.events[i].participants.indices { a.events[i].participants[j].entityID = a.events[i].participants[j].entityID.map(entity) }
            }
            r.annotations = a
            return r
        }
        let written = try await AnnotationStore(client: pg).replaceMany(renamed, worker: worker)
        #expect(try await StoryLinks(client: pg).linked(Array(written)) == false || written.isEmpty)
        _ = try await StoryLinks(client: pg).link(documents: items.map(\.documentID))
        return written
    }
}

/// Linking stored events to stories in the real PostgreSQL: merging across documents, distractors apart,
/// idempotent reprocessing, concurrent writers, and the collapsed event list.
@Suite(.serialized, .enabled(if: Env.pgURL != nil, "set DALA_TEST_PG_URL (make test does) to run story tests"))
struct EventStoryStorageTests {
    static let tag = String(UUID().uuidString.prefix(8)).lowercased()

    /// A report of a treaty between two test countries on `date`, written in language `lang`.
    static func annotations(_ date: String, type: String = "agreement", modality: String = "asserted", lang: String,
                            parties: [String] = ["a", "b"], text: String) -> AnnotationSet {
        let ids = parties.map { "test:story-\($0)-" + tag }
        let entities = ids.map { AnnotationSet.EntityRow(id: $0, type: "country", labelEN: $0, labelRU: nil, labelKK: nil, aliases: [],
                                                         fromKnowledgeBase: false) }
        let event = AnnotationSet.EventRow(
            key: "e1", type: type, cameo: nil, plover: nil, modality: modality, speakerEntityID: nil,
            dateValue: date, dateStart: date, dateEnd: date, datePrecision: "day", confidence: 0.7, language: lang,
            participants: ids.enumerated().map { i, id in .init(role: i == 0 ? "actor" : "counterpart", entityID: id, surface: id, start: 0, end: 5) },
            mentions: [.init(sentenceIndex: 0, start: 0, end: text.count, evidence: text, trigger: "signed", triggerStart: 0,
                             triggerEnd: 6, confidence: 0.7)])
        return AnnotationSet(
            extractorVersion: "story-test", configHash: "cfg", language: lang, languages: [lang: 1], analysisJSON: "{}",
            sentences: [.init(index: 0, start: 0, end: text.count, language: lang, confidence: 1, section: "body", text: text,
                              searchKeys: ["story"])],
            entities: entities, mentions: [], times: [], events: [event], keywords: [])
    }

    static func newDocument(_ docs: DocumentStore, _ text: String, published: String = "2025") async throws -> UUID {
        let doc = try SubmissionValidator().validate(DocumentSubmission(text: text + " " + UUID().uuidString, published: published))
        return try await docs.insert(doc).id
    }

    static func storyOf(_ pg: PostgresClient, document: UUID) async throws -> [UUID] {
        try await pg.query("""
            SELECT r.story_id::text AS s FROM event_story_reports r JOIN events e ON e.id = r.event_id
            WHERE e.document_id = \(document.uuidString)::uuid ORDER BY e.event_key
            """).map { try $0.decode("s", as: UUID.self) }
    }

    @Test(arguments: Linking.allCases) func reportsOfOneEventShareAStoryAndDistractorsDoNot(linking: Linking) async throws {
        let pg = Env.postgres(poolSize: 4)
        do {
            try await Migrator.migrate(pg, logger: Env.logger)
            let docs = DocumentStore(client: pg), store = StoryWriter(pg, linking)
            let en = try await Self.newDocument(docs, "Story test en")
            let ru = try await Self.newDocument(docs, "Story test ru")
            let kk = try await Self.newDocument(docs, "Story test kk")
            let later = try await Self.newDocument(docs, "Story test later")
            let other = try await Self.newDocument(docs, "Story test other type")
            _ = try await store.replaceMany([
                .init(documentID: en, annotations: Self.annotations("2025-03-13", lang: "en", text: "A and B signed a treaty."), startedAt: Date()),
                .init(documentID: ru, annotations: Self.annotations("2025-03-14", modality: "planned", lang: "ru", text: "А и Б подпишут договор."), startedAt: Date()),
            ], worker: "story-test")
            // Another batch, another transaction: the stored reports are the candidates.
            _ = try await store.replaceMany([
                .init(documentID: kk, annotations: Self.annotations("2025-03-13", lang: "kk", parties: ["a", "b", "c"], text: "A мен B келісімге қол қойды."), startedAt: Date()),
                .init(documentID: later, annotations: Self.annotations("2025-04-20", lang: "en", text: "A and B signed another treaty."), startedAt: Date()),
                .init(documentID: other, annotations: Self.annotations("2025-03-13", type: "dispute", lang: "en", text: "A and B quarrelled."), startedAt: Date()),
            ], worker: "story-test")
            let s = try await Self.storyOf(pg, document: en)
            #expect(s.count == 1)
            #expect(try await Self.storyOf(pg, document: ru) == s)
            #expect(try await Self.storyOf(pg, document: kk) == s)
            #expect(try await Self.storyOf(pg, document: later) != s)
            #expect(try await Self.storyOf(pg, document: other) != s)

            // The event shows every report with its own date and modality; the collapsed list counts it once.
            let query = QueryStore(client: pg)
            let eventID = try await pg.query("SELECT id::text AS id FROM events WHERE document_id = \(en.uuidString)::uuid").first!.decode("id", as: UUID.self)
            let view = try #require(try await query.event(eventID))
            #expect(view.story?.reports == 3)
            #expect(view.story?.documents == 3)
            #expect(Set(view.story?.reportList.map(\.modality) ?? []) == ["asserted", "planned"])
            #expect(Set(view.story?.reportList.compactMap(\.date?.start) ?? []) == ["2025-03-13", "2025-03-14"])
            var filter = EventFilter(entityIDs: [store.entity("test:story-a-" + Self.tag)])
            let all = try await query.events(filter, limit: 50, cursor: nil)
            filter.collapse = true
            let collapsed = try await query.events(filter, limit: 50, cursor: nil)
            #expect(all.items.count == 5)
            #expect(collapsed.items.count == 3)
            #expect(collapsed.items.map { $0.story?.reports ?? 0 }.sorted() == [1, 1, 3])
            // Keyset paging over stories visits each once.
            var seen: [UUID] = [], cursor: [String]? = nil
            repeat {
                let page = try await query.events(filter, limit: 1, cursor: cursor)
                seen += page.items.map(\.id)
                cursor = page.nextCursor.flatMap { Cursor.decode($0) }
            } while cursor != nil
            #expect(seen.count == 3 && Set(seen).count == 3)
            // The export as its route reads it (documents in id order, a page of one document at a time): every report
            // carries its story, and collapsed it counts the treaty once.
            var exported: [EventView] = [], collapser = StoryCollapser(), after: UUID? = nil
            while true {
                let page = try await query.exportEvents(filter, afterDocument: after, documents: 1)
                guard let last = page.last else { break }
                after = last
                exported += page.events
            }
            #expect(exported.count == 5 && exported.allSatisfy { $0.story != nil })
            let once = exported.filter { collapser.keep($0) }
            #expect(once.count == 3 && Set(once.compactMap(\.story?.id)).count == 3)
            // The collapsed timeline counts the treaty once in March, the quarrel, and the April treaty.
            let timeline = try await query.timeline(entity: store.entity("test:story-a-" + Self.tag), bucket: "month", type: nil, from: nil, to: nil,
                                                    collapse: true)
            #expect(timeline.buckets.map(\.period) == ["2025-03", "2025-04"])
            #expect(timeline.buckets.map(\.total) == [2, 1])
            #expect(timeline.buckets.first?.byType == ["agreement": 1, "dispute": 1])

            // Reprocessing (or a redelivered message) relinks to the same story; the story of a document alone keeps its id.
            let laterStory = try await Self.storyOf(pg, document: later)
            for _ in 0..<2 {
                _ = try await store.replaceMany([
                    .init(documentID: en, annotations: Self.annotations("2025-03-13", lang: "en", text: "A and B signed a treaty."), startedAt: Date()),
                    .init(documentID: later, annotations: Self.annotations("2025-04-20", lang: "en", text: "A and B signed another treaty."), startedAt: Date()),
                ], worker: "story-test")
            }
            #expect(try await Self.storyOf(pg, document: en) == s)
            #expect(try await Self.storyOf(pg, document: later) == laterStory)
            let count = try await pg.query("SELECT count(*) AS n FROM event_story_reports WHERE story_id = \(s[0].uuidString)::uuid").first!.decode("n", as: Int.self)
            #expect(count == 3)
            await pg.shutdown()
        } catch {
            await pg.shutdown()
            throw error
        }
    }

    @Test(arguments: Linking.allCases) func concurrentWritersStartOneStory(linking: Linking) async throws {
        let pg = Env.postgres(poolSize: 8)
        do {
            try await Migrator.migrate(pg, logger: Env.logger)
            let docs = DocumentStore(client: pg)
            var ids: [UUID] = []
            for i in 0..<8 { ids.append(try await Self.newDocument(docs, "Story concurrency \(i)")) }
            let idList = ids
            // Eight workers write eight reports of one new event at once, each in its own transaction.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (i, id) in idList.enumerated() {
                    group.addTask {
                        _ = try await StoryWriter(pg, linking).replaceMany(
                            [.init(documentID: id, annotations: Self.annotations("2026-02-0\(1 + i % 2)", lang: "en", parties: ["p", "q"],
                                                                                 text: "P and Q signed."), startedAt: Date())],
                            worker: "story-\(i)")
                    }
                }
                try await group.waitForAll()
            }
            var stories = Set<UUID>()
            for id in idList { stories.formUnion(try await Self.storyOf(pg, document: id)) }
            #expect(stories.count == 1)
            await pg.shutdown()
        } catch {
            await pg.shutdown()
            throw error
        }
    }

    /// The linker reads short shapes (a day to a month) near a report and long ones (a year) across the year before it:
    /// a report dated to a year finds day reports months into it, and is found by them; day reports weeks apart stay apart.
    @Test(arguments: Linking.allCases) func yearAndDayReportsFindEachOtherAcrossTheWindow(linking: Linking) async throws {
        let pg = Env.postgres(poolSize: 2)
        do {
            try await Migrator.migrate(pg, logger: Env.logger)
            let docs = DocumentStore(client: pg), store = StoryWriter(pg, linking)
            func write(_ date: String, year: Bool = false, type: String = "agreement", parties: [String],
                       undatedIn published: String? = nil) async throws -> UUID {
                let id = try await Self.newDocument(docs, "Window \(date) \(parties)", published: published ?? "2025")
                var a = Self.annotations(date, type: type, lang: "en", parties: parties, text: "A and B signed.")
                if published != nil { a.events[0].dateValue = nil; a.events[0].dateStart = nil; a.events[0].dateEnd = nil; a.events[0].datePrecision = nil }
                if year { a.events[0].dateValue = String(date.prefix(4)); a.events[0].dateEnd = String(date.prefix(4)) + "-12-31"; a.events[0].datePrecision = "year" }
                _ = try await store.replaceMany([.init(documentID: id, annotations: a, startedAt: Date())], worker: "window")
                return id
            }
            // A year report first, then a day report in November: a long shape ten months before the day.
            let year = try await write("2023-01-01", year: true, parties: ["win-a", "win-b"])
            let november = try await write("2023-11-20", parties: ["win-a", "win-b"])
            #expect(try await Self.storyOf(pg, document: november) == Self.storyOf(pg, document: year))
            // A day report first, then a year report that covers it.
            let march = try await write("2021-03-05", parties: ["win-c", "win-d"])
            let year2 = try await write("2021-01-01", year: true, parties: ["win-c", "win-d"])
            #expect(try await Self.storyOf(pg, document: year2) == Self.storyOf(pg, document: march))
            // Day reports five weeks apart are two events.
            let early = try await write("2022-05-01", parties: ["win-e", "win-f"])
            let late = try await write("2022-06-05", parties: ["win-e", "win-f"])
            #expect(try await Self.storyOf(pg, document: early) != Self.storyOf(pg, document: late))
            // A membership dated to its decision, and four months later to its entry into force: one event, found in
            // either order (the windows reach a year for membership); a third state joining then is another.
            let decided = try await write("2015-07-27", type: "membership", parties: ["win-g", "win-h"])
            let inForce = try await write("2015-11-30", type: "membership", parties: ["win-g", "win-h"])
            #expect(try await Self.storyOf(pg, document: inForce) == Self.storyOf(pg, document: decided))
            let laterFirst = try await write("2016-11-30", type: "membership", parties: ["win-i", "win-j"])
            let earlierNext = try await write("2016-07-27", type: "membership", parties: ["win-i", "win-j"])
            #expect(try await Self.storyOf(pg, document: earlierNext) == Self.storyOf(pg, document: laterFirst))
            let other = try await write("2015-10-15", type: "membership", parties: ["win-k", "win-h"])
            #expect(try await Self.storyOf(pg, document: other) != Self.storyOf(pg, document: decided))
            // An undated report of such a step (`will leave`, `has applied`) is placed on its publication day: it
            // joins the dated report of the same state and organisation within a year, and nothing a year away.
            let left = try await write("2024-09-01", type: "withdrawal", parties: ["win-l", "win-m"])
            let announced = try await write("-", type: "withdrawal", parties: ["win-l", "win-m"], undatedIn: "2024-06-12")
            #expect(try await Self.storyOf(pg, document: announced) == Self.storyOf(pg, document: left))
            let longAfter = try await write("-", type: "withdrawal", parties: ["win-l", "win-m"], undatedIn: "2026-06-12")
            #expect(try await Self.storyOf(pg, document: longAfter) != Self.storyOf(pg, document: left))
            await pg.shutdown()
        } catch {
            await pg.shutdown()
            throw error
        }
    }

    /// One batch holding reports a few days apart reads their candidates through one merged window: each report still
    /// finds its own earlier report (the merged window keeps the earliest start and end bound and every participant),
    /// and the reports of the batch, which share nothing, stay apart.
    @Test(arguments: Linking.allCases) func reportsDaysApartInOneBatchEachFindTheirStory(linking: Linking) async throws {
        let pg = Env.postgres(poolSize: 2)
        do {
            try await Migrator.migrate(pg, logger: Env.logger)
            let docs = DocumentStore(client: pg), store = StoryWriter(pg, linking)
            let plan: [(date: String, parties: [String])] = [("2020-02-03", ["mw-a", "mw-b"]), ("2020-02-08", ["mw-c", "mw-d"]),
                                                             ("2020-02-06", ["mw-e", "mw-f"])]
            var first: [UUID] = [], second: [AnnotationStore.Replacement] = [], secondIDs: [UUID] = []
            for (date, parties) in plan {
                let id = try await Self.newDocument(docs, "Merged window \(date) \(parties)")
                _ = try await store.replaceMany([.init(documentID: id, annotations: Self.annotations(date, lang: "en", parties: parties,
                                                                                                      text: "A and B signed."),
                                                       startedAt: Date())], worker: "merge")
                first.append(id)
                let again = try await Self.newDocument(docs, "Merged window again \(date) \(parties)")
                second.append(.init(documentID: again, annotations: Self.annotations(date, lang: "ru", parties: parties,
                                                                                      text: "А и Б подписали."), startedAt: Date()))
                secondIDs.append(again)
            }
            _ = try await store.replaceMany(second, worker: "merge")
            var stories: [UUID] = []
            for (a, b) in zip(first, secondIDs) {
                let s = try await Self.storyOf(pg, document: a)
                #expect(try await Self.storyOf(pg, document: b) == s)
                stories += s
            }
            #expect(Set(stories).count == plan.count)
            await pg.shutdown()
        } catch {
            await pg.shutdown()
            throw error
        }
    }

    /// The annotation tables have no per-row foreign keys (migration 0011): a rewrite and a deleted document still leave
    /// no row behind, down to an event's participants, evidence and story report.
    @Test(arguments: Linking.allCases) func rewritesAndDeletedDocumentsLeaveNoAnnotationBehind(linking: Linking) async throws {
        let pg = Env.postgres(poolSize: 2)
        do {
            try await Migrator.migrate(pg, logger: Env.logger)
            let docs = DocumentStore(client: pg), store = StoryWriter(pg, linking)
            let id = try await Self.newDocument(docs, "Cascade check")
            func counts() async throws -> [Int] {
                try await pg.query("""
                    SELECT (SELECT count(*) FROM events WHERE document_id = \(id.uuidString)::uuid) AS events,
                           (SELECT count(*) FROM sentences WHERE document_id = \(id.uuidString)::uuid) AS sentences,
                           (SELECT count(*) FROM event_participants p WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = p.event_id)) AS orphan_participants,
                           (SELECT count(*) FROM event_mentions m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id)) AS orphan_evidence,
                           (SELECT count(*) FROM event_story_reports r WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.event_id)) AS orphan_reports,
                           (SELECT count(*) FROM event_story_reports WHERE document_id = \(id.uuidString)::uuid) AS reports
                    """).map { r in try ["events", "sentences", "orphan_participants", "orphan_evidence", "orphan_reports", "reports"]
                        .map { try r.decode($0, as: Int.self) } }.first ?? []
            }
            for date in ["2025-03-01", "2025-03-02"] {  // written, then rewritten with a new event id
                _ = try await store.replaceMany([.init(documentID: id, annotations: Self.annotations(
                    date, lang: "en", parties: ["cascade-a", "cascade-b"], text: "A and B signed."), startedAt: Date())], worker: "cascade")
                #expect(try await counts() == [1, 1, 0, 0, 0, 1])
            }
            _ = try await pg.execute("DELETE FROM documents WHERE id = \(id)")
            #expect(try await counts() == [0, 0, 0, 0, 0, 0])
            await pg.shutdown()
        } catch {
            await pg.shutdown()
            throw error
        }
    }

    /// Copies of one report are one shape of their story, counted; the linker reads shapes, and a shape no stored report
    /// has any more (its documents deleted or reprocessed into something else) is gone.
    @Test(arguments: Linking.allCases) func copiesAreOneShapeCountedAndGoWithTheirReports(linking: Linking) async throws {
        let pg = Env.postgres(poolSize: 4)
        do {
            try await Migrator.migrate(pg, logger: Env.logger)
            let docs = DocumentStore(client: pg), store = StoryWriter(pg, linking)
            let parties = ["copy-a", "copy-b"]
            var ids: [UUID] = []
            for i in 0..<6 { ids.append(try await Self.newDocument(docs, "Shape copy \(i)")) }
            // Two batches of three copies: the second batch finds the first one's shape.
            for batch in [ids[0..<3], ids[3..<6]] {
                _ = try await store.replaceMany(batch.map { id in
                    .init(documentID: id, annotations: Self.annotations("2024-06-01", lang: "en", parties: parties, text: "A and B signed."),
                          startedAt: Date())
                }, worker: "shape-test")
            }
            let story = try await Self.storyOf(pg, document: ids[0])
            for id in ids { #expect(try await Self.storyOf(pg, document: id) == story) }
            func shapes() async throws -> [Int] {
                try await pg.query("""
                    SELECT reports FROM event_story_shapes WHERE story_id = \(story[0].uuidString)::uuid ORDER BY reports
                    """).map { try $0.decode("reports", as: Int.self) }
            }
            #expect(try await shapes() == [6])
            // A copy reprocessed into a report of another day is a second shape of the same story (one day apart).
            _ = try await store.replaceMany([.init(documentID: ids[5], annotations: Self.annotations(
                "2024-06-02", lang: "en", parties: parties, text: "A and B signed."), startedAt: Date())], worker: "shape-test")
            #expect(try await Self.storyOf(pg, document: ids[5]) == story)
            #expect(try await shapes() == [1, 5])
            // Deleted documents take their reports off the counts; the last one takes the shape with it.
            _ = try await pg.execute("DELETE FROM documents WHERE id = ANY(\(Array(ids[0..<5]))::uuid[])")
            #expect(try await shapes() == [1])
            _ = try await pg.execute("DELETE FROM documents WHERE id = \(ids[5])")
            #expect(try await shapes() == [])
            await pg.shutdown()
        } catch {
            await pg.shutdown()
            throw error
        }
    }
}
