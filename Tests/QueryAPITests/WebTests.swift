import DalaEvents
import DalaStorage
import Foundation
@testable import QueryAPI
import Testing

/// The web workspace's pure parts: escaping, marking spans, the upload form's multipart parser, the pictures and the
/// label and vocabulary data files. No servers.
struct WebTests {
    @Test func escapingKeepsMarkupOut() {
        #expect(HTML.escape("<script>\"a\" & 'b'</script>") == "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;")
        #expect(HTML.escape("a\u{0}b\u{7}c\nd") == "abc\nd")
        #expect(HTML.urlEncode("ШОС a+b&c") == "%D0%A8%D0%9E%D0%A1%20a%2Bb%26c")
        #expect(HTML.link("/", [("q", "x y"), ("lang", nil), ("to", "")]) == "/?q=x%20y")
    }

    @Test func markedSpansAreCodePointOffsetsAndOverlapsAreSkipped() {
        let text = "Қазақстанның 🇰🇿 <b> SCO"
        let html = HTML.marked(text, spans: [(0, 12, "<mark>"), (20, 23, "<mark>"), (5, 8, "<mark>")])
        #expect(html == "<mark>Қазақстанның</mark> 🇰🇿 &lt;b&gt; <mark>SCO</mark>")
    }

    @Test func multipartFormOfABrowserIsParsed() throws {
        let b = "----WebKitFormBoundaryX"
        let body = "--\(b)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nҚазақстан\r\n"
            + "--\(b)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nline 1\r\nline 2\r\n"
            + "--\(b)--\r\n"
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\(b)") == b)
        #expect(MultipartForm.boundary(contentType: "application/json") == nil)
        let parts = try #require(MultipartForm.parse(Array(body.utf8), boundary: b))
        #expect(parts.count == 2)
        #expect(parts[0].name == "title" && parts[0].filename == nil && String(decoding: parts[0].body, as: UTF8.self) == "Қазақстан")
        #expect(parts[1].filename == "a.txt" && String(decoding: parts[1].body, as: UTF8.self) == "line 1\r\nline 2")
        #expect(MultipartForm.parse(Array("garbage".utf8), boundary: b) == nil)
        #expect(MultipartForm.parse(Array("--\(b)\r\nno headers end".utf8) + Array("--\(b)--".utf8), boundary: b) == nil)
    }

    @Test func yearPrecisionEventsAreDrawnAsWholeYears() {
        let chart = TimelineChart(counts: [TimelineCount(period: "2019", type: "agreement", events: 2),
                                           TimelineCount(period: "2019-05", type: "meeting", events: 1),
                                           TimelineCount(period: "2021-12", type: "meeting", events: 3)],
                                  knownTypes: ["meeting", "agreement"])
        let (bars, maximum) = chart.bars()
        #expect(maximum == 3)
        let year = try! #require(bars.first { $0.period == "2019" })
        let month = try! #require(bars.first { $0.period == "2019-05" })
        #expect(year.yearOnly && !month.yearOnly)
        #expect(abs(year.width - 12 * (month.width + 1)) < 0.01, "a year bar is twelve months wide")
        #expect(month.x > year.x && month.x < year.x + year.width, "May lies inside its year")
        let last = try! #require(bars.first { $0.period == "2021-12" })
        #expect(last.x + last.width <= chart.width - 10 + 0.01)
        let svg = chart.svg(link: { "/events?from=\($0.period)" }, label: { $0 })
        #expect(svg.components(separatedBy: "<rect class=\"bar").count - 1 == 3)
        #expect(svg.contains("href=\"/events?from=2019\""))
        #expect(TimelineChart(counts: [], knownTypes: []).svg(link: { _ in "" }, label: { $0 }).isEmpty)
    }

    @Test func networkOfTwoHundredNodesStaysInsideThePicture() {
        var nodes: [GraphView.Node] = [GraphView.Node(id: "root", label: "Root", type: "country", documents: 50, depth: 0)]
        var edges: [GraphView.Edge] = []
        for i in 1..<200 {
            nodes.append(GraphView.Node(id: "n\(i)", label: "Node <\(i)>", type: i % 2 == 0 ? "person" : "organization", documents: i % 7 + 1, depth: 1))
            edges.append(GraphView.Edge(source: "root", target: "n\(i)", weight: i % 5 + 1, sentences: 1))
            if i > 1 { edges.append(GraphView.Edge(source: "n\(i - 1)", target: "n\(i)", weight: 1, sentences: 1)) }
        }
        let chart = NetworkChart(graph: GraphView(nodes: nodes, edges: edges, statisticsAsOf: nil), root: "root")
        let placed = chart.layout(iterations: 60)
        #expect(placed.count == 200)
        #expect(placed.allSatisfy { $0.x >= 0 && $0.x <= chart.width && $0.y >= 0 && $0.y <= chart.height && $0.x.isFinite })
        #expect(Set(placed.map { "\(Int($0.x))/\(Int($0.y))" }).count > 150, "nodes are spread, not piled up")
        let svg = chart.svg { "/entities/" + $0.id }
        #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == 200)
        #expect(svg.contains("Node &lt;1&gt;") && !svg.contains("Node <1>"))
    }

    @Test func everyLabelExistsInKazakhRussianAndEnglish() {
        let table = WebLabels.shared.table
        let english = Set(table["en"]?.keys.map { $0 } ?? [])
        #expect(english.count > 100)
        for lang in ["kk", "ru"] { #expect(Set(table[lang]?.keys.map { $0 } ?? []) == english, "\(lang) labels") }
        let ui = WebUI(lang: "kk", labels: .shared)
        #expect(ui["nav.search"] == "Іздеу")
        #expect(ui.value("event", "no-such-type") == "no-such-type")
    }

    @Test func theDocumentedEventVocabularyIsTheExtractors() {
        let v = EventVocabulary.shared
        #expect(Set(v.eventTypes) == Set(EventType.allCases.map(\.rawValue)))
        #expect(v.modalities.allSatisfy { Modality(rawValue: $0) != nil } && v.modalities.count == 7)
        #expect(v.roles.contains("actor") && v.roles.contains("counterpart") && v.roles.contains("object"))
        for t in v.eventTypes { #expect(WebLabels.shared.table["en"]?["event." + t] != nil) }
        for m in v.modalities { #expect(WebLabels.shared.table["kk"]?["modality." + m] != nil) }
        for r in v.roles { #expect(WebLabels.shared.table["ru"]?["role." + r] != nil) }
    }
}
