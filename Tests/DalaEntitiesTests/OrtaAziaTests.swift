import Testing
import DalaText
@testable import DalaEntities

/// Kazakh "Орта Азия" is Middle Asia (Средняя Азия) historically, but many Kazakh authors mean Central Asia: the
/// document decides (passages written for these tests).
@Suite("Орта Азия per document")
struct OrtaAziaTests {
    func ortaAzia(_ text: String) -> [Mention] {
        Env.analyze(text).mentions.filter { $0.surface.hasPrefix("Орта Азия") || $0.surface.hasPrefix("Орта Азиялық") }
    }

    @Test func registryKnowsTheNameIsShared() {
        #expect(Set(Env.kb.lookup("Орта Азия").map(\.id)) == ["dala:central-asia", "dala:middle-asia"])
        #expect(Env.kb.lookup("Орталық Азия").map(\.id) == ["dala:central-asia"])
        #expect(Env.kb.lookup("Средняя Азия").map(\.id) == ["dala:middle-asia"])
    }

    @Test func parallelEnglishAbstractSaysCentralAsia() throws {
        let text = """
        Орта Азия елдерінің сауда байланыстары

        Мақалада Орта Азия елдері арасындағы сауданың өсуі талданады.

        Abstract. The article examines how trade among the states of Central Asia has grown.
        """
        let ms = ortaAzia(text)
        #expect(ms.count == 2)
        for m in ms {
            #expect(m.entityID == "dala:central-asia")
            #expect(m.alternatives.isEmpty)
        }
    }

    @Test func ortalykAziaAlongsideDecides() throws {
        let ms = ortaAzia("Орталық Азия мемлекеттері су бөлісу мәселесін талқылады. Орта Азия өзендері бірнеше елдің ортақ байлығы.")
        let m = try #require(ms.first)
        #expect(m.entityID == "dala:central-asia" && m.alternatives.isEmpty)
    }

    @Test func fiveStatesAndRecentYearsDecide() throws {
        let ms = ortaAzia("2018 жылы Орта Азия елдері — Қазақстан, Қырғызстан, Тәжікстан, Түрікменстан және Өзбекстан — "
            + "басшыларының кеңестік кездесуін өткізді. 2019 жылы келесі кездесу Ташкентте болды.")
        let m = try #require(ms.first)
        #expect(m.entityID == "dala:central-asia" && m.alternatives.isEmpty)
    }

    @Test func sovietContextAndExplicitSredniayaAziaDecideMiddleAsia() throws {
        let text = "1924 жылы Орта Азия республикаларының шекаралары қайта сызылды: Өзбек КСР мен Түрікмен КСР құрылды. "
            + "Орыс тіліндегі құжаттарда бұл өңір Средняя Азия деп аталды."
        let ms = ortaAzia(text)
        let m = try #require(ms.first)
        #expect(m.entityID == "dala:middle-asia")
        #expect(m.alternatives.isEmpty)
    }

    @Test func adjectiveFollowsTheDocumentToo() throws {
        let ms = ortaAzia("Орталық Азия елдері ынтымақтасады. Орта Азиялық одақ идеясы қайта айтылды.")
        let m = try #require(ms.first { $0.kind == .adjective })
        #expect(m.entityID == "dala:central-asia" && m.alternatives.isEmpty)
    }

    @Test func withoutEvidenceBothReadingsStay() throws {
        let m = try #require(ortaAzia("Орта Азия туралы жаңа кітап жарық көрді.").first)
        #expect(!m.alternatives.isEmpty)
        #expect(Set([m.entityID] + m.alternatives) == ["dala:central-asia", "dala:middle-asia"])
        #expect(m.confidence < 0.8)
    }

    @Test func acronymDefinedByTheNameFollowsTheDecision() throws {
        let text = "Орта Азия (ОА) елдері 2015 жылдан бері ынтымақтасады. Central Asia is the region's English name. ОА саммиті өтті."
        let a = Env.analyze(text)
        let acr = a.mentions.filter { $0.surface == "ОА" }
        #expect(acr.count == 2)
        #expect(acr.allSatisfy { $0.entityID == "dala:central-asia" && $0.alternatives.isEmpty })
    }
}
