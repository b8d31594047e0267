/// Which kept events a new telling can possibly join in `EventDetector.merge`, so a telling is tested against a few
/// candidates instead of every event kept so far (that scan made long texts quadratic: 2 MB of news took minutes).
///
/// A telling joins an event of its type and modality only if (the merge rules) they share an actor, or, both without
/// actors, have the same objects; and, unless both are dated alike, the event has a telling within `window`
/// sentences or both are undated with the same objects. So every event is filed under (type, modality, date, each
/// actor), (type, modality, date, its objects) and the sentences of its tellings. The candidates are a superset of the events that
/// pass the rules: `merge` still applies the rules to each, lowest index first, so the result is exactly the same.
///
/// Entities, dates and object sets are numbered per merge (`EntityNumbers`), so keys hash as integers.
struct EventMergeIndex {
    struct Key: Hashable {
        var type: EventType
        var modality: Modality
        var date: Int           // `EntityNumbers.date`; -1 undated
        var feature: Int        // 2 × actor number, or 2 × object-set number + 1
    }
    /// A key an event is filed under (one set for all events: no set per event).
    private struct Filed: Hashable { var event: Int; var key: Key }
    private var buckets: [Key: [Int]] = [:]
    private var filed = Set<Filed>()
    private var bySentence: [Int: [Int]] = [:]
    /// Event number × 2^32 + sentence, for every sentence an event is told in.
    private var told = Set<Int>()
    /// Numbers of object sets (`IDSet` of objects → number).
    private var objectSets: [IDSet: Int] = [:]
    let window: Int

    /// `events`: how many tellings will be filed, to size the tables once.
    init(window: Int, events: Int = 0) {
        self.window = window
        buckets.reserveCapacity(2 * events)
        filed.reserveCapacity(2 * events)
        told.reserveCapacity(events)
        bySentence.reserveCapacity(events)
    }

    private static func telling(_ c: Int, _ sentence: Int) -> Int { c << 32 | (sentence & 0xFFFF_FFFF) }

    private mutating func objectsFeature(_ objects: IDSet) -> Int {
        if let n = objectSets[objects] { return 2 * n + 1 }
        let n = objectSets.count
        objectSets[objects] = n
        return 2 * n + 1
    }

    /// Files kept event `c` (new, or grown by a merge) under its current date, actors and objects (one key per actor,
    /// and one for its objects), and under the sentences of its new tellings (the earlier ones are filed already).
    mutating func file(_ c: Int, _ type: EventType, _ modality: Modality, date: Int, tellings: [EventMention],
                       actors: IDSet, objects: IDSet) {
        func add(_ feature: Int) {
            let key = Key(type: type, modality: modality, date: date, feature: feature)
            if filed.insert(Filed(event: c, key: key)).inserted { buckets[key, default: []].append(c) }
        }
        for a in actors.ids { add(2 * a) }
        if !objects.isEmpty { add(objectsFeature(objects)) }
        for m in tellings where told.insert(Self.telling(c, m.sentenceIndex)).inserted {
            bySentence[m.sentenceIndex, default: []].append(c)
        }
    }

    /// Kept events that may take a telling (first told in sentence `first`), in index order. Dated: an event of the
    /// same date shares an actor, or, both without actors, has the same objects. Undated: a far event joins only when
    /// both are undated with the same objects (a near one is found by its sentences), so the actor lists, which grow
    /// with the text, are skipped.
    func candidates(_ type: EventType, _ modality: Modality, date: Int, first: Int?, actors: IDSet, objects: IDSet) -> [Int] {
        var out: [Int] = []
        func look(_ feature: Int) {
            out += buckets[Key(type: type, modality: modality, date: date, feature: feature)] ?? []
        }
        if date >= 0 && !actors.isEmpty {
            for a in actors.ids { look(2 * a) }
        } else if !objects.isEmpty, let n = objectSets[objects] {
            look(2 * n + 1)
        }
        if let first {
            for s in (first - window)...(first + window) { out += bySentence[s] ?? [] }
        }
        out.sort()
        var unique: [Int] = []
        unique.reserveCapacity(out.count)
        for c in out where unique.last != c { unique.append(c) }
        return unique
    }

    /// Whether kept event `c` has a telling in the sentence just before `sentence`.
    func follows(_ c: Int, _ sentence: Int) -> Bool { told.contains(Self.telling(c, sentence - 1)) }

    /// Whether kept event `c` has a telling within `window` sentences of `sentence`.
    func near(_ c: Int, _ sentence: Int) -> Bool {
        for s in (sentence - window)...(sentence + window) where told.contains(Self.telling(c, s)) { return true }
        return false
    }
}

/// Numbers for the entity ids and date values of one merge: set operations on integers, not strings.
struct EntityNumbers {
    private var ids: [String: Int] = [:]
    private var dates: [String: Int] = [:]

    mutating func id(_ s: String) -> Int {
        if let n = ids[s] { return n }
        let n = ids.count
        ids[s] = n
        return n
    }

    /// -1 for no date.
    mutating func date(_ v: String?) -> Int {
        guard let v else { return -1 }
        if let n = dates[v] { return n }
        let n = dates.count
        dates[v] = n
        return n
    }
}

/// A set of entity numbers as a sorted array without repeats.
struct IDSet: Hashable {
    private(set) var ids: [Int] = []

    init() {}
    init<S: Sequence>(_ s: S) where S.Element == Int {
        ids = Array(s)
        ids.sort()
        var w = 0
        for x in ids where w == 0 || ids[w - 1] != x { ids[w] = x; w += 1 }
        ids.removeLast(ids.count - w)
    }

    var isEmpty: Bool { ids.isEmpty }
    var count: Int { ids.count }

    /// How many numbers both sets hold.
    func intersectionCount(_ o: IDSet) -> Int {
        var i = 0, j = 0, n = 0
        while i < ids.count && j < o.ids.count {
            if ids[i] == o.ids[j] { n += 1; i += 1; j += 1 } else if ids[i] < o.ids[j] { i += 1 } else { j += 1 }
        }
        return n
    }
    func isDisjoint(with o: IDSet) -> Bool { intersectionCount(o) == 0 }
    func isSubset(of o: IDSet) -> Bool { intersectionCount(o) == ids.count }
    func unionCount(_ o: IDSet) -> Int { ids.count + o.ids.count - intersectionCount(o) }
}
