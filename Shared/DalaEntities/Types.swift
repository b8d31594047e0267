import DalaText

/// Kind of a canonical entity.
public enum EntityType: String, Codable, Sendable, CaseIterable {
    case country, organization, person, place, people, agreement, programme, other
}

/// How a mention refers to its entity.
public enum MentionKind: String, Codable, Sendable {
    case name        // Қазақстанның, Kazakhstan
    case acronym     // ШЫҰ, SCO, ОА-ның
    case adjective   // қазақстандық, казахстанский: a reference, not a country mention
    case metonymy    // Астана for Kazakhstan's government: the entity is the city, flagged
}

/// A canonical entity: from the knowledge base (id = Wikidata QID or a curated "dala:" id) or document-local
/// (id = "local:<normalised name>", merged across documents when normalised names agree).
public struct EntityRecord: Codable, Sendable, Hashable {
    public var id: String
    public var type: EntityType
    public var labels: [String: String]     // "en", "ru", "kk" → preferred label
    public var aliases: [String]
    public var fromKnowledgeBase: Bool
    public init(id: String, type: EntityType, labels: [String: String], aliases: [String], fromKnowledgeBase: Bool) {
        self.id = id; self.type = type; self.labels = labels; self.aliases = aliases
        self.fromKnowledgeBase = fromKnowledgeBase
    }
}

/// One occurrence of an entity in the original text.
public struct Mention: Codable, Sendable, Hashable {
    public var entityID: String
    public var span: Span                   // Unicode scalar offsets in the ORIGINAL text
    public var surface: String              // the text as written (from the original)
    public var sentenceIndex: Int
    public var confidence: Double
    public var kind: MentionKind
    /// Other candidate entity ids when linking stayed ambiguous (empty when resolved).
    public var alternatives: [String]
    /// One score per alternative, in the same order: the alternative's share (0…1) of the evidence for all the
    /// name's candidates (years, related entities, cue words, document evidence), so `entityID` holds at least
    /// the largest share. Empty when `alternatives` is.
    public var alternativeScores: [Double]
    public init(entityID: String, span: Span, surface: String, sentenceIndex: Int, confidence: Double,
                kind: MentionKind, alternatives: [String] = [], alternativeScores: [Double] = []) {
        self.entityID = entityID; self.span = span; self.surface = surface; self.sentenceIndex = sentenceIndex
        self.confidence = confidence; self.kind = kind; self.alternatives = alternatives
        self.alternativeScores = alternativeScores.count == alternatives.count ? alternativeScores : []
    }
    private enum CodingKeys: String, CodingKey {
        case entityID, span, surface, sentenceIndex, confidence, kind, alternatives, alternativeScores
    }
    /// Reads mentions written before `alternativeScores` existed too.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        entityID = try c.decode(String.self, forKey: .entityID); span = try c.decode(Span.self, forKey: .span)
        surface = try c.decode(String.self, forKey: .surface); sentenceIndex = try c.decode(Int.self, forKey: .sentenceIndex)
        confidence = try c.decode(Double.self, forKey: .confidence); kind = try c.decode(MentionKind.self, forKey: .kind)
        alternatives = try c.decodeIfPresent([String].self, forKey: .alternatives) ?? []
        alternativeScores = try c.decodeIfPresent([Double].self, forKey: .alternativeScores) ?? []
    }
}

/// Result of entity recognition over one text.
public struct EntityAnalysis: Codable, Sendable {
    public var entities: [EntityRecord]     // every entity mentioned at least once
    public var mentions: [Mention]          // sorted by span.start
    public init(entities: [EntityRecord], mentions: [Mention]) { self.entities = entities; self.mentions = mentions }
}
