import DalaText

// Pass 3: organisations and other head-noun names outside the registry (kk, ru, en phrase shapes).
extension DocumentPass {
    // MARK: Organisations outside the registry

    /// The head noun at `i` among those of the languages of morphology `kind`.
    func headNoun(_ s: Int, _ i: Int, kind: MorphologyKind) -> Lexicon.HeadNoun? {
        // Most words fail on their first four letters: test those in place before copying the unit.
        guard units[s][i].isWord, lex.headNounPrefixes.contains(TextNorm.prefixKey(units[s][i].sc)) else { return nil }
        return headNoun(units[s][i], kind: kind)
    }

    /// The head noun at `i` of any language (the kinds in the registry order of their first language).
    func headNounAny(_ s: Int, _ i: Int) -> Lexicon.HeadNoun? {
        guard units[s][i].isWord, lex.headNounPrefixes.contains(TextNorm.prefixKey(units[s][i].sc)) else { return nil }
        let u = units[s][i]
        for kind in lex.headNounKinds {
            if let h = headNoun(u, kind: kind) { return h }
        }
        return nil
    }

    /// `u` as a head noun of the languages of morphology `kind`, inflected as that kind inflects.
    private func headNoun(_ u: WordUnit, kind: MorphologyKind) -> Lexicon.HeadNoun? {
        switch kind {
        case .suffixChain:
            if let h = lex.suffixChainHeadNouns[u.key] { return h }
            guard u.sc.count >= 5 else { return nil }
            var stems = Morphology.SuffixChainStems(u.sc, chain: lex.suffixChains[Int(u.reading)], maxDepth: 2)
            while let c = stems.next() {
                if let h = lex.suffixChainHeadNouns[c.key] { return h }
            }
        case .paradigm:
            if let h = lex.paradigmHeadNouns[u.key] { return h }
            let n = Morphology.russianStemLength(u.sc, lexicon: lex)
            if n < u.sc.count, let h = lex.russianHeadStems[TextNorm.hash(u.sc.prefix(n))] { return h }
        case .english:
            if let h = lex.englishHeadNouns[u.key] { return h }
            if u.sc.last == 0x73, let h = lex.englishHeadNouns[TextNorm.hash(u.sc.dropLast())] { return h }
        }
        return nil
    }

    func mentionCovering(_ s: Int, _ i: Int) -> RawMention? {
        lastMentionIndex(in: s) { $0.start <= i && i < $0.end }.map { mentions[$0] }
    }

    /// A registry organisation named in full (not an acronym): "Кеден одағы" before "комиссиясы".
    func isOrganizationName(_ m: RawMention) -> Bool {
        m.kind == .name && !m.candidates.isEmpty && m.candidates.allSatisfy { store.infos[$0].record.type == .organization }
    }

    func isPersonName(_ m: RawMention) -> Bool {
        m.kind == .name && !m.candidates.isEmpty && m.candidates.allSatisfy { store.infos[$0].record.type == .person }
    }

    func isPlaceLike(_ m: RawMention) -> Bool {
        m.candidates.contains { [.country, .place, .people].contains(store.infos[$0].record.type) }
    }

    /// "2017 жылғы Астана декларациясы", "… 1992 года", "the 2010 Astana Declaration": a year written into the name of
    /// a registry agreement keeps the agreements concluded that year (`from`); when none of them was, the name is
    /// another document, a local agreement with the year in its name.
    /// One pass over the document's mentions before the organisation pass (per sentence it was quadratic).
    mutating func datedAgreementNamesPass() {
        func year(_ u: WordUnit) -> Int? {
            guard u.shape == .number, u.sc.count == 4, let y = Int(u.text), (1800...2200).contains(y) else { return nil }
            return y
        }
        var local: [(Int, Int, Int)] = []
        for idx in mentions.indices where mentions[idx].kind == .name {
            let m = mentions[idx]
            guard !m.candidates.isEmpty, m.candidates.allSatisfy({ store.infos[$0].record.type == .agreement }) else { continue }
            let s = m.sentence, us = units[s]
            var y: Int?, start = m.start, end = m.end
            if m.start >= 2, us[m.start - 1].isWord, lex.phrases.datedNameKeys.contains(us[m.start - 1].key), let v = year(us[m.start - 2]) {
                y = v; start = m.start - 2
            } else if m.start >= 1, lex.morphologyKind(us[m.start].script) == .english, let v = year(us[m.start - 1]) {
                y = v; start = m.start - 1
            } else if m.end + 1 < us.count, let v = year(us[m.end]), us[m.end + 1].isWord,
                      lex.phrases.datedNameKeys.contains(us[m.end + 1].key) {
                y = v; end = m.end + 2
            }
            guard let y else { continue }
            // The year it was concluded: `from`, or a declaration's one `doc.years` year (declarations have no validity).
            func concluded(_ c: Int) -> Int? {
                let info = store.infos[c]
                if let f = info.validFrom { return f / 10000 }
                if let a = info.documentYearsFrom, a == info.documentYearsTo { return a }
                return nil
            }
            let fits = m.candidates.filter { concluded($0) == y }
            if !fits.isEmpty {
                mentions[idx].candidates = fits
            } else if m.candidates.allSatisfy({ concluded($0) != nil }),
                      !(start..<end).contains(where: { consumed[s][$0] && !(m.start..<m.end).contains($0) }) {
                local.append((s, start, end))
            }
        }
        for (s, a, b) in local {
            for k in a..<b { consumed[s][k] = false }
            addOrganization(s, a, b, type: .agreement)
        }
    }

    mutating func organizationPass(_ s: Int) {
        let us = units[s]
        let sentenceKind = lex.morphologyKind(sentences[s].language)
        var i = 0
        while i < us.count {
            guard us[i].isWord else { i += 1; continue }
            // The rule the word's letters call for: its language's morphology kind (kk, ru, en).
            let kind = lex.morphologyKind(us[i].script)
            // ТОО «Алтын Тау», JSC "Samruk": a company named after its legal form (unless the registry knows it).
            if !consumed[s][i], lex.legalFormKeys.contains(us[i].key), i + 1 < us.count, us[i + 1].isQuote {
                var q = i + 2
                while q < us.count, !us[q].isQuote, q - i <= 7 { q += 1 }
                if q < us.count, q > i + 2, us[q].isQuote, !(i + 2..<q).contains(where: { consumed[s][$0] }) {
                    addOrganization(s, i, q + 1, type: .organization); i = q + 1; continue
                }
            }
            // «Стратегия ЕС для ЦА», «Концепция внешней политики РК»: a quoted phrase that opens with a head noun is a name.
            if !consumed[s][i], i > 0, us[i - 1].isQuote, us[i - 1].mark != 0xBB, us[i].isCapitalized,
               let head = kind == .english ? headNoun(s, i, kind: .english)
                                        : headNoun(s, i, kind: .paradigm) ?? headNoun(s, i, kind: .suffixChain) {
                var q = i + 1
                while q < us.count, !us[q].isQuote, q - i <= 12, us[q].mark != 0x2E { q += 1 }
                if q < us.count, q > i + 1, us[q].isQuote, !(i..<q).contains(where: { consumed[s][$0] && !isPlaceLikeAt(s, $0) && !isAcronymAt(s, $0) }) {
                    addOrganization(s, i, q, type: head.type); i = q + 1; continue
                }
            }
            // "Security Council of Kazakhstan", "Совета безопасности Армении": a registry body's generic name followed
            // by a state ("of" + the state in English, the state's genitive in Russian) is that state's body.
            if consumed[s][i], kind != .suffixChain, let m = mentionCovering(s, i), m.start == i, isOrganizationName(m), m.end < us.count {
                var k = m.end
                if kind == .english, us[k].isWord, lex.phrases.stateOfKeys.contains(us[k].key) { k += 1 }
                if k < us.count, k > m.end || kind == .paradigm, us[k].isCapitalized, let c = mentionCovering(s, k), c.start == k,
                   c.kind == .name, !c.candidates.isEmpty, c.candidates.allSatisfy({ store.infos[$0].record.type == .country }),
                   !isPossessiveAt(s, k),
                   // a generic name (it holds a head noun: "Council", "совета"), not a proper one ("Жогорку Кенеш"),
                   (m.start..<m.end).contains(where: { headNoun(s, $0, kind: kind == .english ? .english : .paradigm) != nil }),
                   // and not a body of that very state
                   !m.candidates.contains(where: { b in store.infos[b].relations.contains { r in
                       c.candidates.contains { store.infos[$0].record.id == r.target } } }) {
                    addOrganization(s, i, c.end, type: .organization); i = c.end; continue
                }
            }
            // An English name may start with a registry place or adjective ("Eurasian Research Institute").
            // (Not after a possessive: in "Kazakhstan's Foreign Ministry" the country is a mention of its own.)
            // (After an organisation's acronym too: "the CICA Asia Council" is a body of CICA, not Asia.)
            guard !consumed[s][i] || (kind == .english && (isPlaceLikeAt(s, i) && !isPossessiveAt(s, i) || isNameInsideLongerAt(s, i))
                                      && (i == 0 || !consumed[s][i - 1] || isOrganizationAcronymAt(s, i - 1)))
            else { i += 1; continue }
            // Suffix-chain languages (kk): the head closes the phrase ("Халықаралық қатынастар факультеті").
            if !consumed[s][i], kind != .english, sentenceKind != .paradigm || kind == .suffixChain,
               let head = headNoun(s, i, kind: .suffixChain) {
                if let start = headLastNameStart(s, head: i, type: head.type) {
                    addOrganization(s, start, i + 1, type: head.type); i += 1; continue
                }
            }
            // Paradigm languages (ru): the head opens the phrase ("Союз журналистов Казахстана"), or follows
            // adjectives ("Азиатский банк развития").
            if !consumed[s][i], kind == .paradigm, let head = headNoun(s, i, kind: .paradigm) {
                var start = i
                // "Астанинскую декларацию": a registry adjective opens the name too (and is no mention of its own).
                while start > 0, us[start - 1].isWord, !consumed[s][start - 1] || isAdjectiveAt(s, start - 1),
                      !lex.notNameKeys.contains(us[start - 1].key),
                      lex.phrases.isAdjective(us[start - 1].sc), i - start < 3 { start -= 1 }
                if start < i, start >= 2 { start = coordinatedAdjectiveStart(s, start) }
                while start < i, !us[start].isCapitalized { start += 1 }
                var end = i + 1
                var k = i + 1
                while k < us.count, k - i <= 7 {
                    let w = us[k]
                    if w.isQuote, k == end, w.text == "«" || w.text == "\"" || w.text == "“" {
                        var q = k + 1
                        while q < us.count, !us[q].isQuote, q - k <= 6 { q += 1 }
                        if q < us.count, q > k + 1 { end = q + 1 }
                        break
                    }
                    // "Концепция внешней политики РК на 2014-2020 годы": a period after the name belongs to it.
                    if w.isWord, lex.phrases.periodPrepositionKeys.contains(w.key), end == k {
                        var q = k + 1
                        while q < us.count, q - k <= 4, us[q].shape == .number || us[q].isDash && q > k + 1 { q += 1 }
                        if q > k + 1, q < us.count, us[q - 1].shape == .number, us[q].isWord,
                           lex.phrases.yearNounKeys.contains(us[q].key) { end = q + 1 }
                        break
                    }
                    // "Комиссия по экономике", "Договор о вечной дружбе": after по/о/об the next two lowercase words
                    // may stand in any case.
                    if w.isWord, lex.phrases.topicPrepositionKeys.contains(w.key) {
                        var q = k + 1
                        while q < us.count, q - k <= 3, us[q].isWord,
                              !lex.notNameKeys.contains(us[q].key), !lex.phrases.looksVerbal(us[q].sc),
                              !lex.phrases.stopPrepositionKeys.contains(us[q].key) {
                            // "Соглашение о Таможенном союзе": a registry name inside the agreement's name.
                            if consumed[s][q], let m = mentionCovering(s, q) { q = m.end; break }
                            q += 1
                        }
                        // "Соглашение о партнёрстве и сотрудничестве": a second topic word in the same case joins it.
                        if q > k + 1, let r = coordinatedTopicEnd(s, q) { q = r }
                        if q > k + 1 { k = q; end = q; continue }
                        break
                    }
                    // "банк сотрудничества и развития": a second lowercase genitive joins the complement ("и" is
                    // otherwise no name word; a capitalised one after it is a name of its own: "… Казахстана и России").
                    if w.isWord, lex.phrases.headFirstConnectorKeys.contains(w.key), end == k {
                        if k + 1 < us.count, us[k + 1].isWord, !us[k + 1].isCapitalized, lex.phrases.looksGenitive(us[k + 1].sc),
                           !consumed[s][k + 1], !lex.notNameKeys.contains(us[k + 1].key),
                           headNoun(s, k + 1, kind: .paradigm) == nil { k += 1; continue }
                        break
                    }
                    guard w.isWord, !w.isInitial, !w.text.contains("."), !lex.notNameKeys.contains(w.key),
                          !consumed[s][k] || isPlaceLikeAt(s, k), headNoun(s, k, kind: .paradigm) == nil else { break }
                    guard lex.phrases.looksGenitive(w.sc) || (w.isCapitalized && isPlaceLikeAt(s, k)) else { break }
                    // "совета республики": the republic is a state named elsewhere, not part of the body's name.
                    if !w.isCapitalized, lex.stateNounKeys.contains(w.key) { break }
                    k += 1; end = k
                }
                let capitalizedHead = us[start].isCapitalized && (start < i || !us[i].isSentenceStart || end > i + 1)
                    && !isSentenceOpeningDescription(s, start, i, end) && !isSentenceOpeningStateProgramme(s, start, i, end, type: head.type)
                if capitalizedHead, end - start >= 2, !isDirectionAndHead(s, start, end) {
                    addOrganization(s, start, end, type: head.type); i = end; continue
                }
            }
            // English: a run of capitalised words containing a head noun ("Kazakhstan Institute for Strategic Studies").
            if kind == .english, us[i].isCapitalized, !lex.notNameKeys.contains(us[i].key) {
                var end = i
                var hasHead: Lexicon.HeadNoun?
                var headAt = -1
                var k = i
                var absorbed = 0            // registry persons and organisations taken in (one at most)
                while k < us.count {
                    let w = us[k]
                    if w.isWord, w.isCapitalized, !consumed[s][k] || isPlaceLikeAt(s, k)
                        || absorbed == 0 && isNameInsideLongerAt(s, k) && (k == i || !consumed[s][k - 1]) {
                        if consumed[s][k], !isPlaceLikeAt(s, k), let m = mentionCovering(s, k) {
                            absorbed += 1
                            // The whole registry name joins the run; one with its own head ends it ("Collective" +
                            // "Security Council"), so "European Council President …" stays the registry name.
                            var inner = false
                            for q in k..<m.end { if let h = headNoun(s, q, kind: .english) { hasHead = h; headAt = q; inner = true } }
                            k = m.end; end = k
                            if inner { break }
                            continue
                        }
                        if hasHead == nil || headAt < k, let h = headNoun(s, k, kind: .english) { hasHead = h; headAt = k }
                        k += 1; end = k; continue
                    }
                    if w.isWord, lex.phrases.runConnectorKeys.contains(w.key), k + 1 < us.count, us[k + 1].isCapitalized,
                       !consumed[s][k + 1] || isPlaceLikeAt(s, k + 1) { k += 1; continue }
                    break
                }
                if let h = hasHead, end - i >= 2, (i..<end).contains(where: { !consumed[s][$0] }) {
                    addOrganization(s, i, end, type: h.type); i = end; continue
                }
            }
            i += 1
        }
    }

    /// «Демократия және адам құқықтары саласындағы Еуропалық бастама»: in a suffix-chain sentence, a quoted phrase
    /// closed by a head noun (possessive or bare) is a name from its opening quote, whatever it holds. A pass of its own
    /// before the sentence's organisation pass (in that pass's word loop it made the optimiser copy every word).
    mutating func quotedHeadLastNames(_ s: Int) {
        guard lex.morphologyKind(sentences[s].language) == .suffixChain, units[s].count >= 4 else { return }
        var closers: [Int] = []
        for i in 1..<units[s].count - 1 where units[s][i + 1].isQuote && units[s][i].isWord && !consumed[s][i]
            && lex.morphologyKind(units[s][i].script) != .english { closers.append(i) }
        for i in closers where !consumed[s][i] {
            guard let head = headNoun(s, i, kind: .suffixChain) ?? bareHead(units[s][i])?.head,
                  let open = openingQuote(s, before: i) else { continue }
            addOrganization(s, open + 1, i + 1, type: head.type)
        }
    }

    /// The opening quote of a quoted phrase of two to ten words ending at word `end`, its first word capitalised, with no
    /// sentence punctuation and no other quote inside; nil otherwise.
    func openingQuote(_ s: Int, before end: Int) -> Int? {
        let us = units[s]
        var k = end - 1, words = 1
        while k >= 0, words <= 10 {
            if us[k].isQuote {
                guard words >= 2, k + 1 < end, us[k + 1].isCapitalized, us[k].mark != 0xBB else { return nil }
                return k
            }
            if us[k].isWord { words += 1 } else if us[k].mark == 0x2E || us[k].mark == 0x3B || us[k].mark == 0x3A { return nil }
            k -= 1
        }
        return nil
    }

    /// The start of a head-last name closed by the head at `head` (`headLastPhraseStart`), unless a facility head
    /// follows no place that names one or a compass word alone precedes the head.
    @inline(never)
    func headLastNameStart(_ s: Int, head: Int, type: EntityType) -> Int? {
        guard let start = headLastPhraseStart(s, head: head), type != .place || namesFacility(s, start),
              !isDirectionAndHead(s, start, head + 1) else { return nil }
        return start
    }

    /// "Экономического и Валютного Союза": two capitalised adjectives joined by a connector before the head; the start
    /// moved to the first of them. Not inlined (nor the two helpers below): in the organisation pass's word loop the
    /// tests made the optimiser copy the lexicon for every word (the pass took four times as long).
    @inline(never)
    func coordinatedAdjectiveStart(_ s: Int, _ start: Int) -> Int {
        let us = units[s]
        guard us[start].isCapitalized, us[start - 1].isWord, lex.phrases.headFirstConnectorKeys.contains(us[start - 1].key),
              us[start - 2].isWord, us[start - 2].isCapitalized, !consumed[s][start - 2], lex.phrases.isAdjective(us[start - 2].sc),
              !lex.notNameKeys.contains(us[start - 2].key) else { return start }
        return start - 2
    }

    /// A sentence's first word is capitalised anyway: an adjective and a head alone there before a comma or the
    /// sentence's end ("Интеграционная инициатива, отвечающая …") describe; with a complement, a word after them
    /// ("Интеграционный комитет союза соберётся …") or mid-sentence they name.
    @inline(never)
    func isSentenceOpeningDescription(_ s: Int, _ start: Int, _ head: Int, _ end: Int) -> Bool {
        let us = units[s]
        return us[start].isSentenceStart && head == start + 1 && end == head + 1 && !consumed[s][start]
            && (end == us.count || us[end].mark == 0x2C || us[end].mark == 0x2E)
    }

    /// "Интеграционная инициатива Казахстана в СНГ …": a sentence's (or heading's) first word is capitalised anyway, and
    /// an adjective with a programme head whose only complement is a state (genitive) tells that state's initiative,
    /// strategy or project, as the lowercase phrase would mid-sentence; the state stays a mention of its own. A body of
    /// the state ("Национальный банк Казахстана": an organisation head) names.
    @inline(never)
    func isSentenceOpeningStateProgramme(_ s: Int, _ start: Int, _ head: Int, _ end: Int, type: EntityType) -> Bool {
        let us = units[s]
        guard type == .programme, us[start].isSentenceStart, head == start + 1, end > head + 1, !consumed[s][start],
              !us[head].isCapitalized, end == us.count || !us[end].isCapitalized,
              let m = mentionCovering(s, head + 1), m.start == head + 1, m.end == end, m.kind == .name, !m.candidates.isEmpty
        else { return false }
        return m.candidates.allSatisfy { store.infos[$0].record.type == .country }
    }

    /// The end of a topic complement that goes on with a connector and a word of the same case ("о партнёрстве и
    /// сотрудничестве", "о Партнёрстве и Сотрудничестве": same last letter, same capitalisation, no verb), `q` being
    /// the word after the complement; nil otherwise.
    @inline(never)
    func coordinatedTopicEnd(_ s: Int, _ q: Int) -> Int? {
        let us = units[s]
        guard q + 1 < us.count, us[q].isWord, lex.phrases.headFirstConnectorKeys.contains(us[q].key),
              us[q - 1].isWord, us[q + 1].isWord, !consumed[s][q + 1], !consumed[s][q - 1],
              us[q + 1].isCapitalized == us[q - 1].isCapitalized, !us[q + 1].isAllCaps,
              us[q - 1].sc.count >= 4, us[q + 1].sc.count >= 4, us[q - 1].sc.last == us[q + 1].sc.last,
              !lex.phrases.looksVerbal(us[q + 1].sc), !lex.notNameKeys.contains(us[q + 1].key),
              headNoun(s, q + 1, kind: .paradigm) == nil else { return nil }
        return q + 2
    }

    /// "«Проект о формировании Евразийского союза государств»": a name made of a programme head, a topic preposition, at
    /// most one lowercase word and a registry programme closing it is that programme (the project of forming the union
    /// is the union's proposal itself); the registry programme's candidates, nil otherwise.
    @inline(never)
    func registryProgrammeInside(_ s: Int, _ start: Int, _ end: Int) -> [Int]? {
        let us = units[s]
        guard s < mentionsBySentence.count, end - start >= 3, us[start + 1].isWord,
              lex.phrases.topicPrepositionKeys.contains(us[start + 1].key),
              let i = mentionsBySentence[s].last(where: { mentions[$0].end == end && mentions[$0].start > start + 1 }) else { return nil }
        let m = mentions[i]
        guard m.start <= start + 3, (start + 2..<m.start).allSatisfy({ us[$0].isWord && !us[$0].isCapitalized }),
              !m.candidates.isEmpty, m.candidates.allSatisfy({ store.infos[$0].record.type == .programme }) else { return nil }
        return m.candidates
    }

    /// A compass word and a head noun alone ("Батыс қоғамдастығы", "Западное сообщество"): the Western community, a
    /// direction, not a body's name (`direction` rows of `<lang>/name_phrases.tsv`).
    @inline(never)
    func isDirectionAndHead(_ s: Int, _ start: Int, _ end: Int) -> Bool {
        // A sentence's first word is capitalised anyway ("Сарапшылар Батыс қоғамдастығы …"): not part of it.
        let st = end - start == 3 && units[s][start].isSentenceStart && !consumed[s][start] ? start + 1 : start
        return end - st == 2 && units[s][st].isWord && !consumed[s][st] && lex.phrases.isDirection(units[s][st].sc)
    }

    /// A registry organisation's acronym ending at `k` ("CICA" before "Asia Council").
    @inline(never)
    func isOrganizationAcronymAt(_ s: Int, _ k: Int) -> Bool {
        guard let m = mentionCovering(s, k), m.end == k + 1, m.kind == .acronym, !m.candidates.isEmpty else { return false }
        return m.candidates.allSatisfy { store.infos[$0].record.type == .organization }
    }

    func isAcronymAt(_ s: Int, _ k: Int) -> Bool {
        guard consumed[s][k], let m = mentionCovering(s, k) else { return false }
        return m.kind == .acronym
    }

    /// A registry person or organisation name starting at `k` that a longer capitalised name may contain
    /// ("Nazarbayev University", "Collective Security Council"): not an acronym, not a possessive ("Russia's").
    func isNameInsideLongerAt(_ s: Int, _ k: Int) -> Bool {
        guard consumed[s][k], let m = mentionCovering(s, k), m.start == k, m.kind == .name, !m.candidates.isEmpty,
              m.candidates.allSatisfy({ [.person, .organization].contains(store.infos[$0].record.type) }) else { return false }
        return !isPossessiveAt(s, k)
    }

    /// Whether the mention covering `k` ends in an English possessive ("Russia's").
    func isPossessiveAt(_ s: Int, _ k: Int) -> Bool {
        guard let m = mentionCovering(s, k) else { return false }
        let last = units[s][m.end - 1].sc
        return last.count > 2 && last.last == 0x73 && (last[last.count - 2] == 0x27 || last[last.count - 2] == 0x2019)
    }

    /// A registry adjective of one word at `k` ("Астанинскую").
    /// After an adjective the head stands bare ("Жасыл келісімнің"): in a suffix-chain sentence, a capitalised
    /// adjective of `adjectives.tsv` (not a registry adjective: "Ресейлік компания" describes) right before a bare
    /// head noun closes a name. Run after the organisation pass of the sentence, over the words a buffer scan picks
    /// (a capitalised word before a word with a head noun's first letters): in the pass's word loop the extra test
    /// made the optimiser copy the lexicon and the words.
    mutating func adjectiveBareHeadNames(_ s: Int) {
        guard lex.morphologyKind(sentences[s].language) == .suffixChain, units[s].count >= 2 else { return }
        let prefixes = lex.headNounPrefixes
        let candidates: [Int] = units[s].withUnsafeBufferPointer { b in
            var out: [Int] = []
            for i in 1..<b.count where b[i - 1].isCapitalized && b[i].isWord && prefixes.contains(TextNorm.prefixKey(b[i].sc)) {
                out.append(i)
            }
            return out
        }
        for i in candidates where !consumed[s][i] && !consumed[s][i - 1] && lex.morphologyKind(units[s][i].script) != .english {
            if let (start, type) = adjectiveBareHeadName(s, i) { addOrganization(s, start, i + 1, type: type) }
        }
    }

    /// The start and type of a name closed by a bare head noun at `i` right after an adjective ("Жасыл келісімнің");
    /// the caller has checked the head's first letters.
    func adjectiveBareHeadName(_ s: Int, _ i: Int) -> (Int, EntityType)? {
        guard isSuffixChainAdjective(s, i - 1), let bare = bareHead(units[s][i]), var start = headLastPhraseStart(s, head: i) else { return nil }
        // A sentence's first word is capitalised anyway ("Сарапшылар Жасыл келісімнің …"): not part of it.
        while start < i - 1, units[s][start].isSentenceStart, !consumed[s][start] { start += 1 }
        return (start, bare.head.type)
    }

    /// A suffix-chain word that is an adjective: a root or an ending of the language's `adjectives.tsv`, or a registry
    /// adjective ("Еуропалық").
    func isSuffixChainAdjective(_ s: Int, _ k: Int) -> Bool {
        guard units[s][k].isWord else { return false }
        if lex.adjectives.adjectiveRootKeys.contains(units[s][k].key) || isAdjectiveAt(s, k) { return true }
        let n = units[s][k].sc.count
        for e in lex.adjectives.adjectiveSuffixes where n >= e.count + 3 && TextNorm.hasSuffix(units[s][k].sc, e) { return true }
        return false
    }

    /// The bare head noun (`AdjectiveTables.suffixChainBareHeads`) a suffix-chain word is, or is a stem of: its length and
    /// whether its last letter is undone ("одағының" → "одақ").
    func bareHead(_ u: WordUnit) -> (length: Int, alternated: Bool, head: Lexicon.HeadNoun)? {
        guard u.sc.count >= 4, u.text.unicodeScalars.count == u.sc.count else { return nil }
        if let h = lex.adjectives.suffixChainBareHeads[u.key] { return (u.sc.count, false, h) }
        var stems = Morphology.SuffixChainStems(u.sc, chain: lex.suffixChains[Int(u.reading)], maxDepth: 3)
        while let c = stems.next() {
            if c.length < u.sc.count, let h = lex.adjectives.suffixChainBareHeads[c.key] { return (c.length, c.alternated, h) }
        }
        return nil
    }

    func isAdjectiveAt(_ s: Int, _ k: Int) -> Bool {
        guard consumed[s][k], let m = mentionCovering(s, k) else { return false }
        return m.kind == .adjective && m.start == k && m.end == k + 1
    }

    func isPlaceLikeAt(_ s: Int, _ k: Int) -> Bool {
        guard consumed[s][k], let m = mentionCovering(s, k) else { return false }
        return isPlaceLike(m) && m.kind != .metonymy
    }

    /// Start of a head-last (suffix-chain language) organisation phrase ending at `head`: the nearest capitalised
    /// word to the left and the capitalised words (or a registry place) right before it, within six words.
    func headLastPhraseStart(_ s: Int, head: Int) -> Int? {
        let us = units[s]
        var k = head - 1
        var start: Int?
        var steps = 0
        while k >= 0, steps < 6 {
            let w = us[k]
            guard w.isWord, !lex.notNameKeys.contains(w.key) else { break }
            if consumed[s][k] {
                // (Not a place in the locative: "Брюссельде инвесторлар форумы" is a forum in Brussels.)
                if let m = mentionCovering(s, k), m.kind != .metonymy, isPlaceLike(m) && !(m.stripped && lex.phrases.isLocative(us[m.end - 1].sc))
                    || (isPersonName(m) || isOrganizationName(m)) && m.end == head {
                    start = m.start
                }
                break
            }
            if w.isCapitalized && !w.isAllCaps { start = k } else if start != nil { break }
            if lex.phrases.headLastConnectorKeys.contains(w.key) && start == nil { break }
            k -= 1; steps += 1
        }
        guard let st = start else { return nil }
        // "Қазақстанның бастамасы" (a country's initiative) and phrases with a genitive or locative word inside
        // ("Азия елдерінің ортақ стратегиясы") describe; they do not name.
        let firstFree = (st..<head).first { !consumed[s][$0] }
        guard let ff = firstFree else {
            // The name is a registry name and the head alone ("Астана декларациясы", "Назарбаев Университеті"): a city
            // or a person names it; a country before a head mostly describes ("Қазақстан бастамасы").
            guard let m = mentionCovering(s, head - 1), m.end == head, m.start == st,
                  !lex.phrases.descriptiveEndings.contains(where: { TextNorm.hasSuffix(us[head - 1].sc, $0) }),
                  m.candidates.allSatisfy({ [.place, .person].contains(store.infos[$0].record.type) }) || isOrganizationName(m)
            else { return nil }
            return st
        }
        for k in ff..<head {
            let n = us[k].sc
            if lex.phrases.descriptiveEndings.contains(where: { TextNorm.hasSuffix(n, $0) }) { return nil }
        }
        if us[st].isSentenceStart && !consumed[s][st] {
            let caps = (st..<head).filter { us[$0].isCapitalized }.count
            if caps < 2 { return nil }
        }
        return st
    }

    /// A paradigm language's (ru) local name's label in the nominative: the head noun and the adjectives before it
    /// ("Межгосударственного совета" → "Межгосударственный совет", "Национального фонда" → "Национальный фонд");
    /// the words after the head (a genitive complement) stay as written. Unchanged when the head is not inflected.
    func russianNominative(_ words: [WordUnit], _ labelWords: [String]) -> [String] {
        guard let h = words.indices.first(where: { headNoun(words[$0]) != nil }) else { return labelWords }
        let head = words[h]
        if lex.paradigmHeadNouns[head.key] != nil {
            return labelWords       // already the nominative
        }
        let n = Morphology.russianStemLength(head.sc, lexicon: lex)
        guard n < head.sc.count, let lemma = lex.russianHeadLemmas[TextNorm.hash(head.sc.prefix(n))],
              head.text.unicodeScalars.count == head.sc.count else { return labelWords }
        var out = labelWords
        out[h] = DocumentPass.withCaseOf(head.text, lemma)
        let p = lex.phrases
        let last = lemma.unicodeScalars.last.map { String($0) } ?? ""
        let gender = p.feminineNounEnds.contains(last) ? 1 : (p.neuterNounEnds.contains(last) ? 2 : 0)    // m f n
        for k in 0..<h {
            let w = labelWords[k].lowercased()
            guard p.isAdjective(words[k].sc) || p.adjectiveCaseEndings.contains(where: { w.hasSuffix($0) }),
                  let e = p.adjectiveCaseEndings.first(where: { w.hasSuffix($0) && w.count - $0.count >= 3 }) else { continue }
            let stem = String(labelWords[k].dropLast(e.count))
            let soft = stem.last.map { p.softStemLetters.contains(Character($0.lowercased())) } ?? false
            let hushing = stem.last.map { p.hushingLetters.contains(Character($0.lowercased())) } ?? false
            if gender == 0 && p.masculineNominatives.contains(e) { continue }      // "Большой": a masculine nominative already
            let ending = gender == 1 ? p.nominativeFeminine : gender == 2 ? (hushing ? p.nominativeNeuterHushing : p.nominativeNeuter)
                : (soft ? p.nominativeMasculineSoft : p.nominativeMasculine)
            out[k] = stem + ending
        }
        return out
    }

    /// `u` as a head noun of a paradigm language (ru), in any case.
    func headNoun(_ u: WordUnit) -> Lexicon.HeadNoun? {
        headNoun(u, kind: .paradigm)
    }

    /// A local name's label: its words (as `labelWords` gives them, in order) with the numbers and the joining marks
    /// between them as written (`4+N`, `2014-2020`, `стран-экспортеров`), one space where the text has any; quotes
    /// only when both stand inside the name (`Договор «4+N»`).
    static func nameLabel(_ units: ArraySlice<WordUnit>, _ labelWords: [String]) -> String {
        let quotes = units.filter(\.isQuote).count
        var out = ""
        var w = 0
        var previousKept = false
        var previousWordLike = false
        for u in units {
            let wordLike = u.isWord || u.shape == .number
            defer { previousWordLike = wordLike }
            let piece: String
            if u.isWord {
                piece = w < labelWords.count ? labelWords[w] : u.text; w += 1
            } else if u.shape == .number {
                piece = u.text
            } else if u.isQuote ? quotes >= 2 : (u.isDash || u.mark == 0x2B || u.mark == 0x2F) {
                piece = u.text
            } else { previousKept = false; continue }
            if !out.isEmpty, u.followsSpace || !previousKept { out += " " }
            else if !out.isEmpty, wordLike, previousWordLike { out += "-" }   // the parts of a hyphenated word
            out += piece
            previousKept = true
        }
        return out
    }

    /// `lemma` with the first letter's case of `word`.
    static func withCaseOf(_ word: String, _ lemma: String) -> String {
        guard let f = word.first, f.isUppercase else { return lemma }
        return lemma.prefix(1).uppercased() + lemma.dropFirst()
    }

    mutating func addOrganization(_ s: Int, _ start: Int, _ end: Int, type: EntityType) {
        let us = units[s]
        let words = us[start..<end].filter { $0.isWord }
        var labelWords = words.map(\.text)
        // A suffix-chain head noun's case suffix is not part of the name ("Астана декларациясына" → "… декларациясы",
        // ky "… стратегиясын" → "… стратегиясы"): the head nouns of every suffix-chain language (`head_nouns.tsv`).
        let sentenceKind = lex.morphologyKind(sentences[s].language)
        let lastWord = (start..<end).last { us[$0].isWord }
        if let last = words.last, let lw = lastWord,
           lex.morphologyKind(last.script) == .suffixChain || last.sc.contains(where: TextNorm.isCyrillic) && sentenceKind == .suffixChain,
           last.text.unicodeScalars.count == last.sc.count {
            let table = lex.suffixChainHeadNouns
            // After an adjective the possessive comes from the context ("… Одақтың Жасыл келісімі"): the label
            // takes the bare head ("Жасыл келісім"); after a noun it is the name's own (Ұлттық қауіпсіздік комитеті).
            if words.count >= 2, lw > start, us[lw - 1].isWord, isSuffixChainAdjective(s, lw - 1),
               let bare = bareHead(last), bare.length < last.sc.count {
                var head = Array(last.text.unicodeScalars.prefix(bare.length))
                if bare.alternated, let v = head.last, let alt = Unicode.Scalar(lex.suffixChain.alternated(v.value)) {
                    head[head.count - 1] = alt
                }
                labelWords[labelWords.count - 1] = String(String.UnicodeScalarView(head))
            } else if table[last.key] == nil {
                var stems = Morphology.SuffixChainStems(last.sc, chain: lex.suffixChains[Int(last.reading)], maxDepth: 2)
                while let c = stems.next() {
                    guard !c.alternated, c.length < last.sc.count, table[c.key] != nil else { continue }
                    labelWords[labelWords.count - 1] = String(String.UnicodeScalarView(last.text.unicodeScalars.prefix(c.length)))
                    break
                }
            }
        }
        if sentenceKind == .paradigm || words.first.map({ lex.morphologyKind($0.script) }) == .paradigm && sentenceKind != .suffixChain {
            labelWords = russianNominative(words, labelWords)
        }
        let label = DocumentPass.nameLabel(us[start..<end], labelWords)
        // Numbers are part of the name ("Договор «4+N»", "… на 2014-2020 годы"): a name with other numbers is another entity.
        let key = us[start..<end].filter { $0.isWord || $0.shape == .number }
            .map { $0.isWord ? Morphology.stem($0.text, language: $0.script) : $0.text }.joined(separator: "-")
        var m = RawMention(sentence: s, start: start, end: end,
                           span: Span(start: us[start].span.start, end: us[end - 1].span.end), candidates: [],
                           local: ("local:\(type.rawValue):" + key, type, label), kind: .name, confidence: 0.55)
        // "Договор о ЕЭП", "Стратегия ЕС для ЦА": a registry name written with registry acronyms is that name.
        if s < mentionsBySentence.count {
            // Indices first: copying every mention of the sentence for each name was measurable.
            let inner = mentionsBySentence[s].filter {
                mentions[$0].kind == .acronym && mentions[$0].start >= start && mentions[$0].end <= end && !mentions[$0].candidates.isEmpty
            }
            if !inner.isEmpty, let found = registryNameThroughAcronyms(s, start, end, inner: inner.map { mentions[$0] }) {
                m.candidates = found; m.local = nil; m.confidence = 0.75
            }
        }
        if type == .programme, m.local != nil, lex.morphologyKind(us[start].script) == .paradigm,
           let inner = registryProgrammeInside(s, start, end) {
            m.candidates = inner; m.local = nil; m.confidence = 0.75
        }
        for k in start..<end { consumed[s][k] = true }
        // A name inside a longer name is part of it, not a reference of its own (the country in "Kazakhstan Institute
        // for Strategic Studies", the person in "Nazarbayev University", the adjective in "Астанинская декларация").
        mentions.removeAll { m in m.sentence == s && m.start >= start && m.end <= end }
        mentions.append(m)
    }

    /// The registry organisations, programmes or agreements named by the words `start..<end` of sentence `s` when
    /// each of the acronyms `inner` is read as written or as its entity's label in the sentence's language
    /// (`Договор о ЕЭП` = `Договор о едином экономическом пространстве`; `Стратегия ЕС для ЦА` = `Стратегия ЕС для
    /// Центральной Азии`): words are compared by their registry stems, so case endings do not matter.
    func registryNameThroughAcronyms(_ s: Int, _ start: Int, _ end: Int, inner: [RawMention]) -> [Int]? {
        let us = units[s]
        guard let first = (start..<end).first(where: { us[$0].isWord }), !inner.contains(where: { $0.start <= first && first < $0.end }),
              inner.count <= 3 else { return nil }
        let language = sentences[s].language, script = us[first].script
        func stem(_ w: String) -> String { Morphology.stem(w, language: script) }
        // Per acronym: its own stem, or the stems of one of its entities' labels.
        var options: [[[String]]] = []
        for a in inner {
            var alts: [[String]] = [us[a.start..<a.end].filter(\.isWord).map { stem($0.text) }]
            for c in a.candidates {
                guard let label = store.infos[c].record.labels[language.rawValue] else { continue }
                let words = label.split(whereSeparator: { $0 == " " || $0 == "-" }).map { stem(String($0)) }
                if !alts.contains(words) { alts.append(words) }
            }
            options.append(alts)
        }
        var phrases: [[String]] = [[]]
        var k = start
        while k < end {
            if let ai = inner.firstIndex(where: { $0.start == k }) {
                phrases = phrases.flatMap { p in options[ai].map { p + $0 } }
                k = inner[ai].end
            } else {
                if us[k].isWord || us[k].shape == .number { let w = stem(us[k].text); phrases = phrases.map { $0 + [w] } }
                k += 1
            }
        }
        var found: [Int] = []
        for a in matcher.analyses(of: us[first]) {
            for nid in store.namesByFirstWord[a.word] ?? [] {
                let name = store.names[Int(nid)]
                guard name.kind == .name, !found.contains(name.entity),
                      [.organization, .programme, .agreement].contains(store.infos[name.entity].record.type) else { continue }
                let words = name.words.map { stem(store.bareWords[Int($0)]) }
                if phrases.dropFirst().contains(words) { found.append(name.entity) }
            }
        }
        return found.isEmpty ? nil : found
    }
}
