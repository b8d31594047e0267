import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Where the query commands find the query API.
struct QueryServer: ParsableArguments {
    @Option(help: "Query API base URL (env DALA_QUERY_URL).")
    var url: String = ProcessInfo.processInfo.environment["DALA_QUERY_URL"] ?? "http://127.0.0.1:8080"

    /// GETs `path` with the (percent-encoded) parameters and decodes a JSON object; API problems become errors
    /// that print their detail.
    func get(_ path: String, _ parameters: [(String, String?)] = [], allow404: Bool = false) async throws -> [String: Any]? {
        var components = URLComponents(string: url + path)!
        let items = parameters.compactMap { k, v in v.map { URLQueryItem(name: k, value: $0) } }
        if !items.isEmpty {
            components.queryItems = items
            components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        }
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await URLSession(configuration: .ephemeral).data(from: components.url!)
        } catch {
            throw ValidationError("cannot reach the query API at \(url) (\(error.localizedDescription)); is `make run` running?")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        if status == 404 && allow404 { return nil }
        guard status == 200, let object else {
            throw ValidationError("HTTP \(status): \(object?["detail"] as? String ?? String(decoding: data.prefix(300), as: UTF8.self))")
        }
        return object
    }
}

/// Terminal text: bold when writing to a terminal, `*marks*` otherwise.
enum Term {
    static let isTTY = isatty(STDOUT_FILENO) == 1
    static func bold(_ s: String) -> String { isTTY ? "\u{1B}[1m" + s + "\u{1B}[0m" : s }
    static func mark(_ s: String) -> String { isTTY ? "\u{1B}[1;33m" + s + "\u{1B}[0m" : "*" + s + "*" }
    static func dim(_ s: String) -> String { isTTY ? "\u{1B}[2m" + s + "\u{1B}[0m" : s }

    /// `text` (starting at code-point offset `base`) with the spans marked.
    static func marked(_ text: String, base: Int, spans: [[String: Any]]) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = "", at = 0
        func piece(_ a: Int, _ b: Int) -> String {
            var v = String.UnicodeScalarView(); v.append(contentsOf: scalars[max(0, a)..<min(b, scalars.count)]); return String(v)
        }
        let ranges = spans.compactMap { s -> (Int, Int)? in
            guard let a = s["start"] as? Int, let b = s["end"] as? Int else { return nil }
            return (a - base, b - base)
        }.sorted { $0.0 < $1.0 }
        for (a, b) in ranges where a >= at && b <= scalars.count && a < b {
            out += piece(at, a) + mark(piece(a, b))
            at = b
        }
        return (out + piece(at, scalars.count)).replacingOccurrences(of: "\n", with: " ")
    }
}

struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search the stored documents: a name or word in any of kk/ru/en finds its entity in all three.",
        discussion: "Example: dala search 'ШОС' --lang kk")

    @OptionGroup var server: QueryServer
    @Argument(help: "Words or a name, any language and inflection (Қазақстанның, Казахстаном, Kazakhstan).")
    var query: [String] = []
    @Option(help: "Only sentences in this language (kk, ru, en).") var lang: String?
    @Option(help: "Only sentences mentioning this entity (id or name).") var entity: String?
    @Option(help: "Publication date from (YYYY, YYYY-MM, YYYY-MM-DD).") var from: String?
    @Option(help: "Publication date to.") var to: String?
    @Option(help: "How many hits.") var limit: Int = 10

    func run() async throws {
        let q = query.joined(separator: " ")
        guard !q.isEmpty || entity != nil else { throw ValidationError("give words to search for, or --entity") }
        let page = try await server.get("/v1/search", [("q", q.isEmpty ? nil : q), ("lang", lang), ("entity", entity),
                                                       ("from", from), ("to", to), ("limit", String(limit))])!
        let hits = page["items"] as? [[String: Any]] ?? []
        if hits.isEmpty { print("nothing found"); return }
        for (i, h) in hits.enumerated() {
            let doc = h["document_id"] as? String ?? ""
            let start = h["start"] as? Int ?? 0, end = h["end"] as? Int ?? 0
            let title = h["title"] as? String ?? "(untitled)"
            let meta = [h["published"] as? String, h["language"] as? String].compactMap { $0 }.joined(separator: ", ")
            print("\(i + 1). \(Term.bold(title))  \(Term.dim("(\(meta))"))")
            print("   " + Term.marked(h["snippet"] as? String ?? "", base: start, spans: h["highlights"] as? [[String: Any]] ?? []))
            print("   " + Term.dim("\(server.url)/documents/\(doc)?hl=\(start)-\(end)#s\(h["sentence_index"] as? Int ?? 0)"))
        }
        if page["next_cursor"] is String { print(Term.dim("… more: --limit \(limit * 2)")) }
    }
}

struct Entity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What Dala knows about an entity: names in kk/ru/en, knowledge-base facts, counts, partners.",
        discussion: "Example: dala entity Japarov")

    @OptionGroup var server: QueryServer
    @Argument(help: "An entity id (Q232) or any name of it, in any language or inflection.")
    var name: [String]

    func run() async throws {
        let n = name.joined(separator: " ")
        let list = try await server.get("/v1/entities", [("name", n), ("limit", "5")])!
        guard let first = (list["items"] as? [[String: Any]])?.first, let id = first["id"] as? String else {
            throw ValidationError("no entity named \"\(n)\"")
        }
        let others = (list["items"] as? [[String: Any]] ?? []).dropFirst().compactMap { $0["id"] as? String }
        let profile = try await server.get("/v1/entities/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id), allow404: true)
        let entity = profile ?? first
        let labels = entity["labels"] as? [String: String] ?? [:]
        print(Term.bold(labels["en"] ?? labels["ru"] ?? labels["kk"] ?? id) + "  \(id)  \(entity["type"] as? String ?? "")")
        for l in ["kk", "ru", "en"] { if let v = labels[l] { print("  \(l): \(v)") } }
        let aliases = entity["aliases"] as? [String] ?? []
        if !aliases.isEmpty { print("  aliases: " + aliases.prefix(12).joined(separator: "; ")) }
        print("  \(entity["mention_count"] as? Int ?? 0) mentions in \(entity["document_count"] as? Int ?? 0) documents"
              + (profile.map { ", \($0["event_count"] as? Int ?? 0) events" } ?? ""))
        let relations = profile?["relations"] as? [String: Any] ?? [:]
        let knowledge = relations["knowledge"] as? [[String: Any]] ?? []
        if !knowledge.isEmpty {
            print(Term.bold("knowledge base"))
            for k in knowledge {
                let period = [k["from"] as? String, k["to"] as? String].compactMap { $0 }
                let kind = k["kind"] as? String ?? ""
                let what = kind.hasPrefix("role:") ? String(kind.dropFirst(5)) + " of" : kind
                print("  \(what) \(k["label"] as? String ?? k["target"] as? String ?? "")"
                      + (period.isEmpty ? "" : "  (\(k["from"] as? String ?? "…")–\(k["to"] as? String ?? ""))"))
            }
        }
        let partners = relations["cooccurring"] as? [[String: Any]] ?? []
        if !partners.isEmpty {
            print(Term.bold("mentioned with"))
            print("  " + partners.map { "\($0["label"] as? String ?? $0["id"] as? String ?? "") (\($0["documents"] as? Int ?? 0))" }.joined(separator: ", "))
        }
        if profile == nil { print(Term.dim("  no stored document mentions it yet")) }
        if !others.isEmpty { print(Term.dim("  the name also fits: " + others.joined(separator: ", "))) }
        print(Term.dim("  \(server.url)/entities/\(id)"))
    }
}

struct Events: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Events with date, type, modality, participants and evidence, newest first.",
        discussion: "Example: dala events --entity Kazakhstan --type agreement")

    @OptionGroup var server: QueryServer
    @Option(help: "Events this entity takes part in (id or name).") var entity: String?
    @Option(help: "And in which this one takes part too.") var participant: String?
    @Option(help: "Event type (meeting, agreement, founding, membership, ...).") var type: String?
    @Option(help: "Modality (asserted, planned, proposed, negated, ...).") var modality: String?
    @Option(help: "Event date from (YYYY, YYYY-MM, YYYY-MM-DD).") var from: String?
    @Option(help: "Event date to.") var to: String?
    @Option(help: "How many events.") var limit: Int = 20

    func run() async throws {
        let page = try await server.get("/v1/events", [("entity", entity), ("participant", participant), ("type", type),
                                                       ("modality", modality), ("from", from), ("to", to), ("limit", String(limit))])!
        let events = page["items"] as? [[String: Any]] ?? []
        if events.isEmpty { print("no events"); return }
        for e in events {
            let date = (e["date"] as? [String: Any]).flatMap { $0["value"] as? String ?? $0["start"] as? String } ?? "undated"
            let who = (e["participants"] as? [[String: Any]] ?? []).map { p in
                "\(p["role"] as? String ?? ""): \(p["label"] as? String ?? p["surface"] as? String ?? "")"
            }
            print(Term.bold("\(date.padding(toLength: 10, withPad: " ", startingAt: 0))  \(e["type"] as? String ?? "")") + "  \(e["modality"] as? String ?? "")  " + who.joined(separator: "; "))
            if let m = (e["mentions"] as? [[String: Any]])?.first {
                let start = m["start"] as? Int ?? 0
                let trigger: [[String: Any]] = [["start": m["trigger_start"] as? Int ?? 0, "end": m["trigger_end"] as? Int ?? 0]]
                print("    " + Term.marked(m["evidence"] as? String ?? "", base: start, spans: trigger))
            }
            print("    " + Term.dim("\(e["document_title"] as? String ?? "")  \(server.url)/documents/\(e["document_id"] as? String ?? "")"))
        }
    }
}
