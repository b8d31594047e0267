import DalaEntities
import DalaEvents
import DalaText
import Testing

// Misses found on the sample documents, fixed generally; every passage here was written for these tests.

@Suite("Conditionals inside quotations")
struct QuotedConditionalTests {
    @Test(arguments: [
        ("2008 жылы Ислам Кәрімов «Егер Ресей келісімге келсе, Өзбекстан одаққа қосылады» деп мәлімдеді.", Language.kk),
        ("«Если соседи согласятся, Казахстан вступит в союз», — заявил министр в 2015 году.", .ru),
        ("\"If Kyrgyzstan joins the union, trade will grow,\" the minister said in 2012.", .en),
    ])
    func reportingVerbStaysAsserted(text: String, language: Language) throws {
        let out = try Harness.get().run(text)
        let st = try #require(out.events.first { $0.type == .statement }, "no statement in \(text)")
        #expect(st.modality == .asserted)
    }

    @Test func theQuotedEventKeepsItsCondition() throws {
        let out = try Harness.get().run("«Если соседи согласятся, Казахстан вступит в союз», — заявил министр в 2015 году.")
        let m = try #require(out.events.first { $0.type == .membership })
        #expect(m.modality == .hypothetical)
    }

    @Test func aConditionOutsideQuotationsStillCounts() throws {
        let out = try Harness.get().run("Если Таджикистан вступит в союз, министр заявил, что тарифы снизятся.")
        #expect(out.events.first { $0.type == .membership }?.modality == .hypothetical)
    }
}

@Suite("Treaties on founding something")
struct TreatyTopicTests {
    @Test(arguments: [
        "В 2001 году главы шести государств подписали Договор о создании Шанхайской организации сотрудничества.",
        "On 29 May 2014 the presidents signed the Treaty on the Establishment of the Eurasian Economic Union.",
        "2014 жылы Беларусь, Қазақстан және Ресей Еуразиялық экономикалық одақ құру туралы шартқа қол қойды.",
        "Киргизия подписала договор о присоединении к Евразийскому экономическому союзу.",
    ])
    func signingIsAnAgreementNotAFounding(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(out.events.contains { $0.type == .agreement }, "no agreement in \(text)")
        #expect(!out.events.contains { $0.type == .founding || $0.type == .membership }, "\(out.events.map(\.type)) in \(text)")
    }

    @Test func whatTheTreatyFoundsIsItsObject() throws {
        let out = try Harness.get().run(
            "2014 жылы Беларусь, Қазақстан және Ресей Еуразиялық экономикалық одақ құру туралы шартқа қол қойды.")
        let ag = try #require(out.events.first { $0.type == .agreement })
        #expect(ag.participants.contains { $0.entityID == "dala:eaeu" && $0.role == "object" })
        #expect(!ag.participants.contains { $0.entityID == "dala:eaeu" && $0.role == "actor" })
        #expect(Set(ag.participants.filter { $0.role == "actor" }.compactMap(\.entityID)) == ["Q184", "Q232", "Q159"])
    }

    @Test func aSentenceThatSaysItWasCreatedKeepsTheFounding() throws {
        let out = try Harness.get().run(
            "В 2001 году была создана Шанхайская организация сотрудничества: главы шести государств подписали Договор о её создании.")
        let f = try #require(out.events.first { $0.type == .founding })
        #expect(f.mentions.map(\.trigger) == ["создана"])
        #expect(f.participants.contains { $0.entityID == "dala:sco" })
        #expect(out.events.contains { $0.type == .agreement })
    }
}

@Suite("Participants of long sentences")
struct ClauseParticipantTests {
    static let text = "Казахстан и Узбекистан подписали соглашение о водных ресурсах, а Киргизия, Таджикистан и Туркменистан, "
        + "которые участвовали в переговорах в Ташкенте вместе с представителями Всемирного банка и Азиатского банка развития, "
        + "отказались от обсуждения вопросов энергетики и транспорта."

    @Test func theSigningHasOnlyItsOwnClause() throws {
        let out = try Harness.get().run(Self.text)
        let ag = try #require(out.events.first { $0.type == .agreement })
        #expect(Set(ag.participants.compactMap(\.entityID)) == ["Q232", "Q265"])
    }

    @Test func aRelativeClauseKeepsItsAntecedents() throws {
        let out = try Harness.get().run(Self.text)
        let meeting = try #require(out.events.first { $0.type == .meeting })
        let ids = Set(meeting.participants.compactMap(\.entityID))
        #expect(ids.isSuperset(of: ["Q813", "Q863", "Q874", "dala:city-tashkent", "Q7164"]))
        #expect(!ids.contains("Q232") && !ids.contains("Q265"))
    }

    @Test func dashesAndBracketsDoNotCutAList() throws {
        let out = try Harness.get().run(
            "Соглашения от 8 декабря 1991 года, заключённые лидерами трёх республик – России, Украины и Беларуси, "
            + "и последовавшая за этим встреча руководителей соседних государств изменили всю политическую карту региона.")
        let ag = try #require(out.events.first { $0.type == .agreement })
        #expect(Set(ag.participants.compactMap(\.entityID)).isSuperset(of: ["Q159", "Q212", "Q184"]))
    }
}

@Suite("Dates from the previous sentence")
struct InheritedDateTests {
    @Test func anaphorTakesTheDateOfThePreviousSentencesLastClause() throws {
        let ru = try Harness.get().run(
            "В 1990-е годы в регионе шли реформы, а в 1996 г. Казахстан и Киргизия провели переговоры. "
            + "Именно тогда стороны подписали соглашение о торговле.")
        #expect(ru.events.first { $0.type == .agreement }?.date?.value == "1996")
        let kk = try Harness.get().run(
            "2003 жылы Астанада екі елдің сыртқы істер министрлері кездесті, ал 2004 жылы келіссөздер жалғасты. "
            + "Сонда тараптар шекара туралы келісімге қол қойды.")
        #expect(kk.events.first { $0.type == .agreement }?.date?.value == "2004")
    }

    @Test func severalDatesWithoutAnAnaphorAreNotInherited() throws {
        let out = try Harness.get().run("1995 жылы және 1998 жылы реформалар жүрді. Тараптар келісімге қол қойды.")
        let ag = try #require(out.events.first { $0.type == .agreement })
        #expect(ag.date == nil)
    }
}
