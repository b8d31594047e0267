import DalaText

/// The author's keyword lists (per language) and key phrases computed from the text.
struct KeywordExtractor: Sendable {
    let lex: Lexicon
    static let maxComputedPerLanguage = 12

    func extract(sentences: [Sentence], atoms: [[Atom]], original: ScalarText) -> [Keyword] {
        var out: [Keyword] = []
        var seenAuthor = Set<String>()
        // Author keywords: the `keywords` section, after its label ("Түйін сөздер:", "Ключевые слова:", "Keywords:").
        for (si, s) in sentences.enumerated() where s.section == "keywords" {
            let a = atoms[si]
            guard let colon = a.firstIndex(where: { $0.text == ":" }) else { continue }
            var phrase: [Atom] = []
            func flush() {
                defer { phrase = [] }
                guard let f = phrase.first, let l = phrase.last else { return }
                let text = collapse(original.slice(Span(start: f.span.start, end: l.span.end)))
                guard text.count >= 2, seenAuthor.insert(s.language.rawValue + "|" + fold(text)).inserted else { return }
                out.append(Keyword(text: text, language: s.language, source: "author", score: 1.0))
            }
            for x in a[(colon + 1)...] {
                if x.kind == .punct && (x.text == "," || x.text == ";" || x.text == "." || x.text == "•") { flush() } else { phrase.append(x) }
            }
            flush()
        }
        out += computed(sentences: sentences, atoms: atoms)
        return out
    }

    /// Inflections of one word share their first scalars (`интеграция`, `интеграции`, `интеграцияның`): the first
    /// `stemLength` scalars, hashed, stand in for the lemma. Cheap, and good enough to group key phrases.
    static let stemLength = 7
    static func stemKey(_ word: String) -> UInt64 {
        var h = WordKey.offsetBasis
        var n = 0
        for u in word.unicodeScalars {
            h = WordKey.mix(h, UInt64(u.value))
            n += 1
            if n == stemLength { break }
        }
        return h
    }

    /// Two- and three-word phrases of content words repeated in the body, grouped by their stems.
    /// Stems get small integer ids so n-gram keys hash as integers, not as Unicode strings.
    func computed(sentences: [Sentence], atoms: [[Atom]]) -> [Keyword] {
        struct Candidate { var count = 0; var language: Language; var words: Int; var sentence: Int; var first: Int }
        // Integer keys in open-addressing maps: this loop runs over every content word of the text.
        var candidates: [Candidate] = []
        var candidateIndex = U64Map(capacity: 1024)
        var stemIDs = U64Map(capacity: 1024)
        var stemCount: Int32 = 0
        var sentencesPerLanguage: [Language: Int] = [:]
        for (si, s) in sentences.enumerated() {
            guard s.section == "body" || s.section == "abstract" || s.section == "listItem" || s.section == nil else { continue }
            guard let languageIndex = lex.analysed[s.language] else { continue }
            sentencesPerLanguage[s.language, default: 0] += 1
            let a = atoms[si]
            let langBits = UInt64(languageIndex) << 60
            var run: [(id: UInt64, atom: Int)] = []
            func flushRun() {
                defer { run.removeAll(keepingCapacity: true) }
                guard run.count >= 2 else { return }
                for n in 2...3 where run.count >= n {
                    for k in 0...(run.count - n) {
                        var key = UInt64(n) << 62 | langBits
                        for q in 0..<n { key |= run[k + q].id << (20 * UInt64(q)) }
                        if let c = candidateIndex.get(key) {
                            candidates[Int(c)].count += 1
                        } else {
                            candidateIndex.set(key, Int32(candidates.count))
                            candidates.append(Candidate(count: 1, language: s.language, words: n, sentence: si, first: run[k].atom))
                        }
                    }
                }
            }
            for (ai, x) in a.enumerated() {
                guard x.kind == .word, x.text.utf8.count >= 5, !lex.stopwords.contains(Self.wordKey(x.text)) else { flushRun(); continue }
                let key = Self.stemKey(x.text)
                let id: UInt64
                if let known = stemIDs.get(key) { id = UInt64(known) } else {
                    stemCount += 1
                    id = UInt64(stemCount) & 0xFFFFF
                    stemIDs.set(key, Int32(id))
                }
                run.append((id, ai))
            }
            flushRun()
        }
        var byLanguage: [Language: [(String, Double)]] = [:]
        for c in candidates where c.count >= 2 {
            let a = atoms[c.sentence]
            let form = a[c.first..<(c.first + c.words)].map(\.text).joined(separator: " ")
            let total = max(1, sentencesPerLanguage[c.language] ?? 1)
            let score = Double(c.count) * (c.words == 3 ? 1.5 : 1.0) / Double(total).squareRoot()
            byLanguage[c.language, default: []].append((form, score))
        }
        var out: [Keyword] = []
        for (lang, list) in byLanguage.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let top = list.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            var kept: [(String, Double)] = []
            for (form, score) in top where kept.count < Self.maxComputedPerLanguage {
                // A three-word phrase makes its two-word parts redundant, and the other way round.
                if kept.contains(where: { Self.contains($0.0, form) || Self.contains(form, $0.0) }) { continue }
                kept.append((form, score))
            }
            let maxScore = kept.first?.1 ?? 1
            for (form, score) in kept {
                out.append(Keyword(text: form, language: lang, source: "computed", score: (score / maxScore * 1000).rounded() / 1000))
            }
        }
        return out
    }

    /// 64-bit FNV-1a of a word's UTF-8 bytes: set lookups without Unicode-aware string hashing.
    static func wordKey(_ s: String) -> UInt64 {
        WordKey.fnv1a(s)
    }

    /// Whether `needle` occurs in `haystack`, on UTF-8 bytes (both are folded atom texts; UTF-8 matches only on
    /// scalar boundaries).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { h in needle.withUTF8 { n in contains(h, n) } }
    }

    static func contains(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard n.count <= h.count else { return false }
        if n.isEmpty { return false }   // as Foundation's `contains`
        var i = 0
        while i + n.count <= h.count {
            if h[i] == n[0] {
                var k = 1
                while k < n.count && h[i + k] == n[k] { k += 1 }
                if k == n.count { return true }
            }
            i += 1
        }
        return false
    }

    func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
