import DalaCore
import DalaKafka
import DalaService
import Foundation
import Hummingbird

/// Hands documents from the upload page to ingest. The services talk only through Kafka: the page's submissions go
/// to `dala.documents.submit`, which ingest consumes exactly like `POST /v1/documents` bodies, so the query service
/// never calls ingest over HTTP and the browser never needs a second origin. Files (PDF, DOCX, HTML) travel inside
/// their message (`FileSubmission`) and ingest extracts them on the one extraction path it uses for HTTP uploads.
public protocol SubmissionPublisher: Sendable {
    /// Publishes each submission (the JSON `POST /v1/documents` takes); throws when any delivery failed.
    func publish(_ submissions: [DocumentSubmission]) async throws
    /// Publishes each file submission; throws when any delivery failed.
    func publish(files: [FileSubmission]) async throws
}

/// The production publisher: the query service's producer, writing to `dala.documents.submit`.
public struct KafkaSubmissionPublisher: SubmissionPublisher {
    let producer: KafkaProducer
    let topic: String
    public init(producer: KafkaProducer, topic: String = Topics.submit) { self.producer = producer; self.topic = topic }

    public func publish(_ submissions: [DocumentSubmission]) async throws {
        try await send(try submissions.map { try DalaJSON.encode($0) })
    }

    public func publish(files: [FileSubmission]) async throws {
        try await send(try files.map { try DalaJSON.encode($0) })
    }

    func send(_ values: [[UInt8]]) async throws {
        let records = values.map { KafkaRecord(topic: topic, key: nil, value: $0) }
        for result in await producer.sendBatch(records) {
            if case .failure(let error) = result { throw error }
        }
    }
}

/// Limits of the upload form, read once at start-up (flags, else environment, else defaults).
public struct UploadSettings: Sendable {
    /// Largest file: `--max-upload-file-bytes` (16 MiB). The file travels base64 inside its submit message, so the
    /// query service's producer raises `message.max.bytes` to `messageMaxBytes`; ingest's own per-format limits
    /// (`--max-pdf-bytes` ...) still apply when it takes the file.
    public var maxFileBytes: Int
    /// Largest form body, every file and field together: `--max-upload-bytes` (64 MiB).
    public var maxBodyBytes: Int

    public init(maxFileBytes: Int = 16 << 20, maxBodyBytes: Int = 64 << 20) {
        self.maxFileBytes = maxFileBytes; self.maxBodyBytes = maxBodyBytes
    }

    public init(reader: ConfigReader) {
        self.init(maxFileBytes: max(1, reader.int("max-upload-file-bytes", default: 16 << 20)),
                  maxBodyBytes: max(1, reader.int("max-upload-bytes", default: 64 << 20)))
    }

    /// The producer's `message.max.bytes` a file of `maxFileBytes` needs (base64 is 4/3, plus the JSON around it).
    public var messageMaxBytes: Int { min(1_000_000_000, max(1_000_000, (maxFileBytes + 2) / 3 * 4 + (1 << 20))) }
}

/// Cross-site request forgery: a page on another site can make a browser post a form to `/upload` (and a local
/// stack takes writes without a token). Browsers name the page a POST comes from in `Origin` (and `Sec-Fetch-Site`);
/// only a post from this service's own origin is taken. A request naming no origin at all (neither `Origin` nor
/// `Referer`) is refused too: every browser that can submit the form sends one of them.
enum SameOrigin {
    /// nil when the request comes from this origin, else why not.
    static func refusal(_ request: Request) -> String? {
        if let site = request.headers.first(where: { $0.name.canonicalName == "sec-fetch-site" })?.value.lowercased(),
           site != "same-origin", site != "none" {
            return "The form was posted from another site (Sec-Fetch-Site: \(ProblemText.short(site, 20)))."
        }
        guard let host = request.head.authority?.lowercased(), !host.isEmpty else {
            return "The request names no host."
        }
        guard let source = request.headers[.origin] ?? request.headers[.referer] else {
            return "The request names no origin (Origin or Referer); post the form from this site's /upload page."
        }
        guard let url = URL(string: source), let sourceHost = url.host?.lowercased() else {
            return "The form was posted from an opaque origin."
        }
        let authority = sourceHost.contains(":") && !sourceHost.hasPrefix("[") ? "[\(sourceHost)]" : sourceHost
        let origin = authority + (url.port.map { ":\($0)" } ?? "")
        return origin == host ? nil : "The form was posted from another origin (\(ProblemText.short(origin, 80)))."
    }
}

/// `multipart/form-data` (RFC 7578) as browsers send it: the parts' names, file names and bytes.
enum MultipartForm {
    struct Part: Equatable {
        var name: String
        var filename: String?
        var body: [UInt8]
        var contentType: String? = nil
    }

    /// The boundary of a `Content-Type: multipart/form-data; boundary=...` header.
    static func boundary(contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for param in contentType.split(separator: ";").dropFirst() {
            let kv = param.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, kv[0].lowercased() == "boundary" {
                let b = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return (1...70).contains(b.utf8.count) ? b : nil
            }
        }
        return nil
    }

    /// The parts, or nil when the body is not well-formed multipart with this boundary.
    static func parse(_ body: [UInt8], boundary: String) -> [Part]? {
        let delimiter = Array(("--" + boundary).utf8)
        var positions: [Int] = []
        var i = 0
        while let at = find(delimiter, in: body, from: i) {
            positions.append(at)
            i = at + delimiter.count
        }
        guard positions.count >= 2 else { return nil }
        var parts: [Part] = []
        for (a, b) in zip(positions, positions.dropFirst()) {
            var start = a + delimiter.count
            // CRLF after the delimiter line; the part ends with CRLF before the next delimiter.
            guard start + 2 <= body.count, body[start] == 13, body[start + 1] == 10 else { return nil }
            start += 2
            let end = b - 2
            guard end >= start, let headerEnd = find([13, 10, 13, 10], in: body, from: start), headerEnd <= end else { return nil }
            guard let headers = String(validating: body[start..<headerEnd], as: UTF8.self) else { return nil }
            var name: String?, filename: String?, type: String?
            for line in headers.components(separatedBy: "\r\n") {
                let lower = line.lowercased()
                if lower.hasPrefix("content-disposition:") {
                    name = parameter("name", in: line)
                    filename = parameter("filename", in: line)
                } else if lower.hasPrefix("content-type:") {
                    type = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
                }
            }
            guard let name else { return nil }
            parts.append(Part(name: name, filename: filename, body: Array(body[(headerEnd + 4)..<end]), contentType: type))
        }
        return parts
    }

    static func parameter(_ key: String, in line: String) -> String? {
        guard let r = line.range(of: "; " + key + "=\"") ?? line.range(of: ";" + key + "=\"") else { return nil }
        guard let close = line[r.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(line[r.upperBound..<close])
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
        var i = from
        let first = needle[0]
        while i <= hay.count - needle.count {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
