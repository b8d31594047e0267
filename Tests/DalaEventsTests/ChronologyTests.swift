import DalaEvents
import Testing

/// Yearless days inside a chronology, the future after a past one, anniversaries and `next year` (issue 14, session 28;
/// sentences written for these tests).
@Suite("Chronologies, the future after them, anniversaries")
struct ChronologyTests {
    func values(_ s: String, date: String?) throws -> [String: String] {
        let out = try Harness.get().run(s, date: date)
        return Dictionary(out.times.map { ($0.surface, $0.value ?? "-") }, uniquingKeysWith: { a, _ in a })
    }

    /// A day dated by a year of its own sentence starts a chronology the next yearless day continues.
    @Test(arguments: [
        ("В 2015 году договор вступил в силу 1 января. Уже 2 января к союзу присоединилась Армения.", "2 января"),
        ("In 2015 the treaty took effect on 1 January. On 2 January Armenia joined the union.", "2 January"),
    ])
    func aDayDatedByItsSentencesYearStartsAChronology(text: String, day: String) throws {
        #expect(try values(text, date: "2024-11-15")[day] == "2015-01-02")
    }

    /// Of several days in one sentence the chronology stands at the latest, wherever it is written (session 29).
    @Test(arguments: [
        ("Договор вступил в силу 1 марта 2016 года, через год после того, как его подписали 3 апреля 2015 года. "
            + "Уже 5 марта к нему присоединилась Монголия.", "5 марта"),
        ("The pact took effect on 1 March 2016, a year after it was signed on 3 April 2015. On 5 March Mongolia joined it.",
         "5 March"),
    ])
    func theChronologyStandsAtTheLatestDayOfItsSentence(text: String, day: String) throws {
        #expect(try values(text, date: "2024-11-15")[day] == "2016-03-05")
    }

    /// The Kazakh aorist beside a day without its year tells the future (`30 қарашада күшіне енеді`): the next such day.
    /// The perfect (`қол қойылған еді`) stays in the past.
    @Test func theAoristBesideAYearlessDayIsTheFuture() throws {
        #expect(try values("Келісім 30 қарашада күшіне енеді.", date: "2025-01-10")["30 қарашада"] == "2025-11-30")
        #expect(try values("Келісімге 30 қарашада қол қойылған еді.", date: "2025-01-10")["30 қарашада"] == "2024-11-30")
        let out = try Harness.get().run("Келісім 30 қарашада күшіне енеді.", date: "2025-01-10")
        #expect(out.events.first?.modality == .planned, "\(out.events.map(\.modality))")
    }

    /// A yearless day told in the future after a day long past is the next such day after publication.
    @Test(arguments: [
        ("The roadmap was adopted in Aktau on 9 August 2023. The ministers will meet again in Tbilisi by Aug. 31.", "Aug. 31"),
        ("Дорожную карту приняли в Актау 9 августа 2023 года. Министры встретятся снова в Тбилиси 31 августа.", "31 августа"),
    ])
    func theFutureAfterAPastChronologyIsTheNextDay(text: String, day: String) throws {
        #expect(try values(text, date: "2024-11-15")[day] == "2025-08-31")
    }

    /// An anniversary (`marks 25 years since`, `исполняется 25 лет с того дня, как`, `25 жыл толды`) dates what it
    /// counts from; `в будущем году` is next year.
    @Test(arguments: [
        "Today marks 25 years since Kazakhstan joined the customs union.",
        "Сегодня исполняется 25 лет с того дня, как к Таможенному союзу присоединился Казахстан.",
        "Қазақстанның Кеден одағына қосылғанына бүгін 25 жыл толды.",
    ])
    func anAnniversaryDatesWhatItCountsFrom(text: String) throws {
        let out = try Harness.get().run(text, date: "2020-01-20")
        #expect(out.events.first { $0.type == .membership }?.date?.value == "1995-01-20", "\(out.events.map { $0.date?.value })")
    }

    /// A year setting the scene for a gapped telling (`joined in 2015: Armenia on 2 January and Kyrgyzstan on 12 August`)
    /// pairs with no state; each state takes the day beside it.
    @Test(arguments: [
        "Two members joined the Eurasian Economic Union in 2015: Armenia on 2 January and Kyrgyzstan on 12 August.",
        "ЕАЭО-ға екі мүше 2015 жылы қосылды: Армения – 2 қаңтарда, Қырғызстан – 12 тамызда.",
    ])
    func aSceneSettingYearPairsWithNoState(text: String) throws {
        let out = try Harness.get().run(text, date: "2024-05-10")
        let dates = Dictionary(out.events.filter { $0.type == .membership }.flatMap { e in
            e.participants.filter { $0.role == "actor" }.compactMap { p in p.entityID.map { ($0, e.date?.value ?? "-") } }
        }, uniquingKeysWith: { a, _ in a })
        #expect(dates["Q399"] == "2015-01-02", "\(dates)")
        #expect(dates["Q813"] == "2015-08-12", "\(dates)")
    }

    @Test func nextYearInRussianNews() throws {
        let out = try Harness.get().run("Следующий саммит СНГ состоится в Бишкеке в будущем году.", date: "2022-10-14")
        #expect(out.events.first { $0.type == .meeting }?.date?.value == "2023")
    }
}
