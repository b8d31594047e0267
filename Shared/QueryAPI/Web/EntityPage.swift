import DalaCore
import DalaService
import DalaStorage
import Foundation
import Hummingbird

extension WebPages {
    /// `/entities/{id}`: labels and aliases, knowledge-base facts, counts, the timeline and network pictures, who
    /// acts on whom, the documents and the events with evidence. Works for a knowledge-base entity no document
    /// mentions yet.
    func entity(_ ui: WebUI, _ query: [String: String], id raw: String?) async throws -> WebPage {
        guard let id = raw, !id.isEmpty, id.count <= 300,
              !id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw Problem.badRequest("Malformed entity id: 1 to 300 characters, no control characters.")
        }
        let p = PageParameters(query)
        let minWeight = try p.integer("w", default: 1, range: 1...1000)
        let maxNodes = try p.integer("n", default: 80, range: 2...300)
        let profile = try await store.entityProfile(id, labelLanguage: ui.lang)
        let kb = knowledge.entity(id)
        guard let view = profile?.entity ?? kb else {
            // A name instead of an id: go to the entity it names when there is exactly one.
            let ids = QueryController.entityIDs(named: id, vocabulary)
            if ids.count == 1, ids[0] != id { return try await entity(ui, query, id: ids[0]) }
            throw Problem.notFound("No entity \"\(id)\".")
        }
        let label = entityLabel(kb.map { k in var v = view; v.labels.merge(k.labels) { a, _ in a }; return v } ?? view, ui.lang)
        var body = "<h1>\(HTML.escape(label)) <span class=\"chip t-\(HTML.escape(view.type))\">\(HTML.escape(typeLabel(ui, view.type)))</span></h1>"
        body += "<p class=\"muted\">\(HTML.escape(id))"
        if let profile {
            body += " · " + HTML.escape(ui.format("entity.counts", ["m": String(profile.entity.mentionCount),
                                                                  "d": String(profile.entity.documentCount), "e": String(profile.eventCount)]))
            if let first = profile.firstEvent, let last = profile.lastEvent { body += " · \(first) … \(last)" }
        }
        body += " · <a href=\"/v1/entities/\(HTML.escape(HTML.urlEncode(id)))\">JSON</a></p>"

        // Labels in every language the entity has one in (the interface languages first) and aliases (knowledge base
        // and what the documents wrote).
        var labels = kb?.labels ?? [:]
        labels.merge(view.labels) { a, _ in a }
        body += "<table class=\"kb\"><tr><th>\(HTML.escape(ui["entity.labels"]))</th><td>"
        let order = WebLabels.languages + labels.keys.filter { !WebLabels.languages.contains($0) }.sorted()
        body += order.compactMap { l in labels[l].map { "<b>\(HTML.escape(l))</b> \(HTML.escape($0))" } }.joined(separator: " · ")
        body += "</td></tr>"
        let aliases = Array(Set((kb?.aliases ?? []) + view.aliases).subtracting(labels.values)).sorted()
        if !aliases.isEmpty {
            body += "<tr><th>\(HTML.escape(ui["entity.aliases"]))</th><td>\(HTML.escape(aliases.prefix(40).joined(separator: "; ")))</td></tr>"
        }
        let relations = vocabulary.knowledgeRelations(of: id)
        if !relations.isEmpty {
            body += "<tr><th>\(HTML.escape(ui["entity.knowledge"]))</th><td>"
            body += relations.map { r -> String in
                let kind = r.kind.hasPrefix("role:") ? String(r.kind.dropFirst(5)) : ui.value("rel", r.kind)
                let target = knowledge.entity(r.target).map { entityLabel($0, ui.lang) } ?? r.label ?? r.target
                var s = "\(HTML.escape(kind)) <a href=\"\(HTML.escape(Self.entityHref(r.target)))\">\(HTML.escape(target))</a>"
                if r.from != nil || r.to != nil { s += " <span class=\"muted\">(\(HTML.escape(r.from ?? "…"))–\(HTML.escape(r.to ?? "")))</span>" }
                return s
            }.joined(separator: "<br>")
            body += "</td></tr>"
        }
        body += "</table>"

        guard profile != nil else {
            body += "<p class=\"muted\">\(HTML.escape(ui["entity.no_mentions"]))</p>"
            return WebPage(title: label, ui: ui, selfPath: "/entities/" + HTML.urlEncode(id), selfQuery: [], body: body)
        }

        async let countsResult = store.timelineCounts(entity: id)
        async let graphResult = store.graph(entity: id, depth: 2, minWeight: minWeight, perNode: 30, maxNodes: maxNodes,
                                            labelLanguage: ui.lang, window: .sentence)
        async let dyadsResult = store.eventDyads(entity: id, labelLanguage: ui.lang, limit: 15)
        async let documentsResult = store.entityDocuments(id, limit: 30)
        async let eventsResult = store.events(EventFilter(entityIDs: [id]), limit: 15, cursor: nil)
        let counts = try await countsResult, graph = try await graphResult, dyads = try await dyadsResult
        let documents = try await documentsResult, events = try await eventsResult

        // Timeline.
        let known = EventVocabulary.shared.eventTypes
        body += "<h2>\(HTML.escape(ui["entity.timeline"]))</h2>"
        if counts.isEmpty {
            body += "<p class=\"muted\">\(HTML.escape(ui["events.none"]))</p>"
        } else {
            let chart = TimelineChart(counts: counts, knownTypes: known)
            let svg = chart.svg(link: { bar in
                let (from, to) = bar.period.count == 4 ? (bar.period, bar.period) : (bar.period, bar.period)
                return HTML.link("/events", [("participant", id), ("type", bar.type), ("from", from), ("to", to)])
            }, label: { ui.value("event", $0) })
            let types = Array(Set(counts.map(\.type))).sorted { chart.typeRank($0) < chart.typeRank($1) }
            let legend = types.map { "<span><i style=\"background:\(Palette.eventColour($0, known: known))\"></i>\(HTML.escape(ui.value("event", $0)))</span>" }.joined()
            body += "<figure>\(svg)<figcaption><div class=\"legend\">\(legend)</div>\(HTML.escape(ui["entity.timeline_note"]))</figcaption></figure>"
        }

        // Network.
        body += "<h2>\(HTML.escape(ui["entity.network"]))</h2>"
        body += "<form class=\"filters\" method=\"get\"><label>\(HTML.escape(ui["entity.min_weight"]))<input name=\"w\" type=\"number\" min=\"1\" value=\"\(minWeight)\"></label>"
        body += "<label>\(HTML.escape(ui["entity.max_nodes"]))<input name=\"n\" type=\"number\" min=\"2\" max=\"300\" value=\"\(maxNodes)\"></label>"
        body += "<button type=\"submit\">\(HTML.escape(ui["filter.apply"]))</button></form>"
        if let graph, graph.nodes.count > 1 {
            let svg = NetworkChart(graph: graph, root: id).svg { Self.entityHref($0.id) }
            let types = Array(Set(graph.nodes.map(\.type))).sorted()
            let legend = types.map { "<span><i style=\"background:\(Palette.entity[$0] ?? "#666")\"></i>\(HTML.escape(typeLabel(ui, $0)))</span>" }.joined()
            body += "<figure>\(svg)<figcaption><div class=\"legend\">\(legend)</div>"
            body += HTML.escape(ui.format("entity.network_note", ["w": String(minWeight), "n": String(maxNodes)]))
            body += " · \(graph.nodes.count) / \(graph.edges.count) · <a href=\"\(HTML.escape(HTML.link("/v1/graph", [("entity", id), ("window", "sentence"), ("min_weight", String(minWeight)), ("max_nodes", String(maxNodes)), ("depth", "2"), ("format", "graphml")])))\">GraphML</a></figcaption></figure>"
        } else {
            body += "<p class=\"muted\">—</p>"
        }

        // Dyads.
        if !dyads.isEmpty {
            body += "<h2>\(HTML.escape(ui["entity.dyads"]))</h2>"
            if dyads.count >= 2 {
                // The dyads as a picture: arrows from actor to counterpart, as thick as their events.
                var nodes: [String: GraphView.Node] = [:], weights: [String: Int] = [:]
                for d in dyads {
                    nodes[d.actorID, default: GraphView.Node(id: d.actorID, label: d.actorLabel ?? d.actorID, type: d.actorType ?? "other", documents: 0, depth: 1)].documents += d.events
                    nodes[d.targetID, default: GraphView.Node(id: d.targetID, label: d.targetLabel ?? d.targetID, type: d.targetType ?? "other", documents: 0, depth: 1)].documents += d.events
                    weights[d.actorID + "\u{1F}" + d.targetID, default: 0] += d.events
                }
                let edges = weights.sorted { $0.key < $1.key }.map { key, w -> GraphView.Edge in
                    let parts = key.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
                    return GraphView.Edge(source: parts[0], target: parts[1], weight: w, sentences: 0)
                }
                let ordered = nodes.values.sorted { ($0.id == id ? 0 : 1, $0.id) < ($1.id == id ? 0 : 1, $1.id) }
                let chart = NetworkChart(graph: GraphView(nodes: ordered, edges: edges, statisticsAsOf: nil), root: id,
                                         width: 960, height: 340, directed: true)
                body += "<figure class=\"dyads\">\(chart.svg { Self.entityHref($0.id) })</figure>"
            }
            body += "<table class=\"kb\">"
            for d in dyads {
                body += "<tr><td><a href=\"\(HTML.escape(Self.entityHref(d.actorID)))\">\(HTML.escape(d.actorLabel ?? d.actorID))</a></td><td>→</td>"
                body += "<td><a href=\"\(HTML.escape(Self.entityHref(d.targetID)))\">\(HTML.escape(d.targetLabel ?? d.targetID))</a></td>"
                body += "<td>\(HTML.escape(ui.value("event", d.type)))</td>"
                body += "<td class=\"n\"><a href=\"\(HTML.escape(HTML.link("/events", [("participant", d.actorID), ("with", d.targetID), ("type", d.type)])))\">\(d.events)</a></td></tr>"
            }
            body += "</table>"
        }

        // Documents and events.
        body += "<div class=\"layout doc\"><section><h2>\(HTML.escape(ui["entity.events"]))</h2><div class=\"events\">"
        for e in events.items { body += eventCard(ui, e, showDocument: true) }
        body += "</div><p><a href=\"\(HTML.escape(HTML.link("/events", [("participant", id)])))\">\(HTML.escape(ui["entity.all_events"])) →</a></p></section>"
        body += "<aside><h2>\(HTML.escape(ui["entity.documents"]))</h2><ul>"
        for d in documents {
            body += "<li><a href=\"\(HTML.escape(Self.documentHref(d.documentID)))\">\(HTML.escape(d.title ?? ui["misc.untitled"]))</a> "
            body += "<span class=\"muted\">\(HTML.escape(d.published ?? "")) · \(d.mentions)</span></li>"
        }
        body += "</ul></aside></div>"
        return WebPage(title: label, ui: ui, selfPath: "/entities/" + HTML.urlEncode(id),
                       selfQuery: [("w", query["w"]), ("n", query["n"])], body: body)
    }
}
