import DalaText

/// The words and endings of the rules that find names outside the registry (`<lang>/name_phrases.tsv`). A row's
/// language picks the rule through its morphology kind: suffix-chain languages close a name with its head, paradigm
/// languages open it with the head and a genitive complement, english ones write a capitalised run.
struct NamePhrases: Sendable {
    // Suffix-chain languages: the head closes the name.
    var headLastConnectorKeys = U64Set()
    var descriptiveEndings: [[UInt32]] = []
    /// Bare locative endings: a word in the locative opens no name (a sentence's first word "Кездесуде …", a place
    /// "Брюссельде" before a head-last phrase: "in the meeting", "in Brussels").
    var locativeEndings: [[UInt32]] = []
    var sovietHomonymKeys = U64Set()
    /// The postposition of a formal name's topic before its head ("… жөніндегі кеңес"): `TopicNames.swift`.
    var topicPostpositionKeys = U64Set()
    /// The word that makes a year part of a document's name: kk "2017 жылғы …", ru "… 1992 года".
    var datedNameKeys = U64Set()
    /// "Named after": the person before the word, the institution after it (kk "… атындағы университет").
    var namedAfterBeforeKeys = U64Set()
    /// "Named after": the institution before the word, the person after it (ru "университет имени …", "им."; a word of
    /// two letters or less counts only with its period).
    var namedAfterAfterKeys = U64Set()
    // Paradigm languages: the head opens the name.
    var headFirstConnectorKeys = U64Set()
    var topicPrepositionKeys = U64Set()
    var stopPrepositionKeys = U64Set()
    /// "на" + years + "годы": a period that belongs to the name ("Концепция … на 2014-2020 годы").
    var periodPrepositionKeys = U64Set()
    var yearNounKeys = U64Set()
    var genitiveEndings: [[UInt32]] = []
    var verbEndings: [[UInt32]] = []
    var pastEndings: [[UInt32]] = []
    var vowels: Set<UInt32> = []
    var adjectiveEndings: [[UInt32]] = []
    /// As written, in the table's order (the first that fits wins).
    var adjectiveCaseEndings: [String] = []
    var feminineNounEnds: Set<String> = []
    var neuterNounEnds: Set<String> = []
    var nominativeMasculine = "", nominativeMasculineSoft = "", nominativeFeminine = ""
    var nominativeNeuter = "", nominativeNeuterHushing = ""
    var softStemLetters: Set<Character> = []
    var hushingLetters: Set<Character> = []
    var masculineNominatives: Set<String> = []
    var pluralAdjectiveEndings: [String] = []
    var softPluralAdjectiveEndings: [String] = []
    var softPluralAdjectiveEndingScalars: [[UInt32]] = []
    var surnameCaseTails: [[UInt32]] = []
    var surnameAdjectiveTails: [[UInt32]] = []
    var patronymicCaseTails: [[UInt32]] = []
    /// The letter a feminine surname adds to a surname ending of three letters or more (-ова → -ов, -ova → -ov).
    var surnameFeminineLetters: [UInt32] = []
    /// Noun endings only the plural writes (ru "аэропортах", "портов"): a plural facility head names no one facility.
    var pluralNounEndings: [[UInt32]] = []
    // English languages: a capitalised run.
    var runConnectorKeys = U64Set()
    var stateOfKeys = U64Set()
    var articleKeys = U64Set()
    // Any language.
    var chainJoinerKeys = U64Set()
    /// Ordinals and modifiers a text may insert inside a registry name (`Matcher.longestMatch`).
    var insertedModifierKeys = U64Set()
    /// Compass words (prefixes: kk "Батыс", ru "западн"): with a head noun alone they give a direction, not a name
    /// ("Батыс қоғамдастығы", "Западное сообщество": the Western community).
    var directionPrefixes: [[UInt32]] = []

    /// The table each language folder holds (`Shared/DalaLanguages/Resources/<code>/name_phrases.tsv`: kind, items).
    static let file = "name_phrases.tsv"

    /// The kinds each morphology kind's rows may give; `single` kinds hold one item.
    static let kinds: [MorphologyKind: Set<String>] = [
        .suffixChain: ["connector", "descriptive-ending", "locative-ending", "soviet-homonym", "chain-joiner", "inserted-modifier", "dated-name",
                       "topic-postposition", "direction", "named-after"],
        .paradigm: ["connector", "dated-name", "topic-preposition", "stop-preposition", "period-preposition", "year-noun", "genitive-ending", "verb-ending", "past-ending", "vowel",
                    "adjective-ending", "adjective-case-ending", "noun-feminine-end", "noun-neuter-end", "nominative-masculine",
                    "nominative-masculine-soft", "nominative-feminine", "nominative-neuter", "nominative-neuter-hushing",
                    "soft-stem-letter", "hushing-letter", "masculine-nominative", "plural-adjective-ending",
                    "soft-plural-adjective-ending", "surname-case-tail", "surname-adjective-tail", "patronymic-case-tail",
                    "surname-feminine-letter", "chain-joiner", "inserted-modifier", "plural-noun-ending", "direction",
                    "named-after"],
        .english: ["connector", "state-of", "article", "surname-feminine-letter", "chain-joiner", "inserted-modifier"],
    ]
    static let single: Set<String> = ["nominative-masculine", "nominative-masculine-soft", "nominative-feminine", "nominative-neuter",
                                      "nominative-neuter-hushing"]
    static let letterKinds: Set<String> = ["vowel", "soft-stem-letter", "hushing-letter", "surname-feminine-letter"]

    /// Rows of `language <TAB> kind <TAB> items` in one text (tests); `morphology` gives a language code's morphology
    /// kind (nil: not registered).
    static func parse(_ text: String, file: String = NamePhrases.file,
                      morphology: (String) -> MorphologyKind?) throws -> NamePhrases {
        try parse(try DataFile.rows(text, file: file, columns: 3), morphology: morphology)
    }

    /// The rows of every language's table, each with its language code first (`LanguageRegistry.table`).
    static func parse(_ rows: [DataRow], morphology: (String) -> MorphologyKind?) throws -> NamePhrases {
        var p = NamePhrases()
        for row in rows {
            guard let kind = morphology(row[0]) else { throw row.error("language \(row[0]) is not in languages.tsv") }
            guard kinds[kind]?.contains(row[1]) == true else {
                throw row.error("kind \(row[1]) is not one of \(kind.rawValue) languages")
            }
            let items = row[2].split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard !items.isEmpty, !items.contains(where: \.isEmpty) else { throw row.error("empty item") }
            if single.contains(row[1]), items.count != 1 { throw row.error("\(row[1]) holds one item, found \(items.count)") }
            if letterKinds.contains(row[1]), items.contains(where: { $0.unicodeScalars.count != 1 }) {
                throw row.error("\(row[1]) holds single letters")
            }
            let keys = items.map { TextNorm.key($0) }
            let scalars = items.map { TextNorm.normalizeScalars($0) }
            switch (kind, row[1]) {
            case (.suffixChain, "connector"): keys.forEach { p.headLastConnectorKeys.insert($0) }
            case (_, "descriptive-ending"): p.descriptiveEndings += scalars
            case (_, "locative-ending"): p.locativeEndings += scalars
            case (_, "soviet-homonym"): keys.forEach { p.sovietHomonymKeys.insert($0) }
            case (_, "topic-postposition"): keys.forEach { p.topicPostpositionKeys.insert($0) }
            case (_, "plural-noun-ending"): p.pluralNounEndings += scalars
            case (_, "direction"): p.directionPrefixes += scalars
            case (_, "dated-name"): keys.forEach { p.datedNameKeys.insert($0) }
            case (.suffixChain, "named-after"): keys.forEach { p.namedAfterBeforeKeys.insert($0) }
            case (.paradigm, "named-after"): keys.forEach { p.namedAfterAfterKeys.insert($0) }
            case (.paradigm, "connector"): keys.forEach { p.headFirstConnectorKeys.insert($0) }
            case (_, "topic-preposition"): keys.forEach { p.topicPrepositionKeys.insert($0) }
            case (_, "stop-preposition"): keys.forEach { p.stopPrepositionKeys.insert($0) }
            case (_, "period-preposition"): keys.forEach { p.periodPrepositionKeys.insert($0) }
            case (_, "year-noun"): keys.forEach { p.yearNounKeys.insert($0) }
            case (_, "genitive-ending"): p.genitiveEndings += scalars
            case (_, "verb-ending"): p.verbEndings += scalars
            case (_, "past-ending"): p.pastEndings += scalars
            case (_, "vowel"): p.vowels.formUnion(items.flatMap { $0.unicodeScalars.map(\.value) })
            case (_, "adjective-ending"): p.adjectiveEndings += scalars
            case (_, "adjective-case-ending"): p.adjectiveCaseEndings += items
            case (_, "noun-feminine-end"): p.feminineNounEnds.formUnion(items)
            case (_, "noun-neuter-end"): p.neuterNounEnds.formUnion(items)
            case (_, "nominative-masculine"): p.nominativeMasculine = items[0]
            case (_, "nominative-masculine-soft"): p.nominativeMasculineSoft = items[0]
            case (_, "nominative-feminine"): p.nominativeFeminine = items[0]
            case (_, "nominative-neuter"): p.nominativeNeuter = items[0]
            case (_, "nominative-neuter-hushing"): p.nominativeNeuterHushing = items[0]
            case (_, "soft-stem-letter"): p.softStemLetters.formUnion(items.compactMap(\.first))
            case (_, "hushing-letter"): p.hushingLetters.formUnion(items.compactMap(\.first))
            case (_, "masculine-nominative"): p.masculineNominatives.formUnion(items)
            case (_, "plural-adjective-ending"): p.pluralAdjectiveEndings += items
            case (_, "soft-plural-adjective-ending"): p.softPluralAdjectiveEndings += items; p.softPluralAdjectiveEndingScalars += scalars
            case (_, "surname-case-tail"): p.surnameCaseTails += scalars
            case (_, "surname-adjective-tail"): p.surnameAdjectiveTails += scalars
            case (_, "patronymic-case-tail"): p.patronymicCaseTails += scalars
            case (_, "surname-feminine-letter"): p.surnameFeminineLetters += items.flatMap { $0.unicodeScalars.map(\.value) }
            case (.english, "connector"): keys.forEach { p.runConnectorKeys.insert($0) }
            case (_, "state-of"): keys.forEach { p.stateOfKeys.insert($0) }
            case (_, "article"): keys.forEach { p.articleKeys.insert($0) }
            case (_, "chain-joiner"): keys.forEach { p.chainJoinerKeys.insert($0) }
            case (_, "inserted-modifier"): keys.forEach { p.insertedModifierKeys.insert($0) }
            default: throw row.error("kind \(row[1]) is not one of \(kind.rawValue) languages")
            }
        }
        return p
    }

    /// Whether a word starts with a compass word (`direction`).
    func isDirection(_ sc: [UInt32]) -> Bool {
        directionPrefixes.contains { sc.count >= $0.count && sc.starts(with: $0) }
    }

    /// Whether a word of seven letters or more ends in a bare locative ending (`locative-ending`).
    func isLocative(_ sc: [UInt32]) -> Bool {
        sc.count >= 7 && locativeEndings.contains { TextNorm.hasSuffix(sc, $0) }
    }

    /// A connector of any rule ("of", "и", "және"): the words an acronym's letters may skip.
    func isConnector(_ key: UInt64) -> Bool {
        runConnectorKeys.contains(key) || headFirstConnectorKeys.contains(key) || headLastConnectorKeys.contains(key)
    }

    /// An adjective of a head-first name before its head ("Азиатский банк").
    /// A plural in -ие only after a soft-stem letter ("Уральские"): nouns in -ние, -тие are none ("Подписание Договора",
    /// "Заседание Совета": the head's name starts after them).
    func isAdjective(_ sc: [UInt32]) -> Bool {
        guard sc.count > 4, let e = adjectiveEndings.first(where: { TextNorm.hasSuffix(sc, $0) }) else { return false }
        guard softPluralAdjectiveEndingScalars.contains(e) else { return true }
        return Character(Unicode.Scalar(sc[sc.count - e.count - 1]) ?? " ").lowercased().first.map { softStemLetters.contains($0) } ?? false
    }

    /// A verb: a verb ending, a past-tense one only after a vowel (подписали, решила; торговли, земли are nouns).
    func looksVerbal(_ sc: [UInt32]) -> Bool {
        verbEndings.contains { e in
            guard TextNorm.hasSuffix(sc, e) else { return false }
            guard pastEndings.contains(e) else { return true }
            return sc.count > e.count && vowels.contains(sc[sc.count - e.count - 1])
        }
    }

    /// A word of a genitive complement ("журналистов", "развития").
    func looksGenitive(_ sc: [UInt32]) -> Bool {
        sc.count > 2 && genitiveEndings.contains { TextNorm.hasSuffix(sc, $0) } && !looksVerbal(sc)
    }

    /// A plural adjective in the nominative (`Международные`, `Уральские`); nouns in `-ние`/`-тие` are not.
    func isPluralAdjective(_ word: String) -> Bool {
        let w = TextNorm.normalize(word)
        for e in pluralAdjectiveEndings where w.hasSuffix(e) { return w.count > 4 }
        for e in softPluralAdjectiveEndings where w.hasSuffix(e) && w.count > 4 {
            let before = w.unicodeScalars.dropLast(e.unicodeScalars.count).last!
            return softStemLetters.contains(Character(before))
        }
        return false
    }
}
