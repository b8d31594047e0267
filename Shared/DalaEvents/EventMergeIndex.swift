/// Which kept events a new telling can possibly join in `EventDetector.merge`, so a telling is tested against a few
/// candidates instead of every event kept so far (that scan made long texts quadratic: 2 MB of news took minutes).
///
/// A telling joins an event of its type and modality only if (the merge rules) they share an actor, or, both without
/// actors, have the same objects; and, unless both are dated alike, the event has a telling within `window`
/// sentences or both are undated with the same objects. So every event is filed under (type, modality, date, each
/// actor), (type, modality, date, its objects) and the sentences of its tellings. The candidates are a superset of the events that
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

    /// Keys an event is filed under: one per actor, and its objects.
    static func features(actors: Set<String>, objects: Set<String>) -> [String] {
        var out = actors.map { "a:" + $0 }
        if !objects.isEmpty { out.append(objectsKey(objects)) }
        return out
    }

    static func objectsKey(_ objects: Set<String>) -> String { "o:" + objects.sorted().joined(separator: "\u{1}") }

    /// Keys a telling looks up (besides the sentences nearby). Dated: an event of the same date shares an actor, or,
    /// both without actors, has the same objects. Undated: a far event joins only when both are undated with the
    /// same objects (a near one is found by its sentences), so the actor lists, which grow with the text, are skipped.
    static func lookups(dated: Bool, actors: Set<String>, objects: Set<String>) -> [String] {
        if dated && !actors.isEmpty { return actors.map { "a:" + $0 } }
        return objects.isEmpty ? [] : [objectsKey(objects)]
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
        for f in Self.lookups(dated: e.date?.value != nil, actors: actors, objects: objects) {
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

    /// Whether kept event `c` has a telling in the sentence just before `sentence`.
    func follows(_ c: Int, _ sentence: Int) -> Bool { sentencesOf[c].contains(sentence - 1) }

    /// Whether kept event `c` has a telling within `window` sentences of `sentence`.
    func near(_ c: Int, _ sentence: Int) -> Bool {
        for s in (sentence - window)...(sentence + window) where sentencesOf[c].contains(s) { return true }
        return false
    }
}
