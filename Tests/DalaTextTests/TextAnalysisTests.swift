import DalaText
import Foundation
import Testing

/// The stage-1 output (`Analysis.swift`): JSON form and empty input.
@Suite struct TextAnalysisTests {
    @Test func jsonEncodesLanguageMapsAsObjects() throws {
        let analysis = Fixtures.analyzer.analyze(try Fixtures.text("article-kk"))
        let data = try JSONEncoder().encode(analysis)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let languages = try #require(object["languages"] as? [String: Double])
        #expect(languages["kk"] != nil)
        let documents = try #require(object["documents"] as? [[String: Any]])
        #expect((documents.first?["keywords"] as? [String: [String]])?["en"]?.first == "water resources")
        let decoded = try JSONDecoder().decode(TextAnalysis.self, from: data)
        #expect(decoded.sentences == analysis.sentences)
        #expect(decoded.offsetMap == analysis.offsetMap)
    }

    @Test func emptyAndBlankInput() {
        for text in ["", "\n\n  \n", "\u{FEFF}"] {
            let analysis = Fixtures.analyzer.analyze(text)
            #expect(analysis.sentences.isEmpty)
            #expect(analysis.language == .unknown)
        }
    }
}
