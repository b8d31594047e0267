import DalaText

/// Finds mentions of registry entities and of names outside the registry, and links each to one entity.
public struct EntityRecognizer: Sendable {
    /// The registry names are linked to.
    public let knowledgeBase: KnowledgeBase

    /// Version of the recogniser's output; bump when the same text yields different mentions.
    public static let version = "entities-1.2.0"

    /// A recogniser over a loaded registry (cheap: the registry is shared, not copied).
    public init(knowledgeBase: KnowledgeBase) { self.knowledgeBase = knowledgeBase }

    /// Mentions and the entities they refer to; offsets index the original `text` (Unicode scalars).
    /// `paragraphs` (original spans, in text order) bound the anaphoric short forms ("Одақ" refers to a union named
    /// in the same or the previous paragraph); without them a line break between two sentences counts as one.
    public func recognize(text: String, sentences: [Sentence], paragraphs: [Span]? = nil) -> EntityAnalysis {
        var doc = DocumentPass(store: knowledgeBase.store, sentences: sentences, text: text, paragraphs: paragraphs)
        doc.run()
        return doc.assemble(text: text)
    }

    /// `recognize(text:sentences:paragraphs:)` with the sentences and paragraphs of stage 1's analysis of `text`.
    public func recognize(text: String, analysis: TextAnalysis) -> EntityAnalysis {
        recognize(text: text, sentences: analysis.sentences,
                  paragraphs: analysis.documents.flatMap { $0.parts.map(\.span) })
    }
}

/// A mention before linking: registry candidates or a document-local key.
struct RawMention {
    var sentence: Int           // position in the sentences array
    var start: Int              // unit range in that sentence
    var end: Int
    var span: Span
    var candidates: [Int]       // registry entity indices (empty for local entities)
    var local: (key: String, type: EntityType, label: String)?
    var kind: MentionKind
    var confidence: Double
    var isSurname = false
    var stripped = false
    var alternatives: [Int] = []
    var definesAcronym = false  // "(ЦАС)" right after its name: keeps its own reading
}

/// The state of recognising one document.
struct DocumentPass {
    let store: Store
    let lex: Lexicon
    let matcher: Matcher
    let sentences: [Sentence]
    var units: [[WordUnit]] = []
    var consumed: [[Bool]] = []
    var mentions: [RawMention] = []
    var sentenceYears: [[Int]] = []
    var acronyms: [UInt64: RawMention] = [:]     // document-defined acronym → the mention that defined it
    var localSurnames: [String: RawMention] = [:]
    let text: String
    let paragraphSpans: [Span]?
    var paragraphIndex: [Int] = []               // by sentence; computed when a short form needs it

    init(store: Store, sentences: [Sentence], text: String = "", paragraphs: [Span]? = nil) {
        self.store = store
        self.lex = store.lexicon
        self.matcher = Matcher(store: store)
        self.sentences = sentences
        self.text = text
        self.paragraphSpans = paragraphs
    }

    mutating func run() {
        units = sentences.map { expandHyphenated(WordUnit.units(of: $0)) }
        consumed = units.map { [Bool](repeating: false, count: $0.count) }
        sentenceYears = units.map(DocumentPass.years)
        for s in units.indices { registryPass(s) }
        for s in units.indices { personPass(s) }
        for s in units.indices { organizationPass(s) }
        for s in units.indices { acronymDefinitionPass(s) }
        for s in units.indices { documentNamesPass(s) }
        fullNameSurnamePass()
        applyAcronymDefinitions()
        link()
        shortFormPass()
    }

    // MARK: Units

    /// Splits hyphenated units the registry does not know as a whole: "ЕО-ОА" → two, "НАТО-ға" → "НАТО"
    /// (span keeps the suffix), "узбекско-таджикский" → two.
    func expandHyphenated(_ input: [WordUnit]) -> [WordUnit] {
        guard input.contains(where: { $0.isHyphenated }) else { return input }
        var out: [WordUnit] = []
        out.reserveCapacity(input.count + 4)
        for (idx, u) in input.enumerated() {
            guard u.isHyphenated, u.isWord, matcher.analyses(of: u).isEmpty
                  || matcher.longestMatch(units: input, at: idx, ignoreCase: false) == nil && !isInsideName(input, idx)
            else { out.append(u); continue }
            let pieces = u.text.split(separator: "-", omittingEmptySubsequences: false)
            guard pieces.count >= 2, pieces.allSatisfy({ !$0.isEmpty }) else { out.append(u); continue }
            let exact = u.text.unicodeScalars.count == u.span.length
            var parts: [WordUnit] = []
            var offset = u.span.start
            for (k, p) in pieces.enumerated() {
                let len = p.unicodeScalars.count
                let span = exact ? Span(start: offset, end: offset + len) : u.span
                let pn = TextNorm.normalize(p)
                if k > 0, !parts.isEmpty, !(p.first.map { $0.isUppercase } ?? false),
                   Morphology.isKazakhSuffixChain(pn, lexicon: lex) {
                    parts[parts.count - 1].span.end = span.end          // "ОА-ның": the suffix joins the acronym
                } else {
                    var part = WordUnit(text: String(p), span: span, shape: .word)
                    if p.unicodeScalars.allSatisfy({ !TextNorm.isLetter($0.value) }) { part.shape = .number }
                    part.isSentenceStart = k == 0 && u.isSentenceStart
                    part.followsSpace = k == 0 ? u.followsSpace : false
                    parts.append(part)
                }
                offset += len + 1
            }
            out.append(contentsOf: parts)
        }
        return out
    }

    /// Whether a registry name that starts before `idx` runs through it ("Confidence-Building" inside CICA's name).
    func isInsideName(_ input: [WordUnit], _ idx: Int) -> Bool {
        var k = idx - 1
        while k >= 0, idx - k <= 6 {
            if input[k].isWord, let m = matcher.longestMatch(units: input, at: k, ignoreCase: false), m.end > idx { return true }
            k -= 1
        }
        return false
    }

    static func years(_ units: [WordUnit]) -> [Int] {
        var out: [Int] = []
        for u in units where u.shape == .number || u.isWord {
            var digits = 0, value = 0
            // A longer digit run is not a year: stop counting at five digits (a 30-digit run would overflow).
            for s in u.text.unicodeScalars {
                guard s.value >= 0x30 && s.value <= 0x39, digits <= 4 else { break }
                digits += 1; value = value * 10 + Int(s.value - 0x30)
            }
            if digits == 4, (1700...2100).contains(value) { out.append(value) }
        }
        return out
    }

    func isNameLike(_ s: Int, _ i: Int) -> Bool {
        // Fields read in place (no copy of the unit): this runs several times for every word.
        guard units[s][i].isWord, units[s][i].isCapitalized, !units[s][i].isAllCaps, !units[s][i].isInitial, !consumed[s][i],
              !lex.notNameKeys.contains(units[s][i].key), units[s][i].sc.count >= 2 else { return false }
        return units[s][i].sc.allSatisfy { TextNorm.isLetter($0) || $0 == 0x2D || $0 == 0x27 }
    }

    mutating func add(_ m: RawMention) {
        for k in m.start..<m.end { consumed[m.sentence][k] = true }
        mentions.append(m)
    }

    // MARK: Registry names

    mutating func registryPass(_ s: Int) {
        let us = units[s]
        var cache = [[WordAnalysis]?](repeating: nil, count: us.count)
        var i = 0
        while i < us.count {
            guard us[i].isWord, !consumed[s][i] else { i += 1; continue }
            var match = withUnsafeMutablePointer(to: &cache) { matcher.longestMatch(units: us, at: i, ignoreCase: false, cache: $0) }
            // English "Kyrgyz", "Uzbek": the people after "the", otherwise the adjective of the country.
            if let m = match, m.kind == .name, m.end == i + 1, us[i].sc.first.map(TextNorm.isLatin) == true,
               m.entities.allSatisfy({ store.infos[$0].record.type == .people }), i == 0 || us[i - 1].key != DocumentPass.theKey,
               let other = matcher.longestMatch(units: us, at: i, ignoreCase: false, excluding: .people), other.end == m.end {
                match = other
            }
            // "Данияр Ашимбаев" is not the registry's Maulen Ashimbayev: a surname after another given name is
            // someone else (left to the person patterns).
            if let m = match, m.isSurname, m.start > 0, isNameLike(s, m.start - 1), !isTitle(s, m.start - 1),
               !m.entities.contains(where: { store.givenNames[$0]?.contains(us[m.start - 1].key) ?? false }) {
                match = nil
            }
            if let m = match, accept(m, s) {
                var start = m.start, end = m.end
                // «Қазақстан-2050» стратегиясы: a name that runs through a closing quote takes its opening one too.
                if start > 0, us[start - 1].isQuote, us[start..<end].contains(where: { $0.isQuote }) { start -= 1 }
                var span = Span(start: us[start].span.start, end: us[end - 1].span.end)
                if m.isSurname {
                    while start > 0, us[start - 1].isInitial { start -= 1 }
                    if start == m.start { while end < us.count, us[end].isInitial { end += 1 } }
                    span = Span(start: us[start].span.start, end: us[end - 1].span.end)
                }
                var conf: Double
                switch m.kind {
                case .name: conf = m.isSurname ? 0.8 : (m.end - m.start > 1 ? 0.95 : 0.9)
                case .acronym: conf = us[i].sc.count <= 2 ? 0.75 : 0.85
                case .adjective: conf = 0.8
                case .metonymy: conf = 0.7
                }
                if m.stripped { conf -= 0.02 }
                add(RawMention(sentence: s, start: start, end: end, span: span, candidates: m.entities, local: nil,
                               kind: m.kind, confidence: conf, isSurname: m.isSurname, stripped: m.stripped))
                i = end
                continue
            }
            if let soviet = sovietHomonym(s, i) { add(soviet); i += 1; continue }
            if let misspelt = fuzzyMatch(s, i, cache: &cache) { add(misspelt); i = misspelt.end; continue }
            i += 1
        }
    }

    func accept(_ m: RegistryMatch, _ s: Int) -> Bool {
        let us = units[s]
        let u = us[m.start]
        if m.end - m.start == 1 && u.isSentenceStart && lex.notNameKeys.contains(u.key) { return false }
        if m.kind == .acronym, lex.legalFormKeys.contains(u.key), m.start + 1 < us.count,
           us[m.start + 1].isQuote || us[m.start + 1].isCapitalized { return false }
        // A Kazakh case suffix on an English or Russian-only acronym inside an all-caps heading is noise; and a
        // two-letter acronym inside an all-caps run of words is part of the heading, not a name.
        if m.kind == .acronym, u.sc.count <= 2 {
            let neighbours = [m.start - 1, m.end].filter { $0 >= 0 && $0 < us.count && us[$0].isWord }
            if !neighbours.isEmpty && neighbours.allSatisfy({ us[$0].isAllCaps && us[$0].sc.count > 3 }) { return false }
        }
        return true
    }

    /// Kazakh "Кеңес" standing alone before a lowercase word is "Soviet" (Кеңес үкіметі), not "council" or "advice".
    func sovietHomonym(_ s: Int, _ i: Int) -> RawMention? {
        guard units[s][i].key == DocumentPass.kenesKey else { return nil }
        let us = units[s]
        let u = us[i]
        guard u.isCapitalized, !u.isSentenceStart, i + 1 < us.count, us[i + 1].isWord,
              !us[i + 1].isCapitalized, let ussr = store.byID["Q15180"] else { return nil }
        return RawMention(sentence: s, start: i, end: i + 1, span: u.span, candidates: [ussr], local: nil,
                          kind: .adjective, confidence: 0.6)
    }

    // MARK: People outside the registry

    static let kenesKey = TextNorm.key("кеңес")
    static let theKey = TextNorm.key("the")
    static let russianCaseTails: [[UInt32]] = ["а", "у", "ым", "ом", "е", "ой", "ою", "ы", "ых", "ого", "ому", "им", "ем", "ую", "ей"]
        .map { TextNorm.normalizeScalars($0) }
    static let adjectiveTails: [[UInt32]] = ["ий", "ая", "ый"].map { TextNorm.normalizeScalars($0) }
    static let patronymicTails: [[UInt32]] = ["а", "у", "ем", "е"].map { TextNorm.normalizeScalars($0) }

    /// The surname a word spells with its case ending removed ("арбашиевой" → "арбашиев"), or nil when the word
    /// does not end like a surname (-ов, -ева, -ский, -ұлы …) followed by at most one case ending.
    func surnameCore(_ sc: [UInt32]) -> [UInt32]? {
        for e in lex.surnameEndingScalars {
            var p = sc.count - e.count
            let e0 = e[0]
            while p >= 3 && p >= sc.count - e.count - 4 {
                // Index loops, first letter first: this runs for every capitalised word.
                var same = sc[p] == e0
                if same {
                    var k = 1
                    while k < e.count { if sc[p + k] != e[k] { same = false; break }; k += 1 }
                }
                if same {
                    let tail = sc[(p + e.count)...]
                    let oneKazakhSuffix = tail.last.flatMap { lex.kazakhSuffixTable.list($0) }?.contains { $0.scalars.elementsEqual(tail) } ?? false
                    if tail.isEmpty || DocumentPass.russianCaseTails.contains(where: { $0.elementsEqual(tail) }) || oneKazakhSuffix {
                        var key = Array(sc[..<(p + e.count)])
                        if e.count >= 3, let l = key.last, l == 0x430 || l == 0x61 { key.removeLast() }
                        if key.count > 2, DocumentPass.adjectiveTails.contains(Array(key.suffix(2))) { key.removeLast(2) }
                        return key
                    }
                }
                p -= 1
            }
        }
        return nil
    }

    func surnameKey(_ sc: [UInt32]) -> String? { surnameCore(sc).map { TextNorm.string($0) } }

    func isPatronymic(_ sc: [UInt32]) -> Bool {
        for e in lex.patronymicEndingScalars {
            if TextNorm.hasSuffix(sc, e) { return true }
            for t in DocumentPass.patronymicTails where sc.count > e.count + t.count
                && sc.suffix(t.count).elementsEqual(t) && sc.dropLast(t.count).suffix(e.count).elementsEqual(e) { return true }
        }
        return false
    }

    func isTitle(_ s: Int, _ i: Int) -> Bool {
        return lex.titleKeys.contains(units[s][i].key)
    }

    mutating func addPerson(_ s: Int, _ start: Int, _ end: Int, surnameAt: Int, confidence: Double) {
        let us = units[s]
        let key = surnameKey(us[surnameAt].sc)
            ?? Morphology.stem(us[surnameAt].text, language: us[surnameAt].script)
        let label = us[start..<end].filter { $0.isWord }.map(\.text).joined(separator: " ")
        let m = RawMention(sentence: s, start: start, end: end,
                           span: Span(start: us[start].span.start, end: us[end - 1].span.end), candidates: [],
                           local: ("local:person:" + key, .person, label), kind: .name, confidence: confidence)
        add(m)
        localSurnames[key] = m
    }

    mutating func personPass(_ s: Int) {
        let us = units[s]
        var i = 0
        while i < us.count {
            if consumed[s][i] { i += 1; continue }
            // Initials + surname: "А.Д. Арбашиева", "Ш. Уәлиханов"; surname + initials: "Арбашиева А.Д."
            if us[i].isInitial {
                var j = i
                while j < us.count, us[j].isInitial, !consumed[s][j] { j += 1 }
                if j < us.count, isNameLike(s, j), !isTitle(s, j) {
                    addPerson(s, i, j + 1, surnameAt: j, confidence: 0.75); i = j + 1; continue
                }
                i = j; continue
            }
            if isNameLike(s, i), i + 1 < us.count, us[i + 1].isInitial, !consumed[s][i + 1], surnameKey(us[i].sc) != nil {
                var j = i + 1
                while j < us.count, us[j].isInitial { j += 1 }
                addPerson(s, i, j, surnameAt: i, confidence: 0.75); i = j; continue
            }
            // Title + name: "министр Ержан Ашықбаев", "President Zhaparov"
            if isTitle(s, i), i + 1 < us.count, isNameLike(s, i + 1) || (us[i + 1].text == "." && i + 2 < us.count && isNameLike(s, i + 2)) {
                let first = us[i + 1].text == "." ? i + 2 : i + 1
                var j = first
                while j < us.count, j - first < 3, isNameLike(s, j) { j += 1 }
                let n = j - first
                let latin = us[first].sc.first.map(TextNorm.isLatin) ?? false
                if n >= 2 || surnameKey(us[first].sc) != nil || latin {
                    addPerson(s, first, j, surnameAt: j - 1, confidence: 0.7); i = j; continue
                }
            }
            // Given name (+ patronymic) + surname: "Асқар Ақаев", "Иван Петрович Сидоров", "Нұрсұлтан Әбішұлы"
            if isNameLike(s, i), surnameKey(us[i].sc) == nil, !isTitle(s, i), i + 1 < us.count, isNameLike(s, i + 1) {
                if i + 2 < us.count, isPatronymic(us[i + 1].sc), isNameLike(s, i + 2), surnameKey(us[i + 2].sc) != nil {
                    addPerson(s, i, i + 3, surnameAt: i + 2, confidence: 0.7); i += 3; continue
                }
                if surnameKey(us[i + 1].sc) != nil || isPatronymic(us[i + 1].sc) {
                    addPerson(s, i, i + 2, surnameAt: i + 1, confidence: 0.65); i += 2; continue
                }
            }
            // Surname + given name + patronymic: "Сидоров Иван Петрович"
            if isNameLike(s, i), surnameKey(us[i].sc) != nil, i + 2 < us.count, isNameLike(s, i + 1), isNameLike(s, i + 2),
               isPatronymic(us[i + 2].sc) {
                addPerson(s, i, i + 3, surnameAt: i, confidence: 0.7); i += 3; continue
            }
            i += 1
        }
    }

    // MARK: Organisations outside the registry

    func headNoun(_ s: Int, _ i: Int, language: String) -> Lexicon.HeadNoun? {
        // Most words fail on their first four letters: test those in place before copying the unit.
        guard units[s][i].isWord, lex.headNounPrefixes.contains(TextNorm.prefixKey(units[s][i].sc)),
              let table = lex.headNounKeys[language] else { return nil }
        let u = units[s][i]
        if let h = table[u.key] { return h }
        switch language {
        case "kk":
            guard u.sc.count >= 5 else { return nil }
            var stems = Morphology.KazakhStems(u.sc, lexicon: lex, maxDepth: 2)
            while let c = stems.next() {
                if let h = table[c.key] { return h }
            }
        case "ru":
            let n = Morphology.russianStemLength(u.sc, lexicon: lex)
            if n < u.sc.count, let h = lex.russianHeadStems[TextNorm.hash(u.sc.prefix(n))] { return h }
        case "en":
            if u.sc.last == 0x73, let h = table[TextNorm.hash(u.sc.dropLast())] { return h }
        default: break
        }
        return nil
    }

    func headNounAny(_ s: Int, _ i: Int) -> Lexicon.HeadNoun? {
        headNoun(s, i, language: "kk") ?? headNoun(s, i, language: "ru") ?? headNoun(s, i, language: "en")
    }

    func mentionCovering(_ s: Int, _ i: Int) -> RawMention? {
        mentions.last { $0.sentence == s && $0.start <= i && i < $0.end }
    }

    func isPlaceLike(_ m: RawMention) -> Bool {
        m.candidates.contains { [.country, .place, .people].contains(store.infos[$0].record.type) }
    }

    static func scalars(_ list: [String]) -> [[UInt32]] { list.map { TextNorm.normalizeScalars($0) } }
    static func keys(_ list: [String]) -> U64Set { U64Set(list.map { TextNorm.key($0) }) }
    static let russianGenitiveEndings = scalars(["ого", "его", "ой", "ей", "ых", "их", "ства", "ия", "ии", "ти", "а", "я", "и", "ы", "ов", "ев"])
    static let russianConnectors = keys(["и"])
    static let russianTopicPrepositions = keys(["по", "о", "об"])
    static let russianStopPrepositions = keys(["между", "в", "на", "с", "со", "для", "при", "к", "от", "из", "и", "или"])
    static let russianVerbEndings = scalars(["ла", "ло", "ли", "ал", "ил", "ет", "ит", "ут", "ют", "ат", "ят", "ся", "сь", "ть"])
    static let russianAdjectiveEndings = scalars(["ий", "ый", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ым", "им", "ую", "ых", "их",
                                                  "ом", "ем", "ей", "ою"])
    static let englishConnectors = keys(["of", "for", "and", "the", "on", "in", "de", "du", "&"])
    static let kazakhConnectors = keys(["және", "мен", "пен", "бен"])
    static let kazakhDescriptiveEndings = scalars(["ның", "нің", "дың", "дің", "тың", "тің", "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі",
                                                   "нда", "нде", "ында", "інде"])

    mutating func organizationPass(_ s: Int) {
        let us = units[s]
        let lang = sentences[s].language
        var i = 0
        while i < us.count {
            guard us[i].isWord else { i += 1; continue }
            let script = us[i].script
            // ТОО «Алтын Тау», JSC "Samruk": a company named after its legal form (unless the registry knows it).
            if !consumed[s][i], lex.legalFormKeys.contains(us[i].key), i + 1 < us.count, us[i + 1].isQuote {
                var q = i + 2
                while q < us.count, !us[q].isQuote, q - i <= 7 { q += 1 }
                if q < us.count, q > i + 2, us[q].isQuote, !(i + 2..<q).contains(where: { consumed[s][$0] }) {
                    addOrganization(s, i, q + 1, type: .organization); i = q + 1; continue
                }
            }
            // «Стратегия ЕС для ЦА», «Концепция внешней политики РК»: a quoted phrase that opens with a head noun is a name.
            if !consumed[s][i], i > 0, us[i - 1].isQuote, us[i - 1].mark != 0xBB, us[i].isCapitalized,
               let head = headNoun(s, i, language: script == .en ? "en" : "ru") ?? (script == .en ? nil : headNoun(s, i, language: "kk")) {
                var q = i + 1
                while q < us.count, !us[q].isQuote, q - i <= 12, us[q].mark != 0x2E { q += 1 }
                if q < us.count, q > i + 1, us[q].isQuote, !(i..<q).contains(where: { consumed[s][$0] && !isPlaceLikeAt(s, $0) && !isAcronymAt(s, $0) }) {
                    addOrganization(s, i, q, type: head.type); i = q + 1; continue
                }
            }
            // An English name may start with a registry place or adjective ("Eurasian Research Institute").
            guard !consumed[s][i] || (script == .en && isPlaceLikeAt(s, i) && (i == 0 || !consumed[s][i - 1])) else { i += 1; continue }
            // Kazakh: the head closes the phrase ("Халықаралық қатынастар факультеті").
            if !consumed[s][i], script != .en, lang != .ru || script == .kk, let head = headNoun(s, i, language: "kk") {
                if let start = kazakhPhraseStart(s, head: i) {
                    addOrganization(s, start, i + 1, type: head.type); i += 1; continue
                }
            }
            // Russian: the head opens the phrase ("Союз журналистов Казахстана"), or follows adjectives
            // ("Азиатский банк развития").
            if !consumed[s][i], script == .ru, let head = headNoun(s, i, language: "ru") {
                var start = i
                while start > 0, us[start - 1].isWord, !consumed[s][start - 1], DocumentPass.isRussianAdjective(us[start - 1].sc),
                      i - start < 3 { start -= 1 }
                while start < i, !us[start].isCapitalized { start += 1 }
                var end = i + 1
                var k = i + 1
                while k < us.count, k - i <= 7 {
                    let w = us[k]
                    if w.isQuote, k == end, w.text == "«" || w.text == "\"" || w.text == "“" {
                        var q = k + 1
                        while q < us.count, !us[q].isQuote, q - k <= 6 { q += 1 }
                        if q < us.count, q > k + 1 { end = q + 1 }
                        break
                    }
                    // "Комиссия по экономике", "Договор о вечной дружбе": after по/о/об the next two lowercase words
                    // may stand in any case.
                    if w.isWord, DocumentPass.russianTopicPrepositions.contains(w.key) {
                        var q = k + 1
                        while q < us.count, q - k <= 3, us[q].isWord,
                              !lex.notNameKeys.contains(us[q].key), !DocumentPass.looksVerbal(us[q].sc),
                              !DocumentPass.russianStopPrepositions.contains(us[q].key) {
                            // "Соглашение о Таможенном союзе": a registry name inside the agreement's name.
                            if consumed[s][q], let m = mentionCovering(s, q) { q = m.end; break }
                            q += 1
                        }
                        if q > k + 1 { k = q; end = q; continue }
                        break
                    }
                    guard w.isWord, !w.isInitial, !w.text.contains("."), !lex.notNameKeys.contains(w.key),
                          !consumed[s][k] || isPlaceLikeAt(s, k), headNoun(s, k, language: "ru") == nil else { break }
                    if DocumentPass.russianConnectors.contains(w.key) {
                        if k + 1 < us.count, us[k + 1].isWord, DocumentPass.looksGenitive(us[k + 1].sc),
                           !lex.notNameKeys.contains(us[k + 1].key) { k += 1; continue }
                        break
                    }
                    guard DocumentPass.looksGenitive(w.sc) || (w.isCapitalized && isPlaceLikeAt(s, k)) else { break }
                    k += 1; end = k
                }
                let capitalizedHead = us[start].isCapitalized && (start < i || !us[i].isSentenceStart || end > i + 1)
                if capitalizedHead, end - start >= 2 {
                    addOrganization(s, start, end, type: head.type); i = end; continue
                }
            }
            // English: a run of capitalised words containing a head noun ("Kazakhstan Institute for Strategic Studies").
            if script == .en, us[i].isCapitalized, !lex.notNameKeys.contains(us[i].key) {
                var end = i
                var hasHead: Lexicon.HeadNoun?
                var headAt = -1
                var k = i
                while k < us.count {
                    let w = us[k]
                    if w.isWord, w.isCapitalized, !consumed[s][k] || isPlaceLikeAt(s, k) {
                        if hasHead == nil || headAt < k, let h = headNoun(s, k, language: "en") { hasHead = h; headAt = k }
                        k += 1; end = k; continue
                    }
                    if w.isWord, DocumentPass.englishConnectors.contains(w.key), k + 1 < us.count, us[k + 1].isCapitalized,
                       !consumed[s][k + 1] || isPlaceLikeAt(s, k + 1) { k += 1; continue }
                    break
                }
                if let h = hasHead, end - i >= 2, (i..<end).contains(where: { !consumed[s][$0] }) {
                    addOrganization(s, i, end, type: h.type); i = end; continue
                }
            }
            i += 1
        }
    }

    func isAcronymAt(_ s: Int, _ k: Int) -> Bool {
        guard consumed[s][k], let m = mentionCovering(s, k) else { return false }
        return m.kind == .acronym
    }

    func isPlaceLikeAt(_ s: Int, _ k: Int) -> Bool {
        guard consumed[s][k], let m = mentionCovering(s, k) else { return false }
        return isPlaceLike(m) && m.kind != .metonymy
    }

    static func isRussianAdjective(_ sc: [UInt32]) -> Bool {
        sc.count > 4 && russianAdjectiveEndings.contains { TextNorm.hasSuffix(sc, $0) }
    }

    static func looksVerbal(_ sc: [UInt32]) -> Bool { russianVerbEndings.contains { TextNorm.hasSuffix(sc, $0) } }

    static func looksGenitive(_ sc: [UInt32]) -> Bool {
        sc.count > 2 && russianGenitiveEndings.contains { TextNorm.hasSuffix(sc, $0) }
            && !russianVerbEndings.contains { TextNorm.hasSuffix(sc, $0) }
    }

    /// Start of a Kazakh organisation phrase ending at `head`: the nearest capitalised word to the left and the
    /// capitalised words (or a registry place) right before it, within six words.
    func kazakhPhraseStart(_ s: Int, head: Int) -> Int? {
        let us = units[s]
        var k = head - 1
        var start: Int?
        var steps = 0
        while k >= 0, steps < 6 {
            let w = us[k]
            guard w.isWord, !lex.notNameKeys.contains(w.key) else { break }
            if consumed[s][k] {
                if let m = mentionCovering(s, k), isPlaceLike(m), m.kind != .metonymy { start = m.start }
                break
            }
            if w.isCapitalized && !w.isAllCaps { start = k } else if start != nil { break }
            if DocumentPass.kazakhConnectors.contains(w.key) && start == nil { break }
            k -= 1; steps += 1
        }
        guard let st = start else { return nil }
        // "Қазақстанның бастамасы" (a country's initiative) and phrases with a genitive or locative word inside
        // ("Азия елдерінің ортақ стратегиясы") describe; they do not name.
        let firstFree = (st..<head).first { !consumed[s][$0] }
        guard let ff = firstFree else { return nil }
        for k in ff..<head {
            let n = us[k].sc
            if DocumentPass.kazakhDescriptiveEndings.contains(where: { TextNorm.hasSuffix(n, $0) }) { return nil }
        }
        if us[st].isSentenceStart && !consumed[s][st] {
            let caps = (st..<head).filter { us[$0].isCapitalized }.count
            if caps < 2 { return nil }
        }
        return st
    }

    mutating func addOrganization(_ s: Int, _ start: Int, _ end: Int, type: EntityType) {
        let us = units[s]
        // Registry mentions swallowed by the phrase stay as they are (a country inside an organisation's name).
        let words = us[start..<end].filter { $0.isWord }
        let label = words.map(\.text).joined(separator: " ")
        let key = words.map { Morphology.stem($0.text, language: $0.script) }.joined(separator: "-")
        let m = RawMention(sentence: s, start: start, end: end,
                           span: Span(start: us[start].span.start, end: us[end - 1].span.end), candidates: [],
                           local: ("local:\(type.rawValue):" + key, type, label), kind: .name, confidence: 0.55)
        for k in start..<end { consumed[s][k] = true }
        // An adjective inside an organisation's name is part of the name, not a reference of its own.
        mentions.removeAll { m in
            m.sentence == s && m.start >= start && m.end <= end
                && (m.kind == .adjective || m.candidates.allSatisfy { store.infos[$0].record.type == .place })
        }
        mentions.append(m)
    }

    // MARK: Acronyms defined in the text

    mutating func acronymDefinitionPass(_ s: Int) {
        let us = units[s]
        var k = 1
        while k + 2 < us.count + 1, k + 1 < us.count {
            guard us[k - 1].mark == 0x28, us[k].isWord, k + 1 < us.count, us[k + 1].mark == 0x29 || us[k + 1].mark == 0x2C,
                  DocumentPass.looksLikeAcronym(us[k].text) else { k += 1; continue }
            let acr = us[k].key
            if let existing = mentionCovering(s, k), existing.start == k {
                // "Орта Азия (ОА)": the document's own definition beats the registry's reading of the acronym.
                if let named = mentions.last(where: { $0.sentence == s && $0.end == k - 1 }), named.kind != .adjective,
                   named.candidates != existing.candidates || named.local?.key != existing.local?.key,
                   initialsSpell(us[k].text, us[named.start..<named.end])
                    || (!named.candidates.isEmpty && named.candidates.allSatisfy { existing.candidates.contains($0) }),
                   let idx = mentions.lastIndex(where: { $0.sentence == s && $0.start == k }) {
                    mentions[idx].candidates = named.candidates
                    mentions[idx].local = named.local
                    mentions[idx].definesAcronym = true
                    define(acr, mentions[idx])
                } else {
                    define(acr, existing)
                }
                k += 2; continue
            }
            // The name right before the bracket defines it.
            if let named = mentions.last(where: { $0.sentence == s && $0.end == k - 1 }), named.kind != .adjective {
                var m = named
                m.start = k; m.end = k + 1; m.span = us[k].span; m.kind = .acronym; m.confidence = min(0.85, named.confidence)
                m.definesAcronym = true
                add(m); define(acr, m); k += 2; continue
            }
            // Otherwise the words before the bracket whose initials spell it.
            if let start = initialsStart(s, bracket: k - 1, acronym: us[k].text),
               us[start].isCapitalized || (start..<(k - 1)).contains(where: { headNounAny(s, $0) != nil }) {
                var type = EntityType.organization
                for w in start..<(k - 1) { if let h = headNounAny(s, w) { type = h.type; break } }
                addOrganization(s, start, k - 1, type: type)
                if let named = mentions.last {
                    var m = named
                    m.start = k; m.end = k + 1; m.span = us[k].span; m.kind = .acronym; m.confidence = 0.6
                    m.definesAcronym = true
                    add(m); define(acr, m)
                }
            }
            k += 2
        }
    }

    /// Records a document definition; an acronym defined twice for different registry entities keeps both, and each
    /// bare use is then linked on its own (years, cues).
    mutating func define(_ acr: UInt64, _ m: RawMention) {
        if var old = acronyms[acr], !old.candidates.isEmpty, !m.candidates.isEmpty, old.candidates != m.candidates {
            for c in m.candidates where !old.candidates.contains(c) { old.candidates.append(c) }
            acronyms[acr] = old
        } else {
            acronyms[acr] = m
        }
    }

    /// Whether the capital letters of `acronym` appear in order among the initials of the words.
    func initialsSpell(_ acronym: String, _ words: ArraySlice<WordUnit>) -> Bool {
        let letters = acronym.unicodeScalars.filter { TextNorm.isLetter($0.value) && TextNorm.isUpper($0.value) }.map { TextNorm.lower($0.value) }
        var initials: [UInt32] = []
        for w in words where w.isWord {
            for part in w.sc.split(separator: 0x2D) { if let f = part.first { initials.append(f) } }
        }
        guard let first = letters.first, initials.first == first else { return false }
        var k = 0
        for c in initials where k < letters.count && c == letters[k] { k += 1 }
        return k == letters.count
    }

    static func looksLikeAcronym(_ text: String) -> Bool {
        var letters = 0, upper = 0
        for u in text.unicodeScalars where TextNorm.isLetter(u.value) {
            letters += 1
            if TextNorm.isUpper(u.value) { upper += 1 }
        }
        return letters >= 2 && letters <= 10 && upper >= 2 && upper * 2 >= letters
    }

    /// Index of the first word of the phrase before `bracket` whose word initials spell `acronym`.
    func initialsStart(_ s: Int, bracket: Int, acronym: String) -> Int? {
        let us = units[s]
        let letters = acronym.unicodeScalars.filter { TextNorm.isLetter($0.value) && TextNorm.isUpper($0.value) }
            .map { TextNorm.lower($0.value) }
        guard letters.count >= 2 else { return nil }
        var k = bracket - 1
        var needed = letters.count - 1
        var skipped = 0
        while k >= 0, bracket - k <= 12 {
            let w = us[k]
            guard w.isWord else { if w.isQuote || w.isDash { k -= 1; continue } else { return nil } }
            let first = w.sc.first ?? 0
            if needed >= 0, first == letters[needed] {
                needed -= 1
                if needed < 0 { return k }
            } else if !(DocumentPass.englishConnectors.contains(w.key) || DocumentPass.russianConnectors.contains(w.key)
                        || DocumentPass.kazakhConnectors.contains(w.key)) {
                skipped += 1
                if skipped > 2 { return nil }
            }
            k -= 1
        }
        return nil
    }

    // MARK: Second pass over the document

    /// Bare acronyms defined elsewhere in the document, and lone surnames of people named in full elsewhere.
    mutating func documentNamesPass(_ s: Int) {
        let us = units[s]
        for i in us.indices where us[i].isWord && !consumed[s][i] {
            if !acronyms.isEmpty, let def = acronyms[us[i].key], DocumentPass.looksLikeAcronym(us[i].text) {
                var m = def
                m.sentence = s; m.start = i; m.end = i + 1; m.span = us[i].span; m.kind = .acronym; m.definesAcronym = false
                add(m)
            } else if !localSurnames.isEmpty, us[i].isCapitalized, !us[i].isAllCaps, let key = surnameKey(us[i].sc),
                      let def = localSurnames[key] {
                var m = def
                m.sentence = s; m.start = i; m.end = i + 1; m.span = us[i].span; m.confidence = 0.6
                add(m)
            }
        }
    }

    /// Registry acronyms the document defines otherwise take the document's meaning everywhere in it.
    mutating func applyAcronymDefinitions() {
        guard !acronyms.isEmpty else { return }
        for idx in mentions.indices where mentions[idx].kind == .acronym && !mentions[idx].definesAcronym {
            let m = mentions[idx]
            guard let def = acronyms[units[m.sentence][m.start].key] else { continue }
            mentions[idx].candidates = def.candidates
            mentions[idx].local = def.local
        }
    }

    // MARK: Linking

    mutating func link() {
        let docYears = sentenceYears.flatMap { $0 }
        var present = Set<Int>()
        for m in mentions where m.candidates.count == 1 { present.insert(m.candidates[0]) }
        // Per document of the text: entities named unambiguously, and the years written outside the references.
        var presentIn: [Int: Set<Int>] = [:]
        var yearsIn: [Int: [Int]] = [:]
        for m in mentions where m.candidates.count == 1 {
            presentIn[sentences[m.sentence].documentIndex, default: []].insert(m.candidates[0])
        }
        for (s, ys) in sentenceYears.enumerated() where !ys.isEmpty {
            if let section = sentences[s].section, section.hasPrefix("references") { continue }
            yearsIn[sentences[s].documentIndex, default: []] += ys
        }
        for idx in mentions.indices where mentions[idx].candidates.count > 1 {
            let m = mentions[idx]
            let years = sentenceYears[m.sentence]
            var scored: [(Int, Double)] = []
            for c in m.candidates {
                let info = store.infos[c]
                var score = 0.0
                if info.validFrom != nil || info.validTo != nil {
                    if !years.isEmpty {
                        score += years.contains(where: { info.isValid(inYear: $0) }) ? 2 : -2
                    } else if !docYears.isEmpty {
                        let inside = docYears.filter { info.isValid(inYear: $0) }.count
                        score += Double(inside) / Double(docYears.count)
                    }
                }
                let related = relatedEntities(c)
                score += min(2, Double(related.intersection(present).count)) * 0.5
                if !info.cues.isEmpty, sentenceHasCue(m.sentence, store.cueScalars[c]) { score += 1.5 }
                if info.hasDocumentEvidence {
                    let d = sentences[m.sentence].documentIndex
                    score += documentEvidence(c, info, present: presentIn[d] ?? [], years: yearsIn[d] ?? [])
                }
                scored.append((c, score))
            }
            scored.sort { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
            mentions[idx].candidates = [scored[0].0]
            if scored.count > 1, scored[0].1 - scored[1].1 < 0.75 {
                mentions[idx].alternatives = scored.dropFirst().filter { scored[0].1 - $0.1 < 0.75 }.map(\.0)
                mentions[idx].confidence *= 0.6
            }
        }
        // Metonymy: a capital city standing for its government.
        for idx in mentions.indices {
            let m = mentions[idx]
            guard m.kind == .name, !m.stripped || sentences[m.sentence].language != .kk, let c = m.candidates.first,
                  store.infos[c].relations.contains(where: { $0.kind == .capitalOf }) else { continue }
            if isMetonymy(m) { mentions[idx].kind = .metonymy; mentions[idx].confidence = 0.7 }
        }
    }

    /// Score from the whole document for an entity that declares `doc.with` / `doc.years` (see Resources/README.md):
    /// named unambiguously elsewhere in the document +1.5; +0.25 per `doc.with` entity present (at most 1);
    /// the share of the document's years inside `doc.years` (at most 1).
    func documentEvidence(_ c: Int, _ info: EntityInfo, present: Set<Int>, years: [Int]) -> Double {
        var score = present.contains(c) ? 1.5 : 0
        score += min(1, 0.25 * Double(store.documentWith[c].filter { present.contains($0) }.count))
        if !years.isEmpty, info.documentYearsFrom != nil || info.documentYearsTo != nil {
            let inside = years.filter { (info.documentYearsFrom ?? .min) <= $0 && $0 <= (info.documentYearsTo ?? .max) }.count
            score += Double(inside) / Double(years.count)
        }
        return score
    }

    /// Whether a word of the sentence starts with one of the cue prefixes (normalised scalars).
    func sentenceHasCue(_ s: Int, _ cues: [[UInt32]]) -> Bool {
        for u in units[s] where u.isWord {
            for cue in cues where cue.count <= u.sc.count && u.sc.prefix(cue.count).elementsEqual(cue) { return true }
        }
        return false
    }

    func relatedEntities(_ c: Int) -> Set<Int> {
        var out = Set<Int>()
        // Lineage only: memberships would favour every regional body in any text about the region.
        for r in store.infos[c].relations where [.predecessor, .successor, .mergedInto, .partOf].contains(r.kind) {
            if let t = store.byID[r.target] { out.insert(t) }
        }
        return out
    }

    func isMetonymy(_ m: RawMention) -> Bool {
        let us = units[m.sentence]
        if m.start > 0, lex.metonymyModifierKeys.contains(us[m.start - 1].key) { return true }
        if m.stripped { return false }
        let lang = sentences[m.sentence].language
        if lang == .kk || us[m.start].script == .kk {
            // Kazakh verbs close the sentence: the city must be its first word (the subject).
            guard !us[..<m.start].contains(where: { $0.isWord }),
                  let last = us.last(where: { $0.isWord }) else { return false }
            return lex.metonymyVerbs.contains { last.norm.hasPrefix($0) }
        }
        var k = m.end
        while k < us.count, !us[k].isWord { if us[k].text != "," { return false }; k += 1 }
        guard k < us.count else { return false }
        let next = us[k].norm
        return lex.metonymyVerbs.contains { next.hasPrefix($0) }
    }

    // MARK: Output

    func assemble(text: String) -> EntityAnalysis {
        let original = ScalarText(text)
        func surface(_ span: Span) -> String { original.slice(span) }
        var records: [String: EntityRecord] = [:]
        var order: [String] = []
        var out: [Mention] = []
        out.reserveCapacity(mentions.count)
        for m in mentions {
            let id: String
            if let c = m.candidates.first {
                id = store.infos[c].record.id
                if records[id] == nil { records[id] = store.infos[c].record; order.append(id) }
            } else if let local = m.local {
                id = local.key
                let surf = surface(m.span)
                if var r = records[id] {
                    if !r.aliases.contains(surf) { r.aliases.append(surf); records[id] = r }
                } else {
                    let lang = sentences[m.sentence].language
                    let key = [.kk, .ru, .en].contains(lang) ? lang.rawValue : Morphology.guessLanguage(local.label).rawValue
                    records[id] = EntityRecord(id: id, type: local.type, labels: [key: local.label], aliases: [surf],
                                               fromKnowledgeBase: false)
                    order.append(id)
                }
            } else { continue }
            out.append(Mention(entityID: id, span: m.span, surface: surface(m.span), sentenceIndex: sentences[m.sentence].index,
                               confidence: (m.confidence * 100).rounded() / 100, kind: m.kind,
                               alternatives: m.alternatives.map { store.infos[$0].record.id }))
        }
        out.sort { $0.span.start < $1.span.start || ($0.span.start == $1.span.start && $0.span.end > $1.span.end) }
        return EntityAnalysis(entities: order.compactMap { records[$0] }, mentions: out)
    }
}
