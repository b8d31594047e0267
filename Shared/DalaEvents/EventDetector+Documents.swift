import DalaLanguages
import DalaEntities
import DalaText

// Founding objects, dated treaties and document topics: whether a founding or treaty trigger tells an event.
extension EventDetector {
    // MARK: founding objects and dated documents

    /// Whether the thing a founding trigger founds stands in its window: an organisation or programme entity, or a head
    /// noun of `founding_objects.tsv`. Time expressions, quotation marks and skip words are passed over; a comma,
    /// bracket or stop word ends the window.
    func hasFoundedThing(_ h: Hit, _ w: Lexicon.ObjectWindow, _ a: [Atom], objectAtoms: [Bool], timeAtoms: [Bool]) -> Bool {
        func namedBefore() -> Bool {
            (0..<h.first).contains { k in
                objectAtoms[k] || (a[k].kind == .word && lex.foundingWords.best(a[k].text) == .head)
            }
        }
        func look(from start: Int, step: Int, words limit: Int) -> Bool {
            var k = start, words = 0
            while k >= 0, k < a.count, words < limit {
                defer { k += step }
                if objectAtoms[k] { return true }
                if timeAtoms[k] { continue }
                let x = a[k]
                switch x.kind {
                case .punct:
                    if Self.quoteMarks.contains(x.text) || (x.isDash && x.glued) || isShortBracket(a, k) { continue }
                    // `Созданное в 2001 г., ЕврАзЭС …`: a participle's own phrase ends at the comma before its noun.
                    if step > 0, words == 0, x.text == "," { continue }
                    // `ОДКБ, созданная в 2002 году, …`, `The OTS, founded in 2009, …`: a participle set off by a comma
                    // right after its noun.
                    if step < 0, k == h.first - 1, x.text == "," { continue }
                    return false
                case .number:
                    words += 1
                case .word:
                    switch lex.foundingWords.best(x.text) {
                    case .head?: return true
                    case .skip?, .auxiliary?: continue
                    case .relative?:
                        return false
                    case .stop?:
                        // `создание в феврале 2002 г. Организации …`: the preposition of a date is passed over.
                        if k + 1 < a.count, timeAtoms[k + 1] { continue }
                        return false
                    case .pronoun?:
                        // `олардың көбі таратылды`: the pronoun stands for a thing the sentence named before.
                        if namedBefore() { return true }
                        words += 1
                    case .block?, nil:
                        words += 1
                    }
                }
            }
            return false
        }
        if w.after > 0, look(from: h.last + 1, step: 1, words: w.after) { return true }
        if foundedBeforeRelative(h, a, objectAtoms: objectAtoms) { return true }
        guard w.before > 0 else { return false }
        var start = h.first - 1
        if w.beforeNeedsAuxiliary {
            // `the bank was (officially) established`: only a passive puts the thing founded before the verb.
            while start >= 0, a[start].kind == .word, lex.foundingWords.best(a[start].text) == .skip { start -= 1 }
            // `The OTS, founded in 2009 by …`: a participle set off by a comma right after its noun is a passive too.
            if start == h.first - 1, start > 0, a[start].kind == .punct, a[start].text == "," { return look(from: start, step: -1, words: w.before) }
            // `the commission created in 1992`, `the force set up in 2009 by …`: a participle right after its noun and
            // followed by its date is a reduced passive too.
            if start == h.first - 1, start >= 0,
               objectAtoms[start] || (a[start].kind == .word && lex.foundingWords.best(a[start].text) == .head) {
                var k = h.last + 1
                if k < a.count, !timeAtoms[k], a[k].kind == .word, lex.foundingWords.best(a[k].text) == .stop { k += 1 }
                if k < a.count, timeAtoms[k] { return true }
            }
            guard start >= 0, a[start].kind == .word, lex.foundingWords.best(a[start].text) == .auxiliary else { return false }
        }
        return look(from: start, step: -1, words: w.before)
    }

    /// `the Customs Union that Moscow, Minsk and Astana launched in 2010`, `союз, который создали …`: the thing founded
    /// right before the relative pronoun opening the trigger's clause (`founding_objects.tsv` kind `relative`).
    func foundedBeforeRelative(_ h: Hit, _ a: [Atom], objectAtoms: [Bool]) -> Bool {
        var k = h.first - 1, n = 0
        while k > 0, n < Self.relativeReach {
            let x = a[k]
            if x.kind == .punct, Self.sentenceEnds.contains(x.text) || x.text == ";" { return false }
            if x.kind == .word, lex.foundingWords.best(x.text) == .relative {
                var j = k - 1
                if j >= 0, a[j].kind == .punct, a[j].text == "," { j -= 1 }
                return j >= 0 && (objectAtoms[j] || (a[j].kind == .word && lex.foundingWords.best(a[j].text) == .head))
            }
            k -= 1; n += 1
        }
        return false
    }
    /// How far before a founding verb the relative pronoun of its clause may stand (atoms).
    static let relativeReach = 14

    /// Whether hit `h` is inside the name `p` or touches it, with at most quotation marks or a possessive between them.
    func besideName(_ h: Hit, _ p: Placed, _ a: [Atom]) -> Bool {
        if p.first <= h.first && h.last <= p.last { return true }
        func onlyMarks(_ r: Range<Int>) -> Bool {
            r.count <= 2 && r.allSatisfy { a[$0].kind == .punct ? Self.quoteMarks.contains(a[$0].text) : ["'s", "’s", "s"].contains(a[$0].text) }
        }
        if p.last < h.first { return onlyMarks((p.last + 1)..<h.first) }
        if h.last < p.first { return onlyMarks((h.last + 1)..<p.first) }
        return false
    }

    /// A one-word agreement trigger that is a treaty head of `dated_documents.tsv` (`treaty`, `договор`, `келісім`).
    func isTreatyNoun(_ h: Hit, _ a: [Atom]) -> Bool {
        h.words == 1 && a[h.first].kind == .word && lex.datedDocumentHeads.mayStart(a[h.first].head)
            && (lex.datedDocumentHeads.best(a[h.first].text) ?? 0) > 0
    }

    /// Whether the sentence's agreement words are all treaty nouns (`dated_documents.tsv` heads) with no act of making,
    /// adopting or weighing a document beside them (kind `act`): `Согласно договору, …`, `судьба Договора …`, `келісім
    /// … баждарды жояды`, `Путин назвал договор …` refer to a document as the argument of another predicate; the
    /// agreement itself is told where it is signed (issue 14). Dated treaties (`1992 жылғы шарт`) are not asked here.
    func refersToDocumentOnly(_ hits: [Hit], _ a: [Atom]) -> Bool {
        var any = false
        for h in hits where h.type == .agreement {
            if !isTreatyNoun(h, a) { return false }
            any = true
        }
        guard any else { return false }
        for x in a where x.kind == .word && lex.documentActs.mayStart(x.head) && lex.documentActs.best(x.text) != nil {
            return false
        }
        return true
    }

    /// Whether a signing names its document by a word pointing back to one told before (`dated_documents.tsv` kind
    /// `anaphor`: `The document, signed by …`, `signed the document`, `құжатқа қол қойды`): within `anaphorReach` atoms
    /// of the trigger, in its clause.
    func refersBackToDocument(_ h: Hit, _ a: [Atom], _ clauses: [Int]) -> Bool {
        let lo = max(0, h.first - Self.anaphorReach), hi = min(a.count - 1, h.last + Self.anaphorReach)
        guard lo <= hi else { return false }
        for k in lo...hi where (k < h.first || k > h.last) && a[k].kind == .word && clauses[k] == clauses[h.first] {
            if lex.documentAnaphors.contains(a[k]) { return true }
        }
        return false
    }
    static let anaphorReach = 3

    /// Whether an agreement word signs or approves a state's own act (`dated_documents.tsv` kind `domestic`: `signed
    /// constitutional amendments`, `Жарлығымен бекітілді`, `подписал указ`): a domestic act word within
    /// `anaphorReach` atoms of the trigger in its clause, and no treaty head or agreement entity in the sentence.
    /// A decree is no agreement between parties (issue 14). Laws are not listed: treaties are ratified by laws.
    func signsDomesticAct(_ h: Hit, _ a: [Atom], _ clauses: [Int], _ placed: [Placed]) -> Bool {
        guard h.type == .agreement, !h.datedDocument, !isTreatyNoun(h, a) else { return false }
        let lo = max(0, h.first - Self.anaphorReach), hi = min(a.count - 1, h.last + Self.anaphorReach)
        guard lo <= hi else { return false }
        var domestic = false
        for k in lo...hi where (k < h.first || k > h.last) && a[k].kind == .word && clauses[k] == clauses[h.first] {
            if lex.domesticActs.contains(a[k]) { domestic = true; break }
        }
        guard domestic else { return false }
        if placed.contains(where: { $0.type == .agreement }) { return false }
        return !a.indices.contains { datedHead(a, $0) }
    }

    /// `договор 1992 года`, `соглашение от 25 февраля 1999 г.`, `1992 жылғы шарт`, `the treaty of 1992`: a treaty word
    /// or agreement entity touching an explicit date tells an agreement concluded then (`dated_documents.tsv`).
    func datedDocuments(_ a: [Atom], times: [EventExtractor.PlacedTime], placed: [Placed],
                        language: Language) -> [(hit: Hit, time: EventExtractor.PlacedTime)] {
        var out: [(hit: Hit, time: EventExtractor.PlacedTime)] = []
        func weight(_ k: Int) -> Double? {
            guard k >= 0, k < a.count, a[k].kind == .word, let w = lex.datedDocumentHeads.best(a[k].text), w > 0 else { return nil }
            return w
        }
        func hit(_ first: Int, _ last: Int, _ w: Double) -> Hit {
            Hit(type: .agreement, weight: w, first: first, last: last, stemLength: a[last].text.unicodeScalars.count, words: 1,
                datedDocument: true)
        }
        for t in times where t.explicit {
            guard let p = t.expression.precision as TimeExpression.Precision?, p == .day || p == .month || p == .year else { continue }
            // Time, then head: `1992 жылғы шарт`, `the 1992 treaty`.
            if lex.timeBeforeHead.contains(language) {
                let k = t.last + 1
                if let w = weight(k) {
                    out.append((hit(k, k, w), t)); continue
                }
                if let m = placed.first(where: { $0.type == .agreement && $0.first == k }) {
                    out.append((hit(m.first, m.last, weight(m.last) ?? Self.datedAgreementWeight), t)); continue
                }
            }
            // Head, optional link, time (verb-object languages): `договор 1992 года`, `соглашению от 25 февраля 1999
            // года`, `treaty of 1992`.
            if language.profile?.wordOrder == .svo {
                var j = t.first - 1
                if j >= 0, a[j].kind == .word, lex.datedDocumentLinks.contains(a[j].text) { j -= 1 }
                // `(Договор «4+N», 1996)`: name and year in brackets.
                if j >= 0, a[j].text == ",", t.last + 1 < a.count, a[t.last + 1].text == ")" { j -= 1 }
                if let w = weight(j) {
                    out.append((hit(j, j, w), t)); continue
                }
                var q = j
                while q >= 0, a[q].kind == .punct, Self.quoteMarks.contains(a[q].text) { q -= 1 }
                if j >= 0, let m = placed.first(where: { $0.type == .agreement && ($0.last == j || $0.last == q) }) {
                    out.append((hit(m.first, m.last, weight(m.first) ?? Self.datedAgreementWeight), t))
                }
            }
        }
        return out
    }
    /// Whether atom `k` is a treaty word of `dated_documents.tsv` (a cheap test before placing the entities).
    func datedHead(_ a: [Atom], _ k: Int) -> Bool {
        k >= 0 && k < a.count && a[k].kind == .word && lex.datedDocumentHeads.mayStart(a[k].head) && (lex.datedDocumentHeads.best(a[k].text) ?? 0) > 0
    }
    /// Weight of an agreement told by a dated agreement entity whose words are not in `dated_documents.tsv`.
    static let datedAgreementWeight = 0.7
    /// A signing trigger this many atoms from a dated treaty tells the same agreement.
    static let datedDocumentReach = 8

    /// Whether a founding, membership or withdrawal trigger only names the subject of a document
    /// (`Договор о создании …`, `Treaty on the Establishment of …`, `… құру туралы шарт`): `topic_heads.tsv`.
    func isTopicOfDocument(_ h: Hit, _ a: [Atom]) -> Bool {
        guard h.type == .founding || h.type == .membership || h.type == .withdrawal else { return false }
        func word(_ k: Int, _ index: FormIndex<Language>) -> Language? {
            k >= 0 && k < a.count && a[k].kind == .word ? index.best(a[k].text) : nil
        }
        func skipQuotes(_ k: Int, _ step: Int) -> Int {
            var j = k
            while j >= 0 && j < a.count && a[j].kind == .punct && Self.quoteMarks.contains(a[j].text) { j += step }
            return j
        }
        func head(_ k: Int) -> Language? {
            guard let lang = word(k, lex.topicHeads), lex.topicHeadBlocks.best(a[k].text) == nil else { return nil }
            return lang
        }
        // ru/en: head, marker, optional filler (article, possessive), trigger.
        var m = skipQuotes(h.first - 1, -1)
        if word(m, lex.topicFillers) != nil { m -= 1 }
        if let lang = word(m, lex.topicMarkers), !lex.verbFinal.contains(lang), let headLang = head(skipQuotes(m - 1, -1)), headLang == lang {
            return true
        }
        // Verb-final (kk): trigger, marker, head.
        let k = skipQuotes(h.last + 1, 1)
        if let lang = word(k, lex.topicMarkers), lex.verbFinal.contains(lang), head(skipQuotes(k + 1, 1)) == lang { return true }
        return false
    }

    /// Words a topic phrase may hold between its marker and an event noun (`протокол о прекращении огня и отводе войск`).
    static let topicPhraseReach = 5

    /// Whether a cooperation, military or dispute word only says what a treaty is about: it stands in the topic phrase of
    /// a treaty noun (`dated_documents.tsv` heads; markers of `topic_heads.tsv`): `соглашение о строительстве …`,
    /// `протокол о прекращении огня и отводе войск`, `атысты тоқтату туралы келісім`, `an agreement on border troops`. The
    /// treaty is the event (signed, agreed); what it is about did not happen by being named there.
    func isTreatyTopic(_ h: Hit, _ a: [Atom]) -> Bool {
        guard h.type == .cooperation || h.type == .military || h.type == .dispute else { return false }
        func marker(_ k: Int) -> Language? {
            k >= 0 && k < a.count && a[k].kind == .word ? lex.topicMarkers.best(a[k].text) : nil
        }
        func skipQuotes(_ k: Int, _ step: Int) -> Int {
            var j = k
            while j >= 0 && j < a.count && a[j].kind == .punct && Self.quoteMarks.contains(a[j].text) { j += step }
            return j
        }
        // ru, en: head, marker, up to `topicPhraseReach` words (no other mark), the trigger.
        var k = h.first - 1, words = 0
        while k >= 0, words <= Self.topicPhraseReach {
            if a[k].kind != .word { if Self.quoteMarks.contains(a[k].text) { k -= 1; continue } else { break } }
            if let lang = marker(k), !lex.verbFinal.contains(lang) {
                if datedHead(a, skipQuotes(k - 1, -1)) { return true }
            }
            words += 1; k -= 1
        }
        // kk: the trigger, up to `topicPhraseReach` words, marker, head.
        k = h.last + 1; words = 0
        while k < a.count, words <= Self.topicPhraseReach {
            if a[k].kind != .word { if Self.quoteMarks.contains(a[k].text) { k += 1; continue } else { break } }
            if let lang = marker(k), lex.verbFinal.contains(lang) { return datedHead(a, skipQuotes(k + 1, 1)) }
            words += 1; k += 1
        }
        return false
    }

    /// Whether a founding trigger tells that a treaty founded a named organisation: a treaty noun right before it (a
    /// topic marker may stand between) and an organisation entity as the thing founded within `bodyReach` atoms after
    /// it. `signed a declaration creating the Shanghai Cooperation Organization`, `подписали соглашение о создании
    /// Межгосударственного совета`: the treaty is how the body was founded, and the founding is the event (a treaty about
    /// a common noun, `соглашение о создании совместного предприятия`, stays an agreement about its subject; a treaty
    /// named as a document entity, `Договор о создании ШОС`, holds its founding word in its name and stays an agreement).
    func foundsNamedBody(_ h: Hit, _ a: [Atom], _ placed: [Placed]) -> Bool {
        guard h.type == .founding else { return false }
        func isMarker(_ k: Int) -> Bool { k >= 0 && k < a.count && a[k].kind == .word && lex.topicMarkers.best(a[k].text) != nil }
        var k = h.first - 1
        if isMarker(k) { k -= 1 }
        if datedHead(a, k) {
            return placed.contains { $0.type == .organization && $0.first > h.last && $0.first - h.last <= Self.bodyReach }
        }
        // Kazakh `X құру туралы шарт` stays the document's topic (EventFixesTests: the signing is the agreement, X its
        // object); no annotated set tells it otherwise yet.
        return false
    }
    /// How many atoms after a founding word the organisation founded may start (`creating the Shanghai …`).
    static let bodyReach = 3
}
