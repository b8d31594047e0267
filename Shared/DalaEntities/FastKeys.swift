import DalaText

/// Suffix-chain suffixes by their last letter: a flat table for Cyrillic letters, shared by reference (the stem
/// iterator holds it, not the whole lexicon).
final class SuffixTable: Sendable {
    private let cyrillic: [[Lexicon.Suffix]]        // index: scalar - 0x400
    private let other: [UInt32: [Lexicon.Suffix]]

    init(_ byLast: [UInt32: [Lexicon.Suffix]]) {
        var c = [[Lexicon.Suffix]](repeating: [], count: 0x100)
        var o: [UInt32: [Lexicon.Suffix]] = [:]
        for (last, list) in byLast {
            if last >= 0x400 && last < 0x500 { c[Int(last - 0x400)] = list } else { o[last] = list }
        }
        cyrillic = c; other = o
    }

    /// Suffixes ending in `last`, longest first (nil when none does).
    @inline(__always)
    func list(_ last: UInt32) -> [Lexicon.Suffix]? {
        if last >= 0x400 && last < 0x500 {
            let l = cyrillic[Int(last - 0x400)]
            return l.isEmpty ? nil : l
        }
        return other[last]
    }
}

