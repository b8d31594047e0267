import Testing
import DalaText
@testable import DalaEntities

/// `<lang>/name_phrases.tsv`: the name-phrase rules' words and endings, by the morphology kind of each row's language.
@Suite("Name-phrase lists")
struct NamePhrasesTests {
    static let morphology: @Sendable (String) -> MorphologyKind? = {
        ["kk": .suffixChain, "ky": .suffixChain, "ru": .paradigm, "en": .english][$0]
    }

    @Test func aRowJoinsTheRuleOfItsLanguagesMorphology() throws {
        let p = try NamePhrases.parse("# a comment\nky\tconnector\tжана|менен\nru\tconnector\tи\nen\tconnector\tof\n",
                                      morphology: Self.morphology)
        #expect(p.headLastConnectorKeys.contains(TextNorm.key("менен")))
        #expect(!p.headFirstConnectorKeys.contains(TextNorm.key("менен")))
        #expect(p.headFirstConnectorKeys.contains(TextNorm.key("и")))
        #expect(p.runConnectorKeys.contains(TextNorm.key("of")))
        #expect(p.isConnector(TextNorm.key("жана")))
    }

    @Test func malformedRowsSayFileAndLine() {
        let file = "name_phrases.tsv"
        #expect(throws: DataFileError(file: file, line: 3, reason: "expected 3 columns, found 2")) {
            try NamePhrases.parse("# c\nkk\tconnector\tжәне\nru\tconnector\n", morphology: Self.morphology)
        }
        #expect(throws: DataFileError(file: file, line: 1, reason: "language xx is not in languages.tsv")) {
            try NamePhrases.parse("xx\tconnector\tand\n", morphology: Self.morphology)
        }
        #expect(throws: DataFileError(file: file, line: 2, reason: "kind genitive-ending is not one of suffix-chain languages")) {
            try NamePhrases.parse("ru\tgenitive-ending\tа\nkk\tgenitive-ending\tның\n", morphology: Self.morphology)
        }
        #expect(throws: DataFileError(file: file, line: 1, reason: "nominative-feminine holds one item, found 2")) {
            try NamePhrases.parse("ru\tnominative-feminine\tая|яя\n", morphology: Self.morphology)
        }
        #expect(throws: DataFileError(file: file, line: 1, reason: "empty item")) {
            try NamePhrases.parse("en\tconnector\tof||and\n", morphology: Self.morphology)
        }
        #expect(throws: DataFileError(file: file, line: 1, reason: "vowel holds single letters")) {
            try NamePhrases.parse("ru\tvowel\tаe|ы\n", morphology: Self.morphology)
        }
    }

    @Test func theShippedTableReadsRussianComplements() throws {
        #expect(Lexicon.loadError == nil)
        let p = Lexicon.shared.phrases
        let sc = { (w: String) in TextNorm.normalizeScalars(w) }
        #expect(p.looksGenitive(sc("журналистов")))
        #expect(p.looksGenitive(sc("торговли")))           // -ли after a consonant: a noun
        #expect(!p.looksGenitive(sc("подписали")))         // after a vowel: a verb
        #expect(p.isAdjective(sc("азиатский")))
        #expect(p.isPluralAdjective("Международные"))
        #expect(!p.isPluralAdjective("Соглашение"))
        #expect(p.sovietHomonymKeys.contains(TextNorm.key("Кеңес")))
        #expect(p.surnameFeminineLetters.contains(0x430) && p.surnameFeminineLetters.contains(0x61))   // -ова, -ova
        #expect(p.headLastConnectorKeys.contains(TextNorm.key("жана")))                                // ky
    }
}
