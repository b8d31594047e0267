import Testing
import Foundation
import DalaText
@testable import DalaEntities

/// Issue 13, found by the ent29 probe of each part of the issue: a look-alike acronym out of force in its sentence, a
/// sentence's first word before the surname of someone already named, and a body named after an organisation's acronym.
/// Sentences written for these tests.
@Suite("Issue 13: look-alike acronyms out of force, sentence openers before a known surname, acronym + body")
struct LookAlikeAcronymsAndOpenersTests {
    @Test func acronymOutOfForceKeepsTheWrittenReadingAsAnAlternative() throws {
        // The European Economic Community (ЕЭС) ended in 2009; "ЕАЭС" less one letter was in force in 2015.
        let m = try #require(Env.analyze("ЕЭС предусматривает свободу движения товаров между Арменией и Казахстаном с 2015 года.")
            .mentions.first { $0.surface == "ЕЭС" })
        #expect(m.entityID == "dala:eaeu")
        #expect(m.alternatives.contains("dala:eec-1957"))
        #expect(m.alternativeScores.count == m.alternatives.count && m.confidence < 0.6)
    }

    @Test func acronymInForceOrNamedInFullStaysAsWritten() {
        #expect(Env.id(of: "ЕЭС", in: "В 1957 году ЕЭС объединило шесть стран Европы.") == "dala:eec-1957")
        // A document that names the community in full uses the acronym for it: no slip of the pen.
        let text = "Европейское экономическое сообщество создали в 1957 году. В 2015 году историки снова писали о ЕЭС."
        let m = Env.analyze(text).mentions.first { $0.surface == "ЕЭС" }
        #expect(m?.entityID == "dala:eec-1957" && m?.alternatives.isEmpty == true)
    }

    @Test(arguments: [
        "President Qasym-Zhomart Toqaev arrived in Ashgabat. Later Toqaev flew home.",
        "Президент Касым-Жомарт Токаев прибыл в Ашхабад. Затем Токаев вернулся домой.",
    ])
    func sentenceOpenerBeforeAKnownSurnameIsNoGivenName(text: String) {
        let a = Env.analyze(text)
        #expect(a.mentions.filter { $0.entityID == "dala:person-tokayev" }.count == 2)
        #expect(!a.mentions.contains { $0.entityID.hasPrefix("local:person:") })
    }

    @Test func anotherGivenNameBeforeTheSurnameStaysSomeoneElse() {
        // Mid-sentence, a capitalised word before the surname is a given name: someone else.
        let a = Env.analyze("Kassym-Jomart Tokayev spoke first. Then the minister Nurlan Tokayev replied.")
        #expect(a.mentions.contains { $0.surface == "Nurlan Tokayev" && $0.entityID.hasPrefix("local:person:") })
    }

    @Test func bodyNamedAfterAnOrganisationsAcronymIsNoPlace() {
        let a = Env.analyze("The CICA Asia Council approved the roadmap.")
        #expect(a.mentions.contains { $0.surface == "CICA" && $0.entityID == "dala:cica" })
        #expect(a.mentions.contains { $0.surface == "Asia Council" && $0.entityID.hasPrefix("local:organization:") })
        #expect(!a.mentions.contains { $0.entityID == "dala:asia" })
    }

    // MARK: family names first (officials no knowledge base holds)

    @Test(arguments: [
        ("Zhang Qian travelled west with the envoy.", "Zhang Qian"),
        ("Ван Ицзы приехал в Астану.", "Ван Ицзы"),
        ("Ким Чен Ын провёл парад.", "Ким Чен Ын"),
    ])
    func familyFirstNameIsAPerson(text: String, surface: String) throws {
        let m = try #require(Env.mention(surface, in: text))
        #expect(m.entityID.hasPrefix("local:person:"))
    }

    @Test func twoPeopleOfOneFamilyNameAreTwoEntities() {
        let a = Env.analyze("Zhang Qian met Zhang Wei in Urumqi.")
        let ids = Set(a.mentions.filter { $0.surface.hasPrefix("Zhang") }.map(\.entityID))
        #expect(ids.count == 2)
    }

    @Test func familyNameBeforeARegistryNameOrAPeopleIsNoPerson() {
        #expect(Env.id(of: "Han Chinese", in: "Han Chinese traders settled in Kashgar.") == "dala:people-chinese")
        #expect(!Env.analyze("У Ивана Петрова есть план.").mentions.contains { $0.surface.hasPrefix("У ") })
    }
}
