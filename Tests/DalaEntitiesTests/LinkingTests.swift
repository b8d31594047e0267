import Testing
import DalaText
@testable import DalaEntities

/// Linking: a look-alike's sense from its own evidence, and from the document around it.
@Suite("Linking")
struct LinkingTests {
    /// Two customs unions (1995, 2010): the first mention is dated by its sentence; the second has only the
    /// document's years, one on each side, so its own evidence does not decide. It takes the sense given nearby.
    @Test(arguments: [("2012", "1997", "dala:customs-union-2010"), ("1997", "2012", "dala:customs-union-1995")])
    func anUndecidedLookAlikeTakesTheSenseGivenNearby(clearYear: String, otherYear: String, expected: String) throws {
        let text = """
            В \(clearYear) году Таможенный союз расширил список товаров.

            Эксперты спорили о тарифах. Рынки росли медленно.

            В \(otherYear) году урожай был хорошим. Цены остались прежними.

            Таможенный союз обсуждали на конференции.
            """
        let unions = Env.analyze(text).mentions.filter { $0.surface.hasPrefix("Таможенный") }
        try #require(unions.count == 2)
        #expect(unions[0].entityID == expected && unions[0].alternatives.isEmpty)
        #expect(unions[1].entityID == expected)
    }

    /// Words that point at one of the look-alikes (`нынешний`) keep their say.
    @Test func aPointedMentionKeepsItsOwnSense() throws {
        let text = """
            В 1997 году Таможенный союз расширил список товаров.

            Эксперты спорили о тарифах. Рынки росли медленно.

            Нынешний Таможенный союз устроен иначе.
            """
        let unions = Env.analyze(text).mentions.filter { $0.surface.hasPrefix("Таможенный") }
        try #require(unions.count == 2)
        #expect(unions[0].entityID == "dala:customs-union-1995")
        #expect(unions[1].entityID == "dala:customs-union-2010")
    }
}
