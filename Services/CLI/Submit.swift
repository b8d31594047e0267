import ArgumentParser
import DalaAnalysis
import DalaExtract
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

struct Submit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send text, PDF, DOCX or HTML files (or every such file under a directory) to the ingest API, with a progress bar.",
        discussion: "PDF, DOCX and HTML files (by extension, else by their first bytes) go raw with their media type; the ingest API extracts their text.")

    @Argument(help: "Files or directories.")
    var paths: [String] = []

    @Option(help: "Ingest API base URL (env DALA_INGEST_URL).")
    var url: String = ProcessInfo.processInfo.environment["DALA_INGEST_URL"] ?? "http://127.0.0.1:8081"

    @Option(help: "Language hint sent with every file (kk, ru, en).")
    var language: String?

    @Option(help: "Title of the document (one file only). Without it the title the text analysis finds is sent, else the file name; a PDF, DOCX or HTML file without it keeps the title the file gives.")
    var title: String?

    @Option(help: "Publication date sent with every file: YYYY, YYYY-MM or YYYY-MM-DD.")
    var published: String?

    @Option(help: "A tab-separated list of files with their language and publication date (`file<TAB>kk<TAB>2014-05-29`), paths relative to the list; `#` starts a comment.")
    var index: String?

    /// Per-file settings: the command line's, or a line of `--index`.
    struct Item { var path: String; var language: String?; var published: String? }

    func validate() throws {
        if paths.isEmpty && index == nil { throw ValidationError("give files, directories or --index FILE") }
        if title != nil && (paths.count != 1 || index != nil) { throw ValidationError("--title names one document: give exactly one file") }
        if let published, !(published.wholeMatch(of: /\d{4}(-\d{2}(-\d{2})?)?/) != nil) {
            throw ValidationError("--published must be YYYY, YYYY-MM or YYYY-MM-DD")
        }
    }

    func run() async throws {
        let items = try collectFiles().map { Item(path: $0, language: language, published: published) } + (try indexItems())
        let files = items.map(\.path)
        guard !files.isEmpty else { throw ValidationError("no files to submit") }
        var pipeline: Pipeline? = nil
        let total = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        var sent = 0, created = 0, duplicates = 0, failed = 0
        let session = URLSession(configuration: .ephemeral)
        for (i, item) in items.enumerated() {
            let path = item.path
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            var components = URLComponents(string: url + "/v1/documents")!
            let name = URL(fileURLWithPath: path).lastPathComponent
            let format = DocumentFormat.detect(filename: name, bytes: Array(data.prefix(64 * 1024)))
            // The title: --title, else what the analysis finds in the text (its first title-like part), else the file name.
            var documentTitle = title
            if documentTitle == nil, format == nil, let text = String(data: data, encoding: .utf8) {
                if pipeline == nil { pipeline = try Pipeline() }
                documentTitle = pipeline?.documentTitle(of: text)
            }
            var query = [URLQueryItem(name: "source", value: "file:" + name)]
            if format == nil {
                query.insert(URLQueryItem(name: "title", value: documentTitle ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent), at: 0)
            } else {
                // A file's own title (its metadata) is used when none is given here.
                if let documentTitle { query.insert(URLQueryItem(name: "title", value: documentTitle), at: 0) }
                query.append(URLQueryItem(name: "filename", value: name))
            }
            if let language = item.language { query.append(URLQueryItem(name: "language", value: language)) }
            if let published = item.published { query.append(URLQueryItem(name: "published", value: published)) }
            components.queryItems = query
            // URLComponents leaves `+` alone in a query, and the ingest API reads it as a space.
            components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
            var request = URLRequest(url: components.url!)
            request.httpMethod = "POST"
            request.setValue(format?.mediaType ?? "text/plain; charset=utf-8", forHTTPHeaderField: "Content-Type")
            request.httpBody = data
            let line: String
            do {
                let (body, response) = try await session.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                let text = String(decoding: body, as: UTF8.self)
                switch status {
                case 202: created += 1; line = "created   \(Self.field("id", in: text) ?? "?")  \(path)"
                case 200: duplicates += 1; line = "duplicate \(Self.field("id", in: text) ?? "?")  \(path)"
                default: failed += 1; line = "failed    HTTP \(status): \(Self.field("detail", in: text) ?? text.prefix(200).description)  \(path)"
                }
            } catch {
                failed += 1; line = "failed    \(error.localizedDescription)  \(path)"
            }
            sent += data.count
            Self.progress(done: i + 1, of: files.count, bytes: sent, totalBytes: total, line: line)
        }
        FileHandle.standardError.write(Data("\n".utf8))
        print("submitted \(files.count) files: \(created) new, \(duplicates) already stored, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }

    /// The lines of `--index`: file, language (or `-`), publication date (or `-`).
    func indexItems() throws -> [Item] {
        guard let index else { return [] }
        let base = URL(fileURLWithPath: index).deletingLastPathComponent()
        var out: [Item] = []
        for (n, line) in try String(contentsOfFile: index, encoding: .utf8).split(separator: "\n").enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let path = fields[0].hasPrefix("/") ? fields[0] : base.appendingPathComponent(fields[0]).path
            guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("\(index):\(n + 1): no such file \(fields[0])") }
            func field(_ i: Int) -> String? { i < fields.count && !fields[i].isEmpty && fields[i] != "-" ? fields[i] : nil }
            out.append(Item(path: path, language: field(1) ?? language, published: field(2) ?? published))
        }
        return out
    }

    func collectFiles() throws -> [String] {
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw ValidationError("no such file: \(path)") }
            if isDir.boolValue {
                let names = try FileManager.default.subpathsOfDirectory(atPath: path).filter(Self.isSubmittable).sorted()
                out += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                out.append(path)
            }
        }
        return out
    }

    /// The files a directory contributes: text, PDF, DOCX and HTML, by extension.
    static func isSubmittable(_ name: String) -> Bool {
        ["txt", "pdf", "docx", "html", "htm", "xhtml"].contains((name as NSString).pathExtension.lowercased())
    }

    static func field(_ name: String, in json: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
        return object[name].map { "\($0)" }
    }

    /// A progress bar on stderr; the per-file result lines go to stdout above it.
    static func progress(done: Int, of total: Int, bytes: Int, totalBytes: Int, line: String) {
        print(line)
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let message = "\r[\(bar)] \(done)/\(total) files, \(bytes / 1024)/\(totalBytes / 1024) KiB"
        FileHandle.standardError.write(Data(message.utf8))
    }
}
