import DalaCore
import DalaService
import DalaStorage
import Foundation
import Hummingbird

/// The analyst's web workspace: server-rendered pages over the same store and vocabulary as the JSON API. No page
/// needs JavaScript; pictures are SVG drawn here.
public struct WebPages: Sendable {
    let store: QueryStore
    let vocabulary: any SearchVocabulary
    let searchKeys: SearchKeyCache
    let submissions: (any SubmissionPublisher)?
    let knowledge: KnowledgeIndex
    let uploadLimits: UploadSettings
    /// The upload form's `accept`: what ingest extracts, and plain text.
    static let uploadAccept = ".txt,.pdf,.docx,.html,.htm,text/plain,application/pdf,"
        + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/html"

    /// Every page path (GET unless noted), for the 405/404 logic of `UnroutedMiddleware`.
    public static let paths = ["/", "/documents/{id}", "/entities/{id}", "/events", "/kb", "/upload", "/static/style.css"]

    init(store: QueryStore, vocabulary: any SearchVocabulary, searchKeys: SearchKeyCache, submissions: (any SubmissionPublisher)?,
         upload: UploadSettings = UploadSettings()) {
        self.store = store; self.vocabulary = vocabulary; self.searchKeys = searchKeys; self.submissions = submissions
        self.uploadLimits = upload
        self.knowledge = KnowledgeIndex(vocabulary: vocabulary)
    }

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/") { request, _ in try await self.page(request) { try await self.search($0, $1) } }
        router.get("/documents/:id") { request, context in
            try await self.page(request) { try await self.document($0, $1, id: try pathParameter(context, "id")) }
        }
        router.get("/entities/:id") { request, context in
            try await self.page(request) { try await self.entity($0, $1, id: try pathParameter(context, "id")) }
        }
        router.get("/events") { request, _ in try await self.page(request) { try await self.events($0, $1) } }
        router.get("/kb") { request, _ in try await self.page(request) { try await self.kb($0, $1) } }
        router.get("/upload") { request, _ in try await self.page(request) { try await self.uploadForm($0, $1) } }
        router.post("/upload") { request, context in
            var request = request
            let body = try await request.collectBody(upTo: uploadLimits.maxBodyBytes + 64 * 1024)
            let bytes = Array(body.readableBytesView)
            return try await self.page(request) { try await self.upload($0, $1, request: request, body: bytes) }
        }
        router.get("/static/style.css") { _, _ in
            guard let url = Bundle.module.url(forResource: "style", withExtension: "css", subdirectory: "Resources/web"),
                  let css = try? Data(contentsOf: url) else { throw Problem.notFound("No stylesheet.") }
            return Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=300"],
                            body: .init(byteBuffer: ByteBuffer(bytes: css)))
        }
    }

    /// Decodes the query, picks the interface language and renders `build`; a bad parameter is an HTML error page
    /// with the same status and words the API would use, never a 500.
    func page(_ request: Request, _ build: (WebUI, [String: String]) async throws -> WebPage) async throws -> Response {
        var query: [String: String] = [:]
        let ui: WebUI
        do {
            for (k, v) in try QueryParameters.decode(request.uri.query ?? "") where query[k] == nil { query[k] = v }
            ui = WebUI(request: request, query: query)
        } catch let problem as Problem {
            let ui = WebUI(request: request, query: [:])
            return errorPage(ui, problem, path: request.uri.path).response(setCookie: false)
        }
        let setCookie = query["ui"] != nil
        do {
            return try await build(ui, query).response(setCookie: setCookie)
        } catch let problem as Problem {
            return errorPage(ui, problem, path: request.uri.path).response(setCookie: setCookie)
        }
    }

    func errorPage(_ ui: WebUI, _ problem: Problem, path: String) -> WebPage {
        let body = "<h1>\(HTML.escape(ui["error.title"]))</h1><p class=\"error\">\(HTML.escape(problem.detail))</p>"
            + "<p><a href=\"/\">\(HTML.escape(ui["misc.back"]))</a></p>"
        return WebPage(title: problem.title, ui: ui, selfPath: path, selfQuery: [], body: body, status: problem.status)
    }

    // MARK: - Shared pieces

    func typeLabel(_ ui: WebUI, _ t: String) -> String { ui.value("type", t) }

    func entityLabel(_ view: EntityView, _ lang: String) -> String {
        view.labels[lang] ?? view.labels["en"] ?? view.labels["ru"] ?? view.labels["kk"]
            ?? view.labels.sorted { $0.key < $1.key }.first?.value ?? view.id
    }

    static func entityHref(_ id: String) -> String { "/entities/" + HTML.urlEncode(id) }
    static func documentHref(_ id: UUID, highlight: (Int, Int)? = nil, sentence: Int? = nil) -> String {
        var s = "/documents/" + id.uuidString.lowercased()
        if let (a, b) = highlight { s += "?hl=\(a)-\(b)" }
        if let sentence { s += "#s\(sentence)" }
        return s
    }

    func date(_ s: String?) -> String { s ?? "" }

    /// One event as a card: type, date, modality, participants and every report with its evidence.
    func eventCard(_ ui: WebUI, _ e: EventView, showDocument: Bool) -> String {
        var s = "<div class=\"ev\" id=\"e\(e.id.uuidString.lowercased())\"><div class=\"head\">"
        s += "<span class=\"type\" style=\"color:\(Palette.eventColour(e.type, known: EventVocabulary.shared.eventTypes))\">\(HTML.escape(ui.value("event", e.type)))</span>"
        let when = e.date?.value ?? e.date?.start ?? ui["doc.undated"]
        s += "<span>\(HTML.escape(when))</span><span class=\"badge m-\(HTML.escape(e.modality))\">\(HTML.escape(ui.value("modality", e.modality)))</span>"
        if let cameo = e.cameo { s += "<span class=\"muted\">CAMEO \(HTML.escape(cameo))</span>" }
        s += "</div>"
        let who = e.participants.filter { $0.role != "place" || $0.entityID != nil }.map { p -> String in
            let name = p.entityID.map { "<a href=\"\(HTML.escape(Self.entityHref($0)))\">\(HTML.escape(p.label ?? p.surface))</a>" }
                ?? HTML.escape(p.surface)
            return "\(HTML.escape(ui.value("role", p.role))): \(name)"
        }
        if !who.isEmpty { s += "<div class=\"who\">\(who.joined(separator: " · "))</div>" }
        for m in e.mentions {
            // The trigger word marked inside the evidence sentence (offsets are into the original text).
            let evidence = HTML.marked(m.evidence, spans: [(m.triggerStart - m.start, m.triggerEnd - m.start, "<mark>")])
            s += "<blockquote>\(evidence) <a class=\"muted\" href=\"\(HTML.escape(Self.documentHref(e.documentID, highlight: (m.start, m.end), sentence: m.sentenceIndex)))\">"
            s += showDocument ? HTML.escape(e.documentTitle ?? ui["misc.untitled"]) : "¶"
            s += "</a></blockquote>"
        }
        return s + "</div>"
    }

    /// A facet list whose entries toggle one parameter of the current page.
    func facet(_ title: String, _ values: [SearchFacets.Value], parameter: String, current: [String: String],
               path: String, params: [String], label: (SearchFacets.Value) -> String) -> String {
        guard !values.isEmpty else { return "" }
        var s = "<h3>\(HTML.escape(title))</h3><ul>"
        for v in values {
            let on = current[parameter] == v.key
            var next = current
            next[parameter] = on ? nil : v.key
            next["cursor"] = nil
            let href = HTML.link(path, params.map { ($0, next[$0]) })
            s += "<li\(on ? " class=\"on\"" : "")><a href=\"\(HTML.escape(href))\">\(HTML.escape(label(v)))\(on ? " ✕" : "")</a><span class=\"n\">\(v.count)</span></li>"
        }
        return s + "</ul>"
    }
}

/// The knowledge base as the pages need it: every entity by id, and a name filter. Built once, on first use.
final class KnowledgeIndex: @unchecked Sendable {
    /// The knowledge base of `vocabulary` by id (indexes shared per vocabulary type, built once).
    static func entities(_ vocabulary: any SearchVocabulary) -> [String: EntityView] {
        let key = String(describing: type(of: vocabulary))
        let index = sharedLock.withLock { () -> KnowledgeIndex in
            if let known = shared[key] { return known }
            let made = KnowledgeIndex(vocabulary: vocabulary)
            shared[key] = made
            return made
        }
        return index.index().byID
    }
    // Confinement: `shared` is only touched under `sharedLock`.
    nonisolated(unsafe) private static var shared: [String: KnowledgeIndex] = [:]
    private static let sharedLock = NSLock()

    // Confinement: `built` is written once under `lock` and read under it.
    private let lock = NSLock()
    private var built: (all: [EntityView], byID: [String: EntityView])?
    let vocabulary: any SearchVocabulary

    init(vocabulary: any SearchVocabulary) { self.vocabulary = vocabulary }

    var all: [EntityView] { index().all }
    func entity(_ id: String) -> EntityView? { index().byID[id] }

    private func index() -> (all: [EntityView], byID: [String: EntityView]) {
        if let b = lock.withLock({ built }) { return b }
        let all = vocabulary.knowledgeEntities()
        let b = (all, Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
        lock.withLock { built = b }
        return b
    }
}
