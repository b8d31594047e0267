import DalaCore
import DalaStorage
import Foundation
import QueryAPI
import Testing

/// Records what the upload page hands to ingest.
final class RecordingSubmissions: SubmissionPublisher, @unchecked Sendable {
    // Confinement: `published` is only touched under `lock`.
    private let lock = NSLock()
    private var published: [DocumentSubmission] = []
    private var publishedFiles: [FileSubmission] = []
    var submissions: [DocumentSubmission] { lock.withLock { published } }
    var files: [FileSubmission] { lock.withLock { publishedFiles } }
    func publish(_ submissions: [DocumentSubmission]) async throws { lock.withLock { published += submissions } }
    func publish(files: [FileSubmission]) async throws { lock.withLock { publishedFiles += files } }
}

/// The web workspace over the fixture store: each page answers HTML with its important content.
@Suite(.serialized, .enabled(if: Env.pgURL != nil, "set DALA_TEST_PG_URL (make test does) to run query API tests"))
struct WebPagesTests {
    static func page(_ url: String, status: Int = 200, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let reply = try await HTTP.send("GET", url)
        #expect(reply.status == status, "\(url) → \(reply.status)", sourceLocation: sourceLocation)
        #expect(reply.contentType?.hasPrefix("text/html") == true, "\(url) is HTML", sourceLocation: sourceLocation)
        return reply.text
    }

    @Test func searchMarksInflectedFormsAndOffersFacets() async throws {
        try await withQueryServer { base, ids, _ in
            let html = try await Self.page("\(base)/?q=\(q("Қазақстан"))")
            #expect(html.contains("<mark>Қазақстанның</mark>"), "the inflected form is highlighted")
            #expect(html.contains("<mark>Kazakhstan</mark>") || html.contains("<mark>Kazakhstan’s</mark>") || html.contains("<mark>Kazakhstan's</mark>"))
            #expect(html.contains("class=\"facets\"") && html.contains("lang=kk"))
            #expect(html.contains("/documents/\(ids[0].lowercasedString)?hl="), "hits open the document at their offsets")
            // A facet narrows: Russian sentences only.
            let ru = try await Self.page("\(base)/?q=\(q("Қазақстан"))&lang=ru")
            #expect(!ru.contains("<mark>Қазақстанның</mark>") && ru.contains("<mark>Казахстаном</mark>"))
            // Interface language from the parameter, remembered in a cookie.
            let kk = try await HTTP.send("GET", "\(base)/?ui=kk")
            #expect(kk.text.contains("Іздеу"))
            // A bad parameter is an HTML page with the API's words, not a 500.
            let bad = try await Self.page("\(base)/?q=x&from=2024-13", status: 400)
            #expect(bad.contains("Bad date"))
        }
    }

    @Test func documentShowsTheOriginalTextWithLinkedMentionsAndEvents() async throws {
        try await withQueryServer { base, ids, _ in
            let html = try await Self.page("\(base)/documents/\(ids[0].lowercasedString)?hl=0-10")
            #expect(html.contains("data-entity=\"qt:kz\">Қазақстан</a>"))
            #expect(html.contains("href=\"/entities/qt:kz\""))
            #expect(html.contains("class=\"s sel\" id=\"s0\""), "the selected sentence is marked")
            #expect(html.contains("class=\"ev\""), "events in the margin")
            _ = try await Self.page("\(base)/documents/00000000-0000-0000-0000-000000000000", status: 404)
            _ = try await Self.page("\(base)/documents/nope", status: 400)
        }
    }

    @Test func entityPageDrawsTheTimelineAndTheNetwork() async throws {
        try await withQueryServer { base, _, _ in
            let html = try await Self.page("\(base)/entities/qt:kz?ui=en")
            #expect(html.contains("<svg") && html.contains("<rect class=\"bar"), "timeline bars")
            #expect(html.contains("class=\"node\" data-id=\"qt:uz\""), "Uzbekistan shares a sentence with Kazakhstan")
            #expect(html.contains("member of <a href=\"/entities/qt:sco\">"), "knowledge-base facts link their targets")
            #expect(html.contains("<figure class=\"dyads\">") && html.contains("marker-end=\"url(#arrow)\""), "dyads drawn as arrows")
            // A knowledge-base entity no document mentions still has a page.
            let nato = try await Self.page("\(base)/entities/qt:nato")
            #expect(nato.contains("NATO") && !nato.contains("<svg"))
            _ = try await Self.page("\(base)/entities/qt:nowhere", status: 404)
        }
    }

    @Test func eventsKnowledgeBaseAndUpload() async throws {
        let recorder = RecordingSubmissions()
        try await withQueryServer(submissions: recorder) { base, _, _ in
            let events = try await Self.page("\(base)/events?type=agreement&participant=\(q("Казахстаном"))")
            #expect(events.contains("class=\"ev\""))
            _ = try await Self.page("\(base)/events?role=bogus&participant=qt:kz", status: 400)
            let kb = try await Self.page("\(base)/kb?q=\(q("НАТО"))")
            #expect(kb.contains("qt:nato"))
            let form = try await Self.page("\(base)/upload")
            #expect(form.contains("enctype=\"multipart/form-data\""))
            let boundary = "XyZ"
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nҚазақстан мен Ресей келісімге қол қойды.\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nQT upload\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"published\"\r\n\r\n2024-05\r\n--\(boundary)--\r\n"
            let type = "multipart/form-data; boundary=\(boundary)"
            // Cross-site request forgery: a post that names no origin, or another one, is refused and publishes nothing.
            let host = try #require(URL(string: base)).host ?? "127.0.0.1"
            let port = try #require(URL(string: base)).port ?? 80
            for headers in [[:], ["Origin": "http://evil.example"], ["Origin": "http://\(host):\(port + 1)"],
                            ["Referer": "http://evil.example/upload"], ["Origin": "null"],
                            ["Origin": base, "Sec-Fetch-Site": "cross-site"]] {
                let refused = try await HTTP.send("POST", "\(base)/upload", body: Data(body.utf8), contentType: type, headers: headers)
                #expect(refused.status == 403 && refused.text.contains("<html"), "\(headers) → \(refused.status)")
            }
            #expect(recorder.submissions.isEmpty)
            let reply = try await HTTP.send("POST", "\(base)/upload", body: Data(body.utf8), contentType: type, headers: ["Origin": base])
            #expect(reply.status == 200 && reply.text.contains("sha"), "the redirect leads to the page that follows the upload")
            #expect(recorder.submissions.map(\.title) == ["QT upload"])
            #expect(recorder.submissions.first?.published == "2024-05")
            // The page's own referrer (a browser that sends no Origin) is this origin too.
            let viaReferer = try await HTTP.send("POST", "\(base)/upload", body: Data(body.utf8), contentType: type,
                                                 headers: ["Referer": "\(base)/upload", "Sec-Fetch-Site": "same-origin"])
            #expect(viaReferer.status == 200)
            let empty = try await HTTP.send("POST", "\(base)/upload", body: Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n \r\n--\(boundary)--\r\n".utf8),
                                            contentType: type, headers: ["Origin": base])
            #expect(empty.status == 400)
            // Files: PDF, DOCX and HTML go to ingest as files (by name, type or bytes); text files as text.
            let pdf = Array("%PDF-1.4 not parsed here".utf8)
            var files = "--\(boundary)\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nru\r\n"
            for (name, type, content) in [("a.pdf", "application/pdf", String(decoding: pdf, as: UTF8.self)),
                                          ("scan", "application/octet-stream", String(decoding: pdf, as: UTF8.self)),
                                          ("page.html", "text/html", "<p>Астана</p>"), ("note.txt", "text/plain", "Қазақстан мен Қырғызстан.")] {
                files += "--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\nContent-Type: \(type)\r\n\r\n\(content)\r\n"
            }
            files += "--\(boundary)--\r\n"
            let sent = try await HTTP.send("POST", "\(base)/upload", body: Data(files.utf8), contentType: type, headers: ["Origin": base])
            #expect(sent.status == 200)
            #expect(recorder.files.map(\.file.filename) == ["a.pdf", "scan", "page.html"])
            #expect(recorder.files.first?.file.content == Data(pdf) && recorder.files.first?.file.mediaType == "application/pdf")
            #expect(recorder.files.allSatisfy { $0.language == "ru" && $0.source == "upload:" + ($0.file.filename ?? "") })
            #expect(recorder.submissions.last?.source == "upload:note.txt")
            // A binary file that is no format ingest reads is refused on the form, not sent.
            let binary = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"x.bin\"\r\n\r\n".utf8)
                + Data([0xFF, 0xFE, 0x01]) + Data("\r\n--\(boundary)--\r\n".utf8)
            let bad = try await HTTP.send("POST", "\(base)/upload", body: binary, contentType: type, headers: ["Origin": base])
            #expect(bad.status == 400 || bad.status == 415, "\(bad.status)")
        }
    }

    @Test func entityLookupCoversTheKnowledgeBaseAndSuffixedForms() async throws {
        try await withQueryServer { base, _, _ in
            let nato = items(try await getJSON("\(base)/v1/entities?name=\(q("НАТО-ға"))"))
            #expect(nato.map { $0["id"] as? String } == ["qt:nato"])
            #expect(nato.first?["mention_count"] as? Int == 0)
            let kz = items(try await getJSON("\(base)/v1/entities?name=\(q("Қазақстан"))"))
            #expect(kz.map { $0["id"] as? String } == ["qt:kz"], "a stored entity is not listed twice")
            let planned = try await HTTP.send("GET", "\(base)/v1/events?modality=hypothetical")
            #expect(planned.status == 200, "a documented modality is valid before the store holds one")
            let role = try await HTTP.send("GET", "\(base)/v1/events?entity=qt:kz&role=bogus")
            #expect(role.status == 400 && role.text.contains("counterpart"))
            let graph = try await getJSON("\(base)/v1/graph?entity=qt:kz&window=sentence")
            #expect((graph["nodes"] as? [[String: Any]])?.contains { $0["id"] as? String == "qt:uz" } == true)
        }
    }
}
