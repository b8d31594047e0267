import Testing
import DalaText
@testable import DalaEntities

/// Issue 13 classes left by the sample-document audit (docs/entity-audit.md, branch ent27); sentences written for these
/// tests.
@Suite("Issue 13: loan-word harmony, renamed bodies, names written with acronyms, dated treaties, paragraphs, quoted names")
struct LookAlikesAndAcronymNamesTests {
    static func mention(_ a: EntityAnalysis, _ surface: String) -> Mention? { a.mentions.first { $0.surface == surface } }
    /// The mention `surface` of `text` is there and links `id`.
    static func expectLinked(_ text: String, _ surface: String, _ id: String,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let m = try #require(mention(Env.analyze(text), surface), sourceLocation: sourceLocation)
        #expect(m.entityID == id, sourceLocation: sourceLocation)
    }

    // MARK: kk: loans ending in a consonant cluster take front suffixes against their back vowel

    @Test(arguments: [
        ("Жобаны Дүниежүзілік банктің сарапшылары бағалады.", "Дүниежүзілік банктің", "Q7164"),
        ("Президент кеше Нью-Йоркте сөз сөйледі.", "Нью-Йоркте", "dala:city-new-york"),
    ])
    func loanClusterAllowsFrontSuffixes(text: String, surface: String, id: String) throws {
        try Self.expectLinked(text, surface, id)
    }

    // MARK: one body under one acronym through its renamings

    @Test func definedAcronymKeepsTheRenamedBodyOfItsSentenceYear() {
        let text = "Центральноазиатский союз (ЦАС) создали в 1994 году. В 1996 году саммит ЦАС прошёл в Бишкеке. "
            + "В 2004 году Россия вступила в ЦАС. Тогда ЦАС заметно усилился. В 2005 году ЦАС влился в ЕврАзЭС."
        let ids = Env.analyze(text).mentions.filter { $0.surface == "ЦАС" }.map(\.entityID)
        // The definition, the 1996 summit (the union of 1994), then its successor of 2002 in 2004 (also in the next
        // sentence, which has no year of its own) and 2005.
        #expect(ids == ["dala:central-asian-union-1994", "dala:central-asian-union-1994", "dala:caco", "dala:caco", "dala:caco"])
    }

    // MARK: a registry name written with registry acronyms is that name, not a local duplicate

    @Test(arguments: [
        ("Эксперты снова обсудили Договор о ЕЭП и его итоги.", "Договор о ЕЭП", "dala:ca-ces-treaty-1994"),
        ("Брюссель принял «Стратегию ЕС для ЦА» летом.", "Стратегию ЕС для ЦА", "dala:eu-ca-strategy"),
    ])
    func nameWrittenWithAcronymsIsTheRegistryName(text: String, surface: String, id: String) throws {
        try Self.expectLinked(text, surface, id)
    }

    // MARK: a treaty named by its kind, its year and its parties

    @Test(arguments: [
        ("Қазақстан мен Ресей басшылары 1992 жылғы шартты жаңартуды талқылады.", "1992 жылғы шартты", "dala:kz-ru-friendship-1992"),
        ("Казахстан и Россия вспомнили о договоре 1992 года.", "договоре 1992 года", "dala:kz-ru-friendship-1992"),
        ("Kazakhstan and Russia revisited the 1992 treaty on Monday.", "1992 treaty", "dala:kz-ru-friendship-1992"),
        ("Президенты Казахстана и России подписали Декларацию (1998 г.) в Москве.", "Декларацию", "dala:kz-ru-eternal-friendship-1998"),
    ])
    func datedTreatyBetweenNamedPartiesIsTheRegistryTreaty(text: String, surface: String, id: String) throws {
        try Self.expectLinked(text, surface, id)
    }

    @Test func datedTreatyWithoutItsPartiesIsNoMention() {
        #expect(Env.analyze("Стороны вновь сослались на договор 1992 года.").mentions.isEmpty)
    }

    // MARK: the long tail: the northern supply route, the EU's connectivity conference

    @Test func northernRouteAndConnectivityConference() {
        let links = Env.links("The Northern Distribution Network carried cargo to Afghanistan. "
            + "Ministers met at the EU-Central Asia Connectivity Conference in Samarkand.")
        #expect(links.contains { $0 == ("Northern Distribution Network", "dala:ndn") })
        #expect(links.contains { $0 == ("EU-Central Asia Connectivity Conference", "dala:eu-ca-connectivity-2022") })
    }

    // MARK: the next sentence's years date a look-alike only within its paragraph

    @Test func nextSentenceYearsDateALookAlikeInItsParagraphOnly() throws {
        let same = try #require(Self.mention(Env.analyze(
            "Все обсуждали Таможенный союз. В 1996 году его расширили. В 2015 году всё изменилось."), "Таможенный союз"))
        #expect(same.entityID == "dala:customs-union-1995")
        #expect(same.alternatives.isEmpty)
        // The next paragraph's years date its own subject: the two unions stay open.
        let next = try #require(Self.mention(Env.analyze(
            "Все обсуждали Таможенный союз.\n\nВ 1996 году его расширили. В 2015 году всё изменилось."), "Таможенный союз"))
        #expect(next.alternatives == ["dala:customs-union-2010"])
    }

    // MARK: kk: a quoted phrase closed by a head noun is a name

    @Test(arguments: [
        ("Министрлік «Жастарды қолдаудың өңірлік стратегиясы» құжатын ұсынды.", "Жастарды қолдаудың өңірлік стратегиясы"),
        ("Қорға «Білім мен ғылым саласындағы Жаңа бастама» жобасы ұсынылды.", "Білім мен ғылым саласындағы Жаңа бастама"),
    ])
    func quotedPhraseClosedByAHeadIsAName(text: String, surface: String) throws {
        let m = try #require(Self.mention(Env.analyze(text), surface))
        #expect(m.entityID.hasPrefix("local:programme:"))
    }

    // MARK: a quoted registry name before a crossing's head names the crossing

    @Test func quotedNameBeforeACrossingHeadIsTheCrossing() throws {
        let a = Env.analyze("Кеше «Жібек жолы» шекара өткелі арқылы жүк көліктері өтті.")
        let m = try #require(Self.mention(a, "«Жібек жолы» шекара өткелі"))
        #expect(m.entityID.hasPrefix("local:"))
        #expect(!a.mentions.contains { $0.entityID == "dala:silk-road" })
    }

    // MARK: kk: a word in the locative opens no name

    @Test func sentenceInitialLocativeIsNoGivenName() throws {
        let a = Env.analyze("Отырыста Тоқаев су ресурстары туралы айтты.")
        let m = try #require(Self.mention(a, "Тоқаев"))
        #expect(m.entityID == "dala:person-tokayev")
    }

    @Test func placeInTheLocativeOpensNoHeadLastName() {
        let a = Env.analyze("Келесі жылы Астанада инвесторлар форумы өтеді.")
        #expect(a.mentions.map(\.entityID) == ["dala:city-astana"])
    }

    // MARK: a short name given in brackets after a registry name is that entity in the whole document

    @Test func bracketedShortNameLinksTheRegistryEntityEverywhere() {
        let a = Env.analyze("Министры обсудили Договор об углублении интеграции (Договор «Четыре плюс», 1996). "
            + "Через год Договор «Четыре плюс» дополнили.")
        let ids = a.mentions.filter { $0.surface == "Договор «Четыре плюс»" }.map(\.entityID)
        #expect(ids == ["dala:deepening-integration-1996", "dala:deepening-integration-1996"])
    }
}
