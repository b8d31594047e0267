import Testing
@testable import DalaExtract

/// The OCR's page language comes from the letters the language registry says each language writes.
@Suite struct ScriptLanguageTests {
    @Test func kazakhLettersAreKazakhsDecisiveLettersLessRussians() {
        #expect(ScriptLanguage.kazakhLetters.isSuperset(of: ["ә", "қ", "Қ", "ү", "Ү", "і", "І"]))
        #expect(!ScriptLanguage.kazakhLetters.contains("ы"))   // Russian writes it too
    }

    @Test func aPageSaysItsLanguage() {
        #expect(ScriptLanguage.guess("Қазақстан мен Өзбекстан су бөлісу туралы келісімге қол қойды.") == "kk")
        #expect(ScriptLanguage.guess("Казахстан и Узбекистан подписали соглашение о воде.") == "ru")
        #expect(ScriptLanguage.guess("Kazakhstan and Uzbekistan signed a water deal.") == "en")
        #expect(ScriptLanguage.guess("1994 — 2024") == nil)
    }
}
