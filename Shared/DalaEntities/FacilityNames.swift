import DalaText

// Facilities named after their place: "Алматы әуежайы", "Қорғас өткізу бекеті", "аэропорт Алматы", "Khorgos border
// crossing", "port of Aktau". The place inside is part of the longer name, not a mention of its own; the heads are the
// `place` rows of `<lang>/head_nouns.tsv` (kk closes the name, ru opens it, en closes it or opens it with "of").
extension DocumentPass {
    /// Whether a head-last name starting at `start` may name a facility: a capitalised word outside the registry, or a
    /// registry place (a city, village, region; not a country or a people: "Қазақстан порттары" describe) written bare,
    /// not in a case ("Үлкен ауылының атом электр станциясы" is the station of the village, not its name).
    @inline(never)
    func namesFacility(_ s: Int, _ start: Int) -> Bool {
        guard consumed[s][start] else { return true }
        guard let m = mentionCovering(s, start), m.start == start, m.kind == .name || m.kind == .metonymy, !m.stripped,
              !m.candidates.isEmpty else { return false }
        return m.candidates.allSatisfy { store.infos[$0].record.type == .place }
    }

    /// ru and en facility names whose head is not capitalised (the organisation pass takes capitalised runs): a head
    /// before a registry place or a quoted name (ru "аэропорту Алматы", "вокзал «Нұрлы жол»"; en "port of Aktau"), or
    /// after a registry place and at most one lowercase word (en "Almaty airport", "Khorgos border crossing"). Run after
    /// the sentence's organisation pass, over the words a prefix scan picks.
    mutating func facilityNames(_ s: Int) {
        guard units[s].count >= 2, lex.morphologyKind(sentences[s].language) != .suffixChain else { return }
        // (Heads of several words are a paradigm language's.)
        if lex.morphologyKind(sentences[s].language) == .paradigm, !lex.adjectives.phraseHeads.isEmpty { facilityPhraseNames(s) }
        let prefixes = lex.headNounPrefixes
        let candidates: [Int] = units[s].withUnsafeBufferPointer { b in
            var out: [Int] = []
            for i in b.indices where b[i].isWord && !b[i].isCapitalized && prefixes.contains(TextNorm.prefixKey(b[i].sc)) { out.append(i) }
            return out
        }
        for i in candidates where !consumed[s][i] {
            guard let kind = lex.morphologyKind(units[s][i].script), kind != .suffixChain, let head = headNoun(s, i, kind: kind) else { continue }
            if head.type != .place {
                if kind == .paradigm, let (a, b) = quotedNameAfterHead(s, i + 1) { addOrganization(s, a, b, type: head.type) }
                continue
            }
            guard !isPluralHead(units[s][i], kind: kind) else { continue }
            if kind == .english, let start = facilityPlaceBefore(s, i) {
                addOrganization(s, start, i + 1, type: .place)
                continue
            }
            var k = i + 1
            if kind == .english, k < units[s].count, units[s][k].isWord, lex.phrases.stateOfKeys.contains(units[s][k].key) { k += 1 }
            else if kind == .english { continue }
            if let end = facilityNameAfter(s, k) { addOrganization(s, i, end, type: .place) }
        }
    }

    /// ru "пункт пропуска «Нур Жолы»", "на пограничном посту Достык": a head of several words (`head_nouns.tsv`, each
    /// word in any case, singular) before a registry place, a quoted name or capitalised words outside any mention is
    /// the facility; its label takes the head as the table writes it.
    @inline(never)
    mutating func facilityPhraseNames(_ s: Int) {
        let tables = lex.adjectives
        let prefixes = tables.phraseHeadPrefixes
        // The first words' first letters, tested in place: most sentences have none.
        let starts: [Int] = units[s].withUnsafeBufferPointer { b in
            var out: [Int] = []
            for i in b.indices where b[i].isWord && b[i].sc.count >= 4 && prefixes.contains(TextNorm.prefixKey(b[i].sc)) { out.append(i) }
            return out
        }
        var next = 0
        for i in starts where i >= next {
            guard !consumed[s][i], lex.morphologyKind(units[s][i].script) == .paradigm else { continue }
            var matched: (end: Int, words: [String], type: EntityType)?
            for (stems, words, head) in tables.phraseHeads where i + stems.count <= units[s].count && stems.count > (matched.map { $0.end - i } ?? 0) {
                var ok = true
                for (n, stem) in stems.enumerated() {
                    guard units[s][i + n].isWord, !consumed[s][i + n], n == 0 || !units[s][i + n].isCapitalized,
                          units[s][i + n].key == stem
                          || TextNorm.hash(units[s][i + n].sc.prefix(Morphology.russianStemLength(units[s][i + n].sc, lexicon: lex))) == stem,
                          !isPluralHead(units[s][i + n], kind: .paradigm)
                    else { ok = false; break }
                }
                if ok { matched = (i + stems.count, words, head.type) }
            }
            guard let (h, words, type) = matched else { continue }
            guard let end = facilityNameAfter(s, h) ?? capitalizedWordsEnd(s, h) else { next = h; continue }
            addOrganization(s, i, end, type: type)
            if let last = mentions.indices.last, var local = mentions[last].local {
                var head = words
                head[0] = DocumentPass.withCaseOf(units[s][i].text, head[0])
                local.label = (head + [DocumentPass.nameLabel(units[s][h..<end], units[s][h..<end].filter(\.isWord).map(\.text))]).joined(separator: " ")
                mentions[last].local = local
            }
            next = end
        }
    }

    /// The end of one to three capitalised words outside any mention starting at `k` (a name the registry does not
    /// hold: "Достык"); nil when `k` starts none.
    func capitalizedWordsEnd(_ s: Int, _ k: Int) -> Int? {
        var q = k
        while q < units[s].count, q - k < 3, units[s][q].isWord, units[s][q].isCapitalized, !units[s][q].isAllCaps,
              !units[s][q].isInitial, !consumed[s][q], !lex.notNameKeys.contains(units[s][q].key) { q += 1 }
        return q > k ? q : nil
    }

    /// ru "проектом «Пан-Европа»", "программа «Цифровой Казахстан»": a quoted capitalised name right after a lowercase
    /// head noun of another type is a name of the head's type; the head describes it and stays out (the word range of the
    /// quoted words is returned). Nil when the quotes hold one registry name (that entity is meant) or no name.
    func quotedNameAfterHead(_ s: Int, _ k: Int) -> (Int, Int)? {
        let us = units[s]
        guard k + 1 < us.count, us[k].isQuote, us[k].mark != 0xBB, us[k + 1].isCapitalized, us[k + 1].isWord else { return nil }
        var q = k + 1
        while q < us.count, !us[q].isQuote, q - k <= 6, us[q].isWord || us[q].isDash || us[q].shape == .number { q += 1 }
        guard q < us.count, us[q].isQuote, q > k + 1 else { return nil }
        if consumed[s][k + 1], let m = mentionCovering(s, k + 1), m.start == k + 1, m.end == q, m.local == nil { return nil }
        return (k + 1, q)
    }

    /// The start of a registry place ending right before the head `i` or one lowercase word before it (en).
    func facilityPlaceBefore(_ s: Int, _ i: Int) -> Int? {
        var k = i - 1
        if k >= 1, units[s][k].isWord, !units[s][k].isCapitalized, !consumed[s][k] { k -= 1 }
        guard k >= 0, consumed[s][k], let m = mentionCovering(s, k), m.end == k + 1, units[s][m.start].isCapitalized,
              !isPossessiveAt(s, k), namesFacility(s, m.start) else { return nil }
        return m.start
    }

    /// The end of the name a facility head opens when a registry place or a quoted capitalised name starts at `k`.
    func facilityNameAfter(_ s: Int, _ k: Int) -> Int? {
        let us = units[s]
        guard k < us.count else { return nil }
        if us[k].isQuote, us[k].mark != 0xBB, k + 1 < us.count, us[k + 1].isCapitalized {
            var q = k + 1
            while q < us.count, !us[q].isQuote, q - k <= 5, us[q].isWord || us[q].isDash { q += 1 }
            // Whatever the quotes hold is the facility's name (a station may be named after a programme: «Нұрлы жол»),
            // unless it is one registry place: the facility itself (порт «Хоргос — Восточные ворота», КПП «Кордай»).
            guard q < us.count, us[q].isQuote else { return nil }
            if consumed[s][k + 1], let m = mentionCovering(s, k + 1), m.start == k + 1, m.end == q, isPlaceLike(m) { return nil }
            return q + 1
        }
        guard us[k].isCapitalized, consumed[s][k], let m = mentionCovering(s, k), m.start == k, m.kind == .name,
              !m.candidates.isEmpty, m.candidates.allSatisfy({ store.infos[$0].record.type == .place }) else { return nil }
        return m.end
    }

    /// A plural facility head ("ports of Aktau and Kuryk", "аэропортах Москвы") names several facilities, not one.
    func isPluralHead(_ u: WordUnit, kind: MorphologyKind) -> Bool {
        switch kind {
        case .english: return lex.englishHeadNouns[u.key] == nil && u.sc.last == 0x73
        case .paradigm:
            guard lex.paradigmHeadNouns[u.key] == nil else { return false }
            let n = Morphology.russianStemLength(u.sc, lexicon: lex)
            return n < u.sc.count && lex.phrases.pluralNounEndings.contains { $0 == Array(u.sc[n...]) }
        case .suffixChain: return false
        }
    }
}
