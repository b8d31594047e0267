import Foundation
import Testing
@testable import DalaExtract

/// Extraction in a child process (`dala extract-file`, built beside the test bundle by `swift build --build-tests`).
@Suite(.serialized) struct IsolationTests {
    static let dala = IsolatedExtractor.besideThisExecutable()

    @Test(.enabled(if: dala != nil, "needs the dala executable beside the tests")) func childGivesTheSameExtraction() throws {
        let pdf = PDFWriter.textPDF(pages: Samples.kk, title: "Су")
        let isolated = try Self.dala!.extract(pdf, format: .pdf, limits: ExtractionLimits())
        #expect(isolated == (try Extractor.extract(pdf, format: .pdf)))
    }

    @Test(.enabled(if: dala != nil, "needs the dala executable beside the tests")) func childErrorsComeBackAsTheyAre() {
        var limits = ExtractionLimits()
        limits.maxPages = 1
        #expect(throws: ExtractionError.self) { try Self.dala!.extract(PDFWriter.textPDF(pages: Samples.ru), format: .pdf, limits: limits) }
        do { _ = try Self.dala!.extract(PDFWriter.textPDF(pages: Samples.ru), format: .pdf, limits: limits) } catch {
            #expect(error.code == .tooManyPages)
        }
    }

    @Test(.enabled(if: dala != nil, "needs the dala executable beside the tests")) func memoryCapStopsTheChildNotUs() {
        var tiny = Self.dala!
        tiny.maxMemoryBytes = 32 << 20   // far below what poppler + the Swift runtime need
        do { _ = try tiny.extract(PDFWriter.textPDF(pages: Samples.en), format: .pdf, limits: ExtractionLimits()); Issue.record("no error") } catch {
            #expect([.tooLarge, .corrupt].contains(error.code), "\(error)")
        }
    }

    @Test func aCrashingExtractorIsAReasonNotACrash() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("dala-crash-\(UUID().uuidString).sh")
        try Data("#!/bin/sh\nkill -SEGV $$\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        defer { try? FileManager.default.removeItem(at: script) }
        do { _ = try IsolatedExtractor(executable: script.path).extract(Array("%PDF-1.4".utf8), format: .pdf, limits: ExtractionLimits()) } catch {
            #expect(error.code == .corrupt)
            #expect(error.detail.contains("crashed"))
            return
        }
        Issue.record("no error")
    }

    @Test func aHangingExtractorIsKilledAtTheWallClockLimit() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("dala-hang-\(UUID().uuidString).sh")
        try Data("#!/bin/sh\nexec sleep 60\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        defer { try? FileManager.default.removeItem(at: script) }
        var limits = ExtractionLimits()
        limits.maxSeconds = 0
        let started = Date()
        do { _ = try IsolatedExtractor(executable: script.path).extract(Array("%PDF-1.4".utf8), format: .pdf, limits: limits) } catch {
            #expect(error.code == .timeout)
        }
        #expect(Date().timeIntervalSince(started) < 20)
    }
}
