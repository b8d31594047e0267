import DalaText

/// Registry name forms one edit away from a word (a substituted, dropped or added letter, or two neighbours swapped),
/// for names misspelt by OCR or by hand (Қазақсатан, Кыргыстана). Only forms of capitalised registry names with at
/// least `minimumLength` letters are indexed; a lookup hashes the word and its one-letter deletions, so it costs a
/// few dozen hash probes and no allocation per probe beyond one buffer.
final class FuzzyIndex: Sendable {
    /// Shortest registry word a misspelling may stand for: shorter names have too many real-word neighbours.
    static let minimumLength = 7

    private let forms: [[UInt32]]            // normalised scalars
    private let formWords: [[Int32]]         // registry word ids spelled by each form
    private let exact: U64Map                // form hash → form index
    private let deletions: U64Map            // hash of a form less one letter → first index into the two arrays below
    private let deletionHashes: [UInt64]     // sorted
    private let deletionForms: [Int32]       // form index of each entry of `deletionHashes`
    /// Longest form: a word two letters longer is no form's neighbour (and its deletions cost its length squared).
    private let longestForm: Int

    init(_ input: [(form: String, word: Int32)]) {
        var formIndex: [UInt64: Int] = [:]
        var forms: [[UInt32]] = []
        var words: [[Int32]] = []
        for (f, w) in input {
            let sc = TextNorm.normalizeScalars(f)
            guard sc.count >= FuzzyIndex.minimumLength - 1, sc.allSatisfy({ TextNorm.isLetter($0) || $0 == 0x2D }) else { continue }
            let h = TextNorm.hash(sc)
            if let k = formIndex[h] {
                if !words[k].contains(w) { words[k].append(w) }
            } else {
                formIndex[h] = forms.count; forms.append(sc); words.append([w])
            }
        }
        // Built flat and sorted (a dictionary of arrays costs a third of a second at start-up).
        var exact = U64Map(capacity: forms.count)
        var pairs: [(hash: UInt64, form: Int32)] = []
        pairs.reserveCapacity(forms.count * 10)
        var buffer: [UInt32] = []
        for (k, sc) in forms.enumerated() {
            exact.set(TextNorm.hash(sc), Int32(k))
            for d in sc.indices where d == 0 || sc[d] != sc[d - 1] {      // a doubled letter gives one deletion
                FuzzyIndex.delete(sc[...], at: d, into: &buffer)
                pairs.append((TextNorm.hash(buffer), Int32(k)))
            }
        }
        pairs.sort { $0.hash < $1.hash }
        var deletions = U64Map(capacity: pairs.count)
        for (k, p) in pairs.enumerated() where k == 0 || pairs[k - 1].hash != p.hash { deletions.set(p.hash, Int32(k)) }
        self.forms = forms
        self.longestForm = forms.map(\.count).max() ?? 0
        self.formWords = words
        self.exact = exact
        self.deletions = deletions
        self.deletionHashes = pairs.map(\.hash)
        self.deletionForms = pairs.map(\.form)
    }

    /// Form indices of the entries for deletion hash `h`.
    @inline(__always)
    private func formsDeleting(to h: UInt64, into hits: inout [Int32]) {
        guard let start = deletions.get(h) else { return }
        var k = Int(start)
        while k < deletionHashes.count, deletionHashes[k] == h { hits.append(deletionForms[k]); k += 1 }
    }

    /// Registry word ids with a form exactly one edit from `word` (normalised scalars) and the same first letter.
    func words(near word: ArraySlice<UInt32>) -> [Int32] {
        guard word.count >= FuzzyIndex.minimumLength - 1, word.count <= longestForm + 1, let first = word.first else { return [] }
        var hits: [Int32] = []
        // The word is a form less one letter (a dropped letter).
        formsDeleting(to: TextNorm.hash(word), into: &hits)
        // The word less one of its letters is a form (an added letter), or shares a deletion with one (a substituted
        // letter, or two neighbours swapped).
        var buffer: [UInt32] = []
        for d in word.indices {
            FuzzyIndex.delete(word, at: d, into: &buffer)
            let h = TextNorm.hash(buffer)
            if let f = exact.get(h) { hits.append(f) }
            formsDeleting(to: h, into: &hits)
        }
        var out: [Int32] = []
        for f in hits {
            let form = forms[Int(f)]
            guard form.first == first, FuzzyIndex.isOneEdit(word, form[...]) else { continue }
            for w in formWords[Int(f)] where !out.contains(w) { out.append(w) }
        }
        return out
    }

    static func delete(_ sc: ArraySlice<UInt32>, at d: Int, into buffer: inout [UInt32]) {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: sc[sc.startIndex..<d])
        buffer.append(contentsOf: sc[(d + 1)...])
    }

    /// Whether `a` and `b` differ by exactly one substitution, insertion, deletion or swap of neighbours.
    static func isOneEdit(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) -> Bool {
        let x = Array(a), y = Array(b)
        if x.count == y.count {
            guard let i = x.indices.first(where: { x[$0] != y[$0] }) else { return false }
            if x[(i + 1)...] == y[(i + 1)...] { return true }
            return i + 1 < x.count && x[i] == y[i + 1] && x[i + 1] == y[i] && x[(i + 2)...] == y[(i + 2)...]
        }
        guard abs(x.count - y.count) == 1 else { return false }
        let (long, short) = x.count > y.count ? (x, y) : (y, x)
        let i = short.indices.first(where: { short[$0] != long[$0] }) ?? short.count
        return long[(i + 1)...] == short[i...]
    }
}

extension Matcher {
    /// Readings of a unit as a misspelt registry word: the whole word, its Kazakh stems and its English possessive
    /// base, each one edit from a registry form. Never adjectives.
    func fuzzyAnalyses(of unit: WordUnit) -> [WordAnalysis] {
        let sc = unit.sc
        var out: [WordAnalysis] = []
        func add(_ ids: [Int32], stripped: Bool) {
            for w in ids where !out.contains(where: { $0.word == w }) { out.append(WordAnalysis(word: w, stripped: stripped, adjective: false)) }
        }
        add(store.fuzzy.words(near: sc[...]), stripped: false)
        if sc.contains(where: TextNorm.isCyrillic) {
            let chain = store.lexicon.suffixChains[Int(unit.reading)]
            var stems = Morphology.SuffixChainStems(sc, chain: chain, maxDepth: 3)
            var stem: [UInt32] = []
            while let c = stems.next() {
                guard !c.adjective, c.length >= FuzzyIndex.minimumLength - 1, c.length < sc.count else { continue }
                stem.removeAll(keepingCapacity: true)
                stem.append(contentsOf: sc[..<c.length])
                if c.alternated { stem[stem.count - 1] = chain.alternated(stem[stem.count - 1]) }
                add(store.fuzzy.words(near: stem[...]), stripped: true)
            }
        } else if let n = Morphology.englishPossessiveBaseLength(sc), n < sc.count {
            add(store.fuzzy.words(near: sc[..<n]), stripped: true)
        }
        return out
    }
}

extension KnowledgeBase {
    /// Whether the misspelling matcher could read `word` (any case) as the first word of a registry name, ignoring the
    /// stoplist: the tool that builds `lexicon/fuzzy-stoplist.tsv` from spelling dictionaries runs it on every form.
    func fuzzyMayRead(_ word: String) -> Bool {
        let u = WordUnit(text: word, span: Span(start: 0, end: word.unicodeScalars.count), shape: .word)
        guard u.sc.count >= FuzzyIndex.minimumLength - 1, u.sc.allSatisfy({ TextNorm.isLetter($0) }) else { return false }
        let matcher = Matcher(store: store)
        guard matcher.analyses(of: u).isEmpty else { return false }
        return matcher.fuzzyAnalyses(of: u).contains { a in
            store.namesByFirstWord[a.word]?.contains { store.names[Int($0)].kind == .name && !store.names[Int($0)].isSurname } ?? false
        }
    }
}
