import DalaService
import DalaStorage
import Foundation
import Hummingbird

extension QueryController {
    func entities(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request, allowed: ["name", "type", "lang", "limit", "cursor"])
        let name = try p.string("name", maxLength: 200)
        let type = try p.oneOf("type", Self.entityTypes)
        let lang = try p.oneOf("lang", Self.labelLanguages)
        let cursor = try p.cursor("entities", parts: 2) { c in Int64(c[0]).map { $0 >= 0 } ?? false }
        let ids = name.map { Array(Self.entityIDs(named: $0, vocabulary).prefix(100)) } ?? []
        var page = try await store.entities(ids: ids, name: name, type: type, labelLanguage: lang,
                                            limit: try p.limit(default: 20, maximum: 100), cursor: cursor)
        // The knowledge base answers too: entities the name resolves to that no document mentions yet follow the
        // stored ones on the last page, with zero counts.
        if page.nextCursor == nil, !ids.isEmpty {
            let stored = try await store.entityCounts(ids)
            let known = KnowledgeIndex.entities(vocabulary)
            page.items += ids.filter { stored[$0] == nil }.compactMap { known[$0] }
                .filter { e in type.map { e.type == $0 } ?? true }
                .filter { e in lang.map { e.labels[$0] != nil } ?? true }
        }
        return try .json(Page(items: page.items, nextCursor: retag(page.nextCursor, "entities")))
    }

    func entity(_ request: Request, context: some RequestContext) async throws -> Response {
        let p = try QueryParameters(request, allowed: ["lang"])
        let id = try entityParameter(context)
        guard var profile = try await store.entityProfile(id, labelLanguage: try p.oneOf("lang", Self.labelLanguages)) else {
            throw Problem.notFound("No entity \"\(id)\".")
        }
        profile.knowledge = vocabulary.knowledgeRelations(of: id)
        return try .json(profile)
    }

    func entityMentions(_ request: Request, context: some RequestContext) async throws -> Response {
        let p = try QueryParameters(request, allowed: ["lang", "limit", "cursor"])
        let id = try entityParameter(context)
        let lang = try p.oneOf("lang", Self.languages)
        let limit = try p.limit(default: 50, maximum: 500)
        let after = try p.cursor("mentions", parts: 1) { c in Int64(c[0]) != nil }.map { Int($0[0])! }
        guard try await store.entityExists(id) else { throw Problem.notFound("No entity \"\(id)\".") }
        let page = try await store.entityMentions(id, language: lang, limit: limit, after: after)
        return try .json(Page(items: page.items, nextCursor: retag(page.nextCursor, "mentions")))
    }

    func cooccurrences(_ request: Request, context: some RequestContext) async throws -> Response {
        let p = try QueryParameters(request, allowed: ["window", "sort", "min_count", "lang", "limit", "cursor"])
        let id = try entityParameter(context)
        let window = CooccurrenceWindow(rawValue: try p.oneOf("window", Set(CooccurrenceWindow.allCases.map(\.rawValue))) ?? "document")!
        let sort = CooccurrenceSort(rawValue: try p.oneOf("sort", Set(CooccurrenceSort.allCases.map(\.rawValue))) ?? "count")!
        let minCount = try p.integer("min_count", default: 1, range: 1...1_000_000)
        let lang = try p.oneOf("lang", Self.labelLanguages)
        let limit = try p.limit(default: 20, maximum: 200)
        let kind = "cooc-\(window.rawValue)-\(sort.rawValue)"
        let cursor = try p.cursor(kind, parts: 2) { c in Double(c[0]).map(\.isFinite) ?? false }
        guard let result = try await store.cooccurrences(id, window: window, sort: sort, minCount: minCount,
                                                         labelLanguage: lang, limit: limit, cursor: cursor) else {
            throw Problem.notFound("No entity \"\(id)\".")
        }
        return try .json(CooccurrencePage(entityID: id, window: window.rawValue, sort: sort.rawValue, total: result.total,
                                          entityCount: result.entityCount, items: result.page.items,
                                          nextCursor: retag(result.page.nextCursor, kind)))
    }

    struct CooccurrencePage: Encodable {
        var entityID: String, window: String, sort: String
        /// PMI's N (enriched documents or sentences in the store) and the entity's own count in those units.
        var total: Int, entityCount: Int
        var items: [CooccurrenceView]
        var nextCursor: String?
        enum CodingKeys: String, CodingKey {
            case entityID = "entity_id", window, sort, total, entityCount = "entity_count", items, nextCursor = "next_cursor"
        }
    }
}
