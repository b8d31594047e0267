import DalaEntities
import DalaEvents
import DalaText
import Testing

// Modality from grammar and attribution (issue 14): every sentence here was written for these tests.

@Suite("Modality from grammar")
struct ModalityGrammarTests {
    @Test(arguments: [
        // kk: the future participle -етін/-атын with a case ending is an announced plan.
        ("Қазақстан мен Қырғызстан келесі айда Алматыда кездесетінін хабарлады.", EventType.meeting, Modality.planned),
        // kk: its negative form (-майтын) is a refusal.
        ("Түрікменстан Еуразиялық экономикалық одаққа қосылмайтынын мәлімдеді.", .membership, .negated),
        // kk: `… деп жоспарланып отыр` after the event's verb.
        ("Тәжікстан мен Өзбекстан президенттерінің кездесуі Ташкентте өтеді деп жоспарланып отыр.", .meeting, .planned),
        // ru: `намечена` after the trigger's subject.
        ("Следующая встреча президентов Казахстана и Узбекистана намечена на осень в Ташкенте.", .meeting, .planned),
        // ru: `не состоялся` after the trigger: it did not take place.
        ("Визит президента Туркменистана в Таджикистан не состоялся из-за непогоды.", .meeting, .negated),
        // en: `would` without a condition is the future seen from the past.
        ("Officials in Bishkek said the talks between Kyrgyzstan and Tajikistan would take place in Osh.", .meeting, .planned),
        // en: `skipped` before the meeting.
        ("Kyrgyzstan skipped the CSTO summit in Minsk because of the border crisis.", .meeting, .negated),
    ])
    func modalityFromGrammar(text: String, type: EventType, modality: Modality) throws {
        let out = try Harness.get().run(text)
        let e = try #require(out.events.first { $0.type == type }, "no \(type) in \(text): \(out.events.map(\.type))")
        #expect(e.modality == modality, "\(text)")
    }

    @Test(arguments: [
        ("Жергілікті БАҚ хабарлауынша, Тәжікстан әскерилері шекара маңында жаттығу өткізді.", EventType.military),
        ("По данным местных СМИ, Узбекистан и Таджикистан провели совместные учения у границы.", .military),
        ("Turkmenistan and Afghanistan signed a gas transit deal last week, according to state media.", .agreement),
    ])
    func attributionMakesItReported(text: String, type: EventType) throws {
        let out = try Harness.get().run(text, date: "2025-05-20")
        let e = try #require(out.events.first { $0.type == type }, "no \(type) in \(text): \(out.events.map(\.type))")
        #expect(e.modality == .reported, "\(text)")
    }

    @Test func aConditionStillBeatsWould() throws {
        let out = try Harness.get().run("If Tajikistan agreed, Uzbekistan would join the project with Kazakhstan in 2027.")
        try #require(out.events.contains { $0.type == .membership })
        #expect(out.events.allSatisfy { $0.modality == .hypothetical }, "\(out.events.map { ($0.type, $0.modality) })")
    }
}

@Suite("A party left out is no participant")
struct ExcludedPartyTests {
    @Test(arguments: [
        "The presidents of Kazakhstan and Uzbekistan met in Tashkent without Tajikistan.",
        "Президенты Казахстана и Узбекистана встретились в Ташкенте без Таджикистана.",
    ])
    func withoutLeavesThePartyOut(text: String) throws {
        let out = try Harness.get().run(text)
        let m = try #require(out.events.first { $0.type == .meeting }, "no meeting in \(text)")
        let ids = Set(m.participants.compactMap(\.entityID))
        #expect(ids.contains("Q232"), "\(m.participants)")
        #expect(!ids.contains("Q863"), "\(m.participants)")
    }
}

// Session 22: an event dated wholly after publication has not happened yet.
@Suite("Dated after publication: planned")
struct FutureDateModalityTests {
    @Test(arguments: [
        ("Kazakhstan hosts the next SCO summit in 2025.", "2024-07-04", Modality.planned),
        ("Казахстан принимает саммит ШОС в 2025 году.", "2024-07-04", Modality.planned),
        ("Kazakhstan hosted the SCO summit in 2024.", "2024-07-04", Modality.asserted),
        ("Kazakhstan hosted the SCO summit in 2023.", "2024-07-04", Modality.asserted),
    ])
    func theDateAgainstPublicationDecides(text: String, published: String, modality: Modality) throws {
        let meeting = try #require(try Harness.get().run(text, date: published).events.first { $0.type == .meeting })
        #expect(meeting.modality == modality, "\(meeting.date?.value ?? "-")")
    }

    /// Without a publication date nothing is known to lie ahead.
    @Test func noPublicationNoPlan() throws {
        let meeting = try #require(try Harness.get().run("Kazakhstan hosted the SCO summit in 2025.").events.first { $0.type == .meeting })
        #expect(meeting.modality == .asserted)
    }
}

// Session 24: requests put forward what they ask for; long Kazakh participle endings read on the whole word.
@Suite("Requests and participles")
struct RequestModalityTests {
    @Test(arguments: [
        ("Kyrgyzstan asked to join the Eurasian Economic Union.", EventType.membership),
        ("Армения просила Россию направить войска на границу с Азербайджаном.", .military),
    ])
    func aRequestIsProposed(text: String, type: EventType) throws {
        let out = try Harness.get().run(text, date: "2024-05-10")
        let e = try #require(out.events.first { $0.type == type }, "no \(type) in \(text): \(out.events.map(\.type))")
        #expect(e.modality == .proposed, "\(text): \(e.modality)")
    }

    /// `шығатын*` holds part of the future participle; the whole word `шығатынын` still tells a plan.
    @Test func aParticipleInsideTheTriggerIsPlanned() throws {
        let out = try Harness.get().run("Армения Премьер-министрі Никол Пашинян елдің ҰҚШҰ-дан шығатынын мәлімдеді.", date: "2024-05-10")
        let e = try #require(out.events.first { $0.type == .withdrawal }, "\(out.events.map(\.type))")
        #expect(e.modality == .planned)
    }

    // ru: the perfective future of signing (`подпишут`, `заключат`) still tells an agreement (a treaty noun with no
    // signing word is only an argument, so without these forms the sentence had no event at all).
    @Test(arguments: [
        "Послезавтра в Душанбе министры Таджикистана и Узбекистана подпишут соглашение о транзите.",
        "Туркменистан и Казахстан заключат договор о разделе дна Каспия до конца года.",
    ])
    func aFutureSigningIsAnAgreement(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(out.events.contains { $0.type == .agreement && $0.modality != .negated }, "\(out.events.map(\.type))")
    }
}
