import DalaEvaluation
import DalaText
import Foundation
import Testing

/// Sentences written for these tests (not in the training texts), one language each.
let languageSamples: [(Language, String)] = [
    (.kk, "Елорда әкімдігі қаладағы қоғамдық көлік бағытын өзгертуді ұсынды."),
    (.kk, "Үкімет отырысында егіс науқанына дайындық мәселесі қаралды."),
    (.kk, "Депутаттар сайлау туралы заңға түзетулерді бірінші оқылымда мақұлдады."),
    (.kk, "Шығыс Қазақстан облысында жаңа су қоймасының құрылысы басталды."),
    (.kk, "экономикалық интеграция мен өңірлік қауіпсіздік"),
    (.ru, "Министр иностранных дел провёл переговоры с коллегой из Пекина."),
    (.ru, "Парламент одобрил поправки к закону о выборах в первом чтении."),
    (.ru, "В Восточно-Казахстанской области началось строительство нового водохранилища."),
    (.ru, "экономическая интеграция и региональная безопасность"),
    (.en, "The foreign minister held talks with his counterpart from Beijing."),
    (.en, "Parliament approved amendments to the election law in the first reading."),
    (.en, "regional security and economic integration"),
    (.ky, "Тышкы иштер министри Бээжинден келген кесиптеши менен сүйлөшүү өткөрдү."),
    (.ky, "Парламент шайлоо тууралуу мыйзамга өзгөртүүлөрдү биринчи окууда жактырды."),
    (.ky, "Ысык-Көл облусунда жаңы мектептин курулушу башталды."),
    (.uz, "Ташқи ишлар вазири Пекиндан келган ҳамкасби билан музокаралар ўтказди."),
    (.uz, "Парламент сайлов тўғрисидаги қонунга ўзгартишларни биринчи ўқишда маъқуллади."),
    (.uz, "Фарғона вилоятида янги мактаб қурилиши бошланди."),
    (.tt, "Тышкы эшләр министры Пекиннан килгән хезмәттәше белән сөйләшүләр үткәрде."),
    (.tt, "Дәүләт Советы сайлаулар турындагы законга үзгәрешләрне беренче укылышта хуплады."),
    (.tt, "Казан шәһәрендә яңа мәктәп төзелеше башланды һәм ул киләсе елда тәмамланачак."),
    (.other, "Der Außenminister führte Gespräche mit seinem Amtskollegen aus Peking."),
    (.other, "Міністр закордонних справ провів переговори з колегою з Пекіна."),
]

@Suite struct LanguageTests {
    @Test(arguments: languageSamples.indices)
    func sentenceLanguage(_ i: Int) throws {
        let (language, text) = languageSamples[i]
        let analysis = Fixtures.analyzer.analyze(text)
        let sentence = try #require(analysis.sentences.first)
        #expect(sentence.language == language, "\(text)")
        #expect(sentence.confidence > 0.5, "\(text)")
    }

    @Test func mixedDocumentComesOutMixed() throws {
        let analysis = Fixtures.analyzer.analyze(try Fixtures.text("article-kk"))
        #expect(analysis.language == .kk)
        let kk = analysis.languages[.kk] ?? 0, ru = analysis.languages[.ru] ?? 0, en = analysis.languages[.en] ?? 0
        #expect(kk > 0.5 && ru > 0.05 && en > 0.05, "\(analysis.languages)")
    }

    @Test func tooShortIsUnknown() throws {
        let analysis = Fixtures.analyzer.analyze("12, 14 – 2020.")
        #expect(analysis.sentences.allSatisfy { $0.language == .unknown })
    }
}

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

@Suite struct OutputTests {
    @Test func jsonEncodesLanguageMapsAsObjects() throws {
        let analysis = Fixtures.analyzer.analyze(try Fixtures.text("article-kk"))
        let data = try JSONEncoder().encode(analysis)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let languages = try #require(object["languages"] as? [String: Double])
        #expect(languages["kk"] != nil)
        let documents = try #require(object["documents"] as? [[String: Any]])
        #expect((documents.first?["keywords"] as? [String: [String]])?["en"]?.first == "water resources")
        let decoded = try JSONDecoder().decode(TextAnalysis.self, from: data)
        #expect(decoded.sentences == analysis.sentences)
        #expect(decoded.offsetMap == analysis.offsetMap)
    }

    @Test func emptyAndBlankInput() {
        for text in ["", "\n\n  \n", "\u{FEFF}"] {
            let analysis = Fixtures.analyzer.analyze(text)
            #expect(analysis.sentences.isEmpty)
            #expect(analysis.language == .unknown)
        }
    }

    @Test func benchmarkReportsThroughput() throws {
        let report = TextBenchmark.run(files: ["article-kk": try Fixtures.text("article-kk")], iterations: 2)
        #expect(report.contains("MB/s"))
        #expect(report.contains("article-kk"))
    }
}
