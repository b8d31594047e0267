import DalaText

// Kazakh-style formal names that hold a topic postposition before their head: "Азиядағы өзара іс-қимыл және сенім
// шаралары жөніндегі кеңес" (CICA), "Еуропадағы қауіпсіздік және ынтымақтастық жөніндегі ұйым" (OSCE). The descriptive
// endings inside (-дағы, -ндегі) do not make them descriptions: the longest well-formed name decides, not the place
// it opens with nor the bare head word ("Кеңес" alone is Soviet).
extension DocumentPass {
    /// In a suffix-chain sentence, a head noun (possessive or bare, capitalised or not) right after a
    /// `topic-postposition` word of `<lang>/name_phrases.tsv` closes a name that opens at the nearest capitalised word
    /// within eight words to the left (a registry place in the locative counts: "Азиядағы"), the words between
    /// lowercase or connectors. A head the registry read alone (the Soviet homonym) joins the name.
    mutating func topicPostpositionNames(_ s: Int) {
        guard lex.morphologyKind(sentences[s].language) == .suffixChain, units[s].count >= 4 else { return }
        let keys = lex.phrases.topicPostpositionKeys
        var posts: [Int] = []
        for p in 1..<units[s].count - 1 where units[s][p].isWord && keys.contains(units[s][p].key) { posts.append(p) }
        for p in posts {
            let h = p + 1
            guard !consumed[s][p], units[s][h].isWord else { continue }
            if consumed[s][h] {
                // Only a one-word registry reading of the head itself gives way.
                guard let m = mentionCovering(s, h), m.start == h, m.end == h + 1 else { continue }
            }
            guard let type = headNoun(s, h, kind: .suffixChain)?.type ?? bareHead(units[s][h])?.head.type,
                  let start = topicNameStart(s, before: p) else { continue }
            for k in start..<h + 1 { consumed[s][k] = false }
            addOrganization(s, start, h + 1, type: type)
        }
    }

    /// The opening word of a topic-postposition name whose postposition is at `p`: the nearest capitalised word to the
    /// left, at least one lowercase word before `p`, within eight words; nil at punctuation or another name's word.
    func topicNameStart(_ s: Int, before p: Int) -> Int? {
        let us = units[s]
        var k = p - 1, words = 0
        while k >= 0, words < 8 {
            guard us[k].isWord else { return nil }
            if us[k].isCapitalized {
                guard words >= 1, !(us[k].isSentenceStart && !consumed[s][k]) else { return nil }
                guard consumed[s][k] else { return k }
                // A registry place opens it only in the locative adjective ("Азиядағы"): a bare or genitive one
                // ("Ресей арасындағы …", "Қазақстанның …") names the parties or the owner of a description.
                // (Any of the mentions there: a person pass may have read the word as well.)
                guard s < mentionsBySentence.count, let mi = mentionsBySentence[s].last(where: { mentions[$0].start <= k && mentions[$0].end == k + 1 && isPlaceLike(mentions[$0]) }),
                      us[k].sc.count >= 6,
                      lex.adjectives.adjectiveSuffixes.contains(where: { $0.count >= 3 && TextNorm.hasSuffix(us[k].sc, $0) }) else { return nil }
                return mentions[mi].start
            }
            guard !consumed[s][k], lex.phrases.headLastConnectorKeys.contains(us[k].key) || !lex.notNameKeys.contains(us[k].key) else { return nil }
            k -= 1; words += 1
        }
        return nil
    }

    /// A local organisation, programme or agreement name that words a registry name of the same type otherwise is that
    /// entity when the document names it elsewhere (by its acronym, say): the same first and last word stems, and either
    /// (four words or more) three fifths of either name's words in common, connectors aside ("Азиядағы сенім шаралары
    /// және қауіпсіздік жөніндегі Кеңес" for CICA's "Азиядағы өзара іс-қимыл және сенім шаралары жөніндегі кеңес"), or
    /// the registry name with one word left out ("Центральноазиатское сообщество" for the Central Asian Economic
    /// Community). One such entity only; none, the name stays local.
    mutating func paraphrasedRegistryNames() {
        var named: Set<Int>?
        for idx in mentions.indices where mentions[idx].kind == .name && mentions[idx].end - mentions[idx].start >= 2 {
            guard let local = mentions[idx].local, [.organization, .programme, .agreement].contains(local.type) else { continue }
            let m = mentions[idx], us = units[m.sentence]
            guard let first = (m.start..<m.end).first(where: { us[$0].isWord }) else { continue }
            // The registry names that open with the local name's first word (an index probe, not a scan of the registry).
            var names: [Int32] = []
            for a in matcher.analyses(of: us[first]) { names += store.namesByFirstWord[a.word] ?? [] }
            guard !names.isEmpty else { continue }
            if named == nil { named = Set(mentions.filter { $0.local == nil }.flatMap(\.candidates)) }
            names = names.filter { let e = store.names[Int($0)].entity; return named!.contains(e) && store.infos[e].record.type == local.type }
            guard !names.isEmpty else { continue }
            let words = us[m.start..<m.end].filter { $0.isWord && !lex.phrases.isConnector($0.key) }
            guard words.count >= 2 else { continue }
            let script = words[0].script
            let stems = words.map { Morphology.stem($0.text, language: script) }
            var found: [Int] = []
            for nid in names {
                let name = store.names[Int(nid)]
                guard name.kind == .name, !found.contains(name.entity) else { continue }
                let rs = name.words.map { store.bareWords[Int($0)] }.filter { !lex.phrases.isConnector(TextNorm.key($0)) }
                    .map { Morphology.stem($0, language: script) }
                guard rs.count >= 3, rs.first == stems.first, rs.last == stems.last else { continue }
                let common = Set(rs).intersection(stems).count
                if stems.count >= 4 && rs.count >= 4 && common * 5 >= rs.count * 3 && common * 5 >= stems.count * 3
                    || rs.count == stems.count + 1 && common == stems.count && Set(stems).count == stems.count {
                    found.append(name.entity)
                }
            }
            if found.count == 1 {
                mentions[idx].candidates = found; mentions[idx].local = nil; mentions[idx].confidence = 0.7
            }
        }
    }
}
