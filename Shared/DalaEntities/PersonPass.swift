import DalaText

// Pass 2: people outside the registry (initials, titles, given name + surname, patronymics).
extension DocumentPass {
    // MARK: People outside the registry

    /// The surname a word spells with its case ending removed ("арбашиевой" → "арбашиев"), or nil when the word
    /// does not end like a surname (-ов, -ева, -ский, -ұлы …) followed by at most one case ending.
    func surnameCore(_ sc: [UInt32], reading: UInt8) -> [UInt32]? {
        let suffixes = lex.suffixChains[Int(reading)].table
        for e in lex.surnameEndingScalars {
            var p = sc.count - e.count
            let e0 = e[0]
            while p >= 3 && p >= sc.count - e.count - 4 {
                // Index loops, first letter first: this runs for every capitalised word.
                var same = sc[p] == e0
                if same {
                    var k = 1
                    while k < e.count { if sc[p + k] != e[k] { same = false; break }; k += 1 }
                }
                if same {
                    let tail = sc[(p + e.count)...]
                    let oneSuffix = tail.last.flatMap { suffixes.list($0) }?.contains { $0.scalars.elementsEqual(tail) } ?? false
                    if tail.isEmpty || lex.phrases.surnameCaseTails.contains(where: { $0.elementsEqual(tail) }) || oneSuffix {
                        var key = Array(sc[..<(p + e.count)])
                        if e.count >= 3, let l = key.last, lex.phrases.surnameFeminineLetters.contains(l) { key.removeLast() }
                        if key.count > 2, lex.phrases.surnameAdjectiveTails.contains(Array(key.suffix(2))) { key.removeLast(2) }
                        return key
                    }
                }
                p -= 1
            }
        }
        return nil
    }

    /// Length of a surname without the suffix-chain case suffix written after it ("Жақыповтың" → 7), nil when no
    /// surname ending is followed by exactly one suffix of the reading's tables.
    func suffixedSurnameNominativeLength(_ sc: [UInt32], reading: UInt8) -> Int? {
        let suffixes = lex.suffixChains[Int(reading)].table
        // "Бектұрова" is already the nominative (-ова), not -ов with a suffix.
        if lex.surnameEndingScalars.contains(where: { TextNorm.hasSuffix(sc, $0) }) { return nil }
        for e in lex.surnameEndingScalars {
            var p = sc.count - e.count - 1
            while p >= 3 && p >= sc.count - e.count - 5 {
                if sc[p..<(p + e.count)].elementsEqual(e) {
                    let tail = sc[(p + e.count)...]
                    if let l = tail.last, suffixes.list(l)?.contains(where: { $0.scalars.elementsEqual(tail) }) == true {
                        return p + e.count
                    }
                }
                p -= 1
            }
        }
        return nil
    }

    func surnameKey(_ u: WordUnit) -> String? { surnameCore(u.sc, reading: u.reading).map { TextNorm.string($0) } }

    func isPatronymic(_ sc: [UInt32]) -> Bool {
        for e in lex.patronymicEndingScalars {
            if TextNorm.hasSuffix(sc, e) { return true }
            for t in lex.phrases.patronymicCaseTails where sc.count > e.count + t.count
                && sc.suffix(t.count).elementsEqual(t) && sc.dropLast(t.count).suffix(e.count).elementsEqual(e) { return true }
        }
        return false
    }

    func isTitle(_ s: Int, _ i: Int) -> Bool {
        return lex.titleKeys.contains(units[s][i].key)
    }

    mutating func addPerson(_ s: Int, _ start: Int, _ end: Int, surnameAt: Int, confidence: Double, key fullKey: String? = nil) {
        let us = units[s]
        let key = fullKey ?? surnameKey(us[surnameAt])
            ?? Morphology.stem(us[surnameAt].text, language: us[surnameAt].script)
        // The label in the nominative: in a suffix-chain language's sentence, a case suffix after the surname is dropped
        // ("Ербол Жақыповтың" → "Ербол Жақыпов", "Гүлнар Сәрсенбаеваның" → "Гүлнар Сәрсенбаева").
        let label = us[start..<end].enumerated().filter { $0.element.isWord }.map { (k, u) -> String in
            guard start + k == surnameAt, lex.hasSuffixChains(sentences[s].language), let n = suffixedSurnameNominativeLength(u.sc, reading: u.reading),
                  u.text.unicodeScalars.count == u.sc.count else { return u.text }
            return String(String.UnicodeScalarView(u.text.unicodeScalars.prefix(n)))
        }.joined(separator: " ")
        let m = RawMention(sentence: s, start: start, end: end,
                           span: Span(start: us[start].span.start, end: us[end - 1].span.end), candidates: [],
                           local: ("local:person:" + key, .person, label), kind: .name, confidence: confidence)
        add(m)
        localSurnames[key] = m
    }

    mutating func personPass(_ s: Int) {
        let us = units[s]
        let familyFirst = lex.adjectives.familyFirstKeys     // read once: the tables sit behind a reference
        var i = 0
        while i < us.count {
            if consumed[s][i] { i += 1; continue }
            // Initials + surname: "А.Д. Арбашиева", "Ш. Уәлиханов"; surname + initials: "Арбашиева А.Д."
            if us[i].isInitial {
                var j = i
                while j < us.count, us[j].isInitial, !consumed[s][j] { j += 1 }
                if j < us.count, isNameLike(s, j), !isTitle(s, j) {
                    addPerson(s, i, j + 1, surnameAt: j, confidence: 0.75); i = j + 1; continue
                }
                i = j; continue
            }
            if isNameLike(s, i), i + 1 < us.count, us[i + 1].isInitial, !consumed[s][i + 1], surnameKey(us[i]) != nil {
                var j = i + 1
                while j < us.count, us[j].isInitial { j += 1 }
                addPerson(s, i, j, surnameAt: i, confidence: 0.75); i = j; continue
            }
            // Title + name: "министр Ержан Ашықбаев", "President Zhaparov"
            // A title of several words ("Secretary General", "Prime Minister") is skipped whole: its capitalised
            // second word is no name.
            var ti = i
            while isTitle(s, ti), ti + 1 < us.count, isTitle(s, ti + 1), !consumed[s][ti + 1] { ti += 1 }
            if ti > i, ti + 1 < us.count, !isNameLike(s, ti + 1) { i = ti + 1; continue }
            if ti > i { i = ti }
            if isTitle(s, i), i + 1 < us.count, isNameLike(s, i + 1) || (us[i + 1].text == "." && i + 2 < us.count && isNameLike(s, i + 2)) {
                let first = us[i + 1].text == "." ? i + 2 : i + 1
                var j = first
                while j < us.count, j - first < 3, isNameLike(s, j), !isTitle(s, j) { j += 1 }
                let n = j - first
                let latin = us[first].sc.first.map(TextNorm.isLatin) ?? false
                if n >= 2 || surnameKey(us[first]) != nil || latin {
                    addPerson(s, first, j, surnameAt: j - 1, confidence: 0.7); i = j; continue
                }
            }
            // Given name (+ patronymic) + surname: "Асқар Ақаев", "Иван Петрович Сидоров", "Нұрсұлтан Әбішұлы"
            if isNameLike(s, i), surnameKey(us[i]) == nil, !isTitle(s, i), i + 1 < us.count, isNameLike(s, i + 1), !isLocativeOpener(s, i) {
                if i + 2 < us.count, isPatronymic(us[i + 1].sc), isNameLike(s, i + 2), surnameKey(us[i + 2]) != nil {
                    addPerson(s, i, i + 3, surnameAt: i + 2, confidence: 0.7); i += 3; continue
                }
                if surnameKey(us[i + 1]) != nil || isPatronymic(us[i + 1].sc) {
                    addPerson(s, i, i + 2, surnameAt: i + 1, confidence: 0.65); i += 2; continue
                }
            }
            // Family name first (Chinese, Korean): "Zhang Qian", "Чжан Мин"; keyed by both words (two Zhangs are two people).
            if familyFirst.contains(us[i].key), let end = familyFirstNameEnd(s, i) {
                let key = us[i..<end].map { Morphology.stem($0.text, language: $0.script) }.joined(separator: "-")
                addPerson(s, i, end, surnameAt: i, confidence: 0.65, key: key); i = end; continue
            }
            // Surname + given name + patronymic: "Сидоров Иван Петрович"
            if isNameLike(s, i), surnameKey(us[i]) != nil, i + 2 < us.count, isNameLike(s, i + 1), isNameLike(s, i + 2),
               isPatronymic(us[i + 2].sc) {
                addPerson(s, i, i + 3, surnameAt: i, confidence: 0.7); i += 3; continue
            }
            i += 1
        }
    }

    /// The end of a family-first name at `i`: a `family-first` family name and one capitalised word outside any mention
    /// that is no surname of the region's shapes, no title and no head noun (and a short third one); nil otherwise.
    @inline(never)
    func familyFirstNameEnd(_ s: Int, _ i: Int) -> Int? {
        let us = units[s]
        guard i + 1 < us.count, lex.adjectives.familyFirstKeys.contains(us[i].key), us[i].isCapitalized, !us[i].isAllCaps,
              isNameLike(s, i + 1), us[i + 1].followsSpace, !isTitle(s, i + 1), surnameKey(us[i + 1]) == nil,
              headNounAny(s, i + 1) == nil else { return nil }
        // A Korean given name of two syllables written apart: "Ким Чен Ын".
        if i + 2 < us.count, us[i + 2].sc.count <= 3, isNameLike(s, i + 2), us[i + 2].followsSpace, !isTitle(s, i + 2) { return i + 3 }
        return i + 2
    }

    /// A suffix-chain sentence's first word in the locative ("Кездесуде Тоқаев …": at the meeting): capitalised by
    /// position, no given name.
    func isLocativeOpener(_ s: Int, _ i: Int) -> Bool {
        units[s][i].isSentenceStart && lex.morphologyKind(sentences[s].language) == .suffixChain && lex.phrases.isLocative(units[s][i].sc)
    }
}
