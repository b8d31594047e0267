// Stage 2: the text as lines. Classifies each line (blank, text, or one kind of noise), marks lines
// that must stand alone (headings, keyword lists, authors...), and decides how each text line joins the next.

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

    private var doubleSpaced = false
    private var trailingSpaceConvention = false
    private var lexicon: HashSet64? = nil

    init(chars: CharClass, res: TextResources, text: [Unicode.Scalar], pageBreaks: Set<Int>) {
        self.chars = chars; self.res = res; self.text = text
        splitLines(pageBreaks: pageBreaks)
    }

    // MARK: - Lines

    private mutating func splitLines(pageBreaks: Set<Int>) {
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
        var h: UInt64 = 0xcbf29ce484222325
        var lastSpace = false
        for k in l.ts..<te {
            let c = text[k]
            if chars.flags(c).contains(.space) {
                if !lastSpace { h = (h ^ 0x20) &* 0x100000001b3 }
                lastSpace = true; continue
            }
            lastSpace = false
            h = (h ^ UInt64(CharClass.lower(c).value)) &* 0x100000001b3
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
        for p in ["page ", "бет ", "стр. ", "стр ", "страница ", "с. "] where key.hasPrefix(p) {
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

    // MARK: - Classification

    mutating func classify(origins: [Int32], noise: inout [NoiseSpan], stats: inout RepairStats) {
        markRunningHeaders()
        // The per-line tests below read only `text`, `chars` and `res`: one copy of self for all of them
        // instead of one per call while `lines` is being written.
        let view = self
        // Noise that needs no neighbours.
        for i in lines.indices where !lines[i].isBlank && lines[i].noise == nil {
            let l = lines[i]
            if view.isURLOnly(l) { lines[i].noise = .url }
            else if view.isFooter(l) { lines[i].noise = .footer }
            else if view.isPageLabel(l) { lines[i].noise = .pageNumber }
        }
        classifyNumberLines()
        // Text lines, blank counts, page breaks after removed page numbers and headers.
        var blanks = 0
        var pageBreak = false
        textLines.removeAll(keepingCapacity: true)
        for i in lines.indices {
            if lines[i].isBlank { blanks += 1; continue }
            if let kind = lines[i].noise {
                if kind == .pageNumber || kind == .header { pageBreak = true }
                continue
            }
            lines[i].blanksBefore = textLines.isEmpty ? 0 : blanks
            if pageBreak { lines[i].pageBreakBefore = true }
            blanks = 0; pageBreak = false
            textLines.append(i)
        }
        layoutStatistics()
        // A new page in double-spaced PDF text shows as a line with a leading space and no blank before.
        if doubleSpaced {
            for (k, i) in textLines.enumerated() where k > 0 {
                let l = lines[i]
                if l.blanksBefore == 0 && l.ts > l.start { lines[i].pageBreakBefore = true }
            }
        }
        var previousEnds = true
        var previousTitleLike = false   // short, unpunctuated, not ending in an initial: a title above an author line
        for i in textLines {
            let atStart = previousEnds || lines[i].blanksBefore > (doubleSpaced ? 1 : 0) || lines[i].pageBreakBefore
            let l = lines[i]
            var role = view.role(of: l, paragraphStart: atStart)
            if role == .none && !atStart && previousTitleLike && l.length <= 120 && view.isAuthors(l) { role = .authors }
            lines[i].role = role
            let ends = view.endsSentence(l), initial = view.endsWithInitial(l)
            previousTitleLike = l.length < 100 && !ends && !initial
            switch role {
            case .referencesHeading, .authors, .affiliation, .caption: previousEnds = true
            default: previousEnds = ends && !initial
            }
        }
        demoteLoneAffiliations()
        var inBlock = false
        for i in lines.indices {
            if lines[i].isBlank { continue }
            guard let kind = lines[i].noise else { inBlock = false; continue }
            if kind == .footnoteBlock && !inBlock { stats.footnoteBlocksRemoved += 1 }
            inBlock = kind == .footnoteBlock
            noise.append(NoiseSpan(kind: kind, span: Span(start: Int(origins[lines[i].ts]), end: Int(origins[lines[i].te - 1]) + 1)))
            switch kind {
            case .pageNumber: stats.pageNumbersRemoved += 1
            case .header: stats.headerLinesRemoved += 1
            case .footer: stats.footerLinesRemoved += 1
            case .url: stats.urlLinesRemoved += 1
            case .footnoteMarker: stats.footnoteMarkersRemoved += 1
            case .footnoteBlock, .citation: break
            }
        }
    }

    /// An affiliation sits in front matter: near authors, an abstract, keywords or a reference list, or at the
    /// top of the file. Elsewhere a line that mentions an institute is body text.
    private mutating func demoteLoneAffiliations() {
        let front: Set<LineRole> = [.authors, .abstract, .keywords, .referencesHeading, .affiliation]
        for (k, i) in textLines.enumerated() where lines[i].role == .affiliation {
            if k < 5 || contains(lines[i], "@") { continue }
            var near = false
            for m in max(0, k - 3)...min(textLines.count - 1, k + 3) where m != k && front.contains(lines[textLines[m]].role) {
                near = true
            }
            if !near { lines[i].role = .none }
        }
    }

    /// Short lines repeated three or more times (digits ignored) are running headers or footers.
    private mutating func markRunningHeaders() {
        let nonBlank = lines.reduce(0) { $0 + ($1.isBlank ? 0 : 1) }
        guard nonBlank >= 30 else { return }
        var counts: [UInt64: Int] = [:]
        var keys = [UInt64](repeating: 0, count: lines.count)
        for (i, l) in lines.enumerated() where !l.isBlank && l.length <= 90 {
            // A line that starts in lower case continues a sentence: repeated text, not a header.
            if chars.isLower(text[l.ts]) || text[l.te - 1] == "-" { continue }
            var h: UInt64 = 0xcbf29ce484222325
            var letters = 0
            for k in l.ts..<l.te {
                let c = text[k]
                guard chars.isLetter(c) else { continue }
                letters += 1
                h = (h ^ UInt64(CharClass.lower(c).value)) &* 0x100000001b3
            }
            guard letters >= 6 else { continue }
            keys[i] = h
            counts[h, default: 0] += 1
        }
        for i in lines.indices where keys[i] != 0 && counts[keys[i], default: 0] >= 3 {
            lines[i].noise = .header
        }
    }

    /// Lines holding only a number: a footnote marker (the sentence goes on after it), the start of a
    /// footnote block (a number already used as a marker, followed by the note), or a page number.
    private mutating func classifyNumberLines() {
        var seenMarkers = Set<Int>()
        var i = 0
        while i < lines.count {
            guard !lines[i].isBlank, lines[i].noise == nil, let value = isDigitsOnly(lines[i]) else { i += 1; continue }
            let next = nextContentLine(after: i)
            var nextStartsSentenceTail = false
            if let j = next {
                let c = first(lines[j])
                nextStartsSentenceTail = chars.isLower(c) || c == "." || c == "," || c == ";" || c == ":"
                    || c == ")" || c == "»" || CharClass.isDash(c)
            }
            if nextStartsSentenceTail {
                let prev = previousContentLine(before: i)
                var prevNoTrailingSpace = false
                if let p = prev { prevNoTrailingSpace = lines[p].te == lines[p].end }
                let plausibleNumber = value <= (markerNumbers.last?.number ?? 0) + 3
                if prevNoTrailingSpace || plausibleNumber {
                    lines[i].noise = .footnoteMarker
                    seenMarkers.insert(value)
                    markerNumbers.append((value, i))
                    i += 1
                    continue
                }
            }
            if seenMarkers.contains(value), let j = next, chars.isLetter(first(lines[j])) || CharClass.isOpeningQuoteOrBracket(first(lines[j])) {
                i = markFootnoteBlock(from: i, seen: seenMarkers)
                continue
            }
            lines[i].noise = .pageNumber
            i += 1
        }
    }

    /// Marks footnote entries "N" + note lines, then orphan URL lines; returns the next line to look at.
    private mutating func markFootnoteBlock(from start: Int, seen: Set<Int>) -> Int {
        var i = start
        var expected = isDigitsOnly(lines[start]) ?? 0
        while i < lines.count {
            // The entry number.
            lines[i].noise = .footnoteBlock
            i += 1
            var entryLines = 0
            var ended = false
            while i < lines.count {
                let l = lines[i]
                if l.isBlank { i += 1; continue }
                if let v = isDigitsOnly(l), v == expected + 1 { break }
                if isURLOnly(l) { ended = true; break }
                lines[i].noise = .footnoteBlock
                entryLines += 1
                i += 1
                if endsLikeBibliography(l) || entryLines >= 5 {
                    // The block goes on only if the next content line is the next entry's number.
                    if let j = nextContentLine(after: i - 1), let v = isDigitsOnly(lines[j]), v == expected + 1 {
                        i = j; break
                    }
                    ended = true; break
                }
            }
            if ended || i >= lines.count { break }
            guard let v = isDigitsOnly(lines[i]), v == expected + 1 else { break }
            expected = v
        }
        // Orphan URLs right after the block belong to it.
        while i < lines.count, lines[i].isBlank || isURLOnly(lines[i]) {
            if !lines[i].isBlank { lines[i].noise = .footnoteBlock }
            i += 1
        }
        return i
    }

    /// A note line that ends a reference: a year, a closing bracket, or a page number ("С. 12", "p. 4").
    private func endsLikeBibliography(_ l: Line) -> Bool {
        var te = l.te
        while te > l.ts && (text[te - 1] == "." || text[te - 1] == " ") { te -= 1 }
        guard te > l.ts else { return false }
        if text[te - 1] == "]" { return true }
        var digits = 0
        var k = te - 1
        while k >= l.ts && chars.isDigit(text[k]) { digits += 1; k -= 1 }
        if digits == 4, k >= l.ts, text[k] == " " || text[k] == "," || text[k] == "." || text[k] == "(" {
            let year = Int(String(String.UnicodeScalarView(text[(k + 1)..<te]))) ?? 0
            return year >= 1800 && year <= 2100
        }
        if digits > 0 && k >= l.ts + 2 {
            // "С. 12", "p. 12", "pp. 12"
            let before = lowercased(max(l.ts, k - 3), k + 1)
            return before.hasSuffix("с. ") || before.hasSuffix("p. ") || before.hasSuffix("б. ")
        }
        return false
    }

    private func nextContentLine(after i: Int) -> Int? {
        var j = i + 1
        while j < lines.count { if !lines[j].isBlank && lines[j].noise == nil { return j }; j += 1 }
        return nil
    }

    private func previousContentLine(before i: Int) -> Int? {
        var j = i - 1
        while j >= 0 { if !lines[j].isBlank && lines[j].noise == nil { return j }; j -= 1 }
        return nil
    }

    private mutating func layoutStatistics() {
        var oneBlank = 0, pairs = 0
        var endLetterSpace = 0, endLetterNoSpace = 0, terminalEnds = 0
        for (k, i) in textLines.enumerated() {
            let l = lines[i]
            if endsSentence(l) { terminalEnds += 1 }
            if k + 1 < textLines.count {
                pairs += 1
                if lines[textLines[k + 1]].blanksBefore == 1 { oneBlank += 1 }
            }
            if chars.isLetter(last(l)) {
                if l.te < l.end { endLetterSpace += 1 } else { endLetterNoSpace += 1 }
            }
        }
        // Wrapped lines separated by blank lines mostly end mid-sentence; one-line paragraphs separated by
        // blank lines mostly end with punctuation.
        doubleSpaced = pairs >= 6 && Double(oneBlank) >= 0.7 * Double(pairs)
            && Double(terminalEnds) < 0.5 * Double(textLines.count)
        trailingSpaceConvention = endLetterSpace >= 10
            && Double(endLetterSpace) >= 0.6 * Double(endLetterSpace + endLetterNoSpace)
    }

    // MARK: - Roles

    private func role(of l: Line, paragraphStart: Bool) -> LineRole {
        let c = first(l)
        if isListStart(l) { return .listItem }
        if l.length <= 60 && res.referencesHeadingInitials.contains(CharClass.lower(c))
            && res.referencesHeadingHashes.contains(headingHash(l)) { return .referencesHeading }
        if let _ = labelMatch(l, res.keywordLabels) { return .keywords }
        if let _ = labelMatch(l, res.abstractLabels) { return .abstract }
        if chars.isUpper(c) || chars.isDigit(c) {
            if l.length <= 200, isCaption(l) { return .caption }
            guard paragraphStart else { return .none }
            if l.length <= 120, isAuthors(l) { return .authors }
            if l.length <= 160, isAffiliation(l) { return .affiliation }
            var e = l.ts
            while e < l.te && chars.isLetter(text[e]) { e += 1 }
            if e < l.te && text[e] == ":" && res.noteWords.contains(wordHash(text[l.ts..<e])) { return .note }
        }
        return .none
    }

    /// The label ends at a colon, dot, dash or the line end: "Keywords:", "Аңдатпа.", "Abstract".
    func labelMatch(_ l: Line, _ labels: [[Unicode.Scalar]]) -> Int? {
        let head = CharClass.lower(first(l))
        for label in labels where label.first == head && starts(l, with: label) {
            var k = l.ts + label.count
            if k == l.te { return label.count }
            while k < l.te && chars.flags(text[k]).contains(.space) { k += 1 }
            if k == l.te { return label.count }
            let c = text[k]
            if c == ":" || c == "." || CharClass.isDash(c) { return label.count }
        }
        return nil
    }

    func isListStart(_ l: Line) -> Bool {
        let c = first(l)
        switch c.value {
        case 0x2022, 0x25AA, 0x25CF, 0x25E6, 0xB7, 0xF0B7, 0x2023, 0x2043, 0x25A0, 0x2013, 0x2014:
            return true
        case 0x2D:
            return l.length > 2 && text[l.ts + 1] == " "
        default:
            break
        }
        // "1. Text", "2) text", "а) text"
        var k = l.ts
        var digits = 0
        while k < l.te && chars.isDigit(text[k]) { digits += 1; k += 1 }
        if digits >= 1 && digits <= 2 && k + 2 < l.te && (text[k] == "." || text[k] == ")") && text[k + 1] == " " {
            return chars.isLetter(text[k + 2]) || CharClass.isOpeningQuoteOrBracket(text[k + 2])
        }
        if digits == 0 && k + 2 < l.te && chars.isLower(text[k]) && text[k + 1] == ")" && text[k + 2] == " " { return true }
        return false
    }

    private func isCaption(_ l: Line) -> Bool {
        // "1-кесте", "1 кесте", "Кесте 1", "Таблица 2", "Figure 3."
        var k = l.ts
        while k < l.te && chars.isDigit(text[k]) { k += 1 }
        if k > l.ts {
            while k < l.te && (text[k] == "-" || text[k] == " ") { k += 1 }
        }
        var e = k
        while e < l.te && chars.isLetter(text[e]) { e += 1 }
        guard e > k, res.captionWords.contains(wordHash(text[k..<e])) else { return false }
        if k > l.ts { return true }
        var m = e
        while m < l.te && text[m] == " " { m += 1 }
        return m < l.te && chars.isDigit(text[m])
    }

    static let nameConnectors = HashSet64(["and", "және", "и", "мен", "&"].map(wordHash))

    /// "А.Д. Арбашиева", "Ivanov I.I., Petrov P.": capitalised words and initials only.
    private func isAuthors(_ l: Line) -> Bool {
        var initials = 0, words = 0
        var k = l.ts
        while k < l.te {
            let c = text[k]
            if chars.flags(c).contains(.space) || c == "," || c == "*" || c == ";" || chars.isDigit(c) { k += 1; continue }
            guard chars.isLetter(c) else { return false }
            var e = k
            while e < l.te && (chars.isLetter(text[e]) || text[e] == "-" || text[e] == "'") { e += 1 }
            let len = e - k
            if e < l.te && text[e] == "." && len <= 2 && chars.isUpper(c) {
                initials += 1; k = e + 1; continue
            }
            if chars.isUpper(c) {
                words += 1
                if len < 2 { return false }
            } else if !LineModel.nameConnectors.contains(wordHash(text[k..<e])) {
                return false
            }
            k = e
        }
        return initials >= 1 && words >= 1 && words <= 8
    }

    private func isAffiliation(_ l: Line) -> Bool {
        // A sentence that merely mentions a university is not an affiliation line.
        if last(l) == "." && !contains(l, ",") { return false }
        var k = l.ts
        while k < l.te {
            let c = text[k]
            if c == "@" { return true }
            guard chars.isLetter(c) else { k += 1; continue }
            var e = k
            while e < l.te && (chars.isLetter(text[e]) || text[e] == "-") { e += 1 }
            let head = CharClass.lower(c)
            for cs in res.affiliationCues where cs.first == head {
                if e - k >= cs.count {
                    var same = true
                    for m in 0..<cs.count where CharClass.lower(text[k + m]) != cs[m] { same = false; break }
                    if same { return true }
                }
            }
            k = e
        }
        return false
    }

    // MARK: - Joins

    private mutating func wordSet() -> HashSet64 {
        if let lexicon { return lexicon }
        var set = HashSet64(capacity: text.count / 6)
        let n = text.count
        var i = 0
        while i < n {
            guard chars.isLetter(text[i]) else { i += 1; continue }
            let a = i
            var plain = a
            while i < n && (chars.isLetter(text[i]) || (text[i] == "-" && i + 1 < n && chars.isLetter(text[i + 1]))) {
                if text[i] == "-" {
                    if i > plain { set.insert(wordHash(text[plain..<i])) }
                    plain = i + 1
                }
                i += 1
            }
            // Halves of a word broken at a line end are not words of their own.
            if (i < n && text[i] == "-") || continuesBrokenLine(a) { continue }
            set.insert(wordHash(text[a..<i]))
            if plain > a && i > plain { set.insert(wordHash(text[plain..<i])) }
        }
        lexicon = set
        return set
    }

    /// The word at `a` starts a line whose previous text line ended with a hyphen.
    private func continuesBrokenLine(_ a: Int) -> Bool {
        var k = a - 1
        var sawNewline = false
        while k >= 0 && (text[k] == " " || text[k] == "\n") { if text[k] == "\n" { sawNewline = true }; k -= 1 }
        return sawNewline && k >= 0 && text[k] == "-"
    }

    /// Decides how each text line joins the next one.
    mutating func decideJoins() {
        guard !textLines.isEmpty else { return }
        // Typical width near each line: the longest of the text lines around it.
        let lengths = textLines.map { lines[$0].length }
        let sorted = lengths.sorted()
        let p90 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.9))]
        let oneParagraphPerLine = p90 > 250
        var paragraphStart = true
        var carried = 0     // length of the line part before a removed footnote marker
        for k in 0..<textLines.count {
            let i = textLines[k]
            guard k + 1 < textLines.count else { lines[i].join = .paragraph; break }
            let j = textLines[k + 1]
            let lo = max(0, k - 3), hi = min(textLines.count - 1, k + 3)
            var width = 0
            for m in lo...hi { width = max(width, lengths[m]) }
            let join = decide(i, j, width: Double(width), visualLength: Double(lengths[k] + carried),
                              oneParagraphPerLine: oneParagraphPerLine,
                              paragraphStart: paragraphStart, afterNext: k + 2 < textLines.count ? textLines[k + 2] : nil)
            carried = join == .concat ? carried + lengths[k] : 0
            lines[i].join = join
            paragraphStart = join == .paragraph
        }
    }

    private mutating func decide(_ i: Int, _ j: Int, width: Double, visualLength: Double, oneParagraphPerLine: Bool,
                                 paragraphStart: Bool, afterNext: Int?) -> JoinKind {
        let l1 = lines[i], l2 = lines[j]
        // Lines that stand alone.
        switch l1.role {
        case .referencesHeading, .authors, .affiliation, .caption: return .paragraph
        default: break
        }
        if l1.role == .note && endsSentence(l1) { return .paragraph }
        switch l2.role {
        case .referencesHeading, .keywords, .abstract, .authors, .affiliation, .caption, .note:
            return .paragraph
        case .listItem:
            // "(Қазақстан –"⏎"– 1,4 млн. га": a dash that continues the sentence is not a list item.
            let blanks = doubleSpaced ? max(0, l2.blanksBefore - 1) : l2.blanksBefore
            if endsSentence(l1) || blanks > 0 || !CharClass.isDash(first(l2)) { return .paragraph }
            lines[j].role = .none
        default: break
        }
        if l2.pageBreakBefore && l1.role == .none && lines[j].ts > lines[j].start && CharClass.isTerminalPunctuation(last(l1)) {
            return .paragraph
        }
        let a = last(l1), b = first(l2)
        // "... Президент Н.Ә."⏎"Назарбаев": a name split after its initials.
        if endsWithInitial(l1) && chars.isUpper(b) && (l1.role != .authors || !paragraphStart) {
            switch l2.role {
            case .none, .authors, .affiliation: return .space
            default: break
            }
        }
        let bLower = chars.isLower(b)
        let bLetter = chars.isLetter(b)
        // Hyphen at the end of the line.
        if (a == "-" || a == "\u{2010}") && l1.length >= 2 {
            let before = text[l1.te - 2]
            if chars.isLetterOrDigit(before) && (bLetter || chars.isDigit(b)) {
                return hyphenDecision(l1, l2)
            }
        }
        if b == "." || b == "," || b == ";" || b == ":" || b == ")" || b == "»" || b == "?" || b == "!" {
            return .concat
        }
        let blanks = doubleSpaced ? max(0, l2.blanksBefore - 1) : l2.blanksBefore
        let terminal = endsSentence(l1)
        if oneParagraphPerLine {
            if bLower { return .space }
            if endsWithInitial(l1) { return .space }
            return .paragraph
        }
        if bLower {
            if chars.isLetter(a) && l1.te == l1.end && trailingSpaceConvention { return .lostHyphen }
            if chars.isLetter(a) && !trailingSpaceConvention && lostHyphenByLexicon(l1, l2) { return .lostHyphen }
            return .space
        }
        // "... годом раньше, в"⏎"2005 г. Послание": a number continuing the sentence.
        if chars.isDigit(b) && chars.isLower(a) && l2.role == .none { return .space }
        let len = visualLength
        if blanks >= 1 {
            // A one-line paragraph without final punctuation (a title, a heading) stands alone.
            if terminal || paragraphStart { return .paragraph }
            return len >= 0.8 * width ? .space : .paragraph
        }
        if terminal { return len < 0.8 * width ? .paragraph : .space }
        // A line set apart by extra blank lines above it is more likely a heading.
        let blanksAbove = doubleSpaced ? max(0, l1.blanksBefore - 1) : l1.blanksBefore
        let setApart = paragraphStart && (blanksAbove >= 1 || textLines.first == i)
        if len < (setApart ? 0.85 : 0.75) * width {
            // A heading wrapped onto a second, short line: keep the two together.
            if paragraphStart, Double(l2.length) < 0.5 * width, !endsSentence(l2), l2.role == .none {
                if let n = afterNext {
                    let c = first(lines[n])
                    if chars.isUpper(c) || chars.isDigit(c) { return .space }
                } else {
                    return .space
                }
            }
            return .paragraph
        }
        return .space
    }

    private func endsSentence(_ l: Line) -> Bool {
        var k = l.te - 1
        while k > l.ts && CharClass.isClosingQuoteOrBracket(text[k]) { k -= 1 }
        let c = text[k]
        return CharClass.isTerminalPunctuation(c) || c == ":" || c == ";"
    }

    private func endsWithInitial(_ l: Line) -> Bool {
        // "... Н.Ә." or "... Э." : an upper-case letter (or two: "Дж.") before the final dot.
        guard l.length >= 2, last(l) == "." else { return false }
        var k = l.te - 2
        var letters = 0
        while k >= l.ts && chars.isLetter(text[k]) { letters += 1; k -= 1 }
        guard letters >= 1 && letters <= 2 else { return false }
        if letters == 2 && !chars.isLower(text[k + 2]) { return false }   // "ЕС." is an acronym, "Дж." an initial
        return chars.isUpper(text[k + 1]) && (k < l.ts || !chars.isLetter(text[k]))
    }

    private mutating func hyphenDecision(_ l1: Line, _ l2: Line) -> JoinKind {
        // Left part: the letters/digits before the final hyphen.
        let hy = l1.te - 1
        var a = hy
        while a > l1.ts && chars.isLetterOrDigit(text[a - 1]) { a -= 1 }
        var b = l2.ts
        while b < l2.te && chars.isLetterOrDigit(text[b]) { b += 1 }
        let left = text[a..<hy], right = text[l2.ts..<b]
        if left.allSatisfy({ chars.isDigit($0) }) || right.first.map({ chars.isDigit($0) }) == true { return .keepHyphen }
        if left.count >= 2 && left.allSatisfy({ chars.isUpper($0) }) { return .keepHyphen }
        let words = wordSet()
        let joined = Array(left) + Array(right)
        let hyphenated = Array(left) + ["-"] + Array(right)
        if words.contains(wordHash(hyphenated[...])) { return .keepHyphen }
        if words.contains(wordHash(joined[...])) { return .dropHyphen }
        let lower = left.map(CharClass.lower)
        let rightLower = right.map(CharClass.lower)
        if res.pairFirst.contains(wordHash(left)) && right.count >= 3 { return .keepHyphen }
        // Both halves are words of their own (`стран-`⏎`участниц`, `отын-`⏎`энергетикалық`).
        let leftWord = left.count >= 3 && words.contains(wordHash(left))
        let rightWord = right.count >= 5 && words.contains(wordHash(right))
        if left.count >= 3 && ((leftWord && (right.count >= 7 || rightWord)) || (rightWord && right.count >= 7)) {
            return .keepHyphen
        }
        if lower.last == "о" && left.count >= 4 && right.count >= 6 && hasEnding(rightLower, res.ruAdjectiveEndings) {
            return .keepHyphen
        }
        if left.count >= 5 && right.count >= 5 && hasEnding(lower, res.kkAdjectiveEndings) { return .keepHyphen }
        return .dropHyphen
    }

    private func hasEnding(_ word: [Unicode.Scalar], _ endings: [[Unicode.Scalar]]) -> Bool {
        for e in endings where word.count > e.count && Array(word.suffix(e.count)) == e { return true }
        return false
    }

    /// Without a trailing-space convention: join `Өз`⏎`бекстан` when the joined word occurs elsewhere and the
    /// second half does not occur as a word of its own.
    private mutating func lostHyphenByLexicon(_ l1: Line, _ l2: Line) -> Bool {
        var a = l1.te
        while a > l1.ts && chars.isLetter(text[a - 1]) { a -= 1 }
        var b = l2.ts
        while b < l2.te && chars.isLetter(text[b]) { b += 1 }
        let words = wordSet()
        let joined = Array(text[a..<l1.te]) + Array(text[l2.ts..<b])
        return words.contains(wordHash(joined[...])) && !words.contains(wordHash(text[l2.ts..<b]))
    }
}
