import DalaAnalysis
import DalaText
import Testing

/// Languages added through the seam (`Shared/DalaLanguages`): a Kyrgyz document is read as Kyrgyz, with its dates
/// and events, and its entities linked to the same canonical ids as in kk/ru/en.
@Suite struct PipelineLanguageTests {
    static let pipeline = InvariantsTests.pipeline

    // Our own sentences, news style.
    static let kyrgyz = "Бишкек, 5-май. Кыргызстандын Президенти Садыр Жапаров 2024-жылдын 4-майында Астанада Казакстандын "
        + "Президенти Касым-Жомарт Токаев менен жолугушту. Тараптар соода-экономикалык кызматташтыкты талкуулашты."

    @Test func aKyrgyzDocumentIsAnalysedAsKyrgyz() throws {
        let a = Self.pipeline.analyze(Self.kyrgyz, documentDate: "2024-05-05")
        #expect(a.text.language == .ky)
        #expect(a.text.sentences.allSatisfy { $0.language == .ky })
        let ids = Set(a.entities.mentions.map(\.entityID))
        for id in ["Q813", "Q232", "dala:person-s-japarov", "dala:person-tokayev", "dala:city-astana"] {
            #expect(ids.contains(id), "\(id)")
        }
        let date = try #require(a.events.times.first { $0.surface.hasPrefix("2024") })
        #expect(date.value == "2024-05-04")
        #expect(date.surface == "2024-жылдын 4-майында")
        let meeting = try #require(a.events.events.first { $0.type == .meeting })
        #expect(meeting.date?.value == "2024-05-04")
        #expect(Set(meeting.participants.compactMap(\.entityID)).isSuperset(of: ["Q813", "Q232"]))
        #expect(meeting.language == .ky)
    }

    /// The Kazakh telling of the same meeting links to the same entities.
    @Test func kyrgyzAndKazakhLinkToTheSameEntities() {
        let kk = Self.pipeline.analyze("Қырғызстан Президенті Садыр Жапаров Астанада Қазақстан Президенті Қасым-Жомарт Тоқаевпен кездесті.")
        let ky = Self.pipeline.analyze(Self.kyrgyz)
        let shared: Set<String> = ["Q813", "Q232", "dala:person-s-japarov", "dala:person-tokayev"]
        #expect(Set(kk.entities.mentions.map(\.entityID)).isSuperset(of: shared))
        #expect(Set(ky.entities.mentions.map(\.entityID)).isSuperset(of: shared))
    }

    /// Names are evidence: a name-heavy English sentence is English, not `other`.
    @Test func aNameHeavyEnglishSentenceIsEnglish() {
        let text = "Kyrgyzstan's President Sadyr Japarov met Kazakhstan's President Kassym-Jomart Tokayev in Astana on "
            + "Tuesday ahead of the SCO summit."
        let a = Self.pipeline.analyze(text)
        #expect(a.text.sentences.map(\.language) == [.en])
    }

    /// A sentence in some other Latin-script language stays `other`, names or not.
    @Test func otherLatinLanguagesStayOther() {
        let a = Self.pipeline.analyze("Der Präsident Sadyr Japarov traf gestern den kasachischen Präsidenten Tokajew in Astana.")
        #expect(a.text.sentences.map(\.language) == [.other])
    }
}
