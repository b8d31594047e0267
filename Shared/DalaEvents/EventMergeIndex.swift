/// Which kept events a new telling can possibly join in `EventDetector.merge`, so a telling is tested against a few
/// candidates instead of every event kept so far (that scan made long texts quadratic: 2 MB of news took minutes).
///
/// A telling joins an event of its type and modality only if (the merge rules) they share an actor, or, both without
/// actors, have the same objects; and, unless both are dated alike, the event has a telling within `window`
/// sentences or both are undated. So every event is filed under (type, modality, date, each actor) — or its objects
/// when it has no actor — and under the sentences of its tellings. The candidates are a superset of the events that
/// pass the rules: `merge` still applies the rules to each, lowest index first, so the result is exactly the same.
struct EventMergeIndex {
    struct Key: Hashable {
        var type: EventType
        var modality: Modality
        var date: String?
        var feature: String
    }
    private var buckets: [Key: [Int]] = [:]
    private var filed: [Set<Key>] = []
    private var bySentence: [Int: [Int]] = [:]
    private var sentencesOf: [Set<Int>] = []
    let window: Int

    init(window: Int) { self.window = window }

    /// Keys an event is found by: one per actor; with no actor, its objects; with neither, none.
    static func features(actors: Set<String>, objects: Set<String>) -> [String] {
        if !actors.isEmpty { return actors.map { "a:" + $0 } }
        if !objects.isEmpty { return ["o:" + objects.sorted().joined(separator: "\u{1}")] }
        return []
    }

    /// Files kept event `c` (new, or grown by a merge) under its current date, actors and objects, and under the
    /// sentences of its new tellings (the earlier ones are filed already).
    mutating func file(_ c: Int, _ type: EventType, _ modality: Modality, date: String?, tellings: [EventMention],
                       actors: Set<String>, objects: Set<String>) {
        while filed.count <= c { filed.append([]); sentencesOf.append([]) }
        for f in Self.features(actors: actors, objects: objects) {
            let key = Key(type: type, modality: modality, date: date, feature: f)
            if filed[c].insert(key).inserted { buckets[key, default: []].append(c) }
        }
        for m in tellings where sentencesOf[c].insert(m.sentenceIndex).inserted {
            bySentence[m.sentenceIndex, default: []].append(c)
        }
    }

    /// Kept events that may take telling `e`, in index order.
    func candidates(_ e: Event, actors: Set<String>, objects: Set<String>) -> [Int] {
        var out: [Int] = []
        for f in Self.features(actors: actors, objects: objects) {
            out += buckets[Key(type: e.type, modality: e.modality, date: e.date?.value, feature: f)] ?? []
        }
        if let first = e.mentions.first?.sentenceIndex {
            for s in (first - window)...(first + window) { out += bySentence[s] ?? [] }
        }
        out.sort()
        var unique: [Int] = []
        unique.reserveCapacity(out.count)
        for c in out where unique.last != c { unique.append(c) }
        return unique
    }

    /// Whether kept event `c` has a telling within `window` sentences of `sentence`.
    func near(_ c: Int, _ sentence: Int) -> Bool {
        for s in (sentence - window)...(sentence + window) where sentencesOf[c].contains(s) { return true }
        return false
    }
}
