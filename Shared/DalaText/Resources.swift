import Foundation

/// Error raised when the module's data files are missing or malformed.
public struct TextResourceError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var reason: String
    public var description: String { "DalaText resource \(file): \(reason)" }
}

/// A data file of `[section]` headers with one entry per line; `#` starts a comment line.
struct SectionedFile: Sendable {
    var sections: [String: [String]] = [:]

    init(text: String) {
        var current = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast())
                sections[current, default: []] = sections[current, default: []]
                continue
            }
            sections[current, default: []].append(line)
        }
    }

    subscript(_ name: String) -> [String] { sections[name] ?? [] }
}

/// Loads the module's resource files once.
enum ResourceLoader {
    static func text(_ name: String, ext: String = "txt", subdirectory: String? = nil) throws -> String {
        let dir = subdirectory.map { "Resources/\($0)" } ?? "Resources"
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: dir) else {
            throw TextResourceError(file: "\(dir)/\(name).\(ext)", reason: "not found in the bundle")
        }
        do { return try DataFile.read(url, name: "\(dir)/\(name).\(ext)") } catch {
            throw TextResourceError(file: error.file, reason: error.reason)
        }
    }

    static func sections(_ name: String, subdirectory: String? = nil) throws -> SectionedFile {
        SectionedFile(text: try text(name, subdirectory: subdirectory))
    }
}

/// The `roman` section of `homoglyphs.txt`: the Cyrillic letters a Roman numeral may be written with (`ХХІ`), each
/// with the Latin letter it stands for. Stage 1 repairs such numerals; the events stage reads them as numbers.
public enum RomanLookalikes {
    /// The section's pairs, as written (capitals): `(Х, X)`, `(І, I)`.
    public static func pairs() throws -> [(cyrillic: Unicode.Scalar, latin: Unicode.Scalar)] {
        try pairs(ResourceLoader.sections("homoglyphs"))
    }

    static func pairs(_ glyphs: SectionedFile) throws -> [(cyrillic: Unicode.Scalar, latin: Unicode.Scalar)] {
        try glyphs["roman"].map { line in
            let parts = line.split(separator: " ")
            guard parts.count == 2, let c = parts[0].unicodeScalars.first, let l = parts[1].unicodeScalars.first else {
                throw TextResourceError(file: "homoglyphs.txt", reason: "bad roman line '\(line)'")
            }
            return (c, l)
        }
    }
}

/// Everything the analyzer reads from its resources, parsed into lookup structures.
struct TextResources: Sendable {
    var referencesHeadings: Set<String>
    var keywordLabels: [[Unicode.Scalar]]
    var abstractLabels: [[Unicode.Scalar]]
    var referencesHeadingInitials: Set<Unicode.Scalar>
    var affiliationCues: [[Unicode.Scalar]]
    var footerPhrases: [[Unicode.Scalar]]
    var referencesHeadingHashes: HashSet64
    var captionWords: HashSet64
    var noteWords: HashSet64

    // Word hashes (lowercase, inner dots kept) so the splitter never builds a String.
    var abbrevNever: HashSet64
    var abbrevEnd: HashSet64
    var abbrevDate: HashSet64
    var sentenceStarters: HashSet64

    var latinToCyrillic: [UInt32: Unicode.Scalar]
    var cyrillicToLatin: [UInt32: Unicode.Scalar]
    var romanCyrillic: [UInt32: Unicode.Scalar]
    /// The keys of `romanCyrillic` (І, Х): a handful, scanned before any table lookup.
    var romanCyrillicLetters: [UInt32]

    /// Words that label a page when a space and a number follow ("бет 3"), each with that space.
    var pageLabels: [String]
    /// Page abbreviations before a page number closing a reference ("с. ", "p. ", "б. "), with their space.
    var pageAbbreviations: [String]
    /// Units a superscript digit may follow (`км²`, `m³`; lowercase scalars), their last letters and longest length.
    var superscriptUnits: Set<[UInt32]>
    var superscriptUnitEnds: Set<UInt32>
    var superscriptUnitLength: Int
    /// Words between author names ("и", "and", "&").
    var nameConnectors: HashSet64

    /// Hyphenated line breaks (`hyphenation.tsv` of every language): first halves of paired words, adjective endings
    /// that open a compound, and per language its linking vowels with the adjective endings that close a compound.
    var pairFirst: Set<UInt64>
    var leftEndings: [[Unicode.Scalar]]
    var linkedCompounds: [(linking: Set<Unicode.Scalar>, rightEndings: [[Unicode.Scalar]])]
    /// Vowel letters of every language (`vowels.tsv`), lowercase: an initial's second letter is none of them.
    var vowels: Set<Unicode.Scalar>

    init() throws {
        // Per language (`Shared/DalaLanguages/Resources/<code>/structure.tsv`, `abbreviations.tsv`), every registered
        // language's cues in one set; the cues of no language from this module's `structure.txt`.
        let registry: LanguageRegistry
        var structure = try ResourceLoader.sections("structure")
        var abbr = SectionedFile(text: "")
        var pairFirst: [String] = [], leftEndings: [String] = [], vowels = Set<Unicode.Scalar>()
        var linked: [String: (linking: Set<Unicode.Scalar>, rightEndings: [[Unicode.Scalar]])] = [:]
        do {
            registry = try LanguageRegistry.shared.get()
            for row in try registry.table("structure.tsv", columns: 3) { structure.sections[row[1], default: []].append(row[2]) }
            for row in try registry.table("abbreviations.tsv", columns: 3) { abbr.sections[row[1], default: []].append(row[2]) }
            for row in try registry.table("hyphenation.tsv", columns: 3) {
                switch row[1] {
                case "pair-first": pairFirst.append(row[2])
                case "left-ending": leftEndings.append(row[2])
                case "linking": linked[row[0], default: ([], [])].linking.formUnion(row[2].unicodeScalars)
                case "right-ending": linked[row[0], default: ([], [])].rightEndings.append(Array(row[2].unicodeScalars))
                default: throw row.error("kind \(row[1]): pair-first, left-ending, linking or right-ending")
                }
            }
            for row in try registry.table("vowels.tsv", columns: 2) {
                guard row[1].unicodeScalars.count == 1 else { throw row.error("one letter a row") }
                vowels.formUnion(row[1].unicodeScalars)
            }
        } catch {
            throw TextResourceError(file: "DalaLanguages/Resources", reason: "\(error)")
        }
        referencesHeadings = Set(structure["references-heading"])
        keywordLabels = structure["keywords"].map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }
        abstractLabels = structure["abstract"].map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }
        referencesHeadingInitials = Set(referencesHeadings.compactMap { $0.unicodeScalars.first })
        affiliationCues = structure["affiliation"].map { Array($0.unicodeScalars) }
        footerPhrases = structure["footer"].map { Array($0.unicodeScalars) }
        referencesHeadingHashes = HashSet64(structure["references-heading"].map(wordHash))
        captionWords = HashSet64(structure["caption"].map(wordHash))
        noteWords = HashSet64(structure["note"].map(wordHash))
        pageLabels = structure["page-label"].map { $0 + " " }
        pageAbbreviations = structure["page-abbreviation"].map { $0 + " " }
        superscriptUnits = Set(structure["superscript-unit"].map { $0.unicodeScalars.map(\.value) })
        superscriptUnitEnds = Set(superscriptUnits.compactMap(\.last))
        superscriptUnitLength = superscriptUnits.map(\.count).max() ?? 0
        nameConnectors = HashSet64(structure["name-connector"].map(wordHash))

        abbrevNever = HashSet64(abbr["never"].map(wordHash))
        abbrevEnd = HashSet64(abbr["end"].map(wordHash))
        abbrevDate = HashSet64(abbr["date"].map(wordHash))
        sentenceStarters = HashSet64(abbr["starter"].map(wordHash))

        let glyphs = try ResourceLoader.sections("homoglyphs")
        var l2c: [UInt32: Unicode.Scalar] = [:], c2l: [UInt32: Unicode.Scalar] = [:]
        for line in glyphs["pairs"] {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let l = parts[0].unicodeScalars.first, let c = parts[1].unicodeScalars.first else {
                throw TextResourceError(file: "homoglyphs.txt", reason: "bad pair line '\(line)'")
            }
            l2c[l.value] = c; c2l[c.value] = l
        }
        latinToCyrillic = l2c; cyrillicToLatin = c2l
        var roman: [UInt32: Unicode.Scalar] = [:]
        for (c, l) in try RomanLookalikes.pairs(glyphs) { roman[c.value] = l }
        romanCyrillic = roman
        romanCyrillicLetters = roman.keys.sorted()

        self.pairFirst = Set(pairFirst.map(wordHash))
        self.leftEndings = leftEndings.map { Array($0.unicodeScalars) }
        linkedCompounds = registry.codes.compactMap { linked[$0] }.filter { !$0.linking.isEmpty && !$0.rightEndings.isEmpty }
        self.vowels = vowels
    }
}
