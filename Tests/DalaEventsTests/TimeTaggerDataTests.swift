import DalaLanguages
import DalaText
import Foundation
import Testing
@testable import DalaEvents

/// The time tagger's language facts are data rows: a registry folder without a row makes the tagger lose that reading.
@Suite struct TimeTaggerDataTests {
    /// A copy of the language folders with `edit(file, text)` applied to every file.
    static func registry(_ edit: (String, String) -> String) throws -> LanguageRegistry {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Shared/DalaLanguages/Resources")
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("time-tagger-data-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: copy)
        let files = FileManager.default.enumerator(at: copy, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "tsv" else { continue }
            let name = url.path.dropFirst(copy.path.count + 1)
            let text = try String(contentsOf: url, encoding: .utf8)
            try edit(String(name), text).write(to: url, atomically: true, encoding: .utf8)
        }
        return try LanguageRegistry(folder: copy)
    }

    static func times(_ s: String, _ lex: Lexicon) throws -> [RawTime] {
        let sentence = try #require(try TextAnalyzer().analyze(s).sentences.first)
        return TimeTagger(lex: lex).scan(Atoms.of(sentence), language: sentence.language)
    }

    static func without(_ function: String, in s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("\t" + function) }.joined(separator: "\n")
    }

    @Test func theAblativeEndingsOfSuffixesTsvOpenARange() throws {
        let s = "Ол 2019 жылдан 2023 жылға дейін министр болды."
        let full = try Lexicon(registry: try LanguageRegistry.shared.get(), loader: Lexicon.bundleFile)
        #expect(full.ablativeEndings.contains("дан"))
        let withRows = try Self.times(s, full)
        #expect(withRows.count == 1 && withRows.first?.rangeEnd?.year == 2023)

        let lex = try Lexicon(registry: try Self.registry { name, text in
            name.hasSuffix("suffixes.tsv") ? Self.without("case.ablative", in: text) : text
        }, loader: Lexicon.bundleFile)
        #expect(lex.ablativeEndings.isEmpty)
        let withoutRows = try Self.times(s, lex)
        #expect(withoutRows.count == 2 && withoutRows.allSatisfy { $0.rangeEnd == nil })
    }

    @Test func pageAbbreviationsAndCenturyAbbreviationsAreTimeTableRows() throws {
        let full = try Lexicon(registry: try LanguageRegistry.shared.get(), loader: Lexicon.bundleFile)
        #expect(full.pageAbbreviations == ["с", "б", "p", "pp", "стр", "бет"])
        #expect(full.unitAbbreviations == ["гг", "в", "вв"])
        #expect(full.prepositionAbbreviations == ["в"])
        let s = "Этот договор подробно описан в монографии о границах, с. 1998 г. и далее."
        #expect(try Self.times(s, full).allSatisfy { $0.value?.year != 1998 })

        // Without the page-abbreviation rows, `с. 1998 г.` reads as a year.
        let lex = try Lexicon(registry: try Self.registry { name, text in
            name.hasSuffix("time_cues.tsv") ? Self.without("page-abbreviation", in: text) : text
        }, loader: Lexicon.bundleFile)
        #expect(lex.pageAbbreviations.isEmpty)
        #expect(try Self.times(s, lex).contains { $0.value?.year == 1998 })
    }

    @Test func cyrillicRomanDigitsComeFromTheHomoglyphTable() throws {
        let full = try Lexicon(registry: try LanguageRegistry.shared.get(), loader: Lexicon.bundleFile)
        let tagger = TimeTagger(lex: full)
        #expect(tagger.roman("ххі") == 21)
        #expect(tagger.roman("xxi") == 21)
        #expect(tagger.roman("хіх") == 19)
        #expect(tagger.roman("абв") == nil)
        let times = try Self.times("ХХІ ғасырда елдер жақындасты.", full)
        #expect(times.first?.value?.kind == .century && times.first?.value?.year == 21)
    }

    @Test func aMonthThatIsAlsoANameIsNoTimeAloneInTheLocative() throws {
        let s = "Делегациялар қазанда кездесіп, көпір туралы келісті."
        let full = try Lexicon(registry: try LanguageRegistry.shared.get(), loader: Lexicon.bundleFile)
        #expect(try Self.times(s, full).isEmpty)
        #expect(try Self.times("Делегациялар желтоқсанда кездесті.", full).first?.relMonth == 12)

        // Without the mark, `қазанда` reads as October.
        let lex = try Lexicon(registry: try Self.registry { name, text in
            name.hasSuffix("months.tsv") ? text.replacingOccurrences(of: "\talso-a-name", with: "") : text
        }, loader: Lexicon.bundleFile)
        #expect(try Self.times(s, lex).first?.relMonth == 10)
    }
}
