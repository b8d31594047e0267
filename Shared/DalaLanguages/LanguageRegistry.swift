import Foundation

/// How a language's words inflect; picks the morphology that reads its data.
public enum MorphologyKind: String, Sendable, CaseIterable {
    /// Turkic: suffix chains with vowel harmony and stem alternations (kk, ky).
    case suffixChain = "suffix-chain"
    /// Endings by inflection paradigm (ru).
    case paradigm
    /// Possessive 's and plural -s (en).
    case english
}

/// The writing system of a language's texts.
public enum Script: String, Sendable, CaseIterable { case cyrillic, latin }

/// Basic constituent order: where a verb stands relative to its object (event participants, topic markers).
public enum WordOrder: String, Sendable, CaseIterable { case sov, svo }

/// What the analysers know about one language, from its row in `languages.tsv`.
public struct LanguageProfile: Sendable, Hashable {
    public var code: String
    public var name: String
    public var script: Script
    public var wordOrder: WordOrder
    public var morphology: MorphologyKind
}

/// A language identification tells apart (`identification.tsv`): its code, script and log prior.
public struct IdentifiedLanguage: Sendable, Hashable {
    public var code: String
    public var script: Script
    public var prior: Float
}

/// The registered analysis languages: `Resources/languages.tsv` (one row per language) and one folder per language,
/// `Resources/<code>/`, with every table in `tables`. A language is a row and a folder; a missing file is an error
/// naming it.
public struct LanguageRegistry: Sendable {
    /// The tables every language folder holds (a table may hold only comments).
    public static let tables = [
        "months.tsv", "time_units.tsv", "time_cues.tsv", "numbers.tsv", "relative_times.tsv", "triggers.tsv",
        "modality.tsv", "roles.tsv", "case_suffixes.tsv", "stopwords.tsv", "topic_heads.tsv", "founding_objects.tsv",
        "dated_documents.tsv", "abbreviations.tsv", "structure.tsv", "hyphenation.tsv", "vowels.tsv", "adjectives.tsv",
        "head_nouns.tsv", "name_phrases.tsv",
    ]

    /// The tables a language folder holds for its morphology kind (`languages.tsv` morphology column).
    public static let morphologyTables: [MorphologyKind: [String]] = [
        .suffixChain: ["suffixes.tsv", "harmony.tsv", "alternations.tsv", "letters.tsv"],
        .paradigm: ["endings.tsv", "paradigms.tsv"],
        .english: [],
    ]

    /// In `languages.tsv` order (the order tables are concatenated in).
    public let profiles: [LanguageProfile]
    /// The languages identification tells apart (`identification.tsv`, in its order: the model's lanes), each with a
    /// folder holding `identification.txt` and `identification.tsv`.
    public let identification: [IdentifiedLanguage]
    /// Letters of other Cyrillic languages (`identification.tsv` `other-letter` rows).
    public let otherLetters: [Unicode.Scalar]
    /// Decisive letters other Cyrillic languages write too (`shared-letter` rows: і, also Ukrainian and Belarusian): a
    /// text with them and no other decisive letter is `other`.
    public let sharedLetters: [Unicode.Scalar]
    private let byCode: [String: Int]
    private let folder: URL

    /// The registry of this module's resources, loaded once per process.
    public static let shared: Result<LanguageRegistry, DataFileError> = {
        guard let url = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            return .failure(DataFileError(file: "DalaLanguages/Resources", reason: "missing from the bundle"))
        }
        do { return .success(try LanguageRegistry(folder: url)) } catch let e as DataFileError { return .failure(e) } catch {
            return .failure(DataFileError(file: "languages.tsv", reason: "\(error)"))
        }
    }()

    /// The registry of `folder` (holding `languages.tsv` and the language folders); every table of every language is
    /// checked to exist.
    public init(folder: URL) throws {
        self.folder = folder
        var profiles: [LanguageProfile] = []
        var byCode: [String: Int] = [:]
        let text = try DataFile.read(folder.appendingPathComponent("languages.tsv"), name: "languages.tsv")
        for row in try DataFile.rows(text, file: "languages.tsv", columns: 5) {
            guard let script = Script(rawValue: row[2]) else { throw row.error("script \(row[2])") }
            guard let order = WordOrder(rawValue: row[3]) else { throw row.error("word order \(row[3])") }
            guard let morphology = MorphologyKind(rawValue: row[4]) else { throw row.error("morphology \(row[4])") }
            guard byCode[row[0]] == nil, !row[0].isEmpty else { throw row.error("language \(row[0]) twice") }
            guard Language.pack(row[0]) != nil else { throw row.error("code \(row[0]): at most 8 ASCII letters") }
            byCode[row[0]] = profiles.count
            profiles.append(LanguageProfile(code: row[0], name: row[1], script: script, wordOrder: order, morphology: morphology))
        }
        self.profiles = profiles
        self.byCode = byCode
        var identification: [IdentifiedLanguage] = [], otherLetters: [Unicode.Scalar] = [], sharedLetters: [Unicode.Scalar] = []
        let idText = try DataFile.read(folder.appendingPathComponent("identification.tsv"), name: "identification.tsv")
        for row in try DataFile.rows(idText, file: "identification.tsv", columns: 2) {
            switch row[0] {
            case "language":
                guard row.count >= 4, let script = Script(rawValue: row[2]), let prior = Float(row[3]) else {
                    throw row.error("expected language <TAB> code <TAB> cyrillic|latin <TAB> prior")
                }
                guard Language.pack(row[1]) != nil, !identification.contains(where: { $0.code == row[1] }) else {
                    throw row.error("code \(row[1]): twice, or not at most 8 ASCII letters")
                }
                identification.append(IdentifiedLanguage(code: row[1], script: script, prior: prior))
            case "other-letter", "shared-letter":
                guard let v = row[1].unicodeScalars.first, row[1].unicodeScalars.count == 1 else { throw row.error("one letter") }
                if row[0] == "other-letter" { otherLetters.append(v) } else { sharedLetters.append(v) }
            default: throw row.error("kind \(row[0]): language, other-letter or shared-letter")
            }
        }
        self.identification = identification
        self.otherLetters = otherLetters
        self.sharedLetters = sharedLetters
        for l in identification {
            for t in ["identification.txt", "identification.tsv"]
            where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(l.code + "/" + t).path) {
                throw DataFileError(file: "\(l.code)/\(t)", reason: "missing: every language identification tells apart has it")
            }
        }
        for p in profiles {
            for t in Self.tables + (Self.morphologyTables[p.morphology] ?? []) where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(p.code + "/" + t).path) {
                throw DataFileError(file: "\(p.code)/\(t)", reason: "missing: every language folder holds every table")
            }
        }
    }

    /// The rows of one file of the registry folder (`kk/suffixes.tsv`).
    static func rows(_ folder: URL, _ file: String, columns: Int) throws -> [DataRow] {
        try DataFile.rows(try DataFile.read(folder.appendingPathComponent(file), name: file), file: file, columns: columns)
    }

    /// The morphology tables of a registered language, read by its kind.
    public func morphology(_ code: String) throws -> MorphologyTables {
        guard let p = profile(code) else { throw DataFileError(file: "languages.tsv", reason: "\(code) is not registered") }
        switch p.morphology {
        case .suffixChain: return .suffixChain(try SuffixChainTables(folder: folder, code: code))
        case .paradigm: return .paradigm(try ParadigmTables(folder: folder, code: code))
        case .english: return .english
        }
    }

    /// The text language identification learns `code`'s character trigrams from (`<code>/identification.txt`).
    public func identificationText(_ code: String) throws -> String {
        try DataFile.read(folder.appendingPathComponent(code + "/identification.txt"), name: code + "/identification.txt")
    }

    /// The decisive letters and function words of `code` (`<code>/identification.tsv`: kind, entry).
    public func identificationEvidence(_ code: String) throws -> (letters: [Unicode.Scalar], words: [String]) {
        let e = try identificationRows(code)
        return (e.letters, e.words)
    }

    /// The decisive word endings of `code` (`ending` rows of `<code>/identification.tsv`: 2 or 3 lowercase Cyrillic
    /// letters as written, and the log units a word ending so counts against the languages that do not list it; 5,
    /// a decisive letter's, unless a third column says).
    public func identificationEndings(_ code: String) throws -> [(ending: [Unicode.Scalar], weight: Float)] {
        try identificationRows(code).endings
    }

    private func identificationRows(_ code: String) throws
        -> (letters: [Unicode.Scalar], words: [String], endings: [(ending: [Unicode.Scalar], weight: Float)]) {
        var letters: [Unicode.Scalar] = [], words: [String] = [], endings: [(ending: [Unicode.Scalar], weight: Float)] = []
        for row in try Self.rows(folder, code + "/identification.tsv", columns: 2) {
            switch row[0] {
            case "letter":
                guard let v = row[1].unicodeScalars.first, row[1].unicodeScalars.count == 1 else { throw row.error("one letter") }
                letters.append(v)
            case "word": words.append(row[1])
            case "ending":
                let e = Array(row[1].unicodeScalars)
                guard (2...3).contains(e.count), e.allSatisfy({ (0x430...0x4FF).contains($0.value) && $0.properties.isLowercase }) else {
                    throw row.error("an ending is 2 or 3 lowercase Cyrillic letters")
                }
                var weight: Float = 5
                if row.fields.count > 2, !row[2].isEmpty {
                    guard let w = Float(row[2]), w > 0, w <= 20 else { throw row.error("an ending's weight is a number of log units, 0 to 20") }
                    weight = w
                }
                endings.append((e, weight))
            default: throw row.error("kind \(row[0]): letter, word or ending")
            }
        }
        return (letters, words, endings)
    }

    /// Registered language codes, in registry order.
    public var codes: [String] { profiles.map(\.code) }

    /// The profile of a registered language.
    public func profile(_ code: String) -> LanguageProfile? { byCode[code].map { profiles[$0] } }

    /// Whether `code` names a registered analysis language (API parameters are checked against this).
    public func isRegistered(_ code: String) -> Bool { byCode[code] != nil }

    /// The rows of table `name` of every language in registry order, each with the language code as its first field.
    public func table(_ name: String, columns: Int) throws -> [DataRow] {
        var out: [DataRow] = []
        for p in profiles {
            let file = p.code + "/" + name
            let text = try DataFile.read(folder.appendingPathComponent(file), name: file)
            for var row in try DataFile.rows(text, file: file, columns: columns - 1) {
                row.fields.insert(p.code, at: 0)
                out.append(row)
            }
        }
        return out
    }
}
