import DalaText

// Institutions named after a person: "М.В. Ломоносов атындағы Мәскеу мемлекеттік университеті", "Евразийский
// национальный университет имени Л.Н. Гумилёва", "L.N. Gumilyov Eurasian National University". The person is part of
// the institution's name, not a mention of its own: the longest well-formed name decides. The words that say "named
// after" are the `named-after` rows of `<lang>/name_phrases.tsv` (kk `атындағы`: the person before them and the
// institution after; ru `имени`, `им.`: the institution before and the person after); English writes the person right
// before the institution's capitalised run.
extension DocumentPass {
    /// Joins a person (or a capitalised name) and the institution named after it into one name of the institution's
    /// type: a local institution becomes a local name holding the person, a registry one keeps its entity with its
    /// mention widened over the person. Run after the sentence's organisation and facility passes.
    mutating func namedAfterNames(_ s: Int) {
        // Nothing to join without an institution: its mentions are fewer than the sentence's words.
        guard units[s].count >= 3, s < mentionsBySentence.count, mentionsBySentence[s].contains(where: { isInstitution(mentions[$0]) })
        else { return }
        let before = lex.phrases.namedAfterBeforeKeys, after = lex.phrases.namedAfterAfterKeys
        // Most sentences have no marker: a scan of the words in place (no copies) decides.
        let markers: [Int] = units[s].withUnsafeBufferPointer { b in
            var out: [Int] = []
            for k in 1..<b.count - 1 where b[k].isWord && (before.contains(b[k].key) || after.contains(b[k].key)) { out.append(k) }
            return out
        }
        for k in markers {
            let us = units[s]
            if before.contains(us[k].key) {
                // kk: the person, "атындағы", the institution.
                guard let start = namedAfterPersonStart(s, before: k), let inst = institutionMention(s, startingAt: k + 1) else { continue }
                joinNamedAfter(s, start, mentions[inst].end, institution: inst)
            } else {
                // ru: the institution, "имени" (or "им."), the person.
                var p = k + 1
                if us[k].sc.count <= 2 {
                    guard us[p].mark == 0x2E, p + 1 < us.count else { continue }
                    p += 1
                }
                guard let inst = institutionMention(s, endingAt: k), let end = namedAfterPersonEnd(s, from: p) else { continue }
                joinNamedAfter(s, mentions[inst].start, end, institution: inst)
            }
        }
        guard lex.morphologyKind(sentences[s].language) == .english, s < mentionsBySentence.count else { return }
        let us = units[s]
        // en: a person right before a local institution's run ("L.N. Gumilyov Eurasian National University"); a place's
        // adjective between them is part of the name ("K.I. Satpayev Kazakh National Technical University").
        for p in mentionsBySentence[s] where p < mentions.count && isPersonLike(mentions[p]) {
            var end = mentions[p].end
            while end < us.count, consumed[s][end], let m = mentionCovering(s, end), m.start == end, m.local == nil,
                  m.kind == .adjective, isPlaceLike(m) { end = m.end }
            guard end < us.count, end > mentions[p].end || us[end].followsSpace,
                  let inst = institutionMention(s, startingAt: end), mentions[inst].local != nil else { continue }
            joinNamedAfter(s, mentions[p].start, mentions[inst].end, institution: inst)
            break       // the mentions were refiled: one join per sentence is plenty
        }
    }

    /// A person mention: a local person or a registry name of persons only.
    func isPersonLike(_ m: RawMention) -> Bool {
        if let l = m.local { return l.type == .person }
        return isPersonName(m)
    }

    /// The start of the person an institution is named after, ending right before `k`: a person mention, or a run of
    /// initials and capitalised words outside any mention (at most four).
    func namedAfterPersonStart(_ s: Int, before k: Int) -> Int? {
        let us = units[s]
        if consumed[s][k - 1] {
            guard let m = mentionCovering(s, k - 1), m.end == k, isPersonLike(m) else { return nil }
            return m.start
        }
        var start = k
        while start > 0, k - start < 4, !consumed[s][start - 1], us[start - 1].isWord,
              us[start - 1].isInitial || us[start - 1].isCapitalized && !us[start - 1].isAllCaps { start -= 1 }
        // (Capitalised by position or not: the word before "named after" is a name.)
        guard start < k, us[k - 1].isCapitalized, !us[k - 1].isInitial else { return nil }
        return start
    }

    /// The end of the person an institution is named after, starting at `p`: a person mention, or initials followed by
    /// a capitalised word outside any mention.
    func namedAfterPersonEnd(_ s: Int, from p: Int) -> Int? {
        let us = units[s]
        guard p < us.count, us[p].isWord else { return nil }
        if consumed[s][p] {
            guard let m = mentionCovering(s, p), m.start == p, isPersonLike(m) else { return nil }
            return m.end
        }
        var q = p
        while q < us.count, q - p < 3, us[q].isInitial, !consumed[s][q] { q += 1 }
        guard q < us.count, us[q].isWord, us[q].isCapitalized, !us[q].isAllCaps, !us[q].isInitial, !consumed[s][q] else { return nil }
        return q + 1
    }

    /// The index of a name mention of an institution (an organisation, local or registry; not an acronym) that starts at
    /// `k`.
    func institutionMention(_ s: Int, startingAt k: Int) -> Int? {
        guard k < units[s].count, consumed[s][k], let i = lastMentionIndex(in: s, where: { $0.start == k }) else { return nil }
        return isInstitution(mentions[i]) ? i : nil
    }

    /// The index of the institution mention (as above) ending at `k`, or holding `k` as its last word (a Russian name
    /// takes "имени" in as a genitive complement word).
    func institutionMention(_ s: Int, endingAt k: Int) -> Int? {
        guard let i = lastMentionIndex(in: s, where: { ($0.end == k || $0.end == k + 1) && $0.start < k }) else { return nil }
        return isInstitution(mentions[i]) ? i : nil
    }

    func isInstitution(_ m: RawMention) -> Bool {
        guard m.kind == .name else { return false }
        if let l = m.local { return l.type == .organization }
        return isOrganizationName(m)
    }

    /// One name from `start` to `end` of the institution mention `inst`: a local one is named anew over the whole
    /// span (the person's mention goes), a registry one keeps its entities with the span widened.
    mutating func joinNamedAfter(_ s: Int, _ start: Int, _ end: Int, institution inst: Int) {
        let m = mentions[inst]
        if let l = m.local {
            for k in start..<end { consumed[s][k] = false }
            addOrganization(s, start, end, type: l.type)
            return
        }
        var wide = m
        wide.start = start; wide.end = end
        wide.span = Span(start: units[s][start].span.start, end: units[s][end - 1].span.end)
        for k in start..<end { consumed[s][k] = true }
        mentions.removeAll { $0.sentence == s && $0.start >= start && $0.end <= end }
        mentions.append(wide)
    }
}
