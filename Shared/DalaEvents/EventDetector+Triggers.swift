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
        for i in a.indices where a[i].kind == .word && i > coveredUntil {
            guard lex.triggerIndex.mayStart(a[i].head) else { continue }
            let firsts = lex.triggerIndex.lookup(a[i].text)
            if firsts.isEmpty { continue }
            var bestByType: [EventType: Hit] = [:]
            var lengthByType: [EventType: Int] = [:]
            for (tid, stemLength) in firsts {
                let t = lex.triggers[tid]
                var j = i + 1
                var ok = true
                for f in t.pattern.forms.dropFirst() {
                    guard j < a.count, a[j].kind == .word, f.matches(a[j].text) else { ok = false; break }
                    j += 1
                }
                guard ok else { continue }
                let hit = Hit(type: t.type, weight: t.weight, first: i, last: j - 1, stemLength: stemLength,
                              words: t.pattern.forms.count, object: t.object)
                let length = t.pattern.forms.reduce(0) { $0 + $1.text.count }
                if let b = bestByType[t.type] {
                    if (hit.words, length, hit.weight) > (b.words, lengthByType[t.type] ?? 0, b.weight) {
                        bestByType[t.type] = hit; lengthByType[t.type] = length
                    }
                } else {
                    bestByType[t.type] = hit; lengthByType[t.type] = length
                }
            }
            // Across types the longer match wins (`іске қосыл-` over `іске қос-`); blocked types drop out.
            let live = bestByType.filter { $0.value.weight > 0 && !shortQuote[$0.value.first] }
            guard let top = live.max(by: { ($0.value.words, lengthByType[$0.key] ?? 0) < ($1.value.words, lengthByType[$1.key] ?? 0) })
            else { continue }
            let topLength = (top.value.words, lengthByType[top.key] ?? 0)
            for (t, h) in live where (h.words, lengthByType[t] ?? 0) == topLength { hits.append(h) }
            if top.value.words > 1 { coveredUntil = top.value.last }
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
