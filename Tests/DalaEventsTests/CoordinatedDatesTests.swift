import DalaEntities
import DalaEvaluation
import DalaEvents
import DalaText
import Foundation
import Testing

// Issue 14 (events-25): dates across coordinated predicates. Sentences written for these tests.

@Suite("Dates of coordinated predicates")
struct CoordinatedDatesTests {
    @Test(arguments: [
        ("Armenia joined the CSTO in 1994 and left the organisation in 2024.", "1994", "2024"),
        ("Туркменистан вступил в СНГ в 1991 году и вышел из него в 2005 году.", "1991", "2005"),
    ])
    func theSecondPredicateTakesItsOwnTime(text: String, joined: String, left: String) throws {
        let out = try Harness.get().run(text)
        let m = try #require(out.events.first { $0.type == .membership })
        let w = try #require(out.events.first { $0.type == .withdrawal })
        #expect(m.date?.value == joined)
        #expect(w.date?.value == left, "\(w.date?.value ?? "nil")")
    }

    /// A participle or relative clause between commas keeps its time (session 27).
    @Test(arguments: [
        ("Грузия, вступившая в СНГ в 1993 году, вышла из него в 2009 году.", "1993", "2009"),
        ("Georgia, which joined the CIS in 1993, left it in 2009.", "1993", "2009"),
    ])
    func aTimeInsideCommasDatesItsOwnPredicate(text: String, joined: String, left: String) throws {
        let out = try Harness.get().run(text)
        #expect(out.events.first { $0.type == .membership }?.date?.value == joined)
        #expect(out.events.first { $0.type == .withdrawal }?.date?.value == left)
    }

    /// One predicate told of several states, each with its own time, is one event per state (session 27).
    @Test(arguments: [
        "Kyrgyzstan joined the customs union in 1996 and Tajikistan in 1999.",
        "В 1996 году к Таможенному союзу примкнула Киргизия, в 1999-м — Таджикистан.",
        "Кейін Кеден одағына Қырғызстан (1996) мен Тәжікстан (1999) кірді.",
    ])
    func gappedStatesTakeTheirOwnTimes(text: String) throws {
        let out = try Harness.get().run(text)
        let joins = out.events.filter { $0.type == .membership }
        #expect(joins.count == 2)
        let byYear = Dictionary(joins.map { ($0.date?.value ?? "-", $0.participants.filter { $0.role == "actor" }.compactMap(\.entityID)) },
                                uniquingKeysWith: +)
        #expect(byYear["1996"]?.count == 1 && byYear["1999"]?.count == 1)
        #expect(Set((byYear["1996"] ?? []) + (byYear["1999"] ?? [])).count == 2)
    }

    @Test func aTimeBeforeTheSeriesDatesEveryPredicate() throws {
        let out = try Harness.get().run("On 12 November 2021 the leaders met in Istanbul and adopted a new charter.")
        let a = try #require(out.events.first { $0.type == .agreement })
        #expect(a.date?.value == "2021-11-12")
    }
}
