import DalaText

/// Paradigm morphology (ru): a word the registry does not know loses its longest ending of `endings.tsv` (while three
/// letters stay); registry names are generated in every form of their declension class (`paradigms.tsv`) at load time.
struct ParadigmMorphology: WordMorphology {
    /// `endings.tsv` of every paradigm language (normalised), longest first.
    let endingScalars: [[UInt32]]

    func registryStem(_ sc: [UInt32], code: UInt8, store: Store) -> String? {
        exactRegistryWord(sc, code: code, store: store)
    }

    func fallbackStem(_ sc: [UInt32]) -> String {
        for e in endingScalars where sc.count - e.count >= 3 && TextNorm.hasSuffix(sc, e) {
            return TextNorm.string(sc.prefix(sc.count - e.count))
        }
        return TextNorm.string(sc)
    }
}

extension Morphology {
    /// `norm` without its longest ending of `endings` (three letters at least stay).
    static func russianFallbackStem(_ norm: String, endings: [String] = Lexicon.shared.russianEndings) -> String {
        for e in endings where norm.hasSuffix(e) && norm.count - e.count >= 3 {
            return String(norm.dropLast(e.count))
        }
        return norm
    }

    /// Length of the stem `russianFallbackStem` would keep, on scalars.
    static func russianStemLength(_ sc: [UInt32], lexicon: Lexicon) -> Int {
        for e in lexicon.russianEndingScalars where sc.count - e.count >= 3 && TextNorm.hasSuffix(sc, e) { return sc.count - e.count }
        return sc.count
    }
}
