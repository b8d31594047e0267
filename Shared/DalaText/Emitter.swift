// Stage 3: writes the cleaned text, paragraph by paragraph, applying the joins decided on the lines and
// the inline repairs: citation markers out, `..` glue split, glued tokens split, spaces collapsed.

/// A paragraph of the cleaned text (paragraphs are separated by one `\n`).
struct Paragraph {
    var start: Int
    var end: Int
    var role: LineRole
    var pageBreakBefore: Bool
    var firstLine: Int
    var citations: [Int] = []       // first number of each citation marker, in order
    var spaces = 0                  // spaces inside the paragraph (words - 1)
}

struct Emitter {
    let chars: CharClass
    let src: [Unicode.Scalar]       // normalized text
    let srcOrigin: [Int32]          // its origins in the original
    var out = TracedText()
    var paragraphs: [Paragraph] = []
    private var open = false
    private var forceParagraph = false
    private var wordStart = 0

    init(chars: CharClass, normalized: TracedText) {
        self.chars = chars; self.src = normalized.s; self.srcOrigin = normalized.o
        out.s.reserveCapacity(src.count); out.o.reserveCapacity(src.count)
    }

    @inline(__always) private func origin(_ k: Int) -> Int {
        Int(k < srcOrigin.count ? srcOrigin[k] : (srcOrigin.last.map { $0 + 1 } ?? 0))
    }

    @inline(__always) private mutating func put(_ c: Unicode.Scalar, _ k: Int) {
        out.append(c, origin(k))
    }

    private mutating func beginParagraph(role: LineRole, pageBreak: Bool, line: Int, separatorAt k: Int) {
        if open { endParagraph() }
        if !paragraphs.isEmpty { put("\n", k) }
        paragraphs.append(Paragraph(start: out.count, end: out.count, role: role, pageBreakBefore: pageBreak, firstLine: line))
        open = true
        wordStart = out.count
    }

    private mutating func endParagraph() {
        while let last = out.s.last, last == " ", out.count > paragraphs[paragraphs.count - 1].start {
            out.s.removeLast(); out.o.removeLast()
        }
        paragraphs[paragraphs.count - 1].end = out.count
        open = false
    }

    mutating func run(_ model: LineModel, stats: inout RepairStats, noise: inout [NoiseSpan]) {
        var previousJoin: JoinKind = .paragraph
        for (n, i) in model.textLines.enumerated() {
            let line = model.lines[i]
            var a = line.ts, b = line.te
            if line.join == .dropHyphen { b -= 1 }
            if previousJoin == .paragraph || forceParagraph || !open {
                let sep = n > 0 ? model.lines[model.textLines[n - 1]].end : line.start
                beginParagraph(role: line.role, pageBreak: line.pageBreakBefore, line: i, separatorAt: sep)
                forceParagraph = false
            } else {
                switch previousJoin {
                case .space:
                    if out.s.last != " " {
                        put(" ", model.lines[model.textLines[n - 1]].end)
                        paragraphs[paragraphs.count - 1].spaces += 1
                    }
                    stats.lineBreaksJoined += 1
                case .concat, .keepHyphen:
                    stats.lineBreaksJoined += 1
                case .dropHyphen:
                    stats.lineBreaksJoined += 1; stats.hyphenationJoins += 1
                case .lostHyphen:
                    stats.lineBreaksJoined += 1; stats.lostHyphenJoins += 1
                case .paragraph:
                    break
                }
                if previousJoin == .keepHyphen { stats.hyphensKept += 1 }
            }
            while a < b && src[a] == " " { a += 1 }
            emitContent(a, b, line: i, stats: &stats, noise: &noise)
            previousJoin = line.join
        }
        if open { endParagraph() }
    }

    // MARK: - Inline repairs

    private mutating func emitContent(_ a: Int, _ b: Int, line: Int, stats: inout RepairStats, noise: inout [NoiseSpan]) {
        var k = a
        while k < b {
            let c = src[k]
            if forceParagraph {
                if c == " " { k += 1; continue }
                beginParagraph(role: .none, pageBreak: false, line: line, separatorAt: k)
                forceParagraph = false
            }
            let f = chars.flags(c)
            if f.contains(.space) {
                if let last = out.s.last, last != " " && last != "\n", out.count > paragraphs[paragraphs.count - 1].start {
                    put(" ", k)
                    paragraphs[paragraphs.count - 1].spaces += 1
                }
                wordStart = out.count
                k += 1; continue
            }
            if f.contains(.lower) {
                // Runs of lower-case letters need no repair: copy them in one go.
                var e = k + 1
                while e < b && chars.flags(src[e]).contains(.lower) { e += 1 }
                out.s.append(contentsOf: src[k..<e])
                out.o.append(contentsOf: srcOrigin[k..<e])
                k = e; continue
            }
            if f.contains(.letter) {
                if f.contains(.upper), shouldSplitBeforeUpper(k, b) {
                    put(" ", k); stats.gluedTokensSplit += 1
                    wordStart = out.count
                }
                put(c, k); k += 1; continue
            }
            if c.value >= 0x30 && c.value <= 0x39 {
                put(c, k)
                // "2008жылы" → "2008 жылы"
                if k + 3 < b, !chars.isDigit(src[k + 1]), chars.flags(src[k + 1]).contains(.cyrillic),
                   chars.isLower(src[k + 1]), chars.isLower(src[k + 2]), chars.isLower(src[k + 3]) {
                    put(" ", k + 1); stats.gluedTokensSplit += 1
                }
                k += 1; continue
            }
            switch c {
            case "[":
                if let (end, number) = citation(bracketAt: k, b) {
                    recordCitation(k, end, number, stats: &stats, noise: &noise)
                    k = end; continue
                }
            case "/":
                if let (end, number) = citation(slashAt: k, b) {
                    recordCitation(k, end, number, stats: &stats, noise: &noise)
                    k = end; continue
                }
            case ".":
                var e = k
                while e < b && src[e] == "." { e += 1 }
                let dots = e - k
                if dots == 2 || dots >= 4 {
                    var m = e
                    while m < b && src[m] == " " { m += 1 }
                    if m == b || startsNewSentence(src[m]) {
                        put(".", k)
                        stats.dotGlueSplits += 1
                        forceParagraph = true
                        wordStart = out.count
                        k = e; continue
                    }
                }
                if dots == 1 && e < b && (chars.isUpper(src[e]) || src[e] == "«") && lowercaseWordBefore(minLength: 3) {
                    put(".", k); put(" ", k)
                    stats.gluedTokensSplit += 1
                    wordStart = out.count
                    k = e; continue
                }
                for m in k..<e { put(".", m) }
                wordStart = out.count
                k = e; continue
            case ",", ";":
                // "сөз ,келесі" → "сөз, келесі"
                if out.s.last == " ", out.count >= 2, chars.isLetterOrDigit(out.s[out.count - 2]) {
                    out.s.removeLast(); out.o.removeLast()
                }
                put(c, k)
                if k + 1 < b, chars.isLetter(src[k + 1]) { put(" ", k); stats.gluedTokensSplit += 1 }
                wordStart = out.count
                k += 1; continue
            case "(":
                // "ӘҚҚ(ПВО)" → "ӘҚҚ (ПВО)"
                if out.count - wordStart >= 2, let last = out.s.last, chars.isLetter(last), k + 1 < b, chars.isLetter(src[k + 1]) {
                    put(" ", k); stats.gluedTokensSplit += 1
                }
            case ")":
                put(c, k)
                if k + 1 < b, chars.isLetter(src[k + 1]) { put(" ", k); stats.gluedTokensSplit += 1 }
                wordStart = out.count
                k += 1; continue
            case "?", "!":
                put(c, k)
                if k + 1 < b, chars.isUpper(src[k + 1]) { put(" ", k); stats.gluedTokensSplit += 1 }
                wordStart = out.count
                k += 1; continue
            default:
                break
            }
            if c == "-" || c == "'" || c == "\u{2019}" {
                put(c, k)   // keeps `ОА-ның` one word for the glue test
            } else {
                put(c, k)
                wordStart = out.count
            }
            k += 1
        }
    }

    private func startsNewSentence(_ c: Unicode.Scalar) -> Bool {
        chars.isUpper(c) || c == "«" || c == "\"" || c == "\u{201C}" || c == "\u{201E}"
    }

    private func lowercaseWordBefore(minLength: Int) -> Bool {
        var k = out.count - 1
        var n = 0
        while k >= 0 && chars.isLetter(out.s[k]) {
            if !chars.isLower(out.s[k]) && (k == 0 || chars.isLetter(out.s[k - 1])) { return false }
            n += 1; k -= 1
        }
        return n >= minLength
    }

    /// `құрамындаҰҚШҰ`: a lower-case word of four or more letters runs into an acronym or a capitalised word.
    private func shouldSplitBeforeUpper(_ k: Int, _ b: Int) -> Bool {
        let len = out.count - wordStart
        guard len >= 4, let last = out.s.last, chars.isLower(last) else { return false }
        for m in (wordStart + 1)..<out.count where !chars.isLower(out.s[m]) { return false }
        var u = k
        while u < b && chars.isUpper(src[u]) { u += 1 }
        let upperRun = u - k
        if upperRun >= 2 { return true }
        // A capitalised Cyrillic word glued to a lower-case one: "мемлекетҚазақстан".
        guard chars.isLower(out.s[wordStart]), chars.flags(src[k]).contains(.cyrillic) else { return false }
        var l = u
        while l < b && chars.isLower(src[l]) { l += 1 }
        return l - u >= 2
    }

    static let maxCitationDigits = 6

    /// `[1]`, `[1, 18-19 б.]`, `[3; 5]`, `[12, p. 4]`: digits first, then only digits, separators and page marks.
    private func citation(bracketAt k: Int, _ b: Int) -> (Int, Int)? {
        var e = k + 1
        guard e < b, chars.isDigit(src[e]) else { return nil }
        var number = 0
        while e < b && chars.isDigit(src[e]) {
            // A marker has a few digits; a longer run is not one (and would overflow).
            guard e - k <= Self.maxCitationDigits else { return nil }
            number = number * 10 + Int(src[e].value - 0x30); e += 1
        }
        var letters = 0
        while e < b && src[e] != "]" {
            let c = src[e]
            if chars.isLetter(c) {
                letters += 1
                if letters > 4 { return nil }
            } else if !(chars.isDigit(c) || c == "," || c == ";" || c == " " || c == "." || CharClass.isDash(c)) {
                return nil
            }
            e += 1
            if e - k > 40 { return nil }
        }
        guard e < b else { return nil }
        return (e + 1, number)
    }

    /// `/1/`, `/12, 45/` after a space or at a line start.
    private func citation(slashAt k: Int, _ b: Int) -> (Int, Int)? {
        if let last = out.s.last, chars.isLetterOrDigit(last) { return nil }
        var e = k + 1
        guard e < b, chars.isDigit(src[e]) else { return nil }
        var number = 0
        while e < b && chars.isDigit(src[e]) {
            // A marker has a few digits; a longer run is not one (and would overflow).
            guard e - k <= Self.maxCitationDigits else { return nil }
            number = number * 10 + Int(src[e].value - 0x30); e += 1
        }
        while e < b && (chars.isDigit(src[e]) || src[e] == "," || src[e] == " " || CharClass.isDash(src[e])) { e += 1 }
        guard e < b, src[e] == "/", e - k <= 20 else { return nil }
        e += 1
        if e < b, chars.isLetterOrDigit(src[e]) { return nil }
        return (e, number)
    }

    private mutating func recordCitation(_ k: Int, _ end: Int, _ number: Int, stats: inout RepairStats,
                                         noise: inout [NoiseSpan]) {
        if out.s.last == " ", out.count > paragraphs[paragraphs.count - 1].start { out.s.removeLast(); out.o.removeLast() }
        paragraphs[paragraphs.count - 1].citations.append(number)
        noise.append(NoiseSpan(kind: .citation, span: Span(start: origin(k), end: origin(end - 1) + 1)))
        stats.footnoteMarkersRemoved += 1
        wordStart = out.count
    }
}
