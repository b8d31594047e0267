import Foundation

/// A data file that could not be read or parsed; says which file and line.
public struct DataFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var reason: String
    public init(file: String, line: Int? = nil, reason: String) { self.file = file; self.line = line; self.reason = reason }
    public var description: String { line.map { "\(file):\($0): \(reason)" } ?? "\(file): \(reason)" }
}

/// One data row: its tab-separated fields (trimmed) and where it came from, for error messages.
public struct DataRow: Sendable, Equatable {
    public var fields: [String]
    public var file: String
    public var line: Int
    public init(fields: [String], file: String, line: Int) { self.fields = fields; self.file = file; self.line = line }
    public subscript(_ i: Int) -> String { fields[i] }
    public var count: Int { fields.count }
    /// An error at this row.
    public func error(_ reason: String) -> DataFileError { DataFileError(file: file, line: line, reason: reason) }
}

/// The one reader of the analysers' tab-separated data files: `#` starts a comment line, blank lines are skipped,
/// fields are separated by tabs and trimmed.
public enum DataFile {
    /// Rows of `text` (named `file` in errors), each with at least `columns` fields.
    public static func rows(_ text: String, file: String, columns: Int) throws -> [DataRow] {
        var out: [DataRow] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cols.count >= columns else {
                throw DataFileError(file: file, line: n + 1, reason: "expected \(columns) columns, found \(cols.count)")
            }
            out.append(DataRow(fields: cols, file: file, line: n + 1))
        }
        return out
    }

    /// The text of a file, or an error naming it.
    public static func read(_ url: URL, name: String) throws(DataFileError) -> String {
        guard FileManager.default.fileExists(atPath: url.path) else { throw DataFileError(file: name, reason: "missing") }
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
            throw DataFileError(file: name, reason: "unreadable (\(error))")
        }
    }
}
