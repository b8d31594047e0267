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
        #expect(kk.suffixes.contains { $0.form == "ның" && $0.harmony == ["back"] && $0.function == "case.genitive" && $0.role == nil })
        #expect(kk.suffixes.contains { $0.form == "мен" && $0.harmony.isEmpty && $0.role == "counterpart" })
        #expect(kk.harmony[0x4D9] == "front" && kk.harmony[0x44B] == "back" && kk.harmony[0x44C] == HarmonyClass.openEnd)   // ә ы ь
        #expect(kk.alternations[0x493] == 0x49B)                                                            // ғ → қ
        #expect(kk.letters.contains(0x49B) && kk.letters.contains(0x49A) && !kk.letters.contains(0x43A))    // қ Қ, not к
        guard case .paradigm(let ru) = try LanguageRegistry.shared.get().morphology("ru") else {
            Issue.record("ru is not paradigm"); return
        }
        #expect(ru.endings.contains("ами"))
        #expect(ru.paradigms.contains { $0.name == "feminine-ia" && $0.endings.contains("ии") })
    }

    @Test func kyrgyzHasItsOwnSuffixChainWithRoundedHarmony() throws {
        guard case .suffixChain(let ky) = try LanguageRegistry.shared.get().morphology("ky") else {
            Issue.record("ky is not suffix-chain"); return
        }
        // о and у are back rounded vowels with a class each (о takes -го, у takes -га), ө and ү front rounded.
        #expect(ky.harmony[0x43E] == "back-o" && ky.harmony[0x443] == "back-u" && ky.harmony[0x4E9] == "front-rounded")
        #expect(ky.harmony[0x435] == "front" && ky.harmony[0x430] == "back")                                  // е а
        #expect(ky.suffixes.contains { $0.form == "нун" && $0.harmony == ["back-o", "back-u"] && $0.function == "case.genitive" })
        #expect(ky.suffixes.contains { $0.form == "нүн" && $0.harmony == ["front-rounded"] })
        #expect(ky.suffixes.contains { $0.form == "го" && $0.harmony == ["back-o"] && $0.role == "counterpart" })
        #expect(ky.suffixes.contains { $0.form == "га" && $0.harmony == ["back", "back-u"] && $0.role == "counterpart" })
        #expect(ky.suffixes.contains { $0.form == "дө" && $0.role == "place" })
        #expect(ky.suffixes.contains { $0.form == "менен" && $0.harmony.isEmpty && $0.role == "counterpart" })
        #expect(ky.alternations[0x433] == 0x43A)                                                             // г → к
        // The Kazakh table holds no Kyrgyz ending.
        guard case .suffixChain(let kk) = try LanguageRegistry.shared.get().morphology("kk") else { return }
        #expect(!kk.suffixes.contains { ["нын", "нун", "га", "го", "до", "дон"].contains($0.form) })
    }

    @Test func aSuffixNamesOnlyHarmonyClassesOfItsLanguage() throws {
        var files = LanguageRegistryTests.everyTable("xx")
        files["languages.tsv"] = "xx\tTest\tcyrillic\tsov\tsuffix-chain\n"
        files["xx/harmony.tsv"] = "back\tа ы\nback-o\tо\n"
        files["xx/suffixes.tsv"] = "до\tback-o\tcase.locative\nда\tback|front\tcase.locative\n"
        for t in ["alternations.tsv", "letters.tsv"] { files["xx/" + t] = "# nothing yet\n" }
        let registry = try LanguageRegistry(folder: try LanguageRegistryTests.folder(files))
        #expect(throws: DataFileError(file: "xx/suffixes.tsv", line: 2, reason: #"["да", "back|front", "case.locative"]"#)) {
            try registry.morphology("xx")
        }
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
