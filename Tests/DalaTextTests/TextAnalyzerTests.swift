import DalaText
import Foundation
import Testing

/// Expected output of one annotated fixture (`Fixtures/NAME.expected.json`).
struct FixtureExpectation: Decodable {
    struct Document: Decodable {
        var boundary: String
        var startsMidText: Bool
        var language: String
        var kinds: [String]
        var keywords: [String: [String]]
        var titles: [String: String]
    }
    var sentences: [[String]]              // [language, text]
    var documents: [Document]
    var repairs: [String: Int]             // every non-zero counter
    var noise: [String: Int]               // removed spans per kind
    var cleanedContains: [String]?
    var cleanedNotContains: [String]?
}

enum Fixtures {
    static let names = ["article-kk", "glued-ru", "two-docs-kk", "double-spaced-ru", "new-front-matter-kk", "languages"]

    static func text(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func expectation(_ name: String) throws -> FixtureExpectation {
        let url = try #require(Bundle.module.url(forResource: "\(name).expected", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(FixtureExpectation.self, from: Data(contentsOf: url))
    }

    static let analyzer: TextAnalyzer = try! TextAnalyzer()
}

/// The whole stage (`TextAnalyzer`) on the annotated fixtures.
@Suite struct TextAnalyzerTests {
    @Test(arguments: Fixtures.names)
    func sentencesAndLanguages(_ name: String) throws {
        let analysis = Fixtures.analyzer.analyze(try Fixtures.text(name))
        let expected = try Fixtures.expectation(name)
        let got = analysis.sentences.map { [$0.language.rawValue, $0.text] }
        for (i, pair) in zip(got, expected.sentences).enumerated() {
            #expect(pair.0 == pair.1, "\(name) sentence \(i)")
        }
        #expect(got.count == expected.sentences.count, "\(name): sentence count")
    }

    @Test(arguments: Fixtures.names)
    func documentsAndStructure(_ name: String) throws {
        let analysis = Fixtures.analyzer.analyze(try Fixtures.text(name))
        let expected = try Fixtures.expectation(name)
        #expect(analysis.documents.count == expected.documents.count, "\(name): document count")
        for (doc, exp) in zip(analysis.documents, expected.documents) {
            #expect(doc.boundary == exp.boundary, "\(name) doc \(doc.index) boundary")
            #expect(doc.startsMidText == exp.startsMidText, "\(name) doc \(doc.index) startsMidText")
            #expect(doc.language.rawValue == exp.language, "\(name) doc \(doc.index) language")
            #expect(doc.parts.map(\.kind.rawValue) == exp.kinds, "\(name) doc \(doc.index) part kinds")
            let keywords = Dictionary(uniqueKeysWithValues: doc.keywords.map { ($0.key.rawValue, $0.value) })
            #expect(keywords == exp.keywords, "\(name) doc \(doc.index) keywords")
            let titles = Dictionary(uniqueKeysWithValues: doc.titles.map { ($0.key.rawValue, $0.value) })
            #expect(titles == exp.titles, "\(name) doc \(doc.index) titles")
        }
    }

    @Test(arguments: Fixtures.names)
    func repairsAndNoise(_ name: String) throws {
        let text = try Fixtures.text(name)
        let analysis = Fixtures.analyzer.analyze(text)
        let expected = try Fixtures.expectation(name)
        let data = try JSONEncoder().encode(analysis.repairs)
        let counters = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Int])
        #expect(counters.filter { $0.value != 0 } == expected.repairs, "\(name): repair counters")
        var noise: [String: Int] = [:]
        for n in analysis.noise { noise[n.kind.rawValue, default: 0] += 1 }
        #expect(noise == expected.noise, "\(name): noise")
        for s in expected.cleanedContains ?? [] { #expect(analysis.cleanedText.contains(s), "\(name): cleaned text lacks '\(s)'") }
        for s in expected.cleanedNotContains ?? [] { #expect(!analysis.cleanedText.contains(s), "\(name): cleaned text keeps '\(s)'") }
    }

    /// A news sentence naming a university at the top of a text is body text, not an affiliation line (its events
    /// were skipped); an affiliation beside an author line stays front matter (sentences written for this test).
    @Test func aSentenceNamingAUniversityIsBodyText() {
        let news = Fixtures.analyzer.analyze("At Nazarbayev University, the two presidents signed a treaty on Tuesday.\n")
        #expect(news.sentences.map(\.section) == ["body"])
        let paper = Fixtures.analyzer.analyze("""
            Water and borders in Central Asia

            A. Seitkali

            Nazarbayev University, Astana, Kazakhstan

            Abstract. This paper studies water agreements between the states of the region since independence.

            The states of the region share two great rivers and have argued over their water for thirty years.
            """)
        #expect(news.sentences.count == 1)
        #expect(paper.sentences.contains { $0.section == "affiliation" && $0.text.hasPrefix("Nazarbayev University") })
    }

    /// A superscript digit stays after a `superscript-unit` of structure.tsv (км², m³) and is a footnote mark after
    /// any other word, a longer word ending like a unit included (sentences written for this test).
    @Test func superscriptsAfterUnitsStay() {
        let cleaned = Fixtures.analyzer.analyze("Көлдің ауданы 6236 км² болады, ал бұл дерек маңызды¹. The tank holds 40 m³ of water, as the datum² says.\n")
            .cleanedText
        #expect(cleaned.contains("км²") && cleaned.contains("m³"), "\(cleaned)")
        #expect(cleaned.contains("маңызды.") && cleaned.contains("datum says"), "\(cleaned)")
    }
}
