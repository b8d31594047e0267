import DalaAnalysis
import Foundation
import Testing

/// Inputs that once crashed the analyser, hung it or broke an invariant (`Fixtures/fuzz-regressions`, one file each,
/// named after what they broke), replayed on every test run; plus a short fuzz run of the generator `dala fuzz` uses.
@Suite struct InvariantsTests {
    static let pipeline = try! Pipeline()

    static var regressionNames: [String] {
        let dir = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz-regressions")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }

    static func regression(_ name: String) throws -> String {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz-regressions/" + name)
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func theRegressionCorpusIsThere() {
        #expect(Self.regressionNames.count >= 6)
    }

    @Test(arguments: InvariantsTests.regressionNames)
    func regressionInputKeepsTheInvariants(_ name: String) throws {
        let text = try Self.regression(name)
        for date in [nil, "2020-05-01"] {
            let analysis = Self.pipeline.analyze(text, documentDate: date)
            #expect(AnalysisInvariants.violations(of: analysis, text: text) == [], "\(name)")
        }
    }

    /// A few hundred generated inputs (small ones: the long generators are `dala fuzz`'s job).
    @Test func shortFuzzRunKeepsTheInvariants() {
        let generator = FuzzInputs(samples: [], maxLength: 20_000)
        for index in 0..<150 as Range<UInt64> {
            let text = generator.input(seed: 20261206, index: index)
            let analysis = Self.pipeline.analyze(text, documentDate: index % 2 == 0 ? "2019-03" : nil)
            let problems = AnalysisInvariants.violations(of: analysis, text: text)
            #expect(problems == [], "input \(index)")
        }
    }

    /// The invariants can fail: a span past the end, a surface that is not its span's text and a repeated event id
    /// are each reported.
    @Test func invariantsCatchBrokenAnalyses() throws {
        let text = "Қазақстан мен Өзбекстан 2019 жылы келісімге қол қойды. 2020 жылы олар тағы келісімге қол қойды."
        let good = Self.pipeline.analyze(text)
        #expect(AnalysisInvariants.violations(of: good, text: text) == [])
        var bad = good
        bad.text.sentences[0].span.end = text.unicodeScalars.count + 1
        #expect(!AnalysisInvariants.violations(of: bad, text: text).isEmpty)
        bad = good
        try #require(!bad.events.times.isEmpty)
        bad.events.times[0].surface += "x"
        #expect(!AnalysisInvariants.violations(of: bad, text: text).isEmpty)
        bad = good
        try #require(!bad.events.events.isEmpty)
        bad.events.events.append(bad.events.events[0])
        #expect(AnalysisInvariants.violations(of: bad, text: text).contains { $0.hasPrefix("duplicate event id") })
    }
}
