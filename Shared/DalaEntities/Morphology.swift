import DalaText

/// Inflection handling for Kazakh, Russian and English names and search keys.
public enum Morphology {
    /// Normalised search key of a word (lowercased, ё→е, homoglyph-safe, inflection stripped) for kk/ru/en, so that
    /// Қазақстанның / Қазақстан and Казахстаном / Казахстана / Казахстан each collapse to one key per language.
    /// Words of the registry collapse to their registry form; other words lose their longest plausible ending.
    public static func stem(_ word: String, language: Language) -> String {
        let norm = TextNorm.normalize(word)
        guard !norm.isEmpty else { return norm }
        let lang: Language = (language == .kk || language == .ru || language == .en) ? language : guessLanguage(norm)
        if let store = defaultStore, let known = registryStem(norm, language: lang, store: store) { return known }
        switch lang {
        case .kk: return kazakhFallbackStem(norm)
        case .en: return englishStem(norm)
        default: return russianFallbackStem(norm)
        }
    }

    /// kk when the word has a Kazakh-only letter, ru for other Cyrillic, en for Latin.
    public static func guessLanguage<S: StringProtocol>(_ word: S) -> Language {
        var cyr = false
        for u in word.unicodeScalars {
            switch u.value {
            case 0x4D8, 0x4D9, 0x492, 0x493, 0x49A, 0x49B, 0x4A2, 0x4A3, 0x4E8, 0x4E9, 0x4B0, 0x4B1, 0x4AE, 0x4AF,
                 0x4BA, 0x4BB, 0x406, 0x456: return .kk
            default: if TextNorm.isCyrillic(u.value) { cyr = true }
            }
        }
        return cyr ? .ru : .en
    }

    static let defaultStore: Store? = try? KnowledgeBase.loadDefault().store

    static func registryStem(_ norm: String, language: Language, store: Store) -> String? {
        let prefix = language.rawValue + ":"
        func pick(_ ids: [Int32]) -> String? {
            let words = ids.map { store.wordStrings[Int($0)] }
            if let w = words.first(where: { $0.hasPrefix(prefix) }) { return String(w.dropFirst(prefix.count)) }
            return nil
        }
        if language == .kk {
            // The shortest registry word the suffix chain leaves: Одағының → одағы → одақ.
            var best = store.formToWords[TextNorm.key(norm)].flatMap(pick)
            for c in kazakhStems(Array(norm.unicodeScalars.map(\.value)), lexicon: store.lexicon) {
                if let ids = store.formToWords[c.key], let w = pick(ids), w.count < (best?.count ?? .max) { best = w }
            }
            if let best { return best }
        }
        if let ids = store.formToWords[TextNorm.key(norm)], let w = pick(ids) { return w }
        if language == .en, let base = englishPossessiveBase(norm), let ids = store.formToWords[TextNorm.key(base)], let w = pick(ids) {
            return w
        }
        return nil
    }

    // MARK: Kazakh

    struct KazakhStem {
        var scalars: [UInt32]
        var key: UInt64
        var adjective: Bool
        var depth: Int
        var form: String { TextNorm.string(scalars) }
    }

    /// Candidate stems of a Kazakh word (normalised scalars) by stripping suffix chains right to left, undoing
    /// the қ→ғ, к→г, п→б alternation at each boundary and checking vowel harmony. Shortest chains first.
    static func kazakhStems(_ word: [UInt32], lexicon: Lexicon, maxDepth: Int = 5) -> [KazakhStem] {
        var out: [KazakhStem] = []
        var seen = Set<[UInt32]>()
        var frontier: [([UInt32], Bool)] = [(word, false)]
        var depth = 0
        while !frontier.isEmpty && depth < maxDepth {
            depth += 1
            var next: [([UInt32], Bool)] = []
            for (w, adj) in frontier {
                guard let last = w.last, let list = lexicon.kazakhSuffixes[last] else { continue }
                for s in list {
                    let n = s.scalars.count
                    guard w.count - n >= 2, w.suffix(n).elementsEqual(s.scalars) else { continue }
                    let stem = Array(w.prefix(w.count - n))
                    guard harmonyAllows(stem, s.harmony) else { continue }
                    let a = adj || s.isAdjective
                    for cand in alternations(stem) where seen.insert(cand).inserted {
                        out.append(KazakhStem(scalars: cand, key: TextNorm.hash(cand), adjective: a, depth: depth))
                        if cand.count >= 3 { next.append((cand, a)) }
                    }
                }
            }
            frontier = next
        }
        return out
    }

    @inline(__always)
    static func alternations(_ stem: [UInt32]) -> [[UInt32]] {
        guard let last = stem.last else { return [stem] }
        var alt = stem
        switch last {
        case 0x493: alt[alt.count - 1] = 0x49B   // ғ → қ
        case 0x433: alt[alt.count - 1] = 0x43A   // г → к
        case 0x431: alt[alt.count - 1] = 0x43F   // б → п
        default: return [stem]
        }
        return [stem, alt]
    }

    /// Native vowels decide (ә ө ү і front, а о ұ ы back); е и у я ю э and vowel-less stems (acronyms, loans) allow both.
    @inline(__always)
    static func harmonyAllows(_ stem: [UInt32], _ h: Lexicon.KazakhSuffix.Harmony) -> Bool {
        if h == .any { return true }
        if stem.last == 0x44C { return true }   // ь: loanwords take either
        for v in stem.reversed() {
            switch v {
            case 0x4D9, 0x4E9, 0x4AF, 0x456: return h == .front
            case 0x430, 0x43E, 0x4B1, 0x44B: return h == .back
            case 0x435, 0x438, 0x443, 0x44F, 0x44E, 0x44D: return true
            default: continue
            }
        }
        return true
    }

    static func kazakhFallbackStem(_ norm: String) -> String {
        guard let lex = Optional(Lexicon.shared) else { return norm }
        var w = Array(norm.unicodeScalars.map(\.value))
        // Greedy: strip the longest suffix while at least four letters stay, then undo the boundary alternation.
        var changed = true
        while changed {
            changed = false
            guard let last = w.last, let list = lex.kazakhSuffixes[last] else { break }
            for s in list where w.count - s.scalars.count >= 4 && w.suffix(s.scalars.count).elementsEqual(s.scalars) {
                let stem = Array(w.prefix(w.count - s.scalars.count))
                if harmonyAllows(stem, s.harmony) { w = stem; changed = true; break }
            }
        }
        let alts = alternations(w)
        return String(String.UnicodeScalarView((alts.last ?? w).compactMap(Unicode.Scalar.init)))
    }

    /// Whether the whole word is a chain of Kazakh suffixes ("ның", "ға", "дағы"): a suffix written after a hyphen.
    static func isKazakhSuffixChain(_ norm: String, lexicon: Lexicon) -> Bool {
        let w = Array(norm.unicodeScalars.map(\.value))
        guard !w.isEmpty, w.count <= 12 else { return false }
        func strip(_ w: ArraySlice<UInt32>, depth: Int) -> Bool {
            if w.isEmpty { return true }
            guard depth < 5, let last = w.last, let list = lexicon.kazakhSuffixes[last] else { return false }
            for s in list where s.scalars.count <= w.count && w.suffix(s.scalars.count).elementsEqual(s.scalars) {
                if strip(w.dropLast(s.scalars.count), depth: depth + 1) { return true }
            }
            return false
        }
        return strip(w[...], depth: 0)
    }

    // MARK: Russian and English

    static func russianFallbackStem(_ norm: String, endings: [String] = Lexicon.shared.russianEndings) -> String {
        for e in endings where norm.hasSuffix(e) && norm.count - e.count >= 3 {
            return String(norm.dropLast(e.count))
        }
        return norm
    }

    /// Length of the stem `russianFallbackStem` would keep, on scalars.
    static func russianStemLength(_ sc: [UInt32], lexicon: Lexicon) -> Int {
        for e in lexicon.russianEndingScalars where sc.count - e.count >= 3 && TextNorm.hasSuffix(sc, e) { return sc.count - e.count }
        return sc.count
    }

    static func englishPossessiveBase(_ norm: String) -> String? {
        if norm.hasSuffix("'s") { return String(norm.dropLast(2)) }
        if norm.hasSuffix("s'") { return String(norm.dropLast(1)) }
        return nil
    }

    static func englishStem(_ norm: String) -> String {
        var w = englishPossessiveBase(norm) ?? norm
        if w.count > 4, w.hasSuffix("ies") { w = String(w.dropLast(3)) + "y" } else if w.count > 3, w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us") {
            w = String(w.dropLast())
        }
        return w
    }
}
