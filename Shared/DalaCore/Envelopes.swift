import Foundation

/// Every Kafka message value is a versioned JSON envelope: `{"type": ..., "version": N, "id": ..., "produced_at": ..., "payload": {...}}`.
/// Consumers accept the versions they know and dead-letter the rest with a clear reason. Ids are written lower-case,
/// like every HTTP answer (`JSONEncoder` alone writes `uuidString`, upper-case); either case decodes.
public struct Envelope<Payload: Codable & Sendable>: Codable, Sendable {
    public var type: String
    public var version: Int
    @LowercaseUUID public var id: UUID
    public var producedAt: Date
    public var producer: String
    public var payload: Payload

    public init(type: String, version: Int, producer: String, payload: Payload, id: UUID = UUID(), producedAt: Date = Date()) {
        self.type = type; self.version = version; self.id = id; self.producedAt = producedAt
        self.producer = producer; self.payload = payload
    }

    enum CodingKeys: String, CodingKey {
        case type, version, id, producer, payload
        case producedAt = "produced_at"
    }
}

/// Kafka message keys.
public enum MessageKey {
    /// The key of a message about one document: its id, lower-case (`dala.documents.ingested`, `.enriched`).
    public static func document(_ id: UUID) -> [UInt8] { Array(id.lowercasedString.utf8) }
}

/// `dala.documents.ingested`: a stored document waiting for enrichment. The text stays in PostgreSQL.
public struct DocumentIngested: Codable, Sendable, Equatable {
    public static let type = "document.ingested"
    public static let version = 1
    @LowercaseUUID public var documentID: UUID
    public var sha256: String
    /// Set by reprocessing: the extractor version the document had when it was re-published.
    public var reprocessFrom: String?
    public init(documentID: UUID, sha256: String, reprocessFrom: String? = nil) {
        self.documentID = documentID; self.sha256 = sha256; self.reprocessFrom = reprocessFrom
    }
    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", sha256
        case reprocessFrom = "reprocess_from"
    }
}

/// `dala.documents.enriched`: a document's annotations were written for an extractor version.
public struct DocumentEnriched: Codable, Sendable, Equatable {
    public static let type = "document.enriched"
    public static let version = 1
    @LowercaseUUID public var documentID: UUID
    public var extractorVersion: String
    public var language: String
    public var sentences: Int
    public var entities: Int
    public var mentions: Int
    public var events: Int
    public var durationMS: Double
    public init(documentID: UUID, extractorVersion: String, language: String, sentences: Int, entities: Int,
                mentions: Int, events: Int, durationMS: Double) {
        self.documentID = documentID; self.extractorVersion = extractorVersion; self.language = language
        self.sentences = sentences; self.entities = entities; self.mentions = mentions; self.events = events
        self.durationMS = durationMS
    }
    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", extractorVersion = "extractor_version", language, sentences, entities
        case mentions, events
        case durationMS = "duration_ms"
    }
}

/// `dala.documents.deadletter`: a message that could not be processed, with the reason and where it came from.
public struct DeadLetter: Codable, Sendable, Equatable {
    public static let type = "document.deadletter"
    public static let version = 1
    public var sourceTopic: String
    public var partition: Int32
    public var offset: Int64
    public var key: String?
    public var reason: String
    public var attempts: Int
    public var service: String
    /// The original value: as text when it was valid UTF-8, else base64 in `payloadBase64`.
    public var payload: String?
    public var payloadBase64: String?

    public init(sourceTopic: String, partition: Int32, offset: Int64, key: String?, reason: String, attempts: Int,
                service: String, original: [UInt8]) {
        self.sourceTopic = sourceTopic; self.partition = partition; self.offset = offset; self.key = key
        self.reason = reason; self.attempts = attempts; self.service = service
        // Keep dead letters small enough for the broker: a huge payload is truncated, the reason says so.
        let limit = 256 * 1024
        let kept = original.count > limit ? Array(original.prefix(limit)) : original
        if let text = String(validating: kept, as: UTF8.self) {
            payload = text
        } else {
            payloadBase64 = Data(kept).base64EncodedString()
        }
        if original.count > limit { self.reason += " (payload truncated from \(original.count) bytes)" }
    }
    enum CodingKeys: String, CodingKey {
        case sourceTopic = "source_topic", partition, offset, key, reason, attempts, service, payload
        case payloadBase64 = "payload_base64"
    }
}

/// JSON coding shared by every service: snake_case keys are spelled out in CodingKeys, dates are ISO 8601.
public enum DalaJSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(formatTimestamp(date))
        }
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let s = try c.decode(String.self)
            guard let date = parseTimestamp(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an ISO 8601 timestamp: \(s.prefix(40))")
            }
            return date
        }
        return d
    }

    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] { Array(try encoder().encode(value)) }

    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try decoder().decode(type, from: Data(bytes))
    }

    public static func formatTimestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    public static func parseTimestamp(_ s: String) -> Date? {
        if let d = try? Date(s, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)) { return d }
        if let d = try? Date(s, strategy: .iso8601) { return d }
        return nil
    }
}
