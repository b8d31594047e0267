import DalaStorage
import Foundation

/// Colours of entity and event types in the pictures (the stylesheet uses the same entity colours).
enum Palette {
    static let entity: [String: String] = [
        "country": "#2f6fb3", "organization": "#2a8a5b", "person": "#b3432f", "place": "#8a6d1f", "people": "#7a4fa0",
        "agreement": "#b0307a", "programme": "#3a8f96", "other": "#666666",
    ]
    static let series = ["#2f6fb3", "#e07b39", "#2a8a5b", "#b3432f", "#7a4fa0", "#8a6d1f", "#b0307a", "#3a8f96",
                         "#5b6577", "#c9a227", "#4f9d69", "#9c4f4f"]

    /// A stable colour per event type: the position in the documented list, else a hash.
    static func eventColour(_ type: String, known: [String]) -> String {
        if let i = known.firstIndex(of: type) { return series[i % series.count] }
        return series[Int(type.unicodeScalars.reduce(UInt32(7)) { $0 &* 31 &+ $1.value } % UInt32(series.count))]
    }
}

/// The events-over-time picture: months on the x axis, stacked bars per event type; events the text dates only to a
/// year (or coarser) are drawn as one bar as wide as the year, so they never pile up in January.
struct TimelineChart {
    struct Bar: Equatable {
        var x: Double, y: Double, width: Double, height: Double
        var type: String, events: Int, period: String
        var yearOnly: Bool
    }

    var counts: [TimelineCount]
    var knownTypes: [String]
    var width = 960.0, height = 240.0
    let left = 40.0, bottom = 22.0, top = 10.0

    /// Years covered, first to last (nil when nothing is dated).
    var years: ClosedRange<Int>? {
        let ys = counts.compactMap { Int($0.period.prefix(4)) }
        guard let lo = ys.min(), let hi = ys.max() else { return nil }
        return lo...hi
    }

    /// Bars in drawing order: year bands first (behind), then month stacks.
    func bars() -> (bars: [Bar], maximum: Int) {
        guard let years else { return ([], 0) }
        let months = Double((years.upperBound - years.lowerBound + 1) * 12)
        let plot = width - left - 10, monthWidth = plot / months
        var stackYear: [String: Int] = [:], stackMonth: [String: Int] = [:]
        for c in counts { if c.period.count == 4 { stackYear[c.period, default: 0] += c.events } else { stackMonth[c.period, default: 0] += c.events } }
        let maximum = max(stackYear.values.max() ?? 0, stackMonth.values.max() ?? 0, 1)
        let scale = (height - top - bottom) / Double(maximum)
        var out: [Bar] = []
        var filled: [String: Int] = [:]
        let ordered = counts.sorted { ($0.period.count, $0.period, typeRank($0.type)) < ($1.period.count, $1.period, typeRank($1.type)) }
        for c in ordered {
            guard let year = Int(c.period.prefix(4)) else { continue }
            let yearOnly = c.period.count == 4
            let month = yearOnly ? 0 : (Int(c.period.dropFirst(5)) ?? 1) - 1
            let index = Double((year - years.lowerBound) * 12 + month)
            let below = filled[c.period, default: 0]
            filled[c.period] = below + c.events
            let h = Double(c.events) * scale
            let x = left + index * monthWidth
            let w = yearOnly ? monthWidth * 12 : max(monthWidth - 1, 1)
            out.append(Bar(x: x, y: height - bottom - Double(below) * scale - h, width: w, height: h, type: c.type,
                           events: c.events, period: c.period, yearOnly: yearOnly))
        }
        return (out, maximum)
    }

    func typeRank(_ t: String) -> Int { knownTypes.firstIndex(of: t) ?? knownTypes.count }

    /// The SVG; `link(bar)` is where a bar leads, `label(type)` names an event type.
    func svg(link: (Bar) -> String, label: (String) -> String) -> String {
        let (bars, maximum) = self.bars()
        guard let years else { return "" }
        let months = Double((years.upperBound - years.lowerBound + 1) * 12)
        let monthWidth = (width - left - 10) / months
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\">"
        let baseline = height - bottom
        s += "<line x1=\"\(n(left))\" y1=\"\(n(baseline))\" x2=\"\(n(width - 10))\" y2=\"\(n(baseline))\" stroke=\"#889\"/>"
        s += "<text x=\"\(n(left - 4))\" y=\"\(n(top + 8))\" font-size=\"10\" text-anchor=\"end\" fill=\"#556\">\(maximum)</text>"
        s += "<text x=\"\(n(left - 4))\" y=\"\(n(baseline))\" font-size=\"10\" text-anchor=\"end\" fill=\"#556\">0</text>"
        let step = max(1, Int((Double(years.count) / 16).rounded(.up)))
        for (i, y) in years.enumerated() {
            let x = left + Double(i * 12) * monthWidth
            s += "<line x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(baseline + 4))\" stroke=\"#e3e6ec\"/>"
            if i % step == 0 {
                s += "<text x=\"\(n(x + 2))\" y=\"\(n(height - 6))\" font-size=\"10\" fill=\"#556\">\(y)</text>"
            }
        }
        for b in bars {
            let colour = Palette.eventColour(b.type, known: knownTypes)
            let opacity = b.yearOnly ? " fill-opacity=\"0.35\" stroke=\"\(colour)\" stroke-dasharray=\"3 2\"" : ""
            s += "<a href=\"\(HTML.escape(link(b)))\"><rect class=\"bar\(b.yearOnly ? " year" : "")\" data-type=\"\(HTML.escape(b.type))\" data-period=\"\(b.period)\" "
            s += "x=\"\(n(b.x))\" y=\"\(n(b.y))\" width=\"\(n(b.width))\" height=\"\(n(max(b.height, 0.5)))\" fill=\"\(colour)\"\(opacity)>"
            s += "<title>\(HTML.escape(b.period)): \(b.events) × \(HTML.escape(label(b.type)))</title></rect></a>"
        }
        return s + "</svg>"
    }

    func n(_ v: Double) -> String { String(format: "%.1f", v) }
}

/// The co-occurrence network picture: a force-directed layout (Fruchterman–Reingold, deterministic start on a circle,
/// the root pinned in the middle) computed here, drawn as SVG.
struct NetworkChart {
    var graph: GraphView
    var root: String
    var width = 960.0, height = 620.0
    /// Edges drawn as arrows from source to target (event dyads: actor → counterpart).
    var directed = false

    struct Placed { var x: Double, y: Double }

    /// Node positions, in the node order of the graph: the layout runs unbounded, then is scaled into the picture
    /// (clamping while it runs piles nodes up along the border).
    func layout(iterations: Int? = nil) -> [Placed] {
        let count = graph.nodes.count
        guard count > 0 else { return [] }
        // Each step costs count² repulsions: fewer steps for large pictures keep 200 nodes well under a second.
        let iterations = iterations ?? (count <= 80 ? 250 : 120)
        var pos = graph.nodes.enumerated().map { i, node -> Placed in
            if node.id == root { return Placed(x: 0, y: 0) }
            let angle = Double(i) * 2.399963 // golden angle: an even, deterministic spread
            let r = 10 * sqrt(Double(i))
            return Placed(x: r * cos(angle), y: r * sin(angle))
        }
        let index = Dictionary(graph.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let edges = graph.edges.compactMap { e -> (Int, Int, Double)? in
            guard let a = index[e.source], let b = index[e.target] else { return nil }
            return (a, b, min(log2(Double(max(e.weight, 1))) + 1, 3))
        }
        let k = 30.0
        var temperature = 10 * sqrt(Double(count)) * 3
        let rootIndex = index[root]
        for _ in 0..<iterations {
            var dx = [Double](repeating: 0, count: count), dy = [Double](repeating: 0, count: count)
            for i in 0..<count {
                for j in (i + 1)..<count {
                    var ddx = pos[i].x - pos[j].x, ddy = pos[i].y - pos[j].y
                    var d2 = ddx * ddx + ddy * ddy
                    if d2 < 0.01 { ddx = 0.1 * Double(i - j); ddy = 0.1; d2 = ddx * ddx + ddy * ddy }
                    let f = k * k / d2
                    dx[i] += ddx * f; dy[i] += ddy * f; dx[j] -= ddx * f; dy[j] -= ddy * f
                }
            }
            for (a, b, w) in edges {
                let ddx = pos[a].x - pos[b].x, ddy = pos[a].y - pos[b].y
                let d = max(sqrt(ddx * ddx + ddy * ddy), 0.01)
                let f = d * d / k * w / 8
                dx[a] -= ddx / d * f; dy[a] -= ddy / d * f; dx[b] += ddx / d * f; dy[b] += ddy / d * f
            }
            for i in 0..<count where i != rootIndex {
                // Gravity towards the root keeps loosely connected nodes near the picture.
                let gx = -pos[i].x, gy = -pos[i].y
                let gd = sqrt(gx * gx + gy * gy)
                dx[i] += gx * 0.05 * sqrt(gd) / max(gd, 1) * k; dy[i] += gy * 0.05 * sqrt(gd) / max(gd, 1) * k
                let d = max(sqrt(dx[i] * dx[i] + dy[i] * dy[i]), 0.01)
                pos[i].x += dx[i] / d * min(d, temperature)
                pos[i].y += dy[i] / d * min(d, temperature)
            }
            temperature = max(temperature * 0.97, 0.5)
        }
        // The dense middle spread out, the far periphery pulled in: distances from the root to the power 0.6.
        let origin = rootIndex.map { pos[$0] } ?? Placed(x: 0, y: 0)
        let rmax = pos.map { hypot($0.x - origin.x, $0.y - origin.y) }.max() ?? 1
        if rmax > 0 {
            pos = pos.map { p in
                let dx = p.x - origin.x, dy = p.y - origin.y, r = hypot(dx, dy)
                guard r > 0 else { return p }
                let scaled = rmax * pow(r / rmax, 0.6)
                return Placed(x: origin.x + dx / r * scaled, y: origin.y + dy / r * scaled)
            }
        }
        // Scale into the picture, with room for labels on the right.
        let xs = pos.map(\.x), ys = pos.map(\.y)
        let (minX, maxX, minY, maxY) = (xs.min()!, xs.max()!, ys.min()!, ys.max()!)
        let (left, right, top, bottom) = (20.0, width - 190, 20.0, height - 20)
        let sx = maxX > minX ? (right - left) / (maxX - minX) : 1, sy = maxY > minY ? (bottom - top) / (maxY - minY) : 1
        return pos.map { p in
            Placed(x: maxX > minX ? left + (p.x - minX) * sx : width / 2, y: maxY > minY ? top + (p.y - minY) * sy : height / 2)
        }
    }

    /// The SVG; `link(node)` is where a node leads.
    func svg(link: (GraphView.Node) -> String) -> String {
        let pos = layout()
        let index = Dictionary(graph.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var degree = [Int](repeating: 0, count: graph.nodes.count)
        let maxWeight = Double(graph.edges.map(\.weight).max() ?? 1)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"network\" class=\"network\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\">"
        if directed {
            s += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#5b6577\"/></marker></defs>"
        }
        s += "<g class=\"edges\" stroke=\"#8d97a8\">"
        for e in graph.edges {
            guard let a = index[e.source], let b = index[e.target] else { continue }
            degree[a] += 1; degree[b] += 1
            let w = 0.6 + 3.4 * log2(Double(e.weight) + 1) / log2(maxWeight + 1)
            var (x2, y2) = (pos[b].x, pos[b].y)
            if directed {
                // Stop the arrow at the target's circle.
                let dx = x2 - pos[a].x, dy = y2 - pos[a].y, d = max(hypot(dx, dy), 0.01)
                x2 -= dx / d * 12; y2 -= dy / d * 12
            }
            let arrow = directed ? " marker-end=\"url(#arrow)\"" : ""
            s += "<line class=\"edge\" x1=\"\(n(pos[a].x))\" y1=\"\(n(pos[a].y))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke-width=\"\(n(w))\" stroke-opacity=\"0.55\"\(arrow)><title>\(e.weight)</title></line>"
        }
        s += "</g>"
        let labelled = Set(graph.nodes.indices.sorted { (degree[$0], graph.nodes[$0].documents) > (degree[$1], graph.nodes[$1].documents) }.prefix(45))
        let maxDocs = Double(graph.nodes.map(\.documents).max() ?? 1)
        for (i, node) in graph.nodes.enumerated() {
            let r = node.id == root ? 11.0 : 4 + 6 * sqrt(Double(node.documents) / max(maxDocs, 1))
            let colour = Palette.entity[node.type] ?? "#666666"
            s += "<a href=\"\(HTML.escape(link(node)))\"><g class=\"node\" data-id=\"\(HTML.escape(node.id))\">"
            s += "<circle cx=\"\(n(pos[i].x))\" cy=\"\(n(pos[i].y))\" r=\"\(n(r))\" fill=\"\(colour)\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
            if labelled.contains(i) || node.id == root {
                s += "<text x=\"\(n(pos[i].x + r + 2))\" y=\"\(n(pos[i].y + 4))\" font-size=\"\(node.id == root ? 13 : 11)\"\(node.id == root ? " font-weight=\"700\"" : "") fill=\"#1d2430\" paint-order=\"stroke\" stroke=\"#fff\" stroke-width=\"3\">\(HTML.escape(node.label))</text>"
            }
            s += "<title>\(HTML.escape(node.label)) (\(HTML.escape(node.type)), \(node.documents))</title></g></a>"
        }
        return s + "</svg>"
    }

    func n(_ v: Double) -> String { String(format: "%.1f", v) }
}
