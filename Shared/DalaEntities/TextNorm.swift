import DalaText

/// Scalar-level normalisation shared by the knowledge-base index, the recogniser and `Morphology`:
/// lowercase, ё→е, typographic apostrophes, and homoglyph repair inside mixed-script words.
enum TextNorm {
    /// The entity key's fold of one scalar: the lookup fold (`TextFold.scalar`: lower case, ё→е), and apostrophe and
    /// hyphen variants read as ' and -.
    @inline(__always)
    static func lower(_ v: UInt32) -> UInt32 {
        if TextFold.isBasicLower(v) { return v }
        switch v {
        case 0x2019, 0x2018, 0x02BC, 0x60, 0xB4: return 0x27   // ’ ‘ ʼ ` ´ → '
        case 0x2010, 0x2011, 0x2012, 0x2013: return 0x2D        // hyphen variants and en dash inside words → -
        default: return TextFold.scalar(v)
        }
    }

    @inline(__always)
    static func isUpper(_ v: UInt32) -> Bool {
        switch v {
        case 0x41...0x5A, 0x410...0x42F, 0x400...0x40F: return true
        case 0x460...0x4FF: return v & 1 == 0
        case 0xC0...0xDE: return v != 0xD7
        default: return false
        }
    }

    @inline(__always)
    static func isCyrillic(_ v: UInt32) -> Bool { v >= 0x400 && v <= 0x4FF }

    @inline(__always)
    static func isLatin(_ v: UInt32) -> Bool { (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || (v >= 0xC0 && v <= 0x24F) }

    @inline(__always)
    static func isLetter(_ v: UInt32) -> Bool { isCyrillic(v) || isLatin(v) }

    /// Latin letters that look like Cyrillic ones (after lowercasing), used when a word is mostly Cyrillic
    /// (`lexicon/homoglyphs.tsv`).
    @inline(__always)
    static func latinToCyrillic(_ v: UInt32) -> UInt32 { Homoglyphs.shared.toCyrillic[v] ?? v }

    @inline(__always)
    static func cyrillicToLatin(_ v: UInt32) -> UInt32 { Homoglyphs.shared.toLatin[v] ?? v }

    /// Soft hyphen and zero-width characters: dropped from normalised words.
    @inline(__always)
    static func isIgnorable(_ v: UInt32) -> Bool { v == 0xAD || v == 0x200B || v == 0x200C || v == 0x200D || v == 0xFEFF }

    /// Homoglyph repair of one scalar of a mixed-script word: `raw` as written, `v` its lowercase. A `written` row
    /// reads the lowercase letter as written (Latin h inside Cyrillic is Kazakh һ: Жаhандық; capital H is Н).
    @inline(__always)
    static func repair(raw: UInt32, lowered v: UInt32, toCyrillic: Bool) -> UInt32 {
        let h = Homoglyphs.shared
        if toCyrillic { return h.writtenToCyrillic[raw] ?? latinToCyrillic(v) }
        return h.writtenToLatin[v] ?? cyrillicToLatin(v)
    }

    /// What a Latin h inside a Cyrillic word is read as (Kazakh һ).
    static let repairedLatinH: UInt32 = repair(raw: 0x68, lowered: 0x68, toCyrillic: true)

    /// Repairs the normalised scalars `out` of the mixed-script word `s` in place (rare, so a second pass over `s`).
    static func repairMixed<S: StringProtocol>(_ out: inout [UInt32], of s: S, toCyrillic: Bool) {
        var k = 0
        for u in s.unicodeScalars where k < out.count {
            let v = lower(u.value)
            if isIgnorable(v) { continue }
            out[k] = repair(raw: u.value, lowered: out[k], toCyrillic: toCyrillic)
            k += 1
        }
    }

    /// Normalised scalars of a word (see `normalize`), without building a String. One pass; the homoglyph repair of
    /// mixed-script words (rare) runs over the result afterwards.
    static func normalizeScalars<S: StringProtocol>(_ s: S) -> [UInt32] {
        var cyr = 0, lat = 0
        var out: [UInt32] = []
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            let raw = u.value
            if isCyrillic(raw) { cyr += 1 } else if isLatin(raw) { lat += 1 }
            let v = lower(raw)
            if isIgnorable(v) { continue }
            out.append(v)
        }
        if cyr > 0 && lat > 0 { repairMixed(&out, of: s, toCyrillic: cyr >= lat) }
        return out
    }

    /// 64-bit FNV-1a of normalised scalars: the key of every hash lookup in the recogniser (no String hashing,
    /// which normalises to NFC on every call). Collisions among the registry's ~10^5 forms are negligible.
    @inline(__always)
    static func hash<C: Collection>(_ scalars: C) -> UInt64 where C.Element == UInt32 {
        WordKey.fnv1a(scalars: scalars)
    }

    static func key<S: StringProtocol>(_ s: S) -> UInt64 { hash(normalizeScalars(s)) }

    static func string<C: Collection>(_ scalars: C) -> String where C.Element == UInt32 {
        // Encoded straight into the string's UTF-8 storage (appending scalars to a view is far slower).
        String(unsafeUninitializedCapacity: scalars.count * 4) { buf in
            var i = 0
            for x in scalars {
                guard let u = Unicode.Scalar(x) else { continue }
                for b in u.utf8 { buf[i] = b; i += 1 }
            }
            return i
        }
    }

    @inline(__always)
    static func hasSuffix(_ w: [UInt32], _ e: [UInt32]) -> Bool {
        w.count >= e.count && w.suffix(e.count).elementsEqual(e)
    }

    /// Normalised key of a word or phrase: lowercase, ё→е, one apostrophe, homoglyphs repaired per word.
    static func normalize<S: StringProtocol>(_ s: S) -> String {
        var cyr = 0, lat = 0
        for u in s.unicodeScalars {
            let v = u.value
            if isCyrillic(v) { cyr += 1 } else if isLatin(v) { lat += 1 }
        }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            var v = lower(u.value)
            if cyr > 0 && lat > 0 { v = repair(raw: u.value, lowered: v, toCyrillic: cyr >= lat) }
            if isIgnorable(v) { continue }
            if let s = Unicode.Scalar(v) { out.append(s) }
        }
        return String(out)
    }

    /// Key of the first (up to) four letters of a normalised word, for the fast pre-filter.
    @inline(__always)
    static func prefixKey(_ normalized: [UInt32]) -> UInt64 {
        var key: UInt64 = 0
        var n = 0
        for v in normalized {
            if n == 4 { break }
            key = (key << 16) | UInt64(v & 0xFFFF)
            n += 1
        }
        return key | (UInt64(n) << 48)
    }
}

/// Look-alike Latin and Cyrillic letters (`lexicon/homoglyphs.tsv`), loaded once.
struct Homoglyphs: Sendable {
    var toCyrillic: [UInt32: UInt32] = [:]
    var toLatin: [UInt32: UInt32] = [:]
    /// `written` rows: the lowercase Latin letter as written → Cyrillic, and back.
    var writtenToCyrillic: [UInt32: UInt32] = [:]
    var writtenToLatin: [UInt32: UInt32] = [:]

    static let shared: Homoglyphs = (try? load()) ?? Homoglyphs()

    static func load() throws -> Homoglyphs {
        var h = Homoglyphs()
        let file = "lexicon/homoglyphs.tsv"
        do {
            for row in try DataFile.rows(try ResourceFiles.text(file), file: file, columns: 3) {
                guard row[0].unicodeScalars.count == 1, row[1].unicodeScalars.count == 1,
                      let l = row[0].unicodeScalars.first?.value, let c = row[1].unicodeScalars.first?.value else {
                    throw row.error("one letter each: \(row.fields)")
                }
                switch row[2] {
                case "both": h.toCyrillic[l] = c; h.toLatin[c] = l
                case "to-cyrillic": h.toCyrillic[l] = c
                case "written": h.writtenToCyrillic[l] = c; h.writtenToLatin[c] = l
                default: throw row.error("direction \(row[2]): both, to-cyrillic or written")
                }
            }
        } catch let e as DataFileError {
            throw EntityStageError(code: .malformedData, detail: e.description)
        }
        return h
    }
}
