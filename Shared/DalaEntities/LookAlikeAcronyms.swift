import DalaText

// Acronyms out of force in their own sentence: "ЕЭС … с 2015 года" is no European Economic Community (1958–2009) but
// most likely the EAEU's "ЕАЭС" with a letter dropped. The look-alike joins the candidates, a little behind, and the
// linker weighs it with the years and the rest of the evidence; when that does not settle it, the mention keeps the
// written reading as an alternative with its score.
extension DocumentPass {
    /// What a candidate read through a dropped letter loses against the written reading in the linker's scores.
    static let lookAlikePenalty = 3.5

    /// For each acronym mention in a sentence with years, none of which any of its entities was in force in, and whose
    /// entities the document names nowhere by a full name (nor defines the acronym): the registry acronyms it spells
    /// with one letter dropped whose entity was in force in one of those years become candidates too
    /// (`lookAlikeReadings` marks them for the linker). Run right before `link()`.
    mutating func outOfForceAcronyms() {
        for idx in mentions.indices where mentions[idx].kind == .acronym && !mentions[idx].candidates.isEmpty {
            let m = mentions[idx]
            let years = sentenceYears[m.sentence]
            guard !years.isEmpty, m.candidates.allSatisfy({ c in
                let info = store.infos[c]
                return (info.validFrom != nil || info.validTo != nil) && !years.contains { info.isValid(inYear: $0) }
            }) else { continue }
            // A reading the document gives by its full name, or an acronym it defines, is its own usage, no slip.
            if acronyms[units[m.sentence][m.start].key] != nil
                || mentions.contains(where: { $0.kind == .name && $0.candidates.contains(where: m.candidates.contains) }) { continue }
            let sc = units[m.sentence][m.start].sc
            var extra: [Int] = []
            for (form, e) in store.acronymForms[sc.count + 1] ?? [] where sc.count >= 3 && !m.candidates.contains(e) && !extra.contains(e) {
                let info = store.infos[e]
                guard info.validFrom != nil || info.validTo != nil, years.contains(where: { info.isValid(inYear: $0) }),
                      FuzzyIndex.isOneEdit(sc[...], form[...]) else { continue }
                extra.append(e)
            }
            guard !extra.isEmpty else { continue }
            mentions[idx].candidates = (m.candidates + extra).sorted()
            lookAlikeReadings[idx] = Set(extra)
        }
    }
}
