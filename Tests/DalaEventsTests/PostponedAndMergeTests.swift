import DalaEntities
import DalaEvaluation
import DalaEvents
import DalaText
import Foundation
import Testing

// The events-1.3.0 changes, on passages written for these tests (not taken from the sample documents).

@Suite("Postponed meetings, the merge window, lowercase programmes as founded things")
struct PostponedAndMergeTests {
    @Test(arguments: [
        ("Переговоры Казахстана и Узбекистана о воде снова отложены.", "Переговоры"),
        ("Встречу президентов Казахстана и Киргизии отменили.", "Встречу"),
        ("Қазақстан мен Түрікменстан арасындағы келіссөздер кейінге қалдырылды.", "келіссөздер"),
        ("The talks between Kazakhstan and Uzbekistan were postponed again.", "talks"),
        ("Uzbekistan cancelled the summit with Tajikistan.", "summit"),
    ])
    func postponedOrCancelledMeetingsAreNegated(text: String, trigger: String) throws {
        let out = try Harness.get().run(text)
        let m = try #require(out.events.first { $0.type == .meeting }, "no meeting in \(text)")
        #expect(m.mentions.first?.trigger == trigger)
        #expect(m.modality == .negated, "\(m.modality) in \(text)")
    }

    @Test func aMeetingThatTookPlaceStaysAsserted() throws {
        let out = try Harness.get().run("Переговоры Казахстана и Узбекистана в Ташкенте прошли спокойно, решение отложили.")
        // The postponed decision is in another clause: it does not undo the talks.
        let m = try #require(out.events.first { $0.type == .meeting })
        #expect(m.modality == .asserted)
    }

    @Test func aFarUndatedTellingKeepsItsOwnEvent() throws {
        let text = "В 1995 году был создан Таможенный союз. Торговля между соседями выросла. Правила для перевозчиков стали общими. "
            + "Споры о пошлинах шли годами. Предприятия жаловались на проверки. Таможенный союз был создан заново."
        let f = try Harness.get().run(text).events.filter { $0.type == .founding }
        #expect(f.count == 2, "\(f.map { ($0.date?.value, $0.mentions.map(\.sentenceIndex)) })")
        #expect(f.contains { $0.date?.value == "1995" && $0.mentions.map(\.sentenceIndex) == [0] })
        #expect(f.contains { $0.date == nil && $0.mentions.map(\.sentenceIndex) == [5] })
    }

    @Test func aNearUndatedTellingJoinsTheDatedOne() throws {
        let text = "В 1995 году был создан Таможенный союз. Создание Таможенного союза облегчило торговлю."
        let f = try Harness.get().run(text).events.filter { $0.type == .founding }
        #expect(f.count == 1)
        #expect(f.first?.date?.value == "1995" && f.first?.mentions.count == 2)
    }

    @Test(arguments: [
        "Россия, Белоруссия и Казахстан создали единое экономическое пространство в 2012 году.",
        "2012 жылы Ресей, Беларусь және Қазақстан бірыңғай экономикалық кеңістік құрды.",
        "In 2012 Russia, Belarus and Kazakhstan established a common economic space.",
    ])
    func theCommonEconomicSpaceIsAFoundedThing(text: String) throws {
        let f = try #require(try Harness.get().run(text).events.first { $0.type == .founding }, "no founding in \(text)")
        #expect(f.date?.value == "2012")
        #expect(f.participants.contains { $0.entityID == "dala:ces-2012" })
    }

    /// Written before the events-1.3.0 rules (first scoring: events P 100.0% R 53.8%, strict F1 30.0%); after them
    /// events P 100.0% R 69.2%, strict F1 81.8%, scored once. The four misses are meetings with no named party and no
    /// date, which the detector leaves out by design.
    @Test func thirdHeldOutSetMeetsFloors() throws {
        let url = try #require(Bundle.module.url(forResource: "heldout3", withExtension: "json", subdirectory: "Fixtures"))
        let cases = try EventEvaluation.parse(json: Data(contentsOf: url))
        let h = try Harness.get()
        let r = EventEvaluation.evaluate(cases, extractor: h.extractor, text: h.text, recognizer: h.recognizer)
        for e in r.errors { print("  - " + e) }
        #expect(r.cases >= 10)
        #expect(r.trapHits == 0)
        #expect(r.times.precision >= 0.9 && r.times.recall >= 0.85)
        #expect(r.events.precision >= 0.9 && r.events.recall >= 0.65)
        #expect(r.eventsStrict.precision >= 0.9)
        #expect(r.modalityAccuracy >= 0.9 && r.dateAccuracy >= 0.9)
    }
}
