import DalaLanguages
import DalaEntities
import DalaText

// Modality pass: how the text presents each event (`modality.tsv`, Kazakh affixes).
extension EventDetector {
    // MARK: modality

    /// A modality cue matched in a sentence: its first and last atom.
    struct CueMatch { var cue: Int; var first: Int; var last: Int }

    /// Every multiword modality cue of a sentence (matched once, used for each trigger).
    func modalityCues(_ a: [Atom]) -> [CueMatch] {
        var out: [CueMatch] = []
        for i in a.indices where a[i].kind == .word {
            guard lex.modalityIndex.mayStart(a[i].head) else { continue }
            // Cues are common words, written in lowercase: a capitalised word inside the sentence is a name (`5 May`).
            if a[i].capitalized, i > 0, a[i - 1].kind != .punct { continue }
            lex.modalityIndex.forEachMatch(a[i].text) { cid, _ in
                let c = lex.modalityCues[cid]
                var j = i + 1
                for f in c.pattern.forms.dropFirst() {
                    guard j < a.count, a[j].kind == .word, f.matches(a[j].text) else { return }
                    j += 1
                }
                out.append(CueMatch(cue: cid, first: i, last: j - 1))
            }
        }
        return out
    }

    /// `putForward`: the event is what a proposal word right before it (kk: after it) suggests (`suggested holding the
    /// next summit`): proposed, even with a future word (`next`, `will`) in its clause.
    ///
    /// A saying or a proposal (`said trade would double`, `предложил провести саммит в будущем году`, `… өткізуді ұсынды`)
    /// was made: the tense and mood of what it says (its complement: after the verb, or before it in a verb-final
    /// language) are the content's, so only cues outside the complement, an attribution, and the verb's own form count.
    func modalityOf(_ h: Hit, atoms a: [Atom], cues: [CueMatch], quotes: [Int], clauses: [Int], hasProposal: Bool,
                    putForward: Bool = false, verbFinal: Bool = false) -> Modality {
        let saying = h.type == .statement || h.type == .proposal
        var found = Set<Modality>()
        let lastWord = a[h.last].text
        let affix = h.words == 1 ? Substring(lastWord.unicodeScalars.dropFirst(h.stemLength)) : Substring(lastWord)
        let affixCount = affix.unicodeScalars.count
        let next = h.last + 1 < a.count && a[h.last + 1].kind == .word ? a[h.last + 1].text : ""
        let nextCount = next.unicodeScalars.count
        let nextAuxiliary = lex.conditionalAuxiliaries.contains { utf8HasPrefix(next, $0) }
        // A long participle ending (`-атынын`, `-майтын`) is read on the whole word: a trigger whose pattern holds part of
        // it (`шығатын*`) still takes the tense it marks (`шығатынын мәлімдеді`: will leave).
        let wordCount = lastWord.unicodeScalars.count
        for (suffix, m, n) in lex.kazakhSuffixCues {
            if affixCount > n - 1, utf8HasSuffix(affix, suffix) { found.insert(m) }
            if n >= Self.wholeWordSuffix, wordCount > n + 2, utf8HasSuffix(lastWord[...], suffix) { found.insert(m) }
            if m == .negated, nextCount > n + 1, utf8HasSuffix(next[...], suffix) { found.insert(m) }
            if m == .hypothetical, nextAuxiliary, utf8HasSuffix(next[...], suffix) { found.insert(m) }
        }
        for m in cues {
            // A cue inside a quotation (`«Егер …»`, "If …") belongs to the quoted words, not to the sentence reporting them.
            if quotes[m.first] != 0 && quotes[m.first] != quotes[h.first] { continue }
            let c = lex.modalityCues[m.cue]
            let i = m.first, end = m.last
            if saying, c.place != .anywhere, c.place != .trigger, verbFinal ? end < h.first : i > h.last { continue }
            switch c.place {
            case .before, .series: if end < h.first && h.first - end <= 3 { found.insert(c.modality) }
            case .after: if i > h.last && i - h.last <= 3 { found.insert(c.modality) }
            // `Переговоры Таджикистана и Киргизии были перенесены`: the verb of the trigger's clause, past its subject; not a
            // verb joined to another one (`подписали соглашение и отменили пошлины`).
            case .clause:
                if i > h.last && i - h.last <= 8 && clauses[i] == clauses[h.last]
                    && !(i > 0 && lex.modalityJoints.contains(a[i - 1].text)) { found.insert(c.modality) }
            // The trigger's own form tells the tense (ru perfective future: `подпишут`, `вступит`).
            case .trigger: if i >= h.first && end <= h.last { found.insert(c.modality) }
            case .joint, .datedFuture: break
            case .sentence: if i < h.first { found.insert(c.modality) }
            // An attribution (`according to X`, `по данным X`, `X хабарлауынша`) covers its whole sentence.
            case .anywhere: if i > h.last || end < h.first { found.insert(c.modality) }
            case .suffix, .auxiliary: break
            }
        }
        // A condition or a denial outweighs the source it is attributed to; an attribution outweighs the tense
        // (`according to the ministry, the talks will …` is the ministry's claim).
        for m in [Modality.negated, .hypothetical, .reported] where found.contains(m) { return m }
        // A request (`asked to join`, `просила направить войска`) puts the event forward, as a proposal word does.
        if putForward || found.contains(.proposed) { return .proposed }
        for m in [Modality.recommended, .planned] where found.contains(m) { return m }
        if hasProposal && h.type != .proposal { return .proposed }
        return .asserted
    }

    /// Kazakh modality endings this long (letters) are recognised on the trigger's whole last word.
    static let wholeWordSuffix = 4
}
