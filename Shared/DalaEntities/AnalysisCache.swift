import DalaText

/// The registry readings (`Matcher.analyses`) of the words a process has already read, shared by the documents it
/// analyses: the suffix-chain stems tried for every Cyrillic word were most of the registry pass's lookups, and
/// news documents repeat the same words. Bounded (`WordCache`: one value per slot). A hit returns exactly what the
/// lookup returns: the normalised letters and the reading are compared, not only their hash.
final class WordAnalysisCache: Sendable {
    private let cache: WordCache<(sc: [UInt32], reading: UInt8, analyses: [WordAnalysis])>

    /// A cache of at most `slots` words.
    init(slots: Int) { cache = WordCache(slots: slots) }

    /// Words held.
    var count: Int { cache.count }

    /// The readings of the word with normalised letters `sc` (hash `key`, `TextNorm.hash(sc)`) read with the
    /// suffix-chain tables `reading`: from the cache, else `compute()`, which is then kept.
    func analyses(sc: [UInt32], key: UInt64, reading: UInt8, compute: () -> [WordAnalysis]) -> [WordAnalysis] {
        let hash = key ^ (UInt64(reading) &* 0xBF58_476D_1CE4_E5B9)
        if let e = cache.value(hash, where: { $0.reading == reading && $0.sc == sc }) { return e.analyses }
        let analyses = compute()
        cache.set(hash, (sc, reading, analyses))
        return analyses
    }
}
