import DalaEvents
import Testing

/// Compound number words, quarters and seasons, Kazakh `сол жылдың …`, future weekdays, postposition cues and
/// amounts (issue 14, dates). Sentences written for these tests.
@Suite struct DateFormsTests {
    func values(_ s: String, date: String?) throws -> [String: String] {
        let out = try Harness.get().run(s, date: date)
        return Dictionary(out.times.map { ($0.surface, $0.value ?? "-") }, uniquingKeysWith: { a, _ in a })
    }

    @Test func compoundNumberWords() throws {
        #expect(try values("Twenty-five years ago the two states opened embassies.", date: "2021-04-02")["Twenty-five years ago"] == "1996")
        #expect(try values("Двадцать пять лет назад стороны открыли посольства.", date: "2021-04-02")["Двадцать пять лет назад"] == "1996")
        #expect(try values("Жиырма бес жыл бұрын елшіліктер ашылды.", date: "2021-04-02")["Жиырма бес жыл бұрын"] == "1996")
        #expect(try values("Он бес жыл бұрын келісім жасалды.", date: "2020-01-10")["Он бес жыл бұрын"] == "2005")
        // Russian `он` is "he", not ten.
        #expect(try values("Он пять лет назад возглавил министерство.", date: "2020-01-10")["пять лет назад"] == "2015")
    }

    @Test func quartersWithAndWithoutTheirYear() throws {
        #expect(try values("Exports rose in Q3 2024, the ministry said.", date: "2024-11-01")["Q3 2024"] == "2024-07/2024-09")
        #expect(try values("Output fell in the second quarter of 2023.", date: "2023-08-01")["second quarter of 2023"] == "2023-04/2023-06")
        #expect(try values("Товарооборот вырос в третьем квартале 2022 года.", date: "2022-11-01")["третьем квартале 2022 года"]
                == "2022-07/2022-09")
        // A quarter alone takes the publication year.
        #expect(try values("Зауыт үшінші тоқсанда іске қосылды.", date: "2025-11-20")["үшінші тоқсанда"] == "2025-07/2025-09")
        #expect(try values("Зауыт 2019 жылдың төртінші тоқсанында салынды.", date: "2020-03-01")["2019 жылдың төртінші тоқсанында"]
                == "2019-10/2019-12")
        #expect(try values("Келесі жылдың бірінші тоқсанында жол ашылады.", date: "2025-06-01")["Келесі жылдың бірінші тоқсанында"]
                == "2026-01/2026-03")
    }

    @Test func seasonsNeedAYear() throws {
        #expect(try values("Переговоры возобновятся весной 2025 года.", date: "2024-12-01")["весной 2025 года"] == "2025-03/2025-05")
        #expect(try values("The pipeline opened in the autumn of 2019.", date: "2020-02-01")["autumn of 2019"] == "2019-09/2019-11")
        #expect(try values("Биыл күзде сайлау өтті.", date: "2023-12-15")["Биыл күзде"] == "2023-09/2023-11")
        // A season with no year is no date.
        #expect(try values("Весной делегации встретились снова.", date: "2024-06-01").isEmpty)
    }

    @Test func kazakhThatYearsDayAndMonth() throws {
        let v = try values("Келісім 2014 жылы жасалды. Сол жылдың 29 мамырында шарт бекітілді.", date: "2020-01-01")
        #expect(v["Сол жылдың 29 мамырында"] == "2014-05-29")
        #expect(try values("Кеңес 2017 жылы құрылды. Сол жылдың қазан айында алғашқы отырыс өтті.", date: "2020-01-01")["Сол жылдың қазан айында"]
                == "2017-10")
    }

    @Test func weekdaysOfTheFutureAreTheComingOnes() throws {
        // 2024-08-06 is a Tuesday.
        #expect(try values("The ministers will meet on Thursday in Bishkek.", date: "2024-08-06")["Thursday"] == "2024-08-08")
        #expect(try values("The ministers met on Thursday in Bishkek.", date: "2024-08-06")["Thursday"] == "2024-08-01")
        #expect(try values("Встреча министров состоится в пятницу.", date: "2024-08-06")["пятницу"] == "2024-08-09")
        #expect(try values("Министрлер жұмада кездеседі деп күтілуде, кездесу Астанада өтеді.", date: "2024-08-06")["жұмада"] == "2024-08-09")
        // Words of plans and schedules make a clause about the future too (session 21).
        #expect(try values("The envoy is due to arrive in Dushanbe on Sunday.", date: "2024-08-06")["Sunday"] == "2024-08-11")
        #expect(try values("Foreign troops prepare to leave the base by Friday.", date: "2024-08-06")["Friday"] == "2024-08-09")
        #expect(try values("Министр намерен посетить Бишкек в четверг.", date: "2024-08-06")["четверг"] == "2024-08-08")
        // The weekday of publication in a clause about the future is that very day (wire copy: `later on Tuesday`).
        #expect(try values("The envoy is due in Astana later on Tuesday for talks.", date: "2024-08-06")["Tuesday"] == "2024-08-06")
    }

    @Test func prepositionAfterADateIsNoSince() throws {
        let v = try values("Президент выступил 5 октября 1992 года с трибуны ассамблеи.", date: nil)
        #expect(v["5 октября 1992 года"] == "1992-10-05")
        #expect(try values("Жоба 2001 жылдан бастап жүзеге асырылып келеді.", date: nil)["2001 жылдан"] == "2001/..")
    }

    @Test func amountsAreNotYears() throws {
        #expect(try values("Мощность станции доведут до 1860 МВт.", date: "2024-01-01").isEmpty)
        #expect(try values("Станцияның қуаты 1950 МВт болады.", date: "2024-01-01").isEmpty)
    }

    @Test func decades() throws {
        #expect(try values("In the 1990s the republics signed many treaties.", date: nil)["1990s"] == "199X")
        #expect(try values("В 1990-е годы республики подписали много договоров.", date: nil)["1990-е годы"] == "199X")
        #expect(try values("1990 жылдары республикалар көп шарт жасады.", date: nil)["1990 жылдары"] == "199X")
    }
}
