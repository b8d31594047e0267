import DalaLanguages

extension LanguageRegistry {
    /// The registered language codes in registry order; kk, ru, en if the registry cannot be read (the analysis
    /// then fails loudly at start-up anyway: `Pipeline()` loads the same registry).
    static var codesOrDefault: [String] {
        (try? LanguageRegistry.shared.get().codes) ?? ["kk", "ru", "en"]
    }
}
