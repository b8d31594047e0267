import DalaCore
import DalaStorage
import Foundation
import QueryAPI
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A minimal RFC 4180 parser: quoted fields with doubled quotes, commas and line breaks inside quotes, CRLF records.
/// Throws on anything the RFC does not allow (a quote inside an unquoted field, text after a closing quote).
enum RFC4180 {
    struct Malformed: Error { var at: Int }

    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        let chars = Array(text)
        var i = 0, quoted = false, fieldStarted = false
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 2; continue }
                    quoted = false
                    // After a closing quote only a separator or the end of the record may follow.
                    if i + 1 < chars.count, chars[i + 1] != ",", chars[i + 1] != "\r\n" { throw Malformed(at: i) }
                } else {
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"":
                guard !fieldStarted else { throw Malformed(at: i) }
                quoted = true; fieldStarted = true
            case ",":
                record.append(field); field = ""; fieldStarted = false
            case "\r\n":
                record.append(field); records.append(record); record = []; field = ""; fieldStarted = false
            case "\n", "\r":
                throw Malformed(at: i)  // records end with CRLF
            default:
                field.append(c); fieldStarted = true
            }
            i += 1
        }
        guard !quoted else { throw Malformed(at: i) }
        if fieldStarted || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}

/// Counts elements of a parsed XML document and collects attributes of interest.
final class XMLCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var ids: [String: [String]] = [:]
    var rootAttributes: [String: String] = [:]
    var root: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name; rootAttributes = attributes }
        counts[name, default: 0] += 1
        if let id = attributes["id"] { ids[name, default: []].append(id) }
    }

    static func parse(_ data: Data) -> (ok: Bool, counter: XMLCounter) {
        let counter = XMLCounter()
        let parser = XMLParser(data: data)
        parser.delegate = counter
        return (parser.parse(), counter)
    }
}

@Suite(.serialized, .enabled(if: Env.pgURL != nil, "set DALA_TEST_PG_URL (make test does) to run query API tests"))
struct QueryEventTests {
    @Test func eventFiltersCombine() async throws {
        try await withQueryServer { base, ids, _ in
            func keys(_ query: String) async throws -> Set<String> {
                Set(items(try await getJSON("\(base)/v1/events?\(query)&limit=200")).compactMap { $0["key"] as? String })
            }
            #expect(try await keys("entity=qt:kz") == ["a1", "b1", "b2", "c1", "c2", "d1"])
            #expect(try await keys("entity=\(q("Казахстаном"))&type=agreement") == ["a1", "b1", "c2"])
            #expect(try await keys("entity=qt:kz&participant=\(q("Россия"))") == ["b1", "b2"])
            #expect(try await keys("entity=qt:kz&from=2020&to=2020") == ["b1", "b2"])
            #expect(try await keys("entity=qt:kz&from=2020-03-31&to=2021-06-01") == ["b1", "b2", "c1"])
            #expect(try await keys("entity=qt:kz&modality=planned") == ["c2"])
            #expect(try await keys("entity=qt:kz&lang=ru") == ["b1", "b2", "d1"])
            #expect(try await keys("entity=qt:kz&role=counterpart") == ["b2", "d1"])
            #expect(try await keys("entity=qt:beijing&role=place") == ["c1"])

            // Newest first, undated last, and the walk by cursor is the same list.
            let all = items(try await getJSON("\(base)/v1/events?entity=qt:kz&limit=200")).compactMap { $0["key"] as? String }
            #expect(all == ["c1", "b2", "b1", "a1", "d1", "c2"] || all == ["c1", "b1", "b2", "a1", "d1", "c2"])
            var walked: [String] = [], cursor: String? = nil
            repeat {
                let page = try await getJSON("\(base)/v1/events?entity=qt:kz&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                walked += items(page).compactMap { $0["key"] as? String }
                cursor = page["next_cursor"] as? String
            } while cursor != nil && walked.count < 100
            #expect(walked == all)

            let unknown = try await HTTP.send("GET", "\(base)/v1/events?type=bogus")
            #expect(unknown.status == 400)
            #expect((unknown.json?["detail"] as? String)?.contains("agreement") == true)
            #expect(unknown.contentType?.hasPrefix("application/problem+json") == true)

            // One event: participants, date, modality, evidence with offsets into the original text.
            let b1 = try #require(items(try await getJSON("\(base)/v1/events?entity=qt:kz&participant=qt:ru&type=agreement")).first)
            let event = try await getJSON("\(base)/v1/events/\(b1["id"] as! String)")
            #expect(event["cameo"] as? String == "057" && event["plover"] as? String == "AGREE" && event["modality"] as? String == "asserted")
            #expect((event["date"] as? [String: Any])?["precision"] as? String == "month")
            #expect(event["document_id"] as? String == ids[1].lowercasedString)
            let participants = event["participants"] as? [[String: Any]] ?? []
            #expect(Set(participants.compactMap { $0["role"] as? String }) == ["actor", "counterpart"])
            let text = QueryFixture.documents[1].text
            for p in participants { #expect(span(text, p["start"] as! Int, p["end"] as! Int) == p["surface"] as? String) }
            let evidence = try #require((event["mentions"] as? [[String: Any]])?.first)
            #expect(span(text, evidence["trigger_start"] as! Int, evidence["trigger_end"] as! Int) == "подписан")
            _ = try await getJSON("\(base)/v1/events/\(UUID().uuidString)", status: 404)
        }
    }

    @Test func timelineCountsPerTypePerBucket() async throws {
        try await withQueryServer { base, _, _ in
            let years = try await getJSON("\(base)/v1/timeline?entity=qt:kz&bucket=year")
            let buckets = Dictionary(uniqueKeysWithValues: (years["buckets"] as? [[String: Any]] ?? []).map {
                ($0["period"] as! String, $0["by_type"] as! [String: Int])
            })
            #expect(buckets == ["2018": ["consult": 1], "2019": ["agreement": 1], "2020": ["agreement": 1, "consult": 1],
                                "2021": ["consult": 1]])
            #expect(years["undated"] as? [String: Int] == ["agreement": 1])
            let months = try await getJSON("\(base)/v1/timeline?entity=\(q("Казахстаном"))&bucket=month&type=consult&from=2020")
            let periods = (months["buckets"] as? [[String: Any]] ?? []).map { "\($0["period"]!)=\($0["total"]!)" }
            #expect(periods == ["2020-03=1", "2021-06=1"])
            _ = try await getJSON("\(base)/v1/timeline?bucket=week", status: 400)
        }
    }

    @Test func graphIsValidJSONGraphMLAndGEXF() async throws {
        try await withQueryServer { base, _, _ in
            let json = try await getJSON("\(base)/v1/graph?entity=qt:kz&depth=1")
            let nodes = json["nodes"] as? [[String: Any]] ?? [], edges = json["edges"] as? [[String: Any]] ?? []
            #expect(Set(nodes.compactMap { $0["id"] as? String })
                == ["qt:kz", "qt:uz", "qt:ru", "qt:sco", "qt:astana", "qt:tashkent", "qt:beijing"])
            #expect(edges.count == 14)
            let kzSco = edges.first { Set([$0["source"] as! String, $0["target"] as! String]) == ["qt:kz", "qt:sco"] }
            #expect(kzSco?["weight"] as? Int == 3)
            let strong = try await getJSON("\(base)/v1/graph?entity=qt:kz&min_weight=2")
            #expect(Set((strong["nodes"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }) == ["qt:kz", "qt:uz", "qt:sco"])

            let graphml = try await HTTP.send("GET", "\(base)/v1/graph?entity=qt:kz&format=graphml")
            #expect(graphml.contentType?.hasPrefix("application/graphml+xml") == true)
            let gml = XMLCounter.parse(graphml.body)
            #expect(gml.ok && gml.counter.root == "graphml")
            #expect(gml.counter.counts["node"] == nodes.count && gml.counter.counts["edge"] == edges.count)
            #expect(Set(gml.counter.ids["node"] ?? []) == Set(nodes.compactMap { $0["id"] as? String }))

            let gexf = try await HTTP.send("GET", "\(base)/v1/graph?entity=\(q("Қазақстанның"))&format=gexf&lang=kk")
            let gx = XMLCounter.parse(gexf.body)
            #expect(gx.ok && gx.counter.root == "gexf" && gx.counter.rootAttributes["version"] == "1.3")
            #expect(gx.counter.counts["node"] == nodes.count && gx.counter.counts["edge"] == edges.count)
            #expect(String(decoding: gexf.body, as: UTF8.self).contains("label=\"Қазақстан\""))
            _ = try await getJSON("\(base)/v1/graph?entity=qt:kz&depth=9", status: 400)
            _ = try await getJSON("\(base)/v1/graph?entity=qt:nobody", status: 404)
        }
    }

    @Test func exportsAreRFC4180CSVAndJSONLines() async throws {
        try await withQueryServer { base, ids, _ in
            let csv = try await HTTP.send("GET", "\(base)/v1/export/events?format=csv&entity=qt:kz")
            #expect(csv.status == 200 && csv.contentType?.hasPrefix("text/csv") == true)
            let rows = try RFC4180.parse(csv.text)
            let header = try #require(rows.first)
            #expect(header.contains("cameo") && header.contains("plover") && header.contains("evidence_start"))
            #expect(rows.count == 1 + 6)
            #expect(rows.allSatisfy { $0.count == header.count })
            let col = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
            // The planned agreement's evidence has quotes, a comma and a line break: it must come back unchanged.
            let c2 = try #require(rows.dropFirst().first { $0[col["modality"]!] == "planned" })
            #expect(c2[col["evidence"]!] == QueryFixture.documents[2].sentences[1])
            #expect(c2[col["document_id"]!] == ids[2].lowercasedString)
            #expect(c2[col["date"]!] == "")
            let text = QueryFixture.documents[2].text
            #expect(span(text, Int(c2[col["evidence_start"]!])!, Int(c2[col["evidence_end"]!])!) == c2[col["evidence"]!])
            let b1 = try #require(rows.dropFirst().first { $0[col["counterpart_id"]!] == "qt:ru" && $0[col["type"]!] == "agreement" })
            #expect(b1[col["actor_id"]!] == "qt:kz" && b1[col["cameo"]!] == "057" && b1[col["actor_label"]!] == "Kazakhstan")

            // Every row names its story; collapsed, no story comes twice; a value other than stories/none is a 400.
            #expect(header.contains("story_id") && header.contains("story_reports"))
            let once = try RFC4180.parse(try await HTTP.send("GET", "\(base)/v1/export/events?format=csv&entity=qt:kz&collapse=stories").text)
            let storyIDs = once.dropFirst().map { $0[col["story_id"]!] }.filter { !$0.isEmpty }
            #expect(once.count >= 2 && once.count <= rows.count && Set(storyIDs).count == storyIDs.count)
            #expect(try await HTTP.send("GET", "\(base)/v1/export/events?collapse=yes").status == 400)

            let jsonl = try await HTTP.send("GET", "\(base)/v1/export/events?format=jsonl&entity=qt:kz&type=consult")
            let lines = jsonl.text.split(separator: "\n")
            #expect(lines.count == 3)
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["type"] as? String == "consult" && object["plover"] as? String == "CONSULT")
            }

            // A sentence with a line break but no comma or quote must be quoted too (RFC 4180 records end with CRLF).
            let mentions = try RFC4180.parse(try await HTTP.send("GET", "\(base)/v1/export/mentions?entity=qt:kz").text)
            #expect(mentions.count == 1 + 7)
            #expect(mentions.contains { $0.contains("Kazakhstan hosts\nthe next round.") })
            let m = Dictionary(uniqueKeysWithValues: mentions[0].enumerated().map { ($1, $0) })
            for row in mentions.dropFirst() {
                let doc = try #require(QueryFixture.documents.enumerated().first { ids[$0.offset].lowercasedString == row[m["document_id"]!] })
                #expect(span(doc.element.text, Int(row[m["start"]!])!, Int(row[m["end"]!])!) == row[m["surface"]!])
            }
            let limited = try RFC4180.parse(try await HTTP.send("GET", "\(base)/v1/export/mentions?type=country&limit=3").text)
            #expect(limited.count == 4)
            _ = try await getJSON("\(base)/v1/export/events?format=xlsx", status: 400)
        }
    }

    @Test func statsCountTheStore() async throws {
        try await withQueryServer { base, _, pg in
            let stats = try await getJSON("\(base)/v1/stats")
            let total = try await pg.query("SELECT count(*) AS n FROM documents")[0].decode("n", as: Int.self)
            #expect((stats["documents_by_status"] as? [String: Int])?.values.reduce(0, +) == total)
            #expect((stats["documents_by_language"] as? [String: Int])?.values.reduce(0, +) == total)
            #expect(((stats["events_by_type"] as? [String: Int])?["consult"] ?? 0) >= 3)
            #expect(((stats["entities_by_type"] as? [String: Int])?["place"] ?? 0) >= 3)
            let runs = try #require(stats["extraction_runs"] as? [String: Any])
            #expect(((runs["by_version"] as? [String: Int])?[QueryFixture.version] ?? 0) >= 4)
            #expect(((runs["documents_by_version"] as? [String: Int])?[QueryFixture.version] ?? 0) >= 4)
            #expect(stats["statistics_as_of"] is String)
        }
    }
}
