/// The case fold of the analysers' lexicon lookups: lower-cases Cyrillic (incl. Kazakh and Kyrgyz) and Latin letters
/// and folds `ё` to `е`, scalar by scalar. Every folded scalar keeps its UTF-8 length.
public enum TextFold {
    @inlinable @inline(__always)
    public static func scalar(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x41...0x5A: return v + 0x20
        case 0x410...0x42F: return v + 0x20
        case 0x401, 0x451: return 0x435                      // Ё ё → е
        case 0x400...0x40F: return v + 0x50
        case 0x460...0x481, 0x48A...0x4BF, 0x4D0...0x4FF: return v | 1
        default: return v
        }
    }
}

/// The word key: 64-bit FNV-1a, over UTF-8 bytes or over scalars.
public enum WordKey {
    public static let offsetBasis: UInt64 = 0xcbf29ce484222325
    public static let prime: UInt64 = 0x100000001b3

    @inlinable @inline(__always)
    public static func fnv1a(_ s: String) -> UInt64 {
        var h = offsetBasis
        for b in s.utf8 { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    @inlinable @inline(__always)
    public static func fnv1a<S: Sequence>(scalars: S, seed: UInt64 = offsetBasis) -> UInt64 where S.Element == UInt32 {
        var h = seed
        for v in scalars { h = (h ^ UInt64(v)) &* prime }
        return h
    }
}
