import DalaEntities
import DalaEvents
import DalaText
import Foundation
import Testing

/// Runs the whole analysis on a text.
struct Harness {
    static let shared = Result { try Harness() }
    let text: TextAnalyzer
    let recognizer: EntityRecognizer
    let extractor: EventExtractor
    init() throws {
        text = try TextAnalyzer()
        recognizer = EntityRecognizer(knowledgeBase: try KnowledgeBase.loadDefault())
        extractor = try EventExtractor()
    }
    func run(_ s: String, date: String? = nil) -> EventAnalysis {
        let t = text.analyze(s)
        return extractor.extract(text: s, sentences: t.sentences, entities: recognizer.recognize(text: s, sentences: t.sentences),
                                 documentDate: date)
    }
    static func get() throws -> Harness { try shared.get() }
}

@Test func extractorLoads() throws {
    #expect(EventExtractor.version.hasPrefix("events-"))
    _ = try EventExtractor()
}

@Test(arguments: [
    ("1994 жылғы 29 наурыз күні Мәскеуде дәріс оқылды.", "1994 жылғы 29 наурыз", "1994-03-29", TimeExpression.Precision.day),
    ("Ол 2008 жылдың мамыр айында Астанаға келді.", "2008 жылдың мамыр айында", "2008-05", .month),
    ("1997 жылдың қыркүйегіндегі кездесу маңызды болды.", "1997 жылдың қыркүйегіндегі", "1997-09", .month),
    ("Жоба 2022 жылдың 17 қарашасында басталды.", "2022 жылдың 17 қарашасында", "2022-11-17", .day),
    ("Құжат 2019 ж. жарық көрді.", "2019 ж.", "2019", .year),
    ("Договор подписан 30 апреля 1994 г. в Бишкеке.", "30 апреля 1994 г.", "1994-04-30", .day),
    ("Решение принято в декабре 2005 г. в Москве.", "декабре 2005 г.", "2005-12", .month),
    ("It was signed on June 15, 2001 in Shanghai.", "June 15, 2001", "2001-06-15", .day),
    ("The union was dissolved in 1997 by its members.", "1997", "1997", .year),
    ("1990-жылдары жағдай өзгерді.", "1990-жылдары", "199X", .decade),
    ("Кризис 90-х годов затронул всех.", "90-х годов", "199X", .decade),
    ("XXI ғасыр жаңа сын-қатерлер әкелді.", "XXI ғасыр", "20XX", .century),
    ("Это было в ХХ в. и позже.", "ХХ в.", "19XX", .century),
    ("Концепция на 2014-2020 годы одобрена.", "2014-2020 годы", "2014/2020", .range),
    ("The plan covered 2019–2023 in full.", "2019–2023", "2019/2023", .range),
    ("Он работает там с 2002 г. и поныне.", "2002 г.", "2002/..", .range),
])
func absoluteDates(text: String, surface: String, value: String, precision: TimeExpression.Precision) throws {
    let out = try Harness.get().run(text)
    let t = try #require(out.times.first { $0.surface == surface }, "no time \(surface) in \(out.times.map(\.surface))")
    #expect(t.value == value)
    #expect(t.precision == precision)
    #expect(!t.relative)
    // The span addresses the original text by Unicode scalars.
    let scalars = Array(text.unicodeScalars)
    #expect(String(String.UnicodeScalarView(scalars[t.span.start..<t.span.end])) == surface)
}

@Test(arguments: [
    "Журналдың 2455 бетінде жазылған.", "Шифр 23.00.04 бойынша қорғалды.", "Қараңыз: [1, 18-19 б.] деректер.",
    "Автореферат, 14 с. всего.", "Ол 16-шы сессияға қатысты.", "Бюджетке 2018 млн теңге бөлінді.",
    "Однако в то же время рост замедлился.", "Тираж составил 1500 экземпляров.",
])
func dateTraps(text: String) throws {
    let out = try Harness.get().run(text)
    #expect(out.times.isEmpty, "tagged \(out.times.map(\.surface)) in \(text)")
}

@Test func relativeTimesResolveAgainstContextAndDocumentDate() throws {
    let h = try Harness.get()
    let ru = h.run("Послание 2006 г. упоминало Среднюю Азию. Годом раньше речь шла о союзе. В мае того же года прошла встреча.")
    #expect(ru.times.map(\.value) == ["2006", "2005", "2005-05"])
    #expect(ru.times.filter(\.relative).count == 2)
    let kk = h.run("Бүгінде Қазақстан бұл ұйымның мүшесі.", date: "2021-03-15")
    #expect(kk.times.first?.value == "2021")
    let unresolved = h.run("Бүгінде Қазақстан бұл ұйымның мүшесі.")
    #expect(unresolved.times.first?.precision == .unresolved)
    #expect(unresolved.times.first?.value == nil)
    let en = h.run("Kazakhstan joined the community in 2000. Ten years earlier, it declared sovereignty.")
    #expect(en.times.last?.value == "1990")
}

@Test func deicticWordsInsideQuotationsTakeTheQuotationsTime() throws {
    let h = try Harness.get()
    // `бүгін` inside the 2008 quotation is 2008, not the document's year.
    let out = h.run("2008 жылы Ислам Кәрімов «Бүгінде Өзбекстан бұл одаққа қосылмайды» деп мәлімдеді.", date: "2020-01-01")
    #expect(out.times.map(\.value) == ["2008", "2008"])
}
