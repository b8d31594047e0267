import Foundation

extension UUID {
    /// The canonical text form (RFC 9562: lower-case hex), which every id the API emits uses.
    /// Foundation's `uuidString` is upper-case; parsing with `UUID(uuidString:)` accepts either case.
    public var lowercasedString: String { uuidString.lowercased() }
}

/// A UUID field that encodes as lower-case canonical text; the synthesized `Codable` of the views uses it,
/// since `JSONEncoder` writes `uuidString` (upper-case) for plain `UUID` properties.
@propertyWrapper
public struct LowercaseUUID: Codable, Sendable, Hashable {
    public var wrappedValue: UUID
    public init(wrappedValue: UUID) { self.wrappedValue = wrappedValue }
    public init(from decoder: any Decoder) throws { wrappedValue = try decoder.singleValueContainer().decode(UUID.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(wrappedValue.lowercasedString)
    }
}

/// `LowercaseUUID` for an optional field; a nil value is left out of the JSON object, as for a plain `UUID?`.
@propertyWrapper
public struct LowercaseOptionalUUID: Codable, Sendable, Hashable {
    public var wrappedValue: UUID?
    public init(wrappedValue: UUID?) { self.wrappedValue = wrappedValue }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        wrappedValue = c.decodeNil() ? nil : try c.decode(UUID.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        if let wrappedValue { try c.encode(wrappedValue.lowercasedString) } else { try c.encodeNil() }
    }
}

extension KeyedEncodingContainer {
    /// Chosen by the synthesized `encode(to:)` over the generic overload: omits the key when the id is nil.
    public mutating func encode(_ value: LowercaseOptionalUUID, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue?.lowercasedString, forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Chosen by the synthesized `init(from:)`: a missing key is nil, as for a plain `UUID?`.
    public func decode(_ type: LowercaseOptionalUUID.Type, forKey key: Key) throws -> LowercaseOptionalUUID {
        LowercaseOptionalUUID(wrappedValue: try decodeIfPresent(UUID.self, forKey: key))
    }
}
