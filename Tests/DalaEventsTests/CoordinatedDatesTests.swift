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

    @Test func aTimeBeforeTheSeriesDatesEveryPredicate() throws {
        let out = try Harness.get().run("On 12 November 2021 the leaders met in Istanbul and adopted a new charter.")
        let a = try #require(out.events.first { $0.type == .agreement })
        #expect(a.date?.value == "2021-11-12")
    }
}
