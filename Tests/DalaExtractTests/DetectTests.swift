import Foundation
import Testing
@testable import DalaExtract

/// `dala submit` picks the format of a file by its extension, else by its first bytes.
@Suite struct DetectTests {
    @Test func byExtension() {
        #expect(DocumentFormat.detect(filename: "a/Report.PDF", bytes: []) == .pdf)
        #expect(DocumentFormat.detect(filename: "x.docx", bytes: []) == .docx)
        #expect(DocumentFormat.detect(filename: "x.htm", bytes: []) == .html)
        // A .txt file is text even when it begins like HTML.
        #expect(DocumentFormat.detect(filename: "notes.txt", bytes: Array("<html>".utf8)) == nil)
    }

    @Test func byMagicBytes() {
        let pdf = PDFWriter.textPDF(pages: ["Astana"])
        #expect(DocumentFormat.detect(filename: "scan", bytes: pdf) == .pdf)
        #expect(DocumentFormat.detect(filename: nil, bytes: DOCXTests.docx([["Бишкек"]])) == .docx)
        #expect(DocumentFormat.detect(filename: "page", bytes: Array("\u{FEFF}\n  <!DOCTYPE html><html></html>".utf8)) == .html)
        #expect(DocumentFormat.detect(filename: "page.dat", bytes: Array("<HTML><body>x</body></HTML>".utf8)) == .html)
        // Plain text, and a ZIP that is not a Word document, stay unknown.
        #expect(DocumentFormat.detect(filename: "news", bytes: Array("Қазақстан мен Қырғызстан <b>".utf8)) == nil)
        #expect(DocumentFormat.detect(filename: "a.zip", bytes: [0x50, 0x4B, 0x03, 0x04] + Array("xl/workbook.xml".utf8)) == nil)
    }
}
