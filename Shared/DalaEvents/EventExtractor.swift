import DalaEntities
import DalaText

/// Finds time expressions, events and keywords in analysed text. Pure: no I/O after `init`.
public struct EventExtractor: Sendable {
    /// Version of the extractor, stored with every event. Bump when output changes.
    public static let version = "events-1.3.0"

    let lex: Lexicon
    let tagger: TimeTagger
    let knowledgeBase: KnowledgeBase?
    let registry: EventDetector.RegistryTables

    /// Loads the data files once, and the default knowledge base (people's roles and periods) when it loads.
    public init() throws {
        try self.init(knowledgeBase: try? KnowledgeBase.loadDefault())
    }

    /// An extractor that takes people's roles from `knowledgeBase` (nil: statements stay with the person only).
    public init(knowledgeBase: KnowledgeBase?) throws {
        switch Lexicon.shared {
        case .success(let l): lex = l
        case .failure(let e): throw e
        }
        tagger = TimeTagger(lex: lex)
        self.knowledgeBase = knowledgeBase
        registry = EventDetector.RegistryTables(knowledgeBase)
    }

    /// Sections whose sentences carry no events or dates of the text's story.
    static let skippedSections: Set<String> = ["references", "referencesHeading", "authors", "affiliation", "keywords"]

    /// Extracts time expressions, events and keywords from one text.
    /// - Parameters:
    ///   - text: the original text (spans index its Unicode scalars).
    ///   - sentences: stage 1 output for `text`.
    ///   - entities: stage 2 output for `text`.
    ///   - documentDate: ISO date (`2016-06-01`, `2016-06` or `2016`) the text was written, when known;
    ///     deictic expressions (`бүгінде`, `десять лет назад`) resolve against it.
    public func extract(text: String, sentences: [Sentence], entities: EntityAnalysis, documentDate: String?) -> EventAnalysis {
        let original = ScalarText(text)
        var atoms: [[Atom]] = []
        atoms.reserveCapacity(sentences.count)
        var quoteCarry = 0
        var quoteAge = 0
        for s in sentences {
            var a = Atoms.of(s)
            // A quotation may run over several sentences: carry its depth, but not for long (unbalanced quotes).
            if quoteCarry > 0 {
                quoteAge += 1
                if quoteAge > 4 { quoteCarry = 0 }
                for k in a.indices { a[k].quoteDepth += quoteCarry }
            }
            if let lastDepth = a.last?.quoteDepth {
                if lastDepth > 0 && quoteCarry == 0 { quoteAge = 0 }
                quoteCarry = lastDepth
            }
            atoms.append(a)
        }
        let times = resolveTimes(sentences: sentences, atoms: atoms, original: original, documentDate: documentDate)
        let detector = EventDetector(lex: lex, knowledgeBase: knowledgeBase, registry: registry)
        let events = detector.detect(sentences: sentences, atoms: atoms, times: times, entities: entities, original: original,
                                     publication: Self.documentDay(documentDate))
        let keywords = KeywordExtractor(lex: lex).extract(sentences: sentences, atoms: atoms, original: original)
        return EventAnalysis(times: times.flatMap { $0.map(\.expression) }, events: events, keywords: keywords)
    }

    /// A time expression with its atom range in its sentence.
    struct PlacedTime: Sendable {
        var expression: TimeExpression
        var first: Int
        var last: Int
        var explicit: Bool
    }

    /// `base + offset` when both are plausible and the sum is a year the tagger reads, else nil.
    /// The publication date's parts (`2024-07-04`, `2024-07` or `2024`; month and day 0 when not given).
    static func documentDay(_ s: String?) -> (year: Int, month: Int, day: Int)? {
        guard let s else { return nil }
        let parts = s.split(separator: "-").map { Int($0) }
        guard let y = parts.first ?? nil, TimeTagger.yearRange.contains(y) else { return nil }
        let m = parts.count > 1 ? parts[1] ?? 0 : 0
        guard (0...12).contains(m) else { return nil }
        let d = parts.count > 2 && m > 0 ? parts[2] ?? 0 : 0
        guard (0...DateValue.daysIn(month: max(m, 1), year: y)).contains(d) else { return nil }
        return (y, m, d)
    }

    /// How many sentences back an explicit day (`1 января 2015 года`) still gives a yearless `2 января` its year (a
    /// chronology of days); otherwise only a year in the same sentence does, and beyond that the publication date.
    static let yearlessReach = 3

    /// `since January`, `қыркүйекке дейін`: an open bound on a resolved single value.
    static func applyRelation(_ r: RawTime, _ te: inout TimeExpression) {
        guard r.rangeEnd == nil, r.relEndDay == 0, let v = te.value, !v.contains("/") else { return }
        switch r.relation {
        case .point: return
        case .since: te.value = v + "/.."; te.end = nil; te.precision = .range
        case .until: te.value = "../" + v; te.start = nil; te.precision = .range
        }
    }

    typealias Resolved = (value: String, start: String, end: String, precision: TimeExpression.Precision)

    static func resolved(_ v: DateValue) -> Resolved { (v.edtf, v.first, v.last, v.precision) }

    static func dayValue(_ n: Int) -> DateValue {
        let c = CivilDay.date(n)
        return DateValue(kind: .day, year: c.year, month: c.month, day: c.day)
    }

    /// A day or month phrase counted from a day or month (`day` 0: a month; days need a day): the text's own, or the
    /// publication's (`resolveFromDocument`).
    static func resolveFromContext(_ r: RawTime, _ year: Int, _ month: Int, _ day: Int) -> Resolved? {
        guard let off = r.relativeOffset, abs(off) <= 1000 else { return nil }
        switch r.unit {
        case .day:
            guard day > 0 else { return nil }
            return resolved(dayValue(CivilDay.number(year, month, day) + off))
        case .month:
            let total = year * 12 + month - 1 + off
            guard TimeTagger.yearRange.contains(total / 12) else { return nil }
            return resolved(DateValue(kind: .month, year: total / 12, month: total % 12 + 1))
        case .monthOfYear:
            return resolved(DateValue(kind: .month, year: year, month: off))
        default:
            return nil
        }
    }

    /// A day, week, month or weekday phrase counted from the publication date; nil when that date is too coarse.
    static func resolveFromDocument(_ r: RawTime, _ doc: (year: Int, month: Int, day: Int)?, future: Bool = false) -> Resolved? {
        guard let doc, let off = r.relativeOffset, abs(off) <= 1000 else { return nil }
        switch r.unit {
        case .year:
            return nil
        case .month:
            guard doc.month > 0 else { return nil }
            return resolveFromContext(r, doc.year, doc.month, 0)
        case .monthOfYear:
            return resolveFromContext(r, doc.year, doc.month, 0)
        case .anniversary:
            let y = doc.year + off
            guard doc.day > 0, TimeTagger.yearRange.contains(y) else { return nil }
            return resolved(DateValue(kind: .day, year: y, month: doc.month, day: min(doc.day, DateValue.daysIn(month: doc.month, year: y))))
        case .day, .week, .weekday:
            guard doc.day > 0 else { return nil }
            let n = CivilDay.number(doc.year, doc.month, doc.day)
            switch r.unit {
            case .day:
                return resolveFromContext(r, doc.year, doc.month, doc.day)
            case .week:
                let monday = n - (CivilDay.weekday(n) - 1) + 7 * off
                let a = dayValue(monday), b = dayValue(monday + 6)
                return (a.edtf + "/" + b.edtf, a.first, b.last, .range)
            default:
                // The latest such weekday not after publication: reports tell what happened this past week; in a
                // sentence about the future (`will meet on Thursday`), the next one from publication on (the day of
                // publication itself in wire copy: `is due in Astana later on Monday`, filed on a Monday).
                if future {
                    let ahead = (off - CivilDay.weekday(n) + 7) % 7
                    return resolved(dayValue(n + ahead))
                }
                let back = (CivilDay.weekday(n) - off + 7) % 7
                return resolved(dayValue(n - back))
            }
        }
    }

    /// How far after publication a yearless day or month may lie and still be in the publication's year (events
    /// announced up to a quarter ahead); anything later is last year's. And how far before it may lie before it is
    /// taken as next year's (the two make one year).
    static let yearlessAhead = 92, yearlessBehind = 273
    /// Days before publication a yearless date told in the future tense may still lie (a story filed a day late).
    static let futureSlack = 7
    /// Days after publication a yearless date told in the past tense may still lie (a dateline a day or two off).
    static let pastSlack = 3

    /// A yearless `15 марта`, `July 4`, `3-4 шілде` against the publication date: the year that puts its first day within
    /// `yearlessBehind` days before to `yearlessAhead` days after publication (a day-less publication date counts from
    /// its month's first day).
    /// `future`: the time's clause speaks of the future (`пройдут в октябре`, `30 қарашада күшіне енбек`): the next such
    /// day or month on or after publication, however far (within a year), not last year's.
    /// `past`: the time's clause speaks of the past (`ещё в феврале объявивший`): the last such day or month on or before
    /// publication (`pastSlack` days after it allowed: a dateline a day behind), however far (within a year).
    static func resolveYearless(_ r: RawTime, publication d: (year: Int, month: Int, day: Int), future: Bool = false,
                                past: Bool = false) -> Resolved? {
        guard r.relMonth > 0 else { return nil }
        let pub = CivilDay.number(d.year, d.month, max(d.day, 1))
        var y = d.year
        let first = CivilDay.number(y, r.relMonth, max(min(r.relDay, DateValue.daysIn(month: r.relMonth, year: y)), 1))
        // `since January` started before publication.
        let ahead = r.relation == .since ? 0 : yearlessAhead
        if future && r.relation != .since {
            if pub - first > Self.futureSlack { y += 1 }
        } else if past {
            if first - pub > Self.pastSlack { y -= 1 }
        } else if first - pub > ahead { y -= 1 } else if pub - first > yearlessBehind + (yearlessAhead - ahead) { y += 1 }
        if r.relEndDay > 0 { return yearlessRange(r, year: y) }
        if r.relEndMonth > 0, r.relDay == 0 { return monthRange(r, year: y) }
        let v = r.relDay > 0
            ? DateValue(kind: .day, year: y, month: r.relMonth, day: min(r.relDay, DateValue.daysIn(month: r.relMonth, year: y)))
            : DateValue(kind: .month, year: y, month: r.relMonth)
        return resolved(v)
    }

    /// A yearless range starting in year `y`; it ends the next year when its end month comes before its start month.
    static func yearlessRange(_ r: RawTime, year y: Int) -> Resolved? {
        guard r.relMonth > 0, r.relEndMonth > 0, r.relDay > 0, r.relEndDay > 0 else { return nil }
        let y2 = r.relEndMonth < r.relMonth ? y + 1 : y
        let a = DateValue(kind: .day, year: y, month: r.relMonth, day: min(r.relDay, DateValue.daysIn(month: r.relMonth, year: y)))
        let b = DateValue(kind: .day, year: y2, month: r.relEndMonth, day: min(r.relEndDay, DateValue.daysIn(month: r.relEndMonth, year: y2)))
        return (a.edtf + "/" + b.edtf, a.first, b.last, .range)
    }

    /// A quarter or season (`relMonth`…`relEndMonth`, no days) of year `y`; a winter starts in the December before.
    static func monthRange(_ r: RawTime, year y: Int) -> Resolved? {
        guard r.relMonth > 0, r.relEndMonth > 0, r.relDay == 0, TimeTagger.yearRange.contains(y) else { return nil }
        let a = DateValue(kind: .month, year: r.relEndMonth < r.relMonth ? y - 1 : y, month: r.relMonth)
        let b = DateValue(kind: .month, year: y, month: r.relEndMonth)
        return (a.edtf + "/" + b.edtf, a.first, b.last, .range)
    }

    static func resolvedYear(_ base: Int, _ offset: Int) -> Int? {
        guard TimeTagger.yearRange.contains(base), abs(offset) <= 1000 else { return nil }
        let y = base + offset
        return TimeTagger.yearRange.contains(y) ? y : nil
    }

    /// How many sentences back a period phrase (`в этот период`) looks for the period it names.
    static let periodReach = 3

    /// The period a sentence's explicit times name, for a later `в этот период`: its range or decade, else its
    /// finest time (the last of equals).
    static func periodOf(_ times: [TimeExpression]) -> TimeExpression? {
        if let wide = times.last(where: { $0.precision == .range || $0.precision == .decade }) { return wide }
        func rank(_ p: TimeExpression.Precision) -> Int {
            switch p { case .day: 0; case .month: 1; case .year: 2; case .decade: 3; case .range: 4; case .century: 5; case .unresolved: 6 }
        }
        return times.enumerated().min { (rank($0.element.precision), -$0.offset) < (rank($1.element.precision), -$1.offset) }?.element
    }

    /// Tags every sentence, then resolves relative expressions against the nearest explicit time before them
    /// (or the document date for deictic ones; inside a quotation, the quotation's time).
    func resolveTimes(sentences: [Sentence], atoms: [[Atom]], original: ScalarText, documentDate: String?) -> [[PlacedTime]] {
        let docYear = documentDate.flatMap { Int($0.prefix(4)) }
        let doc = Self.documentDay(documentDate)
        var out: [[PlacedTime]] = []
        out.reserveCapacity(sentences.count)
        var anchor: (year: Int, sentence: Int, documentIndex: Int)?
        // The last explicit day (`1 января 2015 года`): a yearless day soon after it continues that chronology.
        // (`day`: the explicit day itself, `YYYY-MM-DD`; empty when the anchor was carried on by a yearless day.)
        var dayAnchor: (year: Int, sentence: Int, documentIndex: Int, day: String)?
        // The last explicit month (`2017 жылдың қазанында`): a yearless day of that month soon after (`10 қазаннан`) starts a
        // chronology in its year. (A yearless month after one is left to the publication date: `в июне` after
        // `в мае 2004 года` is as often this year's.)
        var monthAnchor: (year: Int, month: Int, sentence: Int, documentIndex: Int)?
        // `в этот период`, `сол жылдары`: a period phrase takes the whole value of the last sentence with explicit times.
        var period: (time: TimeExpression, sentence: Int, documentIndex: Int)?
        // The last day or month the text placed (`11 қаңтарда`, `в сентябре 2013 года`): `the same day`, `на следующий
        // день`, `бір айдан кейін`, `at the end of the month` soon after it count from it (`day` 0 for a month).
        var lastPoint: (year: Int, month: Int, day: Int, sentence: Int, documentIndex: Int)?
        func notePoint(_ te: TimeExpression, _ si: Int, _ d: Int) {
            guard let v = te.value, te.precision == .day || te.precision == .month,
                  let y = Int(v.prefix(4)), let m = Int(v.dropFirst(5).prefix(2)) else { return }
            lastPoint = (y, m, te.precision == .day ? Int(v.dropFirst(8).prefix(2)) ?? 0 : 0, si, d)
        }
        for (si, s) in sentences.enumerated() {
            var placed: [PlacedTime] = []
            if let section = s.section, Self.skippedSections.contains(section) { out.append(placed); continue }
            let a = atoms[si]
            for r in tagger.scan(a, language: s.language) {
                let span = Span(start: a[r.first].span.start, end: a[r.last].span.end)
                var te = TimeExpression(span: span, surface: original.slice(span), sentenceIndex: s.index, value: nil,
                                        start: nil, end: nil, precision: .unresolved, relative: false)
                if let v = r.value {
                    if let e = r.rangeEnd {
                        te.value = v.edtf + "/" + e.edtf; te.start = v.first; te.end = e.last; te.precision = .range
                    } else if r.relation == .since {
                        te.value = v.edtf + "/.."; te.start = v.first; te.precision = .range
                    } else if r.relation == .until {
                        te.value = "../" + v.edtf; te.end = v.last; te.precision = .range
                    } else {
                        te.value = v.edtf; te.start = v.first; te.end = v.last; te.precision = v.precision
                    }
                    if r.rangeEnd == nil, r.relation == .point, let y = v.anchorYear {
                        anchor = (y, si, s.documentIndex)
                        // Of several days in one sentence the latest is where the chronology stands (`вступил в силу 1
                        // января 2015 года, подписанный 29 мая 2014 года. Уже 2 января …`).
                        if v.kind == .day, dayAnchor.map({ $0.sentence != si || $0.documentIndex != s.documentIndex || v.first >= $0.day }) ?? true {
                            dayAnchor = (y, si, s.documentIndex, v.first)
                        }
                        if v.kind == .month { monthAnchor = (y, v.month, si, s.documentIndex) }
                    }
                    if r.relation == .point { notePoint(te, si, s.documentIndex) }
                    placed.append(PlacedTime(expression: te, first: r.first, last: r.last, explicit: true))
                    continue
                }
                te.relative = true
                if r.period && r.relMonth == 0 {
                    if let p = period, p.documentIndex == s.documentIndex, si - p.sentence <= Self.periodReach {
                        te.value = p.time.value; te.start = p.time.start; te.end = p.time.end; te.precision = p.time.precision
                    }
                    placed.append(PlacedTime(expression: te, first: r.first, last: r.last, explicit: false))
                    continue
                }
                // `кеше`, `last week`, `next month`, `on Thursday`: counted in days, weeks or months from the publication date.
                if r.unit != .year, !r.documentAnchored {
                    // `the same day`, `на следующий день`, `екі күннен кейін`, `Месяц спустя`: from the last day or month
                    // placed, a few sentences back at most; without one the phrase stays unresolved.
                    if let p = lastPoint, p.documentIndex == s.documentIndex, si - p.sentence <= Self.yearlessReach,
                       let v = Self.resolveFromContext(r, p.year, p.month, p.day) {
                        te.value = v.value; te.start = v.start; te.end = v.end; te.precision = v.precision
                        notePoint(te, si, s.documentIndex)
                    }
                    placed.append(PlacedTime(expression: te, first: r.first, last: r.last, explicit: false))
                    continue
                }
                if r.unit != .year {
                    if let v = Self.resolveFromDocument(r, doc, future: r.unit == .weekday && tagger.future(a, first: r.first, last: r.last, language: s.language)) {
                        te.value = v.value; te.start = v.start; te.end = v.end; te.precision = v.precision
                        notePoint(te, si, s.documentIndex)
                    }
                    placed.append(PlacedTime(expression: te, first: r.first, last: r.last, explicit: false))
                    continue
                }
                // A day or month without its year: a year written earlier in the same sentence, else the publication date.
                let sameSentence = anchor.map { $0.sentence == si && $0.documentIndex == s.documentIndex } ?? false
                // A yearless day told in the future (`will meet again by Aug. 31`) after a day already past at publication
                // is the next such day, not one in that past chronology.
                let future = r.yearless && doc != nil && tagger.future(a, first: r.first, last: r.last, language: s.language)
                var nearDay = dayAnchor.map { si - $0.sentence <= Self.yearlessReach && $0.documentIndex == s.documentIndex } ?? false
                if future, let da = dayAnchor, let d = doc, da.year < d.year { nearDay = false }
                if !nearDay, !future, r.yearless, r.relDay > 0, let ma = monthAnchor, ma.month == r.relMonth, ma.documentIndex == s.documentIndex,
                   si - ma.sentence <= Self.yearlessReach {
                    dayAnchor = (ma.year, ma.sentence, ma.documentIndex, ""); nearDay = true
                }
                // A yearless day or month told soon after a dated one continues its chronology, and carries it on (`6 қаңтарда`
                // … three sentences later `11 қаңтарда`: the same January).
                let chronology = r.yearless && nearDay && !sameSentence
                if chronology, let da = dayAnchor { anchor = (da.year, da.sentence, da.documentIndex); dayAnchor = (da.year, si, s.documentIndex, "") }
                if r.yearless, let d = doc, d.month > 0, !sameSentence, !nearDay {
                    let past = !future && r.relation == .point && tagger.past(a, first: r.first, last: r.last, language: s.language)
                    if let v = Self.resolveYearless(r, publication: d, future: future, past: past) {
                        te.value = v.value; te.start = v.start; te.end = v.end; te.precision = v.precision
                        Self.applyRelation(r, &te)
                        if r.relation == .point { notePoint(te, si, s.documentIndex) }
                    }
                    placed.append(PlacedTime(expression: te, first: r.first, last: r.last, explicit: false))
                    continue
                }
                var base: Int?
                let inQuote = a[r.first].quoteDepth > 0
                // `near` (`келесі жылы`): the year after a year of the same sentence (`2004 жылы …, ал келесі жылы`),
                // unless the clause speaks of the future (`келесі жылы бітуі тиіс`); otherwise after publication.
                if r.near, let an = anchor, an.documentIndex == s.documentIndex, an.sentence == si,
                   !tagger.future(a, first: r.first, last: r.last, language: s.language) {
                    base = an.year
                } else if r.documentAnchored && !inQuote {
                    base = docYear
                } else if let an = anchor, an.documentIndex == s.documentIndex, !r.documentAnchored || si - an.sentence <= 3 {
                    base = an.year
                }
                // A count out of every range (`999999 жылдан кейін`) or a document date far off gives no date.
                if let b = base, let off = r.relativeOffset, let y = Self.resolvedYear(b, off) {
                    let v: DateValue
                    if r.yearless, r.relEndDay > 0, let range = Self.yearlessRange(r, year: y) {
                        te.value = range.value; te.start = range.start; te.end = range.end; te.precision = .range
                        anchor = (y, si, s.documentIndex)
                        placed.append(PlacedTime(expression: te, first: r.first, last: r.last, explicit: false))
                        continue
                    }
                    if r.relEndMonth > 0, r.relDay == 0, let range = Self.monthRange(r, year: y) {
                        te.value = range.value; te.start = range.start; te.end = range.end; te.precision = .range
                        if !r.documentAnchored { anchor = (y, si, s.documentIndex) }
                        placed.append(PlacedTime(expression: te, first: r.first, last: r.last, explicit: false))
                        continue
                    }
                    if r.relMonth > 0 && r.relDay > 0 {
                        v = DateValue(kind: .day, year: y, month: r.relMonth, day: min(r.relDay, DateValue.daysIn(month: r.relMonth, year: y)))
                    } else if r.relMonth > 0 {
                        v = DateValue(kind: .month, year: y, month: r.relMonth)
                    } else {
                        v = DateValue(kind: .year, year: y)
                    }
                    te.value = v.edtf; te.start = v.first; te.end = v.last; te.precision = v.precision
                    Self.applyRelation(r, &te)
                    if r.relation == .point { notePoint(te, si, s.documentIndex) }
                    // `годом раньше … того же года`: a resolved context time anchors the next one; a day dated by a year of
                    // its sentence (`В 2015 году … 1 января`) goes on as a chronology like an explicit day.
                    if !r.documentAnchored { anchor = (y, si, s.documentIndex) }
                    if r.yearless, v.kind == .day, !r.documentAnchored { dayAnchor = (y, si, s.documentIndex, "") }
                }
                placed.append(PlacedTime(expression: te, first: r.first, last: r.last, explicit: false))
            }
            if placed.contains(where: \.explicit), let p = Self.periodOf(placed.filter(\.explicit).map(\.expression)) {
                period = (p, si, s.documentIndex)
            }
            out.append(placed)
        }
        return out
    }
}
