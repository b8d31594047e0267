import DalaEntities
import DalaText

// Topic pass: the organisation a story is about. An event whose parties are named only by their role (`the leaders`,
// `Members`, `its first summit`, `тараптар`) in a story about one organisation is that organisation's event.
extension EventDetector {
    /// Event types whose role-only parties are the story's organisation (a founding or a membership names its own).
    static let topicTakers: Set<EventType> = [.meeting, .agreement, .cooperation, .proposal, .statement]

    /// Whether a `series` cue (`next`, `следующий`, `келесі`) stands right before the trigger (at most one word between).
    func nextOfSeries(_ h: Hit, _ cues: [CueMatch]) -> Bool {
        cues.contains { m in lex.modalityCues[m.cue].place == .series && m.last < h.first && h.first - m.last <= 2 }
    }

    /// How many sentences back the story's organisation must have been named for a role-only party to be it: in a long
    /// article about many bodies, the one it names most often is not what a paragraph far from its last mention is about.
    static let topicReach = 4

    /// The story's organisation for sentence `s`, when it was named in `s` or in the `topicReach` sentences before.
    func topic(for s: Sentence, _ topics: [Int: Topic]) -> Topic? {
        guard let t = topics[s.documentIndex] else { return nil }
        return t.sentences.contains { $0 <= s.index && s.index - $0 <= Self.topicReach } ? t : nil
    }

    struct Topic {
        var entityID: String
        var surface: String
        /// The sentences (`Sentence.index`) that name it.
        var sentences: [Int]
    }

    /// The organisation each document names most often (names and acronyms, at least twice, more than any other).
    func topicOrganisations(sentences: [Sentence], mentions: [Mention],
                            types: [String: EntityType]) -> [Int: Topic] {
        var documentOf: [Int: Int] = [:]
        for s in sentences { documentOf[s.index] = s.documentIndex }
        var counts: [Int: [String: Int]] = [:]
        var surfaces: [String: String] = [:]
        var named: [String: [Int]] = [:]
        for m in mentions where types[m.entityID] == .organization && (m.kind == .name || m.kind == .acronym) {
            guard let d = documentOf[m.sentenceIndex] else { continue }
            counts[d, default: [:]][m.entityID, default: 0] += 1
            if surfaces[m.entityID] == nil { surfaces[m.entityID] = m.surface }
            named[m.entityID, default: []].append(m.sentenceIndex)
        }
        var out: [Int: Topic] = [:]
        for (d, c) in counts {
            let ranked = c.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            guard let top = ranked.first, top.value >= 2, ranked.count == 1 || ranked[1].value < top.value else { continue }
            out[d] = Topic(entityID: top.key, surface: surfaces[top.key] ?? top.key,
                           sentences: (named[top.key] ?? []).filter { documentOf[$0] == d })
        }
        return out
    }
}
