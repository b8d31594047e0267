import DalaEntities
import DalaText
import Foundation

/// The search-key stems (`Morphology.stem`) of the words a process has already stemmed, shared by the documents it
/// analyses: words repeat across news documents far more than within one, and stemming every distinct word of each
/// document again was ~3.5 % of a worker's analysis and row building. Bounded: when `capacity` entries are held the
/// cache starts again empty. A hit returns exactly what `Morphology.stem` returns (the word and its language are
/// compared, not only their hash).
final class StemCache: @unchecked Sendable {
    // @unchecked: `entries` is read and written only while `lock` is held.
    private let lock = NSLock()
    private var entries: [UInt64: (word: String, language: Language, stem: String)] = [:]
    /// Most entries held; at this many the next new word empties the cache first.
    let capacity: Int

    /// The cache of the process (65,536 words: a few MB).
    static let shared = StemCache(capacity: 1 << 16)

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Entries held.
    var count: Int { lock.withLock { entries.count } }

    /// `Morphology.stem(word, language:)`; `hash` is any hash of the word and language (it picks the entry, which
    /// is used only when its word and language are these).
    func stem(_ word: String, language: Language, hash: UInt64) -> String {
        if let e = lock.withLock({ entries[hash] }), e.language == language, e.word == word { return e.stem }
        let stem = Morphology.stem(word, language: language)
        lock.withLock {
            if entries.count >= capacity, entries[hash] == nil { entries.removeAll(keepingCapacity: true) }
            entries[hash] = (word, language, stem)
        }
        return stem
    }
}
