import DalaLanguages
import DalaEntities
import DalaText

// Trigger pass: words of `triggers.tsv` found in a sentence.
extension EventDetector {
    /// Trigger hits of a sentence: for each start word and type the longest pattern; a weight-0 pattern blocks.
    func triggers(_ a: [Atom]) -> [Hit] {
        var hits: [Hit] = []
        let shortQuote = shortQuotedAtoms(a)
        var coveredUntil = -1
        // For each type the best match starting at the word, in the order the types first match (a few entries:
        // arrays, not dictionaries).
        var bestByType: [(hit: Hit, length: Int)] = []
        for i in a.indices where a[i].kind == .word && i > coveredUntil {
            guard lex.triggerIndex.mayStart(a[i].head) else { continue }
            bestByType.removeAll(keepingCapacity: true)
            lex.triggerIndex.forEachMatch(a[i].text) { tid, stemLength in
                let t = lex.triggers[tid]
                var j = i + 1
                for f in t.pattern.forms.dropFirst() {
                    guard j < a.count, a[j].kind == .word, f.matches(a[j].text) else { return }
                    j += 1
                }
                let hit = Hit(type: t.type, weight: t.weight, first: i, last: j - 1, stemLength: stemLength,
                              words: t.pattern.forms.count, object: t.object)
                if let k = bestByType.firstIndex(where: { $0.hit.type == t.type }) {
                    let b = bestByType[k]
                    if (hit.words, t.length, hit.weight) > (b.hit.words, b.length, b.hit.weight) { bestByType[k] = (hit, t.length) }
                } else {
                    bestByType.append((hit, t.length))
                }
            }
            if bestByType.isEmpty { continue }
            // Across types the longer match wins (`іске қосыл-` over `іске қос-`); blocked types drop out.
            var top: (words: Int, length: Int)?
            for b in bestByType where b.hit.weight > 0 && !shortQuote[b.hit.first] {
                if top.map({ $0 < (b.hit.words, b.length) }) ?? true { top = (b.hit.words, b.length) }
            }
            guard let top else { continue }
            for b in bestByType where b.hit.weight > 0 && !shortQuote[b.hit.first] && (b.hit.words, b.length) == top {
                hits.append(b.hit)
            }
            if top.words > 1 { coveredUntil = i + top.words - 1 }
        }
        // A type told twice within a few words is one trigger (`подписали соглашение о подписании`): keep the stronger.
        var kept: [Hit] = []
        for h in senses(hits, a) {
            if let k = kept.lastIndex(where: { $0.type == h.type && h.first - $0.last <= 3 }) {
                if h.weight > kept[k].weight { kept[k] = h }
            } else {
                kept.append(h)
            }
        }
        return kept
    }

    /// Trigger senses decided by their arguments (`triggers.tsv` rows typed `from>to`): a word of the rule within its
    /// window around the trigger (same sentence, outside the trigger) retypes the hit or, for `none`, drops it.
    func senses(_ hits: [Hit], _ a: [Atom]) -> [Hit] {
        guard !lex.senses.isEmpty, hits.contains(where: { h in lex.senses.contains { $0.from == h.type } }) else { return hits }
        var out: [Hit] = []
        for var h in hits {
            var drop = false
            if lex.senses.contains(where: { $0.from == h.type }) {
                let reach = lex.senses.lazy.filter { $0.from == h.type }.map(\.window).max() ?? 0
                var best: (distance: Int, sense: Lexicon.Sense)?
                for k in max(0, h.first - reach)...min(a.count - 1, h.last + reach) where (k < h.first || k > h.last) && a[k].kind == .word {
                    let d = k < h.first ? h.first - k : k - h.last
                    for (sid, _) in lex.senseIndex.lookup(a[k].text) {
                        let sense = lex.senses[sid]
                        guard sense.from == h.type, d <= sense.window else { continue }
                        if best == nil || d < best!.distance { best = (d, sense) }
                    }
                }
                if let b = best {
                    if let to = b.sense.to { h.type = to } else { drop = true }
                }
            }
            if !drop { out.append(h) }
        }
        return out
    }

    /// Atoms inside a short quotation, i.e. a name (`«Бейбітшілік үшін әріптестік»`), where trigger words name nothing.
    func shortQuotedAtoms(_ a: [Atom]) -> [Bool] {
        var out = [Bool](repeating: false, count: a.count)
        var open: Int?
        for (k, x) in a.enumerated() where x.kind == .punct {
            if x.text == "«" || x.text == "“" { open = k } else if (x.text == "»" || x.text == "”"), let o = open {
                if k - o <= 9 && !isSpeech(a, open: o, close: k) { for q in o...k { out[q] = true } }
                open = nil
            }
        }
        return out
    }

    /// A quotation introduced by `:` or followed by a verb of saying (`«…» – деді`, `«…» деп мәлімдеді`) is speech.
    func isSpeech(_ a: [Atom], open o: Int, close k: Int) -> Bool {
        if o > 0, a[o - 1].text == ":" { return true }
        var j = k + 1
        while j < a.count, a[j].kind == .punct { j += 1 }
        guard j < a.count else { return false }
        return lex.triggerIndex.lookup(a[j].text).contains { lex.triggers[$0.value].type == .statement && lex.triggers[$0.value].weight > 0 }
    }
}
