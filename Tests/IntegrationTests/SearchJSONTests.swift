import DalaCore
import DalaStorage
import Foundation
import Testing

/// Search pages are written by `JSONWriter`, not `JSONEncoder`: the bytes must be the ones `DalaJSON.encoder()` writes
/// for the same page (key order, omitted nils, escapes, number forms), for hits with awkward text and numbers.
@Suite struct SearchJSONTests {
    static let texts = [
        "Қазақстан мен Өзбекстан 2024 жылы келісімге қол қойды.", "", "Цитата: \"ЕАЭС\" / ШОС \\ СНГ",
        "tab\there, newline\nand \r return, bell \u{7} and unit \u{1F}", "emoji 🇰🇿 and combining е\u{301}",
        "</script><b>&amp;</b>", "\u{2028}line separator\u{2029}",
    ]
    static let ranks: [Double] = [0, 1, 0.1, 0.26832977, 1e-05, 123456.75, 3.4028234663852886e+38, 6.0792710e-8]

    static func hit(_ i: Int) -> SearchHit {
        SearchHit(documentID: UUID(), title: i % 3 == 0 ? nil : texts[i % texts.count],
                  published: i % 4 == 0 ? nil : "2019-0\(i % 9 + 1)", sentenceIndex: i * 7, start: i * 31, end: i * 31 + 17,
                  language: ["kk", "ru", "en"][i % 3], text: texts[(i + 1) % texts.count], rank: ranks[i % ranks.count],
                  snippet: texts[(i + 2) % texts.count],
                  highlights: (0..<(i % 4)).map { Span(start: $0 * 10, end: $0 * 10 + 5) })
    }

    @Test func sentencePagesMatchTheEncoder() throws {
        for count in [0, 1, 5, 24] {
            for cursor in [nil, "c2VhcmNoLXNlbnRlbmNlHzAuMjY"] {
                let page = SearchPage(items: (0..<count).map(Self.hit), nextCursor: cursor,
                                      ranking: .init(complete: count % 2 == 0, window: 1000))
                let written = page.json
                let encoded = try DalaJSON.encode(page)
                #expect(String(decoding: written, as: UTF8.self) == String(decoding: encoded, as: UTF8.self))
            }
        }
    }

    @Test func documentPagesMatchTheEncoder() throws {
        let items = (0..<9).map { i in
            DocumentSearchHit(documentID: UUID(), title: i % 2 == 0 ? nil : "Доклад \"\(i)\"", published: nil,
                              language: i % 3 == 0 ? nil : "kk", rank: Self.ranks[i % Self.ranks.count],
                              matchedSentences: i + 1, best: Self.hit(i))
        }
        let page = SearchPage(items: items, nextCursor: nil, ranking: .init(complete: false, window: 1000))
        let written = page.json
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: try DalaJSON.encode(page), as: UTF8.self))
        // And it is JSON.
        #expect(try JSONSerialization.jsonObject(with: Data(written)) is [String: Any])
    }
}
