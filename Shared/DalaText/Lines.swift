// Stage 2: the text as lines, and the helpers over one line. The passes over the lines have a file each:
// LineClassification (blank, text, or one kind of noise), LineRoles (lines that must stand alone: headings, keyword
// lists, authors...), LineJoins (how each text line joins the next).

enum LineRole: UInt8 {
    case none, referencesHeading, keywords, abstract, affiliation, authors, caption, note, listItem
}

enum JoinKind: UInt8 {
    case paragraph       // paragraph break
    case space           // same paragraph, word boundary
    case concat          // same paragraph, nothing between (next line starts with punctuation)
    case dropHyphen      // `Амери-`⏎`ка`
    case keepHyphen      // `водно-`⏎`энергетических`
    case lostHyphen      // `Өз`⏎`бекстан`
}

struct Line {
    var start: Int            // offsets in the normalized text, `\n` excluded
    var end: Int
    var ts: Int               // trimmed
    var te: Int
    var noise: NoiseSpan.Kind?
    var role: LineRole = .none
    var blanksBefore = 0      // blank lines between the previous text line and this one
    var pageBreakBefore = false
    var join: JoinKind = .paragraph   // how this line joins the NEXT text line
    var length: Int { te - ts }
    var isBlank: Bool { te <= ts }
}

/// Splits the text into lines, finds noise lines and decides the joins.
struct LineModel {
    let chars: CharClass
    let res: TextResources
    let text: [Unicode.Scalar]
    var lines: [Line] = []
    /// Indices of text lines (not blank, not noise), in order.
    var textLines: [Int] = []
    /// Footnote numbers seen as marker lines, in order, with the index of the line after which they sat.
    var markerNumbers: [(number: Int, line: Int)] = []

    var doubleSpaced = false
    var trailingSpaceConvention = false
    var lexicon: HashSet64? = nil

    init(chars: CharClass, res: TextResources, text: [Unicode.Scalar], pageBreaks: Set<Int>) {
        self.chars = chars; self.res = res; self.text = text
        splitLines(pageBreaks: pageBreaks)
    }

    // MARK: - Lines

    mutating func splitLines(pageBreaks: Set<Int>) {
        let n = text.count
        var start = 0
        lines.reserveCapacity(n / 40 + 1)
        var i = 0
        while i <= n {
            if i == n || text[i] == "\n" {
                var ts = start, te = i
                while ts < te && chars.flags(text[ts]).contains(.space) { ts += 1 }
                while te > ts && chars.flags(text[te - 1]).contains(.space) { te -= 1 }
                var line = Line(start: start, end: i, ts: ts, te: te)
                line.pageBreakBefore = pageBreaks.contains(start)
                lines.append(line)
                start = i + 1
            }
            i += 1
        }
    }

    // MARK: - Helpers over a line

    @inline(__always) func first(_ l: Line) -> Unicode.Scalar { text[l.ts] }

    func contains(_ l: Line, _ c: Unicode.Scalar) -> Bool {
        var k = l.ts
        while k < l.te { if text[k] == c { return true }; k += 1 }
        return false
    }

    /// Hash of `headingKey(l)` computed without building the string.
    func headingHash(_ l: Line) -> UInt64 {
        var te = l.te
        while te > l.ts && (text[te - 1] == "." || text[te - 1] == ":" || chars.flags(text[te - 1]).contains(.space)) { te -= 1 }
        var h = WordKey.offsetBasis
        var lastSpace = false
        for k in l.ts..<te {
            let c = text[k]
            if chars.flags(c).contains(.space) {
                if !lastSpace { h = WordKey.mix(h, 0x20) }
                lastSpace = true; continue
            }
            lastSpace = false
            h = WordKey.mix(h, UInt64(CharClass.lower(c).value))
        }
        return h
    }
    @inline(__always) func last(_ l: Line) -> Unicode.Scalar { text[l.te - 1] }

    /// Case-insensitive prefix test of the trimmed line.
    func starts(_ l: Line, with phrase: [Unicode.Scalar], at offset: Int = 0) -> Bool {
        let a = l.ts + offset
        guard l.te - a >= phrase.count else { return false }
        for k in 0..<phrase.count where CharClass.lower(text[a + k]) != phrase[k] { return false }
        return true
    }

    func lowercased(_ a: Int, _ b: Int) -> String {
        var v = String.UnicodeScalarView()
        for k in a..<b { v.append(CharClass.lower(text[k])) }
        return String(v)
    }

    /// The trimmed line without trailing `.`/`:` and with runs of spaces collapsed, lowercased.
    func headingKey(_ l: Line) -> String {
        var te = l.te
        while te > l.ts && (text[te - 1] == "." || text[te - 1] == ":" || chars.flags(text[te - 1]).contains(.space)) { te -= 1 }
        var v = String.UnicodeScalarView()
        var lastSpace = false
        for k in l.ts..<te {
            let c = text[k]
            if chars.flags(c).contains(.space) { if !lastSpace { v.append(" ") }; lastSpace = true; continue }
            lastSpace = false
            v.append(CharClass.lower(c))
        }
        return String(v)
    }

    func isDigitsOnly(_ l: Line) -> Int? {
        var value = 0, digits = 0
        for k in l.ts..<l.te {
            let c = text[k]
            if c.value >= 0x30 && c.value <= 0x39 {
                digits += 1; value = value * 10 + Int(c.value - 0x30)
                if digits > 4 { return nil }
            } else if chars.flags(c).contains(.space) || CharClass.isDash(c) || c == "|" {
                if digits > 0 && k + 1 < l.te && chars.isDigit(text[k + 1]) { return nil }   // "12 34"
            } else {
                return nil
            }
        }
        return digits > 0 ? value : nil
    }

    static let http = Array("http://".unicodeScalars), https = Array("https://".unicodeScalars)
    static let www = Array("www.".unicodeScalars)

    func isURLOnly(_ l: Line) -> Bool {
        guard l.length >= 8 else { return false }
        let ok = starts(l, with: LineModel.http) || starts(l, with: LineModel.https) || starts(l, with: LineModel.www)
        guard ok else { return false }
        for k in l.ts..<l.te where chars.flags(text[k]).contains(.space) { return false }
        return true
    }

    /// "Page 3", "Бет 3", "стр. 3", "- 3 -".
    func isPageLabel(_ l: Line) -> Bool {
        guard l.length <= 14 else { return false }
        let key = headingKey(l)
        for p in res.pageLabels where key.hasPrefix(p) {
            return key.dropFirst(p.count).allSatisfy { $0.isNumber }
        }
        return false
    }

    func isFooter(_ l: Line) -> Bool {
        guard l.length <= 80 else { return false }
        let head = CharClass.lower(first(l))
        for phrase in res.footerPhrases where phrase.first == head {
            if starts(l, with: phrase) { return true }
        }
        return false
    }
}
