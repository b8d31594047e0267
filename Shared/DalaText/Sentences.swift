// Stage 5: sentences inside paragraphs, and tokens inside sentences, over the cleaned scalars.

/// Splits a paragraph into sentences, knowing Kazakh, Russian and English abbreviations and initials.
struct SentenceSplitter {
    let chars: CharClass
    let res: TextResources

    /// Sentence ranges (cleaned offsets, spaces trimmed) of the paragraph `[a, b)`.
    func split(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        var start = a
        while start < b && s[start] == " " { start += 1 }
        var k = start
        while k < b {
            let c = s[k]
            guard c == "." || c == "!" || c == "?" || c == "\u{2026}" else { k += 1; continue }
            var e = k + 1
            while e < b && (s[e] == "." || s[e] == "!" || s[e] == "?" || s[e] == "\u{2026}") { e += 1 }
            while e < b && CharClass.isClosingQuoteOrBracket(s[e]) { e += 1 }
            guard e < b, s[e] == " " else { k = e; continue }
            var m = e
            while m < b && s[m] == " " { m += 1 }
            guard m < b else { break }
            if isBoundary(s, start, k, e, m, b) {
                result.append((start, e))
                start = m
            }
            k = m
        }
        var end = b
        while end > start && s[end - 1] == " " { end -= 1 }
        if end > start { result.append((start, end)) }
        return result
    }

    private func isBoundary(_ s: [Unicode.Scalar], _ sentenceStart: Int, _ k: Int, _ e: Int, _ m: Int, _ b: Int) -> Bool {
        let next = s[m]
        let nextUpper = chars.isUpper(next) || chars.isDigit(next)
            || (CharClass.isOpeningQuoteOrBracket(next) && m + 1 < b && (chars.isUpper(s[m + 1]) || chars.isDigit(s[m + 1])))
        guard nextUpper else { return false }
        // Only a single dot needs the abbreviation checks; "!", "?", "…" and "..." end the sentence.
        guard s[k] == ".", e - k == 1 || (e > k + 1 && CharClass.isClosingQuoteOrBracket(s[k + 1])) else { return true }
        // A dot with a space on both sides ("Орталық . Азиядағы") is a stray mark, not a sentence end.
        if k > sentenceStart && s[k - 1] == " " && e - k == 1 { return false }
        if CharClass.isClosingQuoteOrBracket(s[k - 1 < sentenceStart ? k : k - 1]) { return true }
        // The word before the dot, with inner dots: "т.б", "Н.Ә", "гг", "2005".
        var w = k
        while w > sentenceStart && (chars.isLetterOrDigit(s[w - 1]) || (s[w - 1] == "." && w - 2 >= sentenceStart && chars.isLetter(s[w - 2]))) {
            w -= 1
        }
        if w == k { return true }
        // "1." opening a numbered paragraph is a list number.
        if w == sentenceStart && s[w..<k].allSatisfy({ chars.isDigit($0) }) && k - w <= 2 { return false }
        if s[w..<k].allSatisfy({ chars.isDigit($0) }) { return true }
        if isInitials(s, w, k) { return false }
        let word = wordHash(s[w..<k])
        if res.abbrevNever.contains(word) { return false }
        if res.abbrevEnd.contains(word) { return true }
        if res.abbrevDate.contains(word) {
            var n = m
            while n < b && (chars.isLetter(s[n]) || s[n] == "-") { n += 1 }
            return res.sentenceStarters.contains(wordHash(s[m..<n]))
        }
        return true
    }

    /// "Н.Ә", "А", "Дж", "Зб", "Х.Дж": every dot-separated piece is an upper-case letter, optionally
    /// followed by one lower-case consonant (a letter no language's `vowels.tsv` lists).
    private func isInitials(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Bool {
        var k = a
        while k < b {
            guard chars.isUpper(s[k]) else { return false }
            var e = k + 1
            while e < b && s[e] != "." { e += 1 }
            let len = e - k
            if len > 2 { return false }
            if len == 2 {
                let second = CharClass.lower(s[k + 1])
                if !chars.isLower(s[k + 1]) || res.vowels.contains(second) { return false }
            }
            k = e + 1
        }
        return true
    }

}

/// Splits a sentence into word, number, punctuation and symbol tokens.
struct Tokenizer {
    let chars: CharClass

    /// Token ranges (cleaned offsets) with their kinds.
    func tokens(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, into out: inout [(Int, Int, Token.Kind)]) {
        var k = a
        while k < b {
            let c = s[k]
            let f = chars.flags(c)
            if f.contains(.space) { k += 1; continue }
            if !f.isDisjoint(with: [.letter, .digit]) {
                var e = k + 1
                var hasLetter = f.contains(.letter)
                while e < b {
                    let g = chars.flags(s[e])
                    if !g.isDisjoint(with: [.letter, .digit, .mark]) {
                        if g.contains(.letter) { hasLetter = true }
                        e += 1; continue
                    }
                    // Inner joiners: "ОА-ның", "90-х", "18,9", "O'Neil".
                    let j = s[e]
                    if e + 1 < b, chars.isLetterOrDigit(s[e + 1]) {
                        if j == "-" || j == "'" || j == "\u{2019}" { e += 1; continue }
                        if (j == "," || j == ".") && chars.isDigit(s[e - 1]) && chars.isDigit(s[e + 1]) && !hasLetter {
                            e += 1; continue
                        }
                    }
                    break
                }
                out.append((k, e, hasLetter ? .word : .number))
                k = e
                continue
            }
            if c == "." {
                var e = k + 1
                while e < b && s[e] == "." { e += 1 }
                out.append((k, e, .punctuation)); k = e; continue
            }
            let kind: Token.Kind
            switch c.value {
            case 0x21, 0x22, 0x27...0x29, 0x2C, 0x2D, 0x3A, 0x3B, 0x3F, 0x5B, 0x5D, 0x7B, 0x7D, 0xAB, 0xBB,
                 0x2010...0x2015, 0x2018...0x201F, 0x2026:
                out.append((k, k + 1, .punctuation)); k += 1; continue
            case 0x23...0x26, 0x2A, 0x2B, 0x2F, 0x3C...0x3E, 0x40, 0x5C, 0x5E, 0x5F, 0x60, 0x7C, 0x7E, 0x2116, 0xA7, 0xB0:
                out.append((k, k + 1, .symbol)); k += 1; continue
            default: break
            }
            switch c.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation:
                kind = c == "%" || c == "№" || c == "#" || c == "&" || c == "@" || c == "/" ? .symbol : .punctuation
            default:
                kind = .symbol
            }
            out.append((k, k + 1, kind))
            k += 1
        }
    }
}
