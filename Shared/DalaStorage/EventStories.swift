import DalaCore
import DalaPostgres
import Foundation

/// What the story rule looks at in one event report: its type, canonical participants (knowledge-base or
/// document entity ids; places apart), and its date as a day interval.
public struct StoryEvent: Sendable, Hashable {
    public let type: String
    /// Actors, counterparts, speakers and other non-place participants (entity ids).
    public let participants: Set<String>
    public let places: Set<String>
    /// Participants in the counterpart role (the other side: `met Putin`), a subset of `participants`.
    public let counterparts: Set<String>
    /// Participants in the object role (the organisation a treaty founds, the treaty signed), a subset of `participants`.
    public let objects: Set<String>
    /// Participants that are organisations or formats (the SCO, C5+1), a subset of `participants`: a body meets once a
    /// day.
    public let bodies: Set<String>
    /// Days since 1970-01-01, inclusive; nil when undated.
    public let start: Int?
    public let end: Int?
    public let precision: String?

    public init(type: String, participants: Set<String>, places: Set<String> = [], counterparts: Set<String> = [],
                objects: Set<String> = [], bodies: Set<String> = [], dateStart: String?, dateEnd: String?, precision: String?) {
        // A report naming only where it happened (`the meeting in Astana`) is compared by its places.
        self.type = type; self.participants = participants.isEmpty ? places : participants; self.places = places
        self.counterparts = counterparts; self.objects = objects; self.bodies = bodies.intersection(participants)
        self.start = dateStart.flatMap(Self.day)
        // An open range (`since 2015`) has no end: it cannot be compared.
        self.end = precision == "range" ? dateEnd.flatMap(Self.day) : (dateEnd ?? dateStart).flatMap(Self.day) ?? start
        self.precision = precision
        linkable = Self.isLinkable(start: start, end: end, participants: self.participants, precision: precision)
    }

    /// `bodies`: the ids of the document's organisations and formats (`bodyIDs(of:)`). `published`: the document's
    /// publication date (`YYYY-MM-DD`); an undated report of a type done in steps (`StoryRule.stepsReach`: `Armenia
    /// will leave the CSTO`, `has applied to join`) is placed on it with precision `published`, which only the steps
    /// rule compares (two shared participants, within the reach of a year).
    public init(_ e: AnnotationSet.EventRow, bodies: Set<String> = [], published: String? = nil) {
        var parts = Set<String>(), places = Set<String>(), counterparts = Set<String>(), objects = Set<String>()
        for p in e.participants {
            guard let id = p.entityID else { continue }
            if p.role == "place" { places.insert(id) } else { parts.insert(id) }
            if p.role == "counterpart" { counterparts.insert(id) }
            if p.role == "object" { objects.insert(id) }
        }
        if let s = e.speakerEntityID { parts.insert(s) }
        var (start, end, precision) = (e.dateStart, e.dateEnd, e.datePrecision)
        if start == nil, StoryRule.reach(e.type) > 0, let day = published.map({ String($0.prefix(10)) }), day.count == 10 {
            (start, end, precision) = (day, day, StoryRule.publishedPrecision)
        }
        self.init(type: e.type, participants: parts, places: places, counterparts: counterparts, objects: objects, bodies: bodies,
                  dateStart: start, dateEnd: end, precision: precision)
    }

    /// Entity types that are bodies: they meet as one (`bodies`).
    public static let bodyTypes: Set<String> = ["organization", "programme"]

    /// The organisations and formats among a document's entities.
    public static func bodyIDs(of a: AnnotationSet) -> Set<String> {
        Set(a.entities.lazy.filter { bodyTypes.contains($0.type) }.map(\.id))
    }

    /// Can take part in a story with other reports: dated no coarser than a year (a closed range up to about a year
    /// counts), with a named participant.
    public let linkable: Bool

    static func isLinkable(start: Int?, end: Int?, participants: Set<String>, precision: String?) -> Bool {
        guard let s = start, let e = end, e >= s, e - s <= StoryRule.windowDays, !participants.isEmpty else { return false }
        return precision == nil || StoryRule.precisions.contains(precision!)
    }

    /// `YYYY-MM-DD` → days since 1970-01-01 (proleptic Gregorian).
    static func day(_ s: String) -> Int? {
        // "YYYY-MM-DD" read digit by digit (splitting the string was a tenth of the linker's time on a busy worker).
        var fields = (0, 0, 0), n = 0, digits = 0
        for b in s.utf8 {
            if b == UInt8(ascii: "-") {
                guard digits > 0, n < 2 else { return nil }
                n += 1; digits = 0
            } else if b >= 0x30 && b <= 0x39 {
                let v = Int(b - 0x30)
                switch n { case 0: fields.0 = fields.0 * 10 + v; case 1: fields.1 = fields.1 * 10 + v; default: fields.2 = fields.2 * 10 + v }
                digits += 1
                guard digits <= 9 else { return nil }
            } else { return nil }
        }
        guard n == 2, digits > 0 else { return nil }
        let (y, m, d) = fields
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468
    }
}

/// When two reports tell the same real-world event. Same type; dates that overlap (one day of slack between two
/// day-precise dates: reports of the evening before or the arrival the day after); and participants that agree: they
/// share two, or one report's participants are all in the other's (a report naming only "the SCO" fits one naming the
/// six founders and the SCO), or (one shared) both are dated to the day, of a type an actor does not do several times
/// a day (not meetings or statements: "Tokayev met Putin" and "Tokayev met Xi" the same day stay apart) and name no
/// different counterparts ("the CSTO council sent troops to Kazakhstan" and "the CSTO sent troops to Kazakhstan"), or
/// (one shared) both are meetings dated to the day and the shared one is a body, an organisation or format, which
/// meets once a day ("the C5+1 summit in New York" named with the US in one report and the UN in another).
/// Reports placed in different places need two shared participants. One event can be told with two types: the signing
/// of a treaty founding an organisation (`подписали декларацию о создании ШОС`, an agreement whose object is the SCO)
/// is the founding of that organisation (`the SCO was founded`), and so is a signing told of the same day by two of the
/// founding's parties. A state joins or leaves an organisation once, in steps reports date differently: two membership
/// (or withdrawal) reports naming the same state and organisation are one event up to a year apart (`stepsReach`).
/// Modality and the exact day are not compared:
/// sources that disagree on them are kept as reports of one story, with their own values.
public enum StoryRule {
    /// Precisions that can be compared; decades and centuries are too coarse to say two reports are one event.
    static let precisions: Set<String> = ["day", "month", "year", "week", "range", publishedPrecision]
    /// The precision of an undated report placed on its document's publication day (`StoryEvent.init(_:bodies:published:)`).
    public static let publishedPrecision = "published"
    /// Types an actor does several times a day (one shared participant is not enough for them).
    static let manyPerDay: Set<String> = ["meeting", "statement"]
    /// Slack between two day-precise dates, in days.
    public static let daySlack = 1
    /// The widest span a candidate's start may lie before a report's start (a year-precise report).
    static let windowDays = 370
    /// Shapes no longer than this many days are read by the linker's narrow scan; longer ones by the partial index
    /// of migration 0010 (`date_end - date_start > 31`: keep the two equal).
    static let shortSpan = 31

    /// Types an actor does once toward one organisation, in steps that reports date differently: a state joins (or
    /// leaves) an organisation once, and one report dates the decision (July), another the membership in force
    /// (November). Two reports of such a type that share two participants (the state and the organisation) are one
    /// event up to this many days apart; `StoryLinker` widens its windows by as much.
    static let stepsReach: [String: Int] = ["membership": 366, "withdrawal": 366]

    /// How many days beyond overlap a report of `type` may lie from another of its story (`stepsReach`).
    static func reach(_ type: String) -> Int { stepsReach[type] ?? 0 }

    /// The days a stored report of `type` must lie in to be a candidate for `event`: its start in [lo, hi], its end
    /// no earlier than `endFrom`.
    static func window(_ event: StoryEvent, type: String) -> (lo: Int, hi: Int, endFrom: Int) {
        window(start: event.start!, end: event.end!, type: type)
    }

    static func window(start: Int, end: Int, type: String) -> (lo: Int, hi: Int, endFrom: Int) {
        let reach = Self.reach(type)
        return (start - max(windowDays, reach), end + daySlack + reach, start - daySlack - reach)
    }

    /// Types told of one event in other words: a report of one may be a report of the other (`typesMatch`).
    static let kindred: [String: String] = ["agreement": "founding", "founding": "agreement"]

    /// The types a report of `type` may share a story with (the linker's candidate query and its locks).
    public static func family(_ type: String) -> [String] { [type] + (kindred[type].map { [$0] } ?? []) }

    /// The advisory-lock name of a type: kindred types share one, so two reports that can merge share a lock.
    static func lockType(_ type: String) -> String { family(type).sorted().joined(separator: "+") }

    /// Same type; or a founding and the signing of a treaty whose object is the organisation founded; or a founding
    /// and a signing told of the same day by two of the same parties (`signed the treaty creating the EAEU`, told as
    /// the founding of the union, and `подписали Договор о ЕАЭС`, whose object is the treaty, not the union: the rule
    /// cannot see that this treaty founds that union). Same day and two shared parties are what a signing of one type
    /// needs to share a story already.
    static func typesMatch(_ a: StoryEvent, _ b: StoryEvent) -> Bool {
        if a.type == b.type { return true }
        guard kindred[a.type] == b.type else { return false }
        let (treaty, founding) = a.type == "agreement" ? (a, b) : (b, a)
        if !treaty.objects.isDisjoint(with: founding.participants) { return true }
        guard a.precision == "day", b.precision == "day", a.start != nil, a.start == b.start, a.end == b.end else { return false }
        var shared = 0
        for p in a.participants where b.participants.contains(p) { shared += 1; if shared >= 2 { return true } }
        return false
    }

    /// A score in (0, 2] when `a` and `b` are reports of one event; nil otherwise. `StoryLinker.link` reads only the
    /// stored shapes that can pass the participant tests below (two shared, or one shared with a single-participant
    /// side or both dated to the day): a new way to link on one shared participant must be added to its SQL too.
    public static func score(_ a: StoryEvent, _ b: StoryEvent) -> Double? {
        guard typesMatch(a, b), a.linkable, b.linkable,
              let s1 = a.start, let e1 = a.end, let s2 = b.start, let e2 = b.end else { return nil }
        let slack = a.precision == "day" && b.precision == "day" ? daySlack : 0
        // A report placed on its publication day overlaps nothing: only the steps rule below compares it.
        let placed = a.precision == publishedPrecision || b.precision == publishedPrecision
        let overlap = !placed && s1 <= e2 + slack && s2 <= e1 + slack
        let reach = a.type == b.type ? Self.reach(a.type) : 0
        guard overlap || (s1 <= e2 + reach && s2 <= e1 + reach) else { return nil }
        // Counted without building the intersection (the linker scores thousands of pairs per batch).
        let (small, large) = a.participants.count <= b.participants.count ? (a.participants, b.participants) : (b.participants, a.participants)
        var shared = 0
        for p in small where large.contains(p) { shared += 1 }
        guard shared >= (overlap ? 1 : 2) else { return nil }
        let elsewhere = !a.places.isEmpty && !b.places.isEmpty && a.places.isDisjoint(with: b.places)
        if shared < 2 {
            guard !elsewhere else { return nil }
            let contained = shared == small.count  // the smaller set lies within the other
            let bothDays = a.precision == "day" && b.precision == "day"
            let oncePerDay = bothDays && !manyPerDay.contains(a.type)
                && (a.counterparts.isEmpty || b.counterparts.isEmpty || !a.counterparts.isDisjoint(with: b.counterparts))
            // A body meets once a day: two reports of a meeting of the C5+1 (or the SCO) on one day are one summit,
            // whoever else each names.
            let bodyMeeting = bothDays && a.type == "meeting" && !a.bodies.isDisjoint(with: b.bodies)
            guard contained || oncePerDay || bodyMeeting else { return nil }
        }
        let jaccard = Double(shared) / Double(a.participants.count + b.participants.count - shared)
        let sameDay = s1 == s2 && e1 == e2 ? 1.0 : 0.5 / Double(1 + abs(s1 - s2))
        return jaccard + sameDay
    }

    /// Clusters reports in order, each joining the story of its best-scoring earlier report (single link), the way
    /// `StoryLinker` links a stream of documents. Returns one cluster index per report.
    public static func cluster(_ events: [StoryEvent]) -> [Int] {
        var story = [Int](), next = 0
        for (i, e) in events.enumerated() {
            var best: (score: Double, story: Int)?
            for j in 0..<i {
                if let s = score(e, events[j]), s > (best?.score ?? 0) { best = (s, story[j]) }
            }
            if let b = best { story.append(b.story) } else { story.append(next); next += 1 }
        }
        return story
    }
}

/// Links the events of documents just written to their stories, inside the writing transaction.
///
/// Concurrency: before reading candidates it takes a transaction-level advisory lock per (type, participant) of the
/// new linkable events, in one sorted order. Two reports that can merge share a participant and a type, hence a lock,
/// so two workers never both start a story for one event; locks of unrelated events do not meet. The report row's
/// only foreign key is its own event, so a concurrent reprocess that deletes candidate events never blocks the linker.
/// Idempotent: reprocessing deletes the old events (their report rows cascade) and links the new ones again; a story
/// started by a document is named after that document and event key, so it keeps its id when re-linked alone.
enum StoryLinker {
    static let lockSpace: Int32 = 0x7374_6f72  // "stor"

    struct Item {
        var eventID: UUID, documentID: UUID, key: String, event: StoryEvent
    }

    /// Where a linking's time goes (`StoryLinks.Linked.phases`): each mark records the time since the previous one.
    final class Phases {
        private(set) var marks: [(name: String, seconds: Double)] = []
        var candidateRows = 0
        private let clock = ContinuousClock()
        private var last: ContinuousClock.Instant
        init() { last = clock.now }
        func mark(_ name: String) {
            let now = clock.now, d = now - last
            marks.append((name, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18))
            last = now
        }
    }

    static func link(_ items: [Item], conn: PostgresConnection, phases: Phases? = nil) throws {
        guard !items.isEmpty else { return }
        let linkable = items.indices.filter { items[$0].event.linkable }
        // Locks: (type, participant) of every linkable event, sorted, one statement.
        var keys = Set<Int32>()
        for i in linkable { for p in items[i].event.participants { keys.insert(lockKey(StoryRule.lockType(items[i].event.type) + "\u{1}" + p)) } }
        if !keys.isEmpty {
            _ = try conn.query("""
                SELECT count(pg_advisory_xact_lock(\(lockSpace), k)) AS n FROM unnest(\(keys.sorted())::int4[]) AS u(k)
                """)
        }
        phases?.mark("locks")
        // Candidates already in stories, read from the shapes stories were told in (`event_story_shapes`: one row per
        // distinct (type, dates, participants) of a story's reports, however many reports have it): a type of the
        // report's family (`StoryRule.family`), a start no earlier than a year before (and no later than a day after
        // the end), a shared participant, and an end no earlier than a day before the report's start (an
        // event that ended before cannot overlap it: `StoryRule.score` would refuse it). The exact per-report test is
        // then made here. (Reading and aggregating every stored report instead made a batch cost what the store costs:
        // 3–10 s per batch of 64 news documents on a 2,000-document store, worse on repeated wire copies.)
        // Stored shapes read, and each new report's candidates among them (indices: no copies of the shapes).
        var stored: [(story: UUID, event: StoryEvent, start: Int, end: Int)] = []
        var candidates: [Int: [Int]] = [:]
        if !linkable.isEmpty {
            let windows = candidateWindows(linkable.map { items[$0].event })
            // Participants as a flat (window, entity) list: a text[] per window arrives as a real array. The columns
            // in one pass (a `map` per column copied every window, participants and all, six times).
            var windowOfPart: [Int] = [], partOfWindow: [String] = []
            var types: [String] = [], los: [String] = [], his: [String] = [], endFroms: [String] = []
            var singles: [Bool] = [], days: [Bool] = []
            for (n, w) in windows.enumerated() {
                types.append(w.type); los.append(date(w.lo)); his.append(date(w.hi)); endFroms.append(date(w.endFrom))
                singles.append(w.single); days.append(w.day)
                for p in w.parts.sorted() { windowOfPart.append(n + 1); partOfWindow.append(p) }
            }
            let rows = try conn.query("""
                SELECT s.story_id::text AS story, s.type, s.date_start::text AS ds, s.date_end::text AS de,
                       coalesce(s.date_precision, '') AS prec, s.participants AS parts, s.places, s.counterparts, s.objects,
                       s.bodies
                FROM (SELECT DISTINCT c.story_id, c.shape
                      FROM (SELECT w.type, w.lo, w.hi, w.end_from, w.single, w.day, array_agg(wp.entity_id) AS parts
                            FROM unnest(\(types)::text[], \(los)::date[], \(his)::date[], \(endFroms)::date[],
                                        \(singles)::bool[], \(days)::bool[])
                                 WITH ORDINALITY AS w(type, lo, hi, end_from, single, day, n)
                            JOIN unnest(\(windowOfPart)::int8[], \(partOfWindow)::text[]) AS wp(n, entity_id) ON wp.n = w.n
                            GROUP BY w.n, w.type, w.lo, w.hi, w.end_from, w.single, w.day) AS q
                      -- Index range scans per window (a plain join let the planner merge on type alone and
                      -- filter every pair: 1.5 s against 0.25 s on a 2,000-document store): shapes of at most
                      -- `shortSpan` days can only overlap if they start at most that long before `end_from`; longer
                      -- ones (a year) are read from their own partial index over the whole window. And only shapes
                      -- that can score (`StoryRule.score`): one shared participant links only a pair dated to the day,
                      -- or sets one of which holds that participant alone; otherwise two must be shared.
                      JOIN LATERAL (
                          SELECT s.story_id, s.shape FROM event_story_shapes s
                          WHERE s.type = q.type AND s.date_start BETWEEN greatest(q.lo, q.end_from - \(unescaped: String(StoryRule.shortSpan))) AND q.hi
                            AND s.date_end >= q.end_from AND s.participants && q.parts
                            AND (q.single OR q.day AND s.date_precision = 'day' OR cardinality(s.participants) = 1
                                 OR (SELECT count(*) FROM unnest(s.participants) AS p(x) WHERE p.x = ANY(q.parts)) >= 2)
                          UNION ALL
                          SELECT s.story_id, s.shape FROM event_story_shapes s
                          WHERE s.type = q.type AND s.date_end - s.date_start > \(unescaped: String(StoryRule.shortSpan))
                            AND s.date_start BETWEEN q.lo AND least(q.hi, q.end_from - \(unescaped: String(StoryRule.shortSpan)) - 1)
                            AND s.date_end >= q.end_from AND s.participants && q.parts
                            AND (q.single OR q.day AND s.date_precision = 'day' OR cardinality(s.participants) = 1
                                 OR (SELECT count(*) FROM unnest(s.participants) AS p(x) WHERE p.x = ANY(q.parts)) >= 2)
                          OFFSET 0) AS c ON true) AS k
                JOIN event_story_shapes s ON s.story_id = k.story_id AND s.shape = k.shape
                ORDER BY s.story_id, s.shape
                """)
            phases?.mark("candidates.read"); phases?.candidateRows = rows.count
            // Stored shapes by (type, participant) (`StoryRule.score` counts shared participants only: a shared
            // place alone never links), short and long ones apart, each list in start order.
            var index: [ShelfKey: Shelf] = [:]
            for r in rows {
                let parts = try r.decode("parts", as: [String].self), places = try r.decode("places", as: [String].self)
                let prec = try r.decode("prec", as: String.self)
                let e = StoryEvent(type: try r.decode("type", as: String.self), participants: Set(parts), places: Set(places),
                                   counterparts: Set(try r.decode("counterparts", as: [String].self)),
                                   objects: Set(try r.decode("objects", as: [String].self)),
                                   bodies: Set(try r.decode("bodies", as: [String].self)),
                                   dateStart: try r.decode("ds", as: String?.self), dateEnd: try r.decode("de", as: String?.self),
                                   precision: prec.isEmpty ? nil : prec)
                guard let start = e.start, let end = e.end else { continue }  // not linkable: never scores
                let n = stored.count
                stored.append((try r.decode("story", as: UUID.self), e, start, end))
                let long = end - start > StoryRule.shortSpan
                for id in e.participants { index[ShelfKey(e.type, id), default: Shelf()].add(n, start: start, long: long) }
            }
            for key in index.keys { index[key]!.sort() }
            for i in linkable {
                let event = items[i].event
                var hits = Set<Int>()
                for t in StoryRule.family(event.type) {
                    let (lo, hi, endFrom) = StoryRule.window(event, type: t)
                    for p in event.participants {
                        index[ShelfKey(t, p)]?.visit(lo: lo, hi: hi, endFrom: endFrom) { n in
                            if stored[n].end >= endFrom { hits.insert(n) }
                        }
                    }
                }
                if !hits.isEmpty { candidates[i] = hits.sorted() }
            }
        }
        phases?.mark("candidates.index")
        // Assign in order: the best story among stored candidates and the batch's earlier events, else a new one.
        // Earlier events are filed like the stored shapes, by (type, participant) in start order, and looked up in
        // the same windows: a long document's thousands of events were each scored against every earlier one.
        var story = [UUID](), similarity = [Double](), earlier: [ShelfKey: Shelf] = [:]
        for (i, item) in items.enumerated() {
            var best: (score: Double, story: UUID)?
            if item.event.linkable {
                for n in candidates[i] ?? [] {
                    if let s = StoryRule.score(item.event, stored[n].event), s > (best?.score ?? 0) { best = (s, stored[n].story) }
                }
                let event = item.event
                var hits = Set<Int>()
                for t in StoryRule.family(event.type) {
                    let (lo, hi, endFrom) = StoryRule.window(event, type: t)
                    for p in event.participants {
                        earlier[ShelfKey(t, p)]?.visit(lo: lo, hi: hi, endFrom: endFrom) { j in
                            if items[j].event.end! >= endFrom { hits.insert(j) }
                        }
                    }
                }
                for j in hits.sorted() {
                    if let s = StoryRule.score(event, items[j].event), s > (best?.score ?? 0) { best = (s, story[j]) }
                }
                let long = event.end! - event.start! > StoryRule.shortSpan
                for p in event.participants { earlier[ShelfKey(event.type, p), default: Shelf()].insert(i, start: event.start!, long: long) }
            }
            story.append(best?.story ?? storyID(document: item.documentID, key: item.key))
            similarity.append(best?.score ?? 1)
        }
        phases?.mark("score")
        // The reports, each with the key of its shape (linkable ones), and the shapes' counts. The key is the md5 of
        // the shape's fields, sorted byte-wise, the way migration 0009 computed it for reports stored before.
        func joined(_ s: Set<String>) -> String {
            s.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: "\u{1F}")
        }
        let shapeFields = items.map { item -> [String] in
            let e = item.event
            guard e.linkable else { return ["", "", "", "", "", "", "", "", ""] }
            // The last field (bodies) follows from the participants: it is not part of the shape's key.
            return [e.type, date(e.start!), date(e.end!), e.precision ?? "", joined(e.participants), joined(e.places),
                    joined(e.counterparts), joined(e.objects), joined(e.bodies)]
        }
        func column(_ k: Int) -> [String] { shapeFields.map { $0[k] } }
        _ = try conn.execute("""
            WITH k AS (
                SELECT u.*, CASE WHEN u.linkable THEN md5(concat_ws(E'\\x1e', u.type, u.ds, u.de, u.prec, u.parts, u.places,
                                                                 u.counterparts, u.objects))::uuid END AS shape
                FROM unnest(\(items.map(\.eventID))::uuid[], \(story)::uuid[], \(items.map(\.documentID))::uuid[],
                            \(similarity)::float8[], \(items.map(\.event.linkable))::bool[], \(column(0))::text[],
                            \(column(1))::text[], \(column(2))::text[], \(column(3))::text[], \(column(4))::text[],
                            \(column(5))::text[], \(column(6))::text[], \(column(7))::text[], \(column(8))::text[])
                     AS u(event_id, story_id, document_id, similarity, linkable, type, ds, de, prec, parts, places,
                          counterparts, objects, bodies)
            ), reports AS (
                INSERT INTO event_story_reports (event_id, story_id, document_id, similarity, shape)
                SELECT event_id, story_id, document_id, similarity, shape FROM k
                ON CONFLICT (event_id) DO UPDATE
                    SET story_id = excluded.story_id, similarity = excluded.similarity, shape = excluded.shape
            )
            INSERT INTO event_story_shapes (story_id, shape, type, date_start, date_end, date_precision, participants,
                                            places, counterparts, objects, bodies, reports)
            SELECT story_id, shape, min(type), min(ds)::date, min(de)::date, nullif(min(prec), ''),
                   string_to_array(min(parts), E'\\x1f'), string_to_array(min(places), E'\\x1f'),
                   string_to_array(min(counterparts), E'\\x1f'), string_to_array(min(objects), E'\\x1f'),
                   string_to_array(min(bodies), E'\\x1f'), count(*)
            FROM k WHERE shape IS NOT NULL
            GROUP BY story_id, shape
            ON CONFLICT (story_id, shape) DO UPDATE SET reports = event_story_shapes.reports + excluded.reports
            """)
        phases?.mark("write")
    }

    /// The windows to read candidates in: one per distinct (type of the family, start, end) of the new linkable reports,
    /// with the union of their participants (candidates start in [start − 370 days, end + 1 day] and end on or after
    /// start − 1), and then windows of one type whose reports span at most `shortSpan` days and start within
    /// `mergeDays` of each other merged into one: each window is two index scans in PostgreSQL, and a batch of news
    /// held ~1,200 windows that mostly read the same rows. A merged window reads a superset of what its parts read
    /// (widest dates, all participants, either flag); the exact test per report is made in the worker.
    /// `single`: a report of the window names one participant (any candidate holding it may be contained);
    /// `day`: a report of the window is dated to the day (a day-dated candidate may link on one shared participant).
    static func candidateWindows(_ events: [StoryEvent])
        -> [(type: String, lo: Int, hi: Int, endFrom: Int, parts: Set<String>, single: Bool, day: Bool)] {
        struct Key: Hashable { var type: String, start: Int, end: Int }
        var parts: [Key: (parts: Set<String>, single: Bool, day: Bool)] = [:]
        for e in events {
            for t in StoryRule.family(e.type) {
                var w = parts[Key(type: t, start: e.start!, end: e.end!), default: ([], false, false)]
                w.parts.formUnion(e.participants)
                w.single = w.single || e.participants.count == 1
                w.day = w.day || e.precision == "day"
                parts[Key(type: t, start: e.start!, end: e.end!)] = w
            }
        }
        var out: [(type: String, lo: Int, hi: Int, endFrom: Int, parts: Set<String>, single: Bool, day: Bool)] = []
        var firstStart = 0, mergeable = false
        for (k, w) in parts.sorted(by: { ($0.key.type, $0.key.start, $0.key.end) < ($1.key.type, $1.key.start, $1.key.end) }) {
            let short = k.end - k.start <= StoryRule.shortSpan
            let days = StoryRule.window(start: k.start, end: k.end, type: k.type)
            let window = (k.type, days.lo, days.hi, days.endFrom, w.parts, w.single, w.day)
            if short, mergeable, let last = out.last, last.type == k.type, k.start - firstStart <= mergeDays {
                out[out.count - 1] = (last.type, min(last.lo, window.1), max(last.hi, window.2), min(last.endFrom, window.3),
                                      last.parts.union(w.parts), last.single || w.single, last.day || w.day)
            } else {
                out.append(window)
                firstStart = k.start
                mergeable = short
            }
        }
        return out
    }

    /// How far apart the starts of short windows merged into one may be, in days.
    static let mergeDays = 7

    /// The (type, participant) a `Shelf` files shapes under (two strings hashed, no string built per lookup).
    struct ShelfKey: Hashable {
        let type: String, participant: String
        init(_ type: String, _ participant: String) { self.type = type; self.participant = participant }
    }

    /// The stored shapes of one (type, participant), by start: short ones (at most `StoryRule.shortSpan` days) can
    /// only overlap a report's window if they start at most that long before it, long ones anywhere in the window.
    struct Shelf {
        var short: [(start: Int, n: Int)] = [], long: [(start: Int, n: Int)] = []

        mutating func add(_ n: Int, start: Int, long isLong: Bool) {
            if isLong { long.append((start, n)) } else { short.append((start, n)) }
        }

        /// Files `n` in start order (after the entries with the same start: `n` is the highest so far).
        mutating func insert(_ n: Int, start: Int, long isLong: Bool) {
            func place(_ list: inout [(start: Int, n: Int)]) {
                var a = 0, b = list.count  // first entry starting after `start`
                while a < b { let m = (a + b) / 2; if list[m].start <= start { a = m + 1 } else { b = m } }
                list.insert((start, n), at: a)
            }
            if isLong { place(&long) } else { place(&short) }
        }

        mutating func sort() {
            short.sort { ($0.start, $0.n) < ($1.start, $1.n) }
            long.sort { ($0.start, $0.n) < ($1.start, $1.n) }
        }

        /// Calls `body` with every shape that starts in [lo, hi] and can still overlap `endFrom`.
        /// (Short ones first, then long ones; no array of the two lists per call: the linker visits a shelf per
        /// participant of every new report, and building that array was a tenth of its time.)
        func visit(lo: Int, hi: Int, endFrom: Int, _ body: (Int) -> Void) {
            Self.visit(short, from: max(lo, endFrom - StoryRule.shortSpan), hi: hi, body)
            Self.visit(long, from: lo, hi: hi, body)
        }

        private static func visit(_ list: [(start: Int, n: Int)], from: Int, hi: Int, _ body: (Int) -> Void) {
            var a = 0, b = list.count  // first entry starting at or after `from`
            while a < b { let m = (a + b) / 2; if list[m].start < from { a = m + 1 } else { b = m } }
            while a < list.count && list[a].start <= hi { body(list[a].n); a += 1 }
        }
    }

    /// The id of a story started by event `key` of a document (stable across reprocessing).
    static func storyID(document: UUID, key: String) -> UUID {
        var b = SHA256.digest(Array(("story\u{1}" + document.canonicalText + "\u{1}" + key).utf8)).prefix(16).map { $0 }
        b[6] = (b[6] & 0x0f) | 0x50; b[8] = (b[8] & 0x3f) | 0x80
        return UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }

    /// FNV-1a, folded to 32 bits: the advisory lock key of a (type, participant).
    static func lockKey(_ s: String) -> Int32 {
        var h: UInt32 = 2_166_136_261
        for u in s.utf8 { h = (h ^ UInt32(u)) &* 16_777_619 }
        return Int32(bitPattern: h)
    }

    /// Days since 1970-01-01 → `YYYY-MM-DD`.
    static func date(_ n: Int) -> String {
        let z = n + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func p(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(p(y, 4))-\(p(m, 2))-\(p(d, 2))"
    }
}
