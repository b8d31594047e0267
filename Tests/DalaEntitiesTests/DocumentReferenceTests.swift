import Testing
import DalaText
@testable import DalaEntities

/// Misspelt names, surnames after a full name and anaphoric short forms (passages written for these tests).
@Suite("References that need the document")
struct DocumentReferenceTests {
    @Test func misspeltLongNamesLinkWithLowerConfidence() throws {
        let a = Env.analyze("Қазақсатан мен Ресей келісімге келді.")
        let m = try #require(a.mentions.first { $0.surface == "Қазақсатан" })
        #expect(m.entityID == "Q232")
        #expect(m.confidence < 0.8)
        #expect(Env.id(of: "Қазақстан", in: "Қазақстан мен Ресей келісімге келді.") == "Q232")
        #expect((Env.analyze("Қазақстан мен Ресей.").mentions.first?.confidence ?? 0) > m.confidence)
    }

    @Test func realWordsAndShortNamesAreNotMisspellings() {
        // A real word one edit from "Испании" (stoplist), and a six-letter name with a typo (too short to guess).
        #expect(Env.analyze("Испанки выиграли турнир.").mentions.isEmpty)
        #expect(Env.analyze("Делегация прибыла в Бишкук.").mentions.isEmpty)
        #expect(Env.kb.fuzzyMayRead("Испанки"))
        #expect(!Env.kb.fuzzyMayRead("Келесі"))
    }

    @Test func surnameAloneAfterAFullName() {
        let a = Env.links("George H. W. Bush met the new leaders. Later Bush praised their reforms.")
        #expect(a.contains { $0 == ("Bush", "dala:person-bush-sr") })
        // Without the full name, "Rice" is a word, not Condoleezza Rice; and another given name is someone else.
        #expect(Env.analyze("Rice exports grew. Susan Rice spoke.").mentions.allSatisfy { $0.entityID != "dala:person-c-rice" })
        let b = Env.links("Condoleezza Rice arrived. Rice met the president.")
        #expect(b.filter { $0.1 == "dala:person-c-rice" }.count == 2)
    }

    @Test func shortFormLinksToTheOneEntityOfItsKindInThisOrThePreviousParagraph() throws {
        let text = "Еуразиялық экономикалық одақ 2015 жылы құрылды.\nКейін Одақтың нарығы кеңейді.\nБұл мәтін басқа тақырыпта.\nКеше Одақ туралы жаңа пікір айтылды."
        let a = Env.analyze(text)
        let unions = a.mentions.filter { $0.surface.hasPrefix("Одақ") }
        #expect(unions.count == 1)
        #expect(unions.first?.entityID == "dala:eaeu" && unions.first?.surface == "Одақтың")
        #expect((unions.first?.confidence ?? 1) < 0.7)
    }

    @Test func stageOneParagraphsBoundShortForms() {
        // One paragraph for stage 1 (a wrapped line), so the union is still in reach two lines later.
        let text = "The European Union adopted a plan.\nIt took years.\nThe Union will pay for it."
        let sentences = Env.analyzer.analyze(text).sentences
        let oneParagraph = Env.recognizer.recognize(text: text, sentences: sentences, paragraphs: [Span(start: 0, end: text.unicodeScalars.count)])
        #expect(oneParagraph.mentions.contains { $0.surface == "Union" && $0.entityID == "Q458" })
        let lines = Env.recognizer.recognize(text: text, sentences: sentences)
        #expect(!lines.mentions.contains { $0.surface == "Union" })
    }

    @Test func twoCandidatesOrNoneMeanNoMention() {
        #expect(!Env.analyze("Европейский союз и Евразийский экономический союз спорят, но Союз молчит.").mentions.contains { $0.surface == "Союз" })
        #expect(Env.analyze("Договор вступил в силу.").mentions.isEmpty)
        #expect(!Env.analyze("Шанхайская организация сотрудничества и Союз писателей провели встречу.").mentions.contains { $0.surface == "Союз" })
    }
}
