// Line pass 3: how each text line joins the next (paragraph break, space, hyphenation kept, dropped or lost).
extension LineModel {
    mutating func wordSet() -> HashSet64 {
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
    func continuesBrokenLine(_ a: Int) -> Bool {
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

    mutating func decide(_ i: Int, _ j: Int, width: Double, visualLength: Double, oneParagraphPerLine: Bool,
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

    func endsSentence(_ l: Line) -> Bool {
        var k = l.te - 1
        while k > l.ts && CharClass.isClosingQuoteOrBracket(text[k]) { k -= 1 }
        let c = text[k]
        return CharClass.isTerminalPunctuation(c) || c == ":" || c == ";"
    }

    func endsWithInitial(_ l: Line) -> Bool {
        // "... Н.Ә." or "... Э." : an upper-case letter (or two: "Дж.") before the final dot.
        guard l.length >= 2, last(l) == "." else { return false }
        var k = l.te - 2
        var letters = 0
        while k >= l.ts && chars.isLetter(text[k]) { letters += 1; k -= 1 }
        guard letters >= 1 && letters <= 2 else { return false }
        if letters == 2 && !chars.isLower(text[k + 2]) { return false }   // "ЕС." is an acronym, "Дж." an initial
        return chars.isUpper(text[k + 1]) && (k < l.ts || !chars.isLetter(text[k]))
    }

    mutating func hyphenDecision(_ l1: Line, _ l2: Line) -> JoinKind {
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
        // A compound of a linking vowel and an adjective ending of one language (`водно-`⏎`энергетических`).
        if let last = lower.last, left.count >= 4 && right.count >= 6,
           res.linkedCompounds.contains(where: { $0.linking.contains(last) && hasEnding(rightLower, $0.rightEndings) }) {
            return .keepHyphen
        }
        // An adjective opening a compound (`экспорттық-`⏎`шикізаттық`).
        if left.count >= 5 && right.count >= 5 && hasEnding(lower, res.leftEndings) { return .keepHyphen }
        return .dropHyphen
    }

    func hasEnding(_ word: [Unicode.Scalar], _ endings: [[Unicode.Scalar]]) -> Bool {
        for e in endings where word.count > e.count && Array(word.suffix(e.count)) == e { return true }
        return false
    }

    /// Without a trailing-space convention: join `Өз`⏎`бекстан` when the joined word occurs elsewhere and the
    /// second half does not occur as a word of its own.
    mutating func lostHyphenByLexicon(_ l1: Line, _ l2: Line) -> Bool {
        var a = l1.te
        while a > l1.ts && chars.isLetter(text[a - 1]) { a -= 1 }
        var b = l2.ts
        while b < l2.te && chars.isLetter(text[b]) { b += 1 }
        let words = wordSet()
        let joined = Array(text[a..<l1.te]) + Array(text[l2.ts..<b])
        return words.contains(wordHash(joined[...])) && !words.contains(wordHash(text[l2.ts..<b]))
    }
}
