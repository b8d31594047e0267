/// ISO 639-1 style language label of a span of text: a code, not a closed set. A label is either one language
/// identification knows (`identified`: kk ru en ky uz tt, and `other` / `unknown`) or a language registered in
/// `languages.tsv`; `profile` says how the analysers read a registered one.
public struct Language: RawRepresentable, Hashable, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    public let rawValue: String

    /// The label `rawValue`, if identification or the registry knows it.
    public init?(rawValue: String) {
        guard Self.identified.contains(where: { $0.rawValue == rawValue }) || Self.registered.contains(rawValue) else {
            return nil
        }
        self.rawValue = rawValue
    }

    @usableFromInline init(code: String) { rawValue = code }

    @inlinable public static var kk: Language { Language(code: "kk") }
    @inlinable public static var ru: Language { Language(code: "ru") }
    @inlinable public static var en: Language { Language(code: "en") }
    /// Cyrillic Kyrgyz, Uzbek, Tatar: recognised so they are not called kk or ru.
    @inlinable public static var ky: Language { Language(code: "ky") }
    @inlinable public static var uz: Language { Language(code: "uz") }
    @inlinable public static var tt: Language { Language(code: "tt") }
    /// Some other language.
    @inlinable public static var other: Language { Language(code: "other") }
    /// Too short or no letters.
    @inlinable public static var unknown: Language { Language(code: "unknown") }

    /// The labels language identification gives, in a fixed order (seeds and positions depend on it).
    public static let identified: [Language] = [.kk, .ru, .en, .ky, .uz, .tt, .other, .unknown]

    /// Every label: `identified`, then registered languages identification does not know, in registry order.
    public static let allCases: [Language] = identified + registeredCodes.filter { c in
        !identified.contains { $0.rawValue == c }
    }.map(Language.init(code:))

    private static let registeredCodes: [String] = (try? LanguageRegistry.shared.get().codes) ?? []
    private static let registered: Set<String> = Set(registeredCodes)

    /// How the analysers read this language (`languages.tsv`), nil when it is not a registered analysis language.
    public var profile: LanguageProfile? { try? LanguageRegistry.shared.get().profile(rawValue) }

    /// Whether this is a registered analysis language (a row and a folder).
    public var isRegistered: Bool { Self.registered.contains(rawValue) }
}

extension Language: CustomStringConvertible {
    public var description: String { rawValue }
}
