import Testing
import Foundation
import DalaText
@testable import DalaEntities

/// Issue 13, the classes the sample-document audit (docs/entity-audit.md) left after ent28: an institution named after a
/// person is one name; a state's initiative opening a heading describes; a topic complement goes on after "и"; a
/// project of a registry proposal is that proposal; one inner word of a long registry name may be misspelt; Russian
/// facility heads of two words. Sentences written for these tests.
@Suite("Issue 13: named-after institutions, coordinated topics, inner misspellings, two-word facility heads")
struct NamedAfterAndCoordinatedNamesTests {
    // MARK: "X атындағы …", "… имени X", "X … University": the institution, not the person

    @Test(arguments: [
        // kk: a local person (initials) and a local institution
        ("Студенттер Ә.Х. Марғұлан атындағы Павлодар педагогикалық университетінде оқиды.",
         "Ә.Х. Марғұлан атындағы Павлодар педагогикалық университетінде", "local:organization:"),
        // kk: a name outside any mention and a registry institution
        ("Әл-Фараби атындағы Қазақ ұлттық университетінің ректоры сөйледі.",
         "Әл-Фараби атындағы Қазақ ұлттық университетінің", "dala:kaznu"),
        // ru: a registry institution and a registry person, with "имени" and with "им."
        ("Делегация посетила Евразийский национальный университет имени Л.Н. Гумилёва в среду.",
         "Евразийский национальный университет имени Л.Н. Гумилёва", "dala:enu"),
        ("Делегация посетила Евразийский национальный университет им. Л.Н. Гумилёва в среду.",
         "Евразийский национальный университет им. Л.Н. Гумилёва", "dala:enu"),
        // ru: a local institution and a local person
        ("Она преподаёт в Карагандинском университете имени Е.А. Букетова.",
         "Карагандинском университете имени Е.А. Букетова", "local:organization:"),
        // en: a local person, a country's adjective and a local institution's run
        ("She teaches at the K.I. Satpayev Kazakh National Technical University.",
         "K.I. Satpayev Kazakh National Technical University", "local:organization:"),
    ])
    func institutionNamedAfterAPersonIsOneName(text: String, surface: String, id: String) throws {
        let a = Env.analyze(text)
        let m = try #require(Env.mention(surface, in: text, analysis: a))
        #expect(m.entityID.hasPrefix(id))
        // The person is part of the name: no person mention anywhere in the sentence.
        #expect(!a.mentions.contains { $0.entityID.hasPrefix("local:person:") || $0.entityID.hasPrefix("dala:person-") })
    }

    @Test func localInstitutionLabelHoldsThePersonInTheNominative() {
        let a = Env.analyze("Она преподаёт в Карагандинском университете имени Е.А. Букетова.")
        #expect(a.entities.contains { $0.labels["ru"] == "Карагандинский университет имени Е.А. Букетова" })
    }

    @Test func aPersonWithoutAnInstitutionStaysAPerson() {
        let a = Env.analyze("Профессор А.Б. Сейтқалиев университетте дәріс оқыды.")
        #expect(a.mentions.contains { $0.surface == "А.Б. Сейтқалиев" && $0.entityID.hasPrefix("local:person:") })
        // A lowercase head after "имени" is a description: the person stays.
        #expect(Env.id(of: "Абая", in: "Он окончил университет имени Абая.") == "dala:person-abai")
    }

    // MARK: a heading's "<adjective> <programme head> <state>" describes the state's initiative

    @Test func stateInitiativeOpeningASentenceDescribes() {
        let a = Env.analyze("Энергетическая стратегия Китая в Центральной Азии остаётся закрытой.")
        #expect(!a.mentions.contains { $0.entityID.hasPrefix("local:") })
        #expect(a.mentions.contains { $0.surface == "Китая" && $0.entityID == "Q148" })
        // An organisation head with its state names the state's body.
        #expect(Env.id(of: "Национальный банк Казахстана", in: "Национальный банк Казахстана снизил ставку.")?.hasPrefix("local:organization:") == true)
    }

    // MARK: "Соглашение о партнёрстве и сотрудничестве": the topic goes on after "и"

    @Test(arguments: [
        ("Соглашение о партнёрстве и сотрудничестве между ЕС и Казахстаном вступило в силу в 1999 году.",
         "Соглашение о партнёрстве и сотрудничестве"),
        ("Подписание Соглашения о Партнёрстве и Сотрудничестве ЕС с Узбекистаном состоялось позже.",
         "Соглашения о Партнёрстве и Сотрудничестве"),
    ])
    func coordinatedTopicIsPartOfTheName(text: String, surface: String) throws {
        let a = Env.analyze(text)
        let m = try #require(Env.mention(surface, in: text, analysis: a))
        #expect(m.entityID.hasPrefix("local:agreement:"))
        // "Подписание" (a noun in -ние) is no adjective of the name.
        #expect(!a.mentions.contains { $0.surface.hasPrefix("Подписание") })
        #expect(a.mentions.contains { $0.surface == "ЕС" })
    }

    @Test func projectOfARegistryProposalIsTheProposal() {
        let text = "«Проект о формировании Евразийского союза государств» был направлен в столицы."
        #expect(Env.id(of: "Проект о формировании Евразийского союза государств", in: text) == "dala:eurasian-union-1994")
    }

    // MARK: one inner word of a long registry name misspelt (OCR)

    @Test(arguments: [
        ("Азия-Тынық мүхит аймағында бәсекелестік күшейді.", "Азия-Тынық мүхит аймағында", "dala:asia-pacific"),
        ("Ол Шанхай ынтымақтастык ұйымының саммитіне қатысты.", "Шанхай ынтымақтастык ұйымының", "dala:sco"),
    ])
    func innerWordOneEditAwayStillReadsTheName(text: String, surface: String, id: String) throws {
        let m = try #require(Env.mention(surface, in: text))
        #expect(m.entityID == id)
        #expect(m.confidence <= 0.7)
    }

    @Test func twoEditsOrADeviatedLastWordReadNoRegistryName() {
        // Two edits in the inner word: no longer the SCO.
        let a = Env.analyze("Туристер Шанхай ынтымақгастык ұйымына барды.")
        #expect(!a.mentions.contains { $0.entityID == "dala:sco" })
        // The last word is read exactly (its case endings): a plural is not the organisation.
        #expect(!Env.analyze("Шанхай ынтымақтастык ұйымдарының өкілдері келді.").mentions.contains { $0.entityID == "dala:sco" })
    }

    // MARK: ru facility heads of two words

    @Test(arguments: [
        ("Грузовики скопились у пункта пропуска «Нур Жолы» на границе с Китаем.", "пункта пропуска «Нур Жолы»",
         "пункт пропуска «Нур Жолы»"),
        ("Машины стоят на пограничном посту Достык уже третьи сутки.", "пограничном посту Достык", "пограничный пост Достык"),
        ("Досмотр на таможенном посту Алтынколь ужесточили.", "таможенном посту Алтынколь", "таможенный пост Алтынколь"),
    ])
    func twoWordFacilityHeadNamesTheFacility(text: String, surface: String, label: String) throws {
        let a = Env.analyze(text)
        let m = try #require(Env.mention(surface, in: text, analysis: a))
        #expect(m.entityID.hasPrefix("local:place:"))
        #expect(a.entities.first { $0.id == m.entityID }?.labels["ru"] == label)
    }

    @Test func singleWordsOfATwoWordHeadNameNoFacility() {
        // "пост" alone is a position; "пункт" alone a settlement; plural heads describe.
        #expect(!Env.analyze("Он занял пост президента в 2019 году.").mentions.contains { $0.entityID.hasPrefix("local:place:") })
        #expect(Env.id(of: "Хоргос", in: "Поезд остановился в населённом пункте Хоргос.") == "dala:khorgos")
        #expect(!Env.analyze("На пунктах пропуска Казахстана очереди.").mentions.contains { $0.entityID.hasPrefix("local:place:") })
    }
}
