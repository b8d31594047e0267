import DalaText

/// Suffix-chain morphology of one language (Turkic: kk, ky; later uz, tt): suffixes stripped right to left, a chain at
/// most five deep, vowel harmony checked at each boundary and the stem's alternated last letter undone (Одағы → Одақ).
/// Every letter and suffix comes from the language's folder: `suffixes.tsv`, `harmony.tsv`, `alternations.tsv`.
struct SuffixChainMorphology: WordMorphology {
    let tables: SuffixChain

    /// The shortest registry word the suffix chains leave (Одағының → одағы → одақ), else the word itself.
    func registryStem(_ sc: [UInt32], code: UInt8, store: Store) -> String? {
        func pick(_ ids: [Int32]) -> Int32? { ids.first { store.wordLanguages[Int($0)] == code } }
        var best = store.words(TextNorm.hash(sc)).flatMap(pick)
        var bestCount = best.map { store.wordLengths[Int($0)] } ?? .max
        var stems = Morphology.SuffixChainStems(sc, chain: tables)
        while let c = stems.next() {
            if let ids = store.words(c.key), let w = pick(ids), store.wordLengths[Int(w)] < bestCount {
                best = w; bestCount = store.wordLengths[Int(w)]
            }
        }
        if let best { return store.bareWords[Int(best)] }
        return exactRegistryWord(sc, code: code, store: store)
    }

    /// Greedy: strip the longest suffix while at least four letters stay, then undo the boundary alternation.
    func fallbackStem(_ sc: [UInt32]) -> String {
        var n = sc.count
        var changed = true
        while changed {
            changed = false
            guard n > 0, let list = tables.table.list(sc[n - 1]) else { break }
            for s in list where n - s.scalars.count >= 4 {
                let m = s.scalars.count
                var same = true
                var k = 0
                while k < m { if sc[n - m + k] != s.scalars[k] { same = false; break }; k += 1 }
                if same && tables.harmonyAllows(sc, length: n - m, s) { n -= m; changed = true; break }
            }
        }
        guard n > 0 else { return "" }
        var w = Array(sc.prefix(n))
        w[n - 1] = tables.alternated(w[n - 1])
        return TextNorm.string(w)
    }
}

/// One suffix-chain language's vowel harmony (`harmony.tsv`) compiled: a small class code per letter, dense over the
/// Cyrillic block (the letters all suffix-chain languages write), a dictionary beyond it.
struct HarmonyTable: Sendable {
    static let none: UInt8 = 0, neutral: UInt8 = 1, openEnd: UInt8 = 2
    /// Codes of the language's own classes start here; a suffix's harmony is a bit mask over them.
    static let firstClass: UInt8 = 3
    private let cyrillic: [UInt8]                   // code by scalar - 0x400
    private let other: [UInt32: UInt8]
    private let codes: [String: UInt8]
    /// Letter clusters after which a stem allows any suffix (`harmony.tsv` `open-end` row: loans `банк`, `факт`).
    let openEndings: [[UInt32]]

    init(_ harmony: [UInt32: String] = [:], openEndings: [[UInt32]] = []) {
        self.openEndings = openEndings
        var codes: [String: UInt8] = [HarmonyClass.neutral: Self.neutral, HarmonyClass.openEnd: Self.openEnd]
        for name in Set(harmony.values).sorted() where codes[name] == nil { codes[name] = UInt8(codes.count + 1) }
        var c = [UInt8](repeating: Self.none, count: 0x100), o: [UInt32: UInt8] = [:]
        for (v, name) in harmony {
            if v >= 0x400 && v < 0x500 { c[Int(v - 0x400)] = codes[name]! } else { o[v] = codes[name]! }
        }
        cyrillic = c; other = o; self.codes = codes
    }

    /// The mask of a suffix that may follow stems whose nearest vowel is of one of `classes` (empty: any stem).
    func mask(_ classes: [String]) -> UInt32 {
        guard !classes.isEmpty else { return .max }
        return classes.reduce(0) { $0 | 1 << UInt32(codes[$1] ?? 0) }
    }

    /// Whether the first `length` letters of `word` end in an open-end cluster (only asked when the vowel refuses).
    func endsOpen(_ word: [UInt32], length: Int) -> Bool {
        guard !openEndings.isEmpty else { return false }
        let last = word[length - 1]
        for e in openEndings where e.count < length && e[e.count - 1] == last {
            var k = 0
            while k < e.count, word[length - e.count + k] == e[k] { k += 1 }
            if k == e.count { return true }
        }
        return false
    }

    @inline(__always)
    func code(_ v: UInt32) -> UInt8 {
        if v >= 0x400 && v < 0x500 { return cyrillic[Int(v - 0x400)] }
        return other.isEmpty ? Self.none : other[v] ?? Self.none
    }
}

/// One suffix-chain language's tables compiled for lookups: its words are read with its own endings, harmony and
/// alternations.
final class SuffixChain: Sendable {
    /// Suffixes by their last letter, longest first.
    let byLast: [UInt32: [Lexicon.Suffix]]
    let table: SuffixTable
    private let harmony: HarmonyTable
    private let alternationCyrillic: [UInt32]       // base letter by scalar - 0x400 (the letter itself if none)
    private let alternationOther: [UInt32: UInt32]
    /// base letter → the letter it becomes before a vowel suffix (қ → ғ), for prefilters of stems.
    let voiced: [UInt32: UInt32]

    init(byLast: [UInt32: [Lexicon.Suffix]] = [:], harmony: HarmonyTable = HarmonyTable(), alternations: [UInt32: UInt32] = [:]) {
        self.byLast = byLast
        table = SuffixTable(byLast)
        self.harmony = harmony
        var ac = (0..<0x100).map { UInt32(0x400 + $0) }, ao: [UInt32: UInt32] = [:]
        for (v, base) in alternations {
            if v >= 0x400 && v < 0x500 { ac[Int(v - 0x400)] = base } else { ao[v] = base }
        }
        alternationCyrillic = ac; alternationOther = ao
        voiced = Dictionary(alternations.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
    }

    /// The letter before a vowel suffix undone (ғ → қ); others unchanged.
    @inline(__always)
    func alternated(_ v: UInt32) -> UInt32 {
        if v >= 0x400 && v < 0x500 { return alternationCyrillic[Int(v - 0x400)] }
        return alternationOther[v] ?? v
    }

    /// The stem, and the stem with its last letter undone when that letter alternates.
    func alternations(_ stem: [UInt32]) -> [[UInt32]] {
        guard let last = stem.last else { return [stem] }
        let base = alternated(last)
        guard base != last else { return [stem] }
        var alt = stem
        alt[alt.count - 1] = base
        return [stem, alt]
    }

    /// Whether suffix `s` may follow the first `length` letters of `word`: the vowel nearest the stem's end must be of
    /// a class the suffix lists; a neutral vowel, no vowel (acronyms, loans) or an open-end letter allow any suffix.
    @inline(__always)
    func harmonyAllows(_ word: [UInt32], length: Int, _ s: Lexicon.Suffix) -> Bool {
        if s.harmony == .max { return true }
        let h = harmony
        if h.code(word[length - 1]) == HarmonyTable.openEnd { return true }
        var i = length - 1
        while i >= 0 {
            let c = h.code(word[i])
            if c >= HarmonyTable.firstClass { return s.harmony & (1 << UInt32(c)) != 0 || h.endsOpen(word, length: length) }
            if c == HarmonyTable.neutral { return true }
            i -= 1
        }
        return true
    }

    /// Whether the whole word is a chain of suffixes ("ның", "ға", "дағы"): a suffix written after a hyphen.
    func isSuffixChain(_ norm: String) -> Bool {
        let w = Array(norm.unicodeScalars.map(\.value))
        guard !w.isEmpty, w.count <= 12 else { return false }
        func strip(_ w: ArraySlice<UInt32>, depth: Int) -> Bool {
            if w.isEmpty { return true }
            guard depth < 5, let last = w.last, let list = byLast[last] else { return false }
            for s in list where s.scalars.count <= w.count && w.suffix(s.scalars.count).elementsEqual(s.scalars) {
                if strip(w.dropLast(s.scalars.count), depth: depth + 1) { return true }
            }
            return false
        }
        return strip(w[...], depth: 0)
    }
}

extension Morphology {
    /// A candidate stem: a prefix of the word, perhaps with its last letter undone.
    struct SuffixChainStem {
        var length: Int             // a prefix of the word …
        var alternated: Bool        // … whose last letter is undone (ғ → қ, г → к, б → п)
        var key: UInt64
        var adjective: Bool
        var depth: Int
    }

    /// Candidate stems of a suffix-chain word (normalised scalars) by stripping suffix chains right to left, undoing
    /// the alternation at each boundary and checking vowel harmony. Shortest chains first.
    /// Breadth-first over (prefix length, alternated) pairs of the word, so no stem is copied out of the word; the
    /// queue is the output itself.
    struct SuffixChainStems {
        let word: [UInt32]
        let chain: SuffixChain
        let maxDepth: Int
        private var queue: [SuffixChainStem] = []
        private var expanded = 0            // queue entries already expanded (plus the word itself: -1)
        private var emitted = 0
        private var seenPlain: UInt64 = 0, seenAlt: UInt64 = 0
        private var seenLong: Set<Int> = []

        init(_ word: [UInt32], chain: SuffixChain, maxDepth: Int = 5) {
            self.word = word; self.chain = chain; self.maxDepth = maxDepth
            expanded = -1
        }

        mutating func next() -> SuffixChainStem? {
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
            let last = alt ? chain.alternated(word[len - 1]) : word[len - 1]
            guard let list = chain.table.list(last) else { return true }
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
                guard chain.harmonyAllows(word, length: stemLength, s) else { continue }
                let a = adj || s.isAdjective
                add(stemLength, alternated: false, adjective: a, depth: depth + 1)
                if chain.alternated(word[stemLength - 1]) != word[stemLength - 1] {
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
            let lastLetter = alternated ? chain.alternated(word[length - 1]) : word[length - 1]
            let h = WordKey.fnv1a(scalars: CollectionOfOne(lastLetter), seed: WordKey.fnv1a(scalars: word[..<(length - 1)]))
            queue.append(SuffixChainStem(length: length, alternated: alternated, key: h, adjective: adjective, depth: depth))
        }
    }
}

extension Morphology {
    /// `SuffixChain.alternations` of every suffix-chain language's alternations (prefilters of stems).
    static func alternations(_ stem: [UInt32]) -> [[UInt32]] { Lexicon.shared.suffixChain.alternations(stem) }
}
