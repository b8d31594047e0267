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
    var alternativeScores: [Double] = []   // one per alternative: its share of the evidence (see Linking)
    var definesAcronym = false  // "(ЦАС)" right after its name: keeps its own reading
}

/// The state of recognising one document.
struct DocumentPass {
    let store: Store
    /// The lexicon, read in place through the store: a `Lexicon` field held inline made every copy of the pass
    /// (its passes copy it whole in places) move several hundred bytes more with each table added.
    var lex: Lexicon { _read { yield store.lexicon } }
    let matcher: Matcher
    let sentences: [Sentence]
    var units: [[WordUnit]] = []
    var consumed: [[Bool]] = []
    /// The mentions found so far. `mentionsBySentence` files their indices by sentence, kept by `didSet`: an append
    /// files the new mention, an edit of fields leaves the filing (sentences and word ranges are never edited in
    /// place), any other change refiles all. Passes look up a sentence's mentions there: scanning the whole list
    /// for each word made long documents quadratic.
    var mentions: [RawMention] = [] { didSet { fileMentions() } }
    var mentionsBySentence: [[Int]] = []
    var filedMentions = 0
    var sentenceYears: [[Int]] = []
    var acronyms: [UInt64: RawMention] = [:]     // document-defined acronym → the mention that defined it
    var localSurnames: [String: RawMention] = [:]
    let text: String
    let paragraphSpans: [Span]?
    var paragraphIndex: [Int] = []               // by sentence; computed when a short form needs it
    /// Mention index → candidates read through a dropped letter of an acronym out of force (`outOfForceAcronyms`).
    var lookAlikeReadings: [Int: Set<Int>] = [:]

    init(store: Store, sentences: [Sentence], text: String = "", paragraphs: [Span]? = nil) {
        self.store = store
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
        chainNamesPass()
        datedAgreementNamesPass()
        for s in units.indices { topicPostpositionNames(s); quotedHeadLastNames(s); organizationPass(s); adjectiveBareHeadNames(s); facilityNames(s); namedAfterNames(s) }
        for s in units.indices { acronymDefinitionPass(s) }
        for s in units.indices { documentNamesPass(s) }
        datedTreatyReferencesPass()
        fullNameSurnamePass()
        applyAcronymDefinitions()
        applyBracketedShortNames()
        paraphrasedRegistryNames()
        outOfForceAcronyms()
        link()
        shortFormPass()
        localPeopleAcrossScripts()
    }

    // MARK: Units

    /// Splits hyphenated units the registry does not know as a whole: "ЕО-ОА" → two, "НАТО-ға" → "НАТО"
    /// (span keeps the suffix), "узбекско-таджикский" → two.
    func expandHyphenated(_ input: [WordUnit]) -> [WordUnit] {
        guard input.contains(where: { $0.isHyphenated }) else { return input }
        var out: [WordUnit] = []
        out.reserveCapacity(input.count + 4)
        for (idx, u) in input.enumerated() {
            // A hyphenated name in another transliteration ("Qasym-Zhomart") stays whole, like its registry spelling.
            guard u.isHyphenated, u.isWord, !(u.isCapitalized && !u.isAllCaps && !matcher.transliteratedAnalyses(of: u, fine: true).isEmpty),
                  matcher.analyses(of: u).isEmpty
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
                   lex.suffixChains[Int(u.reading)].isSuffixChain(pn) {
                    parts[parts.count - 1].span.end = span.end          // "ОА-ның": the suffix joins the acronym
                } else {
                    var part = WordUnit(text: String(p), span: span, shape: .word)
                    part.reading = u.reading
                    part.inSuffixChainText = u.inSuffixChainText
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

    mutating func fileMentions() {
        guard mentions.count != filedMentions else { return }
        if mentions.count != filedMentions + 1 { mentionsBySentence = []; filedMentions = 0 }
        while filedMentions < mentions.count {
            let s = mentions[filedMentions].sentence
            if s >= mentionsBySentence.count { mentionsBySentence += Array(repeating: [], count: s - mentionsBySentence.count + 1) }
            mentionsBySentence[s].append(filedMentions)
            filedMentions += 1
        }
    }

    /// Files every mention again: after a change that keeps the count (mentions replaced one for one).
    mutating func refileMentions() {
        mentionsBySentence = []; filedMentions = 0
        fileMentions()
    }

    /// Index of the last mention of sentence `s` (in the order found) that satisfies `test`.
    func lastMentionIndex(in s: Int, where test: (RawMention) -> Bool) -> Int? {
        guard s < mentionsBySentence.count else { return nil }
        return mentionsBySentence[s].last { test(mentions[$0]) }
    }

    mutating func add(_ m: RawMention) {
        for k in m.start..<m.end { consumed[m.sentence][k] = true }
        mentions.append(m)
    }
}
