import DalaText

/// A word as the recogniser sees it: one or more adjacent tokens (hyphenated compounds, apostrophes and initials
/// joined), or one punctuation token. Spans are in the original text.
struct WordUnit: Sendable {
    enum Shape: Sendable { case word, number, punctuation }
    var text: String                // cleaned text
    var sc: [UInt32]                // normalised scalars (TextNorm.normalizeScalars)
    var key: UInt64                 // TextNorm.hash(sc)
    var norm: String { TextNorm.string(sc) }
    var span: Span
    var shape: Shape
    var isCapitalized = false       // first letter uppercase
    var isAllCaps = false           // ≥ 2 letters, all uppercase
    var isInitial = false           // "Н.", "Н.Ә.", "Ж."
    var letters = 0                 // Latin and Cyrillic letters in the text
    var script: Language            // `Morphology.guessLanguage(text)`: the language its letters say
    var reading: UInt8 = 0          // `Lexicon.suffixChains` index: its sentence language's suffix-chain tables
    var inSuffixChainText = false   // its sentence's language has suffix-chain tables of its own (kk, ky)
    var isSentenceStart = false     // first word of its sentence (after opening quotes or brackets)
    var isHyphenated = false
    var followsSpace = true         // whitespace (or nothing) before it in the original

    var isWord: Bool { shape == .word }
    /// The scalar of a one-scalar punctuation unit (0 otherwise): the checks below are integer compares.
    var mark: UInt32 = 0
    var isQuote: Bool {
        switch mark {
        case 0xAB, 0xBB, 0x22, 0x201C, 0x201D, 0x201E, 0x27, 0x2039, 0x203A: return true   // = quoteMarks
        default: return false
        }
    }
    var isDash: Bool { mark == 0x2014 || mark == 0x2013 || mark == 0x2D }
    var isSkippableInsideName: Bool { isQuote || isDash || mark == 0x2C }
    static let quoteMarks: Set<UInt32> = [0xAB, 0xBB, 0x22, 0x201C, 0x201D, 0x201E, 0x27, 0x2039, 0x203A]
    var length: Int { sc.count }


    /// Normalised scalars and keys of one-scalar punctuation, shared (a third of all units are punctuation).
    private static let punctuation: [UInt32: (sc: [UInt32], key: UInt64)] = {
        var out: [UInt32: (sc: [UInt32], key: UInt64)] = [:]
        for v in Array(0x21...0x2F) + Array(0x3A...0x40) + Array(0x5B...0x60) + Array(0x7B...0x7E)
            + [0xAB, 0xBB, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x201E, 0x2026, 0x2039, 0x203A] {
            let sc = [TextNorm.lower(UInt32(v))]
            out[UInt32(v)] = (sc, TextNorm.hash(sc))
        }
        return out
    }()

    init(text: String, span: Span, shape: Shape) {
        if shape == .punctuation, text.utf8.count <= 3, let only = text.unicodeScalars.first,
           text.unicodeScalars.index(after: text.unicodeScalars.startIndex) == text.unicodeScalars.endIndex,
           let known = WordUnit.punctuation[only.value] {
            self.text = text; self.sc = known.sc; self.key = known.key; self.span = span; self.shape = shape
            self.mark = only.value
            self.script = Lexicon.shared.morphologies.latinDefault     // no letters: as a word without Cyrillic ones
            return
        }
        // One pass over the text: normalised scalars (as `TextNorm.normalizeScalars`) and the letter case counts.
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count)
        var cyr = 0, lat = 0, letters = 0, upper = 0
        let morphologies = Lexicon.shared.morphologies
        var distinctive: UInt32 = 0     // the first letter only one registered language writes (Kazakh қ)
        var firstLetterUpper: Bool?
        var first: UInt32 = 0
        for u in text.unicodeScalars {
            let raw = u.value
            if out.isEmpty && first == 0 { first = raw }
            if TextNorm.isCyrillic(raw) {
                cyr += 1
                if distinctive == 0 && morphologies.isDistinctive(raw) { distinctive = raw }
            } else if TextNorm.isLatin(raw) { lat += 1 } else {
                let v = TextNorm.lower(raw)
                if TextNorm.isIgnorable(v) { continue }
                out.append(v)
                continue
            }
            letters += 1
            let up = TextNorm.isUpper(raw)
            if up { upper += 1 }
            if firstLetterUpper == nil { firstLetterUpper = up }
            out.append(TextNorm.lower(raw))
        }
        if cyr > 0 && lat > 0 {
            TextNorm.repairMixed(&out, of: text, toCyrillic: cyr >= lat)
            if cyr >= lat && distinctive == 0 && morphologies.isDistinctive(TextNorm.repairedLatinH)
                && out.contains(TextNorm.repairedLatinH) { distinctive = TextNorm.repairedLatinH }
        }
        self.text = text
        self.letters = letters
        self.script = distinctive != 0 ? morphologies.language(ofDistinctive: distinctive)
            : (cyr > 0 ? morphologies.cyrillicDefault : morphologies.latinDefault)
        self.sc = out
        self.key = TextNorm.hash(out)
        self.span = span
        self.shape = shape
        if shape == .word {
            isCapitalized = firstLetterUpper ?? false
            isAllCaps = letters >= 2 && upper == letters
            isHyphenated = out.contains(0x2D)
        } else if shape == .punctuation, out.count == 1 {
            mark = first
        }
    }

    /// Units of one sentence from its tokens.
    static func units(of sentence: Sentence) -> [WordUnit] {
        let tokens = sentence.tokens
        var out: [WordUnit] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        var prevEnd = sentence.span.start
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .word || t.kind == .number {
                var text = t.text
                var end = t.span.end
                var j = i + 1
                // Join word-hyphen-word, word-apostrophe-word and initials ("Н" "." "Ә" ".") when adjacent.
                while j + 1 < tokens.count, tokens[j].span.start == end, tokens[j + 1].span.start == tokens[j].span.end,
                      tokens[j].kind == .punctuation || tokens[j].kind == .symbol,
                      tokens[j + 1].kind == .word || tokens[j + 1].kind == .number {
                    let p = tokens[j].text
                    guard p == "-" || p == "‐" || p == "‑" || p == "'" || p == "’"
                          || (p == "." && isInitialLetter(lastPart(text)) && isInitialLetter(tokens[j + 1].text))
                          || (p == "+" && tokens[j + 1].kind == .number && isFormatCode(text)) else { break }
                    text += p + tokens[j + 1].text
                    end = tokens[j + 1].span.end
                    j += 2
                }
                let shape: Shape = t.kind == .number && j == i + 1 ? .number : .word
                var u = WordUnit(text: text, span: Span(start: t.span.start, end: end), shape: shape)
                if shape == .word, u.letters == 0 {
                    // No letter at all: a number written with punctuation ("1990-2000").
                    u.shape = .number; u.isCapitalized = false; u.isAllCaps = false; u.isHyphenated = false
                }
                u.followsSpace = t.span.start != prevEnd || out.isEmpty
                // "Н." / "Н.Ә." : the trailing dot belongs to the initial.
                if u.shape == .word, j < tokens.count, isByte(tokens[j].text, 0x2E), tokens[j].span.start == end,
                   isInitialLetter(lastPart(text)) {
                    u.text += "."
                    u.span.end = tokens[j].span.end
                    u.isInitial = true
                    j += 1
                } else if u.shape == .word, isInitialsToken(text) {
                    u.isInitial = true
                }
                out.append(u)
                prevEnd = u.span.end
                i = j
            } else {
                var u = WordUnit(text: t.text, span: t.span, shape: .punctuation)
                u.followsSpace = t.span.start != prevEnd
                out.append(u)
                prevEnd = t.span.end
                i += 1
            }
        }
        let reading = Lexicon.shared.suffixChainReading(sentence.language)
        let suffixChainText = Lexicon.shared.hasSuffixChains(sentence.language)
        var atStart = true
        for k in out.indices {
            out[k].reading = reading
            out[k].inSuffixChainText = suffixChainText
            if out[k].isWord || out[k].shape == .number {
                out[k].isSentenceStart = atStart
                atStart = false
            } else if !(out[k].isQuote || out[k].mark == 0x28 || out[k].mark == 0x5B || out[k].isDash) {
                atStart = false
            }
        }
        return out
    }

    /// A letter-and-digit code that a "+N" extends into one name: "C5" (C5+1), "G7", "С5" in Cyrillic.
    static func isFormatCode(_ s: String) -> Bool {
        let sc = Array(s.unicodeScalars)
        guard let f = sc.first, TextNorm.isLetter(f.value), TextNorm.isUpper(f.value), sc.count <= 4 else { return false }
        return sc.contains { $0.value >= 0x30 && $0.value <= 0x39 }
    }

    /// Whether the string is exactly one ASCII byte.
    @inline(__always)
    static func isByte(_ s: String, _ b: UInt8) -> Bool { s.utf8.count == 1 && s.utf8.first == b }

    private static func lastPart(_ s: String) -> String {
        let sc = s.unicodeScalars
        if let dot = sc.lastIndex(of: ".") { return String(sc[sc.index(after: dot)...]) }
        return s
    }

    /// One uppercase letter (or a two-letter initial of `lexicon/person-patterns.tsv`: Дж, Sh), as initials are written.
    static func isInitialLetter(_ s: String) -> Bool {
        let sc = Array(s.unicodeScalars)
        guard let f = sc.first, TextNorm.isLetter(f.value), TextNorm.isUpper(f.value) else { return false }
        if sc.count == 1 { return true }
        return sc.count == 2 && TextNorm.isLetter(sc[1].value) && !TextNorm.isUpper(sc[1].value)
            && Lexicon.shared.initialDigraphs.contains(s)
    }

    /// "Н.Ә." or "A.D." as one token.
    static func isInitialsToken(_ s: String) -> Bool {
        guard s.utf8.last == 0x2E else { return false }
        let parts = s.split(separator: ".")
        return !parts.isEmpty && parts.allSatisfy { isInitialLetter(String($0)) }
    }

    /// Units of a free phrase (registry lookups): split on spaces, punctuation units for brackets and quotes.
    static func units(ofPhrase phrase: String) -> [WordUnit] {
        var out: [WordUnit] = []
        var offset = 0
        for raw in phrase.split(separator: " ", omittingEmptySubsequences: true) {
            var w = Substring(raw)
            while let f = w.first, "«\"“„(".contains(f) { w = w.dropFirst() }
            // A trailing apostrophe (the plural possessive: "presidents' meeting") stands apart in running text.
            while let l = w.last, "»\"”),;:.'’".contains(l), !(l == "." && isInitialsToken(String(w))) { w = w.dropLast() }
            guard !w.isEmpty else { continue }
            let len = w.unicodeScalars.count
            let initials = isInitialsToken(String(w))
            // Normalised like a text unit: an initial's trailing dot is not part of its scalars ("W." → "w").
            var u = WordUnit(text: initials ? String(w.dropLast()) : String(w), span: Span(start: offset, end: offset + len), shape: .word)
            if initials { u.text += "." }
            if w.unicodeScalars.allSatisfy({ !TextNorm.isLetter($0.value) }) { u.shape = .number }
            u.isInitial = initials
            out.append(u)
            offset += len + 1
        }
        return out
    }

    /// Normalised words of a registry name ("Организация «Центрально-Азиатское сотрудничество»" → 3 words).
    static func nameWords(_ name: String) -> [String] {
        units(ofPhrase: name).filter { $0.shape != .punctuation && !["—", "–", "-", "+"].contains($0.text) }.map(\.norm)
    }
}
