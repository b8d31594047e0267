import DalaLanguages
import Foundation

/// A document as a client submits it (`POST /v1/documents`, NDJSON batch lines, `dala.documents.submit`).
public struct DocumentSubmission: Codable, Sendable {
    public var text: String
    public var title: String?
    public var source: String?
    public var language: String?
    public var published: String?
    public var metadata: JSONValue?
    public init(text: String, title: String? = nil, source: String? = nil, language: String? = nil,
                published: String? = nil, metadata: JSONValue? = nil) {
        self.text = text; self.title = title; self.source = source; self.language = language
        self.published = published; self.metadata = metadata
    }
}

/// A submission that passed validation, with its content hash.
public struct ValidatedDocument: Sendable, Equatable {
    public var text: String
    public var title: String?
    public var source: String?
    public var language: String?
    /// ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD).
    public var published: String?
    /// JSON object text ("{}" when absent).
    public var metadataJSON: String
    /// Lowercase hex SHA-256 of the UTF-8 text.
    public var sha256: String
}

/// Why a submission was refused; `status` is the HTTP status the ingest API answers with.
public struct SubmissionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var title: String
    public var detail: String
    public init(status: Int, title: String, detail: String) { self.status = status; self.title = title; self.detail = detail }
    public var description: String { "\(status) \(title): \(detail)" }

    static func invalid(_ detail: String) -> Self { .init(status: 422, title: "Invalid document", detail: detail) }
}

/// Validation shared by every way a document comes in, so HTTP and Kafka refuse the same things for the same reasons.
public struct SubmissionValidator: Sendable {
    /// Largest accepted text in bytes (UTF-8).
    public var maxBytes: Int
    /// The language codes a submission may declare: the registry's analysis languages, the languages identification
    /// tells apart (`identification.tsv`: also uz, tt), and `other`. A new language is a registry row, not a code change.
    public static let knownLanguages: Set<String> = {
        guard let registry = try? LanguageRegistry.shared.get() else { return ["kk", "ru", "en", "other"] }
        return Set(registry.codes + registry.identification.map(\.code) + ["other"])
    }()

    public init(maxBytes: Int = 10 * 1024 * 1024) { self.maxBytes = maxBytes }

    /// Validates a JSON body (`{text, title?, source?, language?, published?, metadata?}`).
    public func validateJSON(_ bytes: [UInt8]) throws(SubmissionError) -> ValidatedDocument {
        try checkSize(bytes.count, slack: 64 * 1024)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw SubmissionError(status: 400, title: "Invalid UTF-8", detail: "The request body is not valid UTF-8.")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw SubmissionError(status: 400, title: "Malformed JSON", detail: "The request body is not valid JSON.")
        }
        guard object is [String: Any] else {
            throw SubmissionError.invalid("The body must be a JSON object with a \"text\" field.")
        }
        let submission: DocumentSubmission
        do {
            submission = try JSONDecoder().decode(DocumentSubmission.self, from: Data(bytes))
        } catch let DecodingError.keyNotFound(key, _) {
            throw SubmissionError.invalid("Missing required field \"\(key.stringValue)\".")
        } catch let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw SubmissionError.invalid("Field \"\(field)\" has the wrong type.")
        } catch let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw SubmissionError.invalid("Field \"\(field)\" must not be null.")
        } catch {
            throw SubmissionError.invalid("The JSON object does not have the document shape.")
        }
        return try validate(submission)
    }

    /// Validates a `text/plain` body; title, source, language and published may come from query parameters.
    public func validatePlainText(_ bytes: [UInt8], title: String? = nil, source: String? = nil,
                                  language: String? = nil, published: String? = nil) throws(SubmissionError) -> ValidatedDocument {
        try checkSize(bytes.count)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SubmissionError(status: 400, title: "Invalid UTF-8", detail: "The request body is not valid UTF-8 text.")
        }
        return try validate(DocumentSubmission(text: text, title: title, source: source, language: language, published: published))
    }

    /// Validates a decoded submission.
    public func validate(_ s: DocumentSubmission) throws(SubmissionError) -> ValidatedDocument {
        let utf8Count = s.text.utf8.count
        try checkSize(utf8Count)
        if s.text.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            throw SubmissionError.invalid("The text is empty.")
        }
        var controls = 0
        var nul = false
        for scalar in s.text.unicodeScalars where scalar.value < 0x20 && scalar != "\n" && scalar != "\r" && scalar != "\t" && scalar != "\u{0C}" {
            controls += 1
            if scalar.value == 0 { nul = true }
        }
        if nul || controls * 20 > max(utf8Count, 1) {
            throw SubmissionError(status: 422, title: "Binary content", detail: "The text contains NUL or too many control characters; send text, not binary data.")
        }
        if let t = s.title, t.count > 2000 { throw SubmissionError.invalid("The title is longer than 2000 characters.") }
        if let src = s.source, src.count > 2000 { throw SubmissionError.invalid("The source is longer than 2000 characters.") }
        // PostgreSQL text and jsonb cannot hold NUL: refuse it here, not as a storage failure.
        if s.title?.unicodeScalars.contains("\u{0}") == true || s.source?.unicodeScalars.contains("\u{0}") == true {
            throw SubmissionError.invalid("The title or source contains a NUL character.")
        }
        var language = s.language?.lowercased().trimmingCharacters(in: .whitespaces)
        if language == "" { language = nil }
        if let l = language, !Self.knownLanguages.contains(l) {
            throw SubmissionError.invalid("Unknown language \"\(l.prefix(20))\"; use one of \(Self.knownLanguages.sorted().joined(separator: ", ")).")
        }
        var published: String? = nil
        if let p = s.published?.trimmingCharacters(in: .whitespaces), !p.isEmpty {
            guard let normalised = Self.normaliseDate(p) else {
                throw SubmissionError.invalid("\"published\" must be a date like 2024, 2024-05 or 2024-05-17.")
            }
            published = normalised
        }
        var metadataJSON = "{}"
        if let m = s.metadata {
            guard case .object = m else { throw SubmissionError.invalid("\"metadata\" must be a JSON object.") }
            metadataJSON = String(decoding: (try? JSONEncoder().encode(m)) ?? Data("{}".utf8), as: UTF8.self)
            if metadataJSON.contains("\\u0000") { throw SubmissionError.invalid("\"metadata\" contains a NUL character.") }
        }
        return ValidatedDocument(text: s.text, title: s.title.map(Self.oneLine), source: s.source, language: language,
                                 published: published, metadataJSON: metadataJSON, sha256: SHA256.hex(s.text))
    }

    private func checkSize(_ bytes: Int, slack: Int = 0) throws(SubmissionError) {
        if bytes > maxBytes + slack {
            throw SubmissionError(status: 413, title: "Document too large",
                                  detail: "The document is \(bytes) bytes; the limit is \(maxBytes) bytes.")
        }
    }

    private static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    /// "2024", "2024-05", "2024-05-17" or a full ISO timestamp → the date part; nil when it is not a real date.
    public static func normaliseDate(_ s: String) -> String? {
        let datePart = s.count > 10 ? String(s.prefix(10)) : s
        let parts = datePart.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts[0].count == 4, let year = Int(parts[0]), (1000...2999).contains(year) else { return nil }
        if parts.count >= 2 { guard parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil } }
        if parts.count == 3 {
            guard parts[2].count == 2, let d = Int(parts[2]), let m = Int(parts[1]) else { return nil }
            let days = [31, (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard (1...days[m - 1]).contains(d) else { return nil }
        }
        if s.count > 10 && DalaJSON.parseTimestamp(s) == nil { return nil }
        return datePart
    }
}
