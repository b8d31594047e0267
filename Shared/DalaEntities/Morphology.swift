import DalaText

/// Inflection handling for Kazakh, Russian and English names and search keys.
public enum Morphology {
    /// Normalised search key of a word (lowercased, ё→е, homoglyph-safe, inflection stripped) for kk/ru/en, so that
    /// Қазақстанның / Қазақстан and Казахстаном / Казахстана / Казахстан each collapse to one key per language.
    /// Words of the registry collapse to their registry form; other words lose their longest plausible ending.
    public static func stem(_ word: String, language: Language) -> String {
        // Runs on every word token (search keys): scalars only, one normalised buffer, no String until the result.
        let sc = TextNorm.normalizeScalars(word)
        guard !sc.isEmpty else { return "" }
        let lang: Language = (language == .kk || language == .ru || language == .en) ? language : guessLanguage(scalars: sc)
        if let store = defaultStore, let known = registryStem(sc, language: lang, store: store) { return known }
        switch lang {
        case .kk: return kazakhFallbackStem(sc)
        case .en: return englishStem(sc)
        default: return TextNorm.string(sc.prefix(russianStemLength(sc, lexicon: Lexicon.shared)))
        }
    }

    /// kk when the word has a Kazakh-only letter, ru for other Cyrillic, en for Latin.
    public static func guessLanguage<S: StringProtocol>(_ word: S) -> Language {
        var cyr = false
        for u in word.unicodeScalars {
            if isKazakhLetter(u.value) { return .kk }
            if TextNorm.isCyrillic(u.value) { cyr = true }
        }
        return cyr ? .ru : .en
    }

    /// A letter only Kazakh uses among the Cyrillic alphabets we meet (ә ғ қ ң ө ұ ү һ і).
    @inline(__always)
    static func isKazakhLetter(_ v: UInt32) -> Bool {
        switch v {
        case 0x4D8, 0x4D9, 0x492, 0x493, 0x49A, 0x49B, 0x4A2, 0x4A3, 0x4E8, 0x4E9, 0x4B0, 0x4B1, 0x4AE, 0x4AF,
             0x4BA, 0x4BB, 0x406, 0x456: return true
        default: return false
        }
    }

    /// `guessLanguage` on normalised scalars.
    static func guessLanguage(scalars: [UInt32]) -> Language {
        var cyr = false
        for v in scalars {
            if isKazakhLetter(v) { return .kk }
            if TextNorm.isCyrillic(v) { cyr = true }
        }
        return cyr ? .ru : .en
    }

    static let defaultStore: Store? = try? KnowledgeBase.loadDefault().store

    /// The registry word of this language that `sc` (normalised) is a form of; for Kazakh the shortest one the
    /// suffix chains leave (Одағының → одағы → одақ).
    static func registryStem(_ sc: [UInt32], language: Language, store: Store) -> String? {
        let lang = Store.languageCode(language)
        func pick(_ ids: [Int32]) -> Int32? { ids.first { store.wordLanguages[Int($0)] == lang } }
        let key = TextNorm.hash(sc)
        if language == .kk {
            var best = store.words(key).flatMap(pick)
            var bestCount = best.map { store.wordLengths[Int($0)] } ?? .max
            var stems = KazakhStems(sc, lexicon: store.lexicon)
            while let c = stems.next() {
                if let ids = store.words(c.key), let w = pick(ids), store.wordLengths[Int(w)] < bestCount {
                    best = w; bestCount = store.wordLengths[Int(w)]
                }
            }
            if let best { return store.bareWords[Int(best)] }
        }
        if let ids = store.words(key), let w = pick(ids) { return store.bareWords[Int(w)] }
        if language == .en, let n = englishPossessiveBaseLength(sc), let ids = store.words(TextNorm.hash(sc.prefix(n))),
           let w = pick(ids) {
            return store.bareWords[Int(w)]
        }
        return nil
    }

    // MARK: Kazakh

    struct KazakhStem {
        var length: Int             // a prefix of the word …
        var alternated: Bool        // … whose last letter is undone (ғ → қ, г → к, б → п)
        var key: UInt64
        var adjective: Bool
        var depth: Int
    }

    /// Candidate stems of a Kazakh word (normalised scalars) by stripping suffix chains right to left, undoing
    /// the қ→ғ, к→г, п→б alternation at each boundary and checking vowel harmony. Shortest chains first.
    /// Breadth-first over (prefix length, alternated) pairs of the word, so no stem is copied out of the word; the
    /// queue is the output itself.
    struct KazakhStems {
        let word: [UInt32]
        let table: KazakhSuffixTable
        let maxDepth: Int
        private var queue: [KazakhStem] = []
        private var expanded = 0            // queue entries already expanded (plus the word itself: -1)
        private var emitted = 0
        private var seenPlain: UInt64 = 0, seenAlt: UInt64 = 0
        private var seenLong: Set<Int> = []

        init(_ word: [UInt32], lexicon: Lexicon, maxDepth: Int = 5) {
            self.word = word; self.table = lexicon.kazakhSuffixTable; self.maxDepth = maxDepth
            expanded = -1
        }

        mutating func next() -> KazakhStem? {
            while emitted >= queue.count {
                guard expand() else { return nil }
            }
            emitted += 1
            return queue[emitted - 1]
        }

        /// Expands the next queue entry (first the word itself); false when nothing is left to expand.
        private mutating func expand() -> Bool {
            let len: Int, alt: Bool, adj: Bool, depth: Int
            if expanded == -1 {
                len = word.count; alt = false; adj = false; depth = 0
            } else {
                guard expanded < queue.count else { return false }
                let e = queue[expanded]
                len = e.length; alt = e.alternated; adj = e.adjective; depth = e.depth
            }
            expanded += 1
            guard depth < maxDepth, len >= 1 else { return true }
            if depth > 0 && len < 3 { return true }
            let last = alt ? Morphology.alternated(word[len - 1]) : word[len - 1]
            guard let list = table.list(last) else { return true }
            for s in list {
                let n = s.scalars.count
                guard len - n >= 2 else { continue }
                // The suffix's last scalar is `last` (the table is keyed by it); compare the others with the word.
                var same = true
                var k = 0
                while k < n - 1 {
                    if word[len - n + k] != s.scalars[k] { same = false; break }
                    k += 1
                }
                guard same else { continue }
                let stemLength = len - n
                guard Morphology.harmonyAllows(word, length: stemLength, s.harmony) else { continue }
                let a = adj || s.isAdjective
                add(stemLength, alternated: false, adjective: a, depth: depth + 1)
                if Morphology.alternated(word[stemLength - 1]) != word[stemLength - 1] {
                    add(stemLength, alternated: true, adjective: a, depth: depth + 1)
                }
            }
            return true
        }

        private mutating func add(_ length: Int, alternated: Bool, adjective: Bool, depth: Int) {
            if length < 64 {
                let bit: UInt64 = 1 << UInt64(length)
                if alternated {
                    if seenAlt & bit != 0 { return }
                    seenAlt |= bit
                } else {
                    if seenPlain & bit != 0 { return }
                    seenPlain |= bit
                }
            } else if !seenLong.insert(length * 2 + (alternated ? 1 : 0)).inserted {
                return
            }
            var h: UInt64 = 0xcbf29ce484222325
            for i in 0..<(length - 1) { h = (h ^ UInt64(word[i])) &* 0x100000001b3 }
            let lastLetter = alternated ? Morphology.alternated(word[length - 1]) : word[length - 1]
            h = (h ^ UInt64(lastLetter)) &* 0x100000001b3
            queue.append(KazakhStem(length: length, alternated: alternated, key: h, adjective: adjective, depth: depth))
        }
    }

    /// The letter before a vowel suffix undone: ғ → қ, г → к, б → п (others unchanged).
    @inline(__always)
    static func alternated(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x493: return 0x49B
        case 0x433: return 0x43A
        case 0x431: return 0x43F
        default: return v
        }
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
    static func harmonyAllows(_ word: [UInt32], length: Int, _ h: Lexicon.KazakhSuffix.Harmony) -> Bool {
        if h == .any { return true }
        if word[length - 1] == 0x44C { return true }
        var i = length - 1
        while i >= 0 {
            switch word[i] {
            case 0x4D9, 0x4E9, 0x4AF, 0x456: return h == .front
            case 0x430, 0x43E, 0x4B1, 0x44B: return h == .back
            case 0x435, 0x438, 0x443, 0x44F, 0x44E, 0x44D: return true
            default: i -= 1
            }
        }
        return true
    }

    static func kazakhFallbackStem(_ sc: [UInt32]) -> String {
        let lex = Lexicon.shared
        var n = sc.count
        // Greedy: strip the longest suffix while at least four letters stay, then undo the boundary alternation.
        var changed = true
        while changed {
            changed = false
            guard n > 0, let list = lex.kazakhSuffixTable.list(sc[n - 1]) else { break }
            for s in list where n - s.scalars.count >= 4 {
                let m = s.scalars.count
                var same = true
                var k = 0
                while k < m { if sc[n - m + k] != s.scalars[k] { same = false; break }; k += 1 }
                if same && harmonyAllows(sc, length: n - m, s.harmony) { n -= m; changed = true; break }
            }
        }
        guard n > 0 else { return "" }
        var w = Array(sc.prefix(n))
        w[n - 1] = alternated(w[n - 1])
        return TextNorm.string(w)
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

    /// Length of `englishPossessiveBase` on scalars ("'s" and "s'" removed), nil without a possessive.
    static func englishPossessiveBaseLength(_ sc: [UInt32]) -> Int? {
        let n = sc.count
        guard n >= 2 else { return nil }
        if sc[n - 2] == 0x27 && sc[n - 1] == 0x73 { return n - 2 }
        if sc[n - 2] == 0x73 && sc[n - 1] == 0x27 { return n - 1 }
        return nil
    }

    static func englishStem(_ sc: [UInt32]) -> String {
        var n = englishPossessiveBaseLength(sc) ?? sc.count
        func at(_ back: Int) -> UInt32 { sc[n - back] }
        if n > 4, at(3) == 0x69, at(2) == 0x65, at(1) == 0x73 {           // -ies → -y
            return TextNorm.string(sc.prefix(n - 3)) + "y"
        }
        if n > 3, at(1) == 0x73, at(2) != 0x73, at(2) != 0x75 { n -= 1 }  // -s, not -ss or -us
        return TextNorm.string(sc.prefix(n))
    }

    static func englishPossessiveBase(_ norm: String) -> String? {
        if norm.hasSuffix("'s") { return String(norm.dropLast(2)) }
        if norm.hasSuffix("s'") { return String(norm.dropLast(1)) }
        return nil
    }

}
