// Line pass 2: lines that must stand alone (headings, keyword lists, abstracts, authors, affiliations, captions,
// list items).
extension LineModel {
    func role(of l: Line, paragraphStart: Bool) -> LineRole {
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

    func isCaption(_ l: Line) -> Bool {
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

    /// "А.Д. Арбашиева", "Ivanov I.I., Petrov P.": capitalised words and initials only.
    func isAuthors(_ l: Line) -> Bool {
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
            } else if !res.nameConnectors.contains(wordHash(text[k..<e])) {
                return false
            }
            k = e
        }
        return initials >= 1 && words >= 1 && words <= 8
    }

    func isAffiliation(_ l: Line) -> Bool {
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
}
