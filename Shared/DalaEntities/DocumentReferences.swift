import DalaText

// References that need the rest of the document: misspelt registry names, the surname alone after a full name,
// and anaphoric short forms ("Одақ", "Союз", "the Union" for the one union named just before).
extension DocumentPass {
    // MARK: Misspelt names

    /// A registry name whose first word is one edit from a registry word (Қазақсатан, Ортялық Азия, Кыргыстана):
    /// only capitalised words of six letters or more with no exact reading, never a real word of the spelling
    /// dictionaries (`lexicon/fuzzy-stoplist.tsv`), never a surname alone, and only when one entity fits.
    func fuzzyMatch(_ s: Int, _ i: Int, cache: inout [[WordAnalysis]?]) -> RawMention? {
        // Fields read in place: this runs for every word without a registry reading.
        guard units[s][i].isWord, units[s][i].isCapitalized, !units[s][i].isAllCaps, !units[s][i].isInitial,
              units[s][i].sc.count >= FuzzyIndex.minimumLength - 1, !consumed[s][i],
              (cache[i] ?? []).isEmpty else { return nil }
        let u = units[s][i]
        guard u.sc.allSatisfy({ TextNorm.isLetter($0) }), !lex.notNameKeys.contains(u.key), !lex.fuzzyStopKeys.contains(u.key),
              cache[i] != nil || matcher.analyses(of: u).isEmpty else { return nil }
        let readings = matcher.fuzzyAnalyses(of: u)
        guard !readings.isEmpty else { return nil }
        cache[i] = readings
        let match = withUnsafeMutablePointer(to: &cache) { matcher.longestMatch(units: units[s], at: i, ignoreCase: false, cache: $0) }
        cache[i] = []
        guard let m = match, m.start == i, m.kind == .name, !m.isSurname, m.entities.count == 1, accept(m, s) else { return nil }
        let us = units[s]
        return RawMention(sentence: s, start: m.start, end: m.end, span: Span(start: us[m.start].span.start, end: us[m.end - 1].span.end),
                          candidates: m.entities, local: nil, kind: .name, confidence: m.end - m.start > 1 ? 0.7 : 0.65,
                          stripped: m.stripped)
    }

    // MARK: Surnames after a full name

    /// A registry person named in full ("Hillary Clinton", "George H. W. Bush") is meant by the surname alone later
    /// in the document ("Clinton", "Bush", "Джонсона", "Могеринидің"), even when the registry lists no surname for
    /// them (a common word) or gives it to someone else.
    mutating func fullNameSurnamePass() {
        // Last name word → persons named in full, with where.
        var named: [Int32: [(entity: Int, sentence: Int, end: Int)]] = [:]
        for m in mentions where m.kind == .name && !m.isSurname && m.end - m.start >= 2 && m.candidates.count == 1 {
            for w in store.fullNameLastWords[m.candidates[0]] { named[w, default: []].append((m.candidates[0], m.sentence, m.end)) }
        }
        guard !named.isEmpty else { return }
        // Most words fail on their first four letters (kept by Kazakh suffixes): test those before the analyses.
        let prefixes = U64Set(named.keys.map { TextNorm.prefixKey(TextNorm.normalizeScalars(store.bareWords[Int($0)])) })
        func persons(_ unit: WordUnit, before s: Int, _ i: Int) -> [Int] {
            var out: [Int] = []
            for a in matcher.analyses(of: unit) where !a.adjective {
                for n in named[a.word] ?? [] where (n.sentence < s || (n.sentence == s && n.end <= i)) && !out.contains(n.entity) {
                    out.append(n.entity)
                }
            }
            return out.sorted()
        }
        // Registry surnames: the person named in full wins over the registry's owner of the surname.
        for idx in mentions.indices where mentions[idx].isSurname {
            let m = mentions[idx]
            guard let k = (m.start..<m.end).first(where: { !units[m.sentence][$0].isInitial }) else { continue }
            let p = persons(units[m.sentence][k], before: m.sentence, m.start)
            if !p.isEmpty && p != m.candidates { mentions[idx].candidates = p }
        }
        for s in units.indices {
            let us = units[s]
            for i in us.indices where us[i].isWord && !consumed[s][i] {
                guard us[i].isCapitalized, !us[i].isAllCaps, !us[i].isInitial, us[i].sc.count >= 3,
                      prefixes.contains(TextNorm.prefixKey(us[i].sc)) else { continue }
                // "Bill Clinton" is someone else: another given name right before (a capitalised word that starts the
                // sentence counts only when it is a registry given name).
                if i > 0, isNameLike(s, i - 1), !us[i - 1].isSentenceStart || store.givenNameKeys.contains(us[i - 1].key) { continue }
                let p = persons(us[i], before: s, i)
                guard !p.isEmpty else { continue }
                add(RawMention(sentence: s, start: i, end: i + 1, span: us[i].span, candidates: p, local: nil,
                               kind: .name, confidence: 0.7, isSurname: true))
            }
        }
    }

    // MARK: Anaphoric short forms

    /// Short-form kind (`lexicon/short-forms.tsv`) of a unit: Одақ, Одағымызға, Союзом, Ұйымның, Treaty, Union's.
    func shortFormKind(_ u: WordUnit) -> Int? {
        guard u.isWord, u.sc.count >= 4, lex.shortFormPrefixes.contains(TextNorm.prefixKey(u.sc)) else { return nil }
        if let k = lex.shortFormKeys[u.key] { return k }
        if u.sc.contains(where: TextNorm.isCyrillic) {
            var stems = Morphology.SuffixChainStems(u.sc, chain: lex.suffixChains[Int(u.reading)], maxDepth: 3)
            while let c = stems.next() { if let k = lex.shortFormKeys[c.key] { return k } }
        } else if let n = Morphology.englishPossessiveBaseLength(u.sc), let k = lex.shortFormKeys[TextNorm.hash(u.sc.prefix(n))] {
            return k
        }
        return nil
    }

    /// Whether a mention is of short-form kind `kind`: a registry entity whose name is headed by it, or a local one
    /// whose first or last word is a form of it ("Договор о вечной дружбе").
    func mentionIsOfKind(_ m: RawMention, _ kind: Int) -> Bool {
        if let c = m.candidates.first { return store.shortFormKinds[c] & (1 << UInt8(kind)) != 0 }
        guard m.local != nil else { return false }
        return shortFormKind(units[m.sentence][m.start]) == kind || shortFormKind(units[m.sentence][m.end - 1]) == kind
    }

    /// A bare capitalised short form (not part of a longer name) links to the one entity of its kind named in the
    /// same or the previous paragraph; with none, or more than one, it is no mention.
    mutating func shortFormPass() {
        var found: [RawMention] = []
        for s in units.indices {
            let us = units[s]
            // A short form opening a sentence is capitalised by position, not as a name: a generic anaphor
            // ("Ұйымның құрылтай құжаты …") is no mention.
            for i in us.indices where us[i].isWord && !consumed[s][i] && us[i].isCapitalized && !us[i].isAllCaps && !us[i].isSentenceStart {
                guard let kind = shortFormKind(us[i]), isBareShortForm(s, i) else { continue }
                if paragraphIndex.isEmpty { paragraphIndex = computeParagraphs() }
                let p = paragraphIndex[s]
                var target: RawMention?
                var ambiguous = false
                for m in mentions where m.kind == .name || m.kind == .acronym {
                    guard paragraphIndex[m.sentence] == p || paragraphIndex[m.sentence] == p - 1,
                          m.sentence < s || (m.sentence == s && m.end <= i), mentionIsOfKind(m, kind) else { continue }
                    if let t = target {
                        if t.candidates.first != m.candidates.first || t.local?.key != m.local?.key { ambiguous = true; break }
                    } else {
                        target = m
                    }
                }
                guard !ambiguous, var m = target else { continue }
                m.sentence = s; m.start = i; m.end = i + 1; m.span = us[i].span; m.kind = .name
                m.confidence = 0.6; m.isSurname = false; m.stripped = false; m.alternatives = []; m.alternativeScores = []; m.definesAcronym = false
                found.append(m)
            }
        }
        for m in found { add(m) }
    }

    /// Whether the short form stands alone: English "the Union" not followed by "of"; no unknown capitalised word or
    /// acronym right before it (the head of a name the registry does not know); in Russian no genitive right after it
    /// ("Союз писателей", "Организация работы").
    func isBareShortForm(_ s: Int, _ i: Int) -> Bool {
        let us = units[s]
        let latin = us[i].sc.first.map(TextNorm.isLatin) ?? false
        let next = i + 1 < us.count && us[i + 1].isWord ? us[i + 1] : nil
        if latin {
            guard i > 0, lex.phrases.articleKeys.contains(us[i - 1].key) else { return false }
            return next.map { !lex.phrases.runConnectorKeys.contains($0.key) && !$0.isCapitalized } ?? true
        }
        if i > 0, us[i - 1].isWord, !consumed[s][i - 1],
           us[i - 1].isAllCaps || (us[i - 1].isCapitalized && !us[i - 1].isSentenceStart) { return false }
        // Suffix-chain (kk) names close with their head, so a name may follow it; paradigm (ru) ones open with it.
        if let n = next, lex.morphologyKind(us[i].script) != .suffixChain, lex.morphologyKind(sentences[s].language) != .suffixChain {
            if n.isCapitalized { return false }
            if lex.phrases.looksGenitive(n.sc), !lex.phrases.stopPrepositionKeys.contains(n.key) { return false }
        }
        return true
    }

    /// Paragraph number of each sentence: from stage 1's paragraph spans when given, else a line break between two
    /// sentences starts a new one. A new document part always does.
    func computeParagraphs() -> [Int] {
        var out = [Int](repeating: 0, count: sentences.count)
        if let spans = paragraphSpans, !spans.isEmpty {
            var k = 0
            for (s, sentence) in sentences.enumerated() {
                while k + 1 < spans.count, spans[k + 1].start <= sentence.span.start { k += 1 }
                out[s] = k
            }
            return out
        }
        var breaks: [Int] = []
        var offset = 0
        for u in text.unicodeScalars {
            if u == "\n" { breaks.append(offset) }
            offset += 1
        }
        var b = 0, current = 0
        for (s, sentence) in sentences.enumerated() where s > 0 {
            let gapStart = sentences[s - 1].span.end, gapEnd = sentence.span.start
            while b < breaks.count, breaks[b] < gapStart { b += 1 }
            if (b < breaks.count && breaks[b] < gapEnd) || sentence.documentIndex != sentences[s - 1].documentIndex { current += 1 }
            out[s] = current
        }
        return out
    }
}
