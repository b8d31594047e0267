import DalaEntities
import DalaEvaluation
import DalaEvents
import DalaText
import Foundation
import Testing

// Issue 14 (events-25): a signing that names its document by a word pointing back (`dated_documents.tsv` kind
// `anaphor`) retells the agreement told before. Sentences written for these tests.

@Suite("Retold agreements")
struct RetoldAgreementTests {
    @Test(arguments: [
        "On 3 May 2023 Kazakhstan and Uzbekistan signed a treaty on the joint use of the Syr Darya. "
            + "The document was also signed on 3 May 2023 by Kyrgyzstan and Tajikistan.",
        "3 мая 2023 года Казахстан и Узбекистан подписали договор о совместном использовании Сырдарьи. "
            + "3 мая 2023 года документ подписали также Киргизия и Таджикистан.",
    ])
    func aSigningOfTheDocumentToldBeforeIsOneAgreement(text: String) throws {
        let a = try Harness.get().run(text).events.filter { $0.type == .agreement }
        #expect(a.count == 1, "\(a.map { ($0.date?.value, $0.mentions.map(\.trigger)) })")
        #expect(a.first?.mentions.count == 2)
    }

    @Test func anotherTreatyTheSameDayStaysApart() throws {
        let text = "On 3 May 2023 Kazakhstan and Uzbekistan signed a treaty on the joint use of the Syr Darya. "
            + "On 3 May 2023 Kyrgyzstan and Tajikistan signed a border agreement."
        let a = try Harness.get().run(text).events.filter { $0.type == .agreement }
        #expect(a.count == 2, "\(a.map { ($0.date?.value, $0.mentions.map(\.trigger)) })")
    }
}
