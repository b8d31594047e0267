import DalaLanguages
import DalaEntities
import DalaText

// Participant pass: entities placed on atoms, their roles, the speaker, a person's state.
extension EventDetector {
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
}
