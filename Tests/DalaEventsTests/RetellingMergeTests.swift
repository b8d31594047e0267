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

// Session 22: who came to the meeting the story told is that meeting again, not a second one.
@Suite("Taking part in the told meeting joins it")
struct AttendanceMergeTests {
    func meetings(_ text: String, date: String? = nil) throws -> [Event] {
        try Harness.get().run(text, date: date).events.filter { $0.type == .meeting }
    }

    /// The attendees of the story's summit join its event, in kk, ru and en; an earlier summit recalled in between is
    /// not the one they came to.
    @Test(arguments: [
        "Бішкекте 2025 жылы 12 наурызда ЕАЭО саммиті өтті. Алғашқы саммит 2015 жылы Астанада өткен. "
            + "Саммитке Қасым-Жомарт Тоқаев пен Шавкат Мирзиёев қатысты.",
        "В Бишкеке 12 марта 2025 года прошёл саммит ЕАЭС. Первый саммит прошёл в Астане в 2015 году. "
            + "В работе саммита приняли участие Касым-Жомарт Токаев и Шавкат Мирзиёев.",
        "The EAEU summit was held in Bishkek on March 12, 2025. The first summit took place in Astana in 2015. "
            + "Kassym-Jomart Tokayev and Shavkat Mirziyoyev took part in the summit.",
    ])
    func theAttendeesJoinTheStorysSummit(text: String) throws {
        let m = try meetings(text)
        #expect(m.count == 2, "\(m.map { ($0.date?.value, $0.mentions.map(\.sentenceIndex)) })")
        let story = try #require(m.first { $0.date?.value == "2025-03-12" })
        #expect(story.mentions.map(\.sentenceIndex) == [0, 2])
        #expect(story.participants.contains { $0.entityID == "dala:person-tokayev" })
        let first = try #require(m.first { $0.date?.value == "2015" })
        #expect(first.mentions.map(\.sentenceIndex) == [1])
    }

    /// A meeting of its own in a sentence without a word of taking part stays apart.
    @Test func anotherMeetingWithoutAttendanceStaysApart() throws {
        let m = try meetings("The EAEU summit was held in Bishkek on March 12, 2025. "
                             + "Kassym-Jomart Tokayev and Shavkat Mirziyoyev met in Tashkent.")
        #expect(m.count == 2, "\(m.map { $0.mentions.map(\.sentenceIndex) })")
    }
}

// Session 22: parties named only by their role in a story about one organisation are that organisation's.
@Suite("Role-only parties belong to the story's organisation")
struct TopicOrganisationTests {
    @Test(arguments: [
        "The Organization of Turkic States held its summit in Samarkand in 2022. The OTS now has five members. "
            + "Its secretariat is in Istanbul. Its budget is small. The leaders signed a declaration on transport.",
        "Саммит ОДКБ прошёл в Ереване в 2022 году. ОДКБ объединяет шесть государств. Её штаб находится в Москве. "
            + "Бюджет невелик. Лидеры подписали декларацию о безопасности.",
    ])
    func theLeadersActForTheOrganisation(text: String) throws {
        let events = try Harness.get().run(text).events
        let signing = try #require(events.first { $0.type == .agreement }, "\(events.map(\.type))")
        #expect(signing.participants.contains { $0.role == "actor" && ($0.entityID == "dala:ots" || $0.entityID == "dala:csto") },
                "\(signing.participants.map { ($0.role, $0.entityID ?? $0.surface) })")
    }

    /// Two organisations named as often: no topic, nobody is added.
    @Test func aStoryOfTwoOrganisationsAddsNoOne() throws {
        let events = try Harness.get().run("The SCO and the CSTO are large. The SCO and the CSTO differ in size. "
                                           + "The leaders signed a declaration on transport.").events
        let signing = try #require(events.first { $0.type == .agreement }, "\(events.map(\.type))")
        #expect(!signing.participants.contains { $0.role == "actor" && $0.entityID != nil && $0.span == nil })
    }
}

// Session 24: a meeting told again without a date of its own joins the story's meeting; one entity is one side.
@Suite("Retold meetings")
struct RetoldMeetingTests {
    /// `Бердымухамедов встретил гостя` retells the visit: one meeting, and the host is on the counterpart side.
    @Test func aRetoldVisitJoinsTheVisit() throws {
        let out = try Harness.get().run("Шавкат Мирзиёев вчера прибыл в Туркмению с государственным визитом. "
                                        + "Гурбангулы Бердымухамедов лично встретил гостя в аэропорту.", date: "2017-03-07")
        let meetings = out.events.filter { $0.type == .meeting }
        #expect(meetings.count == 1, "\(meetings.map { $0.mentions.map(\.sentenceIndex) })")
        let m = try #require(meetings.first)
        #expect(!m.participants.contains { $0.role == "actor" && $0.entityID == "Q874" },
                "\(m.participants.map { ($0.role, $0.entityID ?? $0.surface) })")
    }

    /// A party the meeting already has keeps its role when a retelling names it again.
    @Test func aPartyKeepsItsSide() throws {
        let out = try Harness.get().run("ASTANA, May 3 – Kassym-Jomart Tokayev and Shavkat Mirziyoyev met in Astana on Friday. "
                                        + "Mirziyoyev called the meeting a turning point for the region.", date: "2024-05-03")
        let m = try #require(out.events.first { $0.type == .meeting })
        let roles = Set(m.participants.filter { $0.entityID == "Q265" }.map(\.role))
        #expect(roles == ["counterpart"], "\(m.participants.map { ($0.role, $0.entityID ?? $0.surface) })")
    }
}
