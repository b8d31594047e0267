import DalaText

/// English morphology: possessive 's and s', plural -s and -ies (rules, no tables).
struct EnglishMorphology: WordMorphology {
    /// The registry word spelt so, else the registry word of its possessive base (Kazakhstan's → Kazakhstan).
    func registryStem(_ sc: [UInt32], code: UInt8, store: Store) -> String? {
        if let w = exactRegistryWord(sc, code: code, store: store) { return w }
        if let n = Morphology.englishPossessiveBaseLength(sc) { return exactRegistryWord(Array(sc.prefix(n)), code: code, store: store) }
        return nil
    }

    func fallbackStem(_ sc: [UInt32]) -> String { Morphology.englishStem(sc) }
}

extension Morphology {
    /// Length of `englishPossessiveBase` on scalars ("'s" and "s'" removed), nil without a possessive.
    static func englishPossessiveBaseLength(_ sc: [UInt32]) -> Int? {
        let n = sc.count
        guard n >= 2 else { return nil }
        if sc[n - 2] == 0x27 && sc[n - 1] == 0x73 { return n - 2 }
        if sc[n - 2] == 0x73 && sc[n - 1] == 0x27 { return n - 1 }
        return nil
    }

    static func englishStem(_ sc: [UInt32]) -> String {
        var n = englishPossessiveBaseLength(sc) ?? sc.count
        func at(_ back: Int) -> UInt32 { sc[n - back] }
        if n > 4, at(3) == 0x69, at(2) == 0x65, at(1) == 0x73 {           // -ies → -y
            return TextNorm.string(sc.prefix(n - 3)) + "y"
        }
        if n > 3, at(1) == 0x73, at(2) != 0x73, at(2) != 0x75 { n -= 1 }  // -s, not -ss or -us
        return TextNorm.string(sc.prefix(n))
    }

    static func englishPossessiveBase(_ norm: String) -> String? {
        if norm.hasSuffix("'s") { return String(norm.dropLast(2)) }
        if norm.hasSuffix("s'") { return String(norm.dropLast(1)) }
        return nil
    }
}
