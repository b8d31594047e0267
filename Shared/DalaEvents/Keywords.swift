import DalaEntities
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

    /// Two- and three-word phrases of content words repeated in the body, grouped by their stems.
    func computed(sentences: [Sentence], atoms: [[Atom]]) -> [Keyword] {
        struct Candidate { var count = 0; var forms: [String: Int] = [:]; var language: Language; var words: Int }
        var candidates: [String: Candidate] = [:]
        var stemCache: [String: String] = [:]
        var sentencesPerLanguage: [Language: Int] = [:]
        for (si, s) in sentences.enumerated() {
            guard s.section == "body" || s.section == "abstract" || s.section == "listItem" || s.section == nil else { continue }
            guard s.language == .kk || s.language == .ru || s.language == .en else { continue }
            sentencesPerLanguage[s.language, default: 0] += 1
            let a = atoms[si]
            var run: [(stem: String, text: String)] = []
            func flushRun() {
                defer { run = [] }
                guard run.count >= 2 else { return }
                for n in 2...3 where run.count >= n {
                    for k in 0...(run.count - n) {
                        let slice = run[k..<(k + n)]
                        let key = s.language.rawValue + "|" + slice.map(\.stem).joined(separator: " ")
                        let form = slice.map(\.text).joined(separator: " ")
                        candidates[key, default: Candidate(language: s.language, words: n)].count += 1
                        candidates[key]!.forms[form, default: 0] += 1
                    }
                }
            }
            for x in a {
                guard x.kind == .word, x.text.count >= 3, !lex.stopwords.contains(x.text) else { flushRun(); continue }
                let stem: String
                if let c = stemCache[x.text] { stem = c } else {
                    stem = Morphology.stem(x.text, language: s.language)
                    stemCache[x.text] = stem
                }
                run.append((stem.isEmpty ? x.text : stem, x.text))
            }
            flushRun()
        }
        var byLanguage: [Language: [(String, Double)]] = [:]
        for (_, c) in candidates where c.count >= 2 {
            guard let form = c.forms.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { continue }
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
