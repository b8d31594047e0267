import DalaLanguages
import DalaEntities
import DalaText

/// Finds triggers, participants, dates and modality sentence by sentence, then merges repeated tellings.
struct EventDetector: Sendable {
    let lex: Lexicon
    let knowledgeBase: KnowledgeBase?

    /// A trigger found in a sentence, in atom coordinates.
    struct Hit: Sendable {
        var type: EventType
        var weight: Double
        var first: Int
        var last: Int
        var stemLength: Int      // scalars of the first form matched: the suffix after it is an affix
        var words: Int
        /// Founding triggers: where the thing founded must stand (`triggers.tsv`, column `object`).
        var object: Lexicon.ObjectWindow? = nil
        /// A treaty named with its date (`1992 жылғы шарт`): a fact the text refers to, not words it reports.
        var datedDocument = false
    }

    /// The date a sentence hands to the next one: its own, or one it inherited (`age` hand-overs ago).
    struct Carried: Sendable {
        var time: EventExtractor.PlacedTime
        var age: Int
        /// The sentence had several dates: only an anaphor (`Тогда`, `Сонда`) takes one of them over.
        var several: Bool
        var sentence: Int
        var documentIndex: Int
    }
    /// A date handed on from sentence to sentence goes this many sentences past the one that states it.
    static let maxCarry = 2

    /// A mention placed on atoms.
    struct Placed: Sendable {
        var mention: Mention
        var type: EntityType
        var first: Int
        var last: Int
    }

    static let participantTypes: Set<EntityType> = [.country, .organization, .person, .place, .agreement, .programme]
    static let minimumConfidence = 0.5
    /// Entities further than this many atoms from the trigger are left out (long sentences list many).
    static let participantWindow = 30
    /// Types that a proposal can put forward, and that reported speech can carry.
    static let proposable: Set<EventType> = [.founding, .membership, .agreement, .withdrawal, .cooperation, .military]

    func detect(sentences: [Sentence], atoms: [[Atom]], times: [[EventExtractor.PlacedTime]],
                entities: EntityAnalysis, original: ScalarText) -> [Event] {
        var typeOf: [String: EntityType] = [:]
        var labelsOf: [String: EntityRecord] = [:]
        for e in entities.entities { typeOf[e.id] = e.type; labelsOf[e.id] = e }
        var bySentence: [Int: [Mention]] = [:]
        for m in entities.mentions { bySentence[m.sentenceIndex, default: []].append(m) }

        var found: [Event] = []
        // Folded names of each entity, for the case ending left after the name (computed once per document).
        var foldedNames: [String: [String]] = [:]
        func names(_ id: String) -> [String] {
            if let n = foldedNames[id] { return n }
            guard let rec = labelsOf[id] else { foldedNames[id] = []; return [] }
            let n = ([rec.labels["kk"], rec.labels["ru"], rec.labels["en"]].compactMap { $0 } + rec.aliases).map(fold)
            foldedNames[id] = n
            return n
        }
        var carried: Carried?
        for (si, s) in sentences.enumerated() {
            if let section = s.section, EventExtractor.skippedSections.contains(section) { carried = nil; continue }
            let a = atoms[si]
            let allHits = triggers(a)
            var sentenceTimes = times[si].filter { $0.expression.value != nil }
            // A sentence without a date of its own takes the previous sentence's when both speak of the same entity,
            // or when it opens with an anaphor (`Тогда`, `Именно тогда`, `Онда`); with several dates there, only an
            // anaphor takes one (that of the previous sentence's last clause, the finest). A date taken over by an
            // anaphor or a role phrase (`Тараптар …`, below) goes on the same way, `maxCarry` sentences at most.
            var inherited = false
            var handOver: Carried?
            if sentenceTimes.isEmpty, let c = carried, c.sentence == si - 1, c.documentIndex == s.documentIndex {
                handOver = c
                let opensWithAnaphor = opensWithAnaphor(a)
                var viaEntity = false
                if opensWithAnaphor {
                    inherited = c.several || c.age < Self.maxCarry
                } else if !allHits.isEmpty, !c.several, c.age < Self.maxCarry,
                          sharesEntity(bySentence[s.index], bySentence[sentences[si - 1].index], typeOf) {
                    // Most sentences of a text name its main state: a shared entity hands a date on once, no further
                    // (so it matters only where the sentence tells an event).
                    inherited = true; viaEntity = true
                }
                if inherited { sentenceTimes = [c.time] }
                if viaEntity { handOver?.age = Self.maxCarry - 1 }
            }
            if !sentenceTimes.isEmpty, !inherited {
                let t = sentenceTimes.count == 1 ? sentenceTimes[0] : lastClauseTime(sentenceTimes, a) ?? sentenceTimes[sentenceTimes.count - 1]
                carried = Carried(time: t, age: 0, several: sentenceTimes.count > 1, sentence: si, documentIndex: s.documentIndex)
            } else if inherited, let c = handOver {
                carried = Carried(time: c.time, age: c.age + 1, several: false, sentence: si, documentIndex: s.documentIndex)
            } else {
                carried = nil
            }

            // `договор 1992 года`, `1992 жылғы шарт`: a treaty named with its date (looked for only beside a date).
            var datedPossible = false
            if !inherited, sentenceTimes.contains(where: \.explicit) {
                datedPossible = sentenceTimes.contains { t in
                    t.explicit && (datedHead(a, t.last + 1) || datedHead(a, t.first - 1) || datedHead(a, t.first - 2))
                } || (bySentence[s.index]?.contains { typeOf[$0.entityID] == .agreement } ?? false)
            }
            if allHits.isEmpty && !datedPossible { continue }
            let placed = place(bySentence[s.index] ?? [], atoms: a, types: typeOf)
            let clauses = clauseSegments(a)
            // A dated treaty in the clause of a signing trigger (`Подписание … (Договор «4+N», 1996)`) dates that signing;
            // elsewhere it tells an agreement of its own.
            var datedHits: [Hit] = []
            var treatyDates: [Int: TimeExpression] = [:]
            if datedPossible {
                for d in datedDocuments(a, times: sentenceTimes, placed: placed, language: s.language) {
                    if let g = allHits.first(where: { g in
                        g.type == .agreement && (abs(g.first - d.hit.first) <= Self.datedDocumentReach || clauses[g.first] == clauses[d.hit.first])
                    }) {
                        if treatyDates[g.first] == nil { treatyDates[g.first] = d.time.expression }
                    } else {
                        datedHits.append(d.hit)
                    }
                }
            }
            if allHits.isEmpty && datedHits.isEmpty { continue }
            // `Договор о создании X`: the founding only names the document's subject; X is what the document is about.
            let isTopic = allHits.map { isTopicOfDocument($0, a) }
            let topical = allHits.indices.filter { isTopic[$0] }.map { allHits[$0] }
            var hits = allHits.indices.filter { !isTopic[$0] }.map { allHits[$0] }
            // `жағдай құру`, `создание условий`, `create conditions`: a founding needs the thing founded beside it.
            if hits.contains(where: { $0.object != nil }) {
                var objectAtoms = [Bool](repeating: false, count: a.count)
                for p in placed where p.type == .organization || p.type == .programme { for k in p.first...p.last { objectAtoms[k] = true } }
                var timeAtoms = [Bool](repeating: false, count: a.count)
                for t in times[si] { for k in t.first...t.last where k < a.count { timeAtoms[k] = true } }
                hits.removeAll { h in h.object.map { !hasFoundedThing(h, $0, a, objectAtoms: objectAtoms, timeAtoms: timeAtoms) } ?? false }
            }
            hits += datedHits
            if hits.isEmpty { continue }
            hits.sort { $0.first < $1.first }
            let caseRoles = placed.map { p -> String? in
                [.country, .organization, .person].contains(p.type) ? caseRole(p, atoms: a, names: names(p.mention.entityID)) : nil
            }
            let cues = modalityCues(a)
            let quotes = quotations(a)
            // Long Russian and English sentences list many entities: participants come from the trigger's clause.
            let clauseLimited = (s.language == .ru || s.language == .en) && a.count > Self.participantWindow
            let roles = roleOnly(a)
            // `Тараптар … қол қойды`, `The leaders then …`: a sentence whose only actors are role phrases continues the
            // story of the sentence before.
            if !inherited, sentenceTimes.isEmpty, let c = handOver, !c.several, c.age < Self.maxCarry, !roles.isEmpty,
               !placed.contains(where: { $0.type != .place }) {
                sentenceTimes = [c.time]; inherited = true
                carried = Carried(time: c.time, age: c.age + 1, several: false, sentence: si, documentIndex: s.documentIndex)
            }
            // A time opening the sentence (`В 2001 г., …`, `2003 жылы …`) sets the scene for the whole sentence.
            // Prefix counts keep every input linear: a sentence of thousands of dates (`1990-ж1990-ж…`) asks these
            // once per date and trigger.
            let wordCounts = Self.wordsBefore(a)
            let breaks = clauseBreaksBefore(a)
            let opening = inherited ? nil : sentenceTimes.first { t in
                t.expression.precision != .range && wordCounts[min(t.first, a.count)] <= Self.openingWords
            }
            let hasProposal = hits.contains { $0.type == .proposal }
            let statementHit = hits.first { $0.type == .statement }
            let speaker = statementHit.flatMap { speakerOf($0, placed) } ?? quotedSpeaker(a, placed)
            for h in hits {
                var participants: [EventParticipant] = []
                var seen = Set<String>()
                let clauseOK = clauseLimited ? allowedClauses(h, clauses, a) : []
                for (pi, p) in placed.enumerated() where abs(p.first - h.first) <= Self.participantWindow {
                    if clauseLimited, !clauseOK.contains(clauses[p.first]) { continue }
                    let subjectOfDocument = topical.contains { t in
                        (p.first > t.last && p.first - t.last <= 3) || (lex.verbFinal.contains(s.language) && p.last < t.first && t.first - p.last <= 2)
                    }
                    let role = subjectOfDocument ? "object" : roleOf(p, hit: h, caseRole: caseRoles[pi])
                    guard let role else { continue }
                    let key = role + "|" + p.mention.entityID
                    if seen.insert(key).inserted {
                        participants.append(EventParticipant(role: role, entityID: p.mention.entityID, surface: p.mention.surface,
                                                             span: p.mention.span))
                    }
                }
                for r in roles where seen.insert("role|" + r.surface).inserted { participants.append(r) }
                // Date: the time expression nearest the trigger.
                var date: TimeExpression?
                if inherited {
                    date = sentenceTimes.first?.expression    // atom positions belong to the previous sentence
                } else if !sentenceTimes.isEmpty {
                    let best = sentenceTimes.min { distance($0, h, breaks) < distance($1, h, breaks) }
                    // A time in another clause, far away, dates something else.
                    if let b = best, distance(b, h, breaks) <= Self.maxDateDistance + Self.clausePenalty || distance(b, h, breaks) < Self.clausePenalty {
                        date = b.expression
                    } else if let o = opening, o.last < h.first, !sentenceTimes.contains(where: { $0.first > o.last && $0.first < h.first }) {
                        date = o.expression
                    }
                    // `2022 жылдың 17 қарашасында … 2022-2026 жылдарға арналған жобасын іске қосты`: a period between
                    // the opening date and the trigger describes something else; the event happened at the opening date.
                    if date == nil, h.type == .agreement, let t = treatyDates[h.first] { date = t }
                    if let d = date, d.precision == .range, let o = opening, o.last < h.first,
                       !sentenceTimes.contains(where: { $0.first > o.last && $0.first < h.first && $0.expression.precision != .range }) {
                        date = o.expression
                    }
                }
                var speakerID: String?
                if h.type == .statement, let sp = speaker {
                    speakerID = sp.mention.entityID
                    if seen.insert("speaker|" + sp.mention.entityID).inserted {
                        participants.append(EventParticipant(role: "speaker", entityID: sp.mention.entityID,
                                                             surface: sp.mention.surface, span: sp.mention.span))
                    }
                }
                // A person acts for the state they led at the time (knowledge base roles).
                for p in participants where p.entityID != nil && typeOf[p.entityID!] == .person {
                    if let c = stateOf(person: p.entityID!, date: date), seen.insert("actor|" + c.id).inserted {
                        participants.append(EventParticipant(role: "actor", entityID: c.id,
                                                             surface: c.labels[s.language.rawValue] ?? c.labels["en"] ?? c.id, span: nil))
                    }
                }
                let entityParticipants = participants.filter { $0.entityID != nil && $0.role != "place" }.count
                let roleParticipants = participants.filter { $0.entityID == nil }.count
                // A meeting with a place and a date (`Бішкекте … отырысы өтті`) is specific enough without named parties.
                let placedMeeting = h.type == .meeting && date != nil && participants.contains { $0.role == "place" }
                guard entityParticipants + roleParticipants > 0 || (date != nil && h.weight >= 0.75) || placedMeeting else { continue }
                let reportedClause = h.datedDocument ? false : statementHit.map { st in
                    h.type != .statement && h.type != .meeting && (lex.verbFinal.contains(s.language) ? h.last < st.first : h.first > st.last)
                } ?? false
                var modality = modalityOf(h, atoms: a, cues: cues, quotes: quotes, clauses: clauses,
                                          hasProposal: hasProposal && Self.proposable.contains(h.type) && !h.datedDocument,
                                          hasStatement: reportedClause)
                if modality == .asserted, h.type != .statement, speaker != nil, a[h.first].quoteDepth > 0 { modality = .reported }
                if modality == .reported, speakerID == nil { speakerID = speaker?.mention.entityID }
                var confidence = h.weight
                if date != nil { confidence += inherited ? 0.05 : 0.1 }
                confidence += min(0.15, 0.05 * Double(entityParticipants))
                if entityParticipants == 0 { confidence -= 0.1 }
                if s.confidence < 0.5 { confidence -= 0.05 }
                confidence = min(0.99, max(0.05, confidence))
                guard confidence >= Self.minimumConfidence else { continue }
                let triggerSpan = Span(start: a[h.first].span.start, end: a[h.last].span.end)
                let mention = EventMention(sentenceIndex: s.index, span: s.span, evidence: s.text,
                                           trigger: original.slice(triggerSpan), triggerSpan: triggerSpan, confidence: confidence)
                let codes = lex.codes[h.type]!
                found.append(Event(id: "", type: h.type, cameo: codes.cameo, plover: codes.plover, participants: participants,
                                   date: date, modality: modality, speaker: speakerID, mentions: [mention],
                                   confidence: confidence, language: s.language))
            }
        }
        return merge(found)
    }

    // MARK: triggers

    /// Trigger hits of a sentence: for each start word and type the longest pattern; a weight-0 pattern blocks.
    func triggers(_ a: [Atom]) -> [Hit] {
        var hits: [Hit] = []
        let shortQuote = shortQuotedAtoms(a)
        var coveredUntil = -1
        for i in a.indices where a[i].kind == .word && i > coveredUntil {
            guard lex.triggerIndex.mayStart(a[i].head) else { continue }
            let firsts = lex.triggerIndex.lookup(a[i].text)
            if firsts.isEmpty { continue }
            var bestByType: [EventType: Hit] = [:]
            var lengthByType: [EventType: Int] = [:]
            for (tid, stemLength) in firsts {
                let t = lex.triggers[tid]
                var j = i + 1
                var ok = true
                for f in t.pattern.forms.dropFirst() {
                    guard j < a.count, a[j].kind == .word, f.matches(a[j].text) else { ok = false; break }
                    j += 1
                }
                guard ok else { continue }
                let hit = Hit(type: t.type, weight: t.weight, first: i, last: j - 1, stemLength: stemLength,
                              words: t.pattern.forms.count, object: t.object)
                let length = t.pattern.forms.reduce(0) { $0 + $1.text.count }
                if let b = bestByType[t.type] {
                    if (hit.words, length, hit.weight) > (b.words, lengthByType[t.type] ?? 0, b.weight) {
                        bestByType[t.type] = hit; lengthByType[t.type] = length
                    }
                } else {
                    bestByType[t.type] = hit; lengthByType[t.type] = length
                }
            }
            // Across types the longer match wins (`іске қосыл-` over `іске қос-`); blocked types drop out.
            let live = bestByType.filter { $0.value.weight > 0 && !shortQuote[$0.value.first] }
            guard let top = live.max(by: { ($0.value.words, lengthByType[$0.key] ?? 0) < ($1.value.words, lengthByType[$1.key] ?? 0) })
            else { continue }
            let topLength = (top.value.words, lengthByType[top.key] ?? 0)
            for (t, h) in live where (h.words, lengthByType[t] ?? 0) == topLength { hits.append(h) }
            if top.value.words > 1 { coveredUntil = top.value.last }
        }
        // A type told twice within a few words is one trigger (`подписали соглашение о подписании`): keep the stronger.
        var kept: [Hit] = []
        for h in hits {
            if let k = kept.lastIndex(where: { $0.type == h.type && h.first - $0.last <= 3 }) {
                if h.weight > kept[k].weight { kept[k] = h }
            } else {
                kept.append(h)
            }
        }
        return kept
    }

    /// Atoms inside a short quotation, i.e. a name (`«Бейбітшілік үшін әріптестік»`), where trigger words name nothing.
    func shortQuotedAtoms(_ a: [Atom]) -> [Bool] {
        var out = [Bool](repeating: false, count: a.count)
        var open: Int?
        for (k, x) in a.enumerated() where x.kind == .punct {
            if x.text == "«" || x.text == "“" { open = k } else if (x.text == "»" || x.text == "”"), let o = open {
                if k - o <= 9 && !isSpeech(a, open: o, close: k) { for q in o...k { out[q] = true } }
                open = nil
            }
        }
        return out
    }

    /// A quotation introduced by `:` or followed by a verb of saying (`«…» – деді`, `«…» деп мәлімдеді`) is speech.
    func isSpeech(_ a: [Atom], open o: Int, close k: Int) -> Bool {
        if o > 0, a[o - 1].text == ":" { return true }
        var j = k + 1
        while j < a.count, a[j].kind == .punct { j += 1 }
        guard j < a.count else { return false }
        return lex.triggerIndex.lookup(a[j].text).contains { lex.triggers[$0.value].type == .statement && lex.triggers[$0.value].weight > 0 }
    }

    // MARK: participants

    func place(_ mentions: [Mention], atoms a: [Atom], types: [String: EntityType]) -> [Placed] {
        var out: [Placed] = []
        var k = 0
        for m in mentions.sorted(by: { $0.span.start < $1.span.start }) {
            guard let t = types[m.entityID], Self.participantTypes.contains(t) else { continue }
            while k < a.count && a[k].span.end <= m.span.start { k += 1 }
            guard k < a.count else { break }
            var l = k
            while l + 1 < a.count && a[l + 1].span.start < m.span.end { l += 1 }
            out.append(Placed(mention: m, type: t, first: k, last: l))
        }
        return out
    }

    /// Role phrases (`мемлекет басшылары`, `стороны`) kept as unresolved participants.
    func roleOnly(_ a: [Atom]) -> [EventParticipant] {
        var out: [EventParticipant] = []
        for i in a.indices where a[i].kind == .word {
            guard lex.roleIndex.mayStart(a[i].head) else { continue }
            for (pid, _) in lex.roleIndex.lookup(a[i].text) {
                let p = lex.rolePatterns[pid]
                var j = i + 1
                var ok = true
                for f in p.forms.dropFirst() {
                    guard j < a.count, a[j].kind == .word, f.matches(a[j].text) else { ok = false; break }
                    j += 1
                }
                guard ok else { continue }
                let span = Span(start: a[i].span.start, end: a[j - 1].span.end)
                out.append(EventParticipant(role: "actor", entityID: nil, surface: a[i...(j - 1)].map(\.text).joined(separator: " "),
                                            span: span))
                break
            }
        }
        return out
    }

    /// actor, counterpart, object or place, from the entity type, the event type and case or preposition.
    func roleOf(_ p: Placed, hit: Hit, caseRole: String?) -> String? {
        if p.mention.kind == .metonymy && p.type == .place { return "place" }
        switch p.type {
        case .place: return "place"
        case .agreement, .programme: return "object"
        case .country, .organization, .person:
            var role = "actor"
            if let r = caseRole { role = r }
            if p.type == .organization {
                if hit.type == .founding { return "object" }
                if hit.type == .membership || hit.type == .withdrawal { return role == "place" ? "counterpart" : (role == "actor" && hasActorBefore(p) ? "counterpart" : role) }
            }
            if role == "place" && p.type == .person { role = "actor" }
            return role
        default:
            return nil
        }
    }

    private func hasActorBefore(_ p: Placed) -> Bool { p.first > 0 }

    /// Kazakh case ending of the mention's last word, or the Russian/English preposition before it.
    func caseRole(_ p: Placed, atoms a: [Atom], names: [String]) -> String? {
        if p.first > 0, let r = lex.prepositionRoles[a[p.first - 1].text], a[p.first - 1].kind == .word { return r }
        // Kazakh: the ending left after the longest name of the entity the surface starts with.
        guard !names.isEmpty else { return nil }
        let surface = fold(p.mention.surface)
        // On UTF-8 bytes: every name that is a prefix of the surface is a prefix of the same bytes, so the longest
        // in bytes is the longest in letters.
        var longest = 0
        for n in names {
            let len = n.utf8.count
            if len > longest && utf8HasPrefix(surface, n) { longest = len }
        }
        guard longest > 0, surface.utf8.count > longest else { return nil }
        let ending = Substring(surface.utf8.dropFirst(longest))
        for (suffix, role) in lex.kazakhCaseEndings where utf8HasSuffix(ending, suffix) { return role }
        return nil
    }

    /// The speaker of a statement: the person nearest the trigger, else the nearest state or organisation.
    func speakerOf(_ h: Hit, _ placed: [Placed]) -> Placed? {
        func dist(_ p: Placed) -> Int { p.last < h.first ? h.first - p.last : (p.first > h.last ? p.first - h.last : 0) }
        if let person = placed.filter({ $0.type == .person }).min(by: { dist($0) < dist($1) }) { return person }
        return placed.filter { $0.type == .country || $0.type == .organization }.min { dist($0) < dist($1) }
    }

    /// A person named outside a quotation in a sentence that holds one: the likely speaker of the quoted words.
    func quotedSpeaker(_ a: [Atom], _ placed: [Placed]) -> Placed? {
        guard a.contains(where: { $0.quoteDepth > 0 }) else { return nil }
        return placed.first { $0.type == .person && a[$0.first].quoteDepth == 0 }
    }

    /// The state a person led (or served) at the event's date, from the knowledge base.
    func stateOf(person id: String, date: TimeExpression?) -> EntityRecord? {
        guard let kb = knowledgeBase else { return nil }
        let roles: [PersonRole]
        if let start = date?.start, let y = Int(start.prefix(4)) {
            roles = kb.roles(of: id, inYear: y)
        } else if date == nil {
            let all = kb.roles(of: id)
            // Without a date, only an unambiguous state.
            let states = Set(all.map(\.entityID))
            roles = states.count == 1 ? all : []
        } else {
            roles = []
        }
        for r in roles {
            if let e = kb.entity(id: r.entityID), e.type == .country { return e }
        }
        return nil
    }

    /// Atoms between a time and a trigger, plus a penalty for every clause boundary in between.
    /// `breaks`: `clauseBreaksBefore` of the sentence.
    func distance(_ t: EventExtractor.PlacedTime, _ h: Hit, _ breaks: [Int]) -> Int {
        let (lo, hi) = t.last < h.first ? (t.last, h.first) : (h.last, t.first)
        if hi <= lo { return 0 }
        return hi - lo + (t.first > h.last ? 1 : 0) + Self.clausePenalty * (breaks[hi] - breaks[lo + 1])
    }

    /// Element k: clause breaks (not short brackets) among atoms 0..<k.
    func clauseBreaksBefore(_ a: [Atom]) -> [Int] {
        var out = [Int](repeating: 0, count: a.count + 1)
        for k in a.indices { out[k + 1] = out[k] + (isClauseBreak(a, k) && !isShortBracket(a, k) ? 1 : 0) }
        return out
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

    // MARK: founding objects and dated documents

    /// Whether the thing a founding trigger founds stands in its window: an organisation or programme entity, or a head
    /// noun of `founding_objects.tsv`. Time expressions, quotation marks and skip words are passed over; a comma,
    /// bracket or stop word ends the window.
    func hasFoundedThing(_ h: Hit, _ w: Lexicon.ObjectWindow, _ a: [Atom], objectAtoms: [Bool], timeAtoms: [Bool]) -> Bool {
        func namedBefore() -> Bool {
            (0..<h.first).contains { k in
                objectAtoms[k] || (a[k].kind == .word && lex.foundingWords.best(a[k].text) == .head)
            }
        }
        func look(from start: Int, step: Int, words limit: Int) -> Bool {
            var k = start, words = 0
            while k >= 0, k < a.count, words < limit {
                defer { k += step }
                if objectAtoms[k] { return true }
                if timeAtoms[k] { continue }
                let x = a[k]
                switch x.kind {
                case .punct:
                    if Self.quoteMarks.contains(x.text) || (x.isDash && x.glued) || isShortBracket(a, k) { continue }
                    // `Созданное в 2001 г., ЕврАзЭС …`: a participle's own phrase ends at the comma before its noun.
                    if step > 0, words == 0, x.text == "," { continue }
                    return false
                case .number:
                    words += 1
                case .word:
                    switch lex.foundingWords.best(x.text) {
                    case .head?: return true
                    case .skip?, .auxiliary?: continue
                    case .stop?:
                        // `создание в феврале 2002 г. Организации …`: the preposition of a date is passed over.
                        if k + 1 < a.count, timeAtoms[k + 1] { continue }
                        return false
                    case .pronoun?:
                        // `олардың көбі таратылды`: the pronoun stands for a thing the sentence named before.
                        if namedBefore() { return true }
                        words += 1
                    case .block?, nil:
                        words += 1
                    }
                }
            }
            return false
        }
        if w.after > 0, look(from: h.last + 1, step: 1, words: w.after) { return true }
        guard w.before > 0 else { return false }
        var start = h.first - 1
        if w.beforeNeedsAuxiliary {
            // `the bank was (officially) established`: only a passive puts the thing founded before the verb.
            while start >= 0, a[start].kind == .word, lex.foundingWords.best(a[start].text) == .skip { start -= 1 }
            guard start >= 0, a[start].kind == .word, lex.foundingWords.best(a[start].text) == .auxiliary else { return false }
        }
        return look(from: start, step: -1, words: w.before)
    }

    /// `договор 1992 года`, `соглашение от 25 февраля 1999 г.`, `1992 жылғы шарт`, `the treaty of 1992`: a treaty word
    /// or agreement entity touching an explicit date tells an agreement concluded then (`dated_documents.tsv`).
    func datedDocuments(_ a: [Atom], times: [EventExtractor.PlacedTime], placed: [Placed],
                        language: Language) -> [(hit: Hit, time: EventExtractor.PlacedTime)] {
        var out: [(hit: Hit, time: EventExtractor.PlacedTime)] = []
        func weight(_ k: Int) -> Double? {
            guard k >= 0, k < a.count, a[k].kind == .word, let w = lex.datedDocumentHeads.best(a[k].text), w > 0 else { return nil }
            return w
        }
        func hit(_ first: Int, _ last: Int, _ w: Double) -> Hit {
            Hit(type: .agreement, weight: w, first: first, last: last, stemLength: a[last].text.unicodeScalars.count, words: 1,
                datedDocument: true)
        }
        for t in times where t.explicit {
            guard let p = t.expression.precision as TimeExpression.Precision?, p == .day || p == .month || p == .year else { continue }
            // Time, then head: `1992 жылғы шарт`, `the 1992 treaty`.
            if lex.timeBeforeHead.contains(language) {
                let k = t.last + 1
                if let w = weight(k) {
                    out.append((hit(k, k, w), t)); continue
                }
                if let m = placed.first(where: { $0.type == .agreement && $0.first == k }) {
                    out.append((hit(m.first, m.last, weight(m.last) ?? Self.datedAgreementWeight), t)); continue
                }
            }
            // Head, optional link, time: `договор 1992 года`, `соглашению от 25 февраля 1999 года`, `treaty of 1992`.
            if language == .ru || language == .en {
                var j = t.first - 1
                if j >= 0, a[j].kind == .word, lex.datedDocumentLinks.contains(a[j].text) { j -= 1 }
                // `(Договор «4+N», 1996)`: name and year in brackets.
                if j >= 0, a[j].text == ",", t.last + 1 < a.count, a[t.last + 1].text == ")" { j -= 1 }
                if let w = weight(j) {
                    out.append((hit(j, j, w), t)); continue
                }
                var q = j
                while q >= 0, a[q].kind == .punct, Self.quoteMarks.contains(a[q].text) { q -= 1 }
                if j >= 0, let m = placed.first(where: { $0.type == .agreement && ($0.last == j || $0.last == q) }) {
                    out.append((hit(m.first, m.last, weight(m.first) ?? Self.datedAgreementWeight), t))
                }
            }
        }
        return out
    }
    /// Whether atom `k` is a treaty word of `dated_documents.tsv` (a cheap test before placing the entities).
    func datedHead(_ a: [Atom], _ k: Int) -> Bool {
        k >= 0 && k < a.count && a[k].kind == .word && lex.datedDocumentHeads.mayStart(a[k].head) && (lex.datedDocumentHeads.best(a[k].text) ?? 0) > 0
    }
    /// Weight of an agreement told by a dated agreement entity whose words are not in `dated_documents.tsv`.
    static let datedAgreementWeight = 0.7
    /// A signing trigger this many atoms from a dated treaty tells the same agreement.
    static let datedDocumentReach = 8
    /// Words (cue words and conjunctions) that may stand before a time opening a sentence.
    static let openingWords = 2

    /// `;`, `:`, brackets, dashes, and a comma before a clause opener (`, а`, `, but`, `, ал`, `, которые`); list
    /// commas are not.
    func isClauseBreak(_ a: [Atom], _ k: Int) -> Bool {
        guard a[k].kind == .punct else { return false }
        if a[k].text == "," {
            guard k + 1 < a.count else { return false }
            let c = lex.cues.best(a[k + 1].text)
            return c == .clause || c == .relative
        }
        return Self.clauseBreaks.contains(a[k].text)
    }

    /// Clause number of every atom, for participants: only `;` and a comma before a clause opener start a clause
    /// (dashes, colons and brackets introduce lists and appositions of the same clause: `лидерами – России, Украины`).
    func clauseSegments(_ a: [Atom]) -> [Int] {
        var out = [Int](repeating: 0, count: a.count)
        var n = 0
        for k in a.indices {
            if a[k].kind == .punct, a[k].text == ";" || (a[k].text == "," && isClauseBreak(a, k)) { n += 1 }
            out[k] = n
        }
        return out
    }

    /// The clauses a trigger's participants may come from: its own, and the one before when its clause is a relative
    /// clause (`…, а Киргизия и Таджикистан, которые участвовали в переговорах` → the antecedents).
    func allowedClauses(_ h: Hit, _ clauses: [Int], _ a: [Atom]) -> Set<Int> {
        var out: Set<Int> = [clauses[h.first], clauses[h.last]]
        let c = clauses[h.first]
        if c > 0, let start = clauses.firstIndex(of: c), start + 1 < a.count, lex.cues.best(a[start + 1].text) == .relative {
            out.insert(c - 1)
        }
        return out
    }

    /// Quotation number of every atom (0 outside quotations).
    func quotations(_ a: [Atom]) -> [Int] {
        var out = [Int](repeating: 0, count: a.count)
        var n = 0
        var inside = false
        for k in a.indices {
            if a[k].quoteDepth > 0 {
                if !inside { n += 1; inside = true }
                out[k] = n
            } else {
                inside = false
            }
        }
        return out
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

    /// Whether a founding, membership or withdrawal trigger only names the subject of a document
    /// (`Договор о создании …`, `Treaty on the Establishment of …`, `… құру туралы шарт`): `topic_heads.tsv`.
    func isTopicOfDocument(_ h: Hit, _ a: [Atom]) -> Bool {
        guard h.type == .founding || h.type == .membership || h.type == .withdrawal else { return false }
        func word(_ k: Int, _ index: FormIndex<Language>) -> Language? {
            k >= 0 && k < a.count && a[k].kind == .word ? index.best(a[k].text) : nil
        }
        func skipQuotes(_ k: Int, _ step: Int) -> Int {
            var j = k
            while j >= 0 && j < a.count && a[j].kind == .punct && Self.quoteMarks.contains(a[j].text) { j += step }
            return j
        }
        // ru/en: head, marker, optional filler (article, possessive), trigger.
        var m = skipQuotes(h.first - 1, -1)
        if word(m, lex.topicFillers) != nil { m -= 1 }
        if let lang = word(m, lex.topicMarkers), !lex.verbFinal.contains(lang), let headLang = word(skipQuotes(m - 1, -1), lex.topicHeads), headLang == lang {
            return true
        }
        // Verb-final (kk): trigger, marker, head.
        let k = skipQuotes(h.last + 1, 1)
        if let lang = word(k, lex.topicMarkers), lex.verbFinal.contains(lang), word(skipQuotes(k + 1, 1), lex.topicHeads) == lang { return true }
        return false
    }
    static let quoteMarks: Set<String> = ["«", "»", "\"", "“", "”", "„"]
    static let clausePenalty = 20
    static let maxDateDistance = 12
    static let clauseBreaks: Set<String> = [";", ":", "—", "–", "(", ")"]

    // MARK: modality

    /// A modality cue matched in a sentence: its first and last atom.
    struct CueMatch { var cue: Int; var first: Int; var last: Int }

    /// Every multiword modality cue of a sentence (matched once, used for each trigger).
    func modalityCues(_ a: [Atom]) -> [CueMatch] {
        var out: [CueMatch] = []
        for i in a.indices where a[i].kind == .word {
            guard lex.modalityIndex.mayStart(a[i].head) else { continue }
            lex.modalityIndex.forEachMatch(a[i].text) { cid, _ in
                let c = lex.modalityCues[cid]
                var j = i + 1
                for f in c.pattern.forms.dropFirst() {
                    guard j < a.count, a[j].kind == .word, f.matches(a[j].text) else { return }
                    j += 1
                }
                out.append(CueMatch(cue: cid, first: i, last: j - 1))
            }
        }
        return out
    }

    func modalityOf(_ h: Hit, atoms a: [Atom], cues: [CueMatch], quotes: [Int], clauses: [Int], hasProposal: Bool,
                    hasStatement: Bool) -> Modality {
        var found = Set<Modality>()
        let lastWord = a[h.last].text
        let affix = h.words == 1 ? Substring(lastWord.unicodeScalars.dropFirst(h.stemLength)) : Substring(lastWord)
        let affixCount = affix.unicodeScalars.count
        let next = h.last + 1 < a.count && a[h.last + 1].kind == .word ? a[h.last + 1].text : ""
        let nextCount = next.unicodeScalars.count
        let nextBol = utf8HasPrefix(next, "бол")
        for (suffix, m, n) in lex.kazakhSuffixCues {
            if affixCount > n - 1, utf8HasSuffix(affix, suffix) { found.insert(m) }
            if m == .negated, nextCount > n + 1, utf8HasSuffix(next[...], suffix) { found.insert(m) }
            if m == .hypothetical, nextBol, utf8HasSuffix(next[...], suffix) { found.insert(m) }
        }
        for m in cues {
            // A cue inside a quotation (`«Егер …»`, "If …") belongs to the quoted words, not to the sentence reporting them.
            if quotes[m.first] != 0 && quotes[m.first] != quotes[h.first] { continue }
            let c = lex.modalityCues[m.cue]
            let i = m.first, end = m.last
            switch c.place {
            case .before: if end < h.first && h.first - end <= 3 { found.insert(c.modality) }
            case .after: if i > h.last && i - h.last <= 3 { found.insert(c.modality) }
            // `Переговоры Таджикистана и Киргизии были перенесены`: the verb of the trigger's clause, past its subject; not a
            // verb joined to another one (`подписали соглашение и отменили пошлины`).
            case .clause:
                if i > h.last && i - h.last <= 8 && clauses[i] == clauses[h.last]
                    && !(i > 0 && lex.modalityJoints.contains(a[i - 1].text)) { found.insert(c.modality) }
            case .joint: break
            case .sentence: if i < h.first { found.insert(c.modality) }
            case .suffix: break
            }
        }
        for m in [Modality.negated, .hypothetical, .recommended, .planned] where found.contains(m) { return m }
        if hasProposal && h.type != .proposal { return .proposed }
        if hasStatement && h.type != .statement { return .reported }
        return .asserted
    }

    // MARK: merging

    /// How many sentences apart an undated telling may be to join a dated one.
    static let mergeWindow = 3

    /// The same event told several times (same type, participants and modality; compatible dates) is one event.
    func merge(_ events: [Event]) -> [Event] {
        func ids(_ e: Event, _ roles: Set<String>) -> Set<String> {
            Set(e.participants.filter { roles.contains($0.role) }.compactMap(\.entityID))
        }
        let actorRoles: Set<String> = ["actor", "counterpart"], objectRoles: Set<String> = ["object"]
        var out: [Event] = []
        // Participant sets of each kept event, updated when a telling joins it (not rebuilt for every pair).
        var outActors: [Set<String>] = [], outObjects: [Set<String>] = []
        var index = EventMergeIndex(window: Self.mergeWindow)  // candidates only; the rules below decide
        for e in events {
            let actors = ids(e, actorRoles), objects = ids(e, objectRoles)
            let k = index.candidates(e, actors: actors, objects: objects).first { c in
                guard out[c].type == e.type, out[c].modality == e.modality else { return false }  // fields, not a copy
                let d1 = out[c].date?.value, d2 = e.date?.value
                guard d1 == nil || d2 == nil || d1 == d2 else { return false }
                let oa = outActors[c], oo = outObjects[c]
                // An undated telling joins a nearby one; far away, only another undated telling of the same named
                // object (a dated founding of a shared name, the 1995 and 2010 customs unions, is not a later re-founding).
                if d1 == nil || d2 == nil {
                    let near = index.near(c, e.mentions[0].sentenceIndex)
                    let sameObject = d1 == nil && d2 == nil && !objects.isEmpty && objects == oo
                    guard near || sameObject else { return false }
                }
                if !objects.isEmpty && !oo.isEmpty && objects.isDisjoint(with: oo) { return false }
                guard !actors.isEmpty, !oa.isEmpty else { return !objects.isEmpty && objects == oo && actors.isEmpty && oa.isEmpty }
                let shared = actors.intersection(oa).count
                return actors.isSubset(of: oa) || oa.isSubset(of: actors) || Double(shared) / Double(actors.union(oa).count) >= 0.5
            }
            if let k {
                // In place: a copy of the event would copy its tellings at every merge (quadratic in long texts).
                out[k].mentions += e.mentions
                if out[k].date?.value == nil, e.date?.value != nil { out[k].date = e.date }
                var seen = Set(out[k].participants.map { $0.role + "|" + ($0.entityID ?? $0.surface) })
                for p in e.participants where seen.insert(p.role + "|" + (p.entityID ?? p.surface)).inserted { out[k].participants.append(p) }
                out[k].confidence = min(0.99, max(out[k].confidence, e.confidence) + 0.05)
                if out[k].speaker == nil { out[k].speaker = e.speaker }
                outActors[k] = ids(out[k], actorRoles); outObjects[k] = ids(out[k], objectRoles)
                index.file(k, out[k].type, out[k].modality, date: out[k].date?.value, tellings: e.mentions,
                           actors: outActors[k], objects: outObjects[k])
                continue
            }
            index.file(out.count, e.type, e.modality, date: e.date?.value, tellings: e.mentions, actors: actors, objects: objects)
            out.append(e)
            outActors.append(actors); outObjects.append(objects)
        }
        // Two events that stayed apart can agree on every part of the key (type, actors, date, modality, first
        // sentence): the later one takes the next free id of a numbered key, so ids stay unique and stable.
        var used = Set<String>()
        for k in out.indices {
            let ids = Set(out[k].participants.filter { $0.role != "place" }.compactMap(\.entityID)).sorted()
            let key = [out[k].type.rawValue, ids.joined(separator: ","), out[k].date?.value ?? "", out[k].modality.rawValue,
                       String(out[k].mentions[0].sentenceIndex)].joined(separator: "|")
            var id = "ev-" + hex(fnv1a(key))
            var n = 1
            while !used.insert(id).inserted {
                n += 1
                id = "ev-" + hex(fnv1a(key + "|" + String(n)))
            }
            out[k].id = id
        }
        return out
    }
}

func fnv1a(_ s: String) -> UInt64 { WordKey.fnv1a(s) }

func hex(_ v: UInt64) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
}
