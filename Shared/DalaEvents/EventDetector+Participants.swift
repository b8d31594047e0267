import DalaLanguages
import DalaEntities
import DalaText

// Participant pass: entities placed on atoms, their roles, the speaker, a person's state.
extension EventDetector {
    func place(_ mentions: [Mention], atoms a: [Atom], types: [String: EntityType]) -> [Placed] {
        var out: [Placed] = []
        var k = 0
        // Mentions come in text order (`EntityAnalysis`): sorted (stably) only when they do not.
        let inOrder = mentions.indices.dropFirst().allSatisfy { mentions[$0 - 1].span.start <= mentions[$0].span.start }
        for m in inOrder ? mentions : mentions.sorted(by: { $0.span.start < $1.span.start }) {
            guard let t = types[m.entityID], Self.participantTypes.contains(t) || t == .people else { continue }
            while k < a.count && a[k].span.end <= m.span.start { k += 1 }
            guard k < a.count else { break }
            var l = k
            while l + 1 < a.count && a[l + 1].span.start < m.span.end { l += 1 }
            if t == .people {
                // A people's adjective before a state's agent (`қырғыз тарапы`, `өзбек шекарашылары`, `roles.tsv` kind
                // `agent`) names the people's state.
                guard l + 1 < a.count, lex.stateAgents.contains(a[l + 1]), let state = registry.state(ofPeople: m.entityID) else { continue }
                var named = m
                named.entityID = state.id
                out.append(Placed(mention: named, type: .country, first: k, last: l))
                continue
            }
            out.append(Placed(mention: m, type: t, first: k, last: l))
        }
        return out
    }

    /// The first `roles.tsv` kind `follow` phrase of the sentence (`followed`, `did the same`, `последовала примеру`,
    /// `үлгісін қайталады`), in atom coordinates.
    func followWords(_ a: [Atom]) -> (first: Int, last: Int)? {
        for i in a.indices {
            if let j = firstPatternEnd(lex.followIndex, lex.followPatterns, at: i, a) { return (i, j - 1) }
        }
        return nil
    }

    /// Whether `p` is the direct object of the trigger `h` (verb-object languages): right after it (past `the`), the trigger
    /// a verb that acts on someone (`roles.tsv` kind `object-verb`: `urged`, `accused`, `призвал`), with a party before it.
    func directObject(_ p: Placed, of h: Hit, _ a: [Atom], placed: [Placed], language: Language) -> Bool {
        guard !lex.verbFinal.contains(language), p.first > h.last, p.type == .country || p.type == .person || p.type == .organization,
              lex.objectVerbs.contains(a[h.last]) else {
            return false
        }
        var k = h.last + 1
        if k < p.first, a[k].kind == .word, lex.transparentWords.contains(a[k].text) { k += 1 }
        // `hosted the leaders of Kazakhstan`: a role phrase and its link stand for the party.
        if k < p.first, let j = firstPatternEnd(lex.roleIndex, lex.rolePatterns, at: k, a), j < p.first,
           a[j].kind == .word, lex.objectLinks.contains(a[j]) {
            k = j + 1
        }
        guard k == p.first else { return false }
        return placed.contains { q in
            q.last < h.first && (q.type == .country || q.type == .person || q.type == .organization
                || (q.type == .place && capitalOf(q.mention.entityID) != nil))
        }
    }

    /// Where pattern `p`, whose first form matched the word at `i`, ends (one past its last word); nil when its
    /// later forms do not follow word by word.
    func patternEnd(_ p: Pattern, from i: Int, _ a: [Atom]) -> Int? {
        var j = i + 1
        for f in p.forms.dropFirst() {
            guard j < a.count, a[j].kind == .word, f.matches(a[j].text) else { return nil }
            j += 1
        }
        return j
    }

    /// Where the first pattern of `patterns` (indexed by their first form) that matches at the word `i` ends, in `lookup`
    /// order; nil when none does.
    func firstPatternEnd(_ index: FormIndex<Int>, _ patterns: [Pattern], at i: Int, _ a: [Atom]) -> Int? {
        guard a[i].kind == .word, index.mayStart(a[i].head) else { return nil }
        var end: Int?
        index.forEachMatch(a[i].text) { pid, _ in
            if end == nil { end = patternEnd(patterns[pid], from: i, a) }
        }
        return end
    }

    /// Role phrases (`мемлекет басшылары`, `стороны`) kept as unresolved participants.
    func roleOnly(_ a: [Atom]) -> [EventParticipant] {
        var out: [EventParticipant] = []
        var end = 0
        for i in a.indices where i >= end {
            // One phrase once: `сыртқы істер министрлері` is not also `министрлері`.
            guard let j = firstPatternEnd(lex.roleIndex, lex.rolePatterns, at: i, a) else { continue }
            end = j
            let span = Span(start: a[i].span.start, end: a[j - 1].span.end)
            out.append(EventParticipant(role: "actor", entityID: nil, surface: a[i...(j - 1)].map(\.text).joined(separator: " "),
                                        span: span))
        }
        return out
    }

    /// actor, counterpart, object or place, from the entity type, the event type and case or preposition.
    func roleOf(_ p: Placed, hit: Hit, caseRole: String?) -> String? {
        switch p.type {
        // A capital with a counterpart cue stands for its state (`с Кабулом`, `Бішкекке`), and so does one the entity
        // stage flags as its government (`Ташкент закрыл …`, `Astana said`: mention kind `metonymy`), as the actor
        // unless a case says otherwise: `sides` adds the state.
        case .place:
            // A region standing for its states (`party_regions.tsv`) is a party when a case or preposition says so.
            if lex.partyRegions.contains(p.mention.entityID), let r = caseRole, r == "counterpart" || r == "actor" { return r }
            guard capitalOf(p.mention.entityID) != nil else { return "place" }
            if caseRole == "counterpart" { return "counterpart" }
            if p.mention.kind == .metonymy, caseRole == nil || caseRole == "actor" { return "actor" }
            return "place"
        case .agreement, .programme: return "object"
        case .country, .organization, .person:
            var role = "actor"
            if let r = caseRole, r != Self.settingRole { role = r }
            // `without Armenia`, `без Армении`, `Арменияның қатысуынсыз`: the party left out takes no part in the event.
            if role == Self.excludedRole { return nil }
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

    /// The role `case_suffixes.tsv` gives a party named as left out (`without`, `без`, `-сыз`).
    static let excludedRole = "excluded"
    /// The role `case_suffixes.tsv` gives words that make a meeting the scene of something else (`на`, `в ходе`,
    /// `during`); before an entity they say nothing of its role.
    static let settingRole = "setting"
    /// How many words back a setting preposition may stand before a meeting word (`at the annual summit`).
    static let settingReach = 3

    /// Whether a meeting trigger names where something else happened: a locative ending on the trigger (verb-final
    /// languages: `саммитте`, `отырысында`) or a place or setting word just before it (`на саммите`, `в ходе визита`,
    /// `at the summit`, `on the sidelines of the meeting`).
    func isSetting(_ h: Hit, _ a: [Atom], language: Language) -> Bool {
        if lex.verbFinal.contains(language) {
            guard h.words == 1 else { return false }
            // A postposition after it (`саммит аясында`, `кездесу қорытындысы бойынша`): the first word or two after.
            for k in (h.last + 1)..<min(a.count, h.last + 3) where a[k].kind == .word && lex.settingFollowers.contains(a[k].text) {
                return true
            }
            let affix = Substring(a[h.last].text.unicodeScalars.dropFirst(h.stemLength))
            return lex.kazakhCaseEndings.contains { $0.role == "place" && utf8HasSuffix(affix, $0.suffix) }
        }
        var k = h.first - 1, words = 0
        while k >= 0, words < Self.settingReach, a[k].kind == .word {
            if let r = lex.prepositionRoles[a[k].text], r == "place" || r == Self.settingRole { return true }
            k -= 1; words += 1
        }
        return false
    }

    /// The case role of each placed party (country, organisation, person; nil for the others), with the role of a
    /// name joined to another (`with Nazarbayev and Medvedev`, `с Путиным и Си`, `Ресей мен Қытайға`) shared: forward
    /// where a preposition marks the first name, backward where an ending marks the last (verb-final languages).
    func caseRoles(_ placed: [Placed], atoms a: [Atom], language: Language, names: (String) -> [String]) -> [String?] {
        func isParty(_ t: EntityType) -> Bool { t == .country || t == .organization || t == .person }
        var roles = placed.map { p -> String? in
            isParty(p.type) || (p.type == .place && (capitalOf(p.mention.entityID) != nil || lex.partyRegions.contains(p.mention.entityID)))
                ? caseRole(p, atoms: a, names: names(p.mention.entityID)) : nil
        }
        func joined(_ i: Int, _ j: Int) -> Bool {
            guard isParty(placed[i].type), isParty(placed[j].type), placed[i].last < placed[j].first else { return false }
            var k = placed[i].last + 1, words = 0
            while k < placed[j].first {
                let x = a[k]
                if x.kind == .word, lex.coordinators.contains(x.text) { words += 1 } else if !(x.kind == .punct && x.text == ",") { return false }
                k += 1
            }
            return words <= 1 && placed[j].first > placed[i].last + (words == 0 ? 1 : 0)
        }
        func shared(_ r: String) -> Bool { r == "counterpart" || r == Self.excludedRole }
        if lex.verbFinal.contains(language) {
            for i in stride(from: placed.count - 2, through: 0, by: -1) where roles[i] == nil {
                if let r = roles[i + 1], shared(r), joined(i, i + 1) { roles[i] = r }
            }
        } else {
            for j in placed.indices.dropFirst() where roles[j] == nil {
                if let r = roles[j - 1], shared(r), joined(j - 1, j) { roles[j] = r }
            }
        }
        return roles
    }

    /// Capitals named bare for their state (`Tehran demands …`, `Бишкек отвергает обвинения`, `Тегеран … талап етіп отыр`,
    /// `invite Kabul`): a capital with no case ending, preposition or word that keeps it a place beside it
    /// (`roles.tsv` kinds `place-before`, `place-after`: `outside Bishkek`, `the Astana summit`, `Алматы облысы`), in its
    /// dictionary form (`Ташкента`, `Москве` are governed by another word), and not a dateline (`ASTANA, July 4 –`).
    /// News names governments by their capitals; a bare capital beside an event's trigger is a party to it.
    func bareCapitals(_ placed: [Placed], caseRoles: [String?], atoms a: [Atom], names: (String) -> [String]) -> [Bool] {
        var bare = placed.indices.map { i in
            let p = placed[i]
            guard p.type == .place, caseRoles[i] == nil, p.mention.kind != .metonymy,
                  capitalOf(p.mention.entityID) != nil else { return false }
            var surface = fold(p.mention.surface)
            for s in ["'s", "’s"] where surface.hasSuffix(s) { surface = String(surface.dropLast(2)) }
            guard names(p.mention.entityID).contains(surface) else { return false }
            let next = p.last + 1 < a.count ? a[p.last + 1] : nil
            // A dateline opens the text, written in capitals or followed by a comma and the date.
            if p.first == 0, next?.text == "," || p.mention.surface.uppercased() == p.mention.surface { return false }
            // `Astana–Moscow flights`: one end of a route.
            if let n = next, n.isDash, n.glued { return false }
            if let n = next, lex.capitalPlaceAfter.contains(n) { return false }
            var k = p.first - 1
            if k >= 0, a[k].kind == .word, lex.transparentWords.contains(a[k].text) { k -= 1 }
            if k >= 0, lex.capitalPlaceBefore.contains(a[k]) { return false }
            return true
        }
        // `Алматы мен Нұр-Сұлтандағы`, `в Алма-Ату и Нур-Султан`, `Tashkent and Samarkand`: one of places listed together,
        // the others governed as it is.
        for i in placed.indices where bare[i] {
            for j in [i - 1, i + 1] where j >= 0 && j < placed.count && placed[j].type == .place && !bare[j] {
                let (x, y) = j < i ? (placed[j], placed[i]) : (placed[i], placed[j])
                let between = a[(x.last + 1)..<y.first]
                if between.count == 1, between.allSatisfy({ ($0.kind == .word && lex.coordinators.contains($0.text)) || $0.text == "," }) {
                    bare[i] = false
                }
            }
        }
        return bare
    }

    /// Kazakh case ending of the mention's last word, or the Russian/English preposition before it (past `the`).
    func caseRole(_ p: Placed, atoms a: [Atom], names: [String]) -> String? {
        var before = p.first - 1
        if before > 0, a[before].kind == .word, lex.transparentWords.contains(a[before].text) { before -= 1 }
        if before >= 0, let r = lex.prepositionRoles[a[before].text], a[before].kind == .word { return r }
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

    /// Whether a saying is a commentator's (`Analysts said …`, `Critics in Bishkek warned …`, `как утверждают афганские
    /// источники`, `roles.tsv` kind `commentator`): its subject is a commentator word of its clause, before it with no
    /// named person, organisation or state between, or right after it. Commentary is how the text weighs the news, not
    /// an event of the story (issue 14: unannotated sayings); a named analyst (`analyst John Smith said`) stays a statement.
    func saidByCommentator(_ h: Hit, _ a: [Atom], _ placed: [Placed], _ clauses: [Int], language: Language) -> Bool {
        func isCommentator(_ k: Int) -> Bool {
            clauses[k] == clauses[h.first] && lex.commentators.contains(a[k])
        }
        func isParty(_ p: Placed) -> Bool { p.type == .person || p.type == .organization || p.type == .country }
        // Verb-final: the subject opens the clause and the said content stands between it and the verb, so the
        // commentator word (nominative forms only, in the table) must come before any named party of the clause.
        let verbFinal = lex.verbFinal.contains(language)
        var k = h.first - 1
        while k >= 0, verbFinal || h.first - k <= Self.commentatorReach, clauses[k] == clauses[h.first] {
            if isCommentator(k) {
                if verbFinal { return !placed.contains { $0.last < k && clauses[$0.first] == clauses[h.first] && isParty($0) } }
                return !placed.contains { $0.first > k && $0.last < h.first && isParty($0) }
            }
            k -= 1
        }
        k = h.last + 1
        while k < a.count, k - h.last <= Self.commentatorAfter {
            if isCommentator(k) { return true }
            k += 1
        }
        return false
    }
    /// How far before a saying (atoms) its commentator subject may stand, and how far after (`said analysts`).
    static let commentatorReach = 10
    static let commentatorAfter = 2

    /// A person named outside a quotation in a sentence that holds one: the likely speaker of the quoted words.
    func quotedSpeaker(_ a: [Atom], _ placed: [Placed]) -> Placed? {
        guard a.contains(where: { $0.quoteDepth > 0 }) else { return nil }
        return placed.first { $0.type == .person && a[$0.first].quoteDepth == 0 }
    }

    /// Types told of two sides (`A met B`, `A and B signed`, `fighting between A and B`): with exactly two sides named as
    /// actors and no counterpart, the second is the counterpart.
    static let twoSided: Set<EventType> = [.meeting, .agreement, .cooperation, .dispute, .military]

    /// The parties of an event as sides, so an actor→counterpart network can be built. A person and the state they led
    /// at the event's date are one side (the state is added with the person's role, never the other side's); a side
    /// with a counterpart cue (`with`, `с`, `-мен`, `-ға`, `between`) is the counterpart, entirely; the joiner of an
    /// organisation (membership, withdrawal) is the actor and the organisation the counterpart; a state visited by a
    /// person of another state (`прибыл в Туркмению`), or one troops go to, is the counterpart; two sides of a two-sided event
    /// named alike (`A and B signed`) are actor and counterpart in reading order; with counterparts only, the first is
    /// the actor.
    func sides(_ participants: [EventParticipant], type: EventType, date: TimeExpression?,
               typeOf: [String: EntityType], language: Language) -> [EventParticipant] {
        var out = participants
        func isParty(_ role: String) -> Bool { role == "actor" || role == "counterpart" }
        // Side of each entity: a person's state, else itself.
        var sideOf = SmallMap<String, String>()
        for p in participants where p.entityID != nil && isParty(p.role) {
            let id = p.entityID!
            let t = typeOf[id]
            if t == .place, let c = capitalOf(id) {
                // A capital standing for its state: the state takes its role, the city stays the place.
                sideOf[c.id] = c.id
                if !out.contains(where: { $0.entityID == c.id && $0.role != "place" }) {
                    out.append(EventParticipant(role: p.role, entityID: c.id, surface: p.surface, span: p.span))
                }
                if let k = out.firstIndex(where: { $0.entityID == id && $0.role == p.role }) { out[k].role = "place" }
            } else if t == .person, let c = stateOf(person: id, date: date) {
                sideOf[id] = c.id
                if !out.contains(where: { $0.entityID == c.id && $0.role != "place" }) {
                    out.append(EventParticipant(role: p.role, entityID: c.id, surface: c.labels[language.rawValue] ?? c.labels["en"] ?? c.id, span: nil))
                }
                sideOf[c.id] = c.id
            } else if sideOf[id] == nil {
                sideOf[id] = id
            }
        }
        func side(_ p: EventParticipant) -> String? {
            guard let id = p.entityID, isParty(p.role) else { return nil }
            return sideOf[id] ?? id
        }
        // Sides in reading order (a participant without a span comes after those with one).
        var order: [String] = []
        var counterpartSides = SmallSet<String>()
        // (Indices sorted, not the participants: the same order without copying them.)
        for k in out.indices.sorted(by: { (out[$0].span?.start ?? Int.max) < (out[$1].span?.start ?? Int.max) }) {
            let p = out[k]
            guard let s = side(p) else { continue }
            if !order.contains(s) { order.append(s) }
            if p.role == "counterpart" { counterpartSides.insert(s) }
        }
        if type == .membership || type == .withdrawal {
            let joiners = order.filter { typeOf[$0] == .country || typeOf[$0] == .person }
            if !joiners.isEmpty {
                for s in order where typeOf[s] == .organization { counterpartSides.insert(s) }
                for s in joiners { counterpartSides.remove(s) }
            }
        }
        // The state a person visits, or troops are sent to (`направить в Казахстан`), is the other side.
        // (So is one a lone state goes to: `The Chinese leader arrived in Astana`.)
        let loneState = order.count == 1 && counterpartSides.isEmpty && typeOf[order[0]] == .country
        let visit = type == .meeting
            && (loneState || order.contains { s in out.contains { typeOf[$0.entityID ?? ""] == .person && side($0) == s } })
        if visit || (type == .military && !order.isEmpty) {
            for p in out where p.role == "place" {
                guard let id = p.entityID else { continue }
                let state = typeOf[id] == .country ? id : capitalOf(id)?.id
                guard let st = state, !order.contains(st) else { continue }
                order.append(st); sideOf[st] = st; counterpartSides.insert(st)
                if st != id { out.append(EventParticipant(role: "counterpart", entityID: st, surface: p.surface, span: p.span)) }
            }
        }
        var actorSides = order.filter { !counterpartSides.contains($0) }
        if actorSides.isEmpty, order.count >= 2 { actorSides = [order[0]]; counterpartSides.remove(order[0]) }
        if counterpartSides.isEmpty, Self.twoSided.contains(type) {
            // Two sides named alike are actor and counterpart in reading order; so are two states (or their leaders)
            // named beside the organisations or formats the event takes place in (`at the SCO summit, A and B …`).
            let states = actorSides.filter { typeOf[$0] == .country }
            if actorSides.count == 2 {
                counterpartSides.insert(actorSides[1])
            } else if states.count == 2, actorSides.allSatisfy({ states.contains($0) || typeOf[$0] == .organization }) {
                counterpartSides.insert(states[1])
            }
        }
        var result: [EventParticipant] = []
        result.reserveCapacity(out.count)
        var seen = SmallSet<RoleKey>()
        for var p in out {
            if let id = p.entityID, let s = sideOf[id], (isParty(p.role) || (p.role == "place" && counterpartSides.contains(id))) {
                p.role = counterpartSides.contains(s) ? "counterpart" : "actor"
            }
            if seen.insert(RoleKey(p)) { result.append(p) }
        }
        return result
    }

    /// The state whose capital the place is (knowledge base `capital:`).
    func capitalOf(_ id: String) -> EntityRecord? { registry.capital(of: id) }

    /// The state a person led (or served) at the event's date, from the knowledge base.
    func stateOf(person id: String, date: TimeExpression?) -> EntityRecord? {
        guard let kb = knowledgeBase else { return nil }
        let roles: [PersonRole]
        if let start = date?.start, let y = Int(start.prefix(4)) {
            roles = kb.roles(of: id, inYear: y)
        } else if date == nil {
            // Without a date, only an unambiguous state (the roles held for states; one at an international
            // organisation, `UN Geneva`, leaves the person's state as it is).
            let all = kb.roles(of: id).filter { kb.entity(id: $0.entityID)?.type == .country }
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
}
