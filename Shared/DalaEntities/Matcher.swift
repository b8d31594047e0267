import DalaText

/// One reading of a word unit as a registry word.
struct WordAnalysis: Sendable {
    var word: Int32
    var stripped: Bool        // an inflection was removed
    var adjective: Bool       // a Kazakh adjective-making suffix (-лық/-лік …) was removed
}

/// A registry name found at a unit position.
struct RegistryMatch: Sendable {
    var start: Int            // unit index
    var end: Int              // unit index, exclusive (skipped quotes and dashes included)
    var entities: [Int]       // candidate entity indices, registry order
    var kind: MentionKind
    var isSurname: Bool
    var stripped: Bool        // the last word was inflected
    var tolerant = false      // one inner word was read one edit away (OCR: мүхит for мұхит)
}

/// Registry lookups over word units: hash lookups on normalised forms, suffix-chain stripping (the sentence language's
/// tables), then a walk along
/// the multiword names that start with the word.
struct Matcher {
    let store: Store

    /// Readings of a unit (empty when it cannot start or continue any registry name).
    func analyses(of unit: WordUnit) -> [WordAnalysis] {
        guard unit.isWord || unit.shape == .number else { return [] }
        guard mayMatch(unit.sc) else { return [] }
        return store.analysisCache.analyses(sc: unit.sc, key: unit.key, reading: unit.reading) { lookUp(unit) }
    }

    /// `analyses(of:)` without the cache: what it reads depends only on the unit's normalised letters and its reading.
    func lookUp(_ unit: WordUnit) -> [WordAnalysis] {
        let sc = unit.sc
        var out: [WordAnalysis] = []
        if let ids = store.words(unit.key) {
            for id in ids { out.append(WordAnalysis(word: id, stripped: false, adjective: false)) }
        }
        var hasCyrillic = false
        var hasLatin = false
        for v in sc {
            if TextNorm.isCyrillic(v) { hasCyrillic = true; break }
            if TextNorm.isLatin(v) { hasLatin = true }
        }
        if hasCyrillic && sc.count >= 4 {
            var stems = Morphology.SuffixChainStems(sc, chain: store.lexicon.suffixChains[Int(unit.reading)])
            while let c = stems.next() {
                if let ids = store.words(c.key) {
                    for id in ids where !out.contains(where: { $0.word == id }) {
                        out.append(WordAnalysis(word: id, stripped: true, adjective: c.adjective))
                    }
                }
            }
        } else if hasLatin, sc.count > 2, sc.last == 0x73 || sc.last == 0x27,
                  let base = Morphology.englishPossessiveBase(unit.norm), let ids = store.words(TextNorm.key(base)) {
            for id in ids where !out.contains(where: { $0.word == id }) {
                out.append(WordAnalysis(word: id, stripped: true, adjective: false))
            }
        }
        return out
    }

    /// Cheap pre-filter: can any registry form be this word or a stem of it?
    @inline(__always)
    func mayMatch(_ sc: [UInt32]) -> Bool {
        if sc.count >= 4, store.prefixes.contains(TextNorm.prefixKey(sc)) { return true }
        if sc.count == 1 { return store.shortForms.contains(TextNorm.hash(sc)) }
        if sc.count >= 2, store.shortForms.contains(TextNorm.hash(sc.prefix(2))) { return true }
        if sc.count >= 3, store.shortForms.contains(TextNorm.hash(sc.prefix(3))) { return true }
        return false
    }

    /// The longest registry name starting at `start`.
    func longestMatch(units: [WordUnit], at start: Int, ignoreCase: Bool,
                      cache: UnsafeMutablePointer<[[WordAnalysis]?]>? = nil,
                      excluding excludedType: EntityType? = nil) -> RegistryMatch? {
        func an(_ i: Int) -> [WordAnalysis] {
            if let cache {
                if let a = cache.pointee[i] { return a }
                let a = analyses(of: units[i])
                cache.pointee[i] = a
                return a
            }
            return analyses(of: units[i])
        }
        let first = units[start]
        guard first.isWord || first.shape == .number else { return nil }
        let firstAnalyses = an(start)
        guard !firstAnalyses.isEmpty else { return nil }
        var best: RegistryMatch?
        for a in firstAnalyses {
            guard let nameIDs = store.namesByFirstWord[a.word] else { continue }
            for nid in nameIDs {
                let name = store.names[Int(nid)]
                if let excludedType, store.infos[name.entity].record.type == excludedType { continue }
                if !ignoreCase {
                    // қытайлық, ресейлік: adjectives derived from a name are written in lowercase.
                    if name.requiresCapital && !(first.isCapitalized || first.isAllCaps) && !a.adjective { continue }
                    // An ending written onto an acronym (ky ШКУнун, АКШнын) is in lowercase after it, in text of a
                    // suffix-chain language.
                    if let mask = name.caseMask, !first.isAllCaps,
                       !WordUnit.caseMatches(first.text, mask, lowercaseTail: a.stripped && first.inSuffixChainText) { continue }
                }
                // Acronyms and surnames are never adjectives; only the last word of a name may be inflected (Kazakh),
                // which the walk below checks for the following words.
                var end = start + 1
                var lastStripped = a.stripped
                var adjective = a.adjective
                var inserted = false
                var tolerant = false
                var ok = true
                if name.words.count > 1 {
                    if a.adjective { ok = false }
                    var k = 1
                    while ok && k < name.words.count {
                        var j = end
                        while j < units.count && units[j].isSkippableInsideName { j += 1 }
                        guard j < units.count else { ok = false; break }
                        let w = name.words[k]
                        var found = an(j).first(where: { $0.word == w })
                        // "… басшыларының алғашқы Консультативтік кездесуі": one ordinal or modifier inside a name of
                        // three words or more, after its second word (`inserted-modifier` of name_phrases.tsv), when
                        // the name goes on capitalised after it (a proper name; "… төртінші консультативтік кездесуі"
                        // tells one meeting, and its region is a mention of its own).
                        if found == nil, !inserted, k >= 2, units[j].isWord,
                           store.lexicon.phrases.insertedModifierKeys.contains(units[j].key) {
                            var j2 = j + 1
                            while j2 < units.count && units[j2].isSkippableInsideName { j2 += 1 }
                            if j2 < units.count, units[j2].isCapitalized, let h = an(j2).first(where: { $0.word == w }) { found = h; j = j2; inserted = true }
                        }
                        // "Азия-Тынық мүхит аймағы": in a name of three words or more, one inner word (neither the first
                        // nor the last, which are read exactly) may be one edit from the registry's (OCR, typing).
                        if found == nil, !tolerant, k + 1 < name.words.count, units[j].sc.count >= 5, isInnerWordVariant(units[j], of: w) {
                            found = WordAnalysis(word: w, stripped: false, adjective: false); tolerant = true
                        }
                        guard let hit = found else { ok = false; break }
                        lastStripped = hit.stripped
                        adjective = hit.adjective
                        end = j + 1
                        k += 1
                    }
                    // A closing quote right after a name that opened one inside belongs to it.
                    if ok, end < units.count, units[end].isQuote,
                       units[start..<end].contains(where: { $0.isQuote }) { end += 1 }
                }
                guard ok else { continue }
                if adjective && (name.kind == .acronym || name.isSurname) { continue }
                let kind: MentionKind = adjective ? .adjective : name.kind
                var m = RegistryMatch(start: start, end: end, entities: [name.entity], kind: kind,
                                      isSurname: name.isSurname, stripped: lastStripped)
                m.tolerant = tolerant
                if let b = best {
                    // At the same end an exact reading wins over a tolerant one.
                    if m.end > b.end || (m.end == b.end && (rank(m.kind) < rank(b.kind) || b.tolerant && !m.tolerant && m.kind == b.kind)) {
                        best = m
                    } else if m.end == b.end && m.kind == b.kind && m.tolerant == b.tolerant && !b.entities.contains(name.entity) {
                        best!.entities.append(name.entity)
                        best!.isSurname = b.isSurname && m.isSurname
                    }
                } else {
                    best = m
                }
            }
        }
        if var b = best { b.entities.sort(); best = b }
        return best
    }

    /// Whether `unit` is registry word `w` misspelt by one edit (a substituted, dropped or added letter, or two
    /// neighbours swapped): five letters or more each, the same first letter.
    @inline(never)
    func isInnerWordVariant(_ unit: WordUnit, of w: Int32) -> Bool {
        let n = store.wordLengths[Int(w)]
        guard unit.isWord, unit.sc.count >= 5, n >= 5, abs(unit.sc.count - n) <= 1,
              let f = store.bareWords[Int(w)].unicodeScalars.first, TextNorm.lower(f.value) == unit.sc[0] else { return false }
        let b = TextNorm.normalizeScalars(store.bareWords[Int(w)])
        return b.first == unit.sc.first && FuzzyIndex.isOneEdit(unit.sc[...], b[...])
    }

    private func rank(_ k: MentionKind) -> Int {
        switch k { case .name: 0; case .acronym: 1; case .metonymy: 2; case .adjective: 3 }
    }
}

extension WordUnit {
    /// Whether the letters of `text` have the case pattern of a registry acronym (EurAsEC, ЕурАзЭҚ, PfP); with
    /// `lowercaseTail`, lowercase letters may follow the pattern (an ending: ШКУнун).
    static func caseMatches(_ text: String, _ mask: [Bool], lowercaseTail: Bool = false) -> Bool {
        var i = 0
        for u in text.unicodeScalars {
            if u == "-" || u == "'" || u == "’" { break }
            guard TextNorm.isLetter(u.value) else { continue }
            guard i < mask.count else {
                if lowercaseTail && !TextNorm.isUpper(u.value) { continue }
                return false
            }
            if TextNorm.isUpper(u.value) != mask[i] { return false }
            i += 1
        }
        return i >= mask.count
    }
}
