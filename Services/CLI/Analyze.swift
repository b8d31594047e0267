import ArgumentParser
import DalaAnalysis
import DalaCore
import Foundation

struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the text analysis on one file offline and print JSON (schema: Shared/DalaText/SCHEMA.md).")

    @Argument(help: "A UTF-8 text file ('-' for standard input).")
    var file: String

    @Option(help: "Document date (YYYY, YYYY-MM or YYYY-MM-DD) for resolving relative dates.")
    var date: String?

    @Flag(help: "Compact JSON on one line.")
    var compact = false

    @Flag(help: "FILE holds one JSON object per line ({\"id\", \"text\", \"date\"?}); print `id<TAB>compact JSON` per line.")
    var jsonl = false

    func run() async throws {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile()
                               : try Data(contentsOf: URL(fileURLWithPath: file))
        guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(file) is not valid UTF-8") }
        let pipeline = try Pipeline()
        if jsonl {
            try analyzeLines(text, pipeline)
            return
        }
        let analysis = pipeline.analyze(text, documentDate: date)
        let json = try DalaJSON.encoder(pretty: !compact).encode(analysis)
        FileHandle.standardOutput.write(json)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    struct Item: Decodable { var id: String; var text: String; var date: String? }

    /// Many passages in one process (the identity check runs hundreds; loading the resources once saves minutes).
    func analyzeLines(_ input: String, _ pipeline: Pipeline) throws {
        let encoder = DalaJSON.encoder(pretty: false)
        for (n, line) in input.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            guard let item = try? JSONDecoder().decode(Item.self, from: Data(line.utf8)) else {
                throw ValidationError("\(file):\(n + 1): not a JSON object with id and text")
            }
            let analysis = pipeline.analyze(item.text, documentDate: item.date ?? date)
            var out = Data((item.id + "\t").utf8)
            out.append(try encoder.encode(analysis))
            out.append(Data("\n".utf8))
            FileHandle.standardOutput.write(out)
        }
    }
}
