import DalaEntities
import DalaText
import Testing
@testable import DalaAnalysis

/// The search keys go through the process's `StemCache`: a stem from it must be `Morphology.stem`'s, on a first read
/// and on a hit, and the cache must stay within its slots.
@Suite struct StemCacheTests {
    static let words: [(String, Language)] = [
        ("Қазақстанның", .kk), ("Қазақстан", .kk), ("келісімге", .kk), ("ынтымақтастық", .kk),
        ("Казахстаном", .ru), ("договора", .ru), ("сотрудничества", .ru), ("ЕАЭС", .ru),
        ("Kazakhstan's", .en), ("presidents", .en), ("agreements", .en), ("2019", .en),
        ("Кыргызстандын", .ky), ("саммитинде", .ky), ("Қазақстан", .ru), ("Kazakhstan", .kk),
    ]

    @Test func cachedStemsAreMorphologysStems() {
        let cache = StemCache(slots: 1 << 10)
        for pass in 0..<2 {
            for (k, (word, language)) in Self.words.enumerated() {
                #expect(cache.stem(word, language: language, hash: UInt64(k)) == Morphology.stem(word, language: language),
                        "pass \(pass): \(word) (\(language.rawValue))")
            }
        }
        #expect(cache.count > 0 && cache.count <= Self.words.count)
    }

    @Test func staysWithinItsSlotsAndKeepsWordsApart() {
        let cache = StemCache(slots: 4)
        for (k, (word, language)) in Self.words.enumerated() {
            #expect(cache.stem(word, language: language, hash: UInt64(k)) == Morphology.stem(word, language: language))
            #expect(cache.count <= 4)
        }
        // One hash for every word: each still gets its own stem, whatever the slot held.
        for (word, language) in Self.words + Self.words {
            #expect(cache.stem(word, language: language, hash: 7) == Morphology.stem(word, language: language))
        }
    }
}
