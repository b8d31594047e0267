import Foundation

/// Scalars of a text being repaired, each with the original scalar offset it came from.
struct TracedText {
    var s: [Unicode.Scalar] = []
    var o: [Int32] = []

    @inline(__always) mutating func append(_ scalar: Unicode.Scalar, _ origin: Int) {
        s.append(scalar); o.append(Int32(truncatingIfNeeded: origin))
    }
    var count: Int { s.count }
}

/// Stage 1: character-level repairs that need no line context.
///
/// NBSP and exotic spaces become spaces; soft hyphens, zero-width and control characters go; CR/LF
/// variants become `\n`; a form feed becomes a line break that starts a new page; base + combining
/// mark is composed (NFC); superscript footnote digits are removed. Then, word by word, Latin letters
/// inside Cyrillic words (and the reverse) are replaced by their look-alikes, and Cyrillic Roman numerals
/// (`ХХІ`) become Latin.
struct Normalizer {
    let chars: CharClass
    let res: TextResources

    struct Output {
        var text: TracedText
        var pageBreakLines: Set<Int>   // output offsets of line starts that follow a form feed
        var absorbed: [Int]            // original offsets of combining marks merged into the scalar before them
    }

    func run(_ original: [Unicode.Scalar], stats: inout RepairStats, noise: inout [NoiseSpan]) -> Output {
        var out = TracedText()
        out.s.reserveCapacity(original.count)
        out.o.reserveCapacity(original.count)
        var pageBreaks = Set<Int>()
        var absorbed: [Int] = []
        let n = original.count
        var i = 0
        while i < n {
            let c = original[i]
            let v = c.value
            if (v >= 0x20 && v < 0x7F) || (v >= 0x400 && v < 0x530) {   // printable ASCII and Cyrillic
                out.append(c, i); i += 1; continue
            }
            switch v {
            case 0x0A:
                out.append(c, i)
            case 0x0D:
                if i + 1 < n && original[i + 1].value == 0x0A { i += 1 }
                out.append("\n", i)
            case 0x09:
                out.append(" ", i)
            case 0x0C:
                out.append("\n", i); pageBreaks.insert(out.count)
            case 0x2028, 0x2029, 0x0B, 0x85:
                out.append("\n", i)
            case 0x00...0x1F, 0x7F...0x9F:
                stats.controlCharsRemoved += 1
            case 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                out.append(" ", i); stats.spacesNormalized += 1
            case 0xAD:
                stats.softHyphensRemoved += 1
            case 0x200B...0x200D, 0x2060, 0xFEFF, 0x200E, 0x200F, 0x202A...0x202E:
                stats.controlCharsRemoved += 1
            case 0xB9, 0xB2, 0xB3, 0x2070, 0x2074...0x2079:
                // Superscript digits after a word are footnote markers; after a unit (км², m³) they stay.
                if isUnitBefore(out) {
                    out.append(c, i)
                } else {
                    var j = i + 1
                    while j < n, [0xB9, 0xB2, 0xB3, 0x2070].contains(original[j].value)
                            || (0x2074...0x2079).contains(original[j].value) { j += 1 }
                    noise.append(NoiseSpan(kind: .footnoteMarker, span: Span(start: i, end: j)))
                    stats.footnoteMarkersRemoved += 1
                    i = j; continue
                }
            case 0xFB00...0xFB06:
                let expanded = String(c).decomposedStringWithCompatibilityMapping
                for e in expanded.unicodeScalars { out.append(e, i) }
            case 0x0300...0x036F, 0x0483...0x0489:
                if let last = out.s.last, let composed = compose(last, c) {
                    out.s[out.s.count - 1] = composed
                    absorbed.append(i)
                    stats.nfcCompositions += 1
                } else {
                    out.append(c, i)
                }
            default:
                out.append(c, i)
            }
            i += 1
        }
        fixMixedScriptWords(&out, stats: &stats)
        return Output(text: out, pageBreakLines: pageBreaks, absorbed: absorbed)
    }

    /// Whether the text ends with a unit written alone (`км`, `m`: a `superscript-unit` of structure.tsv).
    private func isUnitBefore(_ out: TracedText) -> Bool {
        guard let last = out.s.last, res.superscriptUnitEnds.contains(CharClass.lower(last).value) else { return false }
        var k = out.s.count - 1
        while k >= 0 && chars.isLetter(out.s[k]) && out.s.count - k <= res.superscriptUnitLength { k -= 1 }
        guard k < 0 || !chars.isLetter(out.s[k]) else { return false }
        var word: [UInt32] = []
        for c in out.s[(k + 1)...] { word.append(CharClass.lower(c).value) }
        return res.superscriptUnits.contains(word)
    }

    private func compose(_ base: Unicode.Scalar, _ mark: Unicode.Scalar) -> Unicode.Scalar? {
        var pair = String.UnicodeScalarView()
        pair.append(base); pair.append(mark)
        let nfc = String(pair).precomposedStringWithCanonicalMapping.unicodeScalars
        return nfc.count == 1 ? nfc.first : nil
    }

    /// Replaces look-alike letters in words that mix Latin and Cyrillic.
    private func fixMixedScriptWords(_ t: inout TracedText, stats: inout RepairStats) {
        let n = t.s.count
        var i = 0
        while i < n {
            let f = chars.flags(t.s[i])
            guard f.contains(.letter) else { i += 1; continue }
            let start = i
            var cyr = 0, lat = 0
            while i < n {
                let g = chars.flags(t.s[i])
                if g.contains(.letter) {
                    if g.contains(.cyrillic) { cyr += 1 } else if g.contains(.latin) { lat += 1 }
                } else if !g.contains(.mark) {
                    break
                }
                i += 1
            }
            if cyr > 0 && lat > 0 {
                if !fixRomanNumeral(&t, start, i, stats: &stats) {
                    fixWord(&t, start, i, toCyrillic: cyr >= lat, stats: &stats)
                }
            } else if cyr > 0 && i - start >= 2 {
                fixRomanNumeral(&t, start, i, stats: &stats)
            }
        }
    }

    private func fixWord(_ t: inout TracedText, _ a: Int, _ b: Int, toCyrillic: Bool, stats: inout RepairStats) {
        let map = toCyrillic ? res.latinToCyrillic : res.cyrillicToLatin
        let foreign: CharFlags = toCyrillic ? .latin : .cyrillic
        // Only when every foreign letter has a look-alike: `SMS-тер` style genuine mixes stay as they are.
        for k in a..<b where chars.flags(t.s[k]).contains(foreign) && map[t.s[k].value] == nil { return }
        for k in a..<b where chars.flags(t.s[k]).contains(foreign) {
            t.s[k] = map[t.s[k].value]!
            stats.homoglyphsFixed += 1
        }
    }

    /// `ХХІ`, `XIХ`: all letters Roman-numeral shapes, at least one Cyrillic, upper case → Latin.
    @discardableResult
    private func fixRomanNumeral(_ t: inout TracedText, _ a: Int, _ b: Int, stats: inout RepairStats) -> Bool {
        guard b - a >= 2 && b - a <= 7 else { return false }
        // Cheap test before the table lookups: Roman numerals start with I, V, X (or a Cyrillic look-alike of the
        // homoglyph table's `roman` section: І, Х).
        let head = t.s[a].value
        guard head == 0x49 || head == 0x56 || head == 0x58 || res.romanCyrillicLetters.contains(head) else { return false }
        var hasCyrillic = false
        for k in a..<b {
            let v = t.s[k].value
            if res.romanCyrillic[v] != nil { hasCyrillic = true; continue }
            if v == 0x49 || v == 0x56 || v == 0x58 { continue }   // I V X
            return false
        }
        guard hasCyrillic else { return false }
        for k in a..<b {
            if let l = res.romanCyrillic[t.s[k].value] { t.s[k] = l }
        }
        stats.romanNumeralsFixed += 1
        return true
    }
}
