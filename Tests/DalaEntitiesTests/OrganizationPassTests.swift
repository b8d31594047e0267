import Testing
import DalaText
@testable import DalaEntities

/// `OrganizationPass.swift`: names outside the registry found by their head noun (`<lang>/head_nouns.tsv`). Kyrgyz
/// names work as Kazakh ones do, from Kyrgyz head-noun rows alone (sentences written for these tests).
@Suite("Organisation pass")
struct OrganizationPassTests {
    static func locals(_ text: String) -> [(surface: String, label: [String: String], type: EntityType)] {
        let a = Env.analyze(text)
        return a.mentions.compactMap { m in
            guard m.entityID.hasPrefix("local:"), let e = a.entities.first(where: { $0.id == m.entityID }) else { return nil }
            return (m.surface, e.labels, e.type)
        }
    }

    @Test func aKyrgyzHeadNounClosesAnOrganisationName() {
        // "университети" (kk университеті): found through the ky row of head_nouns.tsv only.
        let found = Self.locals("Талас мамлекеттик университети жаңы окуу жылын салтанаттуу түрдө баштады.")
        #expect(found.contains { $0.surface == "Талас мамлекеттик университети" && $0.type == .organization }, "\(found)")
    }

    @Test func aKyrgyzHeadsCaseEndingLeavesTheLabel() {
        // "институтуна" = институту + the dative after a possessive: the label keeps the head's nominative, filed
        // under ky (the sentence's language).
        let found = Self.locals("Өкмөт Нарын агрардык институтуна жаңы имарат берүүнү чечти.")
        let org = found.first { $0.type == .organization }
        #expect(org?.surface == "Нарын агрардык институтуна", "\(found)")
        #expect(org?.label["ky"] == "Нарын агрардык институту", "\(found)")
    }

    @Test func kazakhNamesKeepTheirKazakhHead() {
        let found = Self.locals("Жаңа бағдарламаны Талдықорған аграрлық университеті әзірледі.")
        #expect(found.contains { $0.surface == "Талдықорған аграрлық университеті" && $0.type == .organization }, "\(found)")
    }
}
