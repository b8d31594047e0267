import DalaText

/// The author's keyword lists (per language) and key phrases computed from the text.
struct KeywordExtractor: Sendable {
    let lex: Lexicon
    static let maxComputedPerLanguage = 12

    func extract(sentences: [Sentence], atoms: [[Atom]], original: OriginalText) -> [Keyword] {
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
        var h: UInt64 = 0xcbf29ce484222325
        var n = 0
        for u in word.unicodeScalars {
            h = (h ^ UInt64(u.value)) &* 0x100000001b3
            n += 1
            if n == stemLength { break }
        }
        return h
    }

    /// Two- and three-word phrases of content words repeated in the body, grouped by their stems.
    /// Stems get small integer ids so n-gram keys hash as integers, not as Unicode strings.
    func computed(sentences: [Sentence], atoms: [[Atom]]) -> [Keyword] {
        struct Candidate { var count = 0; var language: Language; var words: Int; var sentence: Int; var first: Int }
        var candidates: [UInt64: Candidate] = [:]
        var stemIDs: [UInt64: UInt64] = [:]
        var sentencesPerLanguage: [Language: Int] = [:]
        for (si, s) in sentences.enumerated() {
            guard s.section == "body" || s.section == "abstract" || s.section == "listItem" || s.section == nil else { continue }
            guard s.language == .kk || s.language == .ru || s.language == .en else { continue }
            sentencesPerLanguage[s.language, default: 0] += 1
            let a = atoms[si]
            var run: [(id: UInt64, atom: Int)] = []
            func flushRun() {
                defer { run.removeAll(keepingCapacity: true) }
                guard run.count >= 2 else { return }
                for n in 2...3 where run.count >= n {
                    for k in 0...(run.count - n) {
                        var key = UInt64(n) << 62 | UInt64(s.language == .kk ? 0 : s.language == .ru ? 1 : 2) << 60
                        for q in 0..<n { key |= run[k + q].id << (20 * UInt64(q)) }
                        if candidates[key] == nil {
                            candidates[key] = Candidate(language: s.language, words: n, sentence: si, first: run[k].atom)
                        }
                        candidates[key]!.count += 1
                    }
                }
            }
            for (ai, x) in a.enumerated() {
                guard x.kind == .word, x.text.utf8.count >= 5, !lex.stopwords.contains(RawKey(x.text)) else { flushRun(); continue }
                let key = Self.stemKey(x.text)
                let id: UInt64
                if let known = stemIDs[key] { id = known } else {
                    id = UInt64(stemIDs.count + 1) & 0xFFFFF
                    stemIDs[key] = id
                }
                run.append((id, ai))
            }
            flushRun()
        }
        var byLanguage: [Language: [(String, Double)]] = [:]
        for (_, c) in candidates where c.count >= 2 {
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
                if kept.contains(where: { $0.0.contains(form) || form.contains($0.0) }) { continue }
                kept.append((form, score))
            }
            let maxScore = kept.first?.1 ?? 1
            for (form, score) in kept {
                out.append(Keyword(text: form, language: lang, source: "computed", score: (score / maxScore * 1000).rounded() / 1000))
            }
        }
        return out
    }

    func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}

/// A string key hashed and compared by its UTF-8 bytes: no Unicode normalisation on every lookup.
struct RawKey: Hashable {
    let s: String
    init(_ s: String) { self.s = s }
    func hash(into h: inout Hasher) {
        var copy = s
        copy.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
    static func == (l: RawKey, r: RawKey) -> Bool { l.s.utf8.elementsEqual(r.s.utf8) }
}
