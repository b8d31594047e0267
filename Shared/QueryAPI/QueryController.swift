import DalaCore
import DalaService
import DalaStorage
import Foundation
import Hummingbird

typealias DalaStorageCursor = Cursor

/// What the query API needs of the analyser: resolving names to entity ids and turning a query into search keys,
/// with the same knowledge base and morphology the enrichment used. `DalaAnalysis.Pipeline` provides it.
public protocol SearchVocabulary: Sendable {
    /// Canonical entity ids for any alias in any language or inflected form.
    func entityIDs(named name: String) -> [String]
    /// A tsquery literal over the analyser's search keys, or nil when the query has no searchable word.
    func searchQuery(_ query: String) -> String?
}

/// The analyst's read API over PostgreSQL.
public struct QueryController: Sendable {
    let store: QueryStore
    let vocabulary: any SearchVocabulary
    static let statuses: Set<String> = ["received", "queued", "enriched", "failed"]
    static let languages: Set<String> = ["kk", "ru", "en", "ky", "uz", "tt", "other", "unknown"]
    static let entityTypes: Set<String> = ["country", "organization", "person", "place", "people", "agreement", "programme", "other"]

    public init(store: QueryStore, vocabulary: any SearchVocabulary) { self.store = store; self.vocabulary = vocabulary }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        let v1 = router.group("v1")
        v1.get("documents") { request, _ in try await self.listDocuments(request) }
        v1.get("documents/:id") { request, context in try await self.document(request, context: context) }
        v1.get("documents/:id/text") { _, context in try await self.text(context: context) }
        v1.get("documents/:id/annotations") { _, context in try await self.annotations(context: context) }
        v1.get("entities") { request, _ in try await self.entities(request) }
        v1.get("search") { request, _ in try await self.search(request) }
    }

    func listDocuments(_ request: Request) async throws -> Response {
        let p = QueryParameters(request)
        let page = try await store.documents(limit: try p.limit(), cursor: try p.cursor(parts: 2),
                                             status: try p.oneOf("status", Self.statuses),
                                             language: try p.oneOf("lang", Self.languages))
        return try .json(page)
    }

    struct DocumentWithAnnotations: Encodable {
        var document: DocumentView
        var mentions: [MentionView]
        var entities: [String: EntitySummary]
        enum CodingKeys: String, CodingKey { case document, mentions, entities }
        func encode(to encoder: any Encoder) throws {
            try document.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(mentions, forKey: .mentions)
            try c.encode(entities, forKey: .entities)
        }
    }

    struct Annotations: Encodable {
        var documentID: UUID
        var mentions: [MentionView]
        enum CodingKeys: String, CodingKey { case documentID = "document_id", mentions }
    }

    struct EntitySummary: Encodable { var type: String?; var label: String?; var mentions: Int }

    func document(_ request: Request, context: some RequestContext) async throws -> Response {
        let id = try documentID(context)
        guard let doc = try await store.document(id) else { throw Problem.notFound("No document \(id.uuidString.lowercased()).") }
        let mentions = try await store.mentions(document: id)
        var entities: [String: EntitySummary] = [:]
        for m in mentions {
            entities[m.entityID, default: EntitySummary(type: m.entityType, label: m.label, mentions: 0)].mentions += 1
        }
        return try .json(DocumentWithAnnotations(document: doc, mentions: mentions, entities: entities))
    }

    func text(context: some RequestContext) async throws -> Response {
        let id = try documentID(context)
        guard let text = try await store.rawText(id) else { throw Problem.notFound("No document \(id.uuidString.lowercased()).") }
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func annotations(context: some RequestContext) async throws -> Response {
        let id = try documentID(context)
        guard try await store.document(id, withAnalysis: false) != nil else {
            throw Problem.notFound("No document \(id.uuidString.lowercased()).")
        }
        return try .json(Annotations(documentID: id, mentions: try await store.mentions(document: id)))
    }

    func entities(_ request: Request) async throws -> Response {
        let p = QueryParameters(request)
        let name = try p.string("name", maxLength: 200)
        let type = try p.oneOf("type", Self.entityTypes)
        guard name != nil || type != nil else { throw Problem.badRequest("Give \"name\" (any alias, any language) or \"type\".") }
        var ids = name.map { vocabulary.entityIDs(named: $0) } ?? []
        if ids.count > 100 { ids = Array(ids.prefix(100)) }
        let found = try await store.entities(ids: ids, name: name, type: type, limit: try p.limit(default: 20, maximum: 100))
        return try .json(Page(items: found, nextCursor: nil))
    }

    func search(_ request: Request) async throws -> Response {
        let p = QueryParameters(request)
        guard let q = try p.string("q", maxLength: 500) else { throw Problem.badRequest("Give a query: ?q=...") }
        let limit = try p.limit(default: 20, maximum: 100)
        let offset = try p.cursor(parts: 1).map { Int($0[0]) ?? -1 } ?? 0
        guard offset >= 0, offset <= 10_000 else { throw Problem.badRequest("Malformed \"cursor\"; pass next_cursor back unchanged.") }
        guard let tsquery = vocabulary.searchQuery(q) else { return try .json(Page<SearchHit>(items: [], nextCursor: nil)) }
        let page = try await store.search(tsquery: tsquery, language: try p.oneOf("lang", Self.languages), limit: limit, offset: offset)
        return try .json(page)
    }
}
