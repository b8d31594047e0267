import DalaCore
import Foundation
import Testing
@testable import DalaAnalysis

/// The structure summary kept on the document row (`documents.analysis`) is written with `JSONWriter`; it must be
/// byte for byte what `DalaJSON.encoder()` writes for the same value, on every kind of text we have.
@Suite struct StructureSummaryTests {
    static let pipeline = try! Pipeline()

    /// The demo corpora, the fuzz regressions (odd inputs: control characters, mixed scripts, empty parts), and a
    /// text with several documents, front matter and repairs.
    static func texts() throws -> [(name: String, text: String)] {
        var out: [(String, String)] = []
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for folder in ["deploy/demo-corpus", "deploy/demo"] {
            let dir = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".txt") {
                out.append((name, try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)))
            }
        }
        let fuzz = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz-regressions")
        for name in try FileManager.default.contentsOfDirectory(atPath: fuzz.path).sorted() {
            let data = try Data(contentsOf: fuzz.appendingPathComponent(name))
            out.append((name, String(decoding: data, as: UTF8.self)))
        }
        out.append(("repairs", "TITLE OF A REPORT\nKeywords: SCO; Kazakhstan\n\nҚазақ-\nстан мен Өзбек\u{00AD}стан 2019 жылы\u{00A0}келісімге қол қойды [1].\n"
            + "\u{0007}Page 3\n\nReferences\n1. Smith \"J.\" \\ 2019.\n\u{0C}ABSTRACT\nRussia and Kazakhstan met in Astana on 5 May 2021."))
        return out
    }

    @Test func structureSummaryJSONIsTheEncoders() throws {
        var compared = 0
        for (name, text) in try Self.texts() {
            let a = Self.pipeline.analyze(text, documentDate: "2024-06-12")
            let summary = StructureSummary(documents: a.text.documents, repairs: a.text.repairs, keywords: a.events.keywords)
            let encoded = String(decoding: try DalaJSON.encoder().encode(summary), as: UTF8.self)
            #expect(summary.json == encoded, "\(name)")
            compared += 1
        }
        #expect(compared > 30)
    }
}
