/// ISO 639-1 style language label of a span of text: a code, not a closed set. A label is either one language
/// identification knows (`identified`: `identification.tsv`'s kk ru en ky uz tt, and `other` / `unknown`) or a language registered in
/// `languages.tsv`; `profile` says how the analysers read a registered one.
public struct Language: RawRepresentable, Hashable, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    /// The code's ASCII bytes packed into one word, first byte lowest (codes are at most 8 bytes). A plain integer, so
    /// a `Language` is a trivial value: copying a sentence, token or word that holds one retains nothing, `==` is one
    /// comparison and hashing one round (a `String` field made every such copy retain and release it).
    public let packed: UInt64

    /// The code (`kk`).
    public var rawValue: String {
        var bytes: [UInt8] = []
        var p = packed
        while p != 0 { bytes.append(UInt8(truncatingIfNeeded: p)); p >>= 8 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The label `rawValue`, if identification or the registry knows it.
    public init?(rawValue: String) {
        guard let packed = Self.pack(rawValue),
              Self.identified.contains(where: { $0.packed == packed }) || Self.profiles[packed] != nil else {
            return nil
        }
        self.packed = packed
    }

    @inlinable init(packed: UInt64) { self.packed = packed }

    /// `code` packed (nil when it is empty, longer than 8 bytes or not ASCII).
    @inlinable
    public static func pack(_ code: String) -> UInt64? {
        var packed: UInt64 = 0, shift: UInt64 = 0
        for b in code.utf8 {
            guard b != 0, b < 0x80, shift < 64 else { return nil }
            packed |= UInt64(b) << shift
            shift += 8
        }
        return packed == 0 ? nil : packed
    }

    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(packed) }

    @inlinable public static func == (a: Language, b: Language) -> Bool { a.packed == b.packed }

    @inlinable public static var kk: Language { Language(packed: 0x6B6B) }                  // "kk"
    @inlinable public static var ru: Language { Language(packed: 0x7572) }                  // "ru"
    @inlinable public static var en: Language { Language(packed: 0x6E65) }                  // "en"
    /// Cyrillic Kyrgyz, Uzbek, Tatar: recognised so they are not called kk or ru.
    @inlinable public static var ky: Language { Language(packed: 0x796B) }                  // "ky"
    @inlinable public static var uz: Language { Language(packed: 0x7A75) }                  // "uz"
    @inlinable public static var tt: Language { Language(packed: 0x7474) }                  // "tt"
    /// Some other language.
    @inlinable public static var other: Language { Language(packed: 0x72_6568_746F) }      // "other"
    /// Too short or no letters.
    @inlinable public static var unknown: Language { Language(packed: 0x6E_776F_6E6B_6E75) } // "unknown"

    /// The labels language identification gives, in a fixed order (seeds and positions depend on it).
    /// The languages of `identification.tsv` in its order, then `other` and `unknown`.
    public static let identified: [Language] =
        ((try? LanguageRegistry.shared.get().identification) ?? []).compactMap { pack($0.code) }.map(Language.init(packed:))
        + [.other, .unknown]

    /// Every label: `identified`, then registered languages identification does not know, in registry order.
    public static let allCases: [Language] = identified + registeredCodes.compactMap(pack).filter { c in
        !identified.contains { $0.packed == c }
    }.map(Language.init(packed:))

    private static let registeredCodes: [String] = (try? LanguageRegistry.shared.get().codes) ?? []
    /// The registered languages' profiles by packed code.
    private static let profiles: [UInt64: LanguageProfile] = {
        var out: [UInt64: LanguageProfile] = [:]
        for p in (try? LanguageRegistry.shared.get().profiles) ?? [] { if let k = pack(p.code) { out[k] = p } }
        return out
    }()

    /// How the analysers read this language (`languages.tsv`), nil when it is not a registered analysis language.
    public var profile: LanguageProfile? { Self.profiles[packed] }

    /// Whether this is a registered analysis language (a row and a folder).
    public var isRegistered: Bool { Self.profiles[packed] != nil }
}

extension Language: CustomStringConvertible {
    public var description: String { rawValue }
}
