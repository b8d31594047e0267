/// One result row, copied out of libpq: column names and text values (`nil` = NULL).
public struct PostgresRow: Sendable {
    /// Column names and their positions, shared by every row of one result.
    final class Columns: Sendable {
        let names: [String]
        let index: [String: Int]

        init(names: [String]) {
            self.names = names
            // With duplicate names (e.g. `SELECT a.id, b.id`) the first one wins, like most drivers.
            var index = [String: Int](minimumCapacity: names.count)
            for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
            self.index = index
        }
    }

    let layout: Columns
    /// Values in column order.
    public let values: [String?]

    init(layout: Columns, values: [String?]) {
        self.layout = layout
        self.values = values
    }

    /// Builds a row by hand, e.g. for tests of code that consumes rows.
    public init(columns: [String], values: [String?]) {
        precondition(columns.count == values.count, "one value per column")
        self.init(layout: Columns(names: columns), values: values)
    }

    /// Column names in result order.
    public var columns: [String] { layout.names }

    /// Raw text value of `column`; `nil` for NULL or for a column that is not in the result.
    public subscript(column: String) -> String? {
        guard let i = layout.index[column] else { return nil }
        return values[i]
    }

    /// Decodes a non-NULL column; throws `.badValue` for a missing column, NULL or unparsable text.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let value = try rawValue(column) else {
            throw PostgresError(code: .badValue, message: "column \"\(column)\" is NULL, expected \(T.self)")
        }
        return try decodeValue(value, column: column)
    }

    /// Decodes a nullable column: NULL → `nil`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T?.Type) throws -> T? {
        guard let value = try rawValue(column) else { return nil }
        return try decodeValue(value, column: column) as T
    }

    private func rawValue(_ column: String) throws -> String? {
        guard let i = layout.index[column] else {
            throw PostgresError(code: .badValue, message: "no column \"\(column)\" in the result")
        }
        return values[i]
    }

    private func decodeValue<T: PostgresDecodable>(_ value: String, column: String) throws -> T {
        do {
            return try T(postgresText: value)
        } catch var error as PostgresError {
            error.message = "column \"\(column)\": \(error.message)"
            throw error
        }
    }
}
