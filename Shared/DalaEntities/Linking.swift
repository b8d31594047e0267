import DalaText
import Foundation

// Linking: one entity per mention from years, validity periods, related entities, cues and document evidence;
// capitals standing for their governments.
extension DocumentPass {
    // MARK: Linking

    mutating func link() {
        let docYears = sentenceYears.flatMap { $0 }
        if paragraphIndex.isEmpty, mentions.contains(where: { $0.candidates.count > 1 }) { paragraphIndex = computeParagraphs() }
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
        // The mentions of each sentence: a `doc.with` entity named in the mention's own sentence speaks for it.
        var bySentence = [[Int]](repeating: [], count: sentences.count)
        for (k, m) in mentions.enumerated() where m.sentence < bySentence.count { bySentence[m.sentence].append(k) }
        // In text order, so "тот Таможенный союз" finds the union resolved just before it.
        var scoredAll: [(idx: Int, scored: [(Int, Double)], open: Bool)] = []
        let ambiguous = mentions.indices.filter { mentions[$0].candidates.count > 1 }
            .sorted { (mentions[$0].sentence, mentions[$0].start) < (mentions[$1].sentence, mentions[$1].start) }
        for idx in ambiguous {
            let m = mentions[idx]
            let years = sentenceYears[m.sentence]
            // Without a year in its own sentence, the previous sentence of the same document speaks first.
            let previousYears = m.sentence > 0 && sentences[m.sentence - 1].documentIndex == sentences[m.sentence].documentIndex
                ? sentenceYears[m.sentence - 1] : []
            // Without either, the next dated sentence of the same document up to `nearbyYearSentences` after it: a text
            // often names a thing and dates it right after ("создавался Таможенный союз … (Соглашение …, январь 1995)").
            let nearYears = years.isEmpty && previousYears.isEmpty ? nearestYears(m.sentence) : []
            let deixis = m.start > 0 ? units[m.sentence][m.start - 1] : nil
            let current = deixis.map { $0.isWord && lex.currentDeixisKeys.contains($0.key) } ?? false
            let anaphoric = deixis.map { $0.isWord && lex.anaphoricDeixisKeys.contains($0.key) } ?? false
            let latestStart = m.candidates.compactMap { store.infos[$0].validTo == nil ? store.infos[$0].validFrom : nil }.max()
            let named = anaphoric ? lastResolved(before: m, among: m.candidates) : nil
            // Entities named in the same sentence, unambiguously or decided before this mention (text order).
            var sameSentence: [Int] = []
            for k in bySentence[m.sentence] where k != idx && mentions[k].candidates.count == 1 { sameSentence.append(mentions[k].candidates[0]) }
            var scored: [(Int, Double)] = []
            for c in m.candidates {
                let info = store.infos[c]
                var score = 0.0
                if info.validFrom != nil || info.validTo != nil {
                    if !years.isEmpty {
                        score += years.contains(where: { info.isValid(inYear: $0) }) ? 2 : -2
                    } else {
                        if !previousYears.isEmpty { score += previousYears.contains(where: { info.isValid(inYear: $0) }) ? 1 : -1 }
                        if !nearYears.isEmpty { score += nearYears.contains(where: { info.isValid(inYear: $0) }) ? 1 : -1 }
                        if !docYears.isEmpty {
                            let inside = docYears.filter { info.isValid(inYear: $0) }.count
                            score += Double(inside) / Double(docYears.count)
                        }
                    }
                }
                if current, info.validTo == nil, let l = latestStart, info.validFrom == l { score += 3 }
                if lookAlikeReadings[idx]?.contains(c) == true { score -= Self.lookAlikePenalty }
                if let named, named == c { score += 3 }
                let related = relatedEntities(c)
                score += min(2, Double(related.intersection(present).count)) * 0.5
                if !info.cues.isEmpty, sentenceHasCue(m.sentence, store.cueScalars[c]) { score += 1.5 }
                // "при формировании Таможенного союза … единое экономическое пространство": an entity of the
                // candidate's `doc.with` named in the same sentence (the 2010 union for the 2003 space).
                // "… ЦАС вошел в ЕврАзЭС": the organisation merged into an entity named in the same sentence.
                if !sameSentence.isEmpty, store.documentWith[c].contains(where: { sameSentence.contains($0) })
                    || mergedInto(c).contains(where: { sameSentence.contains($0) }) {
                    score += Self.sameSentenceBonus
                }
                if info.hasDocumentEvidence {
                    let d = sentences[m.sentence].documentIndex
                    score += documentEvidence(c, info, present: presentIn[d] ?? [], years: yearsIn[d] ?? [])
                }
                scored.append((c, score))
            }
            decide(idx, scored)
            // A mention pointed at by its own words (`нынешний`, `тот`) or dated by its own sentence or the one
            // before keeps what they say.
            scoredAll.append((idx, scored, !current && !anaphoric && years.isEmpty && previousYears.isEmpty))
        }
        // One sense per discourse: a look-alike left undecided by its own evidence takes the sense the same
        // ambiguity (the same candidates) was clearly given nearby (`discourseSentences` either way, same document),
        // when only one sense was (Gale, Church & Yarowsky 1992; near, not document-wide: an essay tells the 1995 and
        // the 2010 customs unions in different sections).
        var clear: [[Int]: [(sentence: Int, entity: Int)]] = [:]   // candidates → clear decisions in text order
        for (idx, scored, _) in scoredAll where Self.isClear(scored) {
            clear[scored.map(\.0).sorted(), default: []].append((mentions[idx].sentence, mentions[idx].candidates[0]))
        }
        for (idx, scored, open) in scoredAll where open && !Self.isClear(scored) {
            let s = mentions[idx].sentence, d = sentences[s].documentIndex
            let senses = Set((clear[scored.map(\.0).sorted()] ?? [])
                .filter { abs($0.sentence - s) <= Self.discourseSentences && sentences[$0.sentence].documentIndex == d }.map(\.entity))
            // (Also when it already leads: the sense given nearby settles it, and the alternatives go.)
            guard senses.count == 1, let sense = senses.first else { continue }
            mentions[idx].confidence /= 0.6
            mentions[idx].alternatives = []
            mentions[idx].alternativeScores = []
            decide(idx, scored.map { ($0.0, $0.1 + ($0.0 == sense ? Self.discourseBonus : 0)) })
        }
        // Metonymy: a capital city standing for its government.
        for idx in mentions.indices {
            let m = mentions[idx]
            guard m.kind == .name, !m.stripped || lex.morphologyKind(sentences[m.sentence].language) != .suffixChain, let c = m.candidates.first,
                  store.infos[c].relations.contains(where: { $0.kind == .capitalOf }) else { continue }
            if isMetonymy(m) { mentions[idx].kind = .metonymy; mentions[idx].confidence = 0.7 }
        }
    }

    /// The years of the first sentence after `s` that has any, up to `nearbyYearSentences` after it, in the same
    /// document and paragraph, references left out.
    func nearestYears(_ s: Int) -> [Int] {
        let d = sentences[s].documentIndex
        for t in s + 1...s + Self.nearbyYearSentences where t < sentences.count {
            // Within the paragraph: the next paragraph's first years date its own subject ("В 2001 г. …" after a
            // paragraph on the customs union and the economic space).
            guard sentences[t].documentIndex == d, paragraphIndex.isEmpty || paragraphIndex[t] == paragraphIndex[s] else { break }
            if let section = sentences[t].section, section.hasPrefix("references") { break }
            if !sentenceYears[t].isEmpty { return sentenceYears[t] }
        }
        return []
    }

    /// How many sentences after a look-alike without years of its own or before it may still date it (a wider window,
    /// and sentences before it, dated 2016 a `проект ЕАС` of 1994 and a Central Asian Union idea from a Eurasian one).
    static let nearbyYearSentences = 2
    /// Score for a `doc.with` entity named in the mention's own sentence.
    static let sameSentenceBonus = 1.5

    /// The margin by which a candidate must lead for the mention to be decided without alternatives.
    static let clearMargin = 0.75
    /// What the sense given clearly elsewhere in the document adds to an undecided mention's candidate.
    static let discourseBonus = 1.0
    /// How many sentences away a clear decision still speaks for an undecided look-alike.
    static let discourseSentences = 10

    static func isClear(_ scored: [(Int, Double)]) -> Bool {
        let s = scored.map(\.1).sorted(by: >)
        return s.count < 2 || s[0] - s[1] >= clearMargin
    }

    /// Links mention `idx` to the best of `scored`, keeping the candidates within `clearMargin` of it as alternatives
    /// (with their shares of the evidence) at a lower confidence.
    mutating func decide(_ idx: Int, _ scored: [(Int, Double)]) {
        let scored = scored.sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        mentions[idx].candidates = [scored[0].0]
        if scored.count > 1, scored[0].1 - scored[1].1 < Self.clearMargin {
            let kept = scored.dropFirst().filter { scored[0].1 - $0.1 < Self.clearMargin }
            mentions[idx].alternatives = kept.map(\.0)
            // Each alternative's share of the evidence: a softmax over every scored candidate, so the chosen
            // entity's share is what the alternatives leave (1 - their sum - the shares of dropped candidates).
            let top = scored[0].1
            let total = scored.reduce(0.0) { $0 + exp($1.1 - top) }
            mentions[idx].alternativeScores = kept.map { (exp($0.1 - top) / total * 1000).rounded() / 1000 }
            mentions[idx].confidence *= 0.6
        }
    }

    /// The entity of the last mention before `m` (in text order) resolved to one of `candidates`.
    func lastResolved(before m: RawMention, among candidates: [Int]) -> Int? {
        var best: RawMention?
        for o in mentions where o.candidates.count == 1 && candidates.contains(o.candidates[0])
            && (o.sentence, o.start) < (m.sentence, m.start) {
            if best == nil || (best!.sentence, best!.start) < (o.sentence, o.start) { best = o }
        }
        return best?.candidates.first
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

    /// The entities `c` merged into (`merged:`).
    func mergedInto(_ c: Int) -> [Int] {
        store.infos[c].relations.compactMap { $0.kind == .mergedInto ? store.byID[$0.target] : nil }
    }

    /// `c` and its predecessors and successors (`pred`, `succ`, `merged`), transitively: one body under its names
    /// through time (the Central Asian Union of 1994, its economic community of 1998, its cooperation organisation).
    func lineage(_ c: Int) -> Set<Int> {
        var out: Set<Int> = [c], queue = [c]
        while let x = queue.popLast() {
            for r in store.infos[x].relations where [.predecessor, .successor, .mergedInto].contains(r.kind) {
                if let t = store.byID[r.target], out.insert(t).inserted, out.count <= 8 { queue.append(t) }
            }
        }
        return out
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
        if lang.profile?.wordOrder == .sov || us[m.start].script.profile?.wordOrder == .sov {
            // The verb closes the sentence (kk): the city must be its first word (the subject).
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
}
