import Foundation

/// DOCX (Office Open XML): the body's paragraphs from `word/document.xml`, pages split at explicit page breaks
/// and at the breaks Word recorded when it last laid the document out; metadata from `docProps/core.xml`.
enum DOCXReader {
    static func extract(_ bytes: [UInt8], limits: ExtractionLimits, deadline: Deadline) throws(ExtractionError) -> Extraction {
        let zip = try ZipReader(bytes, limits: limits)
        guard let body = zip.entry("word/document.xml") else {
            throw ExtractionError(.corrupt, "The file is a ZIP archive but not a Word document (no word/document.xml).")
        }
        let xml = try zip.read(body, budget: limits.maxUncompressedBytes)
        try deadline.check("word/document.xml")
        var metadata = FileMetadata()
        if let core = zip.entry("docProps/core.xml") {
            metadata = Self.metadata(try zip.read(core, budget: 1024 * 1024))
        }
        let texts = try Self.pages(xml, deadline: deadline)
        let pages = texts.enumerated().map { PageText(number: $0.offset + 1, text: $0.element, needsOCR: false) }
        return Extraction(format: .docx, pages: pages.isEmpty ? [PageText(number: 1, text: "", needsOCR: false)] : pages,
                          metadata: metadata)
    }

    /// Paragraph texts joined by newlines, one string per page.
    static func pages(_ xml: [UInt8], deadline: Deadline) throws(ExtractionError) -> [String] {
        var scanner = MarkupScanner(xml, html: false)
        var pages: [String] = []
        var page = "", paragraph = ""
        var inText = false, inBody = false
        var tokens = 0
        func endPage() {
            pages.append(page.trimmingCharacters(in: .whitespacesAndNewlines)); page = ""
        }
        while let token = scanner.next() {
            tokens += 1
            if tokens & 0xFFFF == 0 { try deadline.check("word/document.xml") }
            switch token {
            case .open(let name, let attributes, let selfClosing):
                switch MarkupScanner.local(name) {
                case "body": inBody = true
                case "t": inText = !selfClosing
                case "tab": paragraph += "\t"
                case "br", "cr":
                    if attributes.first(where: { MarkupScanner.local($0.key) == "type" })?.value == "page" {
                        page += paragraph; paragraph = ""; endPage()
                    } else {
                        paragraph += "\n"
                    }
                case "lastRenderedPageBreak":
                    // Word's own layout: a page starts here, unless nothing was written yet on this page.
                    if !(page + paragraph).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        page += paragraph; paragraph = ""; endPage()
                    }
                default: break
                }
            case .close(let name):
                switch MarkupScanner.local(name) {
                case "t": inText = false
                case "p":
                    page += paragraph + "\n"; paragraph = ""
                case "body": inBody = false
                default: break
                }
            case .text(let bytes):
                if inText && inBody { paragraph += Entities.decode(bytes[...]) }
            }
        }
        page += paragraph
        if !page.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || pages.isEmpty { endPage() }
        return pages
    }

    /// Dublin Core fields of `docProps/core.xml`.
    static func metadata(_ xml: [UInt8]) -> FileMetadata {
        var scanner = MarkupScanner(xml, html: false)
        var m = FileMetadata()
        var current: Substring? = nil
        var value = ""
        while let token = scanner.next() {
            switch token {
            case .open(let name, _, _): current = MarkupScanner.local(name); value = ""
            case .text(let b): if current != nil { value += Entities.decode(b[...]) }
            case .close(let name):
                let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
                if !v.isEmpty {
                    switch MarkupScanner.local(name) {
                    case "title": m.title = v
                    case "creator": m.authors = FileMetadata.splitAuthors(v)
                    case "language": m.language = Language.code(v)
                    case "created": m.createdYear = Int(v.prefix(4)).flatMap { (1900...2099).contains($0) ? $0 : nil }
                    default: break
                    }
                }
                current = nil; value = ""
            }
        }
        return m
    }
}

/// Language tags from files ("kk-KZ", "ru", "en-US") → Dala's codes; nil for anything else.
enum Language {
    static func code(_ tag: String) -> String? {
        let base = tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        switch base {
        case "kk", "kaz": return "kk"
        case "ru", "rus": return "ru"
        case "en", "eng": return "en"
        case "ky", "kir": return "ky"
        case "uz", "uzb": return "uz"
        default: return nil
        }
    }
}
