import DalaCore
import DalaService
import DalaStorage
import Foundation
import Hummingbird

extension WebPages {
    static let searchParameters = ["q", "entity", "lang", "etype", "evtype", "modality", "from", "to", "doc", "cursor"]

    /// `/`: the search box; with a query, hits with highlighted words and facets to narrow them.
    func search(_ ui: WebUI, _ query: [String: String]) async throws -> WebPage {
        let p = PageParameters(query)
        let q = try p.string("q", maxLength: 500)
        let entity = try p.string("entity", maxLength: 200)
        let current = query.filter { Self.searchParameters.contains($0.key) }
        var body = "<form class=\"search\" method=\"get\" action=\"/\"><input type=\"search\" name=\"q\" value=\"\(HTML.escape(q ?? ""))\" "
        body += "placeholder=\"\(HTML.escape(ui["search.placeholder"]))\" autofocus>"
        for k in Self.searchParameters where k != "q" && k != "cursor" {
            if let v = current[k], !v.isEmpty { body += "<input type=\"hidden\" name=\"\(k)\" value=\"\(HTML.escape(v))\">" }
        }
        body += "<button type=\"submit\">\(HTML.escape(ui["search.go"]))</button></form>"
        let selfQuery = Self.searchParameters.map { ($0, current[$0]) }
        guard q != nil || entity != nil else {
            body += "<p class=\"muted\">\(HTML.escape(ui["search.intro"]))</p>"
            body += try await recentDocuments(ui)
            return WebPage(title: ui["nav.search"], ui: ui, selfPath: "/", selfQuery: selfQuery, body: body)
        }
        var filter = SearchFilter(tsquery: "")
        var groups: [String] = []
        if let q, let literal = searchKeys.query(q, vocabulary: vocabulary) { groups.append(literal) }
        var entityIDs: [String] = []
        if let entity {
            entityIDs = try await store.entityExists(entity) ? [entity] : Array(QueryController.entityIDs(named: entity, vocabulary).prefix(20))
            if let literal = SearchText.tsquery(entityIDs.map { "e:" + $0 }, all: false) { groups.append(literal) }
            else { throw Problem.notFound("No entity \"\(entity)\".") }
        }
        guard !groups.isEmpty else {
            body += "<p>\(HTML.escape(ui["search.none"]))</p>"
            return WebPage(title: q ?? "", ui: ui, selfPath: "/", selfQuery: selfQuery, body: body)
        }
        filter.tsquery = groups.count == 1 ? groups[0] : groups.map { "(" + $0 + ")" }.joined(separator: " & ")
        let queryKeys = Highlighter.lexemes(filter.tsquery)
        filter.highlightEntities = queryKeys.filter { $0.hasPrefix("e:") }.map { String($0.dropFirst(2)) }.sorted()
        filter.language = try p.oneOf("lang", QueryController.languages)
        (filter.publishedFrom, filter.publishedTo) = try p.dateRange()
        filter.entityType = try p.oneOf("etype", QueryController.entityTypes)
        filter.eventType = try p.slug("evtype")
        filter.modality = try p.slug("modality")
        filter.documentID = try p.uuid("doc")
        let cursor = try p.cursor("web-search", parts: 3) { c in
            (Float(c[0])?.isFinite ?? false) && CanonicalUUID.parse(c[1]) != nil && Int32(c[2]) != nil
        }
        async let pageResult = store.searchSentences(filter, limit: 20, cursor: cursor)
        async let facetResult = store.searchFacets(filter, labelLanguage: ui.lang)
        let page = try await pageResult, facets = try await facetResult
        let hits = Highlighter(vocabulary: vocabulary, queryKeys: queryKeys, cache: searchKeys).highlight(page.items)

        var aside = "<aside class=\"facets\">"
        let many = facets.matches >= QueryStore.facetWindow
        aside += "<p class=\"muted\">\(facets.matches)\(many ? "+" : "") \(HTML.escape(ui["search.matches"]))"
        if many { aside += "<br>" + HTML.escape(ui.format("search.facet_window", ["n": String(QueryStore.facetWindow)])) }
        aside += "</p>"
        aside += facet(ui["facet.language"], facets.languages, parameter: "lang", current: current, path: "/", params: Self.searchParameters) {
            ui.value("lang", $0.key)
        }
        aside += facet(ui["facet.entity_type"], facets.entityTypes, parameter: "etype", current: current, path: "/", params: Self.searchParameters) {
            ui.value("type", $0.key)
        }
        aside += facet(ui["facet.entity"], facets.entities, parameter: "entity", current: current, path: "/", params: Self.searchParameters) {
            $0.label ?? $0.key
        }
        aside += facet(ui["facet.event_type"], facets.eventTypes, parameter: "evtype", current: current, path: "/", params: Self.searchParameters) {
            ui.value("event", $0.key)
        }
        aside += facet(ui["facet.modality"], facets.modalities, parameter: "modality", current: current, path: "/", params: Self.searchParameters) {
            ui.value("modality", $0.key)
        }
        aside += facet(ui["facet.document"], facets.documents, parameter: "doc", current: current, path: "/", params: Self.searchParameters) {
            $0.label ?? ui["misc.untitled"]
        }
        // Date range: a small form, with the publication years of the hits as a hint.
        aside += "<h3>\(HTML.escape(ui["facet.dates"]))</h3><form method=\"get\" action=\"/\">"
        for k in Self.searchParameters where !["from", "to", "cursor"].contains(k) {
            if let v = current[k] { aside += "<input type=\"hidden\" name=\"\(k)\" value=\"\(HTML.escape(v))\">" }
        }
        aside += "<input name=\"from\" size=\"7\" placeholder=\"YYYY\" value=\"\(HTML.escape(current["from"] ?? ""))\"> – "
        aside += "<input name=\"to\" size=\"7\" placeholder=\"YYYY\" value=\"\(HTML.escape(current["to"] ?? ""))\"> "
        aside += "<button type=\"submit\">\(HTML.escape(ui["filter.apply"]))</button></form>"
        if !facets.years.isEmpty {
            aside += "<p class=\"muted\">" + facets.years.map { y -> String in
                var next = current
                next["from"] = y.key; next["to"] = y.key; next["cursor"] = nil
                return "<a href=\"\(HTML.escape(HTML.link("/", Self.searchParameters.map { ($0, next[$0]) })))\">\(y.key)</a>&nbsp;(\(y.count))"
            }.joined(separator: " ") + "</p>"
        }
        aside += "</aside>"

        var results = "<section class=\"results\">"
        if hits.isEmpty { results += "<p>\(HTML.escape(ui["search.none"]))</p>" }
        for h in hits {
            let spans = h.highlights.map { (start: $0.start - h.start, end: $0.end - h.start, open: "<mark>") }
            results += "<div class=\"hit\"><div><a href=\"\(HTML.escape(Self.documentHref(h.documentID, highlight: (h.start, h.end), sentence: h.sentenceIndex)))\">"
            results += "<b>\(HTML.escape(h.title ?? ui["misc.untitled"]))</b></a></div>"
            results += "<div class=\"text\">\(HTML.marked(h.snippet, spans: spans))</div>"
            let meta = [h.published, ui.value("lang", h.language), "[\(h.start)–\(h.end)]"].compactMap { $0 }
            results += "<div class=\"meta\">\(HTML.escape(meta.joined(separator: " · ")))</div></div>"
        }
        if let next = page.nextCursor, let parts = Cursor.decode(next) {
            var nextQuery = current
            nextQuery["cursor"] = Cursor.encode(["web-search"] + parts)
            results += "<p class=\"pager\"><a href=\"\(HTML.escape(HTML.link("/", Self.searchParameters.map { ($0, nextQuery[$0]) })))\">\(HTML.escape(ui["search.more"])) →</a></p>"
        }
        if !page.ranking.complete {
            results += "<p class=\"muted\">\(HTML.escape(ui.format("search.window", ["n": String(page.ranking.window)])))</p>"
        }
        results += "</section>"
        body += "<div class=\"layout\">" + aside + results + "</div>"
        return WebPage(title: q ?? entity ?? "", ui: ui, selfPath: "/", selfQuery: selfQuery, body: body)
    }

    func recentDocuments(_ ui: WebUI) async throws -> String {
        let docs = try await store.documents(limit: 15, cursor: nil, status: nil, language: nil).items
        guard !docs.isEmpty else { return "" }
        // The most mentioned entities, as starting points.
        let top = try await store.entities(ids: [], name: nil, type: nil, labelLanguage: nil, limit: 30, cursor: nil).items
        var s = ""
        if !top.isEmpty {
            s += "<h2>\(HTML.escape(ui["facet.entity"]))</h2><div>"
            for e in top where e.mentionCount > 0 {
                s += "<a class=\"chip t-\(HTML.escape(e.type))\" href=\"\(HTML.escape(Self.entityHref(e.id)))\">\(HTML.escape(entityLabel(e, ui.lang))) <span class=\"muted\">\(e.mentionCount)</span></a>"
            }
            s += "</div>"
        }
        s += "<h2>\(HTML.escape(ui["search.recent"]))</h2><ul>"
        for d in docs {
            s += "<li><a href=\"\(HTML.escape(Self.documentHref(d.id)))\">\(HTML.escape(d.title ?? ui["misc.untitled"]))</a> "
            let meta = [d.published, ui.value("lang", d.detectedLanguage ?? d.language ?? "unknown"), d.status].compactMap { $0 }
            s += "<span class=\"muted\">\(HTML.escape(meta.joined(separator: " · ")))</span></li>"
        }
        return s + "</ul>"
    }
}

/// Page query parameters: the API's checks (a bad value is a 400 with the API's words), unknown names ignored.
struct PageParameters {
    let values: QueryParameters
    init(_ query: [String: String]) { values = QueryParameters(raw: query) }

    func string(_ name: String, maxLength: Int = 500) throws -> String? { try values.string(name, maxLength: maxLength) }
    func oneOf(_ name: String, _ allowed: Set<String>) throws -> String? { try values.oneOf(name, allowed) }
    func slug(_ name: String) throws -> String? { try values.slug(name) }
    func dateRange() throws -> (String?, String?) { try values.dateRange() }
    func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        try values.integer(name, default: value, range: range)
    }
    func cursor(_ kind: String, parts: Int, validate: ([String]) -> Bool) throws -> [String]? {
        try values.cursor(kind, parts: parts, validate: validate)
    }
    func uuid(_ name: String) throws -> UUID? {
        guard let s = try string(name, maxLength: 64) else { return nil }
        guard let id = CanonicalUUID.parse(s) else { throw Problem.badRequest("\"\(name)\" must be a document id (a UUID).") }
        return id
    }
}
