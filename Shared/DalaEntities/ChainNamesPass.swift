import DalaText

// Chains of registry names joined by dashes or "+" that name one thing: a route or pipeline
// ("Қытай – Қырғызстан – Өзбекстан темір жолы", "Turkmenistan–Afghanistan–Pakistan–India gas pipeline") or a dialogue
// format («Орталық Азия + Жапония»). The members are not mentions of their own (the longer name wins).
extension DocumentPass {
    /// Chains of two or more registry names (countries, places, organisations) joined by a dash or "+", in quotes or
    /// next to a head of `lexicon/chain-heads.tsv`, become one local name of type `programme`. The possible members
    /// are filed by sentence once, and the chains' members are removed at the end: scanning every mention of the
    /// document for each sentence made long documents quadratic (a 2 MB text spent 57 % of its analysis here).
    mutating func chainNamesPass() {
        var members = [[Int]](repeating: [], count: units.count)
        for (idx, m) in mentions.enumerated()
        where (m.kind == .name || m.kind == .acronym) && !m.candidates.isEmpty
            && m.candidates.allSatisfy({ [.country, .place, .organization].contains(store.infos[$0].record.type) }) {
            members[m.sentence].append(idx)
        }
        var removed = Set<Int>(), chains: [RawMention] = [], original: ScalarText?
        for s in units.indices where !members[s].isEmpty {
            chainNames(s, members: members[s].sorted { mentions[$0].start < mentions[$1].start }, removed: &removed, into: &chains,
                       original: &original)
        }
        guard !chains.isEmpty else { return }
        mentions = mentions.enumerated().filter { !removed.contains($0.offset) }.map(\.element) + chains
        // As many removed as added (one quoted crossing) leaves the count unchanged: `didSet` cannot tell, refile.
        refileMentions()
    }

    /// The chains of sentence `s` among `members` (mention indices in start order), left to right. `original`: the
    /// text by scalar offsets, made when the first chain is found.
    mutating func chainNames(_ s: Int, members: [Int], removed: inout Set<Int>, into chains: inout [RawMention],
                             original: inout ScalarText?) {
        let us = units[s]
        var k = 0
        while k < members.count {
            var chain = [members[k]]
            while let last = chain.last, let next = members.dropFirst(k + chain.count).first,
                  mentions[next].start == mentions[last].end + 1, isChainJoiner(us[mentions[last].end]) {
                chain.append(next)
            }
            defer { k += chain.count }
            let start = mentions[chain[0]].start
            var end = mentions[chain[chain.count - 1]].end
            let quoted = start > 0 && us[start - 1].isQuote && end < us.count && us[end].isQuote
            guard chain.count >= 2 else {
                if quoted, let m = quotedNameBeforeHead(s, chain[0], original: &original) { removed.insert(chain[0]); chains.append(m) }
                continue
            }
            let chainKey = us[start..<end].filter(\.isWord).map { Morphology.stem($0.text, language: $0.script) }.joined(separator: "-")
            var headWordsEnd: Int?
            if !quoted {
                guard let h = chainHead(s, start: start, end: end) else { continue }
                headWordsEnd = h
            }
            // The head and the lowercase words before it belong to the name ("… темір жолы", "… gas pipeline").
            if original == nil { original = ScalarText(text) }
            var label = original!.slice(Span(start: us[start].span.start, end: us[end - 1].span.end))
            if let h = headWordsEnd, h >= end, (end...h).allSatisfy({ us[$0].isWord && !us[$0].isCapitalized && !consumed[s][$0] }) {
                end = h + 1
                var words = us[mentions[chain[chain.count - 1]].end..<end].map(\.text)
                if let n = kazakhHeadNominativeLength(us[h]) { words[words.count - 1] = String(String.UnicodeScalarView(us[h].text.unicodeScalars.prefix(n))) }
                label += " " + words.joined(separator: " ")
            }
            let m = RawMention(sentence: s, start: start, end: end, span: Span(start: us[start].span.start, end: us[end - 1].span.end),
                               candidates: [], local: ("local:programme:" + chainKey, .programme, label), kind: .name, confidence: 0.6)
            for q in start..<end { consumed[s][q] = true }
            removed.formUnion(chain)
            chains.append(m)
        }
    }

    /// «Жібек жолы» шекара өткелі, the "Dostyk" crossing: one quoted registry name followed by lowercase words ending in a
    /// chain head (kk, en; within three words) names the crossing, road or pipeline, not the place or route it is named
    /// after: a local name of the quoted name and its head.
    mutating func quotedNameBeforeHead(_ s: Int, _ member: Int, original: inout ScalarText?) -> RawMention? {
        let us = units[s]
        let start = mentions[member].start, end = mentions[member].end
        guard let h = chainHead(s, start: start - 1, end: end + 1), h > end,
              (end + 1...h).allSatisfy({ us[$0].isWord && !us[$0].isCapitalized && !consumed[s][$0] }) else { return nil }
        if original == nil { original = ScalarText(text) }
        var words = us[end + 1...h].map(\.text)
        if let n = kazakhHeadNominativeLength(us[h]) { words[words.count - 1] = String(String.UnicodeScalarView(us[h].text.unicodeScalars.prefix(n))) }
        let label = original!.slice(Span(start: us[start - 1].span.start, end: us[end].span.end)) + " " + words.joined(separator: " ")
        let key = us[start..<end].filter(\.isWord).map { Morphology.stem($0.text, language: $0.script) }.joined(separator: "-")
            + "-" + Morphology.stem(us[h].text, language: us[h].script)
        for q in start - 1...h { consumed[s][q] = true }
        return RawMention(sentence: s, start: start - 1, end: h + 1, span: Span(start: us[start - 1].span.start, end: us[h].span.end),
                          candidates: [], local: ("local:programme:" + key, .programme, label), kind: .name, confidence: 0.6)
    }

    /// A dash or "+" (or a `chain-joiner` word of `<lang>/name_phrases.tsv`: "plus", "плюс") between two members.
    func isChainJoiner(_ u: WordUnit) -> Bool {
        u.isDash || u.mark == 0x2B || lex.phrases.chainJoinerKeys.contains(u.key)
    }

    /// Index of a chain head right after the chain (kk, en; within three words) or right before it (ru; within two).
    func chainHead(_ s: Int, start: Int, end: Int) -> Int? {
        let us = units[s]
        var seen = 0
        var k = end
        var after: Int?                      // the last head of the window: "темір жолы" ends at "жолы"
        while k < us.count, seen < 3 {
            // "(TAPI) gas pipeline": brackets and quotes are skipped, other punctuation ends the search.
            if us[k].isWord {
                seen += 1
                if isChainHead(us[k]) { after = k } else if after != nil { break }
            } else if !(us[k].isQuote || us[k].mark == 0x28 || us[k].mark == 0x29) { break }
            k += 1
        }
        if let after { return after }
        seen = 0
        k = start - 1
        while k >= 0, seen < 2, us[k].isWord {
            seen += 1
            if isChainHead(us[k]) { return k }
            k -= 1
        }
        return nil
    }

    /// Length of a suffix-chain (kk) head without its case suffix ("жолының" → "жолы"), nil when it has none.
    func kazakhHeadNominativeLength(_ u: WordUnit) -> Int? {
        guard u.sc.contains(where: TextNorm.isCyrillic), u.text.unicodeScalars.count == u.sc.count, !lex.chainHeadKeys.contains(u.key) else { return nil }
        var stems = Morphology.SuffixChainStems(u.sc, chain: lex.suffixChains[Int(u.reading)], maxDepth: 2)
        while let c = stems.next() { if !c.alternated, c.length < u.sc.count, lex.chainHeadKeys.contains(c.key) { return c.length } }
        return nil
    }

    func isChainHead(_ u: WordUnit) -> Bool {
        if lex.chainHeadKeys.contains(u.key) { return true }
        guard lex.morphologyKind(u.script) == .suffixChain || u.sc.contains(where: TextNorm.isCyrillic), u.sc.count >= 5 else { return false }
        var stems = Morphology.SuffixChainStems(u.sc, chain: lex.suffixChains[Int(u.reading)], maxDepth: 2)
        while let c = stems.next() { if lex.chainHeadKeys.contains(c.key) { return true } }
        return false
    }
}
