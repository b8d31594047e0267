import DalaText

// Output: registry records and document-local entities, mentions in text order.
extension DocumentPass {
    // MARK: Output

    func assemble(text: String) -> EntityAnalysis {
        let original = ScalarText(text)
        func surface(_ span: Span) -> String { original.slice(span) }
        var records: [String: EntityRecord] = [:]
        var order: [String] = []
        var out: [Mention] = []
        out.reserveCapacity(mentions.count)
        for m in mentions {
            let id: String
            if let c = m.candidates.first {
                id = store.infos[c].record.id
                if records[id] == nil { records[id] = store.infos[c].record; order.append(id) }
            } else if let local = m.local {
                id = local.key
                let surf = surface(m.span)
                let lang = sentences[m.sentence].language
                // The sentence's language when it is a registered one (kk ru en ky), else the label's letters'.
                let key = lang.isRegistered ? lang.rawValue : Morphology.guessLanguage(local.label).rawValue
                if var r = records[id] {
                    if !r.aliases.contains(surf) { r.aliases.append(surf); records[id] = r }
                    // One entity named in two scripts (`localPeopleAcrossScripts`) keeps a label in each.
                    let latin = !local.label.unicodeScalars.contains { TextNorm.isCyrillic($0.value) }
                    if r.labels[key] == nil,
                       r.labels.values.allSatisfy({ $0.unicodeScalars.contains { TextNorm.isCyrillic($0.value) } == latin }) {
                        r.labels[key] = local.label; records[id] = r
                    }
                } else {
                    records[id] = EntityRecord(id: id, type: local.type, labels: [key: local.label], aliases: [surf],
                                               fromKnowledgeBase: false)
                    order.append(id)
                }
            } else { continue }
            out.append(Mention(entityID: id, span: m.span, surface: surface(m.span), sentenceIndex: sentences[m.sentence].index,
                               confidence: (m.confidence * 100).rounded() / 100, kind: m.kind,
                               alternatives: m.alternatives.map { store.infos[$0].record.id },
                               alternativeScores: m.alternativeScores))
        }
        out.sort { $0.span.start < $1.span.start || ($0.span.start == $1.span.start && $0.span.end > $1.span.end) }
        return EntityAnalysis(entities: order.compactMap { records[$0] }, mentions: out)
    }
}
