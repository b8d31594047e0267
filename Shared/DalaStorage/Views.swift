import DalaCore
import Foundation

/// A document as the query API shows it.
public struct DocumentView: Codable, Sendable {
    public var id: UUID
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
    public var status: String
    public var extractorVersion: String?
    public var error: String?
    public var analysis: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id, sha256, title, source, language, languages, published, metadata, status, error, analysis
        case detectedLanguage = "detected_language", charLength = "char_length", receivedAt = "received_at"
        case enrichedAt = "enriched_at", extractorVersion = "extractor_version"
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
    public var documentID: UUID?
    enum CodingKeys: String, CodingKey {
        case entityID = "entity_id", entityType = "entity_type", label, start, end, surface
        case sentenceIndex = "sentence_index", sentence, kind, confidence, alternatives, documentID = "document_id"
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
}

/// A sentence that matched a search, with offsets and highlighted snippet.
public struct SearchHit: Codable, Sendable {
    public var documentID: UUID
    public var title: String?
    public var sentenceIndex: Int
    public var start: Int
    public var end: Int
    public var language: String
    public var text: String
    public var rank: Double
    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", title, sentenceIndex = "sentence_index", start, end, language, text, rank
    }
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
        Data(parts.joined(separator: "\u{1F}").utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The parts, or nil when the cursor is malformed or has the wrong number of parts.
    public static func decode(_ cursor: String, parts: Int) -> [String]? {
        guard cursor.count <= 512 else { return nil }
        var b64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard let data = Data(base64Encoded: b64), let s = String(data: data, encoding: .utf8) else { return nil }
        let p = s.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        return p.count == parts ? p : nil
    }
}
