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

/// Language identification (`LanguageID.swift`): sentence and document labels.
@Suite struct LanguageIDTests {
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

    /// A short Kyrgyz sentence without ө ү ң or a Kyrgyz function word: its genitive endings (-дун, -нын: Kazakh
    /// writes -тың, -ның) decide it (`ending` rows of ky/identification.tsv).
    @Test(arguments: ["Кремль Садыр Жапаровдун сапарын талкуулады.",
                      "Анкара Жапаровдун сапарынын датасын жарыялады.",
                      "Париж Токаевдун сапарын тастыктады."])
    func shortKyrgyzSentenceByItsEndings(_ text: String) throws {
        let sentence = try #require(Fixtures.analyzer.analyze(text).sentences.first)
        #expect(sentence.language == .ky, "\(text)")
    }

    @Test func tooShortIsUnknown() throws {
        let analysis = Fixtures.analyzer.analyze("12, 14 – 2020.")
        #expect(analysis.sentences.allSatisfy { $0.language == .unknown })
    }
}
