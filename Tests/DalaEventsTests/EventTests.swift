import DalaEntities
import DalaEvents
import DalaText
import Foundation
import Testing

@Test func signedTreatyIsAnAgreementWithItsPartiesAndDate() throws {
    let out = try Harness.get().run("8 декабря 1991 года лидеры России, Украины и Беларуси подписали Беловежские соглашения.")
    let e = try #require(out.events.first { $0.type == .agreement })
    #expect(e.date?.value == "1991-12-08")
    #expect(e.modality == .asserted)
    #expect(e.cameo == "057" && e.plover == "AGREE")
    let actors = Set(e.participants.filter { $0.role == "actor" }.compactMap(\.entityID))
    #expect(actors.isSuperset(of: ["Q159", "Q212", "Q184"]))
    #expect(e.participants.contains { $0.entityID == nil && $0.role == "actor" })   // `лидеры`, unresolved
    let m = try #require(e.mentions.first)
    #expect(m.trigger == "подписали")
    #expect(m.evidence.contains("Беловежские"))
}

@Test func modalities() throws {
    let h = try Harness.get()
    func modality(_ text: String, _ type: EventType) throws -> Modality {
        let e = try #require(h.run(text).events.first { $0.type == type }, "no \(type) in \(text)")
        return e.modality
    }
    #expect(try modality("Туркменистан так и не присоединился к соглашению.", .membership) == .negated)
    #expect(try modality("Түрікменстан 2005 жылы ТМД-ға толық мүше болмады.", .membership) == .negated)
    #expect(try modality("Если Киргизия вступит в Таможенный союз, цены вырастут.", .membership) == .hypothetical)
    #expect(try modality("Қазақстан мен Қырғызстан бірлескен комиссия құруы тиіс.", .founding) == .recommended)
    #expect(try modality("Президент Казахстана Нурсултан Назарбаев предложил создать Евразийский союз.", .founding) == .proposed)
    #expect(try modality("Analysts argue that Turkmenistan should join the dialogue.", .membership) == .recommended)
}

@Test func reportedSpeechCarriesTheSpeakerAndHisState() throws {
    let out = try Harness.get().run(
        "В 2002 году президент Узбекистана Ислам Каримов заявил, что его страна не намерена вступать в Евразийское экономическое сообщество.")
    // Issue 14 (session 20): a saying that frames another event tells that event, which keeps the speaker; no
    // statement of its own besides it.
    #expect(!out.events.contains { $0.type == .statement }, "\(out.events.map(\.type))")
    let mem = try #require(out.events.first { $0.type == .membership })
    #expect(mem.speaker == "dala:person-karimov")
    #expect(mem.participants.contains { $0.entityID == "Q265" })
    #expect(mem.modality == .negated)
    #expect(mem.date?.value == "2002")
}

@Test func personActsForTheStateHeLedThen() throws {
    // No state named: the knowledge base says who Nazarbayev led in 1994.
    let out = try Harness.get().run("1994 жылы Нұрсұлтан Назарбаев Еуразиялық одақ құру туралы бастама көтерді.")
    let p = try #require(out.events.first { $0.type == .proposal })
    #expect(p.participants.contains { $0.entityID == "Q232" && $0.span == nil })
}

@Test func sameEventToldTwiceIsOneEventWithTwoMentions() throws {
    let out = try Harness.get().run(
        "30 апреля 1994 г. Казахстан, Кыргызстан и Узбекистан подписали договор о ЕЭП. Участники обсудили тарифы. " +
        "Казахстан, Кыргызстан и Узбекистан подписали этот договор в Чолпон-Ате.")
    let agreements = out.events.filter { $0.type == .agreement }
    #expect(agreements.count == 1)
    #expect(agreements.first?.mentions.count == 2)
    #expect(agreements.first?.date?.value == "1994-04-30")
    let ids = Set(out.events.map(\.id))
    #expect(ids.count == out.events.count)
}

@Test func noEventWithoutTriggerAndProgrammeNamesAreNotTriggers() throws {
    let h = try Harness.get()
    #expect(h.run("Орталық Азия елдері ортақ тарихқа ие.").events.isEmpty)
    // `операция` inside a quoted name does not make a military event.
    let out = h.run("Қазақстан «Операциялық әлеует тұжырымдамасына» қатысады.")
    #expect(!out.events.contains { $0.type == .military })
}

@Test func authorAndComputedKeywords() throws {
    let text = """
    Аймақтық интеграция мәселелері

    Түйін сөздер: аймақтық интеграция, су ресурстары, транзит.

    Аймақтық интеграция елдердің дамуына ықпал етеді. Су ресурстары мәселесі шешілмеген. \
    Аймақтық интеграция үдерісі баяу жүреді. Су ресурстары бойынша келіссөздер жалғасуда.
    """
    let out = try Harness.get().run(text)
    let author = out.keywords.filter { $0.source == "author" }.map(\.text)
    #expect(author == ["аймақтық интеграция", "су ресурстары", "транзит"])
    #expect(out.keywords.contains { $0.source == "computed" && $0.text.contains("интеграция") })
}

@Test func jsonRoundTrip() throws {
    let out = try Harness.get().run("30 апреля 1994 г. в Чолпон-Ате был подписан договор.")
    let data = try JSONEncoder().encode(out)
    let back = try JSONDecoder().decode(EventAnalysis.self, from: data)
    #expect(back.times == out.times)
    #expect(back.events.count == out.events.count)
}

@Test func anaphoricSentenceInheritsThePreviousDate() throws {
    let out = try Harness.get().run(
        "2019 жылғы 29 қарашада Ташкентте мемлекет басшыларының кеңестік кездесуі өтті, көптеген мәселелер талқыланды, ал хабарламалар жарияланды. " +
        "Онда Қазақстан мен Өзбекстан көлік дәліздері туралы ұзақ әрі күрделі келіссөздерден кейін келісімге қол қойды.")
    let e = try #require(out.events.first { $0.type == .agreement })
    #expect(e.date?.value == "2019-11-29")
}
