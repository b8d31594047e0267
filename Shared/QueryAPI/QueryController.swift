import DalaCore
import DalaLanguages
import DalaService
import DalaStorage
import Foundation
import Hummingbird

/// What the query API needs of the analyser: resolving names to entity ids and turning a query into search keys,
/// with the same knowledge base and morphology the enrichment used. `DalaAnalysis.Pipeline` provides it.
public protocol SearchVocabulary: Sendable {
    /// Canonical entity ids for any alias in any language or inflected form.
    func entityIDs(named name: String) -> [String]
    /// A tsquery literal over the analyser's search keys, or nil when the query has no searchable word.
    func searchQuery(_ query: String) -> String?
    /// Knowledge-base relations of an entity (member of, part of, predecessor...); none by default.
    func knowledgeRelations(of entityID: String) -> [KnowledgeRelationView]
    /// Every knowledge-base entity (type, labels, aliases; counts zero), in the registry's order: the `/kb` page and
    /// lookups of entities no document mentions yet.
    func knowledgeEntities() -> [EntityView]
    /// The title the text analysis finds in a text (the upload page's default title); nil by default.
    func documentTitle(of text: String) -> String?
}

extension SearchVocabulary {
    public func knowledgeRelations(of entityID: String) -> [KnowledgeRelationView] { [] }
    public func knowledgeEntities() -> [EntityView] { [] }
    public func documentTitle(of text: String) -> String? { nil }
}

/// Every route of the query API. `openapi.json` documents exactly these (a test checks both directions).
public enum QueryRoute: String, CaseIterable, Sendable {
    case search, documents, document, documentText, documentAnnotations
    case entities, entity, entityMentions, entityCooccurrences
    case events, event, timeline, graph, exportEvents, exportMentions, stats, reprocess, openAPI

    /// Method and OpenAPI path.
    public var endpoint: (method: String, path: String) {
        switch self {
        case .search: ("GET", "/v1/search")
        case .documents: ("GET", "/v1/documents")
        case .document: ("GET", "/v1/documents/{id}")
        case .documentText: ("GET", "/v1/documents/{id}/text")
        case .documentAnnotations: ("GET", "/v1/documents/{id}/annotations")
        case .entities: ("GET", "/v1/entities")
        case .entity: ("GET", "/v1/entities/{id}")
        case .entityMentions: ("GET", "/v1/entities/{id}/mentions")
        case .entityCooccurrences: ("GET", "/v1/entities/{id}/cooccurrences")
        case .events: ("GET", "/v1/events")
        case .event: ("GET", "/v1/events/{id}")
        case .timeline: ("GET", "/v1/timeline")
        case .graph: ("GET", "/v1/graph")
        case .exportEvents: ("GET", "/v1/export/events")
        case .exportMentions: ("GET", "/v1/export/mentions")
        case .stats: ("GET", "/v1/stats")
        case .reprocess: ("POST", "/v1/reprocess")
        case .openAPI: ("GET", "/openapi.json")
        }
    }

    /// The Hummingbird form of the path (`{id}` → `:id`).
    var routerPath: String { endpoint.path.replacingOccurrences(of: "{id}", with: ":id") }
}

/// The analyst's read API over PostgreSQL.
public struct QueryController: Sendable {
    let store: QueryStore
    let vocabulary: any SearchVocabulary
    let reprocessing: Reprocessing?
    let searchKeys = SearchKeyCache()
    static let statuses = Set(DocumentStatus.all)
    /// `lang` of entity labels: the languages of the registry (`Shared/DalaLanguages/Resources/languages.tsv`), so a
    /// language added there is taken with no API change (labels are rows per language, migration 0006).
    static let labelLanguages: Set<String> = Set(LanguageRegistry.codesOrDefault)
    /// `lang` of documents and sentences: the registry's languages, the others a document may be tagged with
    /// (`SubmissionValidator.knownLanguages`), and `unknown` (nothing detected).
    static let languages: Set<String> = labelLanguages.union(SubmissionValidator.knownLanguages).union(["unknown"])
    static let entityTypes: Set<String> = ["country", "organization", "person", "place", "people", "agreement", "programme", "other"]

    public init(store: QueryStore, vocabulary: any SearchVocabulary, reprocessing: Reprocessing? = nil) {
        self.store = store; self.vocabulary = vocabulary; self.reprocessing = reprocessing
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        for route in QueryRoute.allCases {
            let (method, _) = route.endpoint
            let path = RouterPath(stringLiteral: route.routerPath)
            let handler: @Sendable (Request, Context) async throws -> Response = { request, context in
                try await self.handle(route, request, context: context)
            }
            if method == "POST" { router.post(path, use: handler) } else { router.get(path, use: handler) }
        }
    }

    func handle(_ route: QueryRoute, _ request: Request, context: some RequestContext) async throws -> Response {
        switch route {
        case .search: return try await search(request)
        case .documents: return try await listDocuments(request)
        case .document: return try await document(request, context: context)
        case .documentText: return try await text(request, context: context)
        case .documentAnnotations: return try await annotations(request, context: context)
        case .entities: return try await entities(request)
        case .entity: return try await entity(request, context: context)
        case .entityMentions: return try await entityMentions(request, context: context)
        case .entityCooccurrences: return try await cooccurrences(request, context: context)
        case .events: return try await events(request)
        case .event: return try await event(request, context: context)
        case .timeline: return try await timeline(request)
        case .graph: return try await graph(request)
        case .exportEvents: return try await exportEvents(request)
        case .exportMentions: return try await exportMentions(request)
        case .stats: return try .json(try await store.stats())
        case .reprocess: return try await reprocess(request)
        case .openAPI: return try OpenAPIDocument.response()
        }
    }

    // MARK: - Documents

    func listDocuments(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request, allowed: ["limit", "cursor", "status", "lang", "from", "to", "extractor_version"])
        let (from, to) = try p.dateRange()
        let page = try await store.documents(limit: try p.limit(), cursor: try p.cursor("documents", parts: 2) { c in
                                                 DateBound.isTimestamp(c[0]) && CanonicalUUID.parse(c[1]) != nil
                                             },
                                             status: try p.oneOf("status", Self.statuses),
                                             language: try p.oneOf("lang", Self.languages), publishedFrom: from, publishedTo: to,
                                             extractorVersion: try p.string("extractor_version", maxLength: 100))
        return try .json(Page(items: page.items, nextCursor: retag(page.nextCursor, "documents")))
    }

    struct DocumentWithMentions: Encodable {
        var detail: DocumentDetail
        var mentions: [MentionView]
        func encode(to encoder: any Encoder) throws {
            try detail.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(mentions, forKey: .mentions)
        }
        enum CodingKeys: String, CodingKey { case mentions }
    }

    func document(_ request: Request, context: some RequestContext) async throws -> Response {
        let p = try QueryParameters(request, allowed: ["include", "lang"])
        let include = try p.oneOf("include", ["mentions"])
        let id = try uuidParameter(context, what: "document")
        let labelLanguage = try p.oneOf("lang", Self.labelLanguages)
        if include == "mentions" {
            guard let detail = try await store.documentDetail(id, labelLanguage: labelLanguage) else {
                throw Problem.notFound("No document \(id.lowercasedString).")
            }
            return try .json(DocumentWithMentions(detail: detail, mentions: try await store.mentions(document: id)))
        }
        // PostgreSQL renders the whole answer: no row decoding, no JSONEncoder (issue 6: the API's own cost).
        guard let body = try await store.documentDetailJSON(id, labelLanguage: labelLanguage) else {
            throw Problem.notFound("No document \(id.lowercasedString).")
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: Self.lowercasingLeadingID(body)))
    }

    /// `documentDetailJSON` renders the id as `upper(d.id::text)`, while every other id the API emits is lower-case.
    /// jsonb prints the shortest key first, so the id is always the 36 bytes after `{"id": "`: lower-case them in
    /// place (a no-op once the SQL emits `d.id::text`), without a second pass over the rest of the body.
    static func lowercasingLeadingID(_ body: String) -> ByteBuffer {
        var buffer = ByteBuffer(string: body)
        let prefix = Array(#"{"id": ""#.utf8)
        guard buffer.readableBytes >= prefix.count + 36,
              buffer.getBytes(at: buffer.readerIndex, length: prefix.count) == prefix else { return buffer }
        let start = buffer.readerIndex + prefix.count
        for i in start..<(start + 36) {
            if let b = buffer.getInteger(at: i, as: UInt8.self), (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(b) {
                buffer.setInteger(b + 32, at: i)
            }
        }
        return buffer
    }

    func text(_ request: Request, context: some RequestContext) async throws -> Response {
        let p = try QueryParameters(request, allowed: ["start", "end"])
        let id = try uuidParameter(context, what: "document")
        let start = try p.raw["start"].map { _ in try p.integer("start", default: 0, range: 0...Int(Int32.max)) }
        let end = try p.raw["end"].map { _ in try p.integer("end", default: 0, range: 0...Int(Int32.max)) }
        if let start, let end, end < start { throw Problem.badRequest("\"end\" must not be before \"start\".") }
        guard let text = try await store.rawText(id, start: start, end: end) else {
            throw Problem.notFound("No document \(id.lowercasedString).")
        }
        return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    func annotations(_ request: Request, context: some RequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let id = try uuidParameter(context, what: "document")
        guard let view = try await store.annotations(document: id) else {
            throw Problem.notFound("No document \(id.lowercasedString).")
        }
        return try .json(view)
    }

    // MARK: - Search

    func search(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request, allowed: ["q", "lang", "type", "entity", "from", "to", "limit", "cursor"])
        let q = try p.string("q", maxLength: 500)
        let entity = try p.string("entity", maxLength: 200)
        guard q != nil || entity != nil else { throw Problem.badRequest("Give a query (?q=...) or an entity (?entity=...).") }
        let granularity = try p.oneOf("type", ["sentence", "document"]) ?? "sentence"
        let limit = try p.limit(default: 20, maximum: 100)
        let (from, to) = try p.dateRange()
        let language = try p.oneOf("lang", Self.languages)
        let cursorParts = granularity == "document" ? 2 : 3
        let cursor = try p.cursor("search-" + granularity, parts: cursorParts) { c in
            (Float(c[0])?.isFinite ?? false) && CanonicalUUID.parse(c[1]) != nil && (c.count < 3 || Int32(c[2]) != nil)
        }

        var groups: [String] = []
        if let q {
            guard let literal = searchKeys.query(q, vocabulary: vocabulary) else {
                return .json(bytes: SearchPage<SearchHit>(items: [], nextCursor: nil, ranking: .init(complete: true, window: QueryStore.searchWindow)).json)
            }
            groups.append(literal)
        }
        var entityIDs: [String] = []
        if let entity {
            entityIDs = try await resolveEntity(entity)
            guard let literal = SearchText.tsquery(entityIDs.map { "e:" + $0 }, all: false) else {
                throw Problem.notFound("No entity \"\(entity)\".")
            }
            groups.append(literal)
        }
        let tsquery = groups.count == 1 ? groups[0] : groups.map { "(" + $0 + ")" }.joined(separator: " & ")
        let queryKeys = Highlighter.lexemes(tsquery)
        let filter = SearchFilter(tsquery: tsquery, language: language, publishedFrom: from, publishedTo: to,
                                  highlightEntities: queryKeys.filter { $0.hasPrefix("e:") }.map { String($0.dropFirst(2)) }.sorted())
        let highlighter = Highlighter(vocabulary: vocabulary, queryKeys: queryKeys, cache: searchKeys)
        if granularity == "document" {
            let page = try await store.searchDocuments(filter, limit: limit, cursor: cursor)
            let best = highlighter.highlight(page.items.map(\.best))
            let items = zip(page.items, best).map { hit, best in
                var hit = hit
                hit.best = best
                return hit
            }
            let answer = SearchPage(items: items, nextCursor: retag(page.nextCursor, "search-document"), ranking: page.ranking)
            return .json(bytes: answer.json)
        }
        let page = try await store.searchSentences(filter, limit: limit, cursor: cursor)
        let answer = SearchPage(items: highlighter.highlight(page.items), nextCursor: retag(page.nextCursor, "search-sentence"),
                                ranking: page.ranking)
        return .json(bytes: answer.json)
    }

    /// Entity ids for `?entity=`: a stored id as given, else whatever the analyser resolves the name to.
    func resolveEntity(_ value: String) async throws -> [String] {
        if try await store.entityExists(value) { return [value] }
        return Array(Self.entityIDs(named: value, vocabulary).prefix(20))
    }

    /// The vocabulary's ids for a name; a name it does not know with a Kazakh case ending after a hyphen
    /// (`ТМД-ның`, `НАТО-ға`, `SCO-ға`) is looked up again without the ending.
    static func entityIDs(named name: String, _ vocabulary: any SearchVocabulary) -> [String] {
        let ids = vocabulary.entityIDs(named: name)
        guard ids.isEmpty, let hyphen = name.lastIndex(where: { $0 == "-" || $0 == "‑" }), hyphen != name.startIndex else { return ids }
        let ending = name[name.index(after: hyphen)...]
        guard !ending.isEmpty, ending.count <= 6, ending.allSatisfy(\.isLetter), ending.allSatisfy(\.isLowercase) else { return ids }
        return vocabulary.entityIDs(named: String(name[..<hyphen]))
    }

    /// Store cursors carry the sort key only; the API tags them with the endpoint so they cannot be mixed up.
    func retag(_ cursor: String?, _ kind: String) -> String? {
        guard let cursor, let parts = Cursor.decode(cursor), (1...4).contains(parts.count) else { return nil }
        return Cursor.encode([kind] + parts)
    }
}
