import DalaText

// "1992 жылғы шарт", "договор 1992 года", "the 1998 declaration": a treaty named by its kind, its year and its parties.
extension DocumentPass {
    /// A treaty head outside any name found (an agreement head noun of `head_nouns.tsv`, bare or inflected: kk `шарт`,
    /// `декларация`, ru `договор`, en `treaty`) with a year written beside it (kk, en before: `1992 жылғы шарт`,
    /// `the 1992 treaty`; ru, en after: `договора 1992 года`, `treaty of 1992`; or opening a bracket right after it:
    /// `Декларация (1998 ж. 6 шілде)`) is the registry agreement of that kind concluded that year whose parties
    /// (`members`) are all named in its sentence or the one before. Several such agreements stay candidates for the
    /// linker; none, and the head is no mention.
    mutating func datedTreatyReferencesPass() {
        for s in units.indices where !sentenceYears[s].isEmpty {
            let us = units[s]
            for i in us.indices where us[i].isWord && !consumed[s][i] {
                guard let (stem, start, end, year) = datedTreatyHead(s, i) else { continue }
                var named = Set<Int>()
                for t in [s - 1, s] where t >= 0 && t < mentionsBySentence.count && sentences[t].documentIndex == sentences[s].documentIndex {
                    for k in mentionsBySentence[t] where mentions[k].candidates.count == 1 { named.insert(mentions[k].candidates[0]) }
                }
                let fits = store.datedAgreements.filter { a in
                    a.year == year && a.members.allSatisfy(named.contains)
                        && a.names.contains { $0.split(separator: " ").contains { $0.hasPrefix(stem) } }
                }.map(\.entity)
                guard !fits.isEmpty, !(start..<end).contains(where: { consumed[s][$0] }) else { continue }
                add(RawMention(sentence: s, start: start, end: end, span: Span(start: us[start].span.start, end: us[end - 1].span.end),
                               candidates: fits, local: nil, kind: .name, confidence: 0.7))
            }
        }
    }

    /// The head at `i` as a dated treaty reference: the head's stem (lowercase), the mention's word range and the year.
    func datedTreatyHead(_ s: Int, _ i: Int) -> (String, Int, Int, Int)? {
        let us = units[s]
        guard us[i].sc.count >= 4 else { return nil }
        func year(_ k: Int) -> Int? {
            guard k >= 0, k < us.count, us[k].shape == .number, us[k].sc.count == 4, let y = Int(us[k].text), (1800...2200).contains(y) else { return nil }
            return y
        }
        // The year's place first (cheap); the head test strips suffixes.
        let english = lex.morphologyKind(us[i].script) == .english
        var found: (start: Int, end: Int, year: Int)?
        if i >= 2, us[i - 1].isWord, lex.phrases.datedNameKeys.contains(us[i - 1].key), let y = year(i - 2) { found = (i - 2, i + 1, y) }
        else if english, let y = year(i - 1) { found = (i - 1, i + 1, y) }
        else if i + 2 < us.count, let y = year(i + 1), us[i + 2].isWord, lex.phrases.datedNameKeys.contains(us[i + 2].key) { found = (i, i + 3, y) }
        else if english, i + 2 < us.count, us[i + 1].norm == "of", let y = year(i + 2) { found = (i, i + 3, y) }
        else if i + 2 < us.count, us[i + 1].mark == 0x28, let y = year(i + 2) { found = (i, i + 1, y) }
        guard let f = found, let stemLength = agreementHeadStem(s, i) else { return nil }
        let stem = String(String.UnicodeScalarView(us[i].text.lowercased().unicodeScalars.prefix(stemLength)))
        return (stem, f.start, f.end, f.year)
    }

    /// The length of the stem of an agreement head noun at `i` (any language), nil when the word is none.
    func agreementHeadStem(_ s: Int, _ i: Int) -> Int? {
        let u = units[s][i]
        guard u.text.unicodeScalars.count == u.sc.count else { return nil }
        let kind = lex.morphologyKind(u.script)
        if kind == .english {
            guard headNoun(s, i, kind: .english)?.type == .agreement else { return nil }
            return u.sc.last == 0x73 ? u.sc.count - 1 : u.sc.count
        }
        if kind == .paradigm, headNoun(s, i, kind: .paradigm)?.type == .agreement { return Morphology.russianStemLength(u.sc, lexicon: lex) }
        // A Kazakh word (also one written with letters Russian shares: `шарт`) is read with the suffix-chain heads.
        guard kind == .suffixChain || lex.morphologyKind(sentences[s].language) == .suffixChain,
              let b = bareHead(u), b.head.type == .agreement, !b.alternated else { return nil }
        return b.length
    }
}
