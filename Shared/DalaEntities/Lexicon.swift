import DalaText

/// Morphology tables (the registered languages' folders, `Shared/DalaLanguages/Resources/<code>/`) and word lists
/// (`Resources/lexicon`), loaded once per process.
struct Lexicon: Sendable {
    /// A suffix of a suffix-chain language, normalised.
    struct Suffix: Sendable {
        var scalars: [UInt32]
        /// Bit mask of the harmony classes (`HarmonyTable` codes) the stem's nearest vowel may be of; all bits: any.
        var harmony: UInt32
        var isAdjective: Bool
        var isDerivation: Bool
    }
    struct RussianParadigm: Sendable {
        var name: String
        var nominativeEndings: [String]     // "*" = any other (consonant) ending
        var endings: [String]               // replacement endings ("" included when the bare stem is a form)
        /// Only for a noun after a plural adjective in a name (`Международные силы`), where it wins.
        var pluralNoun = false
    }
    struct HeadNoun: Sendable {
        var type: EntityType
        var position: String                // "first", "last", "any"
    }

    /// The alternations of every suffix-chain language (no suffixes): stem prefilters cover them all.
    var suffixChain = SuffixChain()
    /// Each suffix-chain language's own tables, registry order (`WordUnit.reading` indexes them). Text in a language
    /// without suffix chains (ru, en) is read with the first one's (kk): the order of `languages.tsv` decides.
    var suffixChains: [SuffixChain] = [SuffixChain()]
    /// The suffix-chain languages (with suffixes of their own) and their position in `suffixChains`.
    var suffixChainReadings: [Language: UInt8] = [:]
    /// Every registered language's morphology and the word-level language guess.
    var morphologies = LanguageMorphologies()
    /// Each registered language's morphology kind, registry order (a handful: a scan beats hashing).
    var morphologyKinds: [(language: Language, kind: MorphologyKind)] = []
    /// Codes of the paradigm languages (ru): their names and head nouns are declined by `russianParadigms`.
    var paradigmCodes: Set<String> = []
    var russianParadigms: [RussianParadigm] = []
    var russianEndings: [String] = []
    /// language code → normalised head-noun form → head noun.
    var headNouns: [String: [String: HeadNoun]] = [:]
    /// The head nouns of every language of a morphology kind in one table (registry order: the first language's entry
    /// wins), so a word is looked up and stemmed once per kind, not once per language (kk and ky).
    var suffixChainHeadNouns: [UInt64: HeadNoun] = [:]
    var paradigmHeadNouns: [UInt64: HeadNoun] = [:]
    var englishHeadNouns: [UInt64: HeadNoun] = [:]
    /// The kinds that have head nouns, in the registry order of their first language (kk ru en: suffix-chain,
    /// paradigm, english).
    var headNounKinds: [MorphologyKind] = []
    /// The words and endings of the name-phrase rules (`<lang>/name_phrases.tsv`).
    var phrases = NamePhrases()
    var titles: [String: Set<String>] = [:]
    var surnameEndings: [String] = []
    /// Two-letter initials as written (`Дж`, `Sh`; `lexicon/person-patterns.tsv`).
    var initialDigraphs: Set<String> = []
    var patronymicEndings: [String] = []
    var legalForms: Set<String> = []
    var metonymyModifiers: Set<String> = []
    var metonymyVerbs: [String] = []
    var notNames: Set<String> = []
    /// Russian head nouns by their stem (организаци → организация), for inflected heads.
    var russianHeadStems: [UInt64: HeadNoun] = [:]
    /// The nominative head noun of each stem in `russianHeadStems` ("совета" → "совет"), for local labels.
    var russianHeadLemmas: [UInt64: String] = [:]
    var headNounKeys: [String: [UInt64: HeadNoun]] = [:]
    /// First four letters (or the whole of shorter) head-noun forms, to skip the stemming for most words.
    var headNounPrefixes = U64Set()
    var titleKeys = U64Set()
    var legalFormKeys = U64Set()
    var metonymyModifierKeys = U64Set()
    var notNameKeys = U64Set()
    /// Kinds of anaphoric short forms (`lexicon/short-forms.tsv`), by index.
    var shortFormKinds: [String] = []
    /// Key of a short form (every Russian case; kk and en as written) → kind index. kk forms are found through the
    /// suffix stripper, so only the bare word is listed.
    var shortFormKeys: [UInt64: Int] = [:]
    /// Key of a name head ("союз", "одағы", "treaty") → kind index.
    var shortFormHeads: [UInt64: Int] = [:]
    /// First four letters of every short form (with the Kazakh stem alternation: одағ-), to skip most words at once.
    var shortFormPrefixes = U64Set()
    /// Real words one edit away from a registry name (generated from spelling dictionaries): never read as a
    /// misspelt name.
    var fuzzyStopKeys = U64Set()
    /// Words that make a dash-joined chain of registry names one name (`lexicon/chain-heads.tsv`), all languages.
    var chainHeadKeys = U64Set()
    /// English words after "the" + ethnonym that keep it the people (`lexicon/people-context.tsv`).
    var peopleFollowerKeys = U64Set()
    /// The noun "language" (kk stem, ru, en): an ethnonym before it names the language.
    var languageNounKeys = U64Set()
    /// The tables of the Kazakh adjective + head rule and of the people's community nouns, behind one reference:
    /// each field added to `Lexicon` itself made the optimiser copy the whole lexicon in the passes' word loops.
    var adjectives = AdjectiveTables()
    /// Words before a shared name pointing at the entity in force now / the one named last (`lexicon/deixis.tsv`).
    var currentDeixisKeys = U64Set()
    var anaphoricDeixisKeys = U64Set()
    /// Common nouns standing for a state named elsewhere (`deixis.tsv` `state`): they end a name phrase.
    var stateNounKeys = U64Set()
    var surnameEndingScalars: [[UInt32]] = []
    var russianEndingScalars: [[UInt32]] = []
    var patronymicEndingScalars: [[UInt32]] = []

    /// Loaded once per process; an empty lexicon (and `loadError`) when the resources are missing.
    static let loaded: Result<Lexicon, EntityStageError> = {
        do { return .success(try Lexicon.load()) } catch let e as EntityStageError { return .failure(e) } catch {
            return .failure(EntityStageError(code: .resourceMissing, detail: "\(error)"))
        }
    }()
    static let shared: Lexicon = (try? loaded.get()) ?? Lexicon()
    static var loadError: EntityStageError? {
        if case .failure(let e) = loaded { return e }
        return nil
    }

    static func load() throws -> Lexicon {
        var lex = Lexicon()
        _ = try Homoglyphs.load()       // a malformed homoglyph table stops the stage here, not silently
        try lex.loadMorphology()
        let registry = try LanguageRegistry.shared.get()
        do {
            // `<lang>/head_nouns.tsv`: position, type, forms (the registry puts the language code first).
            for row in try registry.table("head_nouns.tsv", columns: 4) {
                guard let type = EntityType(rawValue: row[2]) else { throw row.error("type \(row[2]) is no entity type") }
                guard ["first", "last", "any"].contains(row[1]) else { throw row.error("position \(row[1]): first, last or any") }
                for w in row[3].split(separator: "|") {
                    // "пункт пропуска", "пограничный пост": a head of several words (paradigm languages), matched word
                    // by word on the stems (FacilityNames.swift).
                    if w.contains(" ") {
                        guard lex.paradigmCodes.contains(row[0]) else {
                            throw row.error("heads of several words are read for paradigm languages only: \(w)")
                        }
                        let words = w.split(separator: " ").map(String.init)
                        let stems = words.map { TextNorm.key(Morphology.russianFallbackStem(TextNorm.normalize($0), endings: lex.russianEndings)) }
                        lex.adjectives.phraseHeads.append((stems, words, HeadNoun(type: type, position: row[1])))
                        lex.adjectives.phraseHeadPrefixes.insert(TextNorm.prefixKey(TextNorm.normalizeScalars(words[0])))
                        continue
                    }
                    lex.headNouns[row[0], default: [:]][TextNorm.normalize(w)] = HeadNoun(type: type, position: row[1])
                }
            }
            lex.phrases = try NamePhrases.parse(try registry.table(NamePhrases.file, columns: 3)) { code in
                registry.profiles.first { $0.code == code }?.morphology
            }
        } catch let e as DataFileError { throw EntityStageError(code: .malformedData, detail: e.description) }
        for code in lex.paradigmCodes.sorted() {
            for (form, head) in lex.headNouns[code] ?? [:] {
                let stem = TextNorm.key(Morphology.russianFallbackStem(form, endings: lex.russianEndings))
                lex.russianHeadStems[stem] = head
                lex.russianHeadLemmas[stem] = form
            }
        }
        for (lang, table) in lex.headNouns {
            for (form, head) in table {
                lex.headNounKeys[lang, default: [:]][TextNorm.key(form)] = head
                let sc = TextNorm.normalizeScalars(form)
                lex.headNounPrefixes.insert(TextNorm.prefixKey(sc))
                if sc.count >= 4, let alt = lex.suffixChain.alternations(Array(sc.prefix(4))).dropFirst().first {
                    lex.headNounPrefixes.insert(TextNorm.prefixKey(alt))
                }
            }
        }
        for p in registry.profiles {
            guard let table = lex.headNounKeys[p.code] else { continue }
            if !lex.headNounKinds.contains(p.morphology) { lex.headNounKinds.append(p.morphology) }
            switch p.morphology {
            case .suffixChain:
                lex.suffixChainHeadNouns.merge(table) { first, _ in first }
                // The bare head: the form with one suffix (the possessive) stripped, four letters or more.
                for (form, head) in lex.headNouns[p.code] ?? [:] {
                    let sc = TextNorm.normalizeScalars(form)
                    let reading = Language(rawValue: p.code).map { Int(lex.suffixChainReading($0)) } ?? 0
                    var stems = Morphology.SuffixChainStems(sc, chain: lex.suffixChains[reading], maxDepth: 1)
                    while let c = stems.next() {
                        // "одағ" is no stem of its own: only its alternated "одақ" is.
                        if c.length < sc.count, c.length >= 4, lex.adjectives.suffixChainBareHeads[c.key] == nil,
                           c.alternated || lex.suffixChain.alternated(sc[c.length - 1]) == sc[c.length - 1] {
                            lex.adjectives.suffixChainBareHeads[c.key] = head
                        }
                    }
                }
            case .paradigm: lex.paradigmHeadNouns.merge(table) { first, _ in first }
            case .english: lex.englishHeadNouns.merge(table) { first, _ in first }
            }
        }
        do {
            for row in try registry.table("adjectives.tsv", columns: 3)
            where registry.profile(row[0])?.morphology == .suffixChain {
                let items = row[2].split(separator: "|").map(String.init)
                switch row[1] {
                case "root": items.forEach { lex.adjectives.adjectiveRootKeys.insert(TextNorm.key($0)) }
                case "suffix": lex.adjectives.adjectiveSuffixes += items.map { TextNorm.normalizeScalars($0) }
                default: throw row.error("kind \(row[1]) is not root or suffix")
                }
            }
        } catch let e as DataFileError { throw EntityStageError(code: .malformedData, detail: e.description) }
        for line in ResourceFiles.lines(try ResourceFiles.text("lexicon/titles.tsv")) {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count >= 2 else { continue }
            lex.titles[f[0], default: []].formUnion(f[1].split(separator: "|").map { TextNorm.normalize($0) })
        }
        for line in ResourceFiles.lines(try ResourceFiles.text("lexicon/person-patterns.tsv")) {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count >= 2 else { continue }
            let forms = f[1].split(separator: "|").map { TextNorm.normalize($0) }.sorted { $0.count > $1.count }
            switch f[0] {
            case "surname": lex.surnameEndings = forms
            case "patronymic": lex.patronymicEndings = forms
            case "initial": lex.initialDigraphs = Set(f[1].split(separator: "|").map(String.init))
            case "family-first": f[1].split(separator: "|").forEach { lex.adjectives.familyFirstKeys.insert(TextNorm.key($0)) }
            default: break
            }
        }
        for line in ResourceFiles.lines(try ResourceFiles.text("lexicon/legal-forms.tsv")) {
            lex.legalForms.formUnion(line.split(separator: "|").map { TextNorm.normalize($0) })
        }
        for line in ResourceFiles.lines(try ResourceFiles.text("lexicon/metonymy.tsv")) {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count >= 3 else { continue }
            let forms = f[2].split(separator: "|").map { TextNorm.normalize($0) }
            if f[0] == "modifier" { lex.metonymyModifiers.formUnion(forms) } else { lex.metonymyVerbs.append(contentsOf: forms) }
        }
        for line in ResourceFiles.lines(try ResourceFiles.text("lexicon/not-names.tsv")) {
            lex.notNames.insert(TextNorm.normalize(line.trimmingCharacters(in: .whitespaces)))
        }
        for line in ResourceFiles.lines(try ResourceFiles.text("lexicon/short-forms.tsv")) {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count >= 4 else { throw EntityStageError(code: .malformedData, detail: "short-forms: \(line)") }
            let kind: Int
            if let k = lex.shortFormKinds.firstIndex(of: f[0]) { kind = k } else { kind = lex.shortFormKinds.count; lex.shortFormKinds.append(f[0]) }
            for w in f[2].split(separator: "|").map({ TextNorm.normalize($0) }) {
                let forms = lex.paradigmCodes.contains(f[1]) ? [w] + Store.russianForms(of: w, lexicon: lex) : [w]
                for form in forms {
                    let sc = TextNorm.normalizeScalars(form)
                    lex.shortFormKeys[TextNorm.hash(sc)] = kind
                    lex.shortFormPrefixes.insert(TextNorm.prefixKey(sc))
                    // Одақ → Одағы: the stem's last letter voices before a vowel suffix.
                    if sc.count == 4, let voiced = lex.suffixChain.voiced[sc[3]] {
                        lex.shortFormPrefixes.insert(TextNorm.prefixKey(Array(sc.prefix(3)) + [voiced]))
                    }
                }
            }
            for h in f[3].split(separator: "|") { lex.shortFormHeads[TextNorm.key(h)] = kind }
        }
        for line in ResourceFiles.lines(try ResourceFiles.text("lexicon/people-context.tsv")) {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count >= 3, ["follower", "language", "collective"].contains(f[0]) else {
                throw EntityStageError(code: .malformedData, detail: "people-context: \(line)")
            }
            for w in f[2].split(separator: "|") {
                switch f[0] {
                case "follower": lex.peopleFollowerKeys.insert(TextNorm.key(w))
                case "language": lex.languageNounKeys.insert(TextNorm.key(w))
                default:
                    lex.adjectives.peopleCollectiveKeys.insert(TextNorm.key(w))
                    lex.adjectives.peopleCollectivePrefixes.insert(TextNorm.prefixKey(TextNorm.normalizeScalars(String(w))))
                }
            }
        }
        for line in ResourceFiles.lines(try ResourceFiles.text("lexicon/deixis.tsv")) {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count >= 3, ["current", "anaphoric", "state"].contains(f[0]) else {
                throw EntityStageError(code: .malformedData, detail: "deixis: \(line)")
            }
            for w in f[2].split(separator: "|") {
                switch f[0] {
                case "current": lex.currentDeixisKeys.insert(TextNorm.key(w))
                case "anaphoric": lex.anaphoricDeixisKeys.insert(TextNorm.key(w))
                default: lex.stateNounKeys.insert(TextNorm.key(w))
                }
            }
        }
        for line in ResourceFiles.lines(try ResourceFiles.text("lexicon/chain-heads.tsv")) {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count >= 2 else { throw EntityStageError(code: .malformedData, detail: "chain-heads: \(line)") }
            for w in f[1].split(separator: "|") { lex.chainHeadKeys.insert(TextNorm.key(w)) }
        }
        for line in ResourceFiles.lines(try ResourceFiles.text("lexicon/fuzzy-stoplist.tsv")) {
            lex.fuzzyStopKeys.insert(TextNorm.key(line.trimmingCharacters(in: .whitespaces)))
        }
        lex.titleKeys = U64Set(lex.titles.values.flatMap { $0 }.map { TextNorm.key($0) })
        lex.legalFormKeys = U64Set(lex.legalForms.map { TextNorm.key($0) })
        lex.metonymyModifierKeys = U64Set(lex.metonymyModifiers.map { TextNorm.key($0) })
        lex.notNameKeys = U64Set(lex.notNames.map { TextNorm.key($0) })
        lex.surnameEndingScalars = lex.surnameEndings.map { TextNorm.normalizeScalars($0) }
        lex.russianEndingScalars = lex.russianEndings.map { TextNorm.normalizeScalars($0) }
        lex.patronymicEndingScalars = lex.patronymicEndings.map { TextNorm.normalizeScalars($0) }
        return lex
    }

    /// The morphology tables of every registered language, by kind, in registry order: each suffix-chain language's own
    /// tables (suffixes by last letter, longest first), and the alternations of them all.
    mutating func loadMorphology() throws {
        let registry: LanguageRegistry
        do { registry = try LanguageRegistry.shared.get() } catch {
            throw EntityStageError(code: .resourceMissing, detail: "\(error)")
        }
        var alternations: [UInt32: UInt32] = [:]
        var endings: [String] = []
        var registered: [(language: Language, kind: MorphologyKind, letters: Set<UInt32>, ready: Bool)] = []
        var own: [(language: Language, chain: SuffixChain)] = []
        for p in registry.profiles {
            guard let language = Language(rawValue: p.code) else { continue }
            let tables: MorphologyTables
            do { tables = try registry.morphology(p.code) } catch let e as DataFileError {
                throw EntityStageError(code: .malformedData, detail: e.description)
            }
            switch tables {
            case .suffixChain(let t):
                let h = HarmonyTable(t.harmony, openEndings: t.openEndings)
                var byLast: [UInt32: [Suffix]] = [:]
                for suffix in t.suffixes {
                    let sc = TextNorm.normalize(suffix.form).unicodeScalars.map(\.value)
                    byLast[sc.last!, default: []].append(Suffix(scalars: sc, harmony: h.mask(suffix.harmony),
                                                                isAdjective: suffix.isAdjective, isDerivation: suffix.isDerivation))
                }
                alternations.merge(t.alternations) { first, _ in first }
                registered.append((language, .suffixChain, t.letters, !t.isEmpty))
                if !t.isEmpty {
                    for k in byLast.keys { byLast[k]!.sort { $0.scalars.count > $1.scalars.count } }
                    own.append((language, SuffixChain(byLast: byLast, harmony: h, alternations: t.alternations)))
                }
            case .paradigm(let t):
                russianParadigms += t.paradigms.map {
                    RussianParadigm(name: $0.name, nominativeEndings: $0.nominativeEndings, endings: $0.endings, pluralNoun: $0.pluralNoun)
                }
                endings += t.endings
                paradigmCodes.insert(p.code)
                registered.append((language, .paradigm, [], true))
            case .english:
                registered.append((language, .english, [], true))
            }
        }
        suffixChain = SuffixChain(alternations: alternations)
        morphologyKinds = registered.map { ($0.language, $0.kind) }
        suffixChains = own.isEmpty ? [SuffixChain()] : own.map(\.chain)
        for (k, o) in own.enumerated() { suffixChainReadings[o.language] = UInt8(k) }
        russianEndings = endings.sorted { $0.count > $1.count }
        russianEndingScalars = russianEndings.map { TextNorm.normalizeScalars($0) }
        morphologies = LanguageMorphologies(registered: registered, suffixChains: Dictionary(uniqueKeysWithValues: own.map { ($0.language, $0.chain) }),
                                            paradigmEndings: russianEndingScalars)
    }

    /// The reading of the words of a sentence in `language` (`suffixChains` index): its own tables, else the first's.
    @inline(__always)
    func suffixChainReading(_ language: Language) -> UInt8 { suffixChainReadings[language] ?? 0 }

    /// The morphology kind of a registered language; nil for other codes (`other`, `unknown`).
    @inline(__always)
    func morphologyKind(_ language: Language) -> MorphologyKind? {
        for e in morphologyKinds where e.language == language { return e.kind }
        return nil
    }

    /// Whether `language` reads its words with suffix-chain tables of its own.
    func hasSuffixChains(_ language: Language) -> Bool { suffixChainReadings[language] != nil }

    /// The Russian paradigm for a normalised nominative word (longest matching ending; "*" is the fallback).
    /// The declension class of a Russian name word and its stem; `pluralNoun` when the word follows a plural
    /// adjective of the same name (its plural-only classes win, and short plurals such as `силы` decline).
    func russianParadigm(for word: String, pluralNoun: Bool = false) -> (stem: Substring, paradigm: RussianParadigm)? {
        if pluralNoun {
            var best: (Int, RussianParadigm)?
            for p in russianParadigms where p.pluralNoun {
                for e in p.nominativeEndings where word.hasSuffix(e) && word.count > e.count + 1 {
                    if best == nil || e.count > best!.0 { best = (e.count, p) }
                }
            }
            if let (n, p) = best { return (word.dropLast(n), p) }
        }
        var best: (Int, RussianParadigm)?
        var fallback: RussianParadigm?
        for p in russianParadigms where !p.pluralNoun {
            for e in p.nominativeEndings {
                if e == "*" { fallback = p; continue }
                if word.hasSuffix(e), word.count > e.count + 1, best == nil || e.count > best!.0 { best = (e.count, p) }
            }
        }
        if let (n, p) = best {
            // Adjectival endings on short words (Ой, Ли) are not adjectives.
            if p.name == "adjective" && word.count < 5 { return fallback.map { (word[...], $0) } }
            if p.name == "plural-y" && word.count < 5 && !pluralNoun { return nil }
            _ = n
            // The stem loses the longest of the paradigm's own endings the word has (Россия → Росс-ия,
            // Содружество → Содружеств-о); indeclinable and consonant stems keep the whole word.
            let own = p.endings.filter { !$0.isEmpty && word.hasSuffix($0) }.max { $0.count < $1.count }
            return (own.map { word.dropLast($0.count) } ?? word[...], p)
        }
        if let last = word.unicodeScalars.last, TextNorm.isLetter(last.value) { return fallback.map { (word[...], $0) } }
        return nil
    }
}

import Foundation

/// Tables of the adjective + head rule (`<lang>/adjectives.tsv`, bare heads from `head_nouns.tsv`) and the community
/// nouns of `people-context.tsv`; filled once by `Lexicon.load`, read only afterwards.
final class AdjectiveTables: @unchecked Sendable {
    /// Collective nouns of a people (kk диаспора, халқы): a singular ethnonym before one names the people.
    var peopleCollectiveKeys = U64Set()
    /// Their first four letters, to skip the stemming for most words.
    var peopleCollectivePrefixes = U64Set()
    /// Suffix-chain head nouns without their possessive ("келісімі" → "келісім", "одағы" → "одақ"): the head after an
    /// adjective (`adjectives.tsv`), where the possessive is not part of the name.
    var suffixChainBareHeads: [UInt64: Lexicon.HeadNoun] = [:]
    /// Adjectives of the suffix-chain languages (`<lang>/adjectives.tsv` of DalaLanguages): roots and endings.
    var adjectiveRootKeys = U64Set()
    var adjectiveSuffixes: [[UInt32]] = []
    /// Heads of several words of the paradigm languages (`head_nouns.tsv`: "пункт пропуска", "пограничный пост"): the
    /// keys of their words' stems, the words as written (the label's nominative), and the first four letters of their
    /// first words.
    var phraseHeads: [(stems: [UInt64], words: [String], head: Lexicon.HeadNoun)] = []
    var phraseHeadPrefixes = U64Set()
    /// Family names written before the given name (`person-patterns.tsv` `family-first`: Zhang, Чжан, Kim).
    var familyFirstKeys = U64Set()
}
