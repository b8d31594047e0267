// Sets and maps of the few parties of one event: a linear scan of a short array costs less than hashing strings.
// Only for collections bounded by a sentence's participant window, never by the length of the text.

/// A set of a few elements, in insertion order.
struct SmallSet<Element: Equatable> {
    private(set) var elements: [Element] = []

    init() {}
    init<S: Sequence>(_ s: S) where S.Element == Element { for e in s { insert(e) } }

    var isEmpty: Bool { elements.isEmpty }
    func contains(_ e: Element) -> Bool { elements.contains(e) }
    /// Whether `e` was new (as `Set.insert(_:).inserted`).
    @discardableResult
    mutating func insert(_ e: Element) -> Bool {
        if elements.contains(e) { return false }
        elements.append(e)
        return true
    }
    mutating func remove(_ e: Element) {
        if let i = elements.firstIndex(of: e) { elements.remove(at: i) }
    }
}

extension SmallSet: Sendable where Element: Sendable {}

/// A map of a few keys.
struct SmallMap<Key: Equatable, Value> {
    private var keys: [Key] = []
    private var values: [Value] = []

    subscript(key: Key) -> Value? {
        get { keys.firstIndex(of: key).map { values[$0] } }
        set {
            if let i = keys.firstIndex(of: key) {
                if let v = newValue { values[i] = v } else { keys.remove(at: i); values.remove(at: i) }
            } else if let v = newValue {
                keys.append(key); values.append(v)
            }
        }
    }
}

/// A participant's role and entity id (or surface): an event lists each pair once. Stands for the string
/// `role + "|" + key` (roles hold no `|`, so the pairs are equal exactly when those strings are).
struct RoleKey: Hashable {
    var role: String
    var key: String
    init(_ role: String, _ key: String) { self.role = role; self.key = key }
    init(_ p: EventParticipant) { role = p.role; key = p.entityID ?? p.surface }
}
