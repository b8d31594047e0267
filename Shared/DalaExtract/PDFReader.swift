import CPoppler
import Foundation

/// One open PDF (poppler-glib). One owner at a time: poppler documents are not thread-safe.
final class PDFHandle {
    let doc: OpaquePointer
    let pageCount: Int

    /// Opens a PDF from memory; encrypted and unreadable files become `ExtractionError`s.
    init(_ bytes: [UInt8]) throws(ExtractionError) {
        var code: Int32 = 0
        var message: UnsafeMutablePointer<CChar>? = nil
        let opened = bytes.withUnsafeBytes { dala_pdf_open($0.baseAddress, $0.count, &code, &message) }
        guard let opened else {
            let text = message.map { String(cString: $0) } ?? "unknown error"
            g_free(message)
            // POPPLER_ERROR_ENCRYPTED: a password is needed (poppler also reports some damaged files this way).
            if code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                throw ExtractionError(.encrypted, "The PDF is encrypted (password protected); send an unencrypted copy.")
            }
            throw ExtractionError(.corrupt, "The PDF cannot be read: \(text.prefix(200)).")
        }
        doc = opened
        pageCount = Int(poppler_document_get_n_pages(doc))
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(doc)) }

    var document: OpaquePointer { doc }

    /// Lends the page (0-based) to `body`.
    func withPage<T>(_ index: Int, _ body: (OpaquePointer) throws(ExtractionError) -> T) throws(ExtractionError) -> T {
        guard let page = poppler_document_get_page(document, Int32(index)) else {
            throw ExtractionError(.corrupt, "Page \(index + 1) of the PDF cannot be read.")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        return try body(page)
    }

    static func string(_ p: UnsafeMutablePointer<gchar>?) -> String? {
        guard let p else { return nil }
        defer { g_free(p) }
        let s = String(cString: p).trimmingCharacters(in: .whitespacesAndNewlines)
        return s.isEmpty ? nil : s
    }
}

/// PDF text layers, page by page.
enum PDFReader {
    static func extract(_ bytes: [UInt8], limits: ExtractionLimits, deadline: Deadline) throws(ExtractionError) -> Extraction {
        let pdf = try PDFHandle(bytes)
        guard pdf.pageCount > 0 else { throw ExtractionError(.empty, "The PDF has no pages.") }
        guard pdf.pageCount <= limits.maxPages else {
            throw ExtractionError(.tooManyPages, "The PDF has \(pdf.pageCount) pages; the limit is \(limits.maxPages).")
        }
        var pages: [PageText] = []
        var scalars = 0
        for i in 0..<pdf.pageCount {
            try deadline.check("page \(i + 1) of \(pdf.pageCount)")
            let page = try pdf.withPage(i) { page throws(ExtractionError) -> PageText in
                let raw = poppler_page_get_text(page).map { p -> String in defer { g_free(p) }; return String(cString: p) } ?? ""
                let text = normalise(raw)
                var needsOCR = false
                if TextQuality.isUnusable(text) {
                    // Only pages with pictures go to OCR; a blank or nearly blank page stays as it is.
                    if let images = poppler_page_get_image_mapping(page) {
                        needsOCR = g_list_length(images) > 0
                        poppler_page_free_image_mapping(images)
                    }
                }
                return PageText(number: i + 1, text: needsOCR ? "" : text, needsOCR: needsOCR)
            }
            scalars += page.text.unicodeScalars.count
            if scalars > limits.maxTextScalars {
                throw ExtractionError(.tooLarge, "The PDF holds more than \(limits.maxTextScalars) characters of text.")
            }
            pages.append(page)
        }
        return Extraction(format: .pdf, pages: pages, metadata: metadata(pdf))
    }

    static func metadata(_ pdf: PDFHandle) -> FileMetadata {
        var m = FileMetadata()
        m.title = PDFHandle.string(poppler_document_get_title(pdf.document))
        if let author = PDFHandle.string(poppler_document_get_author(pdf.document)) {
            m.authors = FileMetadata.splitAuthors(author)
        }
        let created = poppler_document_get_creation_date(pdf.document)
        if created > 0 {
            let year = Calendar(identifier: .gregorian).component(.year, from: Date(timeIntervalSince1970: TimeInterval(created)))
            if (1900...2099).contains(year) { m.createdYear = year }
        }
        return m
    }

    /// Poppler's text: CRLF and stray NULs out, trailing blank lines trimmed.
    static func normalise(_ raw: String) -> String {
        var s = String.UnicodeScalarView()
        for c in raw.unicodeScalars where c.value != 0 && c.value != 0x0C {
            if c == "\r" { continue }
            s.append(c)
        }
        return String(s).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
