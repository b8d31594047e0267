import DalaText

// Pass 4: acronyms defined in the text ("Full Name (ACR)") and their document-wide meaning.
extension DocumentPass {
    // MARK: Acronyms defined in the text

    mutating func acronymDefinitionPass(_ s: Int) {
        let us = units[s]
        var k = 1
        while k + 2 < us.count + 1, k + 1 < us.count {
            guard us[k - 1].mark == 0x28, us[k].isWord, k + 1 < us.count, us[k + 1].mark == 0x29 || us[k + 1].mark == 0x2C,
                  DocumentPass.looksLikeAcronym(us[k].text) else { k += 1; continue }
            let acr = us[k].key
            if let existing = mentionCovering(s, k), existing.start == k {
                // "Орта Азия (ОА)": the document's own definition beats the registry's reading of the acronym.
                if let named = lastMentionIndex(in: s, where: { $0.end == k - 1 }).map({ mentions[$0] }), named.kind != .adjective,
                   named.candidates != existing.candidates || named.local?.key != existing.local?.key,
                   initialsSpell(us[k].text, us[named.start..<named.end])
                    || (!named.candidates.isEmpty && named.candidates.allSatisfy { existing.candidates.contains($0) }),
                   let idx = lastMentionIndex(in: s, where: { $0.start == k }) {
                    mentions[idx].candidates = named.candidates
                    mentions[idx].local = named.local
                    mentions[idx].definesAcronym = true
                    define(acr, mentions[idx])
                } else {
                    define(acr, existing)
                }
                k += 2; continue
            }
            // The name right before the bracket defines it.
            if let named = lastMentionIndex(in: s, where: { $0.end == k - 1 }).map({ mentions[$0] }), named.kind != .adjective {
                var m = named
                m.start = k; m.end = k + 1; m.span = us[k].span; m.kind = .acronym; m.confidence = min(0.85, named.confidence)
                m.definesAcronym = true
                add(m); define(acr, m); k += 2; continue
            }
            // Otherwise the words before the bracket whose initials spell it.
            if let start = initialsStart(s, bracket: k - 1, acronym: us[k].text),
               us[start].isCapitalized || (start..<(k - 1)).contains(where: { headNounAny(s, $0) != nil }) {
                var type = EntityType.organization
                for w in start..<(k - 1) { if let h = headNounAny(s, w) { type = h.type; break } }
                addOrganization(s, start, k - 1, type: type)
                if let named = mentions.last {
                    var m = named
                    m.start = k; m.end = k + 1; m.span = us[k].span; m.kind = .acronym; m.confidence = 0.6
                    m.definesAcronym = true
                    add(m); define(acr, m)
                }
            }
            k += 2
        }
    }

    /// Records a document definition; an acronym defined twice for different registry entities keeps both, and each
    /// bare use is then linked on its own (years, cues).
    mutating func define(_ acr: UInt64, _ m: RawMention) {
        if var old = acronyms[acr], !old.candidates.isEmpty, !m.candidates.isEmpty, old.candidates != m.candidates {
            for c in m.candidates where !old.candidates.contains(c) { old.candidates.append(c) }
            acronyms[acr] = old
        } else {
            acronyms[acr] = m
        }
    }

    /// Whether the capital letters of `acronym` appear in order among the initials of the words.
    func initialsSpell(_ acronym: String, _ words: ArraySlice<WordUnit>) -> Bool {
        let letters = acronym.unicodeScalars.filter { TextNorm.isLetter($0.value) && TextNorm.isUpper($0.value) }.map { TextNorm.lower($0.value) }
        var initials: [UInt32] = []
        for w in words where w.isWord {
            for part in w.sc.split(separator: 0x2D) { if let f = part.first { initials.append(f) } }
        }
        guard let first = letters.first, initials.first == first else { return false }
        var k = 0
        for c in initials where k < letters.count && c == letters[k] { k += 1 }
        return k == letters.count
    }

    static func looksLikeAcronym(_ text: String) -> Bool {
        var letters = 0, upper = 0
        for u in text.unicodeScalars where TextNorm.isLetter(u.value) {
            letters += 1
            if TextNorm.isUpper(u.value) { upper += 1 }
        }
        return letters >= 2 && letters <= 10 && upper >= 2 && upper * 2 >= letters
    }

    /// Index of the first word of the phrase before `bracket` whose word initials spell `acronym`.
    func initialsStart(_ s: Int, bracket: Int, acronym: String) -> Int? {
        let us = units[s]
        let letters = acronym.unicodeScalars.filter { TextNorm.isLetter($0.value) && TextNorm.isUpper($0.value) }
            .map { TextNorm.lower($0.value) }
        guard letters.count >= 2 else { return nil }
        var k = bracket - 1
        var needed = letters.count - 1
        var skipped = 0
        while k >= 0, bracket - k <= 12 {
            let w = us[k]
            guard w.isWord else { if w.isQuote || w.isDash { k -= 1; continue } else { return nil } }
            let first = w.sc.first ?? 0
            if needed >= 0, first == letters[needed] {
                needed -= 1
                if needed < 0 { return k }
            } else if !lex.phrases.isConnector(w.key) {
                skipped += 1
                if skipped > 2 { return nil }
            }
            k -= 1
        }
        return nil
    }

    /// "Договор об углублении интеграции … (Договор «4+N», 1996)": a local name opening a bracket right after a
    /// registry organisation, programme or agreement of its type is a short name the document gives it; that local name
    /// links the registry entity everywhere in the document.
    mutating func applyBracketedShortNames() {
        var aliases: [String: [Int]] = [:]
        for m in mentions where m.kind == .name && m.start >= 2 {
            guard let local = m.local, [.organization, .programme, .agreement].contains(local.type),
                  units[m.sentence][m.start - 1].mark == 0x28,
                  let r = lastMentionIndex(in: m.sentence, where: { $0.end == m.start - 1 }).map({ mentions[$0] }),
                  r.kind == .name, !r.candidates.isEmpty,
                  r.candidates.allSatisfy({ store.infos[$0].record.type == local.type }) else { continue }
            aliases[local.key] = r.candidates
        }
        guard !aliases.isEmpty else { return }
        for idx in mentions.indices {
            guard let key = mentions[idx].local?.key, let c = aliases[key] else { continue }
            mentions[idx].candidates = c
            mentions[idx].local = nil
            mentions[idx].confidence = 0.75
        }
    }

    /// Registry acronyms the document defines otherwise take the document's meaning everywhere in it.
    mutating func applyAcronymDefinitions() {
        guard !acronyms.isEmpty else { return }
        for idx in mentions.indices where mentions[idx].kind == .acronym && !mentions[idx].definesAcronym {
            let m = mentions[idx]
            guard let def = acronyms[units[m.sentence][m.start].key] else { continue }
            // A registry reading that is the defined body under a later or earlier name, in force in a year of the
            // mention's own sentence (without any, of the sentence before it in the same document), stays a candidate
            // (a text defining ЦАС as the union of 1994 goes on to call its 2002 successor ЦАС: "в 2004 г. … ЦАС");
            // the linker decides.
            var candidates = def.candidates
            var years = sentenceYears[m.sentence]
            if years.isEmpty, m.sentence > 0, sentences[m.sentence - 1].documentIndex == sentences[m.sentence].documentIndex {
                years = sentenceYears[m.sentence - 1]
            }
            if !candidates.isEmpty, !years.isEmpty, m.candidates.contains(where: { !candidates.contains($0) }) {
                let line = candidates.reduce(into: Set<Int>()) { $0.formUnion(lineage($1)) }
                for c in m.candidates where !candidates.contains(c) && line.contains(c)
                    && years.contains(where: { store.infos[c].isValid(inYear: $0) }) { candidates.append(c) }
            }
            mentions[idx].candidates = candidates
            mentions[idx].local = def.local
        }
    }
}
