import DalaText
import Foundation
import Testing

/// Sentence splitting and tokens (`Sentences.swift`).
@Suite struct SentenceTests {
    func split(_ text: String) -> [String] { Fixtures.analyzer.analyze(text).sentences.map(\.text) }

    @Test func abbreviationsAndInitials() {
        #expect(split("Н.Ә. Назарбаев сөз сөйледі. Кездесу 1997 ж. қыркүйекте өтті.") ==
                ["Н.Ә. Назарбаев сөз сөйледі.", "Кездесу 1997 ж. қыркүйекте өтті."])
        #expect(split("В 2005 г. Послание содержало инициативу. Её поддержали.") ==
                ["В 2005 г. Послание содержало инициативу.", "Её поддержали."])
        #expect(split("Это было в январе 1993 г. Было решено сменить название.") ==
                ["Это было в январе 1993 г.", "Было решено сменить название."])
        #expect(split("Өнеркәсіп, ауыл шаруашылығы, т.б. Бұл салалар дамыды.") ==
                ["Өнеркәсіп, ауыл шаруашылығы, т.б.", "Бұл салалар дамыды."])
        #expect(split("ООН, ОБСЕ и др. Кроме того, НАТО.") == ["ООН, ОБСЕ и др.", "Кроме того, НАТО."])
        #expect(split("Ред. проф. Иванов И.И. и др. авторы.") == ["Ред. проф. Иванов И.И. и др. авторы."])
        #expect(split("Mr. Smith met Dr. Brown in 2019. They talked.") == ["Mr. Smith met Dr. Brown in 2019.", "They talked."])
        // A stray OCR dot with spaces on both sides does not end the sentence.
        #expect(split("Орталық . Азиядағы жағдай өзгерді.") == ["Орталық . Азиядағы жағдай өзгерді."])
    }

    @Test func quotesSpanningSentences() {
        #expect(split("«Одақ мүмкін. Бірақ ерік керек», – деді сарапшы. Келесі сөйлем.") ==
                ["«Одақ мүмкін.", "Бірақ ерік керек», – деді сарапшы.", "Келесі сөйлем."])
        #expect(split("He said: \"We agree.\" Then he left.") == ["He said: \"We agree.\"", "Then he left."])
    }

    @Test func headingsAndListItemsWithoutFinalPunctuation() {
        let text = "Кіріспе\n\nБірінші сөйлем осында. Екінші сөйлем.\n\n– бірінші тармақ;\n– екінші тармақ\n\nҚорытынды\n"
        #expect(split(text) == ["Кіріспе", "Бірінші сөйлем осында.", "Екінші сөйлем.", "– бірінші тармақ;",
                                "– екінші тармақ", "Қорытынды"])
    }

    @Test func tokensKeepInnerHyphensAndDecimals() throws {
        let analysis = Fixtures.analyzer.analyze("ОА-ның үлесі 18,9% құрады (90-жылдар).")
        let tokens = try #require(analysis.sentences.first?.tokens)
        #expect(tokens.map(\.text) == ["ОА-ның", "үлесі", "18,9", "%", "құрады", "(", "90-жылдар", ")", "."])
        #expect(tokens.map(\.kind) == [.word, .word, .number, .symbol, .word, .punctuation, .word, .punctuation, .punctuation])
    }
}
