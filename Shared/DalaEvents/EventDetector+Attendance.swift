import DalaLanguages
import DalaText

// Attendance pass: `Саммитке … қатысты`, `X attended the summit`, `В работе саммита приняли участие …`. A meeting word in
// a sentence about taking part retells the meeting the document has already told, and names who came. It is not a
// second meeting: the merge adds it to that meeting's event as another telling.
extension EventDetector {
    /// One telling's place in the document, for the merge.
    struct Telling: Sendable {
        var document: Int
        /// A meeting word with a word of taking part (`case_suffixes.tsv` role `attend`) in its sentence.
        var attends: Bool
        /// Its date is the dateline's, given for want of its own: who came was told of the meeting, on its day.
        var datedByDateline = false
        /// A meeting told without a date of its own sentence (none, the sentence before's, the dateline's, the told
        /// meeting's): `The summit, chaired by …`, `Саммит соңында …`, `called the meeting historic`.
        var retold = false
        /// The organisations among its participants (a body meets in its own meetings: `саммит СНГ` is another meeting).
        var bodies: [String] = []
        /// An agreement whose document is named by a word pointing back (`the document, signed by …`, `документ
        /// подписали …`, `құжатқа қол қойды`; `dated_documents.tsv` kind `anaphor`): the agreement told before retold.
        var refersBack = false
    }

    /// Whether a word of taking part stands within `participantWindow` atoms of the meeting word `h` (a verb-final
    /// sentence lists everyone who came between them).
    func attends(_ h: Hit, _ a: [Atom]) -> Bool {
        guard h.type == .meeting else { return false }
        let lo = max(0, h.first - Self.participantWindow), hi = min(a.count, h.last + 1 + Self.participantWindow)
        return (lo..<hi).contains { i in
            a[i].kind == .word && lex.attendIndex.mayStart(a[i].head)
                && lex.attendIndex.lookup(a[i].text).contains { patternEnd(lex.attendPatterns[$0.0], from: i, a) != nil }
        }
    }

    /// The meeting an attendance telling retells: the first meeting event of its document, told before it, with the same
    /// modality and a compatible date. The first, not the nearest: a story recalls earlier summits in passing (`the
    /// first summit took place in 2002`), while who came is told of the summit the story is about.
    static func attendedMeeting(_ e: Event, _ t: Telling, in out: [Event], documents: [Int]) -> Int? {
        guard t.attends, e.type == .meeting else { return nil }
        let d2 = t.datedByDateline ? nil : e.date?.value
        return out.indices.first { c in
            guard documents[c] == t.document, out[c].type == .meeting, out[c].modality == e.modality,
                  out[c].mentions[0].sentenceIndex < e.mentions[0].sentenceIndex else { return false }
            let d1 = out[c].date?.value
            return d1 == nil || d2 == nil || d1 == d2
        }
    }

    /// The meeting a meeting told without a date of its own retells: the document's first meeting event told before it,
    /// with the same modality and a compatible date, when the telling names no other side (a counterpart: `провёл
    /// переговоры с …`) and no other body (`прошёл саммит СНГ`) than that meeting's. A story tells one meeting and then
    /// what happened there (`The summit, chaired by …, also adopted`, `Саммит соңында … қол қойды`, `called the meeting a
    /// historic day`); a second meeting it tells comes with its own date or its own parties.
    /// `first`: the document's first meeting event of the telling's modality (kept by the merge as events are filed).
    static func retoldMeeting(_ e: Event, _ t: Telling, in out: [Event], first: Int?) -> Int? {
        guard t.retold, e.type == .meeting, let c = first,
              out[c].mentions[0].sentenceIndex < e.mentions[0].sentenceIndex else { return nil }
        let d1 = out[c].date?.value, d2 = e.date?.value
        guard d1 == nil || d2 == nil || d1 == d2 else { return nil }
        let named = Set(out[c].participants.compactMap(\.entityID))
        for p in e.participants {
            guard let id = p.entityID, !named.contains(id) else { continue }
            if p.role == "counterpart" || t.bodies.contains(id) { return nil }
        }
        return c
    }
}
