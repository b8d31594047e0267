import Foundation

/// The morphology tables of one language, by its kind (`LanguageRegistry.morphologyTables` names the files).
public enum MorphologyTables: Sendable {
    case suffixChain(SuffixChainTables)
    case paradigm(ParadigmTables)
    case english
}

/// Vowel harmony of a suffix-chain language: its letters fall into classes named in `harmony.tsv` (kk `front`, `back`;
/// ky also the rounded `back-o`, `back-u`, `front-rounded`), and each suffix lists the classes the vowel nearest the end
/// of its stem may be of. Two class names have a fixed meaning.
public enum HarmonyClass {
    /// A vowel of loans (е и у я ю э in Kazakh): the stem allows any suffix.
    public static let neutral = "neutral"
    /// A stem ending in this letter (ь) allows any suffix; a row may also list letter clusters: a stem ending in one
    /// (kk loans `банк`, `факт`: `банктің`, `фактісі`) allows any suffix whatever its last vowel.
    public static let openEnd = "open-end"
    /// In `suffixes.tsv`: the suffix follows any stem.
    public static let any = "any"
}

/// A suffix-chain (Turkic) language: suffixes stripped right to left, vowel harmony and stem alternations, all data.
public struct SuffixChainTables: Sendable {
    /// One row of `suffixes.tsv`.
    public struct Suffix: Sendable, Equatable {
        public var form: String
        /// The harmony classes (`harmony.tsv`) the vowel nearest the end of the stem may be of (`back`; ky
        /// `back|back-u`); empty for `any`.
        public var harmony: [String]
        /// `case.genitive`, `poss.3`, `plural`, `derive.adjective`, ...
        public var function: String
        /// The part an entity with this ending plays in an event (`counterpart`, `place`), if any.
        public var role: String?
        public var isDerivation: Bool { function.hasPrefix("derive.") }
        public var isAdjective: Bool { function == "derive.adjective" }
    }

    public var suffixes: [Suffix] = []
    /// Harmony class per letter (`harmony.tsv`).
    public var harmony: [UInt32: String] = [:]
    /// Letter clusters of the `open-end` row (`нк`, `кт`): a stem ending in one allows any suffix.
    public var openEndings: [[UInt32]] = []
    /// A stem's last letter before a vowel suffix → the base word's letter (`alternations.tsv`: ғ → қ, Одағы → Одақ).
    public var alternations: [UInt32: UInt32] = [:]
    /// Letters that, among the registered languages of the script, only this language writes (`letters.tsv`).
    public var letters: Set<UInt32> = []

    public init() {}

    /// Whether the language has any suffix to strip (a folder holding only comments has not).
    public var isEmpty: Bool { suffixes.isEmpty }

    /// The tables in `folder/<code>/`.
    init(folder: URL, code: String) throws {
        for row in try LanguageRegistry.rows(folder, code + "/harmony.tsv", columns: 2) {
            let c = row[0]
            guard !c.isEmpty, c != HarmonyClass.any, !c.contains("|") else { throw row.error("harmony class \(c)") }
            for letter in row[1].split(separator: " ") {
                if c == HarmonyClass.openEnd, letter.unicodeScalars.count > 1 {
                    openEndings.append(letter.lowercased().unicodeScalars.map(\.value))
                    continue
                }
                guard let v = Self.letter(letter) else { throw row.error("not one letter: \(letter)") }
                harmony[v] = c
            }
        }
        let classes = Set(harmony.values)
        for row in try LanguageRegistry.rows(folder, code + "/suffixes.tsv", columns: 3) {
            let h = row[1] == HarmonyClass.any ? [] : row[1].split(separator: "|").map(String.init)
            guard !row[0].isEmpty, row[1] == HarmonyClass.any || !h.isEmpty && h.allSatisfy(classes.contains) else {
                throw row.error("\(row.fields)")
            }
            suffixes.append(Suffix(form: row[0], harmony: h, function: row[2],
                                   role: row.count > 3 && !row[3].isEmpty ? row[3] : nil))
        }
        for row in try LanguageRegistry.rows(folder, code + "/alternations.tsv", columns: 2) {
            guard let a = Self.letter(Substring(row[0])), let b = Self.letter(Substring(row[1])) else {
                throw row.error("not one letter each: \(row.fields)")
            }
            alternations[a] = b
        }
        for row in try LanguageRegistry.rows(folder, code + "/letters.tsv", columns: 1) {
            for letter in row[0].split(separator: " ") {
                guard let v = Self.letter(letter) else { throw row.error("not one letter: \(letter)") }
                letters.insert(v)
                // Both cases: the letters are tested on the text as written.
                for u in String(letter).uppercased().unicodeScalars { letters.insert(u.value) }
            }
        }
    }

    private static func letter(_ s: Substring) -> UInt32? {
        let u = s.unicodeScalars
        return u.count == 1 ? u.first!.value : nil
    }
}

/// A paradigm language (Russian): endings stripped from words not in the registry, and declension classes that
/// generate every form of a registry word.
public struct ParadigmTables: Sendable {
    /// One declension class (`paradigms.tsv`).
    public struct Paradigm: Sendable, Equatable {
        public var name: String
        /// Nominative endings it applies to; `*` = any other (consonant) ending.
        public var nominativeEndings: [String]
        /// Replacement endings ("" when the bare stem is a form).
        public var endings: [String]
        /// Only for a noun after a plural adjective in a name (`Международные силы`), where it wins.
        public var pluralNoun: Bool
    }

    /// `endings.tsv`, in file order.
    public var endings: [String] = []
    public var paradigms: [Paradigm] = []

    public init() {}

    init(folder: URL, code: String) throws {
        endings = try LanguageRegistry.rows(folder, code + "/endings.tsv", columns: 1).map { $0[0] }
        for row in try LanguageRegistry.rows(folder, code + "/paradigms.tsv", columns: 3) {
            paradigms.append(Paradigm(
                name: row[0], nominativeEndings: row[1].split(separator: "|").map(String.init),
                endings: row[2].split(separator: "|").map { $0 == "-" ? "" : String($0) },
                pluralNoun: row.count > 3 && row[3] == "plural"))
        }
    }
}
