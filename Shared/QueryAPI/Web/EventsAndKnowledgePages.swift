import DalaCore
import DalaLanguages
import DalaService
import DalaStorage
import Foundation
import Hummingbird

extension WebPages {
    static let eventParameters = ["type", "modality", "participant", "with", "role", "from", "to", "doc", "lang", "cursor"]

    /// `/events`: events filtered by type, modality, participants (and a second one: dyads), role, dates, document
    /// and language, newest first, each with every report of it.
    func events(_ ui: WebUI, _ query: [String: String]) async throws -> WebPage {
        let p = PageParameters(query)
        let vocabulary = EventVocabulary.shared
        var f = EventFilter()
        (f.from, f.to) = try p.dateRange()
        f.type = try p.oneOf("type", Set(vocabulary.eventTypes).union(try await store.eventFacetValues("type").map(\.value)))
        f.modality = try p.oneOf("modality", Set(vocabulary.modalities).union(try await store.eventFacetValues("modality").map(\.value)))
        f.role = try p.oneOf("role", Set(vocabulary.roles))
        f.language = try p.oneOf("lang", QueryController.languages)
        f.documentID = try p.uuid("doc")
        f.collapse = f.documentID == nil  // one card per real-world event, "reported by N documents"
        let participant = try p.string("participant", maxLength: 200)
        let with = try p.string("with", maxLength: 200)
        if let participant {
            f.entityIDs = try await store.entityExists(participant) ? [participant] : Array(QueryController.entityIDs(named: participant, self.vocabulary).prefix(20))
            guard !f.entityIDs.isEmpty else { throw Problem.notFound("No entity \"\(participant)\".") }
        }
        if let with {
            f.participantIDs = try await store.entityExists(with) ? [with] : Array(QueryController.entityIDs(named: with, self.vocabulary).prefix(20))
            guard !f.participantIDs.isEmpty else { throw Problem.notFound("No entity \"\(with)\".") }
        }
        if f.role != nil && f.entityIDs.isEmpty { throw Problem.badRequest("\"role\" needs \"participant\".") }
        let cursor = try p.cursor("web-events", parts: 2, validate: QueryController.validEventCursor)
        let page = try await store.events(f, limit: 25, cursor: cursor)
        let current = query.filter { Self.eventParameters.contains($0.key) }

        var body = "<h1>\(HTML.escape(ui["nav.events"]))</h1><form class=\"filters\" method=\"get\" action=\"/events\">"
        body += "<label>\(HTML.escape(ui["facet.event_type"]))\(HTML.select("type", vocabulary.eventTypes.map { ($0, ui.value("event", $0)) }, selected: f.type, any: ui["filter.any"]))</label>"
        body += "<label>\(HTML.escape(ui["facet.modality"]))\(HTML.select("modality", vocabulary.modalities.map { ($0, ui.value("modality", $0)) }, selected: f.modality, any: ui["filter.any"]))</label>"
        body += "<label>\(HTML.escape(ui["filter.participant"]))<input name=\"participant\" value=\"\(HTML.escape(participant ?? ""))\" size=\"16\"></label>"
        body += "<label>\(HTML.escape(ui["filter.role"]))\(HTML.select("role", vocabulary.roles.map { ($0, ui.value("role", $0)) }, selected: f.role, any: ui["filter.any"]))</label>"
        body += "<label>+ \(HTML.escape(ui["filter.participant"]))<input name=\"with\" value=\"\(HTML.escape(with ?? ""))\" size=\"16\"></label>"
        body += "<label>\(HTML.escape(ui["filter.from"]))<input name=\"from\" value=\"\(HTML.escape(query["from"] ?? ""))\" size=\"10\" placeholder=\"YYYY-MM\"></label>"
        body += "<label>\(HTML.escape(ui["filter.to"]))<input name=\"to\" value=\"\(HTML.escape(query["to"] ?? ""))\" size=\"10\" placeholder=\"YYYY-MM\"></label>"
        body += "<label>\(HTML.escape(ui["facet.language"]))\(HTML.select("lang", LanguageRegistry.codesOrDefault.map { ($0, ui.value("lang", $0)) }, selected: f.language, any: ui["filter.any"]))</label>"
        if let doc = f.documentID { body += "<input type=\"hidden\" name=\"doc\" value=\"\(doc.lowercasedString)\">" }
        body += "<button type=\"submit\">\(HTML.escape(ui["filter.apply"]))</button></form>"
        body += "<div class=\"events\" style=\"margin-top:1em\">"
        if page.items.isEmpty { body += "<p>\(HTML.escape(ui["events.none"]))</p>" }
        for e in page.items { body += eventCard(ui, e, showDocument: true) }
        body += "</div>"
        if let next = page.nextCursor, let parts = Cursor.decode(next) {
            var nextQuery = current
            nextQuery["cursor"] = Cursor.encode(["web-events"] + parts)
            body += "<p class=\"pager\"><a href=\"\(HTML.escape(HTML.link("/events", Self.eventParameters.map { ($0, nextQuery[$0]) })))\">\(HTML.escape(ui["misc.next"])) →</a></p>"
        }
        return WebPage(title: ui["nav.events"], ui: ui, selfPath: "/events", selfQuery: Self.eventParameters.map { ($0, current[$0]) }, body: body)
    }

    /// `/kb`: every knowledge-base entity, filtered by type and by a name (any label or alias containing it, or
    /// anything the analyser resolves it to: inflected and suffixed forms too), most mentioned first.
    func kb(_ ui: WebUI, _ query: [String: String]) async throws -> WebPage {
        let p = PageParameters(query)
        let name = try p.string("q", maxLength: 200)
        let type = try p.oneOf("type", QueryController.entityTypes)
        let pageNumber = try p.integer("page", default: 1, range: 1...10_000)
        var entities = knowledge.all
        if let type { entities = entities.filter { $0.type == type } }
        if let name {
            let needle = name.lowercased()
            let resolved = Set(QueryController.entityIDs(named: name, vocabulary))
            entities = entities.filter { e in
                resolved.contains(e.id) || e.id.lowercased() == needle
                    || e.labels.values.contains { $0.lowercased().contains(needle) } || e.aliases.contains { $0.lowercased().contains(needle) }
            }
        }
        let counts = try await store.entityCounts(entities.map(\.id))
        entities.sort { a, b in
            let ca = counts[a.id]?.mentions ?? 0, cb = counts[b.id]?.mentions ?? 0
            return ca != cb ? ca > cb : entityLabel(a, ui.lang) < entityLabel(b, ui.lang)
        }
        let perPage = 100
        let shown = entities.dropFirst((pageNumber - 1) * perPage).prefix(perPage)
        var body = "<h1>\(HTML.escape(ui["nav.kb"]))</h1><p class=\"muted\">\(HTML.escape(ui["kb.intro"]))</p>"
        body += "<form class=\"filters\" method=\"get\" action=\"/kb\"><label>\(HTML.escape(ui["kb.filter"]))<input type=\"search\" name=\"q\" value=\"\(HTML.escape(name ?? ""))\"></label>"
        body += "<label>\(HTML.escape(ui["facet.entity_type"]))\(HTML.select("type", EventVocabulary.shared.entityTypes.map { ($0, typeLabel(ui, $0)) }, selected: type, any: ui["filter.any"]))</label>"
        body += "<button type=\"submit\">\(HTML.escape(ui["filter.apply"]))</button></form>"
        body += "<p class=\"muted\">\(entities.count) \(HTML.escape(ui["kb.entities"]))</p>"
        body += "<table class=\"kb\"><tr><th>id</th><th>\(HTML.escape(ui["facet.entity_type"]))</th>" + LanguageRegistry.codesOrDefault.map { "<th>\(HTML.escape($0))</th>" }.joined() + "<th>\(HTML.escape(ui["kb.mentions"]))</th></tr>"
        for e in shown {
            body += "<tr><td><a href=\"\(HTML.escape(Self.entityHref(e.id)))\">\(HTML.escape(e.id))</a></td><td><span class=\"chip t-\(HTML.escape(e.type))\">\(HTML.escape(typeLabel(ui, e.type)))</span></td>"
            for l in LanguageRegistry.codesOrDefault { body += "<td>\(HTML.escape(e.labels[l] ?? ""))</td>" }
            body += "<td class=\"n\">\(counts[e.id]?.mentions ?? 0)</td></tr>"
        }
        body += "</table>"
        if entities.count > pageNumber * perPage {
            let href = HTML.link("/kb", [("q", name), ("type", type), ("page", String(pageNumber + 1))])
            body += "<p class=\"pager\"><a href=\"\(HTML.escape(href))\">\(HTML.escape(ui["misc.next"])) →</a></p>"
        }
        return WebPage(title: ui["nav.kb"], ui: ui, selfPath: "/kb", selfQuery: [("q", name), ("type", type), ("page", query["page"])], body: body)
    }

    // MARK: - Upload

    func uploadForm(_ ui: WebUI, _ query: [String: String], error: String? = nil) async throws -> WebPage {
        // A page that follows submitted documents: `?sha=...` (one per document), refreshed until all are done.
        let shas = (query["sha"] ?? "").split(separator: ",").map(String.init).filter { $0.count == 64 && $0.allSatisfy(\.isHexDigit) }.prefix(50)
        var body = "<h1>\(HTML.escape(ui["nav.upload"]))</h1>"
        var pending = false
        if !shas.isEmpty {
            body += "<h2>\(HTML.escape(ui["upload.progress"]))</h2><ul>"
            for sha in shas {
                if let d = try await store.document(sha256: sha) {
                    if d.status != "enriched" && d.status != "failed" { pending = true }
                    body += "<li><a href=\"\(HTML.escape(Self.documentHref(d.id)))\">\(HTML.escape(d.title ?? ui["misc.untitled"]))</a> <span class=\"badge\">\(HTML.escape(d.status))</span></li>"
                } else {
                    pending = true
                    body += "<li class=\"muted\">\(sha.prefix(12))… \(HTML.escape(ui["upload.waiting"]))</li>"
                }
            }
            body += "</ul>"
            if pending { body += "<p class=\"muted\">\(HTML.escape(ui["upload.refresh"]))</p>" }
        }
        if let error { body += "<p class=\"error\">\(HTML.escape(error))</p>" }
        if submissions == nil { body += "<p class=\"error\">\(HTML.escape(ui["upload.unavailable"]))</p>" }
        body += "<p class=\"muted\">\(HTML.escape(ui["upload.intro"]))</p>"
        body += "<form class=\"upload\" method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\" accept-charset=\"utf-8\">"
        body += "<label>\(HTML.escape(ui["upload.text"]))<textarea name=\"text\"></textarea></label>"
        body += "<label>\(HTML.escape(ui["upload.files"]))<input type=\"file\" name=\"files\" multiple accept=\"\(Self.uploadAccept)\"></label>"
        body += "<label>\(HTML.escape(ui["upload.title"]))<input name=\"title\" maxlength=\"500\"></label><div class=\"row\">"
        body += "<label>\(HTML.escape(ui["upload.language"]))\(HTML.select("language", LanguageRegistry.codesOrDefault.map { ($0, ui.value("lang", $0)) }, selected: nil, any: ui["upload.detect"]))</label>"
        body += "<label>\(HTML.escape(ui["upload.published"]))<input name=\"published\" size=\"12\" placeholder=\"2024-05-17\"></label></div>"
        body += "<div><button type=\"submit\">\(HTML.escape(ui["upload.send"]))</button></div></form>"
        var page = WebPage(title: ui["nav.upload"], ui: ui, selfPath: "/upload", selfQuery: [("sha", query["sha"])], body: body)
        if pending { page.refreshSeconds = 2 }
        if error != nil { page.status = .badRequest }
        return page
    }

    /// `POST /upload`: takes a text and files (plain text, PDF, DOCX, HTML) from this site only (`SameOrigin`),
    /// validates what it can as ingest will, publishes texts and files to `dala.documents.submit` and answers with a
    /// redirect to the page that follows them (by content hash for a text, by file hash for a file: ingest assigns
    /// the ids, and extracts the files on the same path as `POST /v1/documents`).
    func upload(_ ui: WebUI, _ query: [String: String], request: Request, body: [UInt8]) async throws -> WebPage {
        if let refusal = SameOrigin.refusal(request) { throw Problem(.forbidden, "Cross-site request refused", detail: refusal) }
        guard let publisher = submissions else { return try await uploadForm(ui, [:], error: ui["upload.unavailable"]) }
        guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? ""),
              let parts = MultipartForm.parse(body, boundary: boundary) else {
            throw Problem(.unsupportedMediaType, "Unsupported media type", detail: "The upload form posts multipart/form-data.")
        }
        func field(_ name: String) -> String? {
            parts.first { $0.name == name && $0.filename == nil }
                .flatMap { String(validating: $0.body, as: UTF8.self) }?.trimmingCharacters(in: .whitespacesAndNewlines)
                .nilIfEmpty
        }
        let title = field("title"), language = field("language"), published = field("published")
        var texts: [(text: String, name: String?)] = []
        var files: [FileSubmission] = []
        if let text = field("text") { texts.append((text, nil)) }
        for file in parts where file.filename != nil && !(file.filename ?? "").isEmpty && !file.body.isEmpty {
            let name = file.filename ?? ""
            if file.body.count > uploadLimits.maxFileBytes {
                var page = try await uploadForm(ui, [:], error: "\(name): " + ui["upload.too_large"]
                    .replacingOccurrences(of: "{n}", with: String(uploadLimits.maxFileBytes >> 20)))
                page.status = .contentTooLarge
                return page
            }
            switch UploadKind(filename: name, contentType: file.contentType, bytes: file.body) {
            case .text:
                guard let text = String(validating: file.body, as: UTF8.self) else {
                    return try await uploadForm(ui, [:], error: "\(name): " + ui["upload.not_text"])
                }
                texts.append((text, name))
            case .file:
                files.append(FileSubmission(file: .init(mediaType: file.contentType, filename: name, content: Data(file.body)),
                                            title: title, source: "upload:" + name, language: language, published: published))
            }
        }
        guard !texts.isEmpty || !files.isEmpty else { return try await uploadForm(ui, [:], error: ui["upload.empty"]) }
        let validator = SubmissionValidator()
        var submissions: [DocumentSubmission] = [], hashes: [String] = []
        for (text, name) in texts {
            let submission = DocumentSubmission(text: text, title: title ?? vocabulary.documentTitle(of: text) ?? name,
                                                source: name.map { "upload:" + $0 } ?? "upload", language: language,
                                                published: published)
            do {
                hashes.append(try validator.validate(submission).sha256)
            } catch {
                return try await uploadForm(ui, [:], error: (name.map { $0 + ": " } ?? "") + error.detail)
            }
            submissions.append(submission)
        }
        if !submissions.isEmpty { try await publisher.publish(submissions) }
        if !files.isEmpty { try await publisher.publish(files: files) }
        hashes += files.map(\.fileSHA256)
        var page = WebPage(title: ui["nav.upload"], ui: ui, selfPath: "/upload", selfQuery: [], body: "")
        page.redirect = "/upload?sha=" + hashes.joined(separator: ",")
        return page
    }
}

/// What the upload form does with a file part: take it as text here, or hand the file to ingest for extraction.
enum UploadKind: Equatable {
    case text, file

    init(filename: String, contentType: String?, bytes: [UInt8]) {
        let ext = (filename as NSString).pathExtension.lowercased()
        let type = (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        if ["txt", "text"].contains(ext) { self = .text; return }
        if ["pdf", "docx", "html", "htm", "xhtml"].contains(ext)
            || ["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/html",
                "application/xhtml+xml"].contains(type) { self = .file; return }
        if type == "text/plain" { self = .text; return }
        // No telling name or type: a PDF or a ZIP (DOCX) by its first bytes goes to ingest, which knows formats
        // (and refuses what it cannot read); anything else must be UTF-8 text.
        let head = bytes.prefix(1024)
        let pdf = Array("%PDF-".utf8)
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || (0...max(0, head.count - pdf.count)).contains(where: { i in
            head.count >= pdf.count && head.dropFirst(i).starts(with: pdf) }) {
            self = .file
        } else {
            self = .text
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
