import DalaText

/// A calendar value before it becomes a `TimeExpression`: what the text pins down, nothing more.
struct DateValue: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case day, month, year, decade, century }
    var kind: Kind
    var year: Int           // for a decade its first year (1990); for a century its number (20)
    var month = 0
    var day = 0

    var edtf: String {
        switch kind {
        case .day: return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        case .month: return "\(pad(year, 4))-\(pad(month, 2))"
        case .year: return pad(year, 4)
        case .decade: return String(pad(year, 4).prefix(3)) + "X"
        case .century: return "\(pad(year - 1, 2))XX"
        }
    }
    var first: String {
        switch kind {
        case .day: return edtf
        case .month: return "\(pad(year, 4))-\(pad(month, 2))-01"
        case .year, .decade: return "\(pad(year, 4))-01-01"
        case .century: return "\(pad((year - 1) * 100 + 1, 4))-01-01"
        }
    }
    var last: String {
        switch kind {
        case .day: return edtf
        case .month: return "\(pad(year, 4))-\(pad(month, 2))-\(pad(Self.daysIn(month: month, year: year), 2))"
        case .year: return "\(pad(year, 4))-12-31"
        case .decade: return "\(pad(year + 9, 4))-12-31"
        case .century: return "\(pad(year * 100, 4))-12-31"
        }
    }
    var precision: TimeExpression.Precision {
        switch kind {
        case .day: return .day
        case .month: return .month
        case .year: return .year
        case .decade: return .decade
        case .century: return .century
        }
    }
    /// The year a relative expression counts from (day, month and year precision only).
    var anchorYear: Int? { kind == .day || kind == .month || kind == .year ? year : nil }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

@inline(__always) func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// A time expression of one sentence, in atom coordinates, before relative ones are resolved.
struct RawTime: Sendable {
    enum Relation: Sendable { case point, since, until }
    var first: Int
    var last: Int
    var value: DateValue?            // nil for relative ones
    var rangeEnd: DateValue?         // set for A–B ranges
    var relation: Relation = .point
    // Relative: year offset from the context time or the document date; `month`/`day` when the text names them.
    var relativeOffset: Int?
    var documentAnchored = false
    /// `келесі жылы`: the year after a year named in the last sentences (the following year), else after publication.
    var near = false
    /// `в этот период`: the whole value of the time before.
    var period = false
    var relMonth = 0
    var relDay = 0
    /// What `relativeOffset` counts (days, weeks, months, a weekday; years by default).
    var unit: RelativeUnit = .year
    /// A day or month written without its year (`15 марта`, `July 4`): its year comes from the text or the publication date.
    var yearless = false
    /// The end of a yearless range (`3-4 шілде`, `с 24 августа по 4 сентября`).
    var relEndMonth = 0
    var relEndDay = 0
}

/// Proleptic Gregorian day arithmetic (days since 1970-01-01), pure.
enum CivilDay {
    static func number(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
    static func date(_ n: Int) -> (year: Int, month: Int, day: Int) {
        let z = n + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
    /// ISO weekday, Monday 1 … Sunday 7.
    static func weekday(_ n: Int) -> Int { ((n % 7 + 7 + 3) % 7) + 1 }
}

/// Finds time expressions by scanning atoms; no regular expressions.
struct TimeTagger: Sendable {
    let lex: Lexicon
    static let yearRange = 1000...2100

    // MARK: atom predicates

    func unit(_ a: Atom) -> Lexicon.UnitKind? { a.kind == .word && lex.units.mayStart(a.head) ? lex.units.best(a.text) : nil }
    func cue(_ a: Atom) -> Lexicon.CueKind? { a.kind == .word && lex.cues.mayStart(a.head) ? lex.cues.best(a.text) : nil }
    func month(_ a: Atom) -> Int? { a.kind == .word && lex.months.mayStart(a.head) ? lex.months.best(a.text) : nil }
    /// A time cue standing after its time (postposition languages only).
    func postCue(_ a: Atom) -> Lexicon.CueKind? { a.kind == .word && lex.postCues.mayStart(a.head) ? lex.postCues.best(a.text) : nil }
    func ordinal(_ a: Atom) -> Int? { a.kind == .word && lex.ordinals.mayStart(a.head) ? lex.ordinals.best(a.text) : nil }
    func numberWord(_ a: Atom) -> Int? { a.kind == .word && lex.numbers.mayStart(a.head) ? lex.numbers.best(a.text) : nil }

    /// A count at atom `j`: digits, a number word, or a compound of tens and units (`twenty-five`, `двадцать пять`,
    /// `жиырма бес`; teens only in verb-final languages, `он бес`, where Russian `он пять` is "he five"). Returns the
    /// value and the atom after it.
    func count(_ a: [Atom], _ j: Int, teens: Bool = false) -> (value: Int, next: Int)? {
        guard j < a.count else { return nil }
        if let v = a[j].number { return (v, j + 1) }
        guard let v = numberWord(a[j]) else {
            // One atom `twenty-five`.
            guard a[j].kind == .word, lex.numbers.mayStart(a[j].head), a[j].text.utf8.contains(UInt8(ascii: "-")) else { return nil }
            let parts = a[j].text.split(separator: "-", maxSplits: 1)
            guard parts.count == 2, let t = lex.numbers.best(String(parts[0])), t >= 20, t < 100, t % 10 == 0,
                  let u = lex.numbers.best(String(parts[1])), (1...9).contains(u) else { return nil }
            return (t + u, j + 1)
        }
        if v >= (teens ? 10 : 20), v < 100, v % 10 == 0 {
            var k = j + 1
            if k + 1 < a.count, a[k].isDash, a[k].glued, a[k + 1].glued { k += 1 }
            if k < a.count, a[k].text != "a", let u = numberWord(a[k]), (1...9).contains(u) { return (v + u, k + 1) }
        }
        return (v, j + 1)
    }

    /// The months a quarter or season covers (winter: December to February).
    static func months(of u: Lexicon.UnitKind, quarter: Int = 0) -> (first: Int, last: Int)? {
        switch u {
        case .quarter: return (1...4).contains(quarter) ? (3 * quarter - 2, 3 * quarter) : nil
        case .spring: return (3, 5)
        case .summer: return (6, 8)
        case .autumn: return (9, 11)
        case .winter: return (12, 2)
        default: return nil
        }
    }

    /// A quarter or season starting at atom `i`: `third quarter`, `третьем квартале`, `үшінші тоқсанда`, `3-м квартале`,
    /// `III квартал`, `Q3`, `spring`, `весной`, `көктемде`. Its months, whether it is a season, and its last atom.
    func partOfYear(_ a: [Atom], _ i: Int) -> (first: Int, last: Int, season: Bool, end: Int)? {
        guard i < a.count else { return nil }
        let x = a[i]
        switch x.kind {
        case .punct: return nil
        case .number: if x.text.utf8.count != 1 { return nil }
        case .word:
            // Cheap rejection: a quarter or season starts with a unit word, an ordinal, `q` or a Roman numeral.
            guard lex.units.mayStart(x.head) || lex.ordinals.mayStart(x.head) || x.text.utf8.count <= 3 else { return nil }
        }
        if x.kind == .word, let u = unit(x), u != .quarter, let m = Self.months(of: u) { return (m.first, m.last, true, i) }
        if x.kind == .word, x.text.utf8.count == 2, x.text.hasPrefix("q"), let n = Int(x.text.dropFirst()), (1...4).contains(n) {
            return (3 * n - 2, 3 * n, false, i)
        }
        if x.kind == .word, x.text == "q", i + 1 < a.count, a[i + 1].glued, let n = a[i + 1].number, (1...4).contains(n),
           a[i + 1].text.utf8.count == 1 {
            return (3 * n - 2, 3 * n, false, i + 1)
        }
        var n: Int?
        var j = i + 1
        if let o = ordinal(x) {
            n = o
        } else if x.kind == .word, x.text.utf8.count <= 3, let r = roman(x.text), r <= 4, x.text != "i" {
            n = r
        } else if let v = x.number, x.text.utf8.count == 1 {
            n = v
            if j + 1 < a.count, a[j].isDash, a[j].glued, a[j + 1].glued, a[j + 1].kind == .word { j += 2 }   // 3-м, 3-ші
            else if j < a.count, a[j].glued, unit(a[j]) == .ordinal { j += 1 }                              // 3rd
        }
        guard let q = n, j < a.count, unit(a[j]) == .quarter, let m = Self.months(of: .quarter, quarter: q) else { return nil }
        return (m.first, m.last, false, j)
    }

    /// A quarter or season with its year after it (`Q3 2024`, `third quarter of 2024`, `в третьем квартале 2024 года`,
    /// `весной 2025 года`, `spring of 2025`), or a relative year (`весной этого года`); a quarter alone takes its year
    /// from context or the publication date (`в третьем квартале`). A season alone is no date.
    private func partFirst(_ a: [Atom], _ i: Int) -> RawTime? {
        guard let p = partOfYear(a, i) else { return nil }
        var j = p.end + 1
        if j < a.count, a[j].text == "of" || a[j].text == "," { j += 1 }
        if j < a.count, let y = year(a[j]) {
            let last = yearUnitEnd(a, j)
            if blocked(a, j, last: last) { return nil }
            return monthRange(first: i, last: last, year: y, p.first, p.last)
        }
        if let rel = relative(a, p.end + 1), rel.unit == .year, rel.relMonth == 0, !rel.period {
            var r = rel
            r.first = i; r.relMonth = p.first; r.relEndMonth = p.last
            return r
        }
        guard !p.season else { return nil }
        var r = RawTime(first: i, last: p.end, value: nil)
        r.relativeOffset = 0; r.relMonth = p.first; r.relEndMonth = p.last; r.yearless = true
        return r
    }

    /// Months `m1`…`m2` of year `y` as a range (a winter named by its year starts in the December before).
    func monthRange(first: Int, last: Int, year y: Int, _ m1: Int, _ m2: Int) -> RawTime {
        let y1 = m2 < m1 ? y - 1 : y
        return RawTime(first: first, last: last, value: DateValue(kind: .month, year: y1, month: m1),
                       rangeEnd: DateValue(kind: .month, year: y, month: m2))
    }

    /// A weekday in a clause about the future (`will meet on Thursday`, `в пятницу состоится`, `жұмада өтеді`): a
    /// future word (`time_cues.tsv`, kind `future`) or a Kazakh future suffix within six words of it, in its clause.
    func future(_ a: [Atom], first: Int, last: Int, language: Language) -> Bool {
        let suffixes = lex.verbFinal.contains(language)
        func isFuture(_ x: Atom) -> Bool {
            guard x.kind == .word else { return false }
            switch cue(x) {
            case .future: return true
            case .past: return false    // `қабылдады`, `сөйледі`: a past verb that looks like the aorist
            default: break
            }
            guard suffixes else { return false }
            return lex.futureSuffixes.contains { x.text.hasSuffix($0.suffix) && x.text.unicodeScalars.count > $0.scalars + 1 }
        }
        return nearby(a, first: first, last: last, isFuture)
    }

    /// A yearless date in a clause about the past (`ещё в феврале объявивший`, `in June the two presidents met`): a past
    /// word (`time_cues.tsv` kind `past`) or a lower-case word with a past ending (kind `past-suffix`) within six words of
    /// it, in its clause. (Asked only when the clause is not about the future.)
    func past(_ a: [Atom], first: Int, last: Int, language: Language) -> Bool {
        let suffixes = lex.pastSuffixes[language] ?? []
        func isPast(_ x: Atom) -> Bool {
            guard x.kind == .word else { return false }
            switch cue(x) {
            case .past: return true
            case .notPast: return false
            default: break
            }
            guard !x.capitalized else { return false }
            return suffixes.contains { x.text.hasSuffix($0.suffix) && x.text.unicodeScalars.count >= $0.scalars + 3 }
        }
        return nearby(a, first: first, last: last, isPast)
    }

    /// Whether a word within `tenseReach` words before or after atoms `first…last`, in their clause (no punctuation
    /// between), passes `test`.
    func nearby(_ a: [Atom], first: Int, last: Int, _ test: (Atom) -> Bool) -> Bool {
        var j = first - 1, n = 0
        while j >= 0, n < Self.tenseReach, a[j].kind != .punct { if test(a[j]) { return true }; j -= 1; n += 1 }
        j = last + 1; n = 0
        while j < a.count, n < Self.tenseReach, a[j].kind != .punct { if test(a[j]) { return true }; j += 1; n += 1 }
        return false
    }

    /// How many words either side of a time a tense word may stand.
    static let tenseReach = 6

    func year(_ a: Atom) -> Int? {
        guard a.kind == .number, a.text.utf8.count == 4, let n = Int(a.text), Self.yearRange.contains(n) else { return nil }
        return n
    }

    func day(_ a: Atom) -> Int? {
        guard a.kind == .number, a.text.utf8.count <= 2, let n = Int(a.text), (1...31).contains(n) else { return nil }
        return n
    }

    /// The value of a Roman digit (folded).
    @inline(__always)
    static func romanDigit(_ u: Unicode.Scalar) -> Int? {
        switch u {
        case "i": return 1
        case "l": return 50
        case "v": return 5
        case "x": return 10
        default: return nil
        }
    }

    /// A Roman numeral from 1 to 21; its letters may be the Cyrillic look-alikes of `lex.romanLookalikes` (`ххі`).
    func roman(_ s: String) -> Int? {
        var total = 0, prev = 0
        for u in s.unicodeScalars.reversed() {
            guard let v = Self.romanDigit(u) ?? romanLookalike(u) else { return nil }
            if v < prev { total -= v } else { total += v; prev = v }
        }
        return (1...21).contains(total) ? total : nil
    }

    /// The value of a Cyrillic letter standing for a Roman digit (`х` as X, Kazakh `і` as I in `ХХІ`).
    @inline(__always)
    private func romanLookalike(_ u: Unicode.Scalar) -> Int? {
        for p in lex.romanLookalikes where p.cyrillic == u { return Self.romanDigit(p.latin) }
        return nil
    }

    // MARK: sentence scan

    /// Time expressions of one sentence, in order.
    func scan(_ a: [Atom], language: Language) -> [RawTime] {
        var out: [RawTime] = []
        var i = 0
        let teens = lex.verbFinal.contains(language)
        while i < a.count {
            if let r = parse(a, i, language: language, teens: teens) {
                out.append(r)
                i = r.last + 1
            } else {
                i += 1
            }
        }
        return mergeRanges(a, out)
    }

    /// `teens`: the language is verb-final (`lex.verbFinal`), asked once per sentence.
    private func parse(_ a: [Atom], _ i: Int, language: Language, teens: Bool) -> RawTime? {
        let x = a[i]
        if let r = relative(a, i, teens: teens) { return extendRelative(a, r) }
        if let r = partFirst(a, i) { return r }
        switch x.kind {
        case .number:
            if year(x) != nil { return yearExpression(a, i) }
            if let r = numericDate(a, i) { return r }
            if let e = dayRangeEnd(a, i), let d = day(x), let d2 = day(a[e]), e + 1 < a.count {
                if let m = month(a[e + 1]) { return dayMonth(a, i, day: d, month: m, at: e + 1, endDay: d2) }
                if let k = hyphenatedMonth(a, e + 1), let m = month(a[k]) { return dayMonth(a, i, day: d, month: m, at: k, endDay: d2) }
            }
            if let d = day(x), i + 1 < a.count, let m = month(a[i + 1]) { return dayMonth(a, i, day: d, month: m, at: i + 1) }
            if let d = day(x), let k = hyphenatedMonth(a, i + 1), let m = month(a[k]) { return dayMonth(a, i, day: d, month: m, at: k) }
            if let r = twoDigitDecade(a, i) { return r }
            if let r = arabicCentury(a, i) { return r }
            return nil
        case .word:
            if let m = month(x) { return monthFirst(a, i, month: m) ?? bareMonth(a, i, month: m, language: language) }
            if let c = roman(x.text), i + 1 < a.count, unit(a[i + 1]) == .century,
               !lex.prepositionAbbreviations.contains(a[i + 1].text) || (i + 2 < a.count && a[i + 2].text == ".") {
                var last = i + 1
                if i + 2 < a.count, a[i + 2].text == ".", a[i + 1].text.utf8.count <= 4 { last = i + 2 }
                // `ХХ ғасырдың 90-жылдары`: the decade of that century.
                if last + 1 < a.count, let d = twoDigitDecade(a, last + 1), let v = d.value {
                    return RawTime(first: i, last: d.last, value: DateValue(kind: .decade, year: (c - 1) * 100 + v.year % 100))
                }
                return RawTime(first: i, last: last, value: DateValue(kind: .century, year: c))
            }
            return nil
        case .punct:
            return nil
        }
    }

    /// A number that is not a year: part of a code (`23.00.04`), a page (`с. 2011`), or an amount (`2018 млн`).
    private func blocked(_ a: [Atom], _ i: Int, last: Int) -> Bool {
        if i >= 2, a[i].glued, a[i - 1].glued, a[i - 1].text == "." || a[i - 1].text == ",", a[i - 2].kind == .number {
            return true
        }
        if last + 2 < a.count, a[last + 1].text == "." || a[last + 1].text == ",", a[last + 1].glued,
           a[last + 2].kind == .number, a[last + 2].glued { return true }
        if last + 1 < a.count, let u = unit(a[last + 1]), u == .amount || u == .page { return true }
        if last + 1 < a.count, a[last + 1].text == "%" { return true }
        if i >= 1, a[i - 1].text == "№" { return true }
        if i >= 2, a[i - 1].text == ".", lex.pageAbbreviations.contains(a[i - 2].text) { return true }
        return false
    }

    /// `1997 жылы`, `2005 г.`, `1990-е годы`, `1990s`, `2014-2020 годы`, `2008 жылдың мамыр айында`,
    /// `2022 жылдың 17 қарашасында`, `в 1999 г.`, `in 1997`, `(…, 1996)`.
    private func yearExpression(_ a: [Atom], _ i: Int) -> RawTime? {
        guard let y = year(a[i]) else { return nil }
        var last = i
        // Range: 2014-2020, 2019–2023.
        if i + 2 < a.count, a[i + 1].isDash, let y2 = year(a[i + 2]), y2 > y, y2 - y <= 200 {
            last = i + 2
            var hasUnit = false
            if last + 1 < a.count, let u = unit(a[last + 1]), u == .year || u == .years {
                last += 1; hasUnit = true
                if last + 1 < a.count, a[last + 1].text == ".", a[last].text.utf8.count <= 4 { last += 1 }
            }
            if blocked(a, i, last: last) { return nil }
            _ = hasUnit
            return RawTime(first: i, last: last, value: DateValue(kind: .year, year: y), rangeEnd: DateValue(kind: .year, year: y2))
        }
        var kind = DateValue.Kind.year
        var hasUnit = false
        // Decade suffixes glued by a hyphen or directly: 1990-е, 1990-х, 1990s.
        if i + 2 < a.count, a[i + 1].isDash, a[i + 1].glued, a[i + 2].glued, unit(a[i + 2]) == .decade, y % 10 == 0 {
            kind = .decade; last = i + 2; hasUnit = true
        } else if i + 1 < a.count, a[i + 1].glued, a[i + 1].text == "s", y % 10 == 0 {
            kind = .decade; last = i + 1; hasUnit = true
        }
        // Year word, possibly after a hyphen (1990-жылдары).
        var next = last + 1
        if next + 1 < a.count, a[next].isDash, a[next].glued, unit(a[next + 1]) != nil, unit(a[next + 1]) != .decade { next += 1 }
        if next < a.count, let u = unit(a[next]), u == .year || u == .years {
            if u == .years && y % 10 == 0 && !lex.unitAbbreviations.contains(a[next].text) && kind == .year { kind = .decade }
            last = next; hasUnit = true
            if last + 1 < a.count, a[last + 1].text == ".", a[last].text.utf8.count <= 2 { last += 1 }
        }
        if blocked(a, i, last: last) { return nil }
        // Left context: `30 апреля 1994`, `в декабре 2005 г.`, `June 15, 2001` are handled from their first word;
        // here only the bare year needs a cue.
        if !hasUnit {
            let before = i >= 1 ? a[i - 1] : nil
            let cued = before.map { b in cue(b).map { $0 != .page && $0 != .future } ?? false } ?? false
            let parenthesised = last + 1 < a.count && a[last + 1].text == ")"
                && (before?.text == "(" || before?.text == ",")
            let englishEra = last + 1 < a.count && (a[last + 1].text == "ad" || a[last + 1].text == "bc")
            guard cued || parenthesised || englishEra else { return nil }
        }
        var r = RawTime(first: i, last: last, value: DateValue(kind: kind, year: y))
        // Kazakh order: year word, then day and month or month alone (`1994 жылғы 29 наурыз`, `2009 жылдың ақпанында`).
        if hasUnit && kind == .year {
            var j = last + 1
            if j < a.count, a[j].text == "." { j += 1 }
            if j + 1 < a.count, let d = day(a[j]), let k = month(a[j + 1]) != nil ? j + 1 : hyphenatedMonth(a, j + 1),
               let m = month(a[k]) {
                r.value = DateValue(kind: .day, year: y, month: m, day: min(d, DateValue.daysIn(month: m, year: y)))
                r.last = k
            } else if j < a.count, let m = month(a[j]) {
                r.value = DateValue(kind: .month, year: y, month: m)
                r.last = j
                if j + 1 < a.count, unit(a[j + 1]) == .month { r.last = j + 1 }   // `мамыр айында`
            } else if let p = partOfYear(a, j) {                                       // `2024 жылдың үшінші тоқсанында`
                r = monthRange(first: i, last: p.end, year: y, p.first, p.last)
            } else if j < a.count, lex.yearEnds.contains(where: { $0.forms[0].matches(a[i + 1].text) && $0.forms[1].matches(a[j].text) }) {  // `2025 жылдың соңына дейін`
                r.value = DateValue(kind: .month, year: y, month: 12)
                r.last = j
            }
        }
        return r
    }

    /// `29.03.1994`
    private func numericDate(_ a: [Atom], _ i: Int) -> RawTime? {
        guard i + 4 < a.count, let d = day(a[i]), a[i + 1].text == ".", let m = a[i + 2].number, (1...12).contains(m),
              a[i + 3].text == ".", let y = year(a[i + 4]), a[i + 1].glued, a[i + 2].glued, a[i + 3].glued, a[i + 4].glued,
              a[i + 2].text.utf8.count == 2 else { return nil }
        if i + 6 < a.count, a[i + 5].text == ".", a[i + 6].kind == .number, a[i + 5].glued { return nil }
        var last = i + 4
        if last + 1 < a.count, let u = unit(a[last + 1]), u == .year { last += 1 }
        return RawTime(first: i, last: last, value: DateValue(kind: .day, year: y, month: m, day: min(d, DateValue.daysIn(month: m, year: y))))
    }

    /// The last atom of a year at `j` with its optional unit word (`1994 г.`, `1994 жылы`, `2005 ж.`).
    private func yearUnitEnd(_ a: [Atom], _ j: Int) -> Int {
        var last = j
        if last + 1 < a.count, let u = unit(a[last + 1]), u == .year {
            last += 1
            if last + 1 < a.count, a[last + 1].text == ".", a[last].text.utf8.count <= 2 { last += 1 }
        }
        return last
    }

    /// The month atom of a day written with a hyphen before its month (Kyrgyz `4-майында`), when `k` is that hyphen.
    private func hyphenatedMonth(_ a: [Atom], _ k: Int) -> Int? {
        guard k + 1 < a.count, a[k].isDash, a[k].glued, a[k + 1].glued, a[k + 1].kind == .word else { return nil }
        return k + 1
    }

    /// `30 апреля 1994 г.`, `15 June 2001`, `29 наурызда` (year from context), `4-майында`; the month is atom `at`.
    private func dayMonth(_ a: [Atom], _ i: Int, day d: Int, month m: Int, at monthAtom: Int, endDay: Int = 0) -> RawTime? {
        var j = monthAtom + 1
        if j < a.count, a[j].text == "." , a[monthAtom].text.utf8.count <= 8, a[j].glued, j + 1 < a.count, year(a[j + 1]) != nil { j += 1 }
        if j < a.count, a[j].text == "," { j += 1 }
        if j < a.count, let y = year(a[j]) {
            let last = yearUnitEnd(a, j)
            var r = RawTime(first: i, last: last, value: DateValue(kind: .day, year: y, month: m, day: min(d, DateValue.daysIn(month: m, year: y))))
            if endDay > 0 { r.rangeEnd = DateValue(kind: .day, year: y, month: m, day: min(endDay, DateValue.daysIn(month: m, year: y))) }
            return r
        }
        // A day and month with the year left to context; `того же года` after it names that.
        var r = RawTime(first: i, last: monthAtom, value: nil)
        r.relativeOffset = 0; r.relMonth = m; r.relDay = d; r.yearless = true
        if endDay > 0 { r.relEndMonth = m; r.relEndDay = endDay }
        if let rel = relative(a, monthAtom + 1), rel.unit == .year {
            r.last = rel.last; r.relativeOffset = rel.relativeOffset; r.documentAnchored = rel.documentAnchored; r.yearless = false
        }
        return r
    }

    /// `3-4 шілде`, `15–16 сентября`, `с 18 по 23 октября`, `from 9 to 11 December`: the atom of the second day, when
    /// atom `i` (a day) starts such a range; `to`-word ranges need a `from`/`since` word before the first day.
    private func dayRangeEnd(_ a: [Atom], _ i: Int) -> Int? {
        guard i + 2 < a.count, let d = day(a[i]), let d2 = day(a[i + 2]), d2 > d else { return nil }
        if a[i + 1].isDash { return i + 2 }
        if cue(a[i + 1]) == .to, i >= 1, let c = cue(a[i - 1]), c == .since || c == .from { return i + 2 }
        return nil
    }

    /// `в декабре 2005 г.`, `январь 1995`, `June 15, 2001`, `June 2001`, `в мае того же года`.
    private func monthFirst(_ a: [Atom], _ i: Int, month m: Int) -> RawTime? {
        var j = i + 1
        var d = 0
        var endDay = 0
        // `Aug. 31`, `Sept. 7, 2013`: an abbreviated month keeps its point.
        if j + 1 < a.count, a[j].text == ".", a[j].glued, a[i].text.utf8.count <= 4, a[j + 1].kind == .number { j += 1 }
        if j < a.count, let dd = day(a[j]) {
            d = dd
            if let e = dayRangeEnd(a, j) ?? (j + 2 < a.count && cue(a[j + 1]) == .to && i >= 1 && [.from, .since].contains(cue(a[i - 1])) ? j + 2 : nil),
               let d2 = day(a[e]), d2 > d {
                endDay = d2; j = e
            }
            j += 1
            if j < a.count, a[j].glued, unit(a[j]) == .ordinal { j += 1 }          // `July 4th`
            if j < a.count, a[j].text == "," { j += 1 }
        }
        if j < a.count, let y = year(a[j]) {
            let last = yearUnitEnd(a, j)
            if blocked(a, j, last: last) { return nil }
            let v = d > 0 ? DateValue(kind: .day, year: y, month: m, day: min(d, DateValue.daysIn(month: m, year: y)))
                : DateValue(kind: .month, year: y, month: m)
            var r = RawTime(first: i, last: last, value: v)
            if endDay > 0 { r.rangeEnd = DateValue(kind: .day, year: y, month: m, day: min(endDay, DateValue.daysIn(month: m, year: y))) }
            return r
        }
        // `July 4`, `Aug. 31`, `Jan. 5-6` without a year: the year comes from context or the publication date.
        if d > 0 {
            var last = j - 1
            while last > i, a[last].text == "," { last -= 1 }
            var r = RawTime(first: i, last: last, value: nil)
            r.relativeOffset = 0; r.relMonth = m; r.relDay = d; r.yearless = true
            if endDay > 0 { r.relEndMonth = m; r.relEndDay = endDay }
            return r
        }
        if d == 0, let rel = relative(a, i + 1), rel.relativeOffset != nil {
            var r = rel
            r.first = i; r.relMonth = m
            return r
        }
        return nil
    }

    /// A month named alone: `в марте`, `in December`, `since January`, `мамыр айында`, `қыркүйекке дейін`. It needs
    /// a time word before it (`time_cues.tsv`: in, since, until, from), the month word after it (`time_units.tsv` kind
    /// `month`: `ай…`), or a postposition after it (since, until); its year comes from context or the publication date.
    private func bareMonth(_ a: [Atom], _ i: Int, month m: Int, language: Language) -> RawTime? {
        var last = i
        var ok = false
        // Months in the locative (`lex.locativeEndings`, from `suffixes.tsv`) are times by themselves in a verb-final
        // language (`желтоқсанда`, `қыркүйекте`); not a month that is also a name (`қазанда`, also Kazan).
        if lex.monthsAlsoNames.best(a[i].text) == nil, lex.verbFinal.contains(language), lex.locativeEndings.contains(where: { a[i].text.hasSuffix($0) }) { ok = true }
        if i >= 1, let c = cue(a[i - 1]), c == .in || c == .since || c == .until || c == .from { ok = true }
        if i + 1 < a.count, a[i + 1].kind == .word, let u = unit(a[i + 1]), u == .month { ok = true; last = i + 1 }
        if i + 1 < a.count, let c = postCue(a[i + 1]), c == .since || c == .until { ok = true }
        guard ok, !blocked(a, i, last: last) else { return nil }
        var r = RawTime(first: i, last: last, value: nil)
        r.relativeOffset = 0; r.relMonth = m; r.yearless = true
        return r
    }

    /// `90-х годов`, `90-е годы`, `в 90-е`, `90-жылдары`, optionally `XX века` after it.
    private func twoDigitDecade(_ a: [Atom], _ i: Int) -> RawTime? {
        guard let n = a[i].number, a[i].text.utf8.count == 2, n % 10 == 0 else { return nil }
        var last = i
        var ok = false
        if i + 2 < a.count, a[i + 1].isDash, a[i + 1].glued, a[i + 2].glued {
            if unit(a[i + 2]) == .decade { last = i + 2; ok = true }
            if unit(a[i + 2]) == .years { last = i + 2; ok = true }
        }
        if !ok, i + 1 < a.count, unit(a[i + 1]) == .years { last = i + 1; ok = true }
        guard ok else { return nil }
        if last + 1 < a.count, unit(a[last + 1]) == .years { last += 1 }
        var century = n <= 10 ? 21 : 20
        if last + 2 < a.count, let c = roman(a[last + 1].text), unit(a[last + 2]) == .century {
            century = c; last += 2
            if last + 1 < a.count, a[last + 1].text == ".", a[last].text.utf8.count <= 2 { last += 1 }
        }
        return RawTime(first: i, last: last, value: DateValue(kind: .decade, year: (century - 1) * 100 + n))
    }

    /// `21 век`, `20th century`, `21-ші ғасыр`.
    private func arabicCentury(_ a: [Atom], _ i: Int) -> RawTime? {
        guard let n = a[i].number, (1...21).contains(n) else { return nil }
        var j = i + 1
        if j + 1 < a.count, a[j].glued, unit(a[j]) == .ordinal || (a[j].isDash && unit(a[j + 1]) == .ordinal) {
            j += a[j].isDash ? 2 : 1
        }
        guard j < a.count, unit(a[j]) == .century, !lex.unitAbbreviations.contains(a[j].text) else { return nil }
        return RawTime(first: i, last: j, value: DateValue(kind: .century, year: n))
    }

    /// A relative year followed by what it dates (Kazakh order): `сол жылдың 15 наурызында`, `сол жылдың наурызында`,
    /// `келесі жылдың бірінші тоқсанында`, `биыл күзде`.
    private func extendRelative(_ a: [Atom], _ rel: RawTime) -> RawTime {
        guard rel.unit == .year, rel.relMonth == 0, !rel.period, rel.relativeOffset != nil else { return rel }
        var r = rel
        let j = rel.last + 1
        guard j < a.count else { return rel }
        if let d = day(a[j]), j + 1 < a.count, let k = month(a[j + 1]) != nil ? j + 1 : hyphenatedMonth(a, j + 1), let m = month(a[k]) {
            r.relDay = d; r.relMonth = m; r.last = k
        } else if let m = month(a[j]) {
            r.relMonth = m; r.last = j
            if j + 1 < a.count, unit(a[j + 1]) == .month { r.last = j + 1 }   // `наурыз айында`
        } else if let p = partOfYear(a, j) {
            r.relMonth = p.first; r.relEndMonth = p.last; r.last = p.end
        }
        return r
    }

    /// A phrase from `relative_times.tsv` starting at atom `i`.
    func relative(_ a: [Atom], _ i: Int, teens: Bool = false) -> RawTime? {
        guard i < a.count else { return nil }
        var best: RawTime?
        if a[i].kind == .word, lex.relativeIndex.mayStart(a[i].head) {
            lex.relativeIndex.forEachMatch(a[i].text) { c, _ in tryRelative(c, a, i, teens: teens, &best) }
        }
        // Patterns starting with a count: the count is read once, and only patterns whose second word can follow it
        // are tried, in table order (the scalar trie finds every form `Form.matches` accepts, and more).
        let counted = a[i].kind == .number || (a[i].kind == .word && lex.numbers.mayStart(a[i].head)) ? count(a, i, teens: teens) : nil
        if let counted {
            var ids = lex.numberFirstOthers
            let j = counted.next
            if j < a.count, a[j].kind == .word, lex.numberSecondIndex.mayStart(a[j].head) {
                lex.numberSecondIndex.forEachMatch(a[j].text) { c, _ in ids.append(c) }
            }
            ids.sort()
            for c in ids { tryRelative(c, a, i, teens: teens, &best, counted: counted) }
        }
        return best
    }

    /// Matches relative pattern `c` at atom `i`; keeps it in `best` when it is longer.
    @inline(__always)
    /// `counted`: the count at `i` when the caller has read it.
    private func tryRelative(_ c: Int, _ a: [Atom], _ i: Int, teens: Bool = false, _ best: inout RawTime?,
                             counted: (value: Int, next: Int)? = nil) {
        let rel = lex.relatives[c]
        var n = 1
        var j = i
        var ok = true
        for f in rel.pattern.forms {
            // Skip punctuation-free matching only: patterns are consecutive words.
            guard j < a.count else { ok = false; break }
            if f.isNumber {
                guard let c = (j == i ? counted : nil) ?? count(a, j, teens: teens) else { ok = false; break }
                n = c.value; j = c.next
                continue
            } else if !(a[j].kind == .word && f.matches(a[j].text)) { ok = false; break }
            j += 1
        }
        guard ok else { return }
        if let b = best, b.last >= j - 1 { return }
        var r = RawTime(first: i, last: j - 1, value: nil)
        r.relativeOffset = rel.timesN ? rel.offset * n : rel.offset
        r.documentAnchored = rel.documentAnchored
        r.near = rel.near
        r.period = rel.period
        r.unit = rel.unit
        best = r
    }

    // MARK: ranges and open ends

    /// Joins `с 1992 по 1998`, `from 1992 to 1998`, `1992 жыл мен 1998 жылдың … аралығында`,
    /// `2019 жылдың қазанынан 2023 жылдың сәуіріне дейінгі`; marks `с 2002 г.` and `2001 жылға дейін` as open.
    private func mergeRanges(_ a: [Atom], _ times: [RawTime]) -> [RawTime] {
        var out: [RawTime] = []
        var k = 0
        while k < times.count {
            var t = times[k]
            var before = t.first >= 1 ? cue(a[t.first - 1]) : nil
            if before == .article, t.first >= 2 { before = cue(a[t.first - 2]) }          // `since the 1990s`
            let after = t.last + 1 < a.count ? postCue(a[t.last + 1]) : nil
            if k + 1 < times.count, t.value != nil, t.rangeEnd == nil, let next = times[k + 1].value, times[k + 1].rangeEnd == nil {
                let u = times[k + 1]
                let gap = u.first - t.last - 1
                let sep = gap == 1 ? cue(a[t.last + 1]) : nil
                let lastWord = a[t.last].text
                let ablative = lex.ablativeEndings.contains(where: { lastWord.hasSuffix($0) })
                let untilAfter = u.last + 1 < a.count ? postCue(a[u.last + 1]) : nil
                let opened = before == .since || before == .from || before == .between || ablative
                let closedBy = sep == .to || sep == .until || untilAfter == .until || untilAfter == .between
                if gap <= 1 && (opened && (gap == 0 || closedBy) || (sep == .to && untilAfter == .between)) {
                    t.rangeEnd = next
                    t.last = u.last
                    if untilAfter == .until || untilAfter == .between { t.last = u.last + 1 }
                    out.append(t)
                    k += 2
                    continue
                }
            }
            // `с 28 марта по 7 апреля`, `from August 31 to September 1`: two yearless days make one range.
            if k + 1 < times.count, t.yearless, t.relEndDay == 0, t.relDay > 0, times[k + 1].yearless, times[k + 1].relEndDay == 0,
               times[k + 1].relDay > 0, times[k + 1].first == t.last + 2, cue(a[t.last + 1]) == .to,
               before == .since || before == .from {
                t.relEndMonth = times[k + 1].relMonth; t.relEndDay = times[k + 1].relDay; t.last = times[k + 1].last
                out.append(t)
                k += 2
                continue
            }
            if (t.value != nil && t.rangeEnd == nil) || (t.yearless && t.relEndDay == 0) {
                if before == .since || after == .since { t.relation = .since }
                if before == .until || after == .until { t.relation = .until }
            }
            out.append(t)
            k += 1
        }
        return out
    }
}
