import Foundation

/// HTML: the visible text of the body, blocks separated by newlines; title, authors, date and language from the head.
enum HTMLReader {
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header", "footer",
        "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "dl", "hr", "figcaption", "figure", "main", "aside",
        "nav", "address", "caption", "td", "th",
    ]
    /// Elements whose content is never text a reader sees.
    static let hidden: Set<String> = ["script", "style", "noscript", "template", "svg", "math", "object", "iframe", "head"]

    static func extract(_ bytes: [UInt8], limits: ExtractionLimits) throws(ExtractionError) -> Extraction {
        let utf8 = try decode(bytes)
        var scanner = MarkupScanner(utf8, html: true)
        var out = ""
        var metadata = FileMetadata()
        var hiddenDepth = 0, preDepth = 0
        var inTitle = false, title = ""
        var pendingSpace = false
        var explicitDate: Int? = nil
        var scalars = 0
        while let token = scanner.next() {
            switch token {
            case .open(let name, let attributes, let selfClosing):
                if name == "html", let lang = attributes["lang"] ?? attributes["xml:lang"] { metadata.language = Language.code(lang) }
                if name == "title" { inTitle = !selfClosing; continue }
                if name == "meta" {
                    let key = (attributes["name"] ?? attributes["property"] ?? "").lowercased()
                    let content = (attributes["content"] ?? "").trimmingCharacters(in: .whitespaces)
                    guard !content.isEmpty else { continue }
                    switch key {
                    case "citation_title", "dc.title", "og:title": metadata.title = metadata.title ?? content
                    case "author", "citation_author", "dc.creator": metadata.authors.append(content)
                    case "citation_publication_date", "citation_date", "dc.date", "article:published_time", "date":
                        explicitDate = explicitDate ?? Int(content.prefix(4)).flatMap { (1000...2999).contains($0) ? $0 : nil }
                    case "citation_language", "dc.language", "language": metadata.language = metadata.language ?? Language.code(content)
                    default: break
                    }
                    continue
                }
                if hidden.contains(name) && !selfClosing && name != "head" { hiddenDepth += 1 }
                if name == "pre" && !selfClosing { preDepth += 1 }
                if blocks.contains(name) { newline(&out); pendingSpace = false }
            case .close(let name):
                if name == "title" { inTitle = false }
                if hidden.contains(name) && name != "head" { hiddenDepth = max(0, hiddenDepth - 1) }
                if name == "pre" { preDepth = max(0, preDepth - 1) }
                if blocks.contains(name) { newline(&out); pendingSpace = false }
            case .text(let raw):
                if inTitle { title += Entities.decode(raw[...]); continue }
                guard hiddenDepth == 0 else { continue }
                let text = Entities.decode(raw[...])
                if preDepth > 0 { out += text; scalars += text.unicodeScalars.count; continue }
                // Collapse white space as a browser does.
                for s in text.unicodeScalars {
                    if s == " " || s == "\n" || s == "\t" || s == "\r" || s == "\u{0C}" {
                        pendingSpace = true
                    } else {
                        if pendingSpace, let last = out.unicodeScalars.last, last != "\n" { out.unicodeScalars.append(" ") }
                        pendingSpace = false
                        out.unicodeScalars.append(s)
                        scalars += 1
                    }
                }
            }
            if scalars > limits.maxTextScalars {
                throw ExtractionError(.tooLarge, "The HTML holds more than \(limits.maxTextScalars) characters of text.")
            }
        }
        let t = title.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if metadata.title == nil && !t.isEmpty { metadata.title = t }
        metadata.year = explicitDate
        let text = out.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
        return Extraction(format: .html, pages: [PageText(number: 1, text: text, needsOCR: false)], metadata: metadata)
    }

    static func newline(_ out: inout String) {
        if let last = out.unicodeScalars.last, last != "\n" { out.unicodeScalars.append("\n") }
    }

    /// UTF-8 as is (BOM dropped); a page that declares windows-1251 (common for Russian sites) is converted.
    static func decode(_ bytes: [UInt8]) throws(ExtractionError) -> [UInt8] {
        var b = bytes[...]
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3) }
        if String(validating: b, as: UTF8.self) != nil { return Array(b) }
        let head = String(decoding: b.prefix(4096), as: UTF8.self).lowercased()
        if head.contains("windows-1251") || head.contains("cp1251"),
           let s = String(data: Data(b), encoding: .windowsCP1251) {
            return Array(s.utf8)
        }
        throw ExtractionError(.unsupported, "The HTML is not UTF-8 (nor declared windows-1251).")
    }
}
