import Testing
import Foundation
import DalaText
@testable import DalaEntities

/// Issue 13 leftovers of the sample-document audit (docs/entity-audit.md); sentences written for these tests.
@Suite("Issue 13: Kazakh adjective + head names, ethnonyms before a community noun, periods in Russian names")
struct AdjectiveHeadsAndPeriodsTests {
    static func label(_ a: EntityAnalysis, _ id: String) -> String? {
        a.entities.first { $0.id == id }?.labels.values.first
    }

    // MARK: kk: after an adjective the head's possessive comes from the context

    @Test func adjectiveHeadTakesTheBareLabelAndFindsTheInflectedMention() throws {
        let a = Env.analyze("Біз Еуропалық Одақтың Жасыл келісімі туралы жазамыз. Кейін Жасыл келісімнің нәтижелері талқыланды.")
        let first = try #require(a.mentions.first { $0.surface == "Жасыл келісімі" })
        let second = try #require(a.mentions.first { $0.surface == "Жасыл келісімнің" })
        #expect(first.entityID == second.entityID)
        #expect(Self.label(a, first.entityID) == "Жасыл келісім")
    }

    @Test func nounModifierKeepsThePossessiveInTheLabel() throws {
        // "экология" is a noun: the possessive of "орталығы" belongs to the name.
        let a = Env.analyze("Өткен жылы Дала экология орталығы жаңа ғимаратқа көшті.")
        let m = try #require(a.mentions.first { $0.surface == "Дала экология орталығы" })
        #expect(Self.label(a, m.entityID) == "Дала экология орталығы")
    }

    @Test func bareHeadAfterACapitalisedAdjectiveAloneIsNoNameAtSentenceStart() {
        // A sentence's first word is capitalised anyway: "Жаңа келісімнің" there names nothing.
        let a = Env.analyze("Жаңа келісімнің мәтіні әлі жарияланған жоқ.")
        #expect(!a.mentions.contains { $0.surface.contains("келісім") })
    }

    // MARK: kk: a singular ethnonym before диаспора / халқы / қауымдастығы is the people

    @Test(arguments: [
        ("Қаладағы корей диаспорасы мерекені атап өтті.", "корей", "dala:people-koreans"),
        ("Ауылда поляк қауымдастығы жаңа мектеп ашты.", "поляк", "dala:people-poles"),
    ])
    func ethnonymBeforeACommunityNounIsThePeople(text: String, surface: String, id: String) throws {
        let m = try #require(Env.analyze(text).mentions.first { $0.surface == surface })
        #expect(m.entityID == id)
        #expect(m.kind == .name)
    }

    // MARK: ru: "на 2014-2020 годы" belongs to the name

    @Test func russianNameKeepsItsPeriod() throws {
        let a = Env.analyze("Об этом говорится в Стратегии развития региона на 2023-2027 годы, принятой весной.")
        let m = try #require(a.mentions.first { $0.surface.hasPrefix("Стратегии развития") })
        #expect(m.surface == "Стратегии развития региона на 2023-2027 годы")
        #expect(Self.label(a, m.entityID) == "Стратегия развития региона на 2023-2027 годы")
    }

    @Test func russianNameWithoutYearNounStopsBeforeTheNumbers() throws {
        // "на 2023 год" is a period; "на 5 процентов" is not.
        let a = Env.analyze("Программа развития туризма на 5 процентов увеличила поток гостей.")
        #expect(!a.mentions.contains { $0.surface.contains("процент") })
    }

    // MARK: kk: "қауымдастық" is written for "қоғамдастық" in the name of EurAsEC

    @Test func eurasecWithTheOtherCommunityNoun() {
        #expect(Env.id(of: "Еуразиялық экономикалық қауымдастық", in: "Еуразиялық экономикалық қауымдастық 2000 жылы құрылды.") == "dala:eurasec")
    }

    // MARK: a year written into an agreement's name

    @Test func aDatedNameOfAnotherYearIsAnotherDocument() throws {
        // The registry's Astana declarations are of 2010, 2024 and 2025: one of 2019 is none of them.
        let a = Env.analyze("Министрлер 2019 жылғы Астана декларациясын қайта қарады.")
        let m = try #require(a.mentions.first { $0.surface.contains("декларациясын") })
        #expect(m.entityID.hasPrefix("local:agreement:"))
        #expect(m.surface == "2019 жылғы Астана декларациясын")
        #expect(Self.label(a, m.entityID) == "2019 жылғы Астана декларациясы")
    }

    @Test func aDatedNameOfItsOwnYearKeepsTheRegistryDocument() throws {
        let m = try #require(Env.analyze("Министрлер 2010 жылғы Астана декларациясын қайта қарады.").mentions
            .first { $0.surface.contains("декларациясын") })
        #expect(m.entityID == "dala:osce-astana-declaration-2010")
        #expect(m.alternatives.isEmpty)
    }

    // MARK: a `doc.with` entity in the same sentence

    @Test func sameSentenceOrganisationSettlesTheSharedName() throws {
        // EurAsEC in the sentence speaks for the 2003 space, not the Central Asian one of 1994.
        let m = try #require(Env.analyze("Решение ЕврАзЭС о формировании Единого экономического пространства обсуждалось в Минске.")
            .mentions.first { $0.surface == "Единого экономического пространства" })
        #expect(m.entityID == "dala:ces")
        #expect(m.alternatives.isEmpty)
    }

    /// The 2003 space of four (with Ukraine) and the 2012 space of three share their names: the year decides, and without
    /// one the mention says it is ambiguous (alternatives with scores). Session 29, issue 13.
    @Test(arguments: [
        ("In 2003 Russia, Ukraine, Belarus and Kazakhstan agreed to form a Single Economic Space.", "Single Economic Space", "dala:ces"),
        ("С 1 января 2012 года заработало Единое экономическое пространство.", "Единое экономическое пространство", "dala:ces-2012"),
        ("Бірыңғай экономикалық кеңістік 2013 жылы кеңейтілмеді.", "Бірыңғай экономикалық кеңістік", "dala:ces-2012"),
    ])
    func theYearTellsTheTwoEconomicSpacesApart(text: String, surface: String, id: String) throws {
        let m = try #require(Env.analyze(text).mentions.first { $0.surface == surface }, "\(Env.analyze(text).mentions.map(\.surface))")
        #expect(m.entityID == id)
    }

    @Test func anUndatedEconomicSpaceIsAmbiguous() throws {
        let m = try #require(Env.analyze("Единое экономическое пространство работает.").mentions.first)
        #expect(Set([m.entityID] + m.alternatives).isSuperset(of: ["dala:ces", "dala:ces-2012"]), "\(m.entityID) \(m.alternatives)")
        #expect(m.alternativeScores.count == m.alternatives.count)
    }

    // MARK: the long tail of NATO and EU programmes in Kazakh

    @Test(arguments: [
        ("Министрлік «Жоспарлау және талдау процесіне» қатысуды жалғастырады.", "Жоспарлау және талдау процесіне", "dala:nato-parp"),
        ("Елші «Жеке әріптестік әрекет жоспарын» жаңартуды ұсынды.", "Жеке әріптестік әрекет жоспарын", "dala:ipap"),
        ("Жеке серіктестік бағдарламасы келесі жылы аяқталады.", "Жеке серіктестік бағдарламасы", "dala:nato-ipp"),
        ("Операциялық әлеует тұжырымдамасына тек бір ел қосылды.", "Операциялық әлеует тұжырымдамасына", "dala:nato-occ"),
        ("The WECOOP project held a workshop in Almaty.", "WECOOP", "dala:eu-wecoop"),
        ("Орталық Азия білім беру платформасы жаңа кезеңін бастады.", "Орталық Азия білім беру платформасы", "dala:caep"),
    ])
    func programmeNamesOfTheLongTail(text: String, surface: String, id: String) {
        #expect(Env.id(of: surface, in: text) == id)
    }
}
