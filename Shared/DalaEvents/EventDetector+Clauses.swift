import DalaLanguages
import DalaEntities
import DalaText

// Clause and quotation segmentation of a sentence's atoms.
extension EventDetector {
    /// `;`, `:`, brackets, dashes, and a comma before a clause opener (`, а`, `, but`, `, ал`, `, которые`); list
    /// commas are not.
    func isClauseBreak(_ a: [Atom], _ k: Int) -> Bool {
        guard a[k].kind == .punct else { return false }
        if a[k].text == "," {
            guard k + 1 < a.count else { return false }
            let c = lex.cues.best(a[k + 1].text)
            return c == .clause || c == .relative
        }
        return Self.clauseBreaks.contains(a[k].text)
    }

    /// Clause number of every atom, for participants: only `;` and a comma before a clause opener start a clause
    /// (dashes, colons and brackets introduce lists and appositions of the same clause: `лидерами – России, Украины`).
    func clauseSegments(_ a: [Atom]) -> [Int] {
        var out = [Int](repeating: 0, count: a.count)
        var n = 0
        for k in a.indices {
            if a[k].kind == .punct, a[k].text == ";" || (a[k].text == "," && isClauseBreak(a, k)) { n += 1 }
            out[k] = n
        }
        return out
    }

    /// The clauses a trigger's participants may come from: its own, and the one before when its clause is a relative
    /// clause (`…, а Киргизия и Таджикистан, которые участвовали в переговорах` → the antecedents).
    func allowedClauses(_ h: Hit, _ clauses: [Int], _ a: [Atom]) -> Set<Int> {
        var out: Set<Int> = [clauses[h.first], clauses[h.last]]
        let c = clauses[h.first]
        if c > 0, let start = clauses.firstIndex(of: c), start + 1 < a.count, lex.cues.best(a[start + 1].text) == .relative {
            out.insert(c - 1)
        }
        return out
    }

    /// Quotation number of every atom (0 outside quotations).
    func quotations(_ a: [Atom]) -> [Int] {
        var out = [Int](repeating: 0, count: a.count)
        var n = 0
        var inside = false
        for k in a.indices {
            if a[k].quoteDepth > 0 {
                if !inside { n += 1; inside = true }
                out[k] = n
            } else {
                inside = false
            }
        }
        return out
    }

    static let quoteMarks: Set<String> = ["«", "»", "\"", "“", "”", "„"]

    static let clauseBreaks: Set<String> = [";", ":", "—", "–", "(", ")"]
}

extension EventDetector {
    /// How many words and marks may stand between a proposal word and the event it proposes (`proposed setting up`,
    /// `предложил провести саммит`, `саммит өткізуді ұсынды`).
    static let proposalReach = 6

    /// Whether `g` is the event a proposal trigger puts forward: right after it (ru, en) or right before it (kk), in
    /// the same clause, with no clause break between.
    func inProposalScope(_ g: Hit, of p: Hit, atoms a: [Atom], language: Language) -> Bool {
        let (from, to): (Int, Int)
        if lex.verbFinal.contains(language) {
            guard g.last < p.first, p.first - g.last <= Self.proposalReach else { return false }
            (from, to) = (g.last + 1, p.first)
        } else {
            guard g.first > p.last, g.first - p.last <= Self.proposalReach else { return false }
            (from, to) = (p.last + 1, g.first)
        }
        return !(from..<to).contains { isClauseBreak(a, $0) }
    }
}

extension EventDetector {
    /// Agreements that only agree on a meeting still to come (`the leaders agreed to meet again`, `agreed that the next
    /// summit would be held in …`, `договорились проводить встречи ежегодно`): the meeting, planned, is the event; nothing
    /// else was agreed, so the agreeing is no agreement of its own (the first atoms of those agreement hits).
    /// The agreeing word is a verb (no treaty noun), the meeting word follows it in its clause within `proposalReach`
    /// with no other trigger between, the meeting is not where something was agreed (`agreed at the summit`, `на
    /// саммите договорились`) and it is planned by its own cues (`agreed to`, `would be held`, `next`, `проводить`).
    func agreementsToMeet(_ hits: [Hit], _ a: [Atom], language: Language, cues: [CueMatch], quotes: [Int],
                          clauses: [Int]) -> [Int] {
        var out: [Int] = []
        for p in hits where p.type == .agreement && !isTreatyNoun(p, a) {
            guard let g = hits.first(where: { g in
                g.type == .meeting && g.first > p.last && g.first - p.last <= Self.proposalReach
                    && clauses[g.first] == clauses[p.last]
                    && !((p.last + 1)..<g.first).contains { isClauseBreak(a, $0) }
            }) else { continue }
            if hits.contains(where: { $0.first > p.last && $0.first < g.first && $0.type != .meeting }) { continue }
            if isSetting(g, a, language: language) { continue }
            let m = modalityOf(g, atoms: a, cues: cues, quotes: quotes, clauses: clauses, hasProposal: false)
            if m == .planned { out.append(p.first) }
        }
        return out
    }
}
