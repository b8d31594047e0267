/// Errors of the storage layer. Descriptions never contain SQL parameters or credentials.
public struct StorageError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public static let migration = Code(rawValue: "migration")
        public static let notFound = Code(rawValue: "not_found")
        public static let corrupt = Code(rawValue: "corrupt")
        public var description: String { rawValue }
    }
    public var code: Code
    public var message: String
    public init(_ code: Code, _ message: String) { self.code = code; self.message = message }
    public var description: String { "storage error (\(code)): \(message)" }
}
