import Testing
import DalaText
@testable import DalaEntities

/// A person no knowledge base knows, named in two scripts in one document, is one local entity with a label in each.
@Suite("Local people across scripts")
struct LocalPeopleAcrossScriptsTests {
    @Test func aNameInCyrillicAndLatinIsOnePerson() throws {
        let a = Env.analyze("""
            Ербол Жақыпов Алматыда жаңа кітабын таныстырды.

            Yerbol Zhakypov presented his new book in Almaty.
            """)
        let people = a.mentions.filter { $0.entityID.hasPrefix("local:person:") }
        try #require(people.count == 2)
        #expect(people[0].entityID == people[1].entityID)
        let person = try #require(a.entities.first { $0.id == people[0].entityID })
        #expect(person.labels["kk"] == "Ербол Жақыпов" && person.labels["en"] == "Yerbol Zhakypov")
    }

    @Test func differentSurnamesStayApart() {
        let a = Env.analyze("""
            Ербол Жақыпов Алматыда жаңа кітабын таныстырды.

            Yerbol Sarsenbayev presented his new book in Almaty.
            """)
        let people = Set(a.mentions.filter { $0.entityID.hasPrefix("local:person:") }.map(\.entityID))
        #expect(people.count == 2)
    }
}
