import DalaEntities
import DalaEvents
import DalaText
import Foundation

/// Precision and recall of dates and events on annotated passages, through the whole analysis
/// (stage 1 sentences, stage 2 entities, stage 3). `report()` scores the development set bundled in
/// `Shared/DalaEvaluation/Resources/evaluation.json`; tests score a held-out set in the same format.
public enum EventEvaluation {
    /// One annotated passage (original text written for the project).
    public struct Case: Codable, Sendable {
        public struct GoldTime: Codable, Sendable {
            public var surface: String
            public var value: String?
            public var precision: String
        }
        public struct GoldEvent: Codable, Sendable {
            public var type: String
            public var trigger: String
            public var date: String?
            public var modality: String
            public var participants: [String]
        }
        public var id: String
        public var documentDate: String?
        public var text: String
        public var times: [GoldTime]
        public var events: [GoldEvent]
        /// Strings that must not be tagged as dates (`2455`, `23.00.04`, `в то же время`).
        public var traps: [String]
    }

    /// Counts for precision and recall (the same arithmetic as the entity evaluation's).
    public typealias Score = EntityEvaluation.Score

    public struct Result: Sendable {
        /// Time expressions: span overlaps and value equal.
        public var times = Score()
        /// Events found: type and trigger.
        public var events = Score()
        /// Events right in type, trigger, date and modality.
        public var eventsStrict = Score()
        public var dateAccuracy: Double { matchedEvents == 0 ? 1 : Double(rightDates) / Double(matchedEvents) }
        public var modalityAccuracy: Double { matchedEvents == 0 ? 1 : Double(rightModalities) / Double(matchedEvents) }
        public var participantRecall: Double { goldParticipants == 0 ? 1 : Double(foundParticipants) / Double(goldParticipants) }
        public var matchedEvents = 0, rightDates = 0, rightModalities = 0, goldParticipants = 0, foundParticipants = 0
        /// Trap strings tagged as dates (should be 0).
        public var trapHits = 0
        public var cases = 0
        public var errors: [String] = []
    }

    public static func parse(json: Data) throws -> [Case] { try JSONDecoder().decode([Case].self, from: json) }

    /// The bundled development set.
    public static func developmentSet() throws -> [Case] {
        guard let url = Bundle.module.url(forResource: "evaluation", withExtension: "json", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "evaluation", withExtension: "json") else {
            throw DataFileError(file: "DalaEvaluation/Resources/evaluation.json", reason: "missing from the bundle")
        }
        return try parse(json: Data(contentsOf: url))
    }

    /// Scores `cases` through the whole analysis.
    public static func evaluate(_ cases: [Case], extractor: EventExtractor, text: TextAnalyzer, recognizer: EntityRecognizer) -> Result {
        var r = Result()
        for c in cases {
            r.cases += 1
            let t = text.analyze(c.text)
            let e = recognizer.recognize(text: c.text, sentences: t.sentences)
            let out = extractor.extract(text: c.text, sentences: t.sentences, entities: e, documentDate: c.documentDate)
            let scalars = Array(c.text.unicodeScalars)
            func locate(_ s: String) -> Span? {
                let needle = Array(s.unicodeScalars)
                guard !needle.isEmpty, needle.count <= scalars.count else { return nil }
                for k in 0...(scalars.count - needle.count) where scalars[k] == needle[0] {
                    if Array(scalars[k..<(k + needle.count)]) == needle { return Span(start: k, end: k + needle.count) }
                }
                return nil
            }
            func overlaps(_ a: Span, _ b: Span) -> Bool { a.start < b.end && b.start < a.end }

            // Times.
            var usedTimes = Set<Int>()
            for g in c.times {
                guard let gs = locate(g.surface) else { r.errors.append("\(c.id): gold time not in text: \(g.surface)"); continue }
                if let k = out.times.indices.first(where: { !usedTimes.contains($0) && overlaps(out.times[$0].span, gs) }) {
                    usedTimes.insert(k)
                    if out.times[k].value == g.value {
                        r.times.truePositives += 1
                    } else {
                        r.times.falseNegatives += 1; r.times.falsePositives += 1
                        r.errors.append("\(c.id): time \(g.surface) = \(out.times[k].value ?? "nil"), want \(g.value ?? "nil")")
                    }
                } else {
                    r.times.falseNegatives += 1
                    r.errors.append("\(c.id): time missed: \(g.surface)")
                }
            }
            for k in out.times.indices where !usedTimes.contains(k) {
                r.times.falsePositives += 1
                r.errors.append("\(c.id): time spurious: \(out.times[k].surface) = \(out.times[k].value ?? "nil")")
            }
            for trap in c.traps {
                guard let ts = locate(trap) else { continue }
                if out.times.contains(where: { overlaps($0.span, ts) }) {
                    r.trapHits += 1
                    r.errors.append("\(c.id): trap tagged as a date: \(trap)")
                }
            }

            // Events: every (event, mention) is one prediction.
            var predictions: [(event: Event, mention: EventMention)] = []
            for ev in out.events { for m in ev.mentions { predictions.append((ev, m)) } }
            var used = Set<Int>()
            for g in c.events {
                guard let gs = locate(g.trigger) else { r.errors.append("\(c.id): gold trigger not in text: \(g.trigger)"); continue }
                guard let k = predictions.indices.first(where: {
                    !used.contains($0) && predictions[$0].event.type.rawValue == g.type && overlaps(predictions[$0].mention.triggerSpan, gs)
                }) else {
                    r.events.falseNegatives += 1; r.eventsStrict.falseNegatives += 1
                    r.errors.append("\(c.id): event missed: \(g.type) '\(g.trigger)'")
                    continue
                }
                used.insert(k)
                let ev = predictions[k].event
                r.events.truePositives += 1
                r.matchedEvents += 1
                let dateOK = ev.date?.value == g.date
                let modalityOK = ev.modality.rawValue == g.modality
                if dateOK { r.rightDates += 1 } else {
                    r.errors.append("\(c.id): event \(g.type) '\(g.trigger)' date \(ev.date?.value ?? "nil"), want \(g.date ?? "nil")")
                }
                if modalityOK { r.rightModalities += 1 } else {
                    r.errors.append("\(c.id): event \(g.type) '\(g.trigger)' modality \(ev.modality.rawValue), want \(g.modality)")
                }
                if dateOK && modalityOK { r.eventsStrict.truePositives += 1 } else {
                    r.eventsStrict.falsePositives += 1; r.eventsStrict.falseNegatives += 1
                }
                let ids = Set(ev.participants.compactMap(\.entityID))
                r.goldParticipants += g.participants.count
                for p in g.participants {
                    if ids.contains(p) { r.foundParticipants += 1 } else {
                        r.errors.append("\(c.id): event \(g.type) '\(g.trigger)' lacks participant \(p)")
                    }
                }
            }
            for k in predictions.indices where !used.contains(k) {
                r.events.falsePositives += 1; r.eventsStrict.falsePositives += 1
                r.errors.append("\(c.id): event spurious: \(predictions[k].event.type.rawValue) '\(predictions[k].mention.trigger)'")
            }
        }
        return r
    }

    /// A text report of the development set, for `dala bench`.
    public static func report() -> String {
        do {
            let cases = try developmentSet()
            let result = evaluate(cases, extractor: try EventExtractor(), text: try TextAnalyzer(),
                                  recognizer: EntityRecognizer(knowledgeBase: try KnowledgeBase.loadDefault()))
            return format(result, title: "events \(EventExtractor.version), development set")
        } catch {
            return "events evaluation failed: \(error)"
        }
    }

    public static func format(_ r: Result, title: String) -> String {
        func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
        func line(_ name: String, _ s: Score) -> String {
            "  \(name): P \(pct(s.precision))  R \(pct(s.recall))  F1 \(pct(s.f1))  (tp \(s.truePositives), fp \(s.falsePositives), fn \(s.falseNegatives))"
        }
        return ([
            "\(title): \(r.cases) passages",
            line("dates        ", r.times),
            line("events       ", r.events),
            line("events strict", r.eventsStrict),
            "  of found events: date right \(pct(r.dateAccuracy)), modality right \(pct(r.modalityAccuracy)), participants found \(pct(r.participantRecall))",
            "  date traps tagged: \(r.trapHits)",
        ]).joined(separator: "\n")
    }
}
