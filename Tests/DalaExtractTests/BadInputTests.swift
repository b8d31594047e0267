import Foundation
import Testing
@testable import DalaExtract

/// Hostile and broken files end in an `ExtractionError` with a reason, never a crash or a hang.
@Suite struct BadInputTests {
    static func code(_ bytes: [UInt8], _ format: DocumentFormat, limits: ExtractionLimits = .init()) -> ExtractionError.Code? {
        do { _ = try Extractor.extract(bytes, format: format, limits: limits); return nil } catch { return error.code }
    }

    @Test func encryptedPDF() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/encrypted", withExtension: "pdf"))
        #expect(Self.code([UInt8](try Data(contentsOf: url)), .pdf) == .encrypted)
    }

    @Test func corruptAndTruncatedPDFs() {
        #expect(Self.code(Array("%PDF-1.4\n garbage garbage".utf8), .pdf) == .corrupt)
        let pdf = PDFWriter.textPDF(pages: Samples.en)
        #expect([.corrupt, .empty].contains(Self.code(Array(pdf.prefix(pdf.count / 3)), .pdf)))
        #expect(Self.code(Array("not a pdf at all".utf8), .pdf) == .corrupt)
        #expect(Self.code([], .pdf) == .empty)
    }

    @Test func zeroPagePDF() {
        let pdf = """
            %PDF-1.4
            1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
            2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
            trailer << /Root 1 0 R >>
            %%EOF
            """
        #expect([.corrupt, .empty].contains(Self.code(Array(pdf.utf8), .pdf)))
    }

    @Test func tooManyPagesIsRefusedBeforeReadingThem() {
        var limits = ExtractionLimits()
        limits.maxPages = 50
        let pdf = PDFWriter.textPDF(pages: Array(repeating: "x", count: 51))
        let started = Date()
        #expect(Self.code(pdf, .pdf, limits: limits) == .tooManyPages)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func tenThousandPages() {
        let pdf = PDFWriter.textPDF(pages: Array(repeating: "", count: 10_000))
        #expect(Self.code(pdf, .pdf) == .tooManyPages)
    }

    @Test func timeLimitStopsExtraction() {
        var limits = ExtractionLimits()
        limits.maxSeconds = 0
        #expect(Self.code(PDFWriter.textPDF(pages: Samples.en), .pdf, limits: limits) == .timeout)
    }

    @Test func pagesWithoutTextOrImagesAreEmpty() {
        #expect(Self.code(PDFWriter.textPDF(pages: ["", ""]), .pdf) == .empty)
    }

    @Test func docxZipBomb() {
        // 50 MB of one letter deflates to ~50 KB: over the ratio limit, and over a small size limit.
        let huge = [UInt8](repeating: 0x61, count: 50_000_000)
        let bomb = ZipWriter.archive([("word/document.xml", Array("<w:document><w:body><w:p><w:t>".utf8) + huge)])
        #expect(bomb.count < 200_000)
        #expect(Self.code(bomb, .docx) == .bomb)
        var limits = ExtractionLimits()
        limits.maxCompressionRatio = 1_000_000
        limits.maxUncompressedBytes = 1_000_000
        #expect(Self.code(bomb, .docx, limits: limits) == .bomb)
    }

    @Test func docxWhoseHeaderLiesAboutItsSize() {
        var zip = ZipWriter.archive([("word/document.xml", Array("<w:document><w:body><w:p><w:t>Казахстан подписал соглашение</w:t></w:p></w:body></w:document>".utf8))])
        // Declared uncompressed size 10 in the central directory: inflation must stop there, not trust it.
        let cd = zip.count - 22 - (46 + "word/document.xml".utf8.count)
        zip[cd + 24] = 10; zip[cd + 25] = 0; zip[cd + 26] = 0; zip[cd + 27] = 0
        #expect(Self.code(zip, .docx) == .bomb)
    }

    @Test func docxTooManyEntries() {
        var limits = ExtractionLimits()
        limits.maxZipEntries = 10
        let zip = ZipWriter.archive((0..<11).map { ("f\($0).xml", [UInt8]("x".utf8)) })
        #expect(Self.code(zip, .docx, limits: limits) == .bomb)
    }

    @Test func passwordProtectedDocxIsAnOLEFile() {
        #expect(Self.code([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504), .docx) == .encrypted)
    }

    @Test func zipThatIsNotWordAndGarbage() {
        #expect(Self.code(ZipWriter.archive([("a.txt", [UInt8]("hi".utf8))]), .docx) == .corrupt)
        #expect(Self.code([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 7, count: 100), .docx) == .corrupt)
    }

    @Test func hugeHTMLStopsAtTheTextLimit() {
        var limits = ExtractionLimits()
        limits.maxTextScalars = 100_000
        let html = Array("<p>".utf8) + [UInt8](repeating: 0x62, count: 1_000_000)
        #expect(Self.code(html, .html, limits: limits) == .tooLarge)
    }

    @Test func binaryAsHTMLAndMarkupWithoutText() {
        #expect(Self.code([0x3C, 0x00, 0xFF, 0xFE], .html) == .corrupt)
        #expect(Self.code(Array("<html><script>alert(1)</script></html>".utf8), .html) == .empty)
        #expect(Self.code([0xC3, 0x28, 0x41], .html) == .unsupported)
    }

    @Test func malformedMarkupDoesNotCrash() throws {
        let x = try Extractor.extract(Array("<p>Казахстан <b unclosed <i>и <<Узбекистан</p></div></div> & &bogus; &#0; &#x110000;".utf8), format: .html)
        #expect(x.pages[0].text.contains("Казахстан"))
    }
}
