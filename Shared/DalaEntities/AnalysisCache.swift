import Foundation

/// The registry readings (`Matcher.analyses`) of the words a process has already read, shared by the documents it
/// analyses: the suffix-chain stems tried for every Cyrillic word were most of the registry pass's lookups, and
/// news documents repeat the same words. Bounded: when `capacity` entries are held the cache starts again empty.
/// A hit returns exactly what the lookup returns (the normalised letters and the reading are compared, not only
/// their hash).
final class WordAnalysisCache: @unchecked Sendable {
    // @unchecked: `entries` is read and written only while `lock` is held.
    private let lock = NSLock()
    private var entries: [UInt64: (sc: [UInt32], reading: UInt8, analyses: [WordAnalysis])] = [:]
    /// Most entries held; at this many the next new word empties the cache first.
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Entries held.
    var count: Int { lock.withLock { entries.count } }

    /// The readings of the word with normalised letters `sc` (hash `key`, `TextNorm.hash(sc)`) read with the
    /// suffix-chain tables `reading`: from the cache, else `compute()`, which is then kept.
    func analyses(sc: [UInt32], key: UInt64, reading: UInt8, compute: () -> [WordAnalysis]) -> [WordAnalysis] {
        let slot = key ^ (UInt64(reading) &* 0x9E37_79B9_7F4A_7C15)
        if let e = lock.withLock({ entries[slot] }), e.reading == reading, e.sc == sc { return e.analyses }
        let analyses = compute()
        lock.withLock {
            if entries.count >= capacity, entries[slot] == nil { entries.removeAll(keepingCapacity: true) }
            entries[slot] = (sc, reading, analyses)
        }
        return analyses
    }
}
