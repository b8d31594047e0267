import DalaText

/// Transliteration keys of name words (`lexicon/transliteration.tsv`): the spellings of one name across Cyrillic
/// (kk, ru) and the Latin romanisations (BGN/PCGN, ISO 9, Kazakh Latin 2021, press habits) reduce to one key, so
/// "Qasym-Zhomart Toqaev", "Kassym-Jomart Tokayev" and "Қасым-Жомарт Тоқаев" meet. The key keeps each consonant's class
/// and where vowels stand, not which vowels (the letter choices the systems disagree on most).
struct TransliterationTable: Sendable {
    /// Class written for any vowel or glide in the coarse key.
    static let vowel: UInt32 = 0x56          // "V"
    static let glide: UInt32 = 0x59          // "Y"
    static let vowelClasses: [UInt32] = [0x41, 0x45, 0x49, 0x4F, 0x55]      // A E I O U
    /// Rules by the first scalar of their source, longest source first; class 0 drops the source.
    private var rules: [UInt32: [(source: [UInt32], cls: UInt32)]] = [:]

    /// The module's table, parsed once per process.
    static func cached() throws -> TransliterationTable { try loaded.get() }
    private static let loaded: Result<TransliterationTable, any Error> = Result {
        try TransliterationTable(text: try ResourceFiles.text("lexicon/transliteration.tsv"))
    }

    init() {}

    /// A table from the TSV text (`source <TAB> class`).
    init(text: String) throws {
        for line in ResourceFiles.lines(text) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 2, !f[0].isEmpty, f[1].unicodeScalars.count == 1 else {
                throw EntityStageError(code: .malformedData, detail: "transliteration: \(line)")
            }
            let source = TextNorm.normalizeScalars(f[0])
            let cls = f[1] == "-" ? 0 : f[1].unicodeScalars.first!.value
            rules[source[0], default: []].append((source, cls))
        }
        for k in rules.keys { rules[k]!.sort { $0.source.count > $1.source.count } }
    }

    /// The key of a normalised word: classes of its letters, runs of one class merged. The coarse key reads every
    /// vowel and glide as V; the fine key keeps the vowel classes and drops a glide next to a vowel (else reads I).
    func key<C: Collection>(_ sc: C, fine: Bool = false) -> [UInt32] where C.Element == UInt32, C.Index == Int {
        var classes: [UInt32] = []
        classes.reserveCapacity(sc.count)
        var i = sc.startIndex
        while i < sc.endIndex {
            var cls = sc[i]
            var length = 1
            if let list = rules[sc[i]] {
                for r in list where r.source.count <= sc.endIndex - i {
                    var same = true
                    for k in 1..<max(1, r.source.count) where sc[i + k] != r.source[k] { same = false; break }
                    if same { cls = r.cls; length = r.source.count; break }
                }
            }
            if cls != 0 { classes.append(cls) }
            i += length
        }
        var out: [UInt32] = []
        out.reserveCapacity(classes.count)
        for (k, c) in classes.enumerated() {
            var cls = c
            let isVowel = TransliterationTable.vowelClasses.contains(c) || c == TransliterationTable.glide
            if !fine, isVowel { cls = TransliterationTable.vowel }
            if fine, c == TransliterationTable.glide {
                let nextToVowel = (k > 0 && TransliterationTable.vowelClasses.contains(classes[k - 1]))
                    || (k + 1 < classes.count && TransliterationTable.vowelClasses.contains(classes[k + 1]))
                if nextToVowel { continue }
                cls = 0x49
            }
            if out.last != cls { out.append(cls) }
        }
        return out
    }

    /// Consonant classes in a key (a key with too few says too little to match on).
    static func consonants(_ key: [UInt32]) -> Int { key.filter { $0 != vowel && $0 != glide && !vowelClasses.contains($0) }.count }
}

/// Registry word ids by the transliteration key of their forms (capitalised names, words of four letters or more,
/// Russian inflected forms included).
struct TransliterationIndex: Sendable {
    private let index: U64Map
    private let lists: [[Int32]]
    let table: TransliterationTable

    init(_ forms: [(form: String, word: Int32)], table: TransliterationTable) {
        var byKey: [UInt64: [Int32]] = [:]
        for (f, w) in forms {
            let sc = TextNorm.normalizeScalars(f)
            guard sc.count >= 4 else { continue }
            for fine in [false, true] {
                let key = table.key(sc, fine: fine)
                guard TransliterationTable.consonants(key) >= 2 else { continue }
                let h = TransliterationIndex.hash(key, fine: fine)
                if !(byKey[h]?.contains(w) ?? false) { byKey[h, default: []].append(w) }
            }
        }
        var index = U64Map(capacity: byKey.count)
        var lists: [[Int32]] = []
        lists.reserveCapacity(byKey.count)
        for (k, v) in byKey.sorted(by: { $0.key < $1.key }) { index.set(k, Int32(lists.count)); lists.append(v.sorted()) }
        self.index = index
        self.lists = lists
        self.table = table
    }

    /// Registry word ids whose forms have this key.
    func words(key: [UInt32], fine: Bool) -> [Int32] { index.get(TransliterationIndex.hash(key, fine: fine)).map { lists[Int($0)] } ?? [] }

    /// Coarse and fine keys share one table: a fine key's hash starts from a marker.
    static func hash(_ key: [UInt32], fine: Bool) -> UInt64 { TextNorm.hash(fine ? [0x21] + key : key) }
}

extension Matcher {
    /// Readings of a capitalised unit through the transliteration key (`fine`: the fine key): the word, its suffix-chain
    /// stems of five letters or more (`suffixChain`: only in text of a suffix-chain language, read with its own
    /// suffixes) and its English possessive base, each keyed. Never adjectives; empty for words under four letters.
    func transliteratedAnalyses(of unit: WordUnit, fine: Bool = false, suffixChain: Bool = false) -> [WordAnalysis] {
        let sc = unit.sc
        guard unit.isWord, sc.count >= 4, sc.allSatisfy({ TextNorm.isLetter($0) || $0 == 0x2D || $0 == 0x27 || $0 == 0x2019 }) else { return [] }
        let t = store.transliteration
        var out: [WordAnalysis] = []
        func add(_ stem: ArraySlice<UInt32>, stripped: Bool) {
            let key = t.table.key(stem, fine: fine)
            guard TransliterationTable.consonants(key) >= 2 else { return }
            for w in t.words(key: key, fine: fine) where !out.contains(where: { $0.word == w }) {
                out.append(WordAnalysis(word: w, stripped: stripped, adjective: false))
            }
        }
        add(sc[...], stripped: false)
        if suffixChain, sc.contains(where: TextNorm.isCyrillic) {
            let chain = store.lexicon.suffixChains[Int(unit.reading)]
            var stems = Morphology.SuffixChainStems(sc, chain: chain, maxDepth: 3)
            var stem: [UInt32] = []
            while let c = stems.next() {
                guard !c.adjective, c.length >= 5, c.length < sc.count else { continue }
                stem.removeAll(keepingCapacity: true)
                stem.append(contentsOf: sc[..<c.length])
                if c.alternated { stem[stem.count - 1] = chain.alternated(stem[stem.count - 1]) }
                add(stem[...], stripped: true)
            }
        } else if let n = Morphology.englishPossessiveBaseLength(sc), n < sc.count {
            add(sc[..<n], stripped: true)
        }
        return out
    }
}
