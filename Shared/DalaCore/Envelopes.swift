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
    /// What the story linker needs of the events this write stored, so that it does not read them back (absent from
    /// older producers and from writes that do not know them: the linker then reads them from the store).
    public var stories: DocumentStories?
    public init(documentID: UUID, extractorVersion: String, language: String, sentences: Int, entities: Int,
                mentions: Int, events: Int, durationMS: Double, stories: DocumentStories? = nil) {
        self.documentID = documentID; self.extractorVersion = extractorVersion; self.language = language
        self.sentences = sentences; self.entities = entities; self.mentions = mentions; self.events = events
        self.durationMS = durationMS; self.stories = stories
    }
    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", extractorVersion = "extractor_version", language, sentences, entities
        case mentions, events, stories
        case durationMS = "duration_ms"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        _documentID = try c.decode(LowercaseUUID.self, forKey: .documentID)
        extractorVersion = try c.decode(String.self, forKey: .extractorVersion)
        language = try c.decode(String.self, forKey: .language)
        sentences = try c.decode(Int.self, forKey: .sentences)
        entities = try c.decode(Int.self, forKey: .entities)
        mentions = try c.decode(Int.self, forKey: .mentions)
        events = try c.decode(Int.self, forKey: .events)
        durationMS = try c.decode(Double.self, forKey: .durationMS)
        // Story fields that do not read are as good as absent: the linker reads the events back.
        stories = try? c.decodeIfPresent(DocumentStories.self, forKey: .stories)
    }
}

/// The story fields of one write's events (`DocumentEnriched.stories`): exactly what the story linker reads back from
/// `events` and `event_participants` otherwise. The linker uses them only while these events are still the document's.
///
/// In a message they are one JSON string, a line per event and a tab between fields (see `encoded`): decoding them as
/// nested JSON objects with `JSONDecoder`, and encoding them with `JSONEncoder`, cost the worker about as much CPU as
/// reading them back cost PostgreSQL.
public struct DocumentStories: Codable, Sendable, Equatable {
    /// The document's publication day (`YYYY-MM-DD`) when it is known to the day.
    public var published: String?
    /// The organisations and formats among the document's entities (they meet as one).
    public var bodies: [String]
    public var events: [Event]

    /// Nil when a value holds a tab or a line break (the separators of `encoded`); the linker then reads them back.
    public init?(published: String?, bodies: [String], events: [Event]) {
        self.published = published; self.bodies = bodies; self.events = events
        let values = [published ?? ""] + bodies + events.flatMap { e in
            [e.key, e.type, e.speaker ?? "", e.dateStart ?? "", e.dateEnd ?? "", e.precision ?? ""] + e.participants.flatMap { [$0.role, $0.entityID] }
        }
        guard !values.contains(where: { $0.utf8.contains(where: { $0 == Self.tab || $0 == Self.newline }) }) else { return nil }
    }

    public struct Event: Sendable, Equatable {
        public var id: UUID
        public var key: String
        public var type: String
        public var speaker: String?
        public var dateStart: String?
        public var dateEnd: String?
        public var precision: String?
        /// The participants with an entity.
        public var participants: [(role: String, entityID: String)]

        public init(id: UUID, key: String, type: String, speaker: String?, dateStart: String?, dateEnd: String?,
                    precision: String?, participants: [(role: String, entityID: String)]) {
            self.id = id; self.key = key; self.type = type; self.speaker = speaker; self.dateStart = dateStart
            self.dateEnd = dateEnd; self.precision = precision; self.participants = participants
        }

        public static func == (a: Event, b: Event) -> Bool {
            a.id == b.id && a.key == b.key && a.type == b.type && a.speaker == b.speaker && a.dateStart == b.dateStart
                && a.dateEnd == b.dateEnd && a.precision == b.precision
                && a.participants.map(\.role) == b.participants.map(\.role) && a.participants.map(\.entityID) == b.participants.map(\.entityID)
        }
    }

    static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")

    /// `published TAB bodies…`, then per event a line `id TAB key TAB type TAB speaker TAB date_start TAB date_end TAB
    /// date_precision` followed by `TAB role TAB entity` per participant; an absent value is empty.
    public var encoded: String {
        var out = (published ?? "")
        for b in bodies { out += "\t" + b }
        for e in events {
            out += "\n" + e.id.lowercasedString + "\t" + e.key + "\t" + e.type + "\t" + (e.speaker ?? "") + "\t" + (e.dateStart ?? "")
                + "\t" + (e.dateEnd ?? "") + "\t" + (e.precision ?? "")
            for p in e.participants { out += "\t" + p.role + "\t" + p.entityID }
        }
        return out
    }

    public init?(encoded: String) {
        // On the UTF-8 bytes: `String.split` on characters (grapheme breaking) cost more than JSON decoding the fields.
        var text = encoded
        guard let parsed = text.withUTF8({ Self.parse($0) }) else { return nil }
        self = parsed
    }

    private init(published: String?, bodies: [String], parsed events: [Event]) {
        self.published = published; self.bodies = bodies; self.events = events
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> DocumentStories? {
        var published: String?, bodies: [String] = [], events: [Event] = []
        var fields: [String] = []
        func finishLine(first: Bool) -> Bool {
            defer { fields.removeAll(keepingCapacity: true) }
            if first {
                published = fields[0].isEmpty ? nil : fields[0]
                bodies = Array(fields.dropFirst())
                return true
            }
            guard fields.count >= 7, fields.count % 2 == 1, let id = UUID(uuidString: fields[0]) else { return false }
            func value(_ i: Int) -> String? { fields[i].isEmpty ? nil : fields[i] }
            events.append(Event(id: id, key: fields[1], type: fields[2], speaker: value(3), dateStart: value(4), dateEnd: value(5),
                                precision: value(6),
                                participants: stride(from: 7, to: fields.count, by: 2).map { (fields[$0], fields[$0 + 1]) }))
            return true
        }
        var start = 0, first = true
        for i in 0...bytes.count {
            let b = i < bytes.count ? bytes[i] : newline
            guard b == tab || b == newline else { continue }
            fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
            start = i + 1
            if b == newline {
                guard finishLine(first: first) else { return nil }
                first = false
            }
        }
        return DocumentStories(published: published, bodies: bodies, parsed: events)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Self(encoded: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "malformed story fields"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(encoded)
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
