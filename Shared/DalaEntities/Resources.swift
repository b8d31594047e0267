import DalaText
import Foundation

/// Errors of the entity stage. Only resource loading can fail.
public struct EntityStageError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable { case resourceMissing, malformedData }
    public var code: Code
    public var detail: String
    public var description: String { "DalaEntities \(code.rawValue): \(detail)" }
}

/// Reads the module's data files (`Resources/…` copied into `Bundle.module`).
enum ResourceFiles {
    static func directory() throws -> URL {
        // `.copy("Resources")` keeps the folder; Foundation may already report it as the resource URL.
        let bases = [Bundle.module.resourceURL, Bundle.module.bundleURL].compactMap { $0 }
        for base in bases {
            for dir in [base.appendingPathComponent("Resources"), base] {
                if FileManager.default.fileExists(atPath: dir.appendingPathComponent("kb").path) { return dir }
            }
        }
        throw EntityStageError(code: .resourceMissing, detail: "no kb/ folder in \(Bundle.module.bundleURL.path)")
    }

    static func text(_ relativePath: String) throws -> String {
        do { return try DataFile.read(try directory().appendingPathComponent(relativePath), name: relativePath) } catch let e as DataFileError {
            throw EntityStageError(code: .resourceMissing, detail: e.description)
        }
    }

    /// Every `*.kb` file under `kb/`, sorted by name so the registry order is stable.
    static func knowledgeBaseTexts() throws -> [(name: String, text: String)] {
        let dir = try directory().appendingPathComponent("kb")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".kb") }.sorted()
        return try names.map { ($0, try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// Non-empty, non-comment lines.
    static func lines(_ text: String) -> [Substring] {
        text.split(whereSeparator: \.isNewline).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
