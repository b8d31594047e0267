import Foundation

/// Everything the enrichment of one document produced, in the shape storage writes it.
/// Built by the enrichment worker from the analysers' output; storage never depends on the analysers.
/// Offsets are Unicode code point indices into the document's original text, half-open.
public struct AnnotationSet: Sendable {
    public var extractorVersion: String
    public var configHash: String
    public var language: String
    public var languages: [String: Double]
    /// JSON object: structure, boundaries, keywords per language, repair statistics.
    public var analysisJSON: String
    public var sentences: [SentenceRow]
    public var entities: [EntityRow]
    public var mentions: [MentionRow]
    public var times: [TimeRow]
    public var events: [EventRow]
    public var keywords: [KeywordRow]

    public init(extractorVersion: String, configHash: String, language: String, languages: [String: Double],
                analysisJSON: String, sentences: [SentenceRow] = [], entities: [EntityRow] = [],
                mentions: [MentionRow] = [], times: [TimeRow] = [], events: [EventRow] = [], keywords: [KeywordRow] = []) {
        self.extractorVersion = extractorVersion; self.configHash = configHash; self.language = language
        self.languages = languages; self.analysisJSON = analysisJSON; self.sentences = sentences
        self.entities = entities; self.mentions = mentions; self.times = times; self.events = events
        self.keywords = keywords
    }

    public struct SentenceRow: Sendable, Equatable {
        public var index: Int, start: Int, end: Int
        public var language: String
        public var confidence: Double
        public var section: String?
        public var text: String
        /// Normalised search keys (stems and linked entity ids) in order of appearance.
        public var searchKeys: [String]
        public init(index: Int, start: Int, end: Int, language: String, confidence: Double, section: String?,
                    text: String, searchKeys: [String]) {
            self.index = index; self.start = start; self.end = end; self.language = language
            self.confidence = confidence; self.section = section; self.text = text; self.searchKeys = searchKeys
        }
    }

    public struct EntityRow: Sendable, Equatable {
        public var id: String, type: String
        /// Label by language code (any registered language: stored as rows, `entity_names`, migration 0006).
        public var labels: [String: String]
        public var aliases: [String]
        public var fromKnowledgeBase: Bool
        public init(id: String, type: String, labels: [String: String], aliases: [String], fromKnowledgeBase: Bool) {
            self.id = id; self.type = type; self.labels = labels.filter { !$0.value.isEmpty }
            self.aliases = aliases; self.fromKnowledgeBase = fromKnowledgeBase
        }
        public init(id: String, type: String, labelEN: String?, labelRU: String?, labelKK: String?, aliases: [String],
                    fromKnowledgeBase: Bool) {
            self.init(id: id, type: type, labels: ["en": labelEN, "ru": labelRU, "kk": labelKK].compactMapValues { $0 },
                      aliases: aliases, fromKnowledgeBase: fromKnowledgeBase)
        }
        public var labelEN: String? { get { labels["en"] } set { labels["en"] = newValue } }
        public var labelRU: String? { get { labels["ru"] } set { labels["ru"] = newValue } }
        public var labelKK: String? { get { labels["kk"] } set { labels["kk"] = newValue } }
    }

    public struct MentionRow: Sendable, Equatable {
        public var entityID: String, start: Int, end: Int, surface: String, sentenceIndex: Int
        public var kind: String, confidence: Double, alternatives: [String]
        /// One score per alternative (its share of the linking evidence, 0…1), same order; not stored yet.
        public var alternativeScores: [Double]
        public init(entityID: String, start: Int, end: Int, surface: String, sentenceIndex: Int, kind: String,
                    confidence: Double, alternatives: [String], alternativeScores: [Double] = []) {
            self.entityID = entityID; self.start = start; self.end = end; self.surface = surface
            self.sentenceIndex = sentenceIndex; self.kind = kind; self.confidence = confidence; self.alternatives = alternatives
            self.alternativeScores = alternativeScores
        }
    }

    public struct TimeRow: Sendable, Equatable {
        public var start: Int, end: Int, surface: String, sentenceIndex: Int
        public var value: String?, rangeStart: String?, rangeEnd: String?, precision: String, relative: Bool
        public init(start: Int, end: Int, surface: String, sentenceIndex: Int, value: String?, rangeStart: String?,
                    rangeEnd: String?, precision: String, relative: Bool) {
            self.start = start; self.end = end; self.surface = surface; self.sentenceIndex = sentenceIndex
            self.value = value; self.rangeStart = rangeStart; self.rangeEnd = rangeEnd; self.precision = precision
            self.relative = relative
        }
    }

    public struct EventRow: Sendable, Equatable {
        public var key: String, type: String, cameo: String?, plover: String?, modality: String
        public var speakerEntityID: String?
        public var dateValue: String?, dateStart: String?, dateEnd: String?, datePrecision: String?
        public var confidence: Double, language: String
        public var participants: [Participant]
        public var mentions: [EvidenceRow]
        public init(key: String, type: String, cameo: String?, plover: String?, modality: String, speakerEntityID: String?,
                    dateValue: String?, dateStart: String?, dateEnd: String?, datePrecision: String?, confidence: Double,
                    language: String, participants: [Participant], mentions: [EvidenceRow]) {
            self.key = key; self.type = type; self.cameo = cameo; self.plover = plover; self.modality = modality
            self.speakerEntityID = speakerEntityID; self.dateValue = dateValue; self.dateStart = dateStart
            self.dateEnd = dateEnd; self.datePrecision = datePrecision; self.confidence = confidence
            self.language = language; self.participants = participants; self.mentions = mentions
        }

        public struct Participant: Sendable, Equatable {
            public var role: String, entityID: String?, surface: String, start: Int?, end: Int?
            public init(role: String, entityID: String?, surface: String, start: Int?, end: Int?) {
                self.role = role; self.entityID = entityID; self.surface = surface; self.start = start; self.end = end
            }
        }

        public struct EvidenceRow: Sendable, Equatable {
            public var sentenceIndex: Int, start: Int, end: Int, evidence: String, trigger: String
            public var triggerStart: Int, triggerEnd: Int, confidence: Double
            public init(sentenceIndex: Int, start: Int, end: Int, evidence: String, trigger: String, triggerStart: Int,
                        triggerEnd: Int, confidence: Double) {
                self.sentenceIndex = sentenceIndex; self.start = start; self.end = end; self.evidence = evidence
                self.trigger = trigger; self.triggerStart = triggerStart; self.triggerEnd = triggerEnd
                self.confidence = confidence
            }
        }
    }

    public struct KeywordRow: Sendable, Equatable {
        public var text: String, language: String, source: String, score: Double
        public init(text: String, language: String, source: String, score: Double) {
            self.text = text; self.language = language; self.source = source; self.score = score
        }
    }
}

/// tsvector / tsquery literals built from the analyser's keys, so PostgreSQL's parser (and its locale) never
/// re-splits Kazakh words: every key is one quoted lexeme.
public enum SearchText {
    /// `'key1':1 'key2':2 …`; positions capped at 16383 as PostgreSQL requires.
    public static func tsvector(_ keys: [String]) -> String {
        var out = ""
        out.reserveCapacity(keys.reduce(0) { $0 + $1.utf8.count + 8 })
        var position = 0
        for key in keys where !key.isEmpty {
            position += 1
            if !out.isEmpty { out += " " }
            out += quote(key)
            out += ":"
            out += String(min(position, 16383))
        }
        return out
    }

    /// `'a' | 'b'` (any) or `'a' & 'b'` (all) of the given keys; nil when there are none.
    public static func tsquery(_ keys: [String], all: Bool) -> String? {
        let parts = keys.filter { !$0.isEmpty }.map(quote)
        return parts.isEmpty ? nil : parts.joined(separator: all ? " & " : " | ")
    }

    /// `(a1 | a2) & (b1 | b2)`, optionally `| (e1 | e2)`; nil when there is nothing to search for.
    public static func tsquery(allOf groups: [[String]], orAnyOf alternatives: [String] = []) -> String? {
        let all = groups.compactMap { tsquery($0, all: false) }.map { "(" + $0 + ")" }.joined(separator: " & ")
        let any = tsquery(alternatives, all: false)
        switch (all.isEmpty, any) {
        case (true, nil): return nil
        case (true, let a?): return a
        case (false, nil): return all
        case (false, let a?): return "(" + all + ") | (" + a + ")"
        }
    }

    static func quote(_ key: String) -> String {
        // Lexemes longer than 2 KB are rejected by PostgreSQL; keys are words, so cut defensively. Most keys are
        // short and need no escaping: checked on the UTF-8 bytes (a key is quoted for every word of every sentence).
        var k = key.utf8.count > 500 && key.count > 500 ? String(key.prefix(500)) : key
        if k.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "'") }) {
            k = k.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''")
        }
        return "'" + k + "'"
    }
}
