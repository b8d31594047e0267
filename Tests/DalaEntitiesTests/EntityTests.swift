import Foundation
import Testing
import DalaEvaluation
import DalaText
@testable import DalaEntities

/// Shared fixtures: the registry and stage 1 are loaded once for all tests.
enum Env {
    static let kb = try! KnowledgeBase.loadDefault()
    static let recognizer = EntityRecognizer(knowledgeBase: kb)
    static let analyzer = try! TextAnalyzer()

    static func analyze(_ text: String) -> EntityAnalysis {
        recognizer.recognize(text: text, sentences: analyzer.analyze(text).sentences)
    }

    /// surface → entity id of every mention, in text order.
    static func links(_ text: String) -> [(String, String)] {
        analyze(text).mentions.map { ($0.surface, $0.entityID) }
    }

    /// The first mention written `surface` in `text`'s analysis, or in `analysis` when given.
    static func mention(_ surface: String, in text: String, analysis: EntityAnalysis? = nil) -> Mention? {
        (analysis ?? analyze(text)).mentions.first { $0.surface == surface }
    }

    static func id(of surface: String, in text: String) -> String? {
        analyze(text).mentions.first { $0.surface == surface }?.entityID
    }

    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }
}

@Suite("Knowledge base")
struct KnowledgeBaseTests {
    @Test func coversEveryUNMemberStateInThreeLanguages() {
        let states = Env.kb.infos.filter { $0.iso != nil }
        #expect(states.count == 193)
        for s in states {
            #expect(s.record.labels["en"] != nil && s.record.labels["ru"] != nil && s.record.labels["kk"] != nil,
                    "\(s.record.id) lacks a label")
        }
        #expect(Set(states.compactMap(\.iso)).count == 193)
    }

    @Test func hasAtLeastAHundredOrganisationsAndProgrammes() {
        let n = Env.kb.entities.filter { [.organization, .programme, .agreement].contains($0.type) }.count
        #expect(n >= 100)
    }

    @Test func acronymsInThreeLanguagesLinkToOneEntity() {
        let groups: [[String]] = [["ШЫҰ", "ШОС", "SCO"], ["ТМД", "СНГ", "CIS"], ["ҰҚШҰ", "ОДКБ", "CSTO"],
                                  ["ЕАЭО", "ЕАЭС", "EAEU"], ["ЕурАзЭҚ", "ЕврАзЭС", "EurAsEC"], ["БҰҰ", "ООН", "UN"],
                                  ["ЕҚЫҰ", "ОБСЕ", "OSCE"], ["АӨСШК", "СВМДА", "CICA"], ["ТМҰ", "ОТГ", "OTS"]]
        for g in groups {
            let ids = g.map { Env.kb.lookup($0).map(\.id) }
            #expect(ids.allSatisfy { $0.count == 1 }, "\(g): \(ids)")
            #expect(Set(ids.flatMap { $0 }).count == 1, "\(g): \(ids)")
        }
    }

    @Test func keepsSuccessiveOrganisationsDistinct() throws {
        let eurasec = try #require(Env.kb.lookup("ЕврАзЭС").first)
        let eaeu = try #require(Env.kb.lookup("Евразийский экономический союз").first)
        #expect(eurasec.id != eaeu.id)
        let e = try #require(Env.kb.info(id: eurasec.id))
        #expect(e.isValid(inYear: 2005) && !e.isValid(inYear: 2016))
        #expect(e.relations.contains(EntityRelation(kind: .successor, target: eaeu.id)))
        #expect(Env.kb.lookup("Средняя Азия").map(\.id) != Env.kb.lookup("Центральная Азия").map(\.id))
    }

    @Test func lookupFindsInflectedFormsInAnyLanguage() {
        for form in ["Казахстаном", "Казахстана", "Қазақстанның", "Kazakhstan's", "Қазақстанмен", "РК"] {
            #expect(Env.kb.lookup(form).map(\.id) == ["Q232"], "\(form)")
        }
        #expect(Env.kb.lookup("Еуропалық Одақтың").map(\.id) == ["Q458"])
        #expect(Env.kb.lookup("Тәуелсіз Мемлекеттер Достастығына").map(\.id) == ["Q7779"])
        #expect(Env.kb.lookup("Бжезинским").map(\.id) == ["dala:person-brzezinski"])
    }

    @Test func personRolesHaveDates() {
        let roles = Env.kb.roles(of: "dala:person-tokayev", inYear: 2000)
        #expect(roles.contains { $0.title == "prime-minister" && $0.entityID == "Q232" })
        #expect(!Env.kb.roles(of: "dala:person-tokayev", inYear: 2021).contains { $0.title == "prime-minister" })
        #expect(Env.kb.roles(of: "dala:person-tokayev", at: 20210101).contains { $0.title == "president" })
    }
}

@Suite("Morphology")
struct MorphologyTests {
    @Test func kazakhCaseAndPossessiveFormsCollapse() {
        let k = Morphology.stem("Қазақстан", language: .kk)
        for w in ["Қазақстанның", "Қазақстанға", "Қазақстанда", "Қазақстаннан", "Қазақстанмен", "Қазақстанды"] {
            #expect(Morphology.stem(w, language: .kk) == k, "\(w)")
        }
        #expect(Morphology.stem("Одағының", language: .kk) == Morphology.stem("Одақ", language: .kk))
    }

    @Test func russianCasesCollapse() {
        let k = Morphology.stem("Казахстан", language: .ru)
        #expect(Morphology.stem("Казахстаном", language: .ru) == k)
        #expect(Morphology.stem("Казахстана", language: .ru) == k)
        #expect(Morphology.stem("России", language: .ru) == Morphology.stem("Россия", language: .ru))
        #expect(Morphology.stem("Ёлки", language: .ru) == Morphology.stem("елки", language: .ru))
    }

    @Test func homoglyphsAndEnglishPossessives() {
        // Latin "a" and "e" inside a Cyrillic word.
        #expect(Morphology.stem("Kазахстан", language: .ru) == Morphology.stem("Казахстан", language: .ru))
        #expect(Morphology.stem("Kazakhstan's", language: .en) == Morphology.stem("Kazakhstan", language: .en))
    }
}

@Suite("Recognition")
struct RecognitionTests {
    @Test func kazakhSuffixesAcronymsAndLists() {
        let text = "Қазақстан, Қырғызстан және Өзбекстанмен бірге НАТО-ға, АҚШ-қа және ЕО-ОА форматына назар аударды."
        let l = Env.links(text)
        #expect(l.contains { $0 == ("Өзбекстанмен", "Q265") })
        #expect(l.contains { $0 == ("Қырғызстан", "Q813") })
        #expect(l.contains { $0 == ("НАТО-ға", "Q7184") })
        #expect(l.contains { $0 == ("АҚШ-қа", "Q30") })
        #expect(l.contains { $0 == ("ЕО", "Q458") } && l.contains { $0 == ("ОА", "dala:central-asia") })
    }

    @Test func kazakhMultiwordNamesInflectOnTheLastWord() {
        let l = Env.links("Еуропалық Одақтың өкілі Тәуелсіз Мемлекеттер Достастығына және Шанхай ынтымақтастық ұйымының жиынына келді.")
        #expect(l.contains { $0 == ("Еуропалық Одақтың", "Q458") })
        #expect(l.contains { $0 == ("Тәуелсіз Мемлекеттер Достастығына", "Q7779") })
        #expect(l.contains { $0 == ("Шанхай ынтымақтастық ұйымының", "dala:sco") })
    }

    @Test func conjunctionMenIsNotASuffix() {
        let l = Env.links("Қазақстан мен Ресей, сондай-ақ Қытаймен келісім жасалды.")
        #expect(l.map(\.1) == ["Q232", "Q159", "Q148"])
    }

    @Test func adjectivesAreReferencesNotNames() throws {
        let a = Env.analyze("Қазақстандық және ресейлік сарапшылар узбекско-таджикский договор и центральноазиатских соседей обсудили.")
        let kinds = Dictionary(a.mentions.map { ($0.surface, $0.kind) }, uniquingKeysWith: { x, _ in x })
        #expect(kinds["Қазақстандық"] == .adjective)
        #expect(kinds["ресейлік"] == .adjective)
        #expect(kinds["узбекско"] == .adjective && kinds["таджикский"] == .adjective)
        #expect(kinds["центральноазиатских"] == .adjective)
        #expect(a.mentions.first { $0.surface == "таджикский" }?.entityID == "Q863")
    }

    @Test func sameEntityAcrossLanguagesAndOldNames() {
        #expect(Env.id(of: "Казахстаном", in: "Соглашение с Казахстаном подписано.") == "Q232")
        #expect(Env.id(of: "Kazakhstan's", in: "Kazakhstan's economy grew.") == "Q232")
        #expect(Env.id(of: "Киргизия", in: "Киргизия и Кыргызстан — одна страна.") == Env.id(of: "Кыргызстан", in: "Киргизия и Кыргызстан — одна страна."))
        #expect(Env.id(of: "Алма-Ате", in: "Встреча прошла в Алма-Ате.") == "dala:city-almaty")
        #expect(Env.id(of: "Бжезинским", in: "Эта идея была высказана Бжезинским.") == "dala:person-brzezinski")
    }

    @Test func datesChooseBetweenSuccessiveOrganisations() {
        let t1995 = "В 1995 году был создан Таможенный союз."
        let t2010 = "В 2010 году был создан Таможенный союз."
        #expect(Env.id(of: "Таможенный союз", in: t1995) == "dala:customs-union-1995")
        #expect(Env.id(of: "Таможенный союз", in: t2010) == "dala:customs-union-2010")
        let eu1994 = Env.analyze("В 1994 году Назарбаев выдвинул идею: Евразийский союз.")
        #expect(eu1994.mentions.first { $0.surface == "Евразийский союз" }?.entityID == "dala:eurasian-union-1994")
        let eu2015 = Env.analyze("В 2015 году заработал Евразийский союз.")
        #expect(eu2015.mentions.first { $0.surface == "Евразийский союз" }?.entityID == "dala:eaeu")
    }

    @Test func unresolvedAmbiguityIsReported() throws {
        let a = Env.analyze("Таможенный союз обсуждался долго.")
        let m = try #require(a.mentions.first { $0.surface == "Таможенный союз" })
        #expect(!m.alternatives.isEmpty)
        #expect(m.confidence < 0.8)
    }

    @Test func homonymIslam() {
        #expect(Env.id(of: "Ислам Кәрімов", in: "Өзбекстан Президенті Ислам Кәрімов сөз сөйледі.") == "dala:person-karimov")
        #expect(Env.analyze("Ислам дінін ұстанатын халықтар көп.").mentions.isEmpty)
        #expect(Env.analyze("Ислам распространился в регионе в VIII веке.").mentions.isEmpty)
    }

    @Test func homonymKenes() {
        #expect(Env.id(of: "Кеңес Одағы", in: "Кеңес Одағы 1991 жылы ыдырады.") == "Q15180")
        #expect(Env.analyze("Дәрігердің кеңесі бойынша ол демалды.").mentions.isEmpty)
        let a = Env.analyze("Бұл жерде Кеңес үкіметі мектеп салды.")
        #expect(a.mentions.first { $0.surface == "Кеңес" }.map { $0.entityID == "Q15180" && $0.kind == .adjective } == true)
    }

    @Test func homonymOAOIsACompanyBeforeAQuotedName() {
        let a = Env.analyze("ОАО «Газпром» подписало контракт.")
        #expect(!a.mentions.contains { $0.surface == "ОАО" })
        #expect(a.mentions.contains { $0.surface == "Газпром" && $0.entityID == "dala:gazprom" })
        let kk = Env.analyze("Орталық Азия одағы (ОАО) 1994 жылы құрылды. ОАО кейін қайта құрылды.")
        #expect(kk.mentions.filter { $0.surface == "ОАО" }.allSatisfy { $0.entityID == "dala:central-asian-union-1994" })
        #expect(kk.mentions.filter { $0.surface == "ОАО" }.count == 2)
    }

    @Test func capitalMetonymyIsFlaggedButLinksToTheCity() {
        let a = Env.analyze("Официальная Астана заявила о поддержке. Мы прилетели в Астану.")
        let first = a.mentions.first { $0.surface == "Астана" }
        #expect(first?.kind == .metonymy && first?.entityID == "dala:city-astana")
        #expect(a.mentions.first { $0.surface == "Астану" }?.kind == .name)
    }

    @Test func acronymsDefinedInTheText() {
        let a = Env.analyze("The Central Asian Water Forum (CAWF) met in May. Later the CAWF published a plan.")
        let cawf = a.mentions.filter { $0.surface == "CAWF" }
        #expect(cawf.count == 2)
        #expect(Set(cawf.map(\.entityID)).count == 1)
        #expect(cawf.first?.entityID.hasPrefix("local:") == true)
        #expect(a.mentions.contains { $0.surface == "Central Asian Water Forum" && $0.entityID == cawf.first?.entityID })
    }

    @Test func peopleOutsideTheRegistry() {
        let a = Env.analyze("Доклад сделал А.Д. Арбашиев. Позже Арбашиева поддержала министр Ержан Ашикбаев.")
        let ids = a.mentions.filter { $0.entityID.hasPrefix("local:person:") }
        #expect(ids.contains { $0.surface == "А.Д. Арбашиев" })
        #expect(ids.contains { $0.surface == "Ержан Ашикбаев" })
        let kk = Env.analyze("Жиында Ерлан Қарин сөйледі. Қариннің пікірін бәрі қолдады.")
        let karin = kk.mentions.filter { $0.entityID.hasPrefix("local:person:") }
        #expect(karin.count == 2 && Set(karin.map(\.entityID)).count == 1)
    }

    @Test func localIDsAgreeAcrossDocuments() {
        let a = Env.analyze("Сарапшы Ержан Ашикбаев сөйледі.")
        let b = Env.analyze("Эксперт Ержан Ашикбаев выступил.")
        #expect(a.mentions.first?.entityID != nil && a.mentions.first?.entityID == b.mentions.first?.entityID)
    }

    @Test func offsetsIndexTheOriginalText() {
        let text = "Мәтін:\u{00A0}«Қазақстан» және Ресей — көршілер. 🇰🇿 Kazakhstan's role."
        let scalars = Array(text.unicodeScalars)
        for m in Env.analyze(text).mentions {
            let s = String(String.UnicodeScalarView(scalars[m.span.start..<m.span.end]))
            #expect(s == m.surface)
        }
        #expect(Env.analyze(text).mentions.count == 3)
    }

    @Test func analysisListsEveryMentionedEntityOnce() {
        let a = Env.analyze("Казахстан и Казахстаном. Қазақстан. Kazakhstan.")
        #expect(a.mentions.count == 4)
        #expect(a.entities.map(\.id) == ["Q232"])
        #expect(a.entities.first?.labels["kk"] == "Қазақстан")
    }
}

@Suite("Quality on annotated fixtures")
struct EvaluationTests {
    @Test func fixtureHasSixtySentencesInThreeLanguages() throws {
        let passages = EntityEvaluation.parse(annotated: try Env.fixture("annotated"))
        #expect(passages.count >= 60)
        for lang in [Language.kk, .ru, .en] { #expect(passages.filter { $0.language == lang }.count >= 20) }
    }

    @Test func precisionAndRecallFloors() throws {
        let r = EntityEvaluation.evaluate(annotated: try Env.fixture("annotated"), recognizer: Env.recognizer,
                                          segment: { Env.analyzer.analyze($0).sentences })
        for lang in ["kk", "ru", "en"] {
            let s = r.score(lang, "all")
            #expect(s.precision >= 0.85, "\(lang) precision \(s.precision)")
            #expect(s.recall >= 0.85, "\(lang) recall \(s.recall)")
        }
        for type in ["country", "organization", "person", "place"] {
            let s = r.score("all", type)
            #expect(s.precision >= 0.8 && s.recall >= 0.8, "\(type): \(s)")
        }
        #expect(r.linkingAccuracy >= 0.9)
        print(EntityEvaluation.report(annotated: try Env.fixture("annotated"), recognizer: Env.recognizer))
    }

    @Test func evaluationCountsMissesAndSpuriousMentions() {
        let annotated = "en| [Kazakhstan]{country:Q232} and [Nowhereland]{country} met in Astana."
        let r = EntityEvaluation.evaluate(annotated: annotated, recognizer: Env.recognizer,
                                          segment: { Env.analyzer.analyze($0).sentences })
        let s = r.score("en", "all")
        #expect(s.truePositives == 1 && s.falseNegatives == 1 && s.falsePositives == 1)
    }
}

@Suite("Quality on held-out passages")
struct HeldOutTests {
    @Test func heldOutFloors() throws {
        let r = EntityEvaluation.evaluate(annotated: try Env.fixture("heldout"), recognizer: Env.recognizer,
                                          segment: { Env.analyzer.analyze($0).sentences })
        let s = r.score("all", "all")
        #expect(s.precision >= 0.85 && s.recall >= 0.85, "\(s)")
        #expect(r.linkingAccuracy >= 0.9)
    }
}
