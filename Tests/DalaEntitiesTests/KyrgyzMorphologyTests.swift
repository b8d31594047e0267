import Testing
import DalaText
@testable import DalaEntities

/// Kyrgyz words read with Kyrgyz suffix chains (`ky/suffixes.tsv`, rounded harmony), not the Kazakh ones.
@Suite("Kyrgyz morphology")
struct KyrgyzMorphologyTests {
    @Test func kyrgyzCaseFormsCollapse() {
        let kg = Morphology.stem("Кыргызстан", language: .ky)
        for w in ["Кыргызстандын", "Кыргызстанга", "Кыргызстанда", "Кыргызстандан", "Кыргызстанды", "Кыргызстандагы"] {
            #expect(Morphology.stem(w, language: .ky) == kg, "\(w)")
        }
        #expect(Morphology.stem("Өзбекстанга", language: .ky) == Morphology.stem("Өзбекстан", language: .ky))
        #expect(Morphology.stem("Бишкекте", language: .ky) == Morphology.stem("Бишкек", language: .ky))
        // -ту after о: an accusative only the Kyrgyz table has.
        #expect(Morphology.stem("Ошту", language: .ky) == Morphology.stem("Ош", language: .ky))
    }

    @Test func roundedHarmonyDecides() {
        // е asks for front endings in Kyrgyz (it is neutral in Kazakh): -та does not follow Бишкек.
        #expect(Morphology.stem("Бишкекта", language: .ky) != Morphology.stem("Бишкек", language: .ky))
        // о takes -до, not -да; у takes -га (жолугушууга).
        #expect(Morphology.stem("Ошто", language: .ky) == Morphology.stem("Ош", language: .ky))
        #expect(Morphology.stem("Ошта", language: .ky) != Morphology.stem("Ош", language: .ky))
    }

    @Test func kazakhWordsAreNotReadWithKyrgyzEndings() {
        #expect(Morphology.stem("Қазақстанның", language: .kk) == Morphology.stem("Қазақстан", language: .kk))
        #expect(Morphology.stem("Қазақстандун", language: .kk) != Morphology.stem("Қазақстан", language: .kk))
        #expect(Morphology.stem("Қазақстанго", language: .kk) != Morphology.stem("Қазақстан", language: .kk))
    }

    @Test func kyrgyzSentencesFindInflectedNames() {
        let links = Env.links("Кыргызстандын өкмөтү Өзбекстанга жана Казакстан менен Бишкекте сүйлөштү.")
        #expect(links.contains { $0 == ("Кыргызстандын", "Q813") }, "\(links)")
        #expect(links.contains { $0 == ("Өзбекстанга", "Q265") }, "\(links)")
        #expect(links.contains { $0 == ("Казакстан", "Q232") }, "\(links)")
        #expect(links.contains { $0 == ("Бишкекте", "dala:city-bishkek") }, "\(links)")
    }

    @Test func anEndingWrittenOntoAnAcronymInKyrgyzText() {
        let links = Env.links("ШКУнун саммити Бишкекте өттү, ЕАЭБге мүчө мамлекеттер катышты.")
        #expect(links.contains { $0 == ("ШКУнун", "dala:sco") }, "\(links)")
        #expect(links.contains { $0 == ("ЕАЭБге", "dala:eaeu") }, "\(links)")
    }
}
