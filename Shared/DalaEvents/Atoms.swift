import DalaText

/// A piece of a token: a run of letters, a run of digits, or one other character. Tokens like `1990-жылдары`,
/// `90-х`, `2014-2020` or `23.00.04` come from stage 1 as one token; dates are read from their pieces.
struct Atom: Sendable {
    enum Kind: Sendable { case word, number, punct }
    var text: String            // folded (lower-case, ё → е)
    var span: Span              // in the original text
    var kind: Kind
    var token: Int              // index of the token in the sentence
    var glued: Bool             // no space between this atom and the previous one
    var quoteDepth: Int         // inside «…» or “…” quotes
    var head: UInt32 = 0        // first scalar of `text`: lexicon tries reject most atoms on it
    var capitalized = false     // the word starts with a capital letter in the text (`May` the month, not `may`)

    var isDash: Bool { kind == .punct && (text == "-" || text == "–" || text == "—" || text == "‑") }
    var number: Int? { kind == .number && text.utf8.count <= 6 ? Int(text) : nil }
}

enum Atoms {
    /// The atoms of one sentence.
    static func of(_ sentence: Sentence) -> [Atom] {
        var out: [Atom] = []
        out.reserveCapacity(sentence.tokens.count + 8)
        var depth = 0
        var prevEnd = -1
        for (ti, token) in sentence.tokens.enumerated() {
            let scalars = token.text.unicodeScalars
            if token.kind == .punctuation || token.kind == .symbol, token.text.utf8.count <= 4, scalars.count == 1, let u = scalars.first {
                switch u {
                case "«", "“": depth += 1
                case "»", "”": depth = max(0, depth - 1)
                case "\"": depth = depth > 0 ? depth - 1 : 1
                default: break
                }
            }
            // Fast path: a plain word or number token is one atom.
            if token.kind == .word || token.kind == .number, let (folded, head) = uniformFolded(token.text) {
                var atom = Atom(text: token.kind == .number ? token.text : folded, span: token.span,
                                kind: token.kind == .number ? .number : .word, token: ti,
                                glued: token.span.start == prevEnd, quoteDepth: depth)
                atom.head = token.kind == .number ? (token.text.unicodeScalars.first?.value ?? 0) : head
                atom.capitalized = token.kind == .word && (token.text.unicodeScalars.first.map { isCapital($0.value) } ?? false)
                out.append(atom)
                prevEnd = token.span.end
                continue
            }
            let exact = scalars.count == token.span.length
            var run = String.UnicodeScalarView()
            var runKind: Atom.Kind = .punct
            var runStart = 0
            var runCapital = false
            var offset = 0
            func flush(_ end: Int) {
                guard !run.isEmpty else { return }
                let span = exact ? Span(start: token.span.start + runStart, end: token.span.start + end) : token.span
                var atom = Atom(text: String(run), span: span, kind: runKind, token: ti,
                                glued: span.start == prevEnd || (!exact && runStart > 0), quoteDepth: depth)
                atom.head = run.first?.value ?? 0
                atom.capitalized = runKind == .word && runCapital
                out.append(atom)
                prevEnd = span.end
                run = String.UnicodeScalarView()
            }
            for u in scalars {
                let k: Atom.Kind = isLetter(u) ? .word : (u.properties.numericType == .decimal ? .number : .punct)
                if k != runKind || k == .punct { flush(offset); runKind = k; runStart = offset; runCapital = isCapital(u.value) }
                run.append(Unicode.Scalar(foldScalar(u.value)) ?? u)
                offset += 1
            }
            flush(offset)
            if !exact { prevEnd = token.span.end }
        }
        return out
    }

    /// A capital letter: one the fold changes (`ё` only loses its dots).
    @inline(__always)
    static func isCapital(_ v: UInt32) -> Bool { v != 0x451 && foldScalar(v) != v }

    @inline(__always)
    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        if v >= 0x400 && v <= 0x4FF { return v < 0x482 || v > 0x489 }
        return u.properties.isAlphabetic
    }

    /// `isUniform` and `fold` in one pass over the UTF-8 bytes: nil when the token mixes classes, else the folded
    /// text (the token itself when nothing changes) and its first folded scalar.
    static func uniformFolded(_ text: String) -> (String, UInt32)? {
        var t = text
        var letters = false, digits = false, changed = false
        var head: UInt32 = 0
        let ok: Bool = t.withUTF8 { buf in
            var i = 0
            let n = buf.count
            while i < n {
                let b0 = UInt32(buf[i])
                var v: UInt32
                if b0 < 0x80 { v = b0; i += 1 } else if b0 < 0xE0, i + 1 < n {
                    v = (b0 & 0x1F) << 6 | (UInt32(buf[i + 1]) & 0x3F); i += 2
                } else if b0 < 0xF0, i + 2 < n {
                    v = (b0 & 0x0F) << 12 | (UInt32(buf[i + 1]) & 0x3F) << 6 | (UInt32(buf[i + 2]) & 0x3F); i += 3
                } else if i + 3 < n {
                    v = (b0 & 0x07) << 18 | (UInt32(buf[i + 1]) & 0x3F) << 12 | (UInt32(buf[i + 2]) & 0x3F) << 6
                        | (UInt32(buf[i + 3]) & 0x3F); i += 4
                } else { return false }
                if v >= 0x30 && v <= 0x39 { digits = true } else if let u = Unicode.Scalar(v), isLetter(u) { letters = true } else {
                    return false
                }
                if letters && digits { return false }
                let f = foldScalar(v)
                if f != v { changed = true }
                if head == 0 { head = f }
            }
            return true
        }
        guard ok else { return nil }
        return (changed ? fold(text[...]) : text, head)
    }

    /// True when every scalar is of one class (all letters or all ASCII digits).
    @inline(__always)
    static func isUniform(_ s: String.UnicodeScalarView) -> Bool {
        var letters = false, digits = false
        for u in s {
            if u.value >= 0x30 && u.value <= 0x39 { digits = true } else if isLetter(u) { letters = true } else { return false }
            if letters && digits { return false }
        }
        return true
    }
}

