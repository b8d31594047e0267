import DalaLanguages
import Foundation
import Testing

@Suite struct LanguageRegistryTests {
    /// A registry folder written for one test.
    static func folder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dala-languages-\(UUID().uuidString)")
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func everyTable(_ code: String, except: String? = nil) -> [String: String] {
        var out: [String: String] = [:]
        for t in LanguageRegistry.tables where t != except { out[code + "/" + t] = "# nothing yet\n" }
        // The languages identification tells apart: none here (the bundled list is kk ru en ky uz tt).
        out["identification.tsv"] = "# kind\tcode\tscript\tprior\n"
        return out
    }

    @Test func theBundledRegistryHasTheAnalysisLanguages() throws {
        let registry = try LanguageRegistry.shared.get()
        #expect(Array(registry.codes.prefix(3)) == ["kk", "ru", "en"])
        #expect(registry.profile("kk")?.morphology == .suffixChain)
        #expect(registry.profile("ru")?.morphology == .paradigm)
        #expect(registry.profile("en")?.script == .latin)
        #expect(registry.isRegistered("ru") && !registry.isRegistered("xx") && !registry.isRegistered(""))
        let months = try registry.table("months.tsv", columns: 3)
        #expect(months.contains { $0.fields == ["kk", "қаңтар*", "1"] })
        #expect(months.first?.file == "kk/months.tsv")
    }

    @Test func aLanguageIsARowAndAFolder() throws {
        var files = Self.everyTable("xx")
        files["languages.tsv"] = "# code\tname\tscript\torder\tmorphology\nxx\tTest\tlatin\tsvo\tenglish\n"
        files["xx/months.tsv"] = "# form\tmonth\njanuar*\t1\n"
        let registry = try LanguageRegistry(folder: try Self.folder(files))
        #expect(registry.codes == ["xx"])
        let rows = try registry.table("months.tsv", columns: 3)
        #expect(rows == [DataRow(fields: ["xx", "januar*", "1"], file: "xx/months.tsv", line: 2)])
    }

    @Test func aMissingTableIsAnErrorNamingIt() throws {
        var files = Self.everyTable("xx", except: "triggers.tsv")
        files["languages.tsv"] = "xx\tTest\tlatin\tsvo\tenglish\n"
        #expect(throws: DataFileError(file: "xx/triggers.tsv", reason: "missing: every language folder holds every table")) {
            try LanguageRegistry(folder: try Self.folder(files))
        }
    }

    @Test func malformedRowsSayFileAndLine() throws {
        var files = Self.everyTable("xx")
        files["languages.tsv"] = "# header\nxx\tTest\tlatin\tsvo\tenglish\n"
        files["xx/months.tsv"] = "# form\tmonth\n\njanuar*\n"
        let registry = try LanguageRegistry(folder: try Self.folder(files))
        #expect(throws: DataFileError(file: "xx/months.tsv", line: 3, reason: "expected 2 columns, found 1")) {
            try registry.table("months.tsv", columns: 3)
        }
        files["languages.tsv"] = "xx\tTest\tgreek\tsvo\tenglish\n"
        #expect(throws: DataFileError(file: "languages.tsv", line: 1, reason: "script greek")) {
            try LanguageRegistry(folder: try Self.folder(files))
        }
    }

    /// `ending` rows of `<code>/identification.tsv`: 2 or 3 lowercase Cyrillic letters and an optional weight.
    @Test func identificationEndingsAreReadWithTheirWeights() throws {
        var files = Self.everyTable("xx")
        files["languages.tsv"] = "xx\tTest\tlatin\tsvo\tenglish\n"
        files["xx/identification.tsv"] = "# kind\tentry\nletter\tө\nending\tдун\t8\nending\tга\n"
        let registry = try LanguageRegistry(folder: try Self.folder(files))
        let endings = try registry.identificationEndings("xx")
        #expect(endings.map { String(String.UnicodeScalarView($0.ending)) } == ["дун", "га"])
        #expect(endings.map(\.weight) == [8, 5])
        #expect(try registry.identificationEvidence("xx").letters == ["ө"])
        files["xx/identification.tsv"] = "letter\tө\nending\tд\n"
        #expect(throws: DataFileError(file: "xx/identification.tsv", line: 2, reason: "an ending is 2 or 3 lowercase Cyrillic letters")) {
            try LanguageRegistry(folder: try Self.folder(files)).identificationEndings("xx")
        }
        files["xx/identification.tsv"] = "ending\tдун\tmany\n"
        #expect(throws: DataFileError(file: "xx/identification.tsv", line: 1, reason: "an ending's weight is a number of log units, 0 to 20")) {
            try LanguageRegistry(folder: try Self.folder(files)).identificationEndings("xx")
        }
    }

    @Test func oneFoldAndOneKey() {
        #expect(TextFold.scalar(0x401) == 0x435)        // Ё → е
        #expect(TextFold.scalar(0x4D8) == 0x4D9)        // Ә → ә
        #expect(TextFold.scalar(0x4AE) == 0x4AF)        // Ү → ү
        #expect(TextFold.scalar(0x41) == 0x61)
        #expect(TextFold.lower(0x401) == 0x451 && TextFold.lower(0x451) == 0x451)    // `lower` keeps ё (stage 1)
        #expect(TextFold.lower(0xC9) == 0xE9 && TextFold.lower(0xD7) == 0xD7)        // É → é, × stays
        #expect(TextFold.lower(0x4C1) == 0x4C2 && TextFold.lower(0x4C2) == 0x4C2)    // Ӂ → ӂ (odd upper)
        #expect(WordKey.mix(WordKey.offsetBasis, 0x61) == WordKey.fnv1a("a"))
        #expect(WordKey.fnv1a("") == WordKey.offsetBasis)
        #expect(WordKey.fnv1a("a") == 0xaf63dc4c8601ec8c)
        #expect(WordKey.fnv1a(scalars: [0x61]) == WordKey.fnv1a("a"))
    }
}
