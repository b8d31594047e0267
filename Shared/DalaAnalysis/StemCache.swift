import DalaEntities
import DalaText

/// The search-key stems (`Morphology.stem`) of the words a process has already stemmed, shared by the documents it
/// analyses: words repeat across news documents far more than within one, and stemming every distinct word of each
/// document again was ~3.5 % of a worker's analysis and row building. Bounded (`WordCache`: one value per slot). A hit
/// returns exactly what `Morphology.stem` returns: the word and its language are compared, not only their hash.
final class StemCache: Sendable {
    private let cache: WordCache<(word: String, language: Language, stem: String)>

    /// The cache of the process (65,536 words: a few MB).
    static let shared = StemCache(slots: 1 << 16)

    /// A cache of at most `slots` words.
    init(slots: Int) { cache = WordCache(slots: slots) }

    /// Words held.
    var count: Int { cache.count }

    /// `Morphology.stem(word, language:)`; `hash` is any hash of the word and language (it picks the slot, whose
    /// stem is used only when it is this word's in this language).
    func stem(_ word: String, language: Language, hash: UInt64) -> String {
        if let e = cache.value(hash, where: { $0.language == language && $0.word == word }) { return e.stem }
        let stem = Morphology.stem(word, language: language)
        cache.set(hash, (word, language, stem))
        return stem
    }
}
