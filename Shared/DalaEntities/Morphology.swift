import DalaText

/// How the words of one kind of language inflect. The kind is the language's `morphology` column in
/// `languages.tsv`; its tables (suffixes, harmony, alternations, endings, paradigms) are in the language's folder.
protocol WordMorphology: Sendable {
    /// The registry word of language `code` (`Store.languageCode`) that `sc` (normalised) is a form of.
    func registryStem(_ sc: [UInt32], code: UInt8, store: Store) -> String?
    /// The stem of a word the registry does not know: its inflection stripped by rule.
    func fallbackStem(_ sc: [UInt32]) -> String
}

extension WordMorphology {
    /// The registry word of language `code` spelt exactly `sc`.
    @inline(__always)
    func exactRegistryWord(_ sc: [UInt32], code: UInt8, store: Store) -> String? {
        if let ids = store.words(TextNorm.hash(sc)), let w = ids.first(where: { store.wordLanguages[Int($0)] == code }) {
            return store.bareWords[Int(w)]
        }
        return nil
    }
}

/// Inflection handling of names and search keys, by the registered languages' morphology kinds.
public enum Morphology {
    /// Normalised search key of a word (lowercased, ё→е, homoglyph-safe, inflection stripped), so that
    /// Қазақстанның / Қазақстан and Казахстаном / Казахстана / Казахстан each collapse to one key per language.
    /// Words of the registry collapse to their registry form; other words lose their longest plausible ending.
    /// A language without morphology tables of its own (or no registered language) is read as the word's letters say.
    public static func stem(_ word: String, language: Language) -> String {
        // Runs on every word token (search keys): scalars only, one normalised buffer, no String until the result.
        let sc = TextNorm.normalizeScalars(word)
        guard !sc.isEmpty else { return "" }
        let lexicon = Lexicon.shared
        let index = lexicon.morphologies.index(of: language) ?? lexicon.morphologies.guess(scalars: sc)
        let morphology = lexicon.morphologies.morphology(index)
        if let store = defaultStore,
           let known = morphology.registryStem(sc, code: Store.languageCode(lexicon.morphologies.languages[index]), store: store) {
            return known
        }
        return morphology.fallbackStem(sc)
    }

    /// The languages whose words `stem` reads with their own morphology, in registry order (kk, ru, en, ky).
    public static var languages: [Language] { Lexicon.shared.morphologies.languages }

    /// The language a word's letters say: the first registered language that alone writes one of its letters
    /// (`letters.tsv`: Kazakh ә ғ қ ...), else the first language of its script without such letters (ru, en).
    public static func guessLanguage<S: StringProtocol>(_ word: S) -> Language {
        let m = Lexicon.shared.morphologies
        return m.languages[m.guess(scalars: word.unicodeScalars.lazy.map(\.value))]
    }

    /// `guessLanguage` on normalised scalars.
    static func guessLanguage(scalars: [UInt32]) -> Language {
        let m = Lexicon.shared.morphologies
        return m.languages[m.guess(scalars: scalars)]
    }

    static let defaultStore: Store? = try? KnowledgeBase.loadDefault().store
}

/// The morphology of every registered language that has one of its own, and the word-level language guess.
final class LanguageMorphologies: Sendable {
    /// Languages with a morphology of their own, registry order.
    let languages: [Language]
    private let kinds: [MorphologyKind]
    /// By position in `languages`: the suffix-chain morphology of a suffix-chain language (its own tables).
    private let suffixChains: [SuffixChainMorphology?]
    private let paradigm: ParadigmMorphology
    private let english = EnglishMorphology()
    /// Letter (0x400..<0x500) → 1 + index into `languages` of the language that alone writes it; 0 for none.
    private let distinctive: [UInt8]
    private let defaultCyrillic: Int, defaultLatin: Int

    /// `registered`, in registry order: a language, its kind, the letters only it writes, and whether it has tables
    /// to read words with (a language without is read as its words' letters say); `suffixChains` the own tables of
    /// each suffix-chain language that has them.
    init(registered: [(language: Language, kind: MorphologyKind, letters: Set<UInt32>, ready: Bool)] = [],
         suffixChains: [Language: SuffixChain] = [:], paradigmEndings: [[UInt32]] = []) {
        var languages: [Language] = [], kinds: [MorphologyKind] = []
        var distinctive = [UInt8](repeating: 0, count: 0x100)
        var cyrillicDefault: Int?, latinDefault: Int?
        for r in registered where r.ready {
            let k = languages.count
            languages.append(r.language); kinds.append(r.kind)
            for v in r.letters where v >= 0x400 && v < 0x500 && distinctive[Int(v - 0x400)] == 0 {
                distinctive[Int(v - 0x400)] = UInt8(k + 1)
            }
            if r.letters.isEmpty {
                let script = r.language.profile?.script
                if script == .cyrillic, cyrillicDefault == nil { cyrillicDefault = k }
                if script == .latin, latinDefault == nil { latinDefault = k }
            }
        }
        if languages.isEmpty { languages = [.en]; kinds = [.english] }
        self.languages = languages; self.kinds = kinds; self.distinctive = distinctive
        self.suffixChains = languages.map { l in suffixChains[l].map { SuffixChainMorphology(tables: $0) } }
        self.paradigm = ParadigmMorphology(endingScalars: paradigmEndings)
        defaultCyrillic = cyrillicDefault ?? 0
        defaultLatin = latinDefault ?? 0
    }

    /// The position of `language` if it has a morphology of its own.
    @inline(__always)
    func index(of language: Language) -> Int? { languages.firstIndex(of: language) }

    func morphology(_ index: Int) -> any WordMorphology {
        switch kinds[index] {
        case .suffixChain: return suffixChains[index]!
        case .paradigm: return paradigm
        case .english: return english
        }
    }

    /// `Morphology.guessLanguage` as a position in `languages`.
    @inline(__always)
    func guess<S: Sequence>(scalars: S) -> Int where S.Element == UInt32 {
        var cyr = false
        for v in scalars {
            if TextNorm.isCyrillic(v) {
                let d = distinctive[Int(v - 0x400)]
                if d != 0 { return Int(d) - 1 }
                cyr = true
            }
        }
        return cyr ? defaultCyrillic : defaultLatin
    }

    /// Whether `v` (as written) is a letter only one registered language writes (the word guess reads it).
    @inline(__always)
    func isDistinctive(_ v: UInt32) -> Bool { v >= 0x400 && v < 0x500 && distinctive[Int(v - 0x400)] != 0 }

    /// The language of a distinctive letter's word.
    func language(ofDistinctive v: UInt32) -> Language { languages[Int(distinctive[Int(v - 0x400)]) - 1] }

    /// The language of a Cyrillic word without a distinctive letter, and of a Latin word.
    var cyrillicDefault: Language { languages[defaultCyrillic] }
    var latinDefault: Language { languages[defaultLatin] }
}
