import DalaLanguages
import DalaEntities
import DalaText

// Date pass: which time expression dates a trigger, and when a sentence takes the previous one's date.
extension EventDetector {
    /// Atoms between a time and a trigger, plus a penalty for every clause boundary in between.
    /// `breaks`: `clauseBreaksBefore` of the sentence.
    func distance(_ t: EventExtractor.PlacedTime, _ h: Hit, _ breaks: Breaks) -> Int {
        let (lo, hi) = t.last < h.first ? (t.last, h.first) : (h.last, t.first)
        if hi <= lo { return 0 }
        // `joined in 1993 and left in 2009`: a time before the coordinator that opens the trigger's predicate (one with
        // a time of its own, `Hit.afterCoordinator`) belongs to the predicate before it, as if a clause boundary stood
        // between.
        let coordinated = h.afterCoordinator && t.last < h.first - 1 ? 1 : 0
        return hi - lo + (t.first > h.last ? 1 : 0) + Self.clausePenalty * (breaks.clauses[hi] - breaks.clauses[lo + 1] + coordinated)
    }
    /// How a time ranks among the times that may date a hit: its `distance`, and a comma that opens no clause still
    /// closes a participle or an apposition (`Грузия, вступившая в СНГ в 1993 году, вышла из него в 2009 году`), so a
    /// time on the other side of one is a little further. (Only the ranking: whether the nearest time is near enough
    /// is its distance alone.)
    func rank(_ t: EventExtractor.PlacedTime, _ h: Hit, _ breaks: Breaks) -> Int {
        let (lo, hi) = t.last < h.first ? (t.last, h.first) : (h.last, t.first)
        let commas = hi <= lo ? 0 : breaks.commas[hi] - breaks.commas[lo + 1]
        return distance(t, h, breaks) + Self.commaPenalty * commas
    }
    static let commaPenalty = 5

    /// Element k: clause breaks (not short brackets) among atoms 0..<k.
    func clauseBreaksBefore(_ a: [Atom]) -> Breaks {
        var out = Breaks(clauses: [Int](repeating: 0, count: a.count + 1), commas: [Int](repeating: 0, count: a.count + 1))
        for k in a.indices {
            let clause = isClauseBreak(a, k) && !isShortBracket(a, k)
            out.clauses[k + 1] = out.clauses[k] + (clause ? 1 : 0)
            out.commas[k + 1] = out.commas[k] + (!clause && a[k].kind == .punct && a[k].text == "," ? 1 : 0)
        }
        return out
    }
    /// Prefix counts over a sentence's atoms: clause breaks, and commas that break no clause.
    struct Breaks: Sendable {
        var clauses: [Int]
        var commas: [Int]
        subscript(k: Int) -> Int { clauses[k] }
    }

    /// Element k: words and numbers among atoms 0..<k.
    static func wordsBefore(_ a: [Atom]) -> [Int] {
        var out = [Int](repeating: 0, count: a.count + 1)
        for k in a.indices { out[k + 1] = out[k] + (a[k].kind != .punct ? 1 : 0) }
        return out
    }

    /// A bracket around a few words (`күштеріне (ISAF) қолбасшылықты`): an acronym or gloss, not a clause of its own.
    func isShortBracket(_ a: [Atom], _ k: Int) -> Bool {
        if a[k].text == "(" {
            // An opening bracket as the last atom closes nothing (and its range would be empty).
            return k + 1 < a.count && (k + 1...min(k + Self.shortBracket + 1, a.count - 1)).contains { a[$0].text == ")" }
        }
        if a[k].text == ")" {
            return k >= 1 && (max(0, k - Self.shortBracket - 1)...(k - 1)).contains { a[$0].text == "(" }
        }
        return false
    }
    static let shortBracket = 3

    /// Whether one of the first three words of a sentence is an anaphor (`Тогда`, `Именно тогда`, `Онда`, `then`).
    func opensWithAnaphor(_ a: [Atom]) -> Bool {
        var words = 0
        for k in a.indices where a[k].kind == .word {
            if lex.cues.mayStart(a[k].head), lex.cues.best(a[k].text) == .anaphor { return true }
            words += 1
            if words == 3 { return false }
        }
        return false
    }


    /// Whether a sentence names a state, organisation or person the sentence before named too.
    func sharesEntity(_ mentions: [Mention]?, _ previous: [Mention]?, _ typeOf: [String: EntityType]) -> Bool {
        guard let mentions, let previous else { return false }
        let before = Set(previous.map(\.entityID))
        return mentions.contains { m in
            guard before.contains(m.entityID), let t = typeOf[m.entityID] else { return false }
            return t != .place && Self.participantTypes.contains(t)
        }
    }

    /// Of several dates of a sentence, the one its last clause holds (the finest there), else the last one.
    func lastClauseTime(_ times: [EventExtractor.PlacedTime], _ a: [Atom]) -> EventExtractor.PlacedTime? {
        let lastBreak = a.indices.last { isClauseBreak(a, $0) } ?? -1
        let inLast = times.filter { $0.first > lastBreak }
        let pool = inLast.isEmpty ? times : inLast
        func rank(_ p: TimeExpression.Precision) -> Int {
            switch p { case .day: 0; case .month: 1; case .year: 2; case .decade: 3; case .range: 4; case .century: 5; case .unresolved: 6 }
        }
        return pool.enumerated().min { l, r in
            (rank(l.element.expression.precision), -l.offset) < (rank(r.element.expression.precision), -r.offset)
        }?.element
    }

    /// The dateline of each document (`ASTANA, Oct. 13 –`, `Астана, 4 шілде.`): a day named within the first
    /// `datelineWords` words of its first sentence, by document index.
    ///
    /// A news story without a dateline has the day of its lead instead (`Кеше Астанада … саммит өтті`, `9 августа в Астане
    /// …`): the first day its first `leadSentences` sentences name, when that day lies up to `storyDayReach` days before
    /// the publication day (a story about something that just happened), so what it tells next without a date of its own
    /// is dated the same way.
    func datelineTimes(sentences: [Sentence], atoms: [[Atom]], times: [[EventExtractor.PlacedTime]],
                       published: String? = nil) -> [Int: (time: TimeExpression, sentence: Int)] {
        var out: [Int: (time: TimeExpression, sentence: Int)] = [:]
        var firstSentence: [Int: Int] = [:]
        for (si, s) in sentences.enumerated() {
            if let section = s.section, EventExtractor.skippedSections.contains(section) { continue }
            let first = firstSentence[s.documentIndex] ?? si
            if firstSentence[s.documentIndex] == nil { firstSentence[s.documentIndex] = si }
            if si == first {
                let words = Self.wordsBefore(atoms[si])
                if let t = times[si].first(where: { t in
                    t.expression.value != nil && words[min(t.first, atoms[si].count)] <= Self.datelineWords
                        && (t.expression.precision == .day || Self.isDayRange(t.expression.value ?? ""))
                }) {
                    out[s.documentIndex] = (t.expression, si)
                    continue
                }
            }
            guard out[s.documentIndex] == nil, si - first < Self.leadSentences, let published,
                  let pub = Self.dayNumber(published) else { continue }
            if let t = times[si].first(where: { t in
                guard let v = t.expression.value, t.expression.precision == .day || Self.isDayRange(v),
                      let day = Self.dayNumber(String(v.prefix(10))) else { return false }
                return day <= pub && pub - day <= Self.storyDayReach
            }) {
                out[s.documentIndex] = (t.expression, si)
            }
        }
        return out
    }
    /// The times that may date a hit. A proposal or a saying was made by the time the text was published: a time after
    /// that (`proposed holding the summit next year`, `said trade would double by 2030`, `келесі жылы … өткізуді ұсынды`)
    /// dates what was proposed or said, not the proposing or the saying.
    func datesOfSaying(_ h: Hit, _ times: [EventExtractor.PlacedTime], published: String?) -> [EventExtractor.PlacedTime] {
        guard h.type == .proposal || h.type == .statement, let published else { return times }
        return times.filter { t in
            if let start = t.expression.start { return start <= published }
            return (t.expression.end ?? "") <= published
        }
    }
    /// One predicate told of several states, each with its own time (`Kyrgyzstan followed in 1996 and Tajikistan in 1999`,
    /// `Қырғызстан (1996) мен Тәжікстан (1999) кірді`, `в 1996 году примкнула Киргизия, в 1999-м — Таджикистан`, `joined in
    /// 2015: Armenia on 2 January and Kyrgyzstan on 12 August`): as many events, each state with its time, the other parties
    /// (the organisation joined) shared. Each state takes the time right after it (before the next state), or else each
    /// the time right before it (after the previous state), within `gapReach` atoms, whichever pairing is closer; a time
    /// that sets the scene for all (`in 2015:`) pairs with none. Nil unless every state actor gets a time of its own and
    /// the times differ.
    func gappedTellings(_ participants: [EventParticipant], placed: [Placed], times: [EventExtractor.PlacedTime],
                        typeOf: [String: EntityType]) -> [(participants: [EventParticipant], date: TimeExpression?)]? {
        let timed = times.filter { $0.expression.value != nil }.sorted { $0.first < $1.first }
        guard timed.count >= 2 else { return nil }
        var states: [(participant: EventParticipant, at: Placed)] = []
        for p in participants where p.role == "actor" {
            guard let id = p.entityID, typeOf[id] == .country,
                  let at = placed.first(where: { $0.mention.entityID == id && $0.mention.span == p.span }) else { continue }
            states.append((p, at))
        }
        guard states.count >= 2, states.count <= timed.count else { return nil }
        states.sort { $0.at.first < $1.at.first }
        // Each state's time on one side; the total distance, or nil when a state has none.
        func pairing(after: Bool) -> (times: [EventExtractor.PlacedTime], distance: Int)? {
            var out: [EventExtractor.PlacedTime] = []
            var total = 0
            for (k, st) in states.enumerated() {
                let s = st.at
                let t = after
                    ? timed.first { $0.first > s.last && (k + 1 == states.count || $0.last < states[k + 1].at.first) }
                    : timed.last { $0.last < s.first && (k == 0 || $0.first > states[k - 1].at.last) }
                guard let t else { return nil }
                let d = after ? t.first - s.last : s.first - t.last
                guard d <= Self.gapReach else { return nil }
                out.append(t); total += d
            }
            guard Set(out.map { $0.expression.value ?? "" }).count == out.count else { return nil }
            return (out, total)
        }
        let best = [pairing(after: true), pairing(after: false)].compactMap { $0 }.min { $0.distance < $1.distance }
        guard let chosen = best?.times else { return nil }
        var out: [(participants: [EventParticipant], date: TimeExpression?)] = []
        let shared = participants.filter { p in !states.contains { $0.participant == p } }
        for (state, time) in zip(states, chosen) { out.append(([state.participant] + shared, time.expression)) }
        return out
    }
    /// How far (atoms) a state's own time may stand from it in a gapped telling.
    static let gapReach = 8

    /// How many sentences of a story without a dateline make its lead.
    static let leadSentences = 2
    /// `2024-07-03/2024-07-04`: a range of days (a dateline over a meeting's days), not of months or years.
    static func isDayRange(_ v: String) -> Bool {
        let parts = v.split(separator: "/")
        return parts.count == 2 && parts.allSatisfy { $0.count == 10 }
    }
    /// The day a datelined story's lead happened: the first day other than the dateline's that the lead or the
    /// `leadSentences` sentences after it name, up to `storyDayReach` days before the dateline.
    func leadDayTimes(sentences: [Sentence], times: [[EventExtractor.PlacedTime]],
                      datelines: [Int: (time: TimeExpression, sentence: Int)]) -> [Int: (time: TimeExpression, sentence: Int)] {
        var out: [Int: (time: TimeExpression, sentence: Int)] = [:]
        for (doc, d) in datelines {
            var si = d.sentence
            while si < sentences.count, si - d.sentence <= Self.leadSentences, sentences[si].documentIndex == doc {
                if let t = times[si].first(where: { t in
                    t.expression.value != nil && t.expression.value != d.time.value && Self.isStoryDay(t.expression, dateline: d.time)
                }) {
                    out[doc] = (t.expression, si)
                    break
                }
                si += 1
            }
        }
        return out
    }

    /// Words (a place name, a comma) that may stand before a dateline's date.
    static let datelineWords = 3

    /// How many days before the dateline the story's meeting may lie and still be the story's day.
    static let storyDayReach = 7

    /// The day an undated event of a datelined story happened: the story's first dated meeting when that is a day up
    /// to `storyDayReach` days before the dateline (`Шолпан-Ата, 22 шілде. … кездесуі кеше … өтті`: the meeting was
    /// yesterday, and so was what the story tells of it), else the dateline's day.
    static func storyDay(meeting: TimeExpression?, dateline: TimeExpression) -> TimeExpression {
        guard let m = meeting, m.precision == .day, isStoryDay(m, dateline: dateline) else { return dateline }
        return m
    }

    /// A day (or a range of days) up to `storyDayReach` days before the dateline's: the day of what the story reports.
    static func isStoryDay(_ t: TimeExpression, dateline: TimeExpression) -> Bool {
        guard let v = t.value, let dv = dateline.value, v.count == 10 || isDayRange(v), dv.count >= 10,
              let a = dayNumber(String(v.prefix(10))), let b = dayNumber(String(dv.prefix(10))) else { return false }
        return a <= b && b - a <= storyDayReach
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` day (`CivilDay`), nil when it is no such day.
    static func dayNumber(_ v: String) -> Int? {
        let p = v.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3, (1...12).contains(p[1]), (1...31).contains(p[2]) else { return nil }
        return CivilDay.number(p[0], p[1], p[2])
    }

    static let clausePenalty = 20
    static let maxDateDistance = 12

    /// Words (cue words and conjunctions) that may stand before a time opening a sentence.
    static let openingWords = 2
}
