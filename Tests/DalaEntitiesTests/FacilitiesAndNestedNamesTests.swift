import Testing
import Foundation
import DalaText
@testable import DalaEntities

/// Issue 13, the nested-name classes of the sample-document audit (docs/entity-audit.md) left by ent27: a place name
/// with a facility head is the facility; a formal name with a topic postposition is one name; a compass word and a head
/// alone name nothing. Sentences written for these tests.
@Suite("Issue 13: facilities, topic-postposition names, compass words")
struct FacilitiesAndNestedNamesTests {
    static func label(_ a: EntityAnalysis, _ id: String) -> String? {
        a.entities.first { $0.id == id }?.labels.values.first
    }

    // MARK: a place + a facility head (kk бекеті/әуежайы/вокзалы/порты, ru аэропорт/порт/вокзал, en airport/port/crossing)

    @Test(arguments: [
        ("Жолаушылар кеше Шымкент әуежайынан Стамбұлға ұшты.", "Шымкент әуежайынан", "Шымкент әуежайы"),
        ("Жүк көліктері Қорғас өткізу бекетінде тағы да кезекте тұр.", "Қорғас өткізу бекетінде", "Қорғас өткізу бекеті"),
        ("Рейс задержали в аэропорту Алматы из-за тумана.", "аэропорту Алматы", "аэропорт Алматы"),
        ("Поезд прибыл на вокзал «Нурлы жол» после обеда.", "вокзал «Нурлы жол»", "вокзал «Нурлы жол»"),
        ("Flights resumed at Shymkent airport on Monday.", "Shymkent airport", "Shymkent airport"),
        ("Trucks queued at the Khorgos border crossing overnight.", "Khorgos border crossing", "Khorgos border crossing"),
        ("The first tanker left the port of Atyrau in May.", "port of Atyrau", "port of Atyrau"),
    ])
    func placeAndFacilityHeadIsTheFacility(text: String, surface: String, label: String) throws {
        let a = Env.analyze(text)
        let m = try #require(a.mentions.first { $0.surface == surface })
        #expect(m.entityID.hasPrefix("local:place:"))
        #expect(Self.label(a, m.entityID) == label)
        #expect(a.entities.first { $0.id == m.entityID }?.type == .place)
        // The place inside is part of the name, not a mention of its own.
        #expect(a.mentions.count { $0.span.start >= m.span.start && $0.span.end <= m.span.end } == 1)
    }

    @Test(arguments: [
        // The village's station (genitive), a country's port, a possessive: descriptions, not names.
        ("Ақтөбенің әуежайы жөндеуден өтті.", "Ақтөбенің", "dala:city-aktobe"),
        ("Контейнеры отправили через порт Китая.", "Китая", "Q148"),
        ("Almaty's airport reopened after the storm.", "Almaty's", "dala:city-almaty"),
    ])
    func describedFacilityKeepsThePlace(text: String, surface: String, id: String) throws {
        let m = try #require(Env.analyze(text).mentions.first { $0.surface == surface })
        #expect(m.entityID == id)
    }

    @Test func registryFacilityStaysTheRegistryEntity() {
        // Manas airport is in the registry: the rule does not make a local one.
        #expect(Env.id(of: "Манас әуежайына", in: "Ұшақ Манас әуежайына қонды.") == "dala:manas-airport")
    }

    // MARK: kk: "… жөніндегі кеңес" is one name, not a place and the Soviet homonym

    @Test func topicPostpositionNameIsOneName() throws {
        let a = Env.analyze("Өткен айда Азиядағы ынтымақтастық және қауіпсіздік шаралары жөніндегі Кеңес жиналды.")
        let m = try #require(a.mentions.first { $0.surface.hasSuffix("жөніндегі Кеңес") })
        #expect(m.surface == "Азиядағы ынтымақтастық және қауіпсіздік шаралары жөніндегі Кеңес")
        #expect(m.entityID.hasPrefix("local:organization:"))
        #expect(!a.mentions.contains { $0.entityID == "dala:asia" || $0.entityID == "Q15180" })
    }

    @Test func paraphraseOfARegistryNameTheDocumentNamesIsThatEntity() {
        // CICA's registry name is "Азиядағы өзара іс-қимыл және сенім шаралары жөніндегі кеңес"; the acronym names it.
        let text = "Азиядағы сенім және өзара іс-қимыл шаралары жөніндегі Кеңес отырысы өтті. АӨСШК хатшылығы Астанада орналасқан."
        #expect(Env.id(of: "Азиядағы сенім және өзара іс-қимыл шаралары жөніндегі Кеңес", in: text) == "dala:cica")
    }

    @Test func paraphraseWithoutTheEntityElsewhereStaysLocal() throws {
        let a = Env.analyze("Азиядағы сенім және өзара іс-қимыл шаралары жөніндегі Кеңес отырысы өтті.")
        let m = try #require(a.mentions.first { $0.surface.hasSuffix("жөніндегі Кеңес") })
        #expect(m.entityID.hasPrefix("local:"))
    }

    @Test func partiesBeforeATopicAreNoPartOfTheName() {
        // "Қазақстан мен Ресей арасындағы … келісім" describes an agreement by its parties.
        let a = Env.analyze("Қазақстан мен Ресей арасындағы көші-қон жөніндегі келісім жаңартылды.")
        #expect(a.mentions.contains { $0.surface == "Ресей" && $0.entityID == "Q159" })
        #expect(!a.mentions.contains { $0.surface.contains("келісім") && $0.surface.hasPrefix("Ресей") })
    }

    @Test func topicNameAfterAQuotedCrossingIsFound() throws {
        // The quoted crossing replaces its place mention one for one; the passes after it must still see the mentions
        // of every sentence (the filing by sentence was left stale when the count did not change).
        let a = Env.analyze("«Жібек жолы» шекара өткелі қайта ашылды. Кейін Азиядағы ынтымақтастық және қауіпсіздік шаралары жөніндегі Кеңес жиналды.")
        #expect(a.mentions.contains { $0.surface.hasPrefix("Азиядағы ынтымақтастық") })
        #expect(!a.mentions.contains { $0.entityID == "dala:asia" })
    }

    // MARK: a compass word and a head noun alone are a direction

    @Test(arguments: [
        "Сарапшылар Батыс қоғамдастығы елдерінің ұстанымын сынады.",
        "Санкции против режима поддержало Западное сообщество.",
    ])
    func compassWordAndHeadIsNoName(text: String) {
        #expect(!Env.analyze(text).mentions.contains { $0.entityID.hasPrefix("local:organization:") })
    }

    // MARK: the long tail: the Polish Card (a quoted kk programme name after its people's adjective)

    @Test(arguments: [
        ("Варшава 2008 жылы «Поляк картасын» таныстырды.", "Поляк картасын"),
        ("Многие получили Карту поляка в прошлом году.", "Карту поляка"),
    ])
    func polishCardIsTheProgramme(text: String, surface: String) {
        #expect(Env.id(of: surface, in: text) == "dala:karta-polaka")
    }

    // MARK: ru: coordinated adjectives, a quoted name after a lowercase head, headings, a registry name less one word

    @Test func coordinatedAdjectivesBelongToTheName() throws {
        let a = Env.analyze("В 1999 году ЕС завершил создание Экономического и Валютного Союза.")
        let m = try #require(a.mentions.first { $0.surface.hasSuffix("Валютного Союза") })
        #expect(m.surface == "Экономического и Валютного Союза")
        #expect(Self.label(a, m.entityID) == "Экономический и Валютный Союз")
    }

    @Test func quotedNameAfterALowercaseHeadIsTheName() throws {
        let a = Env.analyze("Историки сравнивают её с проектом «Пан-Европа» начала века.")
        let m = try #require(a.mentions.first { $0.surface == "Пан-Европа" })
        #expect(m.entityID.hasPrefix("local:programme:"))
        #expect(!a.mentions.contains { $0.entityID == "dala:europe" })
        // A registry name in the quotes stays the registry entity.
        #expect(Env.id(of: "Болашак", in: "Студенты уехали по программе «Болашак» в Лондон.") == "dala:bolashak")
    }

    @Test func adjectiveAndHeadOpeningASentenceBeforeACommaIsNoName() {
        let a = Env.analyze("Интеграционная инициатива, предложенная Астаной, обсуждалась долго.")
        #expect(!a.mentions.contains { $0.entityID.hasPrefix("local:") })
        let b = Env.analyze("Интеграционный комитет союза соберётся в Минске осенью.")
        #expect(b.mentions.contains { $0.surface == "Интеграционный комитет" && $0.entityID.hasPrefix("local:organization:") })
    }

    @Test func registryNameLessOneWordIsThatEntityWhenTheDocumentNamesIt() {
        let text = "Центральноазиатское экономическое сообщество было создано в 1998 году. Позже Центральноазиатское сообщество вошло в новую организацию."
        #expect(Env.analyze(text).mentions.filter { $0.surface.hasPrefix("Центральноазиатское") }.allSatisfy { $0.entityID == "dala:caec" })
        let alone = Env.id(of: "Центральноазиатское сообщество", in: "Позже Центральноазиатское сообщество вошло в новую организацию.")
        #expect(alone?.hasPrefix("local:") == true)
    }

    @Test func transAsianRailwayIsInTheRegistry() {
        #expect(Env.id(of: "Трансазиатской магистрали", in: "Грузы пошли по Трансазиатской магистрали.") == "dala:trans-asian-railway")
    }
}
