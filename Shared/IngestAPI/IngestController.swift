import DalaCore
import DalaService
import DalaStorage
import Foundation
import Hummingbird
import NIOCore

/// `POST /v1/documents` and `POST /v1/documents/batch`.
public struct IngestController: Sendable {
    let intake: DocumentIntake
    let validator: SubmissionValidator

    public init(intake: DocumentIntake, validator: SubmissionValidator) {
        self.intake = intake; self.validator = validator
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.post("/v1/documents") { request, context in try await self.create(request, context: context) }
        router.post("/v1/documents/batch") { request, context in try await self.batch(request, context: context) }
    }

    func create(_ request: Request, context: some RequestContext) async throws -> Response {
        if let upload = try await FileUpload.handle(request, intake: intake, validator: validator) { return upload }  // PDF, DOCX, HTML, multipart
        let kind = try Self.bodyKind(request)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > validator.maxBytes + 64 * 1024 {
            throw Self.tooLarge(length)
        }
        let bytes: ByteBuffer
        do {
            bytes = try await request.body.collect(upTo: validator.maxBytes + 64 * 1024)
        } catch is NIOTooManyBytesError {
            throw Self.tooLarge(nil)
        }
        let raw = Array(buffer: bytes)
        let doc: ValidatedDocument
        do {
            switch kind {
            case .json: doc = try validator.validateJSON(raw)
            case .text:
                let q = request.uri.queryParameters
                doc = try validator.validatePlainText(raw, title: q["title"].map(String.init), source: q["source"].map(String.init),
                                                     language: q["language"].map(String.init), published: q["published"].map(String.init))
            }
        } catch {
            throw Problem(.init(code: error.status), error.title, detail: error.detail)
        }
        let result = try await intake.take(doc)
        var response = try Response.json(result, status: result.created ? .accepted : .ok)
        response.headers[.location] = "/v1/documents/\(result.id.lowercasedString)"
        return response
    }

    /// NDJSON in, NDJSON out: one result line per input line, in order, written as the input streams in.
    func batch(_ request: Request, context: some RequestContext) async throws -> Response {
        if request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") == true {
            return try await FileBatch.handle(request, intake: intake, validator: validator)   // files, one document each
        }
        if let type = request.headers[.contentType], !(type.hasPrefix("application/x-ndjson") || type.hasPrefix("application/jsonl")
            || type.hasPrefix("application/json") || type.hasPrefix("text/plain")) {
            throw Problem(.unsupportedMediaType, "Unsupported media type", detail: "Send application/x-ndjson: one JSON document per line.")
        }
        // The answer streams, so its status is sent before the body is read: an empty body is known only by its length.
        if request.headers[.contentLength].flatMap({ Int($0) }) == 0 {
            throw Problem.badRequest("The batch is empty: send one JSON document per line.")
        }
        let maxLine = validator.maxBytes + 64 * 1024
        let body = request.body
        let intake = self.intake, validator = self.validator
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: .init { writer in
            // Lines are validated here in input order, stored and published in groups (one INSERT and one status
            // update per group, a few groups in flight), and answered in input order; `BatchLines` makes a repeated
            // text report the first line's document (docs/api-errors.md). A group is the lines of what the body has
            // brought so far, at most `groupSize`: a client that streams its lines slowly still gets answers as they come.
            try await withThrowingTaskGroup(of: [(Int, BatchLines.Outcome)].self) { group in
                var splitter = LineSplitter(maxLine: maxLine)
                var lines = BatchLines()
                var inFlight = 0
                var pending: [(number: Int, doc: ValidatedDocument)] = [], pendingBytes = 0
                func flush() async throws {
                    for (number, outcome) in lines.ready() {
                        try await writer.write(ByteBuffer(bytes: Self.answer(line: number, outcome) + [UInt8(ascii: "\n")]))
                    }
                }
                func collect(downTo limit: Int) async throws {
                    while inFlight > limit, let outcomes = try await group.next() {
                        inFlight -= 1
                        for (number, outcome) in outcomes { lines.finish(number, outcome) }
                        try await flush()
                    }
                }
                func launch() async throws {
                    guard !pending.isEmpty else { return }
                    try await collect(downTo: Self.groupsInFlight - 1)
                    let docs = pending
                    pending = []; pendingBytes = 0
                    group.addTask { await Self.store(docs, intake: intake) }
                    inFlight += 1
                }
                func start(_ line: LineSplitter.Line) async throws {
                    let number = lines.admittedCount + 1
                    if let doc = lines.admit(Self.validate(line, number: number, validator: validator)) {
                        pending.append((number, doc)); pendingBytes += doc.text.utf8.count
                        if pending.count >= Self.groupSize || pendingBytes >= Self.groupBytes { try await launch() }
                    } else if pending.isEmpty {
                        try await flush()
                    }
                }
                for try await chunk in body {
                    for line in splitter.feed(chunk.readableBytesView) { try await start(line) }
                    try await launch()
                }
                if let last = splitter.finish() { try await start(last) }
                try await launch()
                try await collect(downTo: 0)
            }
            try await writer.finish(nil)
        })
    }

    /// Lines stored with one statement, at most; groups of one batch in flight at once (enough to hide the broker's
    /// delivery latency, ~5 ms linger, and the database's commit).
    static let groupSize = 64
    static let groupsInFlight = 4
    /// Text in one group, at most (bytes): what a batch holds in memory is bounded by this times the groups in flight,
    /// plus one line.
    static let groupBytes = 4 << 20

    static func validate(_ line: LineSplitter.Line, number: Int, validator: SubmissionValidator) -> Result<ValidatedDocument, SubmissionError> {
        switch line {
        case .tooLong(let length):
            return .failure(SubmissionError(status: 413, title: "Document too large",
                                            detail: "Line \(number) is \(length) bytes; the limit is \(validator.maxBytes)."))
        case .bytes(let bytes):
            return Result { () throws(SubmissionError) in try validator.validateJSON(bytes) }
        }
    }

    /// Stores and publishes one group of lines (`DocumentIntake.takeMany`); if the group's statement fails, each line
    /// is tried alone, so one line the database refuses does not take the others with it.
    static func store(_ docs: [(number: Int, doc: ValidatedDocument)], intake: DocumentIntake) async -> [(Int, BatchLines.Outcome)] {
        if docs.count > 1, let results = try? await intake.takeMany(docs.map(\.doc)) {
            return zip(docs, results).map { ($0.number, .stored($1)) }
        }
        var out: [(Int, BatchLines.Outcome)] = []
        for (number, doc) in docs {
            do {
                out.append((number, .stored(try await intake.take(doc))))
            } catch {
                out.append((number, .refused(SubmissionError(status: 503, title: "Storage unavailable",
                                                             detail: "The document could not be stored; retry this line."))))
            }
        }
        return out
    }

    /// One answer line: `{"line", "id", "created", "status"}`, or `{"line", "status", "title", "detail"}` for a refusal.
    static func answer(line number: Int, _ outcome: BatchLines.Outcome) -> [UInt8] {
        struct Failure: Encodable { var line: Int; var status: Int; var title: String; var detail: String }
        struct Success: Encodable { var line: Int; @LowercaseUUID var id: UUID; var created: Bool; var status: String }
        switch outcome {
        case .stored(let r):
            return (try? DalaJSON.encode(Success(line: number, id: r.id, created: r.created, status: r.status))) ?? []
        case .refused(let e):
            return (try? DalaJSON.encode(Failure(line: number, status: e.status, title: e.title, detail: e.detail))) ?? []
        }
    }

    enum BodyKind { case json, text }

    static func bodyKind(_ request: Request) throws -> BodyKind {
        let type = request.headers[.contentType]?.lowercased() ?? "application/json"
        if type.hasPrefix("application/json") { return .json }
        if type.hasPrefix("text/plain") {
            if let charset = type.split(separator: "charset=").dropFirst().first,
               !["utf-8", "utf8"].contains(charset.trimmingCharacters(in: .whitespaces)) {
                throw Problem(.unsupportedMediaType, "Unsupported charset", detail: "Send text as UTF-8.")
            }
            return .text
        }
        throw Problem(.unsupportedMediaType, "Unsupported media type",
                      detail: "Send application/json ({\"text\": ...}) or text/plain; charset=utf-8.")
    }

    static func tooLarge(_ length: Int?) -> Problem {
        Problem(.contentTooLarge, "Document too large",
                detail: length.map { "The body is \($0) bytes, over the limit." } ?? "The body is over the size limit.")
    }
}

/// Splits a byte stream into lines without holding more than one line (bounded by `maxLine`).
struct LineSplitter {
    enum Line: Equatable { case bytes([UInt8]), tooLong(Int) }
    let maxLine: Int
    private var current: [UInt8] = []
    private var overflow = 0   // > 0 while skipping the rest of a too-long line

    init(maxLine: Int) { self.maxLine = maxLine }

    mutating func feed(_ bytes: some Collection<UInt8>) -> [Line] {
        var out: [Line] = []
        for b in bytes {
            if b == UInt8(ascii: "\n") {
                if let line = take() { out.append(line) }
            } else if overflow > 0 {
                overflow += 1
            } else {
                current.append(b)
                if current.count > maxLine { overflow = current.count; current = [] }
            }
        }
        return out
    }

    /// The last line when the stream did not end with a newline.
    mutating func finish() -> Line? { current.isEmpty && overflow == 0 ? nil : take() }

    private mutating func take() -> Line? {
        defer { current = []; overflow = 0 }
        if overflow > 0 { return .tooLong(overflow) }
        if current.last == UInt8(ascii: "\r") { current.removeLast() }
        return .bytes(current)
    }
}
