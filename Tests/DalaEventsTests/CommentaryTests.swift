import DalaEntities
import DalaEvaluation
import DalaEvents
import DalaText
import Foundation
import Testing

// Issue 14 (events-25): sayings of commentators (`roles.tsv` kind `commentator`) are no statements. Sentences
// written for these tests.

@Suite("Commentators' sayings")
struct CommentaryTests {
    @Test(arguments: [
        "Analysts in Almaty said the new tariff would hurt Kyrgyzstan.",
        "Эксперты в Ташкенте заявили, что Узбекистан выиграет от нового маршрута.",
        "Тем не менее, как утверждают казахстанские эксперты, Узбекистан уже удвоил экспорт.",
        "Алматылық сарапшылар Қырғызстан жаңа бажнан зардап шегеді деп мәлімдеді.",
    ])
    func aCommentatorsSayingIsNoStatement(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(!out.events.contains { $0.type == .statement }, "\(out.events.map { ($0.type, $0.mentions.first?.trigger) })")
    }

    @Test(arguments: [
        "Kazakhstan's President Kassym-Jomart Tokayev said trade with China had grown by a third, analysts noted.",
        "Министр иностранных дел Киргизии заявил журналистам, что эксперты ещё изучают проект.",
    ])
    func aNamedSpeakerStaysAStatement(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(out.events.contains { $0.type == .statement }, "\(out.events.map { ($0.type, $0.mentions.first?.trigger) })")
    }
}
