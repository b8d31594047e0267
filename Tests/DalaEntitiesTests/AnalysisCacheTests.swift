import DalaText
import Testing
@testable import DalaEntities

/// `Matcher.analyses` reads a word's registry readings through the process's `WordAnalysisCache`: what it returns
/// must be what the lookup returns, on a first read and on a hit, and the cache must stay within its slots.
@Suite struct AnalysisCacheTests {
    static let store = try! KnowledgeBase.loadDefault().store

    static let phrases: [(Language, String)] = [
        (.kk, "Қазақстан мен Өзбекстан Шанхай ынтымақтастық ұйымының саммитінде Қазақстанның ШЫҰ-ға төрағалығын талқылады"),
        (.ru, "Казахстаном и Узбекистаном подписан договор о стратегическом партнёрстве в рамках ЕАЭС и ОДКБ"),
        (.en, "Kazakhstan's president met the SCO's secretary-general and Uzbekistan's foreign minister in Astana"),
        (.ky, "Кыргызстан менен Казакстандын президенттери ШКУнун саммитинде жолугушту"),
    ]

    static func units() -> [WordUnit] {
        phrases.flatMap { language, text in
            WordUnit.units(ofPhrase: text).map { u in
                var u = u
                u.reading = Lexicon.shared.suffixChainReading(language)
                return u
            }
        }
    }

    static func readings(_ a: [WordAnalysis]) -> [String] { a.map { "\($0.word)/\($0.stripped)/\($0.adjective)" } }

    @Test func cachedReadingsAreTheLookups() {
        let matcher = Matcher(store: Self.store)
        var read = 0
        for pass in 0..<2 {                  // the second pass reads every word from the cache
            for u in Self.units() where matcher.mayMatch(u.sc) {
                #expect(Self.readings(matcher.analyses(of: u)) == Self.readings(matcher.lookUp(u)), "pass \(pass): \(u.text)")
                if !matcher.lookUp(u).isEmpty { read += 1 }
            }
        }
        #expect(read > 10)                   // the phrases do name registry entities
    }

    @Test func staysWithinItsSlotsAndKeepsWordsApart() {
        let cache = WordAnalysisCache(slots: 4)
        var computed = 0
        for k in 0..<20 {
            let got = cache.analyses(sc: [UInt32(k)], key: UInt64(k), reading: 0) {
                computed += 1
                return [WordAnalysis(word: Int32(k), stripped: false, adjective: false)]
            }
            #expect(got.map(\.word) == [Int32(k)])
            #expect(cache.count <= 4)
        }
        #expect(computed == 20)
        // One slot, other letters or another reading: each gets its own readings, never the other's.
        let a = cache.analyses(sc: [1, 2], key: 99, reading: 0) { [WordAnalysis(word: 1, stripped: false, adjective: false)] }
        let b = cache.analyses(sc: [3, 4], key: 99, reading: 0) { [WordAnalysis(word: 2, stripped: false, adjective: false)] }
        let c = cache.analyses(sc: [3, 4], key: 99, reading: 0) { [WordAnalysis(word: 3, stripped: false, adjective: false)] }
        #expect(a.map(\.word) == [1] && b.map(\.word) == [2] && c.map(\.word) == [2])
        let d = cache.analyses(sc: [3, 4], key: 99, reading: 1) { [WordAnalysis(word: 4, stripped: false, adjective: false)] }
        #expect(d.map(\.word) == [4])
    }
}
