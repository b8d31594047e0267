import DalaService
import DalaStorage
import Foundation
import Hummingbird

extension QueryController {
    static let eventParameters: Set<String> = ["type", "entity", "participant", "role", "from", "to", "modality", "lang",
                                               "extractor_version"]

    /// The event filter of `/v1/events` and `/v1/export/events`. Event types and modalities are whatever the
    /// extractor produces, so they are checked against the store: an unknown one is a 400 listing the known ones.
    func eventFilter(_ p: QueryParameters) async throws -> EventFilter {
        let (from, to) = try p.dateRange()
        var f = EventFilter(from: from, to: to, language: try p.oneOf("lang", Self.languages))
        // Roles, types and modalities the extractor documents (Resources/event-vocabulary.json) are valid whether or
        // not the store holds one yet; other types and modalities only when stored (an older extractor's).
        let documented = EventVocabulary.shared
        f.role = try p.oneOf("role", Set(documented.roles))
        f.extractorVersion = try p.string("extractor_version", maxLength: 100)
        for (name, facet) in [("type", "type"), ("modality", "modality")] {
            guard let value = try p.slug(name) else { continue }
            let listed = name == "type" ? documented.eventTypes : documented.modalities
            let (exists, known) = listed.contains(value) ? (true, []) : try await store.eventFacet(facet, contains: value)
            guard exists else {
                let all = Array(Set(listed + known)).sorted()
                throw Problem.badRequest("Unknown event \(name) \"\(value)\"; use one of: \(all.joined(separator: ", ")).")
            }
            if name == "type" { f.type = value } else { f.modality = value }
        }
        if let entity = try p.string("entity", maxLength: 200) {
            f.entityIDs = try await resolveEntity(entity)
            guard !f.entityIDs.isEmpty else { throw Problem.notFound("No entity \"\(entity)\".") }
        }
        if let participant = try p.string("participant", maxLength: 200) {
            f.participantIDs = try await resolveEntity(participant)
            guard !f.participantIDs.isEmpty else { throw Problem.notFound("No entity \"\(participant)\".") }
        }
        if f.role != nil && f.entityIDs.isEmpty { throw Problem.badRequest("\"role\" needs \"entity\".") }
        return f
    }

    static func validEventCursor(_ c: [String]) -> Bool {
        DateBound.parse(c[0], end: false) == c[0] && CanonicalUUID.parse(c[1]) != nil
    }

    func events(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request, allowed: Self.eventParameters.union(["limit", "cursor", "collapse"]))
        let limit = try p.limit(default: 20, maximum: 200)
        var filter = try await eventFilter(p)
        // `collapse=stories`: one row per real-world event, however many documents report it.
        filter.collapse = try p.oneOf("collapse", ["stories", "none"]) == "stories"
        let cursor = try p.cursor(filter.collapse ? "stories" : "events", parts: 2, validate: Self.validEventCursor)
        let page = try await store.events(filter, limit: limit, cursor: cursor)
        if filter.collapse { return try .json(Page(items: page.items, nextCursor: retag(page.nextCursor, "stories"))) }
        return try .json(Page(items: page.items, nextCursor: retag(page.nextCursor, "events")))
    }

    func event(_ request: Request, context: some RequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let id = try uuidParameter(context, what: "event")
        guard let event = try await store.event(id) else { throw Problem.notFound("No event \(id.lowercasedString).") }
        return try .json(event)
    }

    func timeline(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request, allowed: ["entity", "bucket", "type", "from", "to", "collapse"])
        let bucket = try p.oneOf("bucket", ["year", "month"]) ?? "year"
        let (from, to) = try p.dateRange()
        let type = try p.slug("type")
        let entity = try p.string("entity", maxLength: 200)
        let collapse = try p.oneOf("collapse", ["stories", "none"]) == "stories"
        // Usually a stored id: answered in one statement. Otherwise a name, resolved by the analyser, then asked again.
        var body = try await store.timelineJSON(entity: entity, bucket: bucket, type: type, from: from, to: to, collapse: collapse)
        if body == nil, let entity {
            let ids = Array(vocabulary.entityIDs(named: entity).prefix(20))
            guard let first = ids.first else { throw Problem.notFound("No entity \"\(entity)\".") }
            guard ids.count == 1 else {
                throw Problem.badRequest("\"\(entity)\" names several entities (\(ids.joined(separator: ", "))); pass one id.")
            }
            body = try await store.timelineJSON(entity: first, bucket: bucket, type: type, from: from, to: to, collapse: collapse)
        }
        guard let body else { throw Problem.notFound("No entity \"\(entity ?? "")\".") }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    func graph(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request, allowed: ["entity", "depth", "min_weight", "limit", "max_nodes", "format", "lang", "window"])
        guard let entity = try p.string("entity", maxLength: 200) else { throw Problem.badRequest("Give \"entity\" (an id or a name).") }
        let depth = try p.integer("depth", default: 1, range: 1...3)
        let minWeight = try p.integer("min_weight", default: 1, range: 1...1_000_000)
        let perNode = try p.limit(default: 25, maximum: 100)
        let maxNodes = try p.integer("max_nodes", default: 200, range: 1...1000)
        let format = try p.oneOf("format", ["json", "graphml", "gexf"]) ?? "json"
        let lang = try p.oneOf("lang", Self.labelLanguages)
        let window = CooccurrenceWindow(rawValue: try p.oneOf("window", Set(CooccurrenceWindow.allCases.map(\.rawValue))) ?? "document")!
        let ids = try await resolveEntity(entity)
        guard let root = ids.first,
              let graph = try await store.graph(entity: root, depth: depth, minWeight: minWeight, perNode: perNode,
                                                maxNodes: maxNodes, labelLanguage: lang, window: window) else {
            throw Problem.notFound("No entity \"\(entity)\".")
        }
        switch format {
        case "graphml":
            return Response(status: .ok, headers: [.contentType: "application/graphml+xml; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: GraphFormats.graphML(graph))))
        case "gexf":
            return Response(status: .ok, headers: [.contentType: "application/gexf+xml; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: GraphFormats.gexf(graph))))
        default:
            return try .json(graph)
        }
    }
}

/// GraphML and GEXF 1.3 writers for Gephi, yEd, NetworkX and friends.
enum GraphFormats {
    static func graphML(_ g: GraphView) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
              <key id="label" for="node" attr.name="label" attr.type="string"/>
              <key id="type" for="node" attr.name="type" attr.type="string"/>
              <key id="documents" for="node" attr.name="documents" attr.type="int"/>
              <key id="depth" for="node" attr.name="depth" attr.type="int"/>
              <key id="weight" for="edge" attr.name="weight" attr.type="double"/>
              <key id="sentences" for="edge" attr.name="sentences" attr.type="int"/>
              <graph id="dala" edgedefault="undirected">

            """
        for n in g.nodes {
            out += "    <node id=\"\(xml(n.id))\"><data key=\"label\">\(xml(n.label))</data><data key=\"type\">\(xml(n.type))</data>"
            out += "<data key=\"documents\">\(n.documents)</data><data key=\"depth\">\(n.depth)</data></node>\n"
        }
        for (i, e) in g.edges.enumerated() {
            out += "    <edge id=\"e\(i)\" source=\"\(xml(e.source))\" target=\"\(xml(e.target))\">"
            out += "<data key=\"weight\">\(e.weight)</data><data key=\"sentences\">\(e.sentences)</data></edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    static func gexf(_ g: GraphView) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" version="1.3">
              <meta><creator>dala-query</creator><description>Entity co-occurrence network</description></meta>
              <graph mode="static" defaultedgetype="undirected">
                <attributes class="node">
                  <attribute id="0" title="type" type="string"/>
                  <attribute id="1" title="documents" type="integer"/>
                  <attribute id="2" title="depth" type="integer"/>
                </attributes>
                <attributes class="edge">
                  <attribute id="0" title="sentences" type="integer"/>
                </attributes>
                <nodes>

            """
        for n in g.nodes {
            out += "      <node id=\"\(xml(n.id))\" label=\"\(xml(n.label))\"><attvalues><attvalue for=\"0\" value=\"\(xml(n.type))\"/>"
            out += "<attvalue for=\"1\" value=\"\(n.documents)\"/><attvalue for=\"2\" value=\"\(n.depth)\"/></attvalues></node>\n"
        }
        out += "    </nodes>\n    <edges>\n"
        for (i, e) in g.edges.enumerated() {
            out += "      <edge id=\"\(i)\" source=\"\(xml(e.source))\" target=\"\(xml(e.target))\" weight=\"\(e.weight)\">"
            out += "<attvalues><attvalue for=\"0\" value=\"\(e.sentences)\"/></attvalues></edge>\n"
        }
        out += "    </edges>\n  </graph>\n</gexf>\n"
        return out
    }

    /// Escapes text for XML content and attributes; drops characters XML 1.0 cannot carry.
    static func xml(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out += "&#\(scalar.value);"
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
