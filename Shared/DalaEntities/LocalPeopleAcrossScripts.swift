import DalaText

// Local people named in two scripts in one document (`А.Д. Арбашиева` in a Kazakh article, `A.D. Arbashiyeva` in its
// English abstract) are one entity. Local people are filed by surname within a script already; across scripts the
// surname keys meet in the transliteration key (`lexicon/transliteration.tsv`, fine: vowel classes kept), when it
// holds at least three consonants.
extension DocumentPass {
    mutating func localPeopleAcrossScripts() {
        let prefix = "local:person:"
        var first: [[UInt32]: (id: String, cyrillic: Bool)] = [:]
        var rename: [String: String] = [:]
        for m in mentions where m.candidates.isEmpty {
            guard let l = m.local, l.type == .person, l.key.hasPrefix(prefix), rename[l.key] == nil else { continue }
            let sc = TextNorm.normalizeScalars(l.key.dropFirst(prefix.count))
            guard sc.count >= 5 else { continue }
            let key = store.transliteration.table.key(sc, fine: true)
            guard TransliterationTable.consonants(key) >= 3 else { continue }
            let cyrillic = sc.contains(where: TextNorm.isCyrillic)
            if let f = first[key] {
                if f.id != l.key, f.cyrillic != cyrillic { rename[l.key] = f.id }
            } else {
                first[key] = (l.key, cyrillic)
            }
        }
        guard !rename.isEmpty else { return }
        for i in mentions.indices {
            if let l = mentions[i].local, let to = rename[l.key] { mentions[i].local = (to, l.type, l.label) }
        }
    }
}
