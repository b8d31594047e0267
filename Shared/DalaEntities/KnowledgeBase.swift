import DalaText

/// A relation between two registry entities.
public struct EntityRelation: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        case predecessor, successor, mergedInto, memberOf, hasMember, partOf, capitalOf, stateOf
    }
    public var kind: Kind
    public var target: String
}

/// A role a person held, with its period (dates as yyyymmdd integers; nil = open).
public struct PersonRole: Codable, Sendable, Hashable {
    public var title: String            // "president", "prime-minister", ...
    public var entityID: String         // the state or organisation
    public var from: Int?
    public var to: Int?
    /// Whether the role was held on `date` (yyyymmdd).
    public func holds(at date: Int) -> Bool { (from ?? .min) <= date && date <= (to ?? .max) }
}

/// Everything the registry knows about one entity beyond `EntityRecord`.
public struct EntityInfo: Codable, Sendable, Hashable {
    public var record: EntityRecord
    public var qid: String?             // Wikidata QID when the id is one
    public var iso: String?             // ISO 3166-1 alpha-2 for states
    public var subdivisionCode: String? // ISO 3166-2 code for first-level subdivisions (`iso2:`)
    public var validFrom: Int?          // yyyymmdd
    public var validTo: Int?
    public var relations: [EntityRelation]
    public var roles: [PersonRole]
    public var note: String?
    /// Context words (prefixes) that favour this entity when a name is shared with another one.
    public var cues: [String] = []
    /// Entities whose unambiguous mentions in the same document favour this entity when a name is shared.
    public var documentWith: [String] = []
    /// Years (inclusive, open side nil) that, written in the same document, favour this entity when a name is shared.
    public var documentYearsFrom: Int?
    public var documentYearsTo: Int?
    /// Whether the entity declares document-level evidence (`doc.with`, `doc.years`).
    public var hasDocumentEvidence: Bool { !documentWith.isEmpty || documentYearsFrom != nil || documentYearsTo != nil }
    /// Whether the entity existed (or the proposal was current) in `year`.
    public func isValid(inYear year: Int) -> Bool {
        (validFrom.map { $0 / 10000 <= year } ?? true) && (validTo.map { year <= $0 / 10000 } ?? true)
    }
}

/// The curated multilingual registry (data in `Resources/kb/*.kb`), indexed for recognition.
public struct KnowledgeBase: Sendable {
    let store: Store

    /// The registry from the module's resources; parsed once per process.
    public static func loadDefault() throws -> KnowledgeBase {
        switch defaultResult {
        case .success(let kb): return kb
        case .failure(let e): throw e
        }
    }
    private static let defaultResult: Result<KnowledgeBase, EntityStageError> = {
        do {
            let texts = try ResourceFiles.knowledgeBaseTexts()
            return .success(try KnowledgeBase(sources: texts))
        } catch let e as EntityStageError { return .failure(e) } catch {
            return .failure(EntityStageError(code: .resourceMissing, detail: "\(error)"))
        }
    }()

    /// A registry from `.kb` texts (see Resources/README.md); used by tests and tools.
    public init(sources: [(name: String, text: String)]) throws {
        if let e = Lexicon.loadError { throw e }
        store = try Store(sources: sources, lexicon: Lexicon.shared)
    }

    /// Every registry entity, in file order.
    public var entities: [EntityRecord] { store.infos.map(\.record) }
    /// Every registry entity with validity, relations, roles and QIDs.
    public var infos: [EntityInfo] { store.infos }
    /// The entity with this id (QID or "dala:" id).
    public func entity(id: String) -> EntityRecord? { store.byID[id].map { store.infos[$0].record } }
    /// Validity, relations, roles and QID of the entity with this id.
    public func info(id: String) -> EntityInfo? { store.byID[id].map { store.infos[$0] } }

    /// Entities any of whose names, acronyms or adjectives (any language, any inflected form) is `name`.
    public func lookup(_ name: String) -> [EntityRecord] {
        var units = WordUnit.units(ofPhrase: name)
        guard !units.isEmpty else { return [] }
        let matcher = Matcher(store: store)
        var ids: [Int] = []
        // A name in no stated language: read with each suffix-chain language's endings in turn (kk, then ky).
        for reading in store.lexicon.suffixChains.indices {
            for k in units.indices { units[k].reading = UInt8(reading) }
            if let m = matcher.longestMatch(units: units, at: 0, ignoreCase: true), m.start == 0 && m.end == units.count {
                ids = m.entities
                break
            }
        }
        var seen = Set<Int>()
        return ids.filter { seen.insert($0).inserted }.map { store.infos[$0].record }
    }

    /// The roles of a person (empty for other entities).
    public func roles(of id: String) -> [PersonRole] { info(id: id)?.roles ?? [] }

    /// The person's roles held on a date (yyyymmdd).
    public func roles(of id: String, at date: Int) -> [PersonRole] { roles(of: id).filter { $0.holds(at: date) } }
    /// The person's roles held at any time in `year`.
    public func roles(of id: String, inYear year: Int) -> [PersonRole] {
        roles(of: id).filter { ($0.from ?? .min) <= year * 10000 + 1231 && year * 10000 + 101 <= ($0.to ?? .max) }
    }

    /// Normalised-name key used to merge document-local entities across documents.
    public static func localID(type: EntityType, name: String) -> String {
        let words = name.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        return "local:" + type.rawValue + ":" + words.map { Morphology.stem(String($0), language: Morphology.guessLanguage($0)) }
            .joined(separator: "-")
    }
}

/// One indexed name: a sequence of canonical words pointing at an entity.
struct NameEntry: Sendable {
    var entity: Int
    var words: [Int32]
    var kind: MentionKind
    var requiresCapital: Bool
    var caseMask: [Bool]?               // for acronyms: which letters are uppercase in the data
    var isSurname: Bool
}

/// Parsed registry plus its recognition index. Immutable after init, so it is shared freely between tasks.
final class Store: Sendable {
    let infos: [EntityInfo]
    let byID: [String: Int]
    let formToWords: [UInt64: [Int32]]
    /// `formToWords` for the hot path: key → index into `formLists`.
    private let formIndex: U64Map
    private let formLists: [[Int32]]
    let wordStrings: [String]           // canonical "lang:word" by word id
    let wordLanguages: [UInt8]          // by word id: `Store.languageCode` of its language
    let bareWords: [String]             // by word id: the word without "lang:"
    let wordLengths: [Int]              // by word id: characters of the bare word
    let names: [NameEntry]
    let namesByFirstWord: [Int32: [Int32]]
    let givenNames: [Int: Set<UInt64>]  // persons: keys of the first words of their full names
    let cueScalars: [[[UInt32]]]        // by entity: `EntityInfo.cues` as normalised scalars
    let documentWith: [[Int]]           // by entity: `EntityInfo.documentWith` as entity indices
    /// By entity: bit k set when the entity is of short-form kind k (`Lexicon.shortFormKinds`): the first or last word
    /// of one of its names is a head of that kind (Еуропалық Одақ, Организация …, … Treaty).
    let shortFormKinds: [UInt8]
    /// By entity (persons): the last words of their full names, for the surname alone after a full mention.
    let fullNameLastWords: [[Int32]]
    /// Keys of the given names of every registry person (all of `givenNames`).
    let givenNameKeys: U64Set
    /// Misspelling index over the forms of capitalised registry names of seven letters or more.
    let fuzzy: FuzzyIndex
    /// Registry words of capitalised person, place and country names by transliteration key.
    let transliteration: TransliterationIndex
    let prefixes: U64Set                 // first four letters of every form of four letters or more
    let shortForms: U64Set               // keys of forms of two or three letters (ОА, Ош, ООН)
    let lexicon: Lexicon
    /// Agreements with a date of conclusion and two to four parties (`members:`), for treaties named by their kind,
    /// year and parties (`DatedTreatyReferences.swift`): entity, year, parties, names in lowercase.
    let datedAgreements: [(entity: Int, year: Int, members: [Int], names: [String])]
    /// Every registry acronym as normalised letters, with its entity, by its number of letters, in name order
    /// (`outOfForceAcronyms`; built per document before, a few percent of the entity stage).
    let acronymForms: [Int: [(sc: [UInt32], entity: Int)]]
    /// `Matcher.analyses` of the words read so far, shared by every document this store reads.
    let analysisCache = WordAnalysisCache(slots: 1 << 16)

    init(sources: [(name: String, text: String)], lexicon: Lexicon) throws {
        self.lexicon = lexicon
        var infos: [EntityInfo] = []
        var byID: [String: Int] = [:]
        var rawNames: [(entity: Int, lang: String, text: String, kind: MentionKind, surname: Bool)] = []
        var hasMembers: [(String, String)] = []
        // Name fields are keyed by registered language codes (`en:`, `ky.acr:`); names of a paradigm language (ru)
        // also get every inflected form of their words.
        let codes = Set((try? LanguageRegistry.shared.get().codes) ?? [])
        let paradigmCodes = Set(codes.filter { Language(rawValue: $0)?.profile?.morphology == .paradigm })
        let registered = (try? LanguageRegistry.shared.get().profiles) ?? []
        let codesByScript = Dictionary(grouping: registered.map { ($0.script, $0.code) }, by: \.0).mapValues { $0.map(\.1) }
        for (file, text) in sources {
            for line in ResourceFiles.lines(text) {
                let fields = line.components(separatedBy: " | ")
                guard fields.count >= 3, let type = EntityType(rawValue: fields[1].trimmingCharacters(in: .whitespaces)) else {
                    throw EntityStageError(code: .malformedData, detail: "\(file): \(line.prefix(80))")
                }
                let id = fields[0].trimmingCharacters(in: .whitespaces)
                if byID[id] != nil { throw EntityStageError(code: .malformedData, detail: "\(file): duplicate id \(id)") }
                var labels: [String: String] = [:]
                var aliases: [String] = []
                var info = EntityInfo(record: EntityRecord(id: id, type: type, labels: [:], aliases: [], fromKnowledgeBase: true),
                                      qid: id.first == "Q" ? id : nil, iso: nil, validFrom: nil, validTo: nil,
                                      relations: [], roles: [], note: nil)
                let index = infos.count
                for field in fields.dropFirst(2) {
                    guard let colon = field.firstIndex(of: ":") else {
                        throw EntityStageError(code: .malformedData, detail: "\(file): \(id): field without key: \(field)")
                    }
                    let key = field[..<colon].trimmingCharacters(in: .whitespaces)
                    let value = field[field.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    let values = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    switch key {
                    case _ where codes.contains(key):
                        if let first = values.first { labels[key] = first }
                        for v in values { rawNames.append((index, key, v, .name, false)); aliases.append(v) }
                    case _ where key.hasSuffix(".acr") && codes.contains(String(key.dropLast(4))):
                        for v in values { rawNames.append((index, String(key.dropLast(4)), v, .acronym, false)); aliases.append(v) }
                    case _ where key.hasSuffix(".adj") && codes.contains(String(key.dropLast(4))):
                        for v in values { rawNames.append((index, String(key.dropLast(4)), v, .adjective, false)) }
                    case "surname":
                        // A surname is written alike in every registered language of its script.
                        for v in values {
                            let script: Script = v.unicodeScalars.contains { TextNorm.isCyrillic($0.value) } ? .cyrillic : .latin
                            for code in codesByScript[script] ?? [] { rawNames.append((index, code, v, .name, true)) }
                        }
                    case "initials": break   // documented for reviewers; initials are recognised generically
                    case "iso": info.iso = value
                    case "iso2": info.subdivisionCode = value
                    case "source": break     // provenance of generated rows (scripts/kb-subdivisions.py), for reviewers
                    case "from": info.validFrom = Store.date(value, end: false)
                    case "to": info.validTo = Store.date(value, end: true)
                    case "pred": info.relations += values.map { EntityRelation(kind: .predecessor, target: $0) }
                    case "succ": info.relations += values.map { EntityRelation(kind: .successor, target: $0) }
                    case "merged": info.relations += values.map { EntityRelation(kind: .mergedInto, target: $0) }
                    case "member": info.relations += values.map { EntityRelation(kind: .memberOf, target: $0) }
                    case "part": info.relations += values.map { EntityRelation(kind: .partOf, target: $0) }
                    case "members":
                        info.relations += values.map { EntityRelation(kind: .hasMember, target: $0) }
                        hasMembers += values.map { ($0, id) }
                    case "role":
                        for v in values {
                            // title@entity:from..to
                            guard let at = v.firstIndex(of: "@") else { continue }
                            let title = String(v[..<at])
                            let rest = v[v.index(after: at)...]
                            guard let colon = rest.lastIndex(of: ":") else { continue }
                            let entity = String(rest[..<colon])
                            let periodText = rest[rest.index(after: colon)...]
                            let period = periodText.components(separatedBy: "..")
                            info.roles.append(PersonRole(
                                title: title, entityID: entity,
                                from: period.count == 2 && !period[0].isEmpty ? Store.date(period[0], end: false) : nil,
                                to: period.count == 2 && !period[1].isEmpty ? Store.date(period[1], end: true) : nil))
                        }
                    case "note": info.note = value
                    case "cue": info.cues = values.map { TextNorm.normalize($0) }
                    case "doc.with": info.documentWith = values
                    case "doc.years":
                        let parts = value.components(separatedBy: "..")
                        guard parts.count == 2, parts[0].isEmpty || Int(parts[0]) != nil, parts[1].isEmpty || Int(parts[1]) != nil,
                              !(parts[0].isEmpty && parts[1].isEmpty) else {
                            throw EntityStageError(code: .malformedData, detail: "\(file): \(id): doc.years \(value)")
                        }
                        info.documentYearsFrom = Int(parts[0]); info.documentYearsTo = Int(parts[1])
                    case "capital": info.relations += values.map { EntityRelation(kind: .capitalOf, target: $0) }
                    // A people's state: its adjective before a state's agent (`қырғыз тарапы`) names that state.
                    case "state": info.relations += values.map { EntityRelation(kind: .stateOf, target: $0) }
                    default:
                        throw EntityStageError(code: .malformedData, detail: "\(file): \(id): unknown key \(key)")
                    }
                }
                info.record.labels = labels
                var seen = Set<String>()
                info.record.aliases = aliases.filter { seen.insert($0).inserted }
                byID[id] = index
                infos.append(info)
            }
        }
        for info in infos {
            for other in info.documentWith where byID[other] == nil {
                throw EntityStageError(code: .malformedData, detail: "\(info.record.id): doc.with names unknown \(other)")
            }
        }
        // Memberships declared on the organisation side are mirrored onto the members.
        for (member, org) in hasMembers {
            if let i = byID[member], !infos[i].relations.contains(EntityRelation(kind: .memberOf, target: org)) {
                infos[i].relations.append(EntityRelation(kind: .memberOf, target: org))
            }
        }

        // Index: canonical words, their forms, names as word sequences.
        var wordIDs: [String: Int32] = [:]
        var forms: [UInt64: [Int32]] = [:]
        var names: [NameEntry] = []
        var byFirst: [Int32: [Int32]] = [:]
        var prefixes = Set<UInt64>()
        var shortForms = Set<UInt64>()
        func addForm(_ form: String, _ w: Int32, lower: Bool) {
            let sc = TextNorm.normalizeScalars(form)
            let h = TextNorm.hash(sc)
            if !(forms[h]?.contains(w) ?? false) { forms[h, default: []].append(w) }
            if sc.count >= 4 {
                prefixes.insert(TextNorm.prefixKey(sc))
                // Одақ → Одағы: a four-letter stem changes its last letter before a vowel suffix.
                if sc.count == 4, let alt = Morphology.alternations(sc).dropFirst().first { prefixes.insert(TextNorm.prefixKey(alt)) }
            } else {
                shortForms.insert(h)
            }
        }
        var seenNames = Set<String>()
        var kinds = [UInt8](repeating: 0, count: infos.count)
        var lastWords = [[Int32]](repeating: [], count: infos.count)
        var fuzzyForms: [(form: String, word: Int32)] = []
        var transliterationForms: [(form: String, word: Int32)] = []
        var given: [Int: Set<UInt64>] = [:]
        for raw in rawNames {
            let words = WordUnit.nameWords(raw.text)
            guard !words.isEmpty else { continue }
            if !raw.surname, words.count >= 2, infos[raw.entity].record.type == .person {
                given[raw.entity, default: []].insert(TextNorm.key(words[0]))
                // Russian given names inflect too (Нурсултана).
                if paradigmCodes.contains(raw.lang) { for f in Store.russianForms(of: words[0], lexicon: lexicon) { given[raw.entity]!.insert(TextNorm.key(f)) } }
            }
            let requiresCapital = raw.text.unicodeScalars.first.map { TextNorm.isUpper($0.value) } ?? false
            // A lowercase twin of a capitalised name (`Таможенный союз`, `таможенный союз`) is a name of its own.
            let dedupe = "\(raw.entity)|\(raw.kind)|\(raw.lang)|\(requiresCapital)|\(words.joined(separator: " "))"
            guard seenNames.insert(dedupe).inserted else { continue }
            var ids: [Int32] = []
            for (wi, word) in words.enumerated() {
                let canonical = raw.lang + ":" + word
                let id: Int32
                if let existing = wordIDs[canonical] { id = existing } else {
                    id = Int32(wordIDs.count); wordIDs[canonical] = id
                }
                ids.append(id)
                let lowerOK = !requiresCapital || wi > 0
                addForm(word, id, lower: lowerOK)
                if paradigmCodes.contains(raw.lang) && raw.kind != .acronym {
                    let plural = wi > 0 && lexicon.phrases.isPluralAdjective(words[wi - 1])
                    for f in Store.russianForms(of: word, lexicon: lexicon, pluralNoun: plural) { addForm(f, id, lower: lowerOK) }
                }
            }
            var mask: [Bool]? = nil
            if raw.kind == .acronym {
                mask = raw.text.unicodeScalars.filter { TextNorm.isLetter($0.value) }.map { TextNorm.isUpper($0.value) }
            }
            // Transliteration keys: capitalised names (surnames too) of people and places, Russian forms included.
            if raw.kind == .name, requiresCapital, [.person, .place, .country].contains(infos[raw.entity].record.type) {
                for (wi, word) in words.enumerated() where word.unicodeScalars.count >= 4 {
                    transliterationForms.append((word, ids[wi]))
                    if paradigmCodes.contains(raw.lang) {
                        for f in Store.russianForms(of: word, lexicon: lexicon) { transliterationForms.append((f, ids[wi])) }
                    }
                }
            }
            if raw.kind == .name && !raw.surname {
                for w in [words[0], words[words.count - 1]] {
                    if let k = lexicon.shortFormHeads[TextNorm.key(w)], k < 8 { kinds[raw.entity] |= 1 << UInt8(k) }
                }
                if words.count >= 2, infos[raw.entity].record.type == .person, !lastWords[raw.entity].contains(ids[ids.count - 1]) {
                    lastWords[raw.entity].append(ids[ids.count - 1])
                }
                // Misspellings are looked for only in capitalised names, on their long words.
                if requiresCapital {
                    for (wi, word) in words.enumerated() where word.unicodeScalars.count >= FuzzyIndex.minimumLength {
                        fuzzyForms.append((word, ids[wi]))
                        if paradigmCodes.contains(raw.lang) {
                            let plural = wi > 0 && lexicon.phrases.isPluralAdjective(words[wi - 1])
                            for f in Store.russianForms(of: word, lexicon: lexicon, pluralNoun: plural) { fuzzyForms.append((f, ids[wi])) }
                        }
                    }
                }
            }
            let entry = NameEntry(entity: raw.entity, words: ids, kind: raw.kind, requiresCapital: requiresCapital,
                                  caseMask: mask, isSurname: raw.surname)
            byFirst[ids[0], default: []].append(Int32(names.count))
            names.append(entry)
        }
        self.infos = infos
        self.byID = byID
        self.formToWords = forms
        var index = U64Map(capacity: forms.count)
        var lists: [[Int32]] = []
        lists.reserveCapacity(forms.count)
        for (k, v) in forms { index.set(k, Int32(lists.count)); lists.append(v) }
        self.formIndex = index
        self.formLists = lists
        var strings = [String](repeating: "", count: wordIDs.count)
        for (w, id) in wordIDs { strings[Int(id)] = w }
        self.wordStrings = strings
        var langs: [UInt8] = [], bare: [String] = [], lengths: [Int] = []
        for w in strings {
            let parts = w.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let lang = parts.count == 2 ? String(parts[0]) : ""
            let word = parts.count == 2 ? String(parts[1]) : w
            langs.append(Store.languageCode(lang)); bare.append(word); lengths.append(word.count)
        }
        self.wordLanguages = langs
        self.bareWords = bare
        self.wordLengths = lengths
        self.names = names
        self.namesByFirstWord = byFirst
        self.prefixes = U64Set(prefixes)
        self.shortForms = U64Set(shortForms)
        self.givenNames = given
        self.cueScalars = infos.map { $0.cues.map { TextNorm.normalizeScalars($0) } }
        self.documentWith = infos.map { $0.documentWith.compactMap { byID[$0] } }
        self.shortFormKinds = kinds
        self.fullNameLastWords = lastWords
        self.givenNameKeys = U64Set(given.values.flatMap { $0 })
        self.fuzzy = FuzzyIndex(fuzzyForms)
        self.transliteration = TransliterationIndex(transliterationForms, table: try TransliterationTable.cached())
        var dated: [(entity: Int, year: Int, members: [Int], names: [String])] = []
        for (c, info) in infos.enumerated() where info.record.type == .agreement {
            guard let from = info.validFrom else { continue }
            let members = info.relations.compactMap { $0.kind == .hasMember ? byID[$0.target] : nil }
            guard (2...4).contains(members.count) else { continue }
            dated.append((c, from / 10000, members, (Array(info.record.labels.values) + info.record.aliases).map { $0.lowercased() }))
        }
        self.datedAgreements = dated
        var acronymForms: [Int: [(sc: [UInt32], entity: Int)]] = [:]
        for n in names where n.kind == .acronym {
            let sc = n.words.flatMap { TextNorm.normalizeScalars(bare[Int($0)]) }
            acronymForms[sc.count, default: []].append((sc, n.entity))
        }
        self.acronymForms = acronymForms
    }

    /// Registry word ids whose forms include the normalised word with this key.
    @inline(__always)
    func words(_ key: UInt64) -> [Int32]? { formIndex.get(key).map { formLists[Int($0)] } }

    /// Small code of a language for per-word tables: 1 + its position in `languages.tsv` (kk 1, ru 2, en 3, ky 4),
    /// 0 for a code not registered.
    static func languageCode(_ l: Language) -> UInt8 { languageCode(l.rawValue) }
    static func languageCode(_ s: String) -> UInt8 { registeredCodes[s] ?? 0 }
    private static let registeredCodes: [String: UInt8] = {
        let codes = (try? LanguageRegistry.shared.get().codes) ?? []
        return Dictionary(uniqueKeysWithValues: codes.prefix(255).enumerated().map { ($1, UInt8($0 + 1)) })
    }()

    /// Every inflected form of a Russian name word (hyphenated words inflect their last part); `pluralNoun` for a
    /// noun after a plural adjective of the same name.
    static func russianForms(of word: String, lexicon: Lexicon, pluralNoun: Bool = false) -> [String] {
        var head = ""
        var last = word
        if let dash = word.lastIndex(of: "-") {
            head = String(word[...dash]); last = String(word[word.index(after: dash)...])
        }
        guard let (stem, paradigm) = lexicon.russianParadigm(for: last, pluralNoun: pluralNoun) else { return [] }
        var out: [String] = []
        for e in paradigm.endings {
            let f = head + stem + e
            out.append(f)
            // Compound adjectives inflect only their last part, but the first part may stand in -о (узбекско-).
        }
        return out
    }

    /// yyyymmdd from "1991-12-16", "1991-12" or "1991"; `end` fills missing parts with the last day.
    static func date(_ s: String, end: Bool) -> Int? {
        let p = s.split(separator: "-").compactMap { Int($0) }
        guard let y = p.first else { return nil }
        let m = p.count > 1 ? p[1] : (end ? 12 : 1)
        let d = p.count > 2 ? p[2] : (end ? 31 : 1)
        return y * 10000 + m * 100 + d
    }
}
