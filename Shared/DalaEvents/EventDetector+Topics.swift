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

    /// The organisation each document names most often (names and acronyms, at least twice, more than any other).
    func topicOrganisations(sentences: [Sentence], mentions: [Mention],
                            types: [String: EntityType]) -> [Int: (entityID: String, surface: String)] {
        var documentOf: [Int: Int] = [:]
        for s in sentences { documentOf[s.index] = s.documentIndex }
        var counts: [Int: [String: Int]] = [:]
        var surfaces: [String: String] = [:]
        for m in mentions where types[m.entityID] == .organization && (m.kind == .name || m.kind == .acronym) {
            guard let d = documentOf[m.sentenceIndex] else { continue }
            counts[d, default: [:]][m.entityID, default: 0] += 1
            if surfaces[m.entityID] == nil { surfaces[m.entityID] = m.surface }
        }
        var out: [Int: (entityID: String, surface: String)] = [:]
        for (d, c) in counts {
            let ranked = c.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            guard let top = ranked.first, top.value >= 2, ranked.count == 1 || ranked[1].value < top.value else { continue }
            out[d] = (top.key, surfaces[top.key] ?? top.key)
        }
        return out
    }
}
