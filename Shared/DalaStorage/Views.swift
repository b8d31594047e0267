import DalaCore
import Foundation

/// A document as the query API shows it.
public struct DocumentView: Codable, Sendable {
    @LowercaseUUID public var id: UUID
    public var sha256: String
    public var title: String?
    public var source: String?
    public var language: String?
    public var detectedLanguage: String?
    public var languages: JSONValue?
    public var published: String?
    public var metadata: JSONValue?
    public var charLength: Int
    public var receivedAt: String
    public var enrichedAt: String?
    /// When the current events were linked to their stories; nil while the story linker has not reached them
    /// (their events have no story yet) or before the document is enriched.
    public var storiesLinkedAt: String?
    public var status: String
    public var extractorVersion: String?
    public var error: String?
    public var analysis: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id, sha256, title, source, language, languages, published, metadata, status, error, analysis
        case detectedLanguage = "detected_language", charLength = "char_length", receivedAt = "received_at"
        case enrichedAt = "enriched_at", extractorVersion = "extractor_version", storiesLinkedAt = "stories_linked_at"
    }
}

/// A mention with its entity's labels and evidence sentence.
public struct MentionView: Codable, Sendable {
    public var entityID: String
    public var entityType: String?
    public var label: String?
    public var start: Int
    public var end: Int
    public var surface: String
    public var sentenceIndex: Int
    public var sentence: String?
    public var kind: String
    public var confidence: Double
    public var alternatives: [String]
    @LowercaseOptionalUUID public var documentID: UUID? = nil
    /// The page of a document made from a file (PDF, DOCX); absent for plain text.
    public var page: Int? = nil
    enum CodingKeys: String, CodingKey {
        case entityID = "entity_id", entityType = "entity_type", label, start, end, surface
        case sentenceIndex = "sentence_index", sentence, kind, confidence, alternatives, documentID = "document_id", page
    }
}

/// An entity with labels and how often it is mentioned.
public struct EntityView: Codable, Sendable {
    public var id: String
    public var type: String
    public var labels: [String: String]
    public var aliases: [String]
    public var fromKnowledgeBase: Bool
    public var mentionCount: Int
    public var documentCount: Int
    enum CodingKeys: String, CodingKey {
        case id, type, labels, aliases, fromKnowledgeBase = "from_kb", mentionCount = "mention_count"
        case documentCount = "document_count"
    }

    public init(id: String, type: String, labels: [String: String], aliases: [String], fromKnowledgeBase: Bool,
                mentionCount: Int = 0, documentCount: Int = 0) {
        self.id = id; self.type = type; self.labels = labels; self.aliases = aliases
        self.fromKnowledgeBase = fromKnowledgeBase; self.mentionCount = mentionCount; self.documentCount = documentCount
    }
}

/// A sentence that matched a search, with offsets into the original text and highlighted spans.
public struct SearchHit: Codable, Sendable {
    @LowercaseUUID public var documentID: UUID
    public var title: String?
    public var published: String?
    public var sentenceIndex: Int
    public var start: Int
    public var end: Int
    public var language: String
    /// The sentence as the analyser stored it.
    public var text: String
    public var rank: Double
    /// The sentence's span of the original text (`raw_text[start..<end]`).
    public var snippet: String
    /// Matched words and entity mentions, as code-point offsets into the original text.
    public var highlights: [Span]
    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", title, published, sentenceIndex = "sentence_index", start, end, language, text, rank
        case snippet, highlights
    }

    public init(documentID: UUID, title: String?, published: String?, sentenceIndex: Int, start: Int, end: Int,
                language: String, text: String, rank: Double, snippet: String, highlights: [Span]) {
        self.documentID = documentID; self.title = title; self.published = published; self.sentenceIndex = sentenceIndex
        self.start = start; self.end = end; self.language = language; self.text = text; self.rank = rank
        self.snippet = snippet; self.highlights = highlights
    }
}

/// A document that matched a search (`type=document`): its best sentence and how many sentences matched.
public struct DocumentSearchHit: Codable, Sendable {
    @LowercaseUUID public var documentID: UUID
    public var title: String?
    public var published: String?
    public var language: String?
    public var rank: Double
    public var matchedSentences: Int
    public var best: SearchHit
    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", title, published, language, rank, matchedSentences = "matched_sentences", best
    }

    public init(documentID: UUID, title: String?, published: String?, language: String?, rank: Double,
                matchedSentences: Int, best: SearchHit) {
        self.documentID = documentID; self.title = title; self.published = published; self.language = language
        self.rank = rank; self.matchedSentences = matchedSentences; self.best = best
    }
}

/// A half-open code-point span of a document's original text.
public struct Span: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
}

/// One page of a list plus the cursor of the next page (nil at the end).
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    public var nextCursor: String?
    public init(items: [Item], nextCursor: String?) { self.items = items; self.nextCursor = nextCursor }
    enum CodingKeys: String, CodingKey { case items, nextCursor = "next_cursor" }
}

/// Opaque keyset cursors: base64url of the sort key, so clients cannot build SQL out of them.
public enum Cursor {
    public static func encode(_ parts: [String]) -> String {
        let base64 = Data(parts.joined(separator: "\u{1F}").utf8).base64EncodedString()
        return String(decoding: base64.utf8.compactMap { c -> UInt8? in
            switch c {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            case UInt8(ascii: "="): nil
            default: c
            }
        }, as: UTF8.self)
    }

    /// The parts, or nil when the cursor is malformed or has the wrong number of parts.
    public static func decode(_ cursor: String, parts: Int) -> [String]? {
        guard let p = decode(cursor), p.count == parts else { return nil }
        return p
    }

    /// All parts of a cursor, or nil when it is malformed.
    public static func decode(_ cursor: String) -> [String]? {
        guard cursor.utf8.count <= 512 else { return nil }
        var base64 = cursor.utf8.map { c -> UInt8 in
            switch c {
            case UInt8(ascii: "-"): UInt8(ascii: "+")
            case UInt8(ascii: "_"): UInt8(ascii: "/")
            default: c
            }
        }
        while base64.count % 4 != 0 { base64.append(UInt8(ascii: "=")) }
        guard let data = Data(base64Encoded: Data(base64)), let s = String(data: data, encoding: .utf8) else { return nil }
        return s.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
    }
}

/// What `GET /v1/documents/{id}` adds to the document row: annotation counts and the entities it mentions.
public struct DocumentDetail: Codable, Sendable {
    public var document: DocumentView
    public var counts: Counts
    public var entities: [DocumentEntity]
    /// The original file, for a document made from one (PDF, DOCX, HTML).
    public var file: FileInfo? = nil
    /// Progress of the OCR of a file's scanned pages; absent when it has none.
    public var ocr: OCRProgress? = nil

    public struct FileInfo: Codable, Sendable, Equatable {
        public var mediaType: String
        public var filename: String?
        public var sha256: String
        public var bytes: Int
        public var pages: Int
        enum CodingKeys: String, CodingKey { case mediaType = "media_type", filename, sha256, bytes, pages }
    }
    /// `status`: pending (pages wait for or undergo OCR), done, failed.
    public struct OCRProgress: Codable, Sendable, Equatable {
        public var status: String
        public var pagesTotal: Int
        public var pagesDone: Int
        enum CodingKeys: String, CodingKey { case status, pagesTotal = "pages_total", pagesDone = "pages_done" }
    }
    struct FileFields: Decodable { var file: FileInfo?; var ocr: OCRProgress? }

    public struct Counts: Codable, Sendable {
        public var sentences: Int, mentions: Int, entities: Int, events: Int, timeExpressions: Int, keywords: Int
        enum CodingKeys: String, CodingKey {
            case sentences, mentions, entities, events, keywords, timeExpressions = "time_expressions"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try document.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(counts, forKey: .counts)
        try c.encode(entities, forKey: .entities)
        try c.encodeIfPresent(file, forKey: .file)
        try c.encodeIfPresent(ocr, forKey: .ocr)
    }
    enum CodingKeys: String, CodingKey { case document, counts, entities, file, ocr }
}

/// An entity mentioned in one document, with how often.
public struct DocumentEntity: Codable, Sendable {
    public var id: String
    public var type: String
    public var label: String?
    public var mentions: Int
    public var firstOffset: Int
    enum CodingKeys: String, CodingKey { case id, type, label, mentions, firstOffset = "first_offset" }
}

/// Everything the analysis stored for one document, with offsets into its original text.
public struct AnnotationsView: Codable, Sendable {
    @LowercaseUUID public var documentID: UUID
    public var extractorVersion: String?
    public var sentences: [SentenceView]
    public var mentions: [MentionView]
    public var timeExpressions: [TimeExpressionView]
    public var events: [EventView]
    public var keywords: [KeywordView]
    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", extractorVersion = "extractor_version", sentences, mentions
        case timeExpressions = "time_expressions", events, keywords
    }
}

/// A sentence boundary with its language.
public struct SentenceView: Codable, Sendable {
    public var index: Int, start: Int, end: Int
    public var language: String
    public var confidence: Double
    public var section: String?
}

/// A date or period found in the text, normalised.
public struct TimeExpressionView: Codable, Sendable {
    public var start: Int, end: Int
    public var surface: String
    public var sentenceIndex: Int
    public var value: String?
    public var rangeStart: String?
    public var rangeEnd: String?
    public var precision: String
    public var relative: Bool
    enum CodingKeys: String, CodingKey {
        case start, end, surface, sentenceIndex = "sentence_index", value, rangeStart = "range_start", rangeEnd = "range_end"
        case precision, relative
    }
}

/// A keyword of a document.
public struct KeywordView: Codable, Sendable {
    public var text: String, language: String, source: String
    public var score: Double
}

/// An event with its participants, date, modality and evidence in every mention.
public struct EventView: Codable, Sendable {
    @LowercaseUUID public var id: UUID
    @LowercaseUUID public var documentID: UUID
    public var documentTitle: String?
    public var extractorVersion: String
    public var key: String
    public var type: String
    public var cameo: String?
    public var plover: String?
    public var modality: String
    public var speakerEntityID: String?
    public var date: EventDate?
    public var confidence: Double
    public var language: String
    public var participants: [ParticipantView]
    public var mentions: [EvidenceView]
    /// The real-world event this report belongs to, with every document reporting it (nil for events written
    /// without story linking).
    public var story: StoryView? = nil

    public struct EventDate: Codable, Sendable {
        public var value: String?, start: String?, end: String?, precision: String?
    }
    enum CodingKeys: String, CodingKey {
        case id, documentID = "document_id", documentTitle = "document_title", extractorVersion = "extractor_version"
        case key, type, cameo, plover, modality, speakerEntityID = "speaker_entity_id", date, confidence, language
        case participants, mentions, story
    }
}

/// One real-world event as several reports (events of one or more documents) tell it. Each report keeps its own
/// date, modality and confidence: sources that disagree are listed as they are, not merged into one value.
public struct StoryView: Codable, Sendable {
    @LowercaseUUID public var id: UUID
    /// Reports (stored events) of the story, and the distinct documents they come from.
    public var reports: Int
    public var documents: Int
    /// The reports, earliest date first (at most `StoryView.listed` in event lists).
    public var reportList: [Report]
    /// Reports listed per story in event lists (an event's own page lists up to 500).
    public static let listed = 20

    public struct Report: Codable, Sendable {
        @LowercaseUUID public var eventID: UUID
        @LowercaseUUID public var documentID: UUID
        public var documentTitle: String?
        public var modality: String
        public var date: EventView.EventDate?
        public var confidence: Double
        public var language: String
        enum CodingKeys: String, CodingKey {
            case eventID = "event_id", documentID = "document_id", documentTitle = "document_title", modality, date
            case confidence, language
        }
    }
    enum CodingKeys: String, CodingKey { case id, reports, documents, reportList = "report_list" }
}

/// Who took part in an event and where the text names them.
public struct ParticipantView: Codable, Sendable {
    public var role: String
    public var entityID: String?
    public var entityType: String?
    public var label: String?
    public var surface: String
    public var start: Int?
    public var end: Int?
    enum CodingKeys: String, CodingKey {
        case role, entityID = "entity_id", entityType = "entity_type", label, surface, start, end
    }
}

/// One mention of an event: the evidence sentence and the trigger, with offsets.
public struct EvidenceView: Codable, Sendable {
    public var sentenceIndex: Int, start: Int, end: Int
    public var evidence: String
    public var trigger: String
    public var triggerStart: Int, triggerEnd: Int
    public var confidence: Double
    /// The page of a document made from a file; absent for plain text.
    public var page: Int? = nil
    enum CodingKeys: String, CodingKey {
        case sentenceIndex = "sentence_index", start, end, evidence, trigger, triggerStart = "trigger_start"
        case triggerEnd = "trigger_end", confidence, page
    }
}

/// An entity's profile: labels, aliases, counts, dates, and who it appears with.
public struct EntityProfile: Encodable, Sendable {
    public var entity: EntityView
    public var sentenceCount: Int
    public var eventCount: Int
    public var firstPublished: String?
    public var lastPublished: String?
    public var firstEvent: String?
    public var lastEvent: String?
    /// Entities most often in the same documents.
    public var cooccurring: [Partner]
    /// Entities taking part in the same events, per event type.
    public var eventPartners: [EventPartner]
    /// Knowledge-base relations (member of, part of, predecessor...), filled in by the API from the analyser's data.
    public var knowledge: [KnowledgeRelationView]
    public var statisticsAsOf: String?

    public struct Partner: Codable, Sendable {
        public var id: String, type: String?, label: String?
        public var documents: Int
    }
    public struct EventPartner: Codable, Sendable {
        public var id: String, type: String?, label: String?
        public var eventType: String
        public var events: Int
        enum CodingKeys: String, CodingKey { case id, type, label, eventType = "event_type", events }
    }

    public func encode(to encoder: any Encoder) throws {
        try entity.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sentenceCount, forKey: .sentenceCount)
        try c.encode(eventCount, forKey: .eventCount)
        try c.encode(firstPublished, forKey: .firstPublished)
        try c.encode(lastPublished, forKey: .lastPublished)
        try c.encode(firstEvent, forKey: .firstEvent)
        try c.encode(lastEvent, forKey: .lastEvent)
        try c.encode(Relations(cooccurring: cooccurring, eventPartners: eventPartners, knowledge: knowledge), forKey: .relations)
        try c.encode(statisticsAsOf, forKey: .statisticsAsOf)
    }
    struct Relations: Encodable {
        var cooccurring: [Partner], eventPartners: [EventPartner], knowledge: [KnowledgeRelationView]
        enum CodingKeys: String, CodingKey { case cooccurring, eventPartners = "event_partners", knowledge }
    }
    enum CodingKeys: String, CodingKey {
        case entity, sentenceCount = "sentence_count", eventCount = "event_count", firstPublished = "first_published"
        case lastPublished = "last_published", firstEvent = "first_event", lastEvent = "last_event", relations
        case cooccurring, eventPartners = "event_partners", knowledge, statisticsAsOf = "statistics_as_of"
    }
}

/// A relation from the knowledge base (`member_of Q1065`).
public struct KnowledgeRelationView: Codable, Sendable, Equatable {
    public var kind: String
    public var target: String
    public var label: String?
    /// Period of a role (`YYYY-MM-DD`, either side open).
    public var from: String?
    public var to: String?
    public init(kind: String, target: String, label: String? = nil, from: String? = nil, to: String? = nil) {
        self.kind = kind; self.target = target; self.label = label; self.from = from; self.to = to
    }
}

/// One mention of an entity with the document it is in and its evidence sentence.
public struct EntityMentionView: Codable, Sendable {
    public var id: Int
    @LowercaseUUID public var documentID: UUID
    public var documentTitle: String?
    public var published: String?
    public var start: Int, end: Int
    public var surface: String
    public var kind: String
    public var confidence: Double
    public var sentenceIndex: Int
    public var sentence: String?
    public var language: String?
    enum CodingKeys: String, CodingKey {
        case id, documentID = "document_id", documentTitle = "document_title", published, start, end, surface, kind
        case confidence, sentenceIndex = "sentence_index", sentence, language
    }
}

/// A co-occurring entity with counts and association scores.
public struct CooccurrenceView: Codable, Sendable {
    public var id: String
    public var type: String?
    public var label: String?
    /// Documents or sentences (by `window`) mentioning both.
    public var count: Int
    public var documents: Int
    public var sentences: Int
    /// log2(N·n_ab / (n_a·n_b)) over the window's units; npmi is PMI / -log2(n_ab/N), in [-1, 1].
    public var pmi: Double?
    public var npmi: Double?
    enum CodingKeys: String, CodingKey { case id, type, label, count, documents, sentences, pmi, npmi }
}

/// Events per type per period.
public struct TimelineView: Codable, Sendable {
    public var entityID: String?
    public var bucket: String
    public var buckets: [Bucket]
    public var undated: [String: Int]
    public var statisticsAsOf: String?

    public struct Bucket: Codable, Sendable {
        public var period: String
        public var total: Int
        public var byType: [String: Int]
        enum CodingKeys: String, CodingKey { case period, total, byType = "by_type" }
    }
    enum CodingKeys: String, CodingKey {
        case entityID = "entity_id", bucket, buckets, undated, statisticsAsOf = "statistics_as_of"
    }
}

/// A co-occurrence network around one entity.
public struct GraphView: Codable, Sendable {
    public var nodes: [Node]
    public var edges: [Edge]
    public var statisticsAsOf: String?

    public struct Node: Codable, Sendable {
        public var id: String
        public var label: String
        public var type: String
        public var documents: Int
        public var depth: Int
        public init(id: String, label: String, type: String, documents: Int, depth: Int) {
            self.id = id; self.label = label; self.type = type; self.documents = documents; self.depth = depth
        }
    }
    public struct Edge: Codable, Sendable {
        public var source: String, target: String
        public var weight: Int
        public var sentences: Int
        public init(source: String, target: String, weight: Int, sentences: Int) {
            self.source = source; self.target = target; self.weight = weight; self.sentences = sentences
        }
    }
    enum CodingKeys: String, CodingKey { case nodes, edges, statisticsAsOf = "statistics_as_of" }
    public init(nodes: [Node], edges: [Edge], statisticsAsOf: String?) {
        self.nodes = nodes; self.edges = edges; self.statisticsAsOf = statisticsAsOf
    }
}

/// Store-wide counts.
public struct StatsView: Codable, Sendable {
    public var documentsByStatus: [String: Int]
    public var documentsByLanguage: [String: Int]
    public var entitiesByType: [String: Int]
    public var eventsByType: [String: Int]
    public var extractionRuns: Runs
    public var statisticsAsOf: String?

    public struct Runs: Codable, Sendable {
        public var total: Int
        public var byVersion: [String: Int]
        public var documentsByVersion: [String: Int]
        public var meanDurationMS: Double?
        public var lastFinishedAt: String?
        enum CodingKeys: String, CodingKey {
            case total, byVersion = "by_version", documentsByVersion = "documents_by_version"
            case meanDurationMS = "mean_duration_ms", lastFinishedAt = "last_finished_at"
        }
    }
    enum CodingKeys: String, CodingKey {
        case documentsByStatus = "documents_by_status", documentsByLanguage = "documents_by_language"
        case entitiesByType = "entities_by_type", eventsByType = "events_by_type", extractionRuns = "extraction_runs"
        case statisticsAsOf = "statistics_as_of"
    }
}
