import Foundation

/// File formats Dala extracts text from.
public enum DocumentFormat: String, Sendable, CaseIterable, Codable {
    case pdf, docx, html

    /// The media type a client sends for this format.
    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .html: "text/html"
        }
    }

    /// The format for a `Content-Type` value (parameters ignored); nil for anything else.
    public init?(mediaType: String) {
        let base = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch base {
        case "application/pdf": self = .pdf
        case "application/vnd.openxmlformats-officedocument.wordprocessingml.document": self = .docx
        case "text/html", "application/xhtml+xml": self = .html
        default: return nil
        }
    }

    /// Whether the bytes look like this format (magic numbers), so a mislabeled upload fails early and clearly.
    public func matches(_ bytes: [UInt8]) -> Bool {
        switch self {
        case .pdf: return bytes.prefix(1024).starts(with: Array("%PDF-".utf8)) || Self.find(Array("%PDF-".utf8), in: bytes.prefix(1024))
        case .docx: return bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
        case .html: return !bytes.prefix(4096).contains(0)
        }
    }

    static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Bool {
        guard hay.count >= needle.count else { return false }
        var i = hay.startIndex
        while i + needle.count <= hay.endIndex {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}

/// Bounds on one extraction, so a hostile file costs a clear error instead of the service.
public struct ExtractionLimits: Sendable, Equatable {
    /// Most pages a PDF may have (a 10,000-page PDF is refused before any page is read).
    public var maxPages: Int = 2000
    /// Wall-clock budget for one file's text extraction, checked between pages and entries.
    public var maxSeconds: Double = 60
    /// Most characters (Unicode scalars) of extracted text.
    public var maxTextScalars: Int = 20_000_000
    /// DOCX: most entries in the ZIP, most uncompressed bytes of the parts read, and the largest ratio of an entry.
    public var maxZipEntries: Int = 5000
    public var maxUncompressedBytes: Int = 100 * 1024 * 1024
    public var maxCompressionRatio: Int = 200
    /// OCR: rendering resolution, and the largest page image in pixels (a huge page is rendered at a lower resolution).
    public var ocrDPI: Double = 300
    public var maxOCRPixels: Int = 40_000_000
    /// OCR: wall-clock budget for one page.
    public var maxOCRSecondsPerPage: Double = 120

    public init() {}
}

/// Why a file yielded no document; `code` says which kind of bad input it was.
public struct ExtractionError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Code: String, Sendable, Codable { case encrypted, corrupt, empty, tooManyPages, tooLarge, timeout, bomb, unsupported, ocr }
    public var code: Code
    public var detail: String
    public init(_ code: Code, _ detail: String) { self.code = code; self.detail = detail }
    public var description: String { "\(code.rawValue): \(detail)" }
}

/// One page (or the one body of an HTML/DOCX file) as extracted.
public struct PageText: Sendable, Equatable, Codable {
    public var number: Int
    public var text: String
    /// No usable text layer: the page goes to OCR.
    public var needsOCR: Bool
    public init(number: Int, text: String, needsOCR: Bool) { self.number = number; self.text = text; self.needsOCR = needsOCR }
}

/// Bibliographic fields found in the file (PDF info, DOCX core properties, HTML meta) or on its first page.
public struct FileMetadata: Sendable, Equatable, Codable {
    public var title: String?
    public var authors: [String] = []
    /// Publication year: an explicit publication date in the file (HTML meta), else a year on the first page's head.
    public var year: Int?
    /// The year the file says it was created (PDF CreationDate, DOCX dcterms:created): kept, never taken for `year`
    /// (a scan's or an export's date says nothing of the publication).
    public var createdYear: Int?
    public var language: String?

    /// "A; B" → ["A", "B"].
    static func splitAuthors(_ s: String) -> [String] {
        s.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public init(title: String? = nil, authors: [String] = [], year: Int? = nil, language: String? = nil) {
        self.title = title; self.authors = authors; self.year = year; self.language = language
    }
}

/// Where a page sits in the stored text: code point offsets, half-open, like every other offset in Dala.
public struct PageSpan: Sendable, Equatable, Codable {
    public enum Source: String, Sendable, Codable { case text, ocr, pending }
    public var page: Int
    public var start: Int
    public var end: Int
    public var source: Source
    /// Tesseract's mean word confidence (0-100) for OCR pages.
    public var confidence: Double?
    public init(page: Int, start: Int, end: Int, source: Source, confidence: Double? = nil) {
        self.page = page; self.start = start; self.end = end; self.source = source; self.confidence = confidence
    }
}

/// The text of a file, page by page, with its metadata.
public struct Extraction: Sendable, Equatable, Codable {
    public var format: DocumentFormat
    public var pages: [PageText]
    public var metadata: FileMetadata

    /// Pages waiting for OCR.
    public var pendingOCR: [Int] { pages.filter(\.needsOCR).map(\.number) }

    /// The stored text and its page map: pages joined by a form feed (the analyser's page break), OCR pages empty for now.
    public func assembled() -> (text: String, pages: [PageSpan]) {
        Self.assemble(pages.map { ($0.number, $0.needsOCR ? "" : $0.text, $0.needsOCR ? PageSpan.Source.pending : .text, nil) })
    }

    /// Joins page texts into one text with each page's range.
    public static func assemble(_ parts: [(page: Int, text: String, source: PageSpan.Source, confidence: Double?)]) -> (text: String, pages: [PageSpan]) {
        var text = ""
        var spans: [PageSpan] = []
        var offset = 0
        for (i, part) in parts.enumerated() {
            if i > 0 { text.unicodeScalars.append("\u{0C}"); offset += 1 }
            let body = part.text
            text += body
            let n = body.unicodeScalars.count
            spans.append(PageSpan(page: part.page, start: offset, end: offset + n, source: part.source, confidence: part.confidence))
            offset += n
        }
        return (text, spans)
    }
}

/// Text extraction from files: pure (no network, no database), bounded by `ExtractionLimits`.
public enum Extractor {
    /// Extracts the text layer (PDF) or the body text (DOCX, HTML). Scanned PDF pages come back with `needsOCR`.
    public static func extract(_ bytes: [UInt8], format: DocumentFormat, limits: ExtractionLimits = .init()) throws(ExtractionError) -> Extraction {
        guard !bytes.isEmpty else { throw ExtractionError(.empty, "The file is empty.") }
        if format == .docx, bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            // Word wraps a password-protected .docx in an OLE compound file, the same container as the old .doc.
            throw ExtractionError(.encrypted, "This is an OLE compound file: a password-protected DOCX or an old .doc; send an unencrypted .docx.")
        }
        guard format.matches(bytes) else {
            throw ExtractionError(.corrupt, "The content is not a \(format.rawValue.uppercased()) file (wrong signature).")
        }
        let deadline = Deadline(seconds: limits.maxSeconds)
        var result: Extraction
        switch format {
        case .pdf: result = try PDFReader.extract(bytes, limits: limits, deadline: deadline)
        case .docx: result = try DOCXReader.extract(bytes, limits: limits, deadline: deadline)
        case .html: result = try HTMLReader.extract(bytes, limits: limits)
        }
        let scalars = result.pages.reduce(0) { $0 + $1.text.unicodeScalars.count }
        if scalars > limits.maxTextScalars {
            throw ExtractionError(.tooLarge, "The file holds \(scalars) characters of text; the limit is \(limits.maxTextScalars).")
        }
        if result.metadata.title == nil, let first = result.pages.first(where: { !$0.needsOCR }) {
            result.metadata.title = FirstPage.title(first.text)
        }
        if result.metadata.year == nil, let first = result.pages.first(where: { !$0.needsOCR }) {
            result.metadata.year = FirstPage.year(first.text)
        }
        let hasText = result.pages.contains { !$0.needsOCR && $0.text.unicodeScalars.contains { $0.properties.isAlphabetic } }
        if !hasText && result.pendingOCR.isEmpty {
            throw ExtractionError(.empty, "The file contains no text.")
        }
        return result
    }
}

/// A wall-clock budget.
struct Deadline {
    let end: Date
    let seconds: Double
    init(seconds: Double) { self.seconds = seconds; end = Date().addingTimeInterval(seconds) }
    func check(_ what: String) throws(ExtractionError) {
        if Date() > end { throw ExtractionError(.timeout, "Extraction took longer than \(Int(seconds)) s (\(what)).") }
    }
}

/// Metadata guessed from the first page when the file has none.
public enum FirstPage {
    /// The first line with enough letters, if it is short enough to be a title.
    static func title(_ text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline).prefix(8) {
            let t = line.trimmingCharacters(in: .whitespaces)
            let letters = t.unicodeScalars.filter { $0.properties.isAlphabetic }.count
            if letters >= 8 && t.count <= 200 { return t }
        }
        return nil
    }

    /// A year on a short line of the page's head, as title pages print it ("Астана, 2021", "Вестник, 2019, № 3");
    /// years inside running sentences (history: "since 1991") are not publication years.
    static func year(_ text: String) -> Int? {
        let latest = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        for line in text.split(whereSeparator: \.isNewline).prefix(15) where line.count <= 60 {
            let scalars = Array(line.unicodeScalars)
            var i = 0
            while i + 4 <= scalars.count {
                let isDigit = { (k: Int) in k >= 0 && k < scalars.count && scalars[k].isASCII && scalars[k].properties.numericType == .decimal }
                if (i..<(i + 4)).allSatisfy(isDigit), !isDigit(i - 1), !isDigit(i + 4),
                   let y = Int(String(String.UnicodeScalarView(scalars[i..<(i + 4)]))), (1900...latest).contains(y) {
                    return y
                }
                i += 1
            }
        }
        return nil
    }

    /// Title and year from a first page's text (also used after OCR, when the first page was an image).
    public static func metadata(_ text: String) -> FileMetadata {
        FileMetadata(title: title(text), year: year(text))
    }
}

/// Heuristics on a page's text layer.
enum TextQuality {
    /// Too little text, or text that is mostly not letters (a scan with an OCR-less layer, broken font encodings).
    static func isUnusable(_ text: String) -> Bool {
        var letters = 0, total = 0, bad = 0
        for s in text.unicodeScalars where !s.properties.isWhitespace {
            total += 1
            if s.properties.isAlphabetic { letters += 1 }
            if s.value == 0xFFFD || (0xE000...0xF8FF).contains(s.value) || s.value < 0x20 { bad += 1 }
        }
        if letters < 16 { return true }
        return bad * 10 > total || letters * 2 < total
    }
}
