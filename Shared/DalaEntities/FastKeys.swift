import DalaText

/// Kazakh suffixes by their last letter: a flat table for Cyrillic letters, shared by reference (the stem
/// iterator holds it, not the whole lexicon).
final class KazakhSuffixTable: Sendable {
    private let cyrillic: [[Lexicon.KazakhSuffix]]        // index: scalar - 0x400
    private let other: [UInt32: [Lexicon.KazakhSuffix]]

    init(_ byLast: [UInt32: [Lexicon.KazakhSuffix]]) {
        var c = [[Lexicon.KazakhSuffix]](repeating: [], count: 0x100)
        var o: [UInt32: [Lexicon.KazakhSuffix]] = [:]
        for (last, list) in byLast {
            if last >= 0x400 && last < 0x500 { c[Int(last - 0x400)] = list } else { o[last] = list }
        }
        cyrillic = c; other = o
    }

    /// Suffixes ending in `last`, longest first (nil when none does).
    @inline(__always)
    func list(_ last: UInt32) -> [Lexicon.KazakhSuffix]? {
        if last >= 0x400 && last < 0x500 {
            let l = cyrillic[Int(last - 0x400)]
            return l.isEmpty ? nil : l
        }
        return other[last]
    }
}

