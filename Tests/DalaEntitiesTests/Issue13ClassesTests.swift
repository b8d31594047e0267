import Testing
import Foundation
import DalaText
@testable import DalaEntities

/// Classes of issue 13 fixed in session 20 (sentences written for these tests).
@Suite("Issue 13: format codes, multi-word titles, alternative scores, subdivisions")
struct Issue13ClassesTests {
    // MARK: "C5+1" / Cyrillic "С5+1" is one name

    @Test(arguments: [
        ("The C5+1 ministers met in Astana on Monday.", "C5+1"),
        ("Министры в формате С5+1 встретятся в Ташкенте.", "С5+1"),
        ("С5+1 форматындағы кездесу Астанада өтеді.", "С5+1"),
    ])
    func formatCodeWithPlusIsOneMention(text: String, surface: String) throws {
        let m = try #require(Env.analyze(text).mentions.first { $0.surface == surface })
        #expect(m.entityID == "dala:c5plus1")
    }

    @Test func plusBetweenOrdinaryWordsStaysApart() {
        // "2+2" and a word followed by "+" and a number are not joined into a name.
        let ms = Env.analyze("Формула 2+2 и Россия+1 не являются названиями.").mentions
        #expect(!ms.contains { $0.surface.contains("+") })
    }

    // MARK: a title of several words is no name

    @Test(arguments: [
        "The CSTO Secretary General Stanislav Zas arrived in Bishkek.",
        "Our Secretary General said nothing about the talks.",
        "Prime Minister Kim Lee visited Dushanbe.",
    ])
    func secondWordOfATitleIsNoPerson(text: String) {
        let ms = Env.analyze(text).mentions
        #expect(!ms.contains { $0.surface == "General" || $0.surface == "Minister" || $0.surface.hasPrefix("General ") })
        #expect(!Env.analyze(text).entities.contains { $0.labels.values.contains("General") })
    }

    @Test func titleThenNameStillFindsThePerson() throws {
        let a = Env.analyze("Secretary General Arman Bekov opened the session.")
        let m = try #require(a.mentions.first { $0.surface.contains("Bekov") })
        #expect(m.surface == "Arman Bekov")
    }

    // MARK: alternatives carry scores

    @Test func ambiguousMentionScoresEachAlternative() throws {
        let m = try #require(Env.analyze("Орта Азия туралы жаңа кітап жарық көрді.").mentions.first)
        #expect(!m.alternatives.isEmpty)
        #expect(m.alternativeScores.count == m.alternatives.count)
        #expect(m.alternativeScores.allSatisfy { $0 > 0 && $0 <= 0.5 })
    }

    @Test func resolvedMentionHasNoScores() throws {
        let m = try #require(Env.analyze("Қазақстан Президенті Астанада сөйледі.").mentions.first)
        #expect(m.alternatives.isEmpty && m.alternativeScores.isEmpty)
    }

    @Test func mentionJSONRoundTripsAndReadsOldJSON() throws {
        let m = Mention(entityID: "a", span: Span(start: 0, end: 1), surface: "A", sentenceIndex: 0, confidence: 0.5,
                        kind: .name, alternatives: ["b"], alternativeScores: [0.4])
        let back = try JSONDecoder().decode(Mention.self, from: JSONEncoder().encode(m))
        #expect(back.alternativeScores == [0.4])
        let old = #"{"entityID":"a","span":{"start":0,"end":1},"surface":"A","sentenceIndex":0,"confidence":0.5,"kind":"name","alternatives":[]}"#
        let o = try JSONDecoder().decode(Mention.self, from: Data(old.utf8))
        #expect(o.alternativeScores.isEmpty)
    }

    // MARK: ISO 3166-2 subdivisions: generated rows and merged codes

    @Test func subdivisionCodesAreUniqueAndMergedIntoCuratedRows() {
        let coded = Env.kb.infos.filter { $0.subdivisionCode != nil }
        #expect(coded.count >= 80)
        #expect(Set(coded.compactMap(\.subdivisionCode)).count == coded.count)
        #expect(coded.first { $0.subdivisionCode == "KZ-AKM" }?.record.id == "dala:region-akmola")
        #expect(coded.first { $0.subdivisionCode == "KZ-ALA" }?.record.id == "dala:city-almaty")
    }

    @Test func generatedProvinceDoesNotTakeTheCity() {
        #expect(Env.id(of: "Kabul", in: "Talks were held in Kabul on Monday.") == "dala:city-kabul")
        #expect(Env.id(of: "Badakhshan Province", in: "Floods hit Badakhshan Province last spring.") == "dala:iso-af-bds")
    }
}

/// Local entities: Russian labels in the nominative, anaphoric adjectives are no names (issue 13, part 4).
@Suite("Issue 13: clean local entities")
struct LocalEntityLabelTests {
    func local(_ text: String) -> [EntityRecord] { Env.analyze(text).entities.filter { !$0.fromKnowledgeBase } }

    @Test(arguments: [
        ("Проект одобрили на заседании Высшего горного совета республики.", "Высший горный совет"),
        ("Средства перечислят из Резервного фонда уже в мае.", "Резервный фонд"),
        ("Отчёт направлен в Счётную палату для проверки.", "Счётная палата"),
        ("Делегаты поддержали решение Северного союза фермеров.", "Северный союз фермеров"),
    ])
    func russianLabelIsNominative(text: String, label: String) {
        let labels = local(text).compactMap { $0.labels["ru"] }
        #expect(labels.contains(label), "\(labels)")
    }

    @Test func nominativeLabelStaysAsWritten() {
        let labels = local("Горный совет собрался во вторник.").compactMap { $0.labels["ru"] }
        #expect(!labels.contains { $0 != "Горный совет" && $0.hasPrefix("Горн") })
    }

    @Test(arguments: [
        "Новая организация начнёт работу в январе.",
        "Следующее заседание комиссии пройдёт в Бишкеке.",
        "Очередной форум соберёт министров осенью.",
    ])
    func anaphoricAdjectiveWithHeadIsNoName(text: String) {
        #expect(local(text).allSatisfy { $0.type != .organization }, "\(local(text).map(\.labels))")
    }
}
/// A registry body's generic name followed by a state is that state's body (issue 13, nested names).
@Suite("Issue 13: a state's own body")
struct StateBodyTests {
    @Test(arguments: [
        ("The Security Council of Mongolia met on Friday to discuss the drought.", "Security Council of Mongolia"),
        ("Заседание Совета безопасности Монголии прошло в пятницу.", "Совета безопасности Монголии"),
    ])
    func bodyOfAStateIsNotTheUNBody(text: String, surface: String) throws {
        let a = Env.analyze(text)
        let m = try #require(a.mentions.first { $0.surface == surface })
        #expect(m.entityID != "dala:unsc")
        #expect(!a.mentions.contains { $0.entityID == "dala:unsc" || $0.surface == "Mongolia" || $0.surface == "Монголии" })
    }

    @Test func theUNBodyStaysWithoutAState() {
        #expect(Env.id(of: "Security Council", in: "The Security Council met in New York on Friday.") == "dala:unsc")
        #expect(Env.id(of: "Security Council", in: "The Security Council of the UN met on Friday.") == "dala:unsc")
    }
}

extension StateBodyTests {
    @Test func aProperNameOfTheStatesOwnBodyKeepsTheStateApart() {
        // The parliament's proper name is not generic: the country after it is a mention of its own.
        let links = Env.links("Жогорку Кенеш Киргизии принял закон о выборах.")
        #expect(links.contains { $0.0 == "Киргизии" })
    }
}

/// A Russian name's genitive complement runs to its noun (session 23, sentences written for these tests).
@Suite("Issue 13: Russian name complements")
struct RussianNameComplementTests {
    @Test(arguments: [
        ("Министры подписали Договор о зоне свободной торговли в пятницу.", "Договор о зоне свободной торговли"),
        ("Решено создать Северный фонд защиты земли для фермеров.", "Северный фонд защиты земли"),
        ("Правительства учредили Горный банк сотрудничества и развития в Оше.", "Горный банк сотрудничества и развития"),
        ("Эксперты Степного союза торговли и кооперации провели встречу.", "Степного союза торговли и кооперации"),
    ])
    func complementRunsToItsNoun(text: String, surface: String) {
        let surfaces = Env.analyze(text).mentions.map(\.surface)
        #expect(surfaces.contains(surface), "\(surfaces)")
    }

    @Test func aCapitalisedNameAfterAndIsANameOfItsOwn() {
        let surfaces = Env.analyze("Союз журналистов Казахстана и России провёл встречу.").mentions.map(\.surface)
        #expect(surfaces.contains("России"), "\(surfaces)")
    }

    @Test func aPastTenseVerbStillEndsTheName() {
        let surfaces = Env.analyze("Договор о дружбе подписали в Москве.").mentions.map(\.surface)
        #expect(!surfaces.contains { $0.contains("подписали") }, "\(surfaces)")
    }
}
