import DalaText

// Pass 1: registry names (exact, inflected, misspelt) and Kazakh "Кеңес" as "Soviet".
extension DocumentPass {
    // MARK: Registry names

    mutating func registryPass(_ s: Int) {
        let us = units[s]
        var cache = [[WordAnalysis]?](repeating: nil, count: us.count)
        var i = 0
        while i < us.count {
            guard us[i].isWord, !consumed[s][i] else { i += 1; continue }
            var match = withUnsafeMutablePointer(to: &cache) { matcher.longestMatch(units: us, at: i, ignoreCase: false, cache: $0) }
            // Another spelling of a registry name ("Qasym-Zhomart Toqaev", "Шовката Мирзияева"): only where the exact
            // spellings read no name, or stop before a capitalised word they cannot read.
            var transliterated = false
            if match == nil || match!.kind == .name && match!.end < us.count && us[match!.end].isCapitalized
                && (cache[match!.end] ?? matcher.analyses(of: us[match!.end])).isEmpty,
               let t = transliteratedMatch(s, i, exactEnd: match?.end ?? i, cache: cache) {
                match = t; transliterated = true
            }
            // English "Kyrgyz", "Uzbek": the people after "the", otherwise the adjective of the country.
            // After "the", a lowercase noun that is no verb or function word makes it the adjective too ("the Kyrgyz side").
            if let m = match, m.kind == .name, m.end == i + 1, us[i].sc.first.map(TextNorm.isLatin) == true,
               m.entities.allSatisfy({ store.infos[$0].record.type == .people }),
               i == 0 || !lex.phrases.articleKeys.contains(us[i - 1].key) || nounFollows(s, i + 1) || dashCompoundFollows(s, i + 1),
               let other = matcher.longestMatch(units: us, at: i, ignoreCase: false, excluding: .people), other.end == m.end {
                match = other
            }
            // "Данияр Ашимбаев" is not the registry's Maulen Ashimbayev: a surname after another given name is
            // someone else (left to the person patterns).
            // A sentence's first word is capitalised anyway: before the surname of someone the document has named
            // already ("Later Toqaev …", "Затем Токаев …") it is no given name.
            if let m = match, m.isSurname, m.start > 0, isNameLike(s, m.start - 1), !isTitle(s, m.start - 1), !isLocativeOpener(s, m.start - 1),
               !m.entities.contains(where: { store.givenNames[$0]?.contains(us[m.start - 1].key) ?? false }),
               !(us[m.start - 1].isSentenceStart && isNamedBefore(m.entities)) {
                match = nil
            }
            // "орыс тілі", "қазақ тілінде": the language, not the people (an adjective use: no mention of the people).
            if var m = match, m.kind == .name, m.entities.allSatisfy({ store.infos[$0].record.type == .people }),
               m.end < us.count, isLanguageNoun(us[m.end]) {
                m.kind = .adjective; match = m
            }
            // "корей диаспорасы", "өзбек халқы": a singular ethnonym before a collective noun of people (`people-context.tsv`
            // `collective`) is the people, not the country an adjective reading points at.
            if let m = match, m.end == i + 1, m.end < us.count, !us[i].isCapitalized, !m.entities.isEmpty,
               !(m.kind == .name && m.entities.allSatisfy({ store.infos[$0].record.type == .people })),
               isPeopleCollective(us[m.end]),
               var p = matcher.longestMatch(units: us, at: i, ignoreCase: false, excluding: .country), p.end == m.end,
               p.entities.allSatisfy({ store.infos[$0].record.type == .people }) {
                p.kind = .name; match = p
            }
            if let m = match, accept(m, s) {
                var start = m.start, end = m.end
                // «Қазақстан-2050» стратегиясы: a name that runs through a closing quote takes its opening one too.
                if start > 0, us[start - 1].isQuote, us[start..<end].contains(where: { $0.isQuote }) { start -= 1 }
                var span = Span(start: us[start].span.start, end: us[end - 1].span.end)
                if m.isSurname {
                    while start > 0, us[start - 1].isInitial { start -= 1 }
                    if start == m.start { while end < us.count, us[end].isInitial { end += 1 } }
                    span = Span(start: us[start].span.start, end: us[end - 1].span.end)
                }
                var conf: Double
                switch m.kind {
                case .name: conf = m.isSurname ? 0.8 : (m.end - m.start > 1 ? 0.95 : 0.9)
                case .acronym: conf = us[i].sc.count <= 2 ? 0.75 : 0.85
                case .adjective: conf = 0.8
                case .metonymy: conf = 0.7
                }
                if m.stripped { conf -= 0.02 }
                if transliterated { conf = m.end - m.start > 1 ? 0.85 : 0.7 }
                if m.tolerant { conf = min(conf, 0.7) }
                add(RawMention(sentence: s, start: start, end: end, span: span, candidates: m.entities, local: nil,
                               kind: m.kind, confidence: conf, isSurname: m.isSurname, stripped: m.stripped))
                i = end
                continue
            }
            if let soviet = sovietHomonym(s, i) { add(soviet); i += 1; continue }
            if let misspelt = fuzzyMatch(s, i, cache: &cache) { add(misspelt); i = misspelt.end; continue }
            i += 1
        }
    }

    /// A registry name read with the capitalised words from `i` taken through their transliteration keys as well
    /// (`Matcher.transliteratedAnalyses`), when that reads a longer name than the exact spellings (ending at
    /// `exactEnd`). Names only, never acronyms or adjectives; a single word must have six letters or more and three
    /// consonant classes, since short keys collide with ordinary words.
    func transliteratedMatch(_ s: Int, _ i: Int, exactEnd: Int, cache: [[WordAnalysis]?]) -> RegistryMatch? {
        let us = units[s]
        guard us[i].isWord, us[i].isCapitalized, !us[i].isAllCaps, !us[i].isInitial, !consumed[s][i],
              !lex.notNameKeys.contains(us[i].key) else { return nil }
        let suffixChain = lex.hasSuffixChains(sentences[s].language)
        var local = cache
        var j = i, words = 0, read = false
        while j < us.count, words < 5 {
            if j > i, us[j].isSkippableInsideName { j += 1; continue }
            guard us[j].isWord, us[j].isCapitalized, !us[j].isAllCaps, !us[j].isInitial, !consumed[s][j] else { break }
            var merged = local[j] ?? matcher.analyses(of: us[j])
            for a in matcher.transliteratedAnalyses(of: us[j], suffixChain: suffixChain) where !merged.contains(where: { $0.word == a.word }) {
                merged.append(a); read = true
            }
            local[j] = merged
            j += 1; words += 1
        }
        guard read, var m = withUnsafeMutablePointer(to: &local, { matcher.longestMatch(units: us, at: i, ignoreCase: false, cache: $0) }),
              m.kind == .name, m.end > exactEnd, m.end <= j else { return nil }
        if m.end - m.start == 1 {
            // One word says little: it must also match the fine key, and be long enough not to be an ordinary word.
            let key = store.transliteration.table.key(us[i].sc)
            guard us[i].sc.count >= 6, TransliterationTable.consonants(key) >= 3 else { return nil }
            var strict = cache
            var readings = strict[i] ?? matcher.analyses(of: us[i])
            readings += matcher.transliteratedAnalyses(of: us[i], fine: true, suffixChain: suffixChain)
            strict[i] = readings
            guard let f = withUnsafeMutablePointer(to: &strict, { matcher.longestMatch(units: us, at: i, ignoreCase: false, cache: $0) }),
                  f.end == m.end, f.kind == .name else { return nil }
            m = f
        }
        return m
    }

    /// Whether a mention found so far (earlier sentences, or earlier in this one) names one of `entities`.
    func isNamedBefore(_ entities: [Int]) -> Bool {
        mentions.contains { m in m.candidates.contains { entities.contains($0) } }
    }

    /// A lowercase English word at `k` that is not a verb or function word after an ethnonym.
    func nounFollows(_ s: Int, _ k: Int) -> Bool {
        guard k < units[s].count else { return false }
        let u = units[s][k]
        return u.isWord && !u.isCapitalized && u.sc.first.map(TextNorm.isLatin) == true && !lex.peopleFollowerKeys.contains(u.key)
    }

    /// A dash right after an ethnonym, written without spaces and followed by a capitalised word ("the Kyrgyz–Tajik
    /// border"): the first half of a compound adjective, not the people.
    func dashCompoundFollows(_ s: Int, _ k: Int) -> Bool {
        let us = units[s]
        guard k < us.count, !us[k].followsSpace else { return false }
        if us[k].isWord { return us[k].isCapitalized }      // "Kyrgyz-Uzbek": a hyphenated word's second part
        guard k + 1 < us.count, us[k].isDash, !us[k + 1].followsSpace else { return false }
        return us[k + 1].isWord && us[k + 1].isCapitalized
    }

    /// The noun "language" in any case ("тілі", "тілінде", "языка", "language").
    func isLanguageNoun(_ u: WordUnit) -> Bool {
        guard u.isWord else { return false }
        if lex.languageNounKeys.contains(u.key) { return true }
        if u.sc.contains(where: TextNorm.isCyrillic) {
            if u.sc.count > 3, lex.languageNounKeys.contains(TextNorm.hash(u.sc.prefix(u.sc.count - 1))) { return true }   // языка, языку
            var stems = Morphology.SuffixChainStems(u.sc, chain: lex.suffixChains[Int(u.reading)], maxDepth: 3)
            while let c = stems.next() { if lex.languageNounKeys.contains(c.key) { return true } }
        }
        return false
    }

    /// A collective noun of a people in any case (kk "диаспорасы", "халқының", "қауымдастығы").
    func isPeopleCollective(_ u: WordUnit) -> Bool {
        guard u.isWord, !u.isCapitalized, lex.adjectives.peopleCollectivePrefixes.contains(TextNorm.prefixKey(u.sc)) else { return false }
        if lex.adjectives.peopleCollectiveKeys.contains(u.key) { return true }
        guard u.sc.contains(where: TextNorm.isCyrillic) else { return false }
        var stems = Morphology.SuffixChainStems(u.sc, chain: lex.suffixChains[Int(u.reading)], maxDepth: 3)
        while let c = stems.next() { if lex.adjectives.peopleCollectiveKeys.contains(c.key) { return true } }
        return false
    }

    func accept(_ m: RegistryMatch, _ s: Int) -> Bool {
        let us = units[s]
        let u = us[m.start]
        if m.end - m.start == 1 && u.isSentenceStart && lex.notNameKeys.contains(u.key) { return false }
        if m.kind == .acronym, lex.legalFormKeys.contains(u.key), m.start + 1 < us.count,
           us[m.start + 1].isQuote || us[m.start + 1].isCapitalized { return false }
        // A Kazakh case suffix on an English or Russian-only acronym inside an all-caps heading is noise; and a
        // two-letter acronym inside an all-caps run of words is part of the heading, not a name.
        if m.kind == .acronym, u.sc.count <= 2 {
            let neighbours = [m.start - 1, m.end].filter { $0 >= 0 && $0 < us.count && us[$0].isWord }
            if !neighbours.isEmpty && neighbours.allSatisfy({ us[$0].isAllCaps && us[$0].sc.count > 3 }) { return false }
        }
        return true
    }

    /// A `soviet-homonym` word (`<lang>/name_phrases.tsv`: Kazakh "Кеңес") standing alone before a lowercase word is "Soviet" (Кеңес үкіметі), not "council" or "advice".
    func sovietHomonym(_ s: Int, _ i: Int) -> RawMention? {
        guard lex.phrases.sovietHomonymKeys.contains(units[s][i].key) else { return nil }
        let us = units[s]
        let u = us[i]
        guard u.isCapitalized, !u.isSentenceStart, i + 1 < us.count, us[i + 1].isWord,
              !us[i + 1].isCapitalized, let ussr = store.byID["Q15180"] else { return nil }
        return RawMention(sentence: s, start: i, end: i + 1, span: u.span, candidates: [ussr], local: nil,
                          kind: .adjective, confidence: 0.6)
    }

}
