import DalaEvents
import Foundation
import Testing

// Repeated tellings in one document (issue 14), on sentences written for these tests.
@Suite("A treaty retold in the next sentence is one event")
struct RetellingMergeTests {
    func agreements(_ text: String) throws -> [Event] { try Harness.get().run(text).events.filter { $0.type == .agreement } }

    /// `… подписали Договор о X. Документ подписали A, B и C.`: the second sentence names the signatories of the same treaty.
    @Test func theSignatoriesOfTheNamedTreatyJoinIt() throws {
        let a = try agreements("Главы правительств стран СНГ 18 октября 2011 года подписали Договор о зоне свободной торговли. "
                               + "Документ подписали Россия, Белоруссия и Казахстан.")
        #expect(a.count == 1, "\(a.map { $0.mentions.map(\.sentenceIndex) })")
        let e = try #require(a.first)
        #expect(e.mentions.map(\.sentenceIndex) == [0, 1])
        #expect(e.date?.value == "2011-10-18")
        #expect(Set(e.participants.compactMap(\.entityID)).isSuperset(of: ["Q159", "Q184", "Q232"]))
    }

    /// A next sentence naming a treaty of its own, or a signing two sentences on, is another event.
    @Test(arguments: [
        "Главы правительств стран СНГ 18 октября 2011 года подписали Договор о зоне свободной торговли. "
            + "Россия и Белоруссия подписали Договор о союзном государстве.",
        "Главы правительств стран СНГ 18 октября 2011 года подписали Договор о зоне свободной торговли. Торговля росла. "
            + "Россия, Белоруссия и Казахстан подписали соглашение.",
    ])
    func anotherTreatyOrAFarSigningStaysApart(text: String) throws {
        let a = try agreements(text)
        #expect(a.count == 2, "\(a.map { $0.mentions.map(\.sentenceIndex) })")
    }
}
