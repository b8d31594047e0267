import DalaService
import Foundation
import Hummingbird

/// HTML text helpers for the web workspace. Every value from the store or the request goes through `escape`.
enum HTML {
    /// Escapes text for element content and double-quoted attributes.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newlines have no business in a page.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Percent-encodes a path segment or query value (everything but unreserved ASCII).
    static func urlEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }

    /// `path?k=v&...` with the non-empty values, in the given order.
    static func link(_ path: String, _ params: [(String, String?)]) -> String {
        let query = params.compactMap { k, v in v.flatMap { $0.isEmpty ? nil : urlEncode(k) + "=" + urlEncode($0) } }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    /// The text with the half-open code-point spans wrapped by `open(span)`/`close` (spans sorted, not overlapping;
    /// offsets relative to the text).
    static func marked(_ text: String, spans: [(start: Int, end: Int, open: String)], close: String = "</mark>") -> String {
        let scalars = Array(text.unicodeScalars)
        var out = "", at = 0
        for s in spans.sorted(by: { $0.start < $1.start }) where s.start >= at && s.end <= scalars.count && s.start < s.end {
            out += escape(slice(scalars, at, s.start)) + s.open + escape(slice(scalars, s.start, s.end)) + close
            at = s.end
        }
        return out + escape(slice(scalars, at, scalars.count))
    }

    static func slice(_ scalars: [Unicode.Scalar], _ from: Int, _ to: Int) -> String {
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[max(0, from)..<min(to, scalars.count)])
        return String(v)
    }

    /// A `<select>` with an "any" entry and the current value selected.
    static func select(_ name: String, _ options: [(value: String, label: String)], selected: String?, any: String) -> String {
        var out = "<select name=\"\(escape(name))\"><option value=\"\">\(escape(any))</option>"
        for o in options {
            out += "<option value=\"\(escape(o.value))\"\(o.value == selected ? " selected" : "")>\(escape(o.label))</option>"
        }
        return out + "</select>"
    }
}

/// Interface labels in kk/ru/en, from `Resources/web/labels.json`.
struct WebLabels: Sendable {
    static let languages = ["kk", "ru", "en"]
    let table: [String: [String: String]]

    static let shared: WebLabels = {
        guard let url = Bundle.module.url(forResource: "labels", withExtension: "json", subdirectory: "Resources/web"),
              let data = try? Data(contentsOf: url),
              let table = try? JSONDecoder().decode([String: [String: String]].self, from: data) else {
            return WebLabels(table: [:])
        }
        return WebLabels(table: table)
    }()

    /// The label in `lang`, else English, else the key itself (a missing label shows, it does not crash).
    func text(_ key: String, _ lang: String) -> String { table[lang]?[key] ?? table["en"]?[key] ?? key }
}

/// Event types, modalities and roles the extractor produces (`Resources/event-vocabulary.json`): documented values
/// are valid filters even before the store holds one.
struct EventVocabulary: Sendable, Decodable {
    var eventTypes: [String]
    var modalities: [String]
    var roles: [String]
    var entityTypes: [String]
    enum CodingKeys: String, CodingKey {
        case eventTypes = "event_types", modalities, roles, entityTypes = "entity_types"
    }

    static let shared: EventVocabulary = {
        guard let url = Bundle.module.url(forResource: "event-vocabulary", withExtension: "json", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url),
              let v = try? JSONDecoder().decode(EventVocabulary.self, from: data) else {
            return EventVocabulary(eventTypes: [], modalities: [], roles: [], entityTypes: [])
        }
        return v
    }()
}

/// One page request's interface language and label lookup.
struct WebUI: Sendable {
    let lang: String
    let labels: WebLabels

    /// `?ui=` wins (and is remembered in a cookie), then the `dala_ui` cookie, then `Accept-Language`, then English.
    init(request: Request, query: [String: String], labels: WebLabels = .shared) {
        self.labels = labels
        if let ui = query["ui"], WebLabels.languages.contains(ui) { lang = ui; return }
        if let cookie = request.headers[.cookie], let v = Self.cookieValue(cookie, "dala_ui"), WebLabels.languages.contains(v) {
            lang = v; return
        }
        let accept = request.headers[.acceptLanguage] ?? ""
        lang = accept.split(separator: ",").lazy.map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).prefix(2).lowercased() }
            .first { WebLabels.languages.contains($0) } ?? "en"
    }

    static func cookieValue(_ header: String, _ name: String) -> String? {
        for part in header.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2 && kv[0] == name { return kv[1] }
        }
        return nil
    }

    init(lang: String, labels: WebLabels) { self.lang = lang; self.labels = labels }

    subscript(_ key: String) -> String { labels.text(key, lang) }

    /// A label with `{name}` placeholders filled.
    func format(_ key: String, _ values: [String: String]) -> String {
        values.reduce(self[key]) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    /// A label for a value of a closed set (`type.country`), the value itself when there is none.
    func value(_ prefix: String, _ v: String) -> String {
        let key = prefix + "." + v
        let t = labels.text(key, lang)
        return t == key ? v : t
    }
}

/// The frame around every page: header with navigation and language switch, then `body`.
struct WebPage {
    var title: String
    var ui: WebUI
    /// The path and query of this page without `ui`, for the language switch.
    var selfPath: String
    var selfQuery: [(String, String?)]
    var body: String
    var status: HTTPResponse.Status = .ok
    var refreshSeconds: Int? = nil
    /// When set, the answer is a `303 See Other` to this path instead of the page (after a form post).
    var redirect: String? = nil

    func response(setCookie: Bool) -> Response {
        if let redirect {
            var headers: HTTPFields = [.location: redirect]
            if setCookie { headers[.setCookie] = "dala_ui=\(ui.lang); Path=/; Max-Age=31536000; SameSite=Lax" }
            return Response(status: .seeOther, headers: headers)
        }
        var head = "<!doctype html>\n<html lang=\"\(ui.lang)\"><head><meta charset=\"utf-8\">"
        head += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        if let refreshSeconds { head += "<meta http-equiv=\"refresh\" content=\"\(refreshSeconds)\">" }
        head += "<title>\(HTML.escape(title)) · Dala</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>"
        var nav = "<header class=\"top\"><a class=\"brand\" href=\"/\">DALA</a><nav>"
        nav += "<a href=\"/\">\(HTML.escape(ui["nav.search"]))</a><a href=\"/events\">\(HTML.escape(ui["nav.events"]))</a>"
        nav += "<a href=\"/kb\">\(HTML.escape(ui["nav.kb"]))</a><a href=\"/upload\">\(HTML.escape(ui["nav.upload"]))</a>"
        nav += "<a href=\"/openapi.json\">\(HTML.escape(ui["nav.api"]))</a></nav><span class=\"ui\">"
        for l in WebLabels.languages {
            let href = HTML.link(selfPath, selfQuery.filter { $0.0 != "ui" } + [("ui", l)])
            nav += "<a href=\"\(HTML.escape(href))\"\(l == ui.lang ? " class=\"on\"" : "")>\(l)</a>"
        }
        nav += "</span></header>"
        let html = head + nav + "<main>" + body + "</main></body></html>\n"
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        if setCookie { headers[.setCookie] = "dala_ui=\(ui.lang); Path=/; Max-Age=31536000; SameSite=Lax" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
