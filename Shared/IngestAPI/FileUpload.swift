import DalaCore
import DalaExtract
import DalaService
import DalaStorage
import Foundation
import Hummingbird
import NIOCore

/// Limits for uploaded files, per format, read once at start-up (flags, else environment, else defaults).
public struct FileSettings: Sendable {
    /// Largest upload per format in bytes: `--max-pdf-bytes` (50 MiB), `--max-docx-bytes` (20 MiB), `--max-html-bytes` (10 MiB).
    public var maxBytes: [DocumentFormat: Int]
    /// `--max-pdf-pages` (2000), `--extract-timeout-seconds` (60).
    public var limits: ExtractionLimits
    /// Extraction in a child process (`dala extract-file` beside this executable, or `--extractor PATH`), capped at
    /// `--extract-max-memory-mb` (2048); nil (`--extract-in-process true`, or no `dala` found) extracts in-process.
    public var isolated: IsolatedExtractor?
    /// Largest `multipart/form-data` body of `POST /v1/documents/batch` (all its files): `--max-file-batch-bytes` (200 MiB).
    public var maxBatchBytes: Int

    public init(reader: ConfigReader = ConfigReader()) {
        maxBytes = [.pdf: reader.int("max-pdf-bytes", default: 50 << 20), .docx: reader.int("max-docx-bytes", default: 20 << 20),
                    .html: reader.int("max-html-bytes", default: 10 << 20)]
        maxBatchBytes = reader.int("max-file-batch-bytes", default: 200 << 20)
        limits = ExtractionLimits()
        limits.maxPages = reader.int("max-pdf-pages", default: limits.maxPages)
        limits.maxSeconds = Double(reader.int("extract-timeout-seconds", default: Int(limits.maxSeconds)))
        if !reader.bool("extract-in-process", default: false) {
            isolated = reader.optionalString("extractor").map { IsolatedExtractor(executable: $0) } ?? .besideThisExecutable()
            isolated?.maxMemoryBytes = reader.int("extract-max-memory-mb", default: 2048) << 20
        }
    }

    public static let current = FileSettings()
    var largest: Int { maxBytes.values.max() ?? 0 }
}

/// `POST /v1/documents` with a file: PDF, DOCX or HTML as the body (metadata in the query string), or
/// `multipart/form-data` with a `file` part and `title`, `source`, `language`, `published`, `metadata` fields.
/// The text layer is extracted here; pages without one are left for the worker's OCR stage.
enum FileUpload {
    /// One extraction at a time per ingest process: bounded memory, and the HTTP threads stay free.
    static let extractor = BlockingWorker(label: "dala.ingest.extract")

    /// A response when the request carries a file; nil for the text and JSON bodies the controller handles.
    static func handle(_ request: Request, intake: DocumentIntake, validator: SubmissionValidator,
                       settings: FileSettings = .current) async throws -> Response? {
        let type = request.headers[.contentType] ?? ""
        let format = DocumentFormat(mediaType: type)
        let multipart = type.lowercased().hasPrefix("multipart/form-data")
        guard format != nil || multipart else { return nil }

        let limit = format.flatMap { settings.maxBytes[$0] } ?? (settings.largest + 64 * 1024)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge(length, limit) }
        let body: [UInt8]
        do {
            body = Array(buffer: try await request.body.collect(upTo: limit))
        } catch is NIOTooManyBytesError {
            throw tooLarge(nil, limit)
        }
        let q = request.uri.queryParameters
        var fields = ["title": q["title"], "source": q["source"], "language": q["language"], "published": q["published"],
                      "filename": q["filename"]].compactMapValues { $0.map(String.init) }
        var file = body
        var fileFormat = format
        if multipart {
            let form: MultipartForm
            do { form = try MultipartForm(body: body, contentType: type) } catch {
                throw Problem(.badRequest, "Malformed multipart body", detail: error.detail)
            }
            for (k, v) in form.fields where ["title", "source", "language", "published", "metadata"].contains(k) { fields[k] = v }
            guard let part = form.file else {
                throw Problem(.unprocessableContent, "Missing file", detail: "Send the document as a form part named \"file\".")
            }
            file = part.bytes
            fields["filename"] = part.filename
            fileFormat = part.contentType.flatMap(DocumentFormat.init(mediaType:)) ?? part.filename.flatMap(Self.format(forFilename:))
            if fileFormat == nil, part.contentType?.lowercased().hasPrefix("text/plain") ?? part.filename?.lowercased().hasSuffix(".txt") ?? false {
                return try await plainText(file, fields: fields, intake: intake, validator: validator)
            }
            guard let f = fileFormat else {
                throw Problem(.unsupportedMediaType, "Unsupported media type",
                              detail: "The file part must be PDF, DOCX, HTML or plain text (by its Content-Type or file name).")
            }
            if let max = settings.maxBytes[f], file.count > max { throw tooLarge(file.count, max) }
        }
        guard let format = fileFormat else { return nil }
        return try await store(file, format: format, fields: fields, intake: intake, validator: validator, settings: settings)
    }

    static func store(_ file: [UInt8], format: DocumentFormat, fields: [String: String], intake: DocumentIntake,
                      validator: SubmissionValidator, settings: FileSettings) async throws -> Response {
        let (result, pages) = try await storeResult(file, format: format, fields: fields, intake: intake, validator: validator,
                                                    settings: settings)
        return try respond(result, pages: pages)
    }

    /// Extracts and stores one file; throws a `Problem` with the reason for a bad file.
    static func storeResult(_ file: [UInt8], format: DocumentFormat, fields: [String: String], intake: DocumentIntake,
                            validator: SubmissionValidator, settings: FileSettings) async throws -> (IntakeResult, (total: Int, ocr: Int)?) {
        let files = FileStore(client: intake.documents.client)
        let fileSHA = SHA256.hex(bytes: file)
        if let existing = try await files.existing(fileSHA256: fileSHA) {
            return (IntakeResult(id: existing.id, created: false, status: existing.status), nil)
        }
        let limits = settings.limits, isolated = settings.isolated
        let extraction: Extraction
        do {
            extraction = try await extractor.run { () throws -> Extraction in
                if let isolated { return try isolated.extract(file, format: format, limits: limits) }
                return try Extractor.extract(file, format: format, limits: limits)
            }
        } catch let error as ExtractionError {
            throw problem(error)
        }
        let (text, spans) = extraction.assembled()
        let textFinal = extraction.pendingOCR.isEmpty
        let meta = extraction.metadata
        var metadata: JSONValue? = nil
        if let m = fields["metadata"] {
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(m.utf8)) else {
                throw Problem(.badRequest, "Malformed JSON", detail: "The \"metadata\" field is not valid JSON.")
            }
            metadata = value
        }
        if !meta.authors.isEmpty, case .object(var object) = metadata ?? .object([:]), object["authors"] == nil {
            object["authors"] = .array(meta.authors.map(JSONValue.string))
            metadata = .object(object)
        }
        // The user's fields win over what the file says.
        let submission = DocumentSubmission(
            text: textFinal ? text : "pending OCR", title: fields["title"] ?? meta.title, source: fields["source"] ?? fields["filename"],
            language: fields["language"] ?? meta.language, published: fields["published"] ?? meta.year.map(String.init),
            metadata: metadata)
        var doc: ValidatedDocument
        do { doc = try validator.validate(submission) } catch {
            throw Problem(.init(code: error.status), error.title, detail: error.detail)
        }
        if !textFinal {
            // Not the final text yet: the file's hash keys the document until OCR has filled the pages in.
            doc.text = text
            doc.sha256 = fileSHA
        }
        let pages = spans.map { StoredPage(page: $0.page, start: $0.start, end: $0.end, source: $0.source.rawValue) }
        let metadataJSON = String(decoding: (try? JSONEncoder().encode(meta)) ?? Data("{}".utf8), as: UTF8.self)
        let ref = try await files.insert(doc, file: FileToStore(sha256: fileSHA, mediaType: format.mediaType,
                                                                filename: fields["filename"], bytes: file, pages: pages,
                                                                metadataJSON: metadataJSON))
        var status = ref.status
        if ref.status == "received" {
            do {
                try await intake.publish(id: ref.id, sha256: doc.sha256)
                try await intake.documents.markQueued([ref.id])
                status = "queued"
            } catch {
                // Left `received`: the outbox relay publishes it later.
            }
        }
        // Scanned pages wait for the worker's OCR stage: say so (`extracting`), as the query API does.
        status = DocumentStatus.shown(stored: status, ocrPending: !textFinal && ref.created)
        return (IntakeResult(id: ref.id, created: ref.created, status: status), (pages.count, extraction.pendingOCR.count))
    }

    static func plainText(_ bytes: [UInt8], fields: [String: String], intake: DocumentIntake,
                          validator: SubmissionValidator) async throws -> Response {
        try respond(try await plainTextResult(bytes, fields: fields, intake: intake, validator: validator), pages: nil)
    }

    static func plainTextResult(_ bytes: [UInt8], fields: [String: String], intake: DocumentIntake,
                                validator: SubmissionValidator) async throws -> IntakeResult {
        let doc: ValidatedDocument
        do {
            doc = try validator.validatePlainText(bytes, title: fields["title"], source: fields["source"] ?? fields["filename"],
                                                  language: fields["language"], published: fields["published"])
        } catch {
            throw Problem(.init(code: error.status), error.title, detail: error.detail)
        }
        return try await intake.take(doc)
    }

    struct Answer: Encodable {
        @LowercaseUUID var id: UUID
        var created: Bool
        var status: String
        var pages: Int?
        var ocr_pages: Int?
    }

    static func respond(_ r: IntakeResult, pages: (total: Int, ocr: Int)?) throws -> Response {
        var response = try Response.json(Answer(id: r.id, created: r.created, status: r.status, pages: pages?.total, ocr_pages: pages?.ocr),
                                         status: r.created ? .accepted : .ok)
        response.headers[.location] = "/v1/documents/\(r.id.lowercasedString)"
        return response
    }

    static func format(forFilename name: String) -> DocumentFormat? {
        switch (name as NSString).pathExtension.lowercased() {
        case "pdf": .pdf
        case "docx": .docx
        case "html", "htm", "xhtml": .html
        default: nil
        }
    }

    static func tooLarge(_ length: Int?, _ limit: Int) -> Problem {
        Problem(.contentTooLarge, "Document too large",
                detail: (length.map { "The file is \($0) bytes" } ?? "The file is") + " over the limit of \(limit) bytes for its type.")
    }

    /// Bad files answer 4xx with the reason: 413 for too much, 415 for what cannot be read at all, else 422.
    static func problem(_ e: ExtractionError) -> Problem {
        switch e.code {
        case .tooManyPages: Problem(.contentTooLarge, "Too many pages", detail: e.detail)
        case .tooLarge: Problem(.contentTooLarge, "Too much text", detail: e.detail)
        case .bomb: Problem(.contentTooLarge, "Archive expands too far", detail: e.detail)
        case .unsupported: Problem(.unsupportedMediaType, "Unsupported file", detail: e.detail)
        case .encrypted: Problem(.unprocessableContent, "Encrypted file", detail: e.detail)
        case .corrupt: Problem(.unprocessableContent, "Unreadable file", detail: e.detail)
        case .empty: Problem(.unprocessableContent, "No text in the file", detail: e.detail)
        case .timeout: Problem(.unprocessableContent, "Extraction timed out", detail: e.detail)
        case .ocr: Problem(.unprocessableContent, "OCR failed", detail: e.detail)
        }
    }
}

/// A parsed `multipart/form-data` body: text fields and the first part with a file name (or named "file").
struct MultipartForm {
    struct Part { var filename: String?; var contentType: String?; var bytes: [UInt8] }
    struct Malformed: Error { var detail: String }

    var fields: [String: String] = [:]
    /// Every file part, in order; `file` is the first.
    var files: [Part] = []
    var file: Part? { files.first }

    init(body: [UInt8], contentType: String) throws(Malformed) {
        guard let b = contentType.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst(9) else {
            throw Malformed(detail: "The Content-Type has no boundary.")
        }
        let boundary = Array(("--" + b.trimmingCharacters(in: CharacterSet(charactersIn: "\""))).utf8)
        var starts: [Int] = []
        var i = 0
        while let at = Self.find(boundary, in: body, from: i) { starts.append(at); i = at + boundary.count }
        guard starts.count >= 2 else { throw Malformed(detail: "No parts between boundaries.") }
        for k in 0..<(starts.count - 1) {
            var s = starts[k] + boundary.count
            if s + 1 < body.count, body[s] == 0x0D, body[s + 1] == 0x0A { s += 2 }
            var e = starts[k + 1]
            if e >= 2, body[e - 2] == 0x0D, body[e - 1] == 0x0A { e -= 2 }
            guard s <= e, let headerEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: s, to: e) else { continue }
            let headers = String(decoding: body[s..<headerEnd], as: UTF8.self)
            let content = Array(body[(headerEnd + 4)..<e])
            var name: String?, filename: String?, type: String?
            for line in headers.split(separator: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = Self.parameter("name", in: String(line)); filename = Self.parameter("filename", in: String(line))
                } else if lower.hasPrefix("content-type:") {
                    type = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            if filename != nil || name == "file" {
                files.append(Part(filename: filename, contentType: type, bytes: content))
            } else if let name {
                guard let value = String(validating: content, as: UTF8.self) else { throw Malformed(detail: "Field \"\(name)\" is not UTF-8.") }
                fields[name] = value
            }
        }
    }

    static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";") {
            let t = piece.trimmingCharacters(in: .whitespaces)
            if t.lowercased().hasPrefix(key + "=") {
                return String(t.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int, to end: Int? = nil) -> Int? {
        let end = min(end ?? hay.count, hay.count)
        guard let first = needle.first else { return nil }
        var i = max(from, 0)
        while i + needle.count <= end {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
