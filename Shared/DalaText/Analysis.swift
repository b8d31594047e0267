// Output of the first text-analysis stage: repaired text with a map back to the original,
// document boundaries and structure, sentences with tokens, and language shares.

/// Kind of a structure part (one paragraph of the cleaned text).
public enum PartKind: String, Codable, Sendable, CaseIterable {
    case title, authors, affiliation, abstract, keywords, heading, body, listItem, caption
    case referencesHeading, references
}

/// One paragraph of a document with its structural role.
public struct StructurePart: Codable, Sendable, Hashable {
    public var kind: PartKind
    public var span: Span            // in the original text
    public var cleanedSpan: Span     // in `TextAnalysis.cleanedText`
    public var language: Language
    public var confidence: Double
    public init(kind: PartKind, span: Span, cleanedSpan: Span, language: Language, confidence: Double) {
        self.kind = kind; self.span = span; self.cleanedSpan = cleanedSpan
        self.language = language; self.confidence = confidence
    }
}

/// One document (or fragment of one) found in the file.
public struct DocumentPart: Codable, Sendable {
    public var index: Int
    public var span: Span                        // in the original text
    public var cleanedSpan: Span
    /// Why a new document starts here ("start", "afterReferences", "citationRestart", "newFrontMatter").
    public var boundary: String
    /// True when the part begins mid-text: the tail of a document whose head is not in the file.
    public var startsMidText: Bool
    public var language: Language
    public var languages: [Language: Double]     // share of letters per language
    public var titles: [Language: String]
    public var keywords: [Language: [String]]
    public var parts: [StructurePart]
    public init(index: Int, span: Span, cleanedSpan: Span, boundary: String, startsMidText: Bool,
                language: Language, languages: [Language: Double], titles: [Language: String],
                keywords: [Language: [String]], parts: [StructurePart]) {
        self.index = index; self.span = span; self.cleanedSpan = cleanedSpan; self.boundary = boundary
        self.startsMidText = startsMidText; self.language = language; self.languages = languages
        self.titles = titles; self.keywords = keywords; self.parts = parts
    }
}

/// Counts of the repairs made while cleaning.
public struct RepairStats: Codable, Sendable, Hashable {
    public var lineBreaksJoined = 0        // wrapped lines joined into paragraphs
    public var hyphenationJoins = 0        // `Амери-`⏎`ка` → `Америка`
    public var lostHyphenJoins = 0         // `Өз`⏎`бекстан` → `Өзбекстан`
    public var hyphensKept = 0             // `водно-`⏎`энергетических` keeps its hyphen
    public var homoglyphsFixed = 0         // letters replaced inside mixed-script words
    public var romanNumeralsFixed = 0      // Cyrillic `ХХІ` → Latin `XXI`
    public var spacesNormalized = 0        // NBSP and other exotic spaces
    public var softHyphensRemoved = 0
    public var controlCharsRemoved = 0     // control and zero-width characters
    public var nfcCompositions = 0         // base + combining mark composed (NFC)
    public var pageNumbersRemoved = 0
    public var headerLinesRemoved = 0      // repeated running headers
    public var footerLinesRemoved = 0      // site footers
    public var footnoteMarkersRemoved = 0  // `[1]`, `/2/`, superscripts and marker lines
    public var footnoteBlocksRemoved = 0
    public var urlLinesRemoved = 0
    public var dotGlueSplits = 0           // `..` between paragraphs
    public var gluedTokensSplit = 0        // `құрамындаҰҚШҰ`, `ӘҚҚ(ПВО)`, `сөз.Келесі`
    public init() {}

    /// Adds the counts of another text's repairs (the pieces of a long text, analysed one by one).
    public mutating func add(_ o: RepairStats) {
        lineBreaksJoined += o.lineBreaksJoined
        hyphenationJoins += o.hyphenationJoins
        lostHyphenJoins += o.lostHyphenJoins
        hyphensKept += o.hyphensKept
        homoglyphsFixed += o.homoglyphsFixed
        romanNumeralsFixed += o.romanNumeralsFixed
        spacesNormalized += o.spacesNormalized
        softHyphensRemoved += o.softHyphensRemoved
        controlCharsRemoved += o.controlCharsRemoved
        nfcCompositions += o.nfcCompositions
        pageNumbersRemoved += o.pageNumbersRemoved
        headerLinesRemoved += o.headerLinesRemoved
        footerLinesRemoved += o.footerLinesRemoved
        footnoteMarkersRemoved += o.footnoteMarkersRemoved
        footnoteBlocksRemoved += o.footnoteBlocksRemoved
        urlLinesRemoved += o.urlLinesRemoved
        dotGlueSplits += o.dotGlueSplits
        gluedTokensSplit += o.gluedTokensSplit
    }

    /// Lines removed as noise.
    public var noiseLinesRemoved: Int {
        pageNumbersRemoved + headerLinesRemoved + footerLinesRemoved + urlLinesRemoved
    }
}

/// A piece of the original text left out of the cleaned text.
public struct NoiseSpan: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case pageNumber, header, footer, footnoteMarker, footnoteBlock, url, citation
    }
    public var kind: Kind
    public var span: Span            // in the original text
    public init(kind: Kind, span: Span) { self.kind = kind; self.span = span }
}

/// Maps cleaned-text scalar offsets to original-text scalar offsets.
///
/// Stored as runs: cleaned offsets `cleaned[i] ..< cleaned[i] + length[i]` map one-to-one onto
/// `original[i] ..< original[i] + length[i]`. Scalars the repair inserted (a space joining two lines)
/// map to the original character they stand for (the line break).
public struct OffsetMap: Codable, Sendable, Hashable {
    public var cleaned: [Int]
    public var original: [Int]
    public var length: [Int]
    /// Original offsets of combining marks composed into the letter before them (NFC); a span ending at
    /// that letter also covers them. Sorted.
    public var absorbed: [Int]

    public init(cleaned: [Int] = [], original: [Int] = [], length: [Int] = [], absorbed: [Int] = []) {
        self.cleaned = cleaned; self.original = original; self.length = length; self.absorbed = absorbed
    }

    init(origins: [Int32], absorbed: [Int]) {
        var c: [Int] = [], o: [Int] = [], l: [Int] = []
        var i = 0
        let n = origins.count
        while i < n {
            let start = i
            var prev = origins[i]
            i += 1
            while i < n && origins[i] == prev &+ 1 { prev = origins[i]; i += 1 }
            c.append(start); o.append(Int(origins[start])); l.append(i - start)
        }
        self.init(cleaned: c, original: o, length: l, absorbed: absorbed.sorted())
    }

    /// Original offset of the cleaned scalar at `index` (clamped to the mapped range).
    public func original(_ index: Int) -> Int {
        guard !cleaned.isEmpty else { return index }
        var lo = 0, hi = cleaned.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if cleaned[mid] <= index { lo = mid } else { hi = mid - 1 }
        }
        let delta = min(max(index - cleaned[lo], 0), length[lo] - 1)
        return original[lo] + delta
    }

    /// Original span covering the cleaned span (first scalar's origin to last scalar's origin + 1).
    public func original(_ span: Span) -> Span {
        guard span.end > span.start else { let p = original(span.start); return Span(start: p, end: p) }
        let a = original(span.start)
        var b = original(span.end - 1) + 1
        while !absorbed.isEmpty, let i = absorbedIndex(b), absorbed[i] == b { b += 1 }
        return Span(start: min(a, b - 1), end: max(b, a + 1))
    }

    private func absorbedIndex(_ x: Int) -> Int? {
        var lo = 0, hi = absorbed.count
        while lo < hi { let mid = (lo + hi) / 2; if absorbed[mid] < x { lo = mid + 1 } else { hi = mid } }
        return lo < absorbed.count ? lo : nil
    }
}

/// Result of the first text-analysis stage over one text.
public struct TextAnalysis: Codable, Sendable {
    public var cleanedText: String
    public var offsetMap: OffsetMap
    public var documents: [DocumentPart]
    public var sentences: [Sentence]
    public var language: Language                  // dominant (most letters)
    public var languages: [Language: Double]       // share of letters per language
    public var repairs: RepairStats
    public var noise: [NoiseSpan]                  // what was left out, with original spans
    public init(cleanedText: String, offsetMap: OffsetMap, documents: [DocumentPart], sentences: [Sentence],
                language: Language, languages: [Language: Double], repairs: RepairStats, noise: [NoiseSpan]) {
        self.cleanedText = cleanedText; self.offsetMap = offsetMap; self.documents = documents
        self.sentences = sentences; self.language = language; self.languages = languages
        self.repairs = repairs; self.noise = noise
    }
}
