import DalaEvaluation
import DalaText
import Testing

/// The stage-1 throughput benchmark (`DalaEvaluation/TextBenchmark.swift`).
@Suite struct TextBenchmarkTests {
    @Test func benchmarkReportsThroughput() throws {
        let report = TextBenchmark.run(files: ["article-kk": try Fixtures.text("article-kk")], iterations: 2)
        #expect(report.contains("MB/s"))
        #expect(report.contains("article-kk"))
    }
}
