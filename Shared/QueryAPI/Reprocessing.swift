import DalaCore
import DalaKafka
import DalaService
import DalaStorage
import Foundation
import Hummingbird

/// Re-publishes documents to `dala.documents.ingested` so the enrichment workers redo them.
public protocol DocumentRepublisher: Sendable {
    /// Publishes one `document.ingested` envelope per document (with `reprocess_from`); throws when any failed.
    func republish(_ documents: [ReprocessCandidate]) async throws
}

/// The production republisher: the query service's only Kafka producer, used by `POST /v1/reprocess` alone.
public struct KafkaRepublisher: DocumentRepublisher {
    let producer: KafkaProducer
    let topic: String
    /// `topic` is `dala.documents.ingested` except in tests.
    public init(producer: KafkaProducer, topic: String = Topics.ingested) { self.producer = producer; self.topic = topic }

    public func republish(_ documents: [ReprocessCandidate]) async throws {
        let records = try documents.map { d in
            let envelope = Envelope(type: DocumentIngested.type, version: DocumentIngested.version, producer: "dala-query",
                                    payload: DocumentIngested(documentID: d.id, sha256: d.sha256, reprocessFrom: d.extractorVersion))
            return KafkaRecord(topic: topic, key: MessageKey.document(d.id), value: try DalaJSON.encode(envelope))
        }
        for result in await producer.sendBatch(records) {
            if case .failure(let error) = result { throw error }
        }
    }
}

/// What `POST /v1/reprocess` needs: the tokens that may call it, the running extractor version and a publisher.
public struct Reprocessing: Sendable {
    /// The operator token (`--operator-token` / `DALA_OPERATOR_TOKEN`) and the write tokens (`--api-tokens FILE`),
    /// held hashed; none disables the endpoint (503).
    public var tokens: AccessTokens
    public var extractorVersion: String
    public var publisher: any DocumentRepublisher

    public init(operatorToken: String?, apiTokens: AccessTokens = AccessTokens(digests: []), extractorVersion: String,
                publisher: any DocumentRepublisher) {
        self.tokens = AccessTokens(lines: operatorToken.map { [$0] } ?? []).union(apiTokens)
        self.extractorVersion = extractorVersion; self.publisher = publisher
    }
}

/// Extractor versions like `dala-0.1.0`: same prefix, numeric parts compared in order.
enum ExtractorVersion {
    static func isOlder(_ a: String, than b: String) -> Bool {
        let (pa, na) = split(a), (pb, nb) = split(b)
        guard pa == pb, !na.isEmpty, !nb.isEmpty else { return false }
        for i in 0..<max(na.count, nb.count) {
            let x = i < na.count ? na[i] : 0, y = i < nb.count ? nb[i] : 0
            if x != y { return x < y }
        }
        return false
    }

    static func split(_ v: String) -> (prefix: Substring, numbers: [Int]) {
        let prefixEnd = v.firstIndex(where: \.isNumber) ?? v.endIndex
        let numbers = v[prefixEnd...].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return (v[..<prefixEnd], numbers)
    }
}

extension QueryController {
    struct ReprocessResult: Encodable {
        var runningVersion: String
        var olderVersions: [String: Int]
        var published: Int
        var dryRun: Bool
        var nextCursor: String?
        enum CodingKeys: String, CodingKey {
            case runningVersion = "running_version", olderVersions = "older_versions", published, dryRun = "dry_run"
            case nextCursor = "next_cursor"
        }
    }

    /// `POST /v1/reprocess?limit=&dry_run=&cursor=`: re-publishes up to `limit` documents whose extractor version is
    /// older than the running one, in id order; call again with `next_cursor` for the rest. Older annotations stay
    /// queryable (tagged with their version) until the worker's transaction replaces them.
    func reprocess(_ request: Request) async throws -> Response {
        guard let reprocessing else {
            throw Problem(.serviceUnavailable, "Reprocessing unavailable", detail: "This query service has no publisher for reprocessing.")
        }
        guard !reprocessing.tokens.isEmpty else {
            throw Problem(.serviceUnavailable, "Reprocessing disabled",
                          detail: "No operator or write token is configured (--operator-token, --api-tokens FILE).")
        }
        try reprocessing.tokens.authorize(request, realm: "dala-query")
        let p = try QueryParameters(request, allowed: ["limit", "dry_run", "cursor"])
        let limit = try p.limit(default: 1000, maximum: 10_000)
        let dryRun = try p.oneOf("dry_run", ["true", "false"]) == "true"
        let after = try p.cursor("reprocess", parts: 1) { CanonicalUUID.parse($0[0]) != nil }.flatMap { CanonicalUUID.parse($0[0]) }

        let running = reprocessing.extractorVersion
        let older = try await store.extractorVersions().filter { ExtractorVersion.isOlder($0.key, than: running) }
        var published = 0
        var next: String? = nil
        if !dryRun, !older.isEmpty {
            let batch = try await store.reprocessCandidates(versions: older.keys.sorted(), after: after, limit: limit)
            try await reprocessing.publisher.republish(batch)
            published = batch.count
            if batch.count == limit, let last = batch.last { next = Cursor.encode(["reprocess", last.id.lowercasedString]) }
        }
        return try .json(ReprocessResult(runningVersion: running, olderVersions: older, published: published, dryRun: dryRun,
                                         nextCursor: next), status: dryRun ? .ok : .accepted)
    }
}

/// The OpenAPI 3.1 document (`openapi.json` at the repository root is the same file), served at `/openapi.json`.
public enum OpenAPIDocument {
    /// The spec's bytes; empty if the resource is missing from the bundle (a test guards against that).
    public static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url) else { return [] }
        return Array(data)
    }()

    static func response() throws -> Response {
        guard !bytes.isEmpty else { throw Problem(.internalServerError, "Internal error", detail: "The OpenAPI document is missing from this build.") }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
