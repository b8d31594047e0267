import Foundation

/// A forgiving tokenizer for XML and HTML over UTF-8 bytes: tags, text, comments and CDATA, without building a tree
/// (memory stays proportional to the text). Malformed markup degrades to text; nothing is fetched or expanded
/// beyond the predefined and numeric character references (no DTDs, so no entity bombs).
struct MarkupScanner {
    enum Token {
        case text([UInt8])
        case open(name: String, attributes: [String: String], selfClosing: Bool)
        case close(name: String)
    }

    let bytes: [UInt8]
    var i = 0
    /// HTML: tag and attribute names are case-insensitive, and `<script>`/`<style>` hold raw text.
    let html: Bool
    var rawTextEnd: String? = nil

    init(_ bytes: [UInt8], html: Bool) { self.bytes = bytes; self.html = html }

    mutating func next() -> Token? {
        let n = bytes.count
        guard i < n else { return nil }
        if let raw = rawTextEnd {
            // Inside <script>/<style>: everything up to the matching end tag is skipped as one text token.
            let start = i
            let needle = Array("</\(raw)".utf8)
            while i < n {
                if bytes[i] == 0x3C, i + needle.count <= n,
                   zip(bytes[i..<(i + needle.count)], needle).allSatisfy({ Self.lower($0) == $1 }) { break }
                i += 1
            }
            rawTextEnd = nil
            return .text(Array(bytes[start..<i]))
        }
        if bytes[i] != 0x3C {   // '<'
            let start = i
            while i < n && bytes[i] != 0x3C { i += 1 }
            return .text(Array(bytes[start..<i]))
        }
        // Comments, CDATA, declarations, processing instructions.
        if starts("<!--") { skip(past: "-->"); return next() }
        if starts("<![CDATA[") {
            let start = i + 9
            skip(past: "]]>")
            return .text(Array(bytes[start..<max(start, i - 3)]))
        }
        if starts("<!") || starts("<?") { skip(past: ">"); return next() }
        var j = i + 1
        let closing = j < n && bytes[j] == 0x2F
        if closing { j += 1 }
        let nameStart = j
        while j < n, Self.isNameByte(bytes[j]) { j += 1 }
        guard j > nameStart else {   // a lone '<' is text
            i += 1
            return .text([0x3C])
        }
        var name = String(decoding: bytes[nameStart..<j], as: UTF8.self)
        if html { name = name.lowercased() }
        var attributes: [String: String] = [:]
        var selfClosing = false
        // Attributes until '>' (quoted values may contain '>').
        while j < n && bytes[j] != 0x3E {
            let b = bytes[j]
            if b == 0x2F { selfClosing = true; j += 1; continue }
            if Self.isSpace(b) { j += 1; continue }
            let aStart = j
            while j < n, !Self.isSpace(bytes[j]), bytes[j] != 0x3D, bytes[j] != 0x3E, bytes[j] != 0x2F { j += 1 }
            var aName = String(decoding: bytes[aStart..<j], as: UTF8.self)
            if html { aName = aName.lowercased() }
            while j < n, Self.isSpace(bytes[j]) { j += 1 }
            var value = ""
            if j < n && bytes[j] == 0x3D {
                j += 1
                while j < n, Self.isSpace(bytes[j]) { j += 1 }
                if j < n && (bytes[j] == 0x22 || bytes[j] == 0x27) {
                    let q = bytes[j]; j += 1
                    let vStart = j
                    while j < n && bytes[j] != q { j += 1 }
                    value = Entities.decode(bytes[vStart..<min(j, n)])
                    if j < n { j += 1 }
                } else {
                    let vStart = j
                    while j < n, !Self.isSpace(bytes[j]), bytes[j] != 0x3E { j += 1 }
                    value = Entities.decode(bytes[vStart..<j])
                }
            }
            if aStart == j { j += 1 } else if attributes.count < 64 { attributes[aName] = value }
        }
        i = min(j + 1, n)
        if closing { return .close(name: name) }
        if html && !selfClosing && (name == "script" || name == "style") { rawTextEnd = name }
        return .open(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    private func starts(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return i + u.count <= bytes.count && bytes[i..<(i + u.count)].elementsEqual(u)
    }

    private mutating func skip(past s: String) {
        let u = Array(s.utf8)
        var j = i + 1
        while j + u.count <= bytes.count {
            if bytes[j..<(j + u.count)].elementsEqual(u) { i = j + u.count; return }
            j += 1
        }
        i = bytes.count
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x3A || b == 0x2D || b == 0x5F || b == 0x2E
    }
    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

    /// The local part of a qualified name: "w:t" → "t".
    static func local(_ name: String) -> Substring {
        name.lastIndex(of: ":").map { name[name.index(after: $0)...] } ?? name[...]
    }
}

/// Character references: XML's five, the HTML ones that occur in ordinary prose, and numeric ones.
enum Entities {
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "mdash": "\u{2014}",
        "ndash": "\u{2013}", "laquo": "\u{AB}", "raquo": "\u{BB}", "hellip": "\u{2026}", "copy": "\u{A9}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "bdquo": "\u{201E}",
        "shy": "\u{AD}", "deg": "\u{B0}", "sect": "\u{A7}", "numero": "\u{2116}", "euro": "\u{20AC}", "middot": "\u{B7}",
    ]

    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        guard s.utf8.contains(0x26) else { return s }
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "&", let semi = scalars[(i + 1)..<min(scalars.count, i + 12)].firstIndex(of: ";") {
                let body = String(String.UnicodeScalarView(scalars[(i + 1)..<semi]))
                var value: Unicode.Scalar? = named[body]
                if body.hasPrefix("#x") || body.hasPrefix("#X") {
                    value = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if body.hasPrefix("#") {
                    value = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init)
                }
                if let v = value, v.value != 0 { out.append(v); i = semi + 1; continue }
            }
            out.append(c); i += 1
        }
        return String(out)
    }
}
