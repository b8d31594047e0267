import DalaEntities
import DalaEvents
import DalaText

/// Properties every analysis must have, whatever the input: the fuzzer (`dala fuzz`) and the regression tests check
/// them on hostile text.
public enum AnalysisInvariants {
    /// What is wrong with `analysis` of `text` (empty when nothing is): spans outside the text or reversed, indices
    /// outside their arrays, surfaces that are not the text at their span, duplicate event ids.
    public static func violations(of analysis: DocumentAnalysis, text: String) -> [String] {
        var out: [String] = []
        let n = text.unicodeScalars.count
        func check(_ span: Span, _ what: @autoclosure () -> String) {
            if span.start < 0 || span.end < span.start || span.end > n {
                out.append("\(what()) span \(span.start)..<\(span.end) outside 0..<\(n)")
            }
        }
        let t = analysis.text
        let sentenceCount = t.sentences.count
        let cleanedCount = t.cleanedText.unicodeScalars.count
        for d in t.documents {
            check(d.span, "document \(d.index)")
            if d.cleanedSpan.start < 0 || d.cleanedSpan.end < d.cleanedSpan.start || d.cleanedSpan.end > cleanedCount {
                out.append("document \(d.index) cleaned span outside the cleaned text")
            }
            for p in d.parts { check(p.span, "part \(p.kind.rawValue)") }
        }
        for (k, s) in t.sentences.enumerated() {
            check(s.span, "sentence \(k)")
            if s.index != k { out.append("sentence \(k) has index \(s.index)") }
            for tok in s.tokens { check(tok.span, "token of sentence \(k)") }
        }
        for noise in t.noise { check(noise.span, "noise \(noise.kind.rawValue)") }
        for (k, i) in t.offsetMap.original.enumerated() where i < 0 || i + t.offsetMap.length[k] > n {
            out.append("offset map run \(k) maps outside the text")
        }

        let original = ScalarText(text)
        let entityIDs = Set(analysis.entities.entities.map(\.id))
        for m in analysis.entities.mentions {
            check(m.span, "mention \(m.entityID)")
            if m.sentenceIndex < 0 || m.sentenceIndex >= sentenceCount { out.append("mention sentence \(m.sentenceIndex)") }
            if !entityIDs.contains(m.entityID) { out.append("mention of unlisted entity \(m.entityID)") }
        }
        for time in analysis.events.times {
            check(time.span, "time")
            if time.sentenceIndex < 0 || time.sentenceIndex >= sentenceCount { out.append("time sentence \(time.sentenceIndex)") }
            if validSpan(time.span, n), original.slice(time.span) != time.surface { out.append("time surface differs from its span") }
        }
        var ids = Set<String>()
        for e in analysis.events.events {
            if !ids.insert(e.id).inserted { out.append("duplicate event id \(e.id)") }
            if e.mentions.isEmpty { out.append("event \(e.id) without a mention") }
            for m in e.mentions {
                check(m.span, "event mention")
                check(m.triggerSpan, "event trigger")
                if m.sentenceIndex < 0 || m.sentenceIndex >= sentenceCount { out.append("event sentence \(m.sentenceIndex)") }
            }
            for p in e.participants { if let s = p.span { check(s, "participant \(p.role)") } }
            if let d = e.date { check(d.span, "event date") }
        }
        return out
    }

    @inline(__always) static func validSpan(_ s: Span, _ n: Int) -> Bool { s.start >= 0 && s.start <= s.end && s.end <= n }
}
