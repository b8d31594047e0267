import DalaCore
import DalaKafka
import Foundation

/// Hands documents from the upload page to ingest. The services talk only through Kafka: the page's submissions go
/// to `dala.documents.submit`, which ingest consumes exactly like `POST /v1/documents` bodies, so the query service
/// never calls ingest over HTTP and the browser never needs a second origin.
public protocol SubmissionPublisher: Sendable {
    /// Publishes each submission (the JSON `POST /v1/documents` takes); throws when any delivery failed.
    func publish(_ submissions: [DocumentSubmission]) async throws
}

/// The production publisher: the query service's producer, writing to `dala.documents.submit`.
public struct KafkaSubmissionPublisher: SubmissionPublisher {
    let producer: KafkaProducer
    let topic: String
    public init(producer: KafkaProducer, topic: String = Topics.submit) { self.producer = producer; self.topic = topic }

    public func publish(_ submissions: [DocumentSubmission]) async throws {
        let records = try submissions.map { s in
            KafkaRecord(topic: topic, key: nil, value: try DalaJSON.encode(s))
        }
        for result in await producer.sendBatch(records) {
            if case .failure(let error) = result { throw error }
        }
    }
}

/// `multipart/form-data` (RFC 7578) as browsers send it: the parts' names, file names and bytes.
enum MultipartForm {
    struct Part: Equatable {
        var name: String
        var filename: String?
        var body: [UInt8]
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
            var name: String?, filename: String?
            for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = parameter("name", in: line)
                filename = parameter("filename", in: line)
            }
            guard let name else { return nil }
            parts.append(Part(name: name, filename: filename, body: Array(body[(headerEnd + 4)..<end])))
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
