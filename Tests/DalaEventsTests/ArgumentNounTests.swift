import DalaEntities
import DalaEvaluation
import DalaEvents
import DalaText
import Foundation
import Testing

// Issue 14 (events-25): an event noun that is only the argument of another predicate tells no event of its own.
// Sentences written for these tests.

@Suite("Event nouns used as arguments of another predicate")
struct ArgumentNounTests {
    @Test(arguments: [
        "Согласно соглашению, Таджикистан получает часть пастбищ у границы с Киргизией.",
        "Главным вопросом для Казахстана остаётся судьба договора о транзите газа.",
        "Еуразиялық экономикалық комиссияның айтуынша, келісім Қазақстан мен Қырғызстан арасындағы баждарды азайтады.",
    ])
    func aTreatyNounReferredToIsNoAgreement(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(!out.events.contains { $0.type == .agreement }, "\(out.events.map { ($0.type, $0.mentions.first?.trigger) })")
    }

    @Test(arguments: [
        "Парламент Киргизии рассмотрит соглашение с Казахстаном в декабре.",
        "Егер Қазақстан мен Өзбекстан келісім жасаса, жол 2030 жылы ашылуы мүмкін.",
        "Kazakhstan and Uzbekistan signed the agreement in Tashkent on Friday.",
    ])
    func aTreatyNounMadeAdoptedOrWeighedIsStillAnAgreement(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(out.events.contains { $0.type == .agreement }, "\(out.events.map { ($0.type, $0.mentions.first?.trigger) })")
    }

    @Test func agreeingIsNoTreatyNoun() throws {
        // `договорились` starts like the treaty noun `договор`: it stays the agreement it tells.
        let out = try Harness.get().run("Казахстан и Узбекистан договорились открыть новый пункт пропуска, сообщил МИД. Соглашение вступит в силу в мае.")
        #expect(out.events.contains { $0.type == .agreement && $0.mentions.contains { $0.trigger == "договорились" } })
    }

    @Test func rareEarthMetalsAreNoMeeting() throws {
        // kk `сирек кездесетін` (rare) is no meeting (`triggers.tsv` sense row `meeting>none`).
        let out = try Harness.get().run("Қазақстан мен Жапония сирек кездесетін металдар жөнінде меморандумға қол қойды.")
        #expect(!out.events.contains { $0.type == .meeting })
        #expect(out.events.contains { $0.type == .agreement })
    }
}
