import Foundation
import Testing
import DalaText
@testable import DalaEntities

/// The registry's data: Wikidata ids, Kyrgyz names (issue 12) and the long tail of issue 13.
@Suite("Knowledge-base data")
struct KnowledgeBaseDataTests {
    @Test func cisCarriesItsOwnWikidataID() {
        // Q7172 is the Arab League's id; the CIS is Q7779.
        for form in ["СНГ", "Содружества Независимых Государств", "Commonwealth of Independent States", "КМШ"] {
            #expect(Env.kb.lookup(form).map(\.id) == ["Q7779"], "\(form)")
        }
        #expect(Env.kb.entity(id: "Q7172") == nil)
    }

    @Test func everyWikidataIDIsUsedOnce() {
        let qids = Env.kb.infos.compactMap(\.qid)
        #expect(Set(qids).count == qids.count)
        #expect(qids.allSatisfy { $0.first == "Q" && Int($0.dropFirst()) != nil })
    }

    @Test func kyrgyzNamesReachTheSameEntitiesThroughTheirCaseEndings() {
        let cases: [(String, String)] = [
            ("Кыргызстандын", "Q813"), ("Казакстанга", "Q232"), ("Өзбекстандан", "Q265"), ("Тажикстанда", "Q863"),
            ("Түркмөнстандын", "Q874"), ("Орусиянын", "Q159"), ("Кытайдын", "Q148"), ("Ооганстанга", "Q889"),
            ("Көз карандысыз мамлекеттердин шериктештигинин", "Q7779"), ("Шанхай кызматташтык уюмуна", "dala:sco"),
            ("Евразия экономикалык бирлигинин", "dala:eaeu"), ("Бириккен Улуттар Уюмунун", "Q1065"),
            ("Борбордук Азиядагы", "dala:central-asia"), ("Ысык-Көл облусунда", "dala:region-issyk-kul"),
            ("Нарын дарыясынын", "dala:naryn-river"), ("Бээжинге", "dala:city-beijing"), ("Жапаровдун", "dala:person-s-japarov"),
        ]
        for (form, id) in cases { #expect(Env.kb.lookup(form).map(\.id) == [id], "\(form)") }
    }

    @Test func longTailNamesResolve() {
        let cases: [(String, String)] = [
            ("Рогунской ГЭС", "dala:rogun-hpp"), ("Kambarata-1", "dala:kambarata-1-hpp"), ("Ворух", "dala:vorukh"),
            ("USAID", "dala:usaid"), ("Госдепартамента США", "dala:us-state-department"), ("Ақордада", "dala:akorda"),
            ("Кремля", "dala:kremlin"), ("Nazarbayev University", "dala:nazarbayev-university"),
            ("Совета коллективной безопасности ОДКБ", "dala:csto-csc"), ("Caspian Five", "dala:caspian-summit"),
            ("Договора о вечной дружбе", "dala:eternal-friendship-treaty"), ("EU–Central Asia Strategy", "dala:eu-ca-strategy"),
            ("КПП «Кордай»", "dala:checkpoint-kordai"), ("Middle Corridor", "dala:titr"),
        ]
        for (form, id) in cases { #expect(Env.kb.lookup(form).map(\.id) == [id], "\(form)") }
    }

    @Test func theLongerNameWinsOverTheNestedOne() {
        #expect(Env.id(of: "Collective Security Council", in: "The CSTO Collective Security Council met in Moscow on Monday.")
                == "dala:csto-csc")
        #expect(Env.id(of: "Nazarbayev University", in: "Students of Nazarbayev University won the contest.")
                == "dala:nazarbayev-university")
    }

    @Test func kyrgyzDevelopmentSetFloor() throws {
        let r = EntityEvaluation.evaluate(annotated: try Env.fixture("annotated-ky"), recognizer: Env.recognizer,
                                          segment: { Env.analyzer.analyze($0).sentences })
        let s = r.score("ky", "all")
        #expect(r.passages >= 40)
        #expect(s.recall >= 0.8 && s.precision >= 0.8, "\(s)")
        #expect(r.linkingAccuracy >= 0.9)
    }
}
