import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

struct Submit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send text files (or every .txt file under a directory) to the ingest API, with a progress bar.")

    @Argument(help: "Files or directories.")
    var paths: [String]

    @Option(help: "Ingest API base URL (env DALA_INGEST_URL).")
    var url: String = ProcessInfo.processInfo.environment["DALA_INGEST_URL"] ?? "http://127.0.0.1:8081"

    @Option(help: "Language hint sent with every file (kk, ru, en).")
    var language: String?

    func run() async throws {
        let files = try collectFiles()
        guard !files.isEmpty else { throw ValidationError("no files to submit") }
        let total = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
        var sent = 0, created = 0, duplicates = 0, failed = 0
        let session = URLSession(configuration: .ephemeral)
        for (i, path) in files.enumerated() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            var components = URLComponents(string: url + "/v1/documents")!
            var items = [URLQueryItem(name: "title", value: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent),
                         URLQueryItem(name: "source", value: "file:" + URL(fileURLWithPath: path).lastPathComponent)]
            if let language { items.append(URLQueryItem(name: "language", value: language)) }
            components.queryItems = items
            var request = URLRequest(url: components.url!)
            request.httpMethod = "POST"
            request.setValue("text/plain; charset=utf-8", forHTTPHeaderField: "Content-Type")
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

    func collectFiles() throws -> [String] {
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw ValidationError("no such file: \(path)") }
            if isDir.boolValue {
                let names = try FileManager.default.subpathsOfDirectory(atPath: path).filter { $0.hasSuffix(".txt") }.sorted()
                out += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                out.append(path)
            }
        }
        return out
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
