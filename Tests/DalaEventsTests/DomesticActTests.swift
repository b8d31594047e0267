import DalaEntities
import DalaEvaluation
import DalaEvents
import DalaText
import Foundation
import Testing

// Issue 14 (events-25): signing or approving a state's own act (`dated_documents.tsv` kind `domestic`) is no
// agreement. Sentences written for these tests.

@Suite("Domestic acts are no agreements")
struct DomesticActTests {
    @Test(arguments: [
        "Президент Казахстана подписал указ о новом составе правительства.",
        "Тоқаев Конституцияға түзетулерге қол қойды.",
        "President Japarov signed the decree on the new border service.",
    ])
    func signingADecreeIsNoAgreement(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(!out.events.contains { $0.type == .agreement }, "\(out.events.map { ($0.type, $0.mentions.first?.trigger) })")
    }

    @Test(arguments: [
        "Президент Киргизии подписал закон о ратификации соглашения с Узбекистаном.",
        "President Tokayev signed the decree ratifying the treaty with Uzbekistan.",
    ])
    func aDecreeOnATreatyStillTellsTheAgreement(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(out.events.contains { $0.type == .agreement })
    }
}
