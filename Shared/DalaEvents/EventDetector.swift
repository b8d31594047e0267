import DalaLanguages
import DalaEntities
import DalaText

/// Finds triggers, participants, dates and modality sentence by sentence, then merges repeated tellings.
/// A class: the lexicon is a large struct, and the sentence loop's closures would copy a struct `self` (every table
/// retained and released) many times per sentence.
final class EventDetector: Sendable {
    let lex: Lexicon
    let knowledgeBase: KnowledgeBase?
    /// Per-entity facts of the knowledge base, computed once per extractor.
    let registry: RegistryTables

    init(lex: Lexicon, knowledgeBase: KnowledgeBase?, registry: RegistryTables? = nil) {
        self.lex = lex
        self.knowledgeBase = knowledgeBase
        self.registry = registry ?? RegistryTables(knowledgeBase)
    }

    /// The folded labels (in registry order: kk, ru, en, ky) and aliases of an entity, in that order: for the case
    /// ending left after a name.
    static func foldedNames(_ rec: EntityRecord) -> [String] {
        (labelOrder.compactMap { rec.labels[$0] } + rec.aliases).map(fold)
    }

    /// The registered languages in registry order (`languages.tsv`), for the labels of `foldedNames`.
    static let labelOrder: [String] = (try? LanguageRegistry.shared.get().codes) ?? []

    /// What the sentence loop asks of the knowledge base about an entity, for every registry entity at once.
    final class RegistryTables: Sendable {
        /// `foldedNames` by id, with the labels and aliases they were folded from.
        private let names: [String: (labels: [String: String], aliases: [String], names: [String])]
        /// The state whose capital each city is (`capital:` relations).
        private let capitals: [String: EntityRecord]
        /// The state of each people (`state:` relations).
        private let peopleStates: [String: EntityRecord]

        init(_ kb: KnowledgeBase?) {
            var n: [String: (labels: [String: String], aliases: [String], names: [String])] = [:]
            var c: [String: EntityRecord] = [:]
            var p: [String: EntityRecord] = [:]
            for rec in kb?.entities ?? [] where n[rec.id] == nil {
                n[rec.id] = (rec.labels, rec.aliases, EventDetector.foldedNames(rec))
                if let kb, let info = kb.info(id: rec.id) {
                    for r in info.relations where r.kind == .capitalOf {
                        if let e = kb.entity(id: r.target), e.type == .country { c[rec.id] = e; break }
                    }
                    for r in info.relations where r.kind == .stateOf {
                        if let e = kb.entity(id: r.target), e.type == .country { p[rec.id] = e; break }
                    }
                }
            }
            names = n
            capitals = c
            peopleStates = p
        }

        /// `foldedNames(rec)`: the registry's when the record is the registry's (the same arrays: a cheap test).
        func names(_ rec: EntityRecord) -> [String] {
            if let e = names[rec.id], e.aliases == rec.aliases, e.labels == rec.labels { return e.names }
            return EventDetector.foldedNames(rec)
        }

        func capital(of id: String) -> EntityRecord? { capitals[id] }
        func state(ofPeople id: String) -> EntityRecord? { peopleStates[id] }
    }

    /// A trigger found in a sentence, in atom coordinates.
    struct Hit: Sendable {
        var type: EventType
        var weight: Double
        var first: Int
        var last: Int
        var stemLength: Int      // scalars of the first form matched: the suffix after it is an affix
        var words: Int
        /// Founding triggers: where the thing founded must stand (`triggers.tsv`, column `object`).
        var object: Lexicon.ObjectWindow? = nil
        /// A treaty named with its date (`1992 жылғы шарт`): a fact the text refers to, not words it reports.
        var datedDocument = false
        /// The second of two coordinated predicates (`joined in 1993 and left in 2009`, `вступила …, и вышла …`): a time
        /// before the coordinator dates the first one (`distance`).
        var afterCoordinator = false
        /// `Kyrgyzstan followed in 2024`, `Қырғызстан да үлгісін қайталады`: the event of the story's last event's type,
        /// told of another state (`roles.tsv` kind `follow`).
        var follows = false
    }

    /// The date a sentence hands to the next one: its own, or one it inherited (`age` hand-overs ago).
    struct Carried: Sendable {
        var time: EventExtractor.PlacedTime
        var age: Int
        /// The sentence had several dates: only an anaphor (`Тогда`, `Сонда`) takes one of them over.
        var several: Bool
        var sentence: Int
        var documentIndex: Int
    }
    /// The dash that closes a dateline run into its story's first sentence (`ASTANA, July 4 – …`).
    static let datelineDashes: Set<String> = ["–", "—", "-", "--"]
    /// A date handed on from sentence to sentence goes this many sentences past the one that states it.
    static let maxCarry = 2

    /// A mention placed on atoms.
    struct Placed: Sendable {
        var mention: Mention
        var type: EntityType
        var first: Int
        var last: Int
    }

    static let participantTypes: Set<EntityType> = [.country, .organization, .person, .place, .agreement, .programme]
    static let minimumConfidence = 0.5
    /// Punctuation that ends a sentence; the last one says whether it asks.
    static let sentenceEnds: Set<String> = [".", "!", "?", "…"]
    /// Entities further than this many atoms from the trigger are left out (long sentences list many).
    static let participantWindow = 30
    /// How many sentences after the last event with named parties an event without any takes them over.
    static let partiesReach = 2
    /// Weight of a `follow` telling, and how far (atoms) before its words the state that follows is named.
    static let followWeight = 0.7
    static let followReach = 6
    /// How many sentences after an event told of a group of named parties a role phrase still names that group.
    static let groupReach = 3

    /// The last day (`YYYY-MM-DD`) of a publication date given as a year, a month or a day.
    static func lastDay(_ d: (year: Int, month: Int, day: Int)) -> String {
        DateValue(kind: d.month == 0 ? .year : d.day == 0 ? .month : .day, year: d.year, month: d.month, day: d.day).last
    }
    /// Meeting words at least this sure (`summit`, `саммит`, `встреча`, `meeting`) still tell a meeting inside a format's name.
    static let formatMeetingWeight = 0.8
    /// Types that a proposal can put forward, and that reported speech can carry.
    static let proposable: Set<EventType> = [.founding, .membership, .agreement, .withdrawal, .cooperation, .military]

    func detect(sentences: [Sentence], atoms: [[Atom]], times: [[EventExtractor.PlacedTime]],
                entities: EntityAnalysis, original: ScalarText,
                publication: (year: Int, month: Int, day: Int)? = nil) -> [Event] {
        let lastPublishedDay = publication.map(Self.lastDay)
        var typeOf: [String: EntityType] = [:]
        var labelsOf: [String: EntityRecord] = [:]
        for e in entities.entities { typeOf[e.id] = e.type; labelsOf[e.id] = e }
        var bySentence: [Int: [Mention]] = [:]
        for m in entities.mentions { bySentence[m.sentenceIndex, default: []].append(m) }

        var found: [Event] = []
        var tellings: [Telling] = []   // beside `found`: where each was told, for the merge
        // Folded names of each entity, for the case ending left after the name (computed once per document).
        var foldedNames: [String: [String]] = [:]
        func names(_ id: String) -> [String] {
            if let n = foldedNames[id] { return n }
            guard let rec = labelsOf[id] else { foldedNames[id] = []; return [] }
            let n = registry.names(rec)
            foldedNames[id] = n
            return n
        }
        var carried: Carried?
        // Documents whose story has told a meeting already.
        var meetingTold = Set<Int>()
        // The date of each document's first dated meeting: an event set at the told meeting (`саммит қорытындысы
        // бойынша …`, `on the sidelines of the summit …`) happened then, when its sentence names no date of its own.
        var toldMeetingDate: [Int: TimeExpression] = [:]
        // The named parties of the last event told, for a following event that names none.
        var lastParties: (documentIndex: Int, sentence: Int, type: EventType, participants: [EventParticipant])?
        // The last event told of two or more named states or organisations, for a role phrase that names them as a
        // group (`the parties`, `стороны`, `тараптар`, `the four presidents`).
        var lastGroup: (documentIndex: Int, sentence: Int, type: EventType, participants: [EventParticipant])?
        let topics = topicOrganisations(sentences: sentences, mentions: entities.mentions, types: typeOf)
        let datelines = datelineTimes(sentences: sentences, atoms: atoms, times: times, published: lastPublishedDay)
        let leadDays = leadDayTimes(sentences: sentences, times: times, datelines: datelines)
        for (si, s) in sentences.enumerated() {
            if let section = s.section, EventExtractor.skippedSections.contains(section) { carried = nil; continue }
            let a = atoms[si]
            var allHits = triggers(a)
            // `… and Kyrgyzstan followed in September 2024`: the last event's type, told again of another state.
            if allHits.isEmpty, let last = lastParties, last.documentIndex == s.documentIndex, si - last.sentence <= Self.partiesReach,
               let f = followWords(a) {
                allHits = [Hit(type: last.type, weight: Self.followWeight, first: f.first, last: f.last,
                               stemLength: a[f.first].text.unicodeScalars.count, words: f.last - f.first + 1, follows: true)]
            }
            var sentenceTimes = times[si].filter { $0.expression.value != nil }
            // A sentence without a date of its own takes the previous sentence's when both speak of the same entity,
            // or when it opens with an anaphor (`Тогда`, `Именно тогда`, `Онда`); with several dates there, only an
            // anaphor takes one (that of the previous sentence's last clause, the finest). A date taken over by an
            // anaphor or a role phrase (`Тараптар …`, below) goes on the same way, `maxCarry` sentences at most.
            var inherited = false
            var handOver: Carried?
            if sentenceTimes.isEmpty, let c = carried, c.sentence == si - 1, c.documentIndex == s.documentIndex {
                handOver = c
                let opensWithAnaphor = opensWithAnaphor(a)
                var viaEntity = false
                if opensWithAnaphor {
                    inherited = c.several || c.age < Self.maxCarry
                } else if !allHits.isEmpty, !c.several, c.age < Self.maxCarry,
                          sharesEntity(bySentence[s.index], bySentence[sentences[si - 1].index], typeOf) {
                    // Most sentences of a text name its main state: a shared entity hands a date on once, no further
                    // (so it matters only where the sentence tells an event).
                    inherited = true; viaEntity = true
                }
                if inherited { sentenceTimes = [c.time] }
                if viaEntity { handOver?.age = Self.maxCarry - 1 }
            }
            if !sentenceTimes.isEmpty, !inherited {
                // A dateline run into the sentence (`ASTANA, July 4 – The council met on July 2 …`) dates the story; the
                // sentence's own time is what it hands on.
                var own = sentenceTimes
                if own.count > 1, let d = datelines[s.documentIndex], d.sentence == si, own[0].expression.value == d.time.value,
                   own[0].last + 1 < a.count, Self.datelineDashes.contains(a[own[0].last + 1].text) {
                    own.removeFirst()
                }
                let t = own.count == 1 ? own[0] : lastClauseTime(own, a) ?? own[own.count - 1]
                carried = Carried(time: t, age: 0, several: own.count > 1, sentence: si, documentIndex: s.documentIndex)
            } else if inherited, let c = handOver {
                carried = Carried(time: c.time, age: c.age + 1, several: false, sentence: si, documentIndex: s.documentIndex)
            } else {
                carried = nil
            }

            // `договор 1992 года`, `1992 жылғы шарт`: a treaty named with its date (looked for only beside a date).
            var datedPossible = false
            if !inherited, sentenceTimes.contains(where: \.explicit) {
                datedPossible = sentenceTimes.contains { t in
                    t.explicit && (datedHead(a, t.last + 1) || datedHead(a, t.first - 1) || datedHead(a, t.first - 2))
                } || (bySentence[s.index]?.contains { typeOf[$0.entityID] == .agreement } ?? false)
            }
            if allHits.isEmpty && !datedPossible { continue }
            let placed = place(bySentence[s.index] ?? [], atoms: a, types: typeOf)
            // States named by their people's adjective (`қырғыз тарапы`) join the document's entities.
            for p in placed where typeOf[p.mention.entityID] == nil {
                typeOf[p.mention.entityID] = p.type
            }
            // A trigger word inside an organisation's name (`Шанхайская организация сотрудничества`, `Collective Security
            // Treaty Organization`, `Ұжымдық қауіпсіздік туралы шарт ұйымы`) names the organisation, not an event. A strong
            // meeting word in the name of a summit format (`the first Russia–Central Asia summit`, `саммит «Центральная
            // Азия — Китай»`, `Шестая Консультативная встреча глав государств`) tells a meeting of that format; weaker
            // ones name a body (`Совещание по взаимодействию …`, `Conference on Interaction …`, `… Cooperation Forum`).
            allHits.removeAll { h in
                !(h.type == .meeting && h.weight >= Self.formatMeetingWeight)
                    && placed.contains { $0.type == .organization && $0.first <= h.first && h.last <= $0.last }
            }
            // `инициативы «Пояс и путь»`, `Global Gateway бастамасы`, `the "K-Silk Road" initiative`: a proposal word in or right
            // beside a programme's name is how the programme is named, not a proposal made.
            allHits.removeAll { h in h.type == .proposal && placed.contains { $0.type == .programme && besideName(h, $0, a) } }
            // `Договор о дружбе, добрососедстве и сотрудничестве`, `Shanghai Convention on Combating Terrorism`: the other
            // event words inside a treaty's or programme's name describe it (the treaty word itself is the document).
            allHits.removeAll { h in
                h.type != .agreement && h.type != .meeting
                    && placed.contains { ($0.type == .agreement || $0.type == .programme) && $0.first <= h.first && h.last <= $0.last }
            }
            let clauses = clauseSegments(a)
            // A dated treaty in the clause of a signing trigger (`Подписание … (Договор «4+N», 1996)`) dates that signing;
            // elsewhere it tells an agreement of its own.
            var datedHits: [Hit] = []
            var treatyDates: [Int: TimeExpression] = [:]
            if datedPossible {
                for d in datedDocuments(a, times: sentenceTimes, placed: placed, language: s.language) {
                    // A treaty word of `triggers.tsv` that is the dated treaty's own head is that treaty, not a signing.
                    if let g = allHits.first(where: { g in
                        g.type == .agreement && (g.first > d.hit.last || g.last < d.hit.first)
                            && (abs(g.first - d.hit.first) <= Self.datedDocumentReach || clauses[g.first] == clauses[d.hit.first])
                    }) {
                        if treatyDates[g.first] == nil { treatyDates[g.first] = d.time.expression }
                    } else {
                        datedHits.append(d.hit)
                    }
                }
            }
            allHits.removeAll { g in datedHits.contains { d in g.first <= d.last && d.first <= g.last } }
            if allHits.isEmpty && datedHits.isEmpty { continue }
            // `Договор о создании X`: the founding only names the document's subject; X is what the document is about.
            let bodyFounding = allHits.map { foundsNamedBody($0, a, placed) }
            let isTopic = allHits.indices.map { !bodyFounding[$0] && isTopicOfDocument(allHits[$0], a) }
            let topical = allHits.indices.filter { isTopic[$0] }.map { allHits[$0] }
            var hits = allHits.indices.filter { !isTopic[$0] }.map { allHits[$0] }
            // `соглашение о строительстве …`, `атысты тоқтату туралы келісім`: what a treaty is about is no event of its own.
            hits.removeAll { isTreatyTopic($0, a) }
            // The signing of a treaty that founds a named organisation is that founding (`foundsNamedBody`).
            if bodyFounding.contains(true) {
                let foundingClauses = Set(allHits.indices.filter { bodyFounding[$0] }.map { clauses[allHits[$0].first] })
                hits.removeAll { $0.type == .agreement && foundingClauses.contains(clauses[$0.first]) }
            }
            // `жағдай құру`, `создание условий`, `create conditions`: a founding needs the thing founded beside it.
            if hits.contains(where: { $0.object != nil }) {
                var objectAtoms = [Bool](repeating: false, count: a.count)
                for p in placed where p.type == .organization || p.type == .programme { for k in p.first...p.last { objectAtoms[k] = true } }
                var timeAtoms = [Bool](repeating: false, count: a.count)
                for t in times[si] { for k in t.first...t.last where k < a.count { timeAtoms[k] = true } }
                hits.removeAll { h in h.object.map { !hasFoundedThing(h, $0, a, objectAtoms: objectAtoms, timeAtoms: timeAtoms) } ?? false }
                // A word with a founding sense and another (`launched`, `іске қосты`, `запустили`) founds when the thing
                // founded stands beside it (`launched the format`), and is the other sense otherwise.
                let founded = hits.filter { $0.object != nil }
                hits.removeAll { g in g.object == nil && founded.contains { $0.first == g.first && $0.last == g.last } }
            }
            // A treaty noun alone (`dated_documents.tsv` heads) in a sentence that tells another kind of event (`withdrew
            // from the treaty`, `назвал договор «очень важным»`, `the deal gave … and created a commission`) names what that
            // event is about; it is no agreement of its own. A meeting may produce one (`the summit … produced the Act`).
            if hits.contains(where: { $0.type != .agreement && $0.type != .meeting && $0.type != .statement }),
               !hits.contains(where: { $0.type == .agreement && !isTreatyNoun($0, a) }) {
                hits.removeAll { $0.type == .agreement && isTreatyNoun($0, a) }
            }
            if refersToDocumentOnly(hits, a) { hits.removeAll { $0.type == .agreement } }
            hits.removeAll { signsDomesticAct($0, a, clauses, placed) }
            hits += datedHits
            if hits.isEmpty { continue }
            // `Will Tashkent apply for membership?`, `Вступит ли …?`: a question asks about an event, it tells none.
            if let end = a.last(where: { $0.kind == .punct && Self.sentenceEnds.contains($0.text) }), end.text == "?" { continue }
            hits.sort { $0.first < $1.first }
            let caseRoles = caseRoles(placed, atoms: a, language: s.language, names: names)
            let bare = bareCapitals(placed, caseRoles: caseRoles, atoms: a, names: names)
            // A cue inside a time phrase is part of the time (`на следующий день`, `келесі күні`, `the next day`), not a plan.
            let cues = modalityCues(a).filter { m in !times[si].contains { t in t.first <= m.first && m.last <= t.last } }
            let quotes = quotations(a)
            // `agreed to meet again`, `договорились проводить встречи`: the planned meeting is what was agreed.
            let toMeet = agreementsToMeet(hits, a, language: s.language, cues: cues, quotes: quotes, clauses: clauses)
            if !toMeet.isEmpty {
                hits.removeAll { $0.type == .agreement && toMeet.contains($0.first) }
                if hits.isEmpty { continue }
            }
            // Long Russian and English (verb-object) sentences list many entities: participants come from the trigger's
            // clause.
            let clauseLimited = s.language.profile?.wordOrder == .svo && a.count > Self.participantWindow
            let roles = roleOnly(a)
            // `Тараптар … қол қойды`, `The leaders then …`: a sentence whose only actors are role phrases continues the
            // story of the sentence before.
            if !inherited, sentenceTimes.isEmpty, let c = handOver, !c.several, c.age < Self.maxCarry, !roles.isEmpty,
               !placed.contains(where: { $0.type != .place }) {
                sentenceTimes = [c.time]; inherited = true
                carried = Carried(time: c.time, age: c.age + 1, several: false, sentence: si, documentIndex: s.documentIndex)
            }
            // A time opening the sentence (`В 2001 г., …`, `2003 жылы …`) sets the scene for the whole sentence.
            // Prefix counts keep every input linear: a sentence of thousands of dates (`1990-ж1990-ж…`) asks these
            // once per date and trigger.
            let wordCounts = Self.wordsBefore(a)
            let breaks = clauseBreaksBefore(a)
            // `joined in 1993 and left in 2009`: the second of two coordinated predicates with a time of its own after it
            // (same clause, within `maxDateDistance`) is not dated by a time before the coordinator. Without one, a
            // time before dates the whole series (`on Friday its leaders renamed …, granted … and adopted …`).
            if !inherited {
                for i in hits.indices where hits[i].first > 0 {
                    let c = a[hits[i].first - 1], h = hits[i]
                    guard c.kind == .word, lex.coordinators.contains(c.text) else { continue }
                    hits[i].afterCoordinator = sentenceTimes.contains { t in
                        t.first > h.last && t.first - h.last <= Self.maxDateDistance && breaks[t.first] == breaks[h.last + 1]
                    }
                }
            }
            let opening = inherited ? nil : sentenceTimes.first { t in
                t.expression.precision != .range && wordCounts[min(t.first, a.count)] <= Self.openingWords
            }
            let hasProposal = hits.contains { $0.type == .proposal }
            let statementHit = hits.first { $0.type == .statement }
            let speaker = statementHit.flatMap { speakerOf($0, placed) } ?? quotedSpeaker(a, placed)
            // `suggested holding a summit`, `агенттік құруды ұсынды`: the event a proposal word puts forward is proposed, a
            // meeting too (FORMAT.md: "X suggested holding a summit" is a proposed meeting); the proposal stays an event
            // of its own (annotations record the proposal that was made as well).
            let proposalScoped = hits.filter { g in
                g.type != .proposal && (Self.proposable.contains(g.type) || g.type == .meeting)
                    && hits.contains { p in p.type == .proposal && inProposalScope(g, of: p, atoms: a, language: s.language) }
            }.map(\.first)
            // A reporting verb framing another event of its sentence (`the ministry said the summit would be held`, `…
            // өтеді деп жоспарланып отыр`) is how the text knows that event, not an event of its own (PETRARCH codes the
            // reported event, not the saying); a named person's words are news in themselves and stay a statement.
            // (Quoted words are the statement's own content: `«…», — заявил министр` stays a statement.)
            // A named person's saying stays a statement only beside a meeting it was said at (`said after the talks`); a
            // person saying that something was agreed, founded or refused tells that event (issue 14: the framing verb
            // is how the text knows the event).
            // A person speaks at a meeting that took place (`said after the talks`: a statement of its own), never at one
            // that is still to come, was called off or is only hoped for: a meeting told so (`келесі кездесу … өтетінін
            // хабарлады`, `заявил, что … планируется провести форум`, `said the format would meet every year`) is what
            // was said, and the saying is how the text knows it.
            let framesAnother = hits.contains { g in
                g.type != .statement && a[g.first].quoteDepth == 0
                    && (g.type != .meeting || speaker?.type != .person
                        || modalityOf(g, atoms: a, cues: cues, quotes: quotes, clauses: clauses, hasProposal: false,
                                      putForward: proposalScoped.contains(g.first)) != .asserted)
            }
            // A meeting named as the setting of another event (`на саммите … вступила`, `саммитте … қабылданды`,
            // `at the summit … joined`) once the story has told that meeting says where the event happened.
            let othersThanMeeting = hits.contains { $0.type != .meeting }
                && meetingTold.contains(s.documentIndex)
            let atToldMeeting = othersThanMeeting && sentenceTimes.isEmpty
                && hits.contains { $0.type == .meeting && isSetting($0, a, language: s.language) }
            for h in hits {
                if h.type == .statement && (framesAnother || saidByCommentator(h, a, placed, clauses, language: s.language)) { continue }
                if h.type == .meeting && othersThanMeeting && isSetting(h, a, language: s.language) { continue }
                var participants: [EventParticipant] = []
                var seen = SmallSet<RoleKey>()
                let clauseOK = clauseLimited ? allowedClauses(h, clauses, a) : []
                for (pi, p) in placed.enumerated() where abs(p.first - h.first) <= Self.participantWindow {
                    if clauseLimited, !clauseOK.contains(clauses[p.first]) { continue }
                    let subjectOfDocument = topical.contains { t in
                        (p.first > t.last && p.first - t.last <= 3) || (lex.verbFinal.contains(s.language) && p.last < t.first && t.first - p.last <= 2)
                    }
                    var role = subjectOfDocument ? "object" : roleOf(p, hit: h, caseRole: caseRoles[pi])
                    // A bare capital is its state: the subject before the predicate, its object after it (`accused Bishkek`).
                    if role == "place", bare[pi] {
                        role = !lex.verbFinal.contains(s.language) && p.first > h.last ? "counterpart" : "actor"
                    }
                    // The direct object of a verb that acts on someone (`Russia urged Kazakhstan`, `Россия призвала Казахстан`),
                    // after a party named before it, is the one acted on.
                    if role == "actor", directObject(p, of: h, a, placed: placed, language: s.language) { role = "counterpart" }
                    guard let role else { continue }
                    if seen.insert(RoleKey(role, p.mention.entityID)) {
                        participants.append(EventParticipant(role: role, entityID: p.mention.entityID, surface: p.mention.surface,
                                                             span: p.mention.span))
                    }
                }
                for r in roles where seen.insert(RoleKey("role", r.surface)) { participants.append(r) }
                // Date: the time expression nearest the trigger.
                var date: TimeExpression?
                if inherited {
                    date = sentenceTimes.first?.expression    // atom positions belong to the previous sentence
                } else if case let own = datesOfSaying(h, sentenceTimes, published: lastPublishedDay), !own.isEmpty {
                    let best = own.min { rank($0, h, breaks) < rank($1, h, breaks) }
                    // A time in another clause, far away, dates something else.
                    if let b = best, distance(b, h, breaks) <= Self.maxDateDistance + Self.clausePenalty || distance(b, h, breaks) < Self.clausePenalty {
                        date = b.expression
                    } else if let o = opening, o.last < h.first, !sentenceTimes.contains(where: { $0.first > o.last && $0.first < h.first }) {
                        date = o.expression
                    }
                    // `2022 жылдың 17 қарашасында … 2022-2026 жылдарға арналған жобасын іске қосты`: a period between
                    // the opening date and the trigger describes something else; the event happened at the opening date.
                    if date == nil, h.type == .agreement, let t = treatyDates[h.first] { date = t }
                    if let d = date, d.precision == .range, !Self.isDayRange(d.value ?? ""), let o = opening, o.last < h.first,
                       !sentenceTimes.contains(where: { $0.first > o.last && $0.first < h.first && $0.expression.precision != .range }) {
                        date = o.expression
                    }
                }
                var speakerID: String?
                if h.type == .statement, let sp = speaker {
                    speakerID = sp.mention.entityID
                    if seen.insert(RoleKey("speaker", sp.mention.entityID)) {
                        participants.append(EventParticipant(role: "speaker", entityID: sp.mention.entityID,
                                                             surface: sp.mention.surface, span: sp.mention.span))
                    }
                }
                if h.follows {
                    // The state that follows is named before the words (its subject); what it follows in is the last event's.
                    guard placed.contains(where: { p in
                        p.last < h.first && h.first - p.last <= Self.followReach
                            && (p.type == .country || (p.type == .place && capitalOf(p.mention.entityID) != nil))
                    }), let last = lastParties else { continue }
                    participants.removeAll { $0.role != "actor" && $0.role != "place" }
                    for p in last.participants where p.role == "counterpart" || p.role == "object" {
                        if seen.insert(RoleKey(p.role, p.entityID ?? "")) {
                            participants.append(EventParticipant(role: p.role, entityID: p.entityID, surface: p.surface, span: nil))
                        }
                    }
                }
                // A person acts for the state they led at the time (knowledge base roles); the parties as two sides.
                participants = sides(participants, type: h.type, date: date, typeOf: typeOf, language: s.language)
                seen = SmallSet(participants.lazy.map { RoleKey($0) })
                var entityParticipants = 0, roleParticipants = 0
                for p in participants {
                    if p.entityID == nil { roleParticipants += 1 } else if p.role != "place" { entityParticipants += 1 }
                }
                // A meeting with a place and a date (`Бішкекте … отырысы өтті`) is specific enough without named parties.
                let placedMeeting = h.type == .meeting && date != nil && participants.contains { $0.role == "place" }
                // The next meeting of a series (`Келесі саммит … өтеді`) is the story's organisation's (below).
                let nextMeeting = h.type == .meeting && nextOfSeries(h, cues)
                guard entityParticipants + roleParticipants > 0 || (date != nil && h.weight >= 0.75) || placedMeeting
                        || (nextMeeting && topic(for: s, topics) != nil) else { continue }
                // An event told without naming its parties (`their presidents met`, `Its first summit`, `the tariff took
                // effect`) continues the story of the parties of the event just told: it takes them over.
                // (Not from an event of the same type: that is a retelling, or a second event the merge must keep apart.)
                if entityParticipants == 0, let last = lastParties, last.documentIndex == s.documentIndex,
                   si - last.sentence <= Self.partiesReach, last.type != h.type {
                    for p in last.participants where seen.insert(RoleKey(p.role, p.entityID ?? "")) {
                        participants.append(EventParticipant(role: p.role, entityID: p.entityID, surface: p.surface, span: nil))
                    }
                }
                // `The parties agreed …`, `Стороны подписали …`, `Тараптар … келісті`: a role phrase naming the parties as a
                // group, a sentence or a few after an event told of two or more named states or organisations, names them.
                // (Not after an event of the same type, as for `lastParties`: a second agreement of the same parties, told
                // so, is one the merge must keep apart.)
                if roleParticipants > 0, let g = lastGroup, g.documentIndex == s.documentIndex, g.sentence < si,
                   si - g.sentence <= Self.groupReach, g.type != h.type {
                    for p in g.participants where seen.insert(RoleKey(p.role, p.entityID ?? "")) {
                        participants.append(EventParticipant(role: p.role, entityID: p.entityID, surface: p.surface, span: nil))
                    }
                }
                // `The next summit will be held in Samarkand`, `Следующая встреча намечена в Москве`, `Келесі саммит … өтеді`:
                // the next meeting of a series is the next of the story's organisation, whoever else the sentence names.
                if nextMeeting, let topic = topic(for: s, topics),
                   seen.insert(RoleKey("actor", topic.entityID)) {
                    participants.append(EventParticipant(role: "actor", entityID: topic.entityID, surface: topic.surface, span: nil))
                }
                // `The leaders signed …`, `Its first summit …`, `Members agreed …`: parties named only by their role in a
                // story about one organisation are that organisation's (`EventDetector+Topics.swift`).
                if let topic = topic(for: s, topics), Self.topicTakers.contains(h.type),
                   !participants.contains(where: { $0.entityID != nil && ($0.role == "actor" || $0.role == "counterpart") }),
                   seen.insert(RoleKey("actor", topic.entityID)) {
                    participants.append(EventParticipant(role: "actor", entityID: topic.entityID, surface: topic.surface, span: nil))
                }
                // An event in the clause a reporting verb introduces is told by its speaker; that alone does not make it
                // `reported` (a claim the text keeps its distance from: `according to`, `claimed`, `по данным`), so the
                // speaker is kept and the modality comes from the event's own clause.
                let toldBySpeaker = h.datedDocument ? false : statementHit.map { st in
                    h.type != .statement && h.type != .meeting && (lex.verbFinal.contains(s.language) ? h.last < st.first : h.first > st.last)
                } ?? false
                var modality = modalityOf(h, atoms: a, cues: cues, quotes: quotes, clauses: clauses,
                                          hasProposal: hasProposal && Self.proposable.contains(h.type) && !h.datedDocument,
                                          putForward: proposalScoped.contains(h.first),
                                          verbFinal: lex.verbFinal.contains(s.language))
                if modality == .asserted, h.type != .statement, speaker != nil, a[h.first].quoteDepth > 0 { modality = .reported }
                // `will host next year's summit`, `a conference is planned for next year`, `troops prepare to leave by
                // Tuesday`: an event dated wholly after publication has not happened yet.
                if modality == .asserted, h.type != .statement, let start = date?.start, let last = lastPublishedDay, start > last {
                    modality = .planned
                }
                if modality == .reported || toldBySpeaker, speakerID == nil { speakerID = speaker?.mention.entityID }
                // An event set at the told meeting (`саммит қорытындысы бойынша …`) happened on its day.
                // (Never the next meeting of a series: that one is still to come.)
                if date == nil, atToldMeeting, !nextMeeting, let d = toldMeetingDate[s.documentIndex] { date = d }
                // `Modi skipped the meeting`, `Кездесуде … талқыланды`: an undated meeting told as fact (or as not
                // happening) in a story that has told a dated meeting is that meeting, on its day.
                if date == nil, !inherited, h.type == .meeting, !nextMeeting, modality == .asserted || modality == .negated,
                   let d = toldMeetingDate[s.documentIndex] { date = d }
                // What a news story tells without a date of its own happened on its dateline's day (or on the day of
                // the story's meeting a few days before it, `EventDetector+Dates.swift`), while the story has not moved
                // to another time (the sentence before named no other date) and the event is told as fact; plans,
                // conditions and proposals are left undated.
                // The sentence before telling the story's day itself (`… кеңесі кеше Душанбеде өтті. Тоқаев … ұсынды.`) is
                // the same scene: that day.
                // The dateline's own day on the lead (`ASTANA, May 17 – Kazakhstan has protested …`) is when it was filed;
                // a day the next sentences name for it (`… handed a note on Wednesday`) is when it happened.
                if let d = datelines[s.documentIndex], d.sentence == si, let v = date?.value, v == d.time.value,
                   date?.span == d.time.span, toldMeetingDate[s.documentIndex] == nil, let l = leadDays[s.documentIndex] {
                    date = l.time
                }
                var datedByDateline = false
                if date == nil, !inherited, !nextMeeting, let d = datelines[s.documentIndex], d.sentence < si,
                   modality == .asserted || modality == .negated || modality == .reported {
                    var day = Self.storyDay(meeting: toldMeetingDate[s.documentIndex], dateline: d.time)
                    // The lead told on the dateline's day and its day told right after it (`… has protested. The
                    // ministry handed a note on Wednesday`): the lead happened that day.
                    if toldMeetingDate[s.documentIndex] == nil, let l = leadDays[s.documentIndex], si <= l.sentence { day = l.time }
                    if let c = handOver, c.time.expression.value != d.time.value, c.time.expression.value != day.value {
                        if !c.several, Self.isStoryDay(c.time.expression, dateline: d.time) { date = c.time.expression }
                        // A proposal a person makes in a story about a meeting just held was made there, whatever
                        // history the sentence before recalled (`Идею … выдвинул в 1992 году. … Токаев предложил …`).
                        else if h.type == .proposal, let m = toldMeetingDate[s.documentIndex], m.value == day.value,
                                participants.contains(where: { $0.role == "actor" && $0.entityID.map { typeOf[$0] == .person } == true }) {
                            date = day
                        }
                    } else {
                        date = day
                    }
                    datedByDateline = date != nil
                }
                var confidence = h.weight
                if date != nil { confidence += inherited ? 0.05 : 0.1 }
                confidence += min(0.15, 0.05 * Double(entityParticipants))
                if entityParticipants == 0 { confidence -= 0.1 }
                if s.confidence < 0.5 { confidence -= 0.05 }
                confidence = min(0.99, max(0.05, confidence))
                guard confidence >= Self.minimumConfidence else { continue }
                let triggerSpan = Span(start: a[h.first].span.start, end: a[h.last].span.end)
                let mention = EventMention(sentenceIndex: s.index, span: s.span, evidence: s.text,
                                           trigger: original.slice(triggerSpan), triggerSpan: triggerSpan, confidence: confidence)
                let codes = lex.codes[h.type]!
                let told = (inherited ? nil : gappedTellings(participants, placed: placed, times: sentenceTimes, typeOf: typeOf))
                    ?? [(participants, date)]
                for (parties, day) in told {
                    found.append(Event(id: "", type: h.type, cameo: codes.cameo, plover: codes.plover, participants: parties,
                                       date: day, modality: modality, speaker: speakerID, mentions: [mention],
                                       confidence: confidence, language: s.language))
                    var telling = Telling(document: s.documentIndex, attends: attends(h, a), datedByDateline: datedByDateline)
                    if h.type == .agreement, !h.datedDocument { telling.refersBack = refersBackToDocument(h, a, clauses) }
                    if h.type == .meeting {
                        telling.retold = day.map { $0.sentenceIndex != s.index } ?? true
                        telling.bodies = parties.compactMap { p in p.entityID.flatMap { typeOf[$0] == .organization ? $0 : nil } }
                    }
                    tellings.append(telling)
                }
                if h.type == .meeting {
                    meetingTold.insert(s.documentIndex)
                    if toldMeetingDate[s.documentIndex] == nil, let d = date { toldMeetingDate[s.documentIndex] = d }
                }
                let parties = participants.filter { $0.entityID != nil && ($0.role == "actor" || $0.role == "counterpart" || $0.role == "object") }
                if !parties.isEmpty { lastParties = (s.documentIndex, si, h.type, parties) }
                let group = parties.filter { p in
                    p.role != "object" && (typeOf[p.entityID!] == .country || typeOf[p.entityID!] == .organization)
                }
                if Set(group.map(\.entityID)).count >= 2 { lastGroup = (s.documentIndex, si, h.type, group) }
            }
        }
        return merge(found, tellings: tellings)
    }
}
