// Entry point of the first text-analysis stage: repair → lines → paragraphs → structure → sentences →
// languages. Pure: no I/O after the resources are loaded in `init`.

/// Turns raw text from PDFs and web pages into clean, structured, language-tagged sentences with offsets
/// into the original text.
public struct TextAnalyzer: Sendable {
    let chars: CharClass
    let res: TextResources
    let model: LanguageModel

    /// Loads the resources (abbreviations, structure cues, language profiles) once.
    public init() throws {
        chars = CharClass()
        res = try TextResources()
        model = try LanguageModel(chars: chars)
    }

    /// Analyzes one text.
    public func analyze(_ text: String) -> TextAnalysis {
        let original = decodeScalars(text)
        var stats = RepairStats()
        var noise: [NoiseSpan] = []

        let normalized = Normalizer(chars: chars, res: res).run(original, stats: &stats, noise: &noise)
        let absorbed = Set(normalized.absorbed)
        var lines = LineModel(chars: chars, res: res, text: normalized.text.s, pageBreaks: normalized.pageBreakLines)
        lines.classify(origins: normalized.text.o, noise: &noise, stats: &stats)
        lines.decideJoins()
        var emitter = Emitter(chars: chars, normalized: normalized.text)
        emitter.run(lines, stats: &stats, noise: &noise)
        let cleaned = emitter.out
        var paragraphs = emitter.paragraphs
        attachMarkerNumbers(lines.markerNumbers, to: &paragraphs)
        refineRoles(&paragraphs, cleaned.s)

        let structure = StructureAnalyzer(chars: chars, res: res, s: cleaned.s, paragraphs: paragraphs).run()
        var documentOf = [Int](repeating: 0, count: paragraphs.count)
        for (d, doc) in structure.documents.enumerated() {
            for p in doc.start..<paragraphs.count { documentOf[p] = d }
        }

        // UTF-8 of the cleaned text, for cheap token and sentence strings.
        var u8offset = [Int32](repeating: 0, count: cleaned.count + 1)
        let utf8 = [UInt8](unsafeUninitializedCapacity: cleaned.count * 4) { out, count in
            var n = 0
            u8offset.withUnsafeMutableBufferPointer { offsets in
                for (k, c) in cleaned.s.enumerated() {
                    offsets[k] = Int32(n)
                    let v = c.value
                    if v < 0x80 {
                        out[n] = UInt8(v); n += 1
                    } else if v < 0x800 {
                        out[n] = UInt8(0xC0 | v >> 6); out[n + 1] = UInt8(0x80 | v & 0x3F); n += 2
                    } else if v < 0x10000 {
                        out[n] = UInt8(0xE0 | v >> 12); out[n + 1] = UInt8(0x80 | (v >> 6) & 0x3F)
                        out[n + 2] = UInt8(0x80 | v & 0x3F); n += 3
                    } else {
                        out[n] = UInt8(0xF0 | v >> 18); out[n + 1] = UInt8(0x80 | (v >> 12) & 0x3F)
                        out[n + 2] = UInt8(0x80 | (v >> 6) & 0x3F); out[n + 3] = UInt8(0x80 | v & 0x3F); n += 4
                    }
                }
                offsets[cleaned.count] = Int32(n)
            }
            count = n
        }
        let cleanedText = String(decoding: utf8, as: UTF8.self)
        let view = cleanedText.utf8
        func string(_ a: Int, _ b: Int) -> String {
            // Slicing the validated string copies bytes without re-validating them.
            let i = view.index(view.startIndex, offsetBy: Int(u8offset[a]))
            let j = view.index(i, offsetBy: Int(u8offset[b] - u8offset[a]))
            return String(cleanedText[i..<j])
        }
        func span(_ a: Int, _ b: Int) -> Span {
            guard b > a else {
                let p = a < cleaned.count ? Int(cleaned.o[a]) : original.count
                return Span(start: p, end: p)
            }
            var end = Int(cleaned.o[b - 1]) + 1
            // A composed letter also covers the combining marks that followed it in the original.
            if !absorbed.isEmpty { while absorbed.contains(end) { end += 1 } }
            return Span(start: Int(cleaned.o[a]), end: end)
        }

        // Sentences and their language evidence.
        let splitter = SentenceSplitter(chars: chars, res: res)
        var ranges: [(a: Int, b: Int, paragraph: Int)] = []
        var evidence: [LangEvidence] = []
        for (p, para) in paragraphs.enumerated() {
            for (a, b) in splitter.split(cleaned.s, para.start, para.end) {
                ranges.append((a, b, p))
                evidence.append(model.evidence(cleaned.s, a, b, chars: chars))
            }
        }
        let labels = smoothLanguages(ranges.map { $0.paragraph }, evidence, paragraphCount: paragraphs.count)

        let tokenizer = Tokenizer(chars: chars)
        var tokenRanges: [(Int, Int, Token.Kind)] = []
        var sentences: [Sentence] = []
        sentences.reserveCapacity(ranges.count)
        for (n, r) in ranges.enumerated() {
            tokenRanges.removeAll(keepingCapacity: true)
            tokenizer.tokens(cleaned.s, r.a, r.b, into: &tokenRanges)
            var tokens: [Token] = []
            tokens.reserveCapacity(tokenRanges.count)
            for (a, b, kind) in tokenRanges { tokens.append(Token(text: string(a, b), span: span(a, b), kind: kind)) }
            sentences.append(Sentence(index: n, text: string(r.a, r.b), span: span(r.a, r.b),
                                      language: labels[n].0, confidence: labels[n].1,
                                      documentIndex: documentOf[r.paragraph],
                                      section: structure.kinds[r.paragraph].rawValue, tokens: tokens))
        }

        // Parts and documents.
        var partLanguage = [(Language, Double)](repeating: (.unknown, 0), count: paragraphs.count)
        do {
            var letters = [[Language: Int]](repeating: [:], count: paragraphs.count)
            var conf = [Double](repeating: 0, count: paragraphs.count)
            for (n, r) in ranges.enumerated() {
                let l = evidence[n].letters
                letters[r.paragraph][labels[n].0, default: 0] += l
                conf[r.paragraph] += labels[n].1 * Double(l)
            }
            for p in 0..<paragraphs.count {
                let total = letters[p].values.reduce(0, +)
                if let best = letters[p].filter({ $0.key != .unknown }).max(by: { $0.value < $1.value }) {
                    partLanguage[p] = (best.key, total > 0 ? conf[p] / Double(total) : 0)
                }
            }
        }
        var documents: [DocumentPart] = []
        for (d, doc) in structure.documents.enumerated() {
            let end = d + 1 < structure.documents.count ? structure.documents[d + 1].start : paragraphs.count
            guard end > doc.start else { continue }
            var parts: [StructurePart] = []
            var titles: [Language: String] = [:]
            var keywords: [Language: [String]] = [:]
            var letters: [Language: Int] = [:]
            for p in doc.start..<end {
                let para = paragraphs[p]
                let kind = structure.kinds[p]
                parts.append(StructurePart(kind: kind, span: span(para.start, para.end),
                                           cleanedSpan: Span(start: para.start, end: para.end),
                                           language: partLanguage[p].0, confidence: partLanguage[p].1))
                if kind == .title, titles[partLanguage[p].0] == nil { titles[partLanguage[p].0] = string(para.start, para.end) }
                if kind == .keywords {
                    keywords[partLanguage[p].0, default: []] += keywordList(cleaned.s, para.start, para.end, string)
                }
            }
            for (n, r) in ranges.enumerated() where documentOf[r.paragraph] == d {
                letters[labels[n].0, default: 0] += evidence[n].letters
            }
            let shares = shareOf(letters)
            let lang = shares.filter { $0.key != .unknown }.max { $0.value < $1.value }?.key ?? .unknown
            let a = paragraphs[doc.start].start, b = paragraphs[end - 1].end
            documents.append(DocumentPart(index: documents.count, span: span(a, b), cleanedSpan: Span(start: a, end: b),
                                          boundary: doc.reason, startsMidText: doc.midText, language: lang,
                                          languages: shares, titles: titles, keywords: keywords, parts: parts))
        }
        var allLetters: [Language: Int] = [:]
        for (n, _) in ranges.enumerated() { allLetters[labels[n].0, default: 0] += evidence[n].letters }
        let shares = shareOf(allLetters)
        let dominant = shares.filter { $0.key != .unknown }.max { $0.value < $1.value }?.key ?? .unknown
        noise.sort { $0.span.start < $1.span.start }
        return TextAnalysis(cleanedText: cleanedText, offsetMap: OffsetMap(origins: cleaned.o, absorbed: normalized.absorbed),
                            documents: documents, sentences: sentences, language: dominant, languages: shares,
                            repairs: stats, noise: noise)
    }

    /// Paragraphs cut out of a line by `..` glue get the roles a line of their own would have had.
    private func refineRoles(_ paragraphs: inout [Paragraph], _ s: [Unicode.Scalar]) {
        for p in paragraphs.indices where paragraphs[p].role == .none && paragraphs[p].end - paragraphs[p].start <= 60 {
            var e = paragraphs[p].end
            while e > paragraphs[p].start && (s[e - 1] == "." || s[e - 1] == ":" || s[e - 1] == " ") { e -= 1 }
            var v = String.UnicodeScalarView()
            for k in paragraphs[p].start..<e { v.append(CharClass.lower(s[k])) }
            if res.referencesHeadings.contains(String(v)) { paragraphs[p].role = .referencesHeading }
        }
    }

    /// Footnote numbers from marker lines count as citations of the paragraph they sat in.
    private func attachMarkerNumbers(_ markers: [(number: Int, line: Int)], to paragraphs: inout [Paragraph]) {
        guard !markers.isEmpty, !paragraphs.isEmpty else { return }
        var p = 0
        for m in markers {
            while p + 1 < paragraphs.count && paragraphs[p + 1].firstLine < m.line { p += 1 }
            paragraphs[p].citations.append(m.number)
        }
    }

    private func shareOf(_ letters: [Language: Int]) -> [Language: Double] {
        let total = letters.filter { $0.key != .unknown }.values.reduce(0, +)
        guard total > 0 else { return [:] }
        var out: [Language: Double] = [:]
        for (k, v) in letters where k != .unknown && v > 0 {
            out[k] = (Double(v) / Double(total) * 1000).rounded() / 1000
        }
        return out
    }

    /// "Түйін сөздер: a, b, c." → ["a", "b", "c"]
    private func keywordList(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, _ string: (Int, Int) -> String) -> [String] {
        var k = a
        while k < b && k - a < 40 && s[k] != ":" && !CharClass.isDash(s[k]) && s[k] != "." { k += 1 }
        guard k < b, k - a < 40 else { return [] }
        k += 1
        var out: [String] = []
        var start = k
        func flush(_ e: Int) {
            var x = start, y = e
            while x < y && (s[x] == " " || CharClass.isDash(s[x])) { x += 1 }
            while y > x && (s[y - 1] == " " || s[y - 1] == ".") { y -= 1 }
            if y > x { out.append(string(x, y)) }
        }
        while k < b {
            if s[k] == "," || s[k] == ";" { flush(k); start = k + 1 }
            k += 1
        }
        flush(b)
        return out
    }

    /// Sentence labels, with short or unsure sentences pulled towards their paragraph, and short paragraphs
    /// (names, headings) towards their neighbours. Scripts never mix: Latin text is judged on its own.
    private func smoothLanguages(_ paragraphOf: [Int], _ ev: [LangEvidence], paragraphCount: Int) -> [(Language, Double)] {
        var total = [LangEvidence](repeating: LangEvidence(), count: paragraphCount)
        for (n, p) in paragraphOf.enumerated() { total[p] = total[p] + ev[n] }
        var result: [(Language, Double)] = []
        result.reserveCapacity(ev.count)
        for (n, e) in ev.enumerated() {
            let own = model.decide(e)
            if e.latLetters > e.cyrLetters {
                // Short Latin lines (names, titles) lean on the Latin text around them.
                let p = paragraphOf[n]
                guard e.latLetters < 40 else { result.append((own.0, own.1)); continue }
                var context = total[p]
                for q in [p - 1, p + 1] where q >= 0 && q < paragraphCount { context = context + total[q] }
                let others = context.latLetters - e.latLetters
                guard others >= 20 else { result.append((own.0, own.1)); continue }
                var mixed = e
                let w = Float(max(e.latLetters, 40)) / Float(others)
                mixed.en += (context.en - e.en) * w
                mixed.enWords += Int((Float(context.enWords - e.enWords) * w).rounded())
                mixed.latLetters += max(e.latLetters, 40)
                let d = model.decide(mixed)
                result.append((d.0, d.1)); continue
            }
            guard e.cyrLetters > 0, own.0 != .other else {
                result.append((own.0, own.1)); continue
            }
            if own.1 >= 0.95 && e.cyrLetters >= 40 { result.append((own.0, own.1)); continue }
            let p = paragraphOf[n]
            // The rest of the paragraph weighs 0.7 of the sentence; for a short paragraph (a heading, a name)
            // the neighbouring paragraphs weigh 0.3.
            var mixed = e
            let weight = Float(max(e.cyrLetters, 20))
            let rest = total[p].cyrLetters - e.cyrLetters
            if rest > 0 { mixed.cyr += (total[p].cyr - e.cyr) * (weight / Float(rest) * 0.7) }
            if total[p].cyrLetters < 40 {
                var around = SIMD8<Float>(), aroundLetters = 0
                for q in [p - 1, p + 1] where q >= 0 && q < paragraphCount && total[q].cyrLetters > 0 {
                    around += total[q].cyr; aroundLetters += total[q].cyrLetters
                }
                if aroundLetters > 0 { mixed.cyr += around * (weight / Float(aroundLetters) * 0.3) }
            }
            let d = model.decide(mixed)
            result.append((d.0, d.1))
        }
        return result
    }
}
