import DalaCore
import DalaService
import DalaStorage
import Foundation
import Hummingbird

extension WebPages {
    /// `/documents/{id}`: the original text with sentences as anchors (`#s3`), mentions marked by type and linked
    /// to their entity, the hit range of a search (`?hl=start-end`) marked, events in the margin.
    func document(_ ui: WebUI, _ query: [String: String], id raw: String?) async throws -> WebPage {
        guard let raw, let id = CanonicalUUID.parse(raw) else {
            throw Problem.badRequest("The document id must be a UUID (8-4-4-4-12 hex digits).")
        }
        var hl: (Int, Int)? = nil
        if let h = query["hl"] {
            let parts = h.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, parts[0] >= 0, parts[0] <= parts[1] else {
                throw Problem.badRequest("\"hl\" must be START-END code-point offsets.")
            }
            hl = (parts[0], parts[1])
        }
        guard let doc = try await store.document(id, withAnalysis: true) else { throw Problem.notFound("No document \(id.lowercasedString).") }
        async let textResult = store.rawText(id)
        async let annotationsResult = store.annotations(document: id)
        let text = try await textResult ?? ""
        let annotations = try await annotationsResult

        var body = "<h1>\(HTML.escape(doc.title ?? ui["misc.untitled"]))</h1><p class=\"muted\">"
        var meta: [String] = []
        if let published = doc.published { meta.append("\(HTML.escape(ui["doc.published"])): \(HTML.escape(published))") }
        let languages = Self.languageShares(doc.languages).map { "\(ui.value("lang", $0.0)) \(Int(($0.1 * 100).rounded()))%" }
        if !languages.isEmpty { meta.append("\(HTML.escape(ui["doc.languages"])): \(HTML.escape(languages.joined(separator: ", ")))") }
        else if let l = doc.detectedLanguage ?? doc.language { meta.append("\(HTML.escape(ui["doc.languages"])): \(HTML.escape(ui.value("lang", l)))") }
        let structure = Self.structure(doc.analysis)
        if !structure.isEmpty { meta.append("\(HTML.escape(ui["doc.structure"])): \(HTML.escape(structure))") }
        meta.append("\(HTML.escape(ui["doc.status"])): \(HTML.escape(doc.status))")
        meta.append("\(doc.charLength) \(HTML.escape(ui["doc.characters"]))")
        if let a = annotations {
            meta.append("\(a.sentences.count) \(HTML.escape(ui["doc.sentences"]))")
            meta.append("\(a.mentions.count) \(HTML.escape(ui["doc.mentions"]))")
        }
        let idText = id.lowercasedString
        var offsets = "/v1/documents/\(idText)/annotations"
        if let (a, b) = hl { offsets = "/v1/documents/\(idText)/text?start=\(a)&end=\(b)" }
        meta.append("<a href=\"\(HTML.escape(offsets))\">\(HTML.escape(ui["doc.offsets"]))</a>")
        body += meta.joined(separator: " · ") + "</p>"

        let sentences = annotations?.sentences ?? []
        let mentions = annotations?.mentions ?? []
        let events = annotations?.events ?? []
        if doc.status == "extracting", let file = try await FileStore(client: store.client).pagesView(id) {
            let note = ui["doc.extracting"].replacingOccurrences(of: "{done}", with: String(file.ocr.done))
                .replacingOccurrences(of: "{total}", with: String(file.ocr.pages))
            body += "<p class=\"error\">\(HTML.escape(note))</p>"
        } else if doc.status != "enriched" {
            body += "<p class=\"error\">\(HTML.escape(ui["doc.not_enriched"]))</p>"
        }

        // Entities of the document as chips, most mentioned first.
        var byEntity: [String: (label: String, type: String, n: Int)] = [:]
        for m in mentions {
            byEntity[m.entityID, default: (m.label ?? m.surface, m.entityType ?? "other", 0)].n += 1
        }
        var chips = ""
        for (eid, v) in byEntity.sorted(by: { ($0.value.n, $1.key) > ($1.value.n, $0.key) }).prefix(40) {
            chips += "<a class=\"chip t-\(HTML.escape(v.type))\" href=\"\(HTML.escape(Self.entityHref(eid)))\">\(HTML.escape(v.label)) <span class=\"muted\">\(v.n)</span></a>"
        }

        let marked = Self.renderText(text, sentences: sentences, mentions: mentions, selected: hl, ui: ui)
        var main = "<section><p class=\"muted\">\(HTML.escape(ui["doc.original"]))</p>"
        main += "<div class=\"doctext\">\(marked)</div></section>"
        var margin = "<aside class=\"events\">"
        if !chips.isEmpty { margin += "<h2>\(HTML.escape(ui["doc.entities"]))</h2><div>\(chips)</div>" }
        margin += "<h2>\(HTML.escape(ui["doc.events"])) (\(events.count))</h2>"
        let ordered = events.sorted { ($0.mentions.first?.start ?? 0) < ($1.mentions.first?.start ?? 0) }
        for e in ordered { margin += eventCard(ui, e, showDocument: false) }
        margin += "</aside>"
        body += "<div class=\"layout doc\">" + main + margin + "</div>"
        return WebPage(title: doc.title ?? idText, ui: ui, selfPath: "/documents/\(idText)",
                       selfQuery: [("hl", query["hl"])], body: body)
    }

    /// The parts the analysis found (`title, abstract, keywords, body ×4`), per document of the text (`|` between).
    static func structure(_ analysis: JSONValue?) -> String {
        guard case .object(let a)? = analysis, case .array(let documents)? = a["documents"] else { return "" }
        return documents.compactMap { d -> String? in
            guard case .object(let doc) = d, case .array(let parts)? = doc["parts"] else { return nil }
            var runs: [(String, Int)] = []
            for p in parts {
                guard case .object(let part) = p, case .string(let kind)? = part["kind"] else { continue }
                if runs.last?.0 == kind { runs[runs.count - 1].1 += 1 } else { runs.append((kind, 1)) }
            }
            return runs.map { $0.1 > 1 ? "\($0.0) ×\($0.1)" : $0.0 }.joined(separator: ", ")
        }.joined(separator: " | ")
    }

    /// `languages` of a document row (`{"kk": 0.7, "ru": 0.3}`), largest share first.
    static func languageShares(_ value: JSONValue?) -> [(String, Double)] {
        guard let value, let data = try? JSONEncoder().encode(value),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return object.compactMap { k, v in (v as? NSNumber).map { (k, $0.doubleValue) } }.sorted { $0.1 > $1.1 }
    }

    /// The original text as HTML: each sentence a `<span class="s" id="sN">` (the selected one marked), each mention
    /// inside it a link to its entity with the type as class and the entity's label as tooltip. Text outside
    /// sentences (headings the analyser left out, blank lines) is shown as it is.
    static func renderText(_ text: String, sentences: [SentenceView], mentions: [MentionView], selected: (Int, Int)?,
                           ui: WebUI) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        out.reserveCapacity(scalars.count * 2)
        var at = 0
        var mentionIndex = 0
        let sortedMentions = mentions.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        func plain(_ a: Int, _ b: Int) { if b > a { out += HTML.escape(HTML.slice(scalars, a, b)) } }
        for s in sentences.sorted(by: { $0.start < $1.start }) where s.start >= at && s.end <= scalars.count && s.start < s.end {
            plain(at, s.start)
            let isSelected = selected.map { $0.0 < s.end && s.start < max($0.1, $0.0 + 1) } ?? false
            out += "<span class=\"s\(isSelected ? " sel" : "")\" id=\"s\(s.index)\" data-start=\"\(s.start)\">"
            var inner = s.start
            while mentionIndex < sortedMentions.count && sortedMentions[mentionIndex].start < s.end {
                let m = sortedMentions[mentionIndex]
                mentionIndex += 1
                guard m.start >= inner, m.end <= s.end, m.start < m.end else { continue }
                plain(inner, m.start)
                let type = m.entityType ?? "other"
                let tip = "\(m.label ?? m.entityID) · \(ui.value("type", type)) · \(m.entityID)"
                out += "<a class=\"m t-\(HTML.escape(type))\" href=\"\(HTML.escape(entityHref(m.entityID)))\" title=\"\(HTML.escape(tip))\" data-entity=\"\(HTML.escape(m.entityID))\">"
                out += HTML.escape(HTML.slice(scalars, m.start, m.end)) + "</a>"
                inner = m.end
            }
            plain(inner, s.end)
            out += "</span>"
            at = s.end
        }
        plain(at, scalars.count)
        return out
    }
}
