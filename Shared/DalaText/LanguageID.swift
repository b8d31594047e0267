import Foundation

// Language identification: character trigram models for the Cyrillic languages and one Latin language of
// DalaLanguages' `identification.tsv` (kk ru ky uz tt; en), trained at load time from each language folder's
// `identification.txt`, plus the decisive letters and function words of its `identification.tsv`.

/// Evidence for one span of text: log-likelihoods per Cyrillic language and the Latin English model.
struct LangEvidence {
    var cyr = SIMD8<Float>()      // one lane per Cyrillic language (`LanguageModel.cyrLanguages`: kk ru ky uz tt)
    var cyrLetters = 0
    var latLetters = 0
    var en: Float = 0             // English trigram log-likelihood of the Latin letters
    var enWords = 0               // English function words
    var otherLetters = 0          // letters only other Cyrillic languages use (ї є ґ ...)
    var iWithoutTurkic = false    // і and no ы or Turkic letter: Ukrainian or Belarusian
    var nameLatLetters = 0        // Latin letters in capitalised words (names: Japarov, Kassym-Jomart)
    var nameEn: Float = 0         // their share of `en`

    static func + (a: LangEvidence, b: LangEvidence) -> LangEvidence {
        var r = a
        r.cyr += b.cyr; r.cyrLetters += b.cyrLetters; r.latLetters += b.latLetters
        r.en += b.en; r.enWords += b.enWords; r.otherLetters += b.otherLetters
        r.iWithoutTurkic = a.iWithoutTurkic && b.iWithoutTurkic
        r.nameLatLetters += b.nameLatLetters; r.nameEn += b.nameEn
        return r
    }

    var letters: Int { cyrLetters + latLetters }
}

struct LanguageModel: Sendable {
    /// The Cyrillic languages of `identification.tsv`, in its order: one lane each (at most 7).
    let cyrLanguages: [Language]
    /// The Latin language (English): the Latin trigram model.
    let latinLanguage: Language
    /// The function-word lane of the Latin language (after the Cyrillic ones).
    private let latinLane: Int
    // Cyrillic alphabet: 0 = word boundary, 1...46 letters, 47 = other Cyrillic letter.
    static let cyrSymbols = 48
    static let latSymbols = 28      // 0 boundary, 1...26 a-z, 27 other Latin letter

    private let cyrIndex: [UInt8]           // (lowercase scalar - 0x400) → symbol
    private let cyrTable: [SIMD8<Float>]    // cyrSymbols^3 cells
    private let latTable: [Float]           // latSymbols^3 cells, English
    private let decisivePenalty: [SIMD8<Float>]   // per Cyrillic symbol: penalty per occurrence
    private let isDecisive: [Bool]
    private let prior: SIMD8<Float>
    /// Symbols of `shared-letter`s (і).
    private let sharedSymbols: [Int]
    private let otherSymbols: Set<UInt32>
    private let functionWords: WordTable<SIMD8<Float>>   // the Cyrillic lanes, then the Latin language's lane
    /// Decisive endings (`ending` rows): the symbols of their last three letters (0 before a two-letter one) and the
    /// penalty of a word ending so for the lanes of languages that do not list it; at most 16.
    private let endings: [(a: Int, b: Int, c: Int, penalty: SIMD8<Float>)]
    /// Per Cyrillic symbol: whether some decisive ending ends with it.
    private let endsSomeEnding: [Bool]
    /// Per-letter English log-likelihood below which Latin text is called `other`.
    static let englishThreshold: Float = -3.0

    init(chars: CharClass) throws {
        let registry: LanguageRegistry
        var evidence: [String: (letters: [Unicode.Scalar], words: [String])] = [:]
        var endingRows: [String: [(ending: [Unicode.Scalar], weight: Float)]] = [:]
        var texts: [String: String] = [:]
        do {
            registry = try LanguageRegistry.shared.get()
            for l in registry.identification {
                texts[l.code] = try registry.identificationText(l.code)
                evidence[l.code] = try registry.identificationEvidence(l.code)
                endingRows[l.code] = try registry.identificationEndings(l.code)
            }
        } catch {
            throw TextResourceError(file: "DalaLanguages/Resources", reason: "\(error)")
        }

        // Symbol table: а–я, then the other Cyrillic letters the languages write (their texts' and decisive letters).
        var extra = Set<UInt32>()
        for l in registry.identification {
            for u in (texts[l.code] ?? "").lowercased().unicodeScalars where u.value >= 0x400 && u.value < 0x530 { extra.insert(u.value) }
            for u in evidence[l.code]?.letters ?? [] where u.value >= 0x400 && u.value < 0x530 { extra.insert(u.value) }
        }
        for u in registry.sharedLetters { extra.insert(u.value) }
        extra = extra.filter { !(0x430...0x44F).contains($0) }
        guard extra.count <= LanguageModel.cyrSymbols - 2 - 32 else {
            throw TextResourceError(file: "DalaLanguages/Resources/identification.tsv",
                                    reason: "\(32 + extra.count) Cyrillic letters: the model holds at most \(LanguageModel.cyrSymbols - 2)")
        }
        var index = [UInt8](repeating: 47, count: 0x130)
        var next: UInt8 = 1
        func add(_ v: UInt32) { index[Int(v - 0x400)] = next; next += 1 }
        for v in UInt32(0x430)...UInt32(0x44F) { add(v) }
        for v in extra.sorted() { add(v) }
        cyrIndex = index
        sharedSymbols = registry.sharedLetters.map { Int(index[Int($0.value - 0x400)]) }

        let cyrillic = registry.identification.filter { $0.script == .cyrillic }
        let latin = registry.identification.filter { $0.script == .latin }
        guard !cyrillic.isEmpty, cyrillic.count <= 7, latin.count == 1, let lat = latin.first else {
            throw TextResourceError(file: "DalaLanguages/Resources/identification.tsv",
                                    reason: "1 to 7 Cyrillic languages and exactly 1 Latin one (the Latin model is English-only)")
        }
        cyrLanguages = cyrillic.compactMap { Language(rawValue: $0.code) }
        guard let latinCode = Language(rawValue: lat.code) else {
            throw TextResourceError(file: "DalaLanguages/Resources/identification.tsv", reason: "\(lat.code) is no language label")
        }
        latinLanguage = latinCode
        latinLane = cyrillic.count

        var cyr = [SIMD8<Float>](repeating: SIMD8<Float>(), count: LanguageModel.cyrSymbols * LanguageModel.cyrSymbols * LanguageModel.cyrSymbols)
        for (lane, lang) in cyrillic.enumerated() {
            let probs = LanguageModel.train(texts[lang.code] ?? "", symbols: LanguageModel.cyrSymbols) { s in
                let v = s.value
                guard v >= 0x400 && v < 0x530 else { return nil }
                return Int(index[Int(v - 0x400)])
            }
            for c in 0..<probs.count { cyr[c][lane] = probs[c] }
        }
        cyrTable = cyr
        latTable = LanguageModel.train(texts[lat.code] ?? "", symbols: LanguageModel.latSymbols) { s in
            let v = s.value
            if v >= 0x61 && v <= 0x7A { return Int(v - 0x60) }
            if v >= 0xE0 && v < 0x250 { return 27 }
            return nil
        }

        // Decisive letters: a letter any Cyrillic language lists counts against every Cyrillic language that does not.
        var penalty = [SIMD8<Float>](repeating: SIMD8<Float>(), count: LanguageModel.cyrSymbols)
        var decisive = [Bool](repeating: false, count: LanguageModel.cyrSymbols)
        var writers: [UInt32: Set<Int>] = [:], order: [UInt32] = []
        for (lane, lang) in cyrillic.enumerated() {
            for letter in evidence[lang.code]?.letters ?? [] {
                guard letter.value >= 0x400 && letter.value < 0x530 else {
                    throw TextResourceError(file: "\(lang.code)/identification.tsv", reason: "letter \(letter) is not Cyrillic")
                }
                if writers[letter.value] == nil { order.append(letter.value) }
                writers[letter.value, default: []].insert(lane)
            }
        }
        for v in order {
            let sym = Int(index[Int(v - 0x400)])
            var p = SIMD8<Float>()
            for lane in cyrillic.indices where !(writers[v]?.contains(lane) ?? false) { p[lane] = -5 }
            penalty[sym] = p
            decisive[sym] = true
        }
        decisivePenalty = penalty

        // Decisive endings: a word ending so counts against every Cyrillic language that does not list the ending.
        var endingWriters: [[UInt32]: Set<Int>] = [:], endingOrder: [[UInt32]] = [], endingWeight: [[UInt32]: Float] = [:]
        for (lane, lang) in cyrillic.enumerated() {
            for (e, weight) in endingRows[lang.code] ?? [] {
                let v = e.map(\.value)
                guard v.allSatisfy({ $0 >= 0x400 && $0 < 0x530 && index[Int($0 - 0x400)] != 47 }) else {
                    throw TextResourceError(file: "\(lang.code)/identification.tsv",
                                            reason: "ending \(String(String.UnicodeScalarView(e))): a letter the model does not hold")
                }
                if endingWriters[v] == nil { endingOrder.append(v); endingWeight[v] = weight }
                endingWriters[v, default: []].insert(lane)
            }
        }
        guard endingOrder.count <= 16 else {
            throw TextResourceError(file: "DalaLanguages/Resources/identification.tsv", reason: "at most 16 decisive endings in all")
        }
        var ends = [Bool](repeating: false, count: LanguageModel.cyrSymbols)
        endings = endingOrder.map { v in
            let sym = v.map { Int(index[Int($0 - 0x400)]) }
            var p = SIMD8<Float>()
            for lane in cyrillic.indices where !(endingWriters[v]?.contains(lane) ?? false) { p[lane] = -(endingWeight[v] ?? 5) }
            ends[sym[sym.count - 1]] = true
            return (sym.count == 3 ? sym[0] : 0, sym[sym.count - 2], sym[sym.count - 1], p)
        }
        endsSomeEnding = ends
        var prior = SIMD8<Float>()
        for (lane, lang) in cyrillic.enumerated() { prior[lane] = lang.prior }
        self.prior = prior
        isDecisive = decisive
        otherSymbols = Set(registry.otherLetters.map(\.value))

        // Function words.
        var fw: [UInt64: SIMD8<Float>] = [:]
        for (lane, lang) in (cyrillic + [lat]).enumerated() {
            for w in evidence[lang.code]?.words ?? [] { fw[wordHash(w), default: SIMD8<Float>()][lane] = 1.5 }
        }
        functionWords = WordTable(fw)
    }

    /// Interpolated trigram log-probabilities log P(c | a b) for every cell a*S*S + b*S + c.
    static func train(_ text: String, symbols S: Int, map: (Unicode.Scalar) -> Int?) -> [Float] {
        var seq: [Int] = [0]
        for s in text.unicodeScalars {
            if let m = map(CharClass.lower(s)) { seq.append(m) } else if seq.last != 0 { seq.append(0) }
        }
        seq.append(0)
        var c3 = [Float](repeating: 0, count: S * S * S)
        var c2 = [Float](repeating: 0, count: S * S)
        var c1 = [Float](repeating: 0, count: S)
        var ctx2 = [Float](repeating: 0, count: S * S)
        var ctx1 = [Float](repeating: 0, count: S)
        for k in 0..<seq.count {
            let c = seq[k]
            c1[c] += 1
            if k >= 1 { let b = seq[k - 1]; c2[b * S + c] += 1; ctx1[b] += 1 }
            if k >= 2 { let a = seq[k - 2], b = seq[k - 1]; c3[(a * S + b) * S + c] += 1; ctx2[a * S + b] += 1 }
        }
        let total = Float(seq.count)
        var out = [Float](repeating: 0, count: S * S * S)
        for a in 0..<S {
            for b in 0..<S {
                let cab = ctx2[a * S + b], cb = ctx1[b]
                for c in 0..<S {
                    let p1 = (c1[c] + 0.5) / (total + 0.5 * Float(S))
                    let p2 = cb > 0 ? c2[b * S + c] / cb : 0
                    let p3 = cab > 0 ? c3[(a * S + b) * S + c] / cab : 0
                    let w3: Float = cab > 0 ? 0.6 : 0, w2: Float = cb > 0 ? 0.3 : 0
                    let p = w3 * p3 + w2 * p2 + (1 - w3 - w2) * p1 + 1e-6
                    out[(a * S + b) * S + c] = Float(log(Double(p)))
                }
            }
        }
        return out
    }

    /// Gathers the evidence of the scalars `[a, b)`.
    func evidence(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, chars: CharClass) -> LangEvidence {
        var ev = LangEvidence()
        let S = LanguageModel.cyrSymbols, L = LanguageModel.latSymbols
        var ca = 0, cb = 0          // previous two Cyrillic symbols
        var cz = 0                  // and the one before them (a word's third-last letter, for its ending)
        var endingCounts = SIMD16<UInt8>()
        var la = 0, lb = 0          // previous two Latin symbols
        // Counts of decisive letters (capped at 4): 48 symbols fit in a SIMD64 on the stack.
        var decisiveCounts = SIMD64<UInt8>()
        var hash = WordKey.offsetBasis
        var wordLength = 0
        var sum = SIMD8<Float>()
        var en: Float = 0
        var fw = SIMD8<Float>()
        var capitalised = false, wordEn: Float = 0, wordLat = 0     // the Latin word being read
        cyrTable.withUnsafeBufferPointer { cyrT in
        latTable.withUnsafeBufferPointer { latT in
            var k = a
            while k <= b {
                let c = k < b ? CharClass.lower(s[k]) : " "
                let v = c.value
                // URLs say nothing about the language of the sentence around them.
                if (v == 0x68 || v == 0x77) && wordLength == 0 && isURLStart(s, k, b) {
                    while k < b && s[k] != " " { k += 1 }
                    continue
                }
                var cs = 0, ls = 0
                var isLetter = false
                if v >= 0x400 && v < 0x530 {
                    cs = Int(cyrIndex[Int(v - 0x400)]); isLetter = true
                    if cs == 47 && otherSymbols.contains(v) { ev.otherLetters += 1 }
                } else if v >= 0x61 && v <= 0x7A {
                    ls = Int(v - 0x60); isLetter = true
                } else if v >= 0xE0 && v < 0x250 && chars.isLetter(c) {
                    ls = 27; isLetter = true
                }
                if isLetter {
                    if wordLength == 0 { capitalised = k < b && s[k] != c }
                    hash = WordKey.mix(hash, UInt64(v))
                    wordLength += 1
                } else if wordLength > 0 {
                    if wordLength <= 10, let w = functionWords.get(hash) { fw += w }
                    if cb != 0, endsSomeEnding[cb] {
                        for (n, e) in endings.enumerated() where e.c == cb && e.b == ca && (e.a == 0 || e.a == cz)
                            && wordLength >= (e.a == 0 ? 4 : 5) && endingCounts[n] < 4 { endingCounts[n] += 1 }
                    }
                    hash = WordKey.offsetBasis
                    wordLength = 0
                }
                if cs > 0 {
                    sum += cyrT[(ca * S + cb) * S + cs]
                    cz = ca; ca = cb; cb = cs
                    ev.cyrLetters += 1
                    if isDecisive[cs] && decisiveCounts[cs] < 4 { decisiveCounts[cs] += 1 }
                } else if cb != 0 {
                    sum += cyrT[(ca * S + cb) * S]
                    ca = 0; cb = 0; cz = 0
                }
                if ls > 0 {
                    let t = latT[(la * L + lb) * L + ls]
                    en += t; wordEn += t; wordLat += 1
                    la = lb; lb = ls
                    ev.latLetters += 1
                } else if lb != 0 {
                    let t = latT[(la * L + lb) * L]
                    en += t
                    if capitalised { ev.nameLatLetters += wordLat; ev.nameEn += wordEn + t }
                    wordEn = 0; wordLat = 0
                    la = 0; lb = 0
                }
                k += 1
            }
        }
        }
        for sym in 0..<S where decisiveCounts[sym] > 0 { sum += decisivePenalty[sym] * Float(decisiveCounts[sym]) }
        for n in endings.indices where endingCounts[n] > 0 { sum += endings[n].penalty * Float(endingCounts[n]) }
        for shared in sharedSymbols where decisiveCounts[shared] >= 2 && ev.cyrLetters >= 30 {
            var turkic = 0
            for sym in 0..<S where isDecisive[sym] && !sharedSymbols.contains(sym) { turkic += Int(decisiveCounts[sym]) }
            ev.iWithoutTurkic = turkic == 0
        }
        ev.cyr = sum + fw + (ev.cyrLetters > 0 ? prior : SIMD8<Float>())
        ev.en = en
        ev.enWords = Int(fw[latinLane] / 1.5)
        return ev
    }

    private func isURLStart(_ s: [Unicode.Scalar], _ k: Int, _ b: Int) -> Bool {
        func has(_ p: String) -> Bool {
            var i = k
            for c in p.unicodeScalars {
                guard i < b, CharClass.lower(s[i]) == c else { return false }
                i += 1
            }
            return true
        }
        return has("http://") || has("https://") || has("www.")
    }

    /// The label and its confidence for the gathered evidence.
    /// Names are evidence too: a Latin sentence that reads as some other language only because of its names
    /// (`Kyrgyzstan's President Sadyr Japarov met …`) is decided on its other words, when they are enough.
    func withoutNames(_ ev: LangEvidence) -> (Language, Double, [Double])? {
        let rest = ev.latLetters - ev.nameLatLetters
        // Enough letters outside names, and English function words among them (German `in` alone is not enough).
        guard ev.nameLatLetters * 10 >= ev.latLetters * 4, rest >= Self.minimumUnnamedLetters,
              ev.enWords >= Self.minimumFunctionWords else { return nil }
        let enScore = (ev.en - ev.nameEn) + 1.5 * Float(ev.enWords)
        let p = 1 / (1 + exp(Double(Float(rest) * Self.englishThreshold - enScore) * 0.5))
        return p >= 0.5 ? (latinLanguage, p, []) : nil
    }
    static let minimumUnnamedLetters = 12
    static let minimumFunctionWords = 2

    func decide(_ ev: LangEvidence) -> (Language, Double, [Double]) {
        if ev.letters < 2 { return (.unknown, 0, []) }
        if ev.latLetters > ev.cyrLetters {
            let n = Float(max(ev.latLetters, 1))
            let enScore = ev.en + 1.5 * Float(ev.enWords)
            let other = n * LanguageModel.englishThreshold
            let p = 1 / (1 + exp(Double(other - enScore) * 0.5))
            if p < 0.5, let named = withoutNames(ev) { return named }
            return p >= 0.5 ? (latinLanguage, p, []) : (.other, 1 - p, [])
        }
        if ev.otherLetters > 0 && ev.otherLetters * 50 >= ev.cyrLetters { return (.other, 0.8, []) }
        if ev.iWithoutTurkic { return (.other, 0.7, []) }
        var best = 0
        let lanes = cyrLanguages.count
        for lane in 1..<lanes where ev.cyr[lane] > ev.cyr[best] { best = lane }
        var z = 0.0
        var probs = [Double](repeating: 0, count: lanes)
        for lane in 0..<lanes {
            probs[lane] = exp(Double(ev.cyr[lane] - ev.cyr[best]) * 0.5)
            z += probs[lane]
        }
        for lane in 0..<lanes { probs[lane] /= z }
        return (cyrLanguages[best], probs[best], probs)
    }
}
