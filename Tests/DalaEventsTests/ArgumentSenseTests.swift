import DalaEntities
import DalaEvaluation
import DalaEvents
import DalaText
import Foundation
import Testing

// Issue 14 (events-26): event types and modalities decided by what the trigger's arguments are. Sentences written
// for these tests.

@Suite("Event senses from the trigger's arguments")
struct ArgumentSenseTests {
    private func describe(_ out: EventAnalysis) -> String {
        "\(out.events.map { ($0.type, $0.modality, $0.mentions.first?.trigger ?? "") })"
    }

    // Agreeing on a meeting still to come is that planned meeting; nothing else was agreed.
    @Test(arguments: [
        "The foreign ministers of Kazakhstan and Uzbekistan agreed to meet again in Samarkand.",
        "The two presidents agreed that the next summit would be held in Bishkek.",
        "Министры Казахстана и Узбекистана договорились проводить встречи ежегодно.",
    ])
    func agreeingToMeetIsAPlannedMeeting(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(!out.events.contains { $0.type == .agreement }, "\(describe(out))")
        #expect(out.events.contains { $0.type == .meeting && $0.modality == .planned }, "\(describe(out))")
    }

    // Agreeing at a meeting, or agreeing on something else, is still an agreement.
    @Test(arguments: [
        "Kazakhstan and Uzbekistan agreed at the summit in Samarkand on a new border regime.",
        "На встрече в Ташкенте Казахстан и Узбекистан договорились о новом режиме границы.",
    ])
    func agreeingAtAMeetingStaysAnAgreement(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(out.events.contains { $0.type == .agreement }, "\(describe(out))")
    }

    // Being accepted as a member is joining; building told as a plan is cooperation.
    @Test func acceptedAsAMemberIsMembership() throws {
        let out = try Harness.get().run("Turkmenistan was accepted as a member of the Eurasian Development Bank in 2019.")
        #expect(out.events.contains { $0.type == .membership }, "\(describe(out))")
    }

    @Test(arguments: [
        "Uzbek officials said a new bridge to Kazakhstan would be built by 2028.",
        "Новый мост в Казахстан будет возведён узбекской компанией к 2028 году.",
    ])
    func buildingToldAsAPlanIsCooperation(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(out.events.contains { $0.type == .cooperation && $0.modality == .planned }, "\(describe(out))")
    }

    // Reaching (or failing to reach) a common decision is an agreement.
    @Test func failingToReachADecisionIsANegatedAgreement() throws {
        let out = try Harness.get().run("Қазақстан мен Өзбекстан су бөлу жөнінде ортақ шешімге келе алмады.")
        #expect(out.events.contains { $0.type == .agreement && $0.modality == .negated }, "\(describe(out))")
    }

    // Reaching or striking a deal makes the document: the treaty noun is the object of that act.
    @Test(arguments: [
        "Kazakhstan and Kyrgyzstan reached an agreement on water sharing on Monday.",
        "Kazakhstan and China struck a deal on gas supplies.",
        "Россия и Казахстан достигли соглашения о поставках газа.",
        "Стороны достигли договорённости о поставках газа.",
        "Қазақстан мен Қырғызстан су бөлу жөнінде келісімге қол жеткізді.",
    ])
    func reachingADealIsAnAgreement(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(out.events.contains { $0.type == .agreement }, "\(describe(out))")
    }

    // A deal that is only the subject of another predicate refers to a document told elsewhere.
    @Test func aDealAsSubjectIsNoAgreement() throws {
        let out = try Harness.get().run("The deal gave Tajikistan more water from the reservoir.")
        #expect(!out.events.contains { $0.type == .agreement }, "\(describe(out))")
    }

    // A war that is discussed is the topic of the meeting, not a military event told here.
    @Test(arguments: [
        "The presidents of Kazakhstan and Russia discussed the war in Ukraine at the meeting in Astana.",
        "Президенты России и Казахстана обсудили войну на Украине.",
        "Ердоған Путинмен кездесуде Украинадағы соғыс мәселесін талқылады.",
    ])
    func aDiscussedWarIsATopic(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(!out.events.contains { $0.type == .military }, "\(describe(out))")
        #expect(out.events.contains { $0.type == .meeting }, "\(describe(out))")
    }

    // A package of aid is cooperation; a package of sanctions is a dispute.
    @Test func packagesByWhatTheyHold() throws {
        let aid = try Harness.get().run("The EU announced a new aid package for Kyrgyzstan.")
        #expect(aid.events.contains { $0.type == .cooperation }, "\(describe(aid))")
        let sanctions = try Harness.get().run("The EU announced a new package of sanctions against Russia.")
        #expect(!sanctions.events.contains { $0.type == .cooperation }, "\(describe(sanctions))")
    }
}

// Issue 14 (events-26): a noun or infinitive trigger whose clause's verb is denied after it. Sentences written for
// these tests.
@Suite("Denials after the trigger")
struct DenialAfterTriggerTests {
    @Test(arguments: [
        "Туркменистан официальных протестов Афганистану пока не заявлял.",
        "Ратифицировать соглашение с Ираном Туркменистан так и не смог.",
        "Қазақстанның БРИКС-ке мүше болуы әзірге күн тәртібінде жоқ.",
    ])
    func theClauseVerbDeniesTheEvent(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(!out.events.isEmpty && out.events.allSatisfy { $0.modality == .negated },
                "\(out.events.map { ($0.type, $0.modality, $0.mentions.first?.trigger ?? "") })")
    }
}

// Issue 14 (events-26): words that share a prefix trigger's stem but name no event. Sentences written for these tests.
@Suite("Stem look-alikes of trigger words")
struct StemLookalikeTests {
    @Test(arguments: [
        "This was a significant step for Kazakhstan and Russia on Monday.",
        "The financial results of Kazmunaygas in Kazakhstan improved on Monday.",
        "Demand for Kazakh oil in China grew on Monday.",
        "Shell and Kazakhstan's KazMunayGas reported profits on Monday.",
        "The number of visitors to Uzbekistan grew on Monday.",
        "Kazakhstan's operational reserves grew on Monday.",
        "Помощник президента России посетил рынок в Казахстане в понедельник.",
        "Для Казахстана этот шаг был наиболее приемлемым в отношениях с Россией.",
        "Қазақстан мен Өзбекстанның жиынтық әлеуеті өсті.",
    ])
    func aLookalikeTellsNoEvent(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(out.events.allSatisfy { $0.type == .meeting && $0.mentions.first?.trigger.lowercased().hasPrefix("посетил") == true },
                "\(out.events.map { ($0.type, $0.mentions.first?.trigger ?? "") })")
    }

    @Test(arguments: [
        "Kyrgyz artillery shelled Tajik villages on Monday.",
        "Kazakhstan demanded that Russia lift the ban on Monday.",
        "Россия оказала помощь Киргизии в понедельник.",
    ])
    func theEventWordsStay(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(!out.events.isEmpty)
    }
}

// Issue 14 (events-26): a founding participle right after its noun and followed by its date is a reduced passive.
// Sentences written for these tests.
@Suite("Reduced passive foundings")
struct ReducedPassiveFoundingTests {
    @Test(arguments: [
        "The commission created in 1992 by Kazakhstan and Uzbekistan still works.",
        "The rapid reaction force set up in 2009 has never been used by Kazakhstan.",
    ])
    func aParticipleWithItsDateFounds(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(out.events.contains { $0.type == .founding }, "\(out.events.map { ($0.type, $0.mentions.first?.trigger ?? "") })")
    }

    @Test(arguments: [
        "The leaders created conditions in 2019 for trade between Kazakhstan and Uzbekistan.",
        "Kazakhstan created in 1992 a new army.",
    ])
    func withoutTheFoundedThingNoFounding(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(!out.events.contains { $0.type == .founding })
    }
}

// Issue 14 (events-26): supporting a proposal is a statement about it, not a proposal made. Sentences written for
// these tests.
@Suite("Support for a proposal")
struct SupportedProposalTests {
    @Test(arguments: [
        "Russia supported the proposal of Kazakhstan on Monday.",
        "Россия поддержала предложение Казахстана в понедельник.",
    ])
    func supportingAProposalIsAStatement(text: String) throws {
        let out = try Harness.get().run(text)
        #expect(!out.events.contains { $0.type == .proposal }, "\(out.events.map { ($0.type, $0.mentions.first?.trigger ?? "") })")
        #expect(out.events.contains { $0.type == .statement })
    }

    @Test func aProposalMadeStays() throws {
        let out = try Harness.get().run("Kazakhstan proposed a new water council to Uzbekistan on Monday.")
        #expect(out.events.contains { $0.type == .proposal })
    }
}
