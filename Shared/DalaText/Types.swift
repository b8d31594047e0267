// Output types of the text analysis engine. Every offset is a Unicode scalar (code point) index
// into the ORIGINAL text, half-open [start, end): the same unit PostgreSQL's substr() and Python's
// str use, so clients can highlight the stored raw text directly.

// `Language` (a registered code) comes from DalaLanguages; every user of DalaText sees it.
@_exported import DalaLanguages

/// A half-open range of Unicode scalar offsets in the original text.
public struct Span: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
    public var length: Int { end - start }
}

/// A token of the cleaned text, with its span in the original.
public struct Token: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable { case word, number, punctuation, symbol }
    public var text: String      // cleaned form (homoglyphs fixed, hyphenation joined)
    public var span: Span        // in the original text
    public var kind: Kind
    public init(text: String, span: Span, kind: Kind) { self.text = text; self.span = span; self.kind = kind }
}

/// A sentence of the cleaned text.
public struct Sentence: Codable, Sendable, Hashable {
    public var index: Int
    public var text: String          // cleaned text of the sentence
    public var span: Span            // in the original text
    public var language: Language
    public var confidence: Double    // of the language label, 0...1
    public var documentIndex: Int    // which DocumentPart (boundary) it belongs to
    public var section: String?      // structure part kind it lies in: "title", "abstract", "body", ...
    public var tokens: [Token]
    public init(index: Int, text: String, span: Span, language: Language, confidence: Double,
                documentIndex: Int, section: String?, tokens: [Token]) {
        self.index = index; self.text = text; self.span = span; self.language = language
        self.confidence = confidence; self.documentIndex = documentIndex; self.section = section
        self.tokens = tokens
    }
}
