import DalaText

// Pass 5: bare acronyms and lone surnames whose definition is elsewhere in the document.
extension DocumentPass {
    // MARK: Second pass over the document

    /// Bare acronyms defined elsewhere in the document, and lone surnames of people named in full elsewhere.
    mutating func documentNamesPass(_ s: Int) {
        let us = units[s]
        for i in us.indices where us[i].isWord && !consumed[s][i] {
            if !acronyms.isEmpty, let def = acronyms[us[i].key], DocumentPass.looksLikeAcronym(us[i].text) {
                var m = def
                m.sentence = s; m.start = i; m.end = i + 1; m.span = us[i].span; m.kind = .acronym; m.definesAcronym = false
                add(m)
            } else if !localSurnames.isEmpty, us[i].isCapitalized, !us[i].isAllCaps, let key = surnameKey(us[i]),
                      let def = localSurnames[key] {
                var m = def
                m.sentence = s; m.start = i; m.end = i + 1; m.span = us[i].span; m.confidence = 0.6
                add(m)
            }
        }
    }
}
