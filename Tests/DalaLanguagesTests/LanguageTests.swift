import DalaLanguages
import Foundation
import Testing

/// `Language`: a code identification or the registry knows, not a closed set.
@Suite struct LanguageTests {
    @Test func registeredAndIdentifiedCodesAreLanguages() {
        #expect(Language(rawValue: "kk") == .kk)
        #expect(Language(rawValue: "ky") == .ky)
        #expect(Language(rawValue: "other") == .other)
        #expect(Language(rawValue: "xx") == nil)
        #expect(Language(rawValue: "") == nil)
        #expect(Array(Language.allCases.prefix(8)) == [.kk, .ru, .en, .ky, .uz, .tt, .other, .unknown])
        #expect("\(Language.ru)" == "ru")
    }

    @Test func aLanguageIsATrivialValueWhoseConstantsAreTheirCodes() {
        #expect(_isPOD(Language.self))
        for l in Language.identified { #expect(Language.pack(l.rawValue) == l.packed && Language(rawValue: l.rawValue) == l) }
        #expect(Language.identified.map(\.rawValue) == ["kk", "ru", "en", "ky", "uz", "tt", "other", "unknown"])
        #expect(Language.pack("toolongcode") == nil && Language.pack("қаз") == nil && Language.pack("") == nil)
    }

    @Test func theProfileComesFromTheRegistry() {
        #expect(Language.kk.profile?.morphology == .suffixChain)
        #expect(Language.ky.profile?.wordOrder == .sov)
        #expect(Language.en.profile?.script == .latin)
        #expect(Language.uz.profile == nil && !Language.uz.isRegistered)
        #expect(Language.other.profile == nil)
    }

    @Test func codesEncodeAsStringsAndKeys() throws {
        let data = try JSONEncoder().encode([Language.kk: 0.5])
        #expect(String(decoding: data, as: UTF8.self) == #"{"kk":0.5}"#)
        #expect(try JSONDecoder().decode([Language].self, from: Data(#"["ru","ky"]"#.utf8)) == [.ru, .ky])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Language].self, from: Data(#"["xx"]"#.utf8)) }
    }
}

/// The morphology tables a language folder holds for its kind.
@Suite struct MorphologyTablesTests {
    @Test func kazakhIsReadAsASuffixChainFromData() throws {
        guard case .suffixChain(let kk) = try LanguageRegistry.shared.get().morphology("kk") else {
            Issue.record("kk is not suffix-chain"); return
        }
        #expect(kk.suffixes.contains { $0.form == "ның" && $0.harmony == .back && $0.function == "case.genitive" && $0.role == nil })
        #expect(kk.suffixes.contains { $0.form == "мен" && $0.role == "counterpart" })
        #expect(kk.harmony[0x4D9] == .front && kk.harmony[0x44B] == .back && kk.harmony[0x44C] == .openEnd)   // ә ы ь
        #expect(kk.alternations[0x493] == 0x49B)                                                            // ғ → қ
        #expect(kk.letters.contains(0x49B) && kk.letters.contains(0x49A) && !kk.letters.contains(0x43A))    // қ Қ, not к
        guard case .paradigm(let ru) = try LanguageRegistry.shared.get().morphology("ru") else {
            Issue.record("ru is not paradigm"); return
        }
        #expect(ru.endings.contains("ами"))
        #expect(ru.paradigms.contains { $0.name == "feminine-ia" && $0.endings.contains("ии") })
    }

    @Test func aSuffixChainLanguageNeedsItsMorphologyTables() throws {
        var files = LanguageRegistryTests.everyTable("xx")
        files["languages.tsv"] = "xx\tTest\tcyrillic\tsov\tsuffix-chain\n"
        for t in ["suffixes.tsv", "alternations.tsv", "letters.tsv"] { files["xx/" + t] = "# nothing yet\n" }
        #expect(throws: DataFileError(file: "xx/harmony.tsv", reason: "missing: every language folder holds every table")) {
            try LanguageRegistry(folder: try LanguageRegistryTests.folder(files))
        }
    }

    @Test func aMalformedSuffixNamesFileAndLine() throws {
        var files = LanguageRegistryTests.everyTable("xx")
        files["languages.tsv"] = "xx\tTest\tcyrillic\tsov\tsuffix-chain\n"
        files["xx/suffixes.tsv"] = "# suffix\tharmony\tfunction\nда\tround\tcase.locative\n"
        for t in ["harmony.tsv", "alternations.tsv", "letters.tsv"] { files["xx/" + t] = "# nothing yet\n" }
        let registry = try LanguageRegistry(folder: try LanguageRegistryTests.folder(files))
        #expect(throws: DataFileError(file: "xx/suffixes.tsv", line: 2, reason: #"["да", "round", "case.locative"]"#)) {
            try registry.morphology("xx")
        }
    }
}
