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

    func run() async throws {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile()
                               : try Data(contentsOf: URL(fileURLWithPath: file))
        guard let text = String(data: data, encoding: .utf8) else { throw ValidationError("\(file) is not valid UTF-8") }
        let pipeline = try Pipeline()
        let analysis = pipeline.analyze(text, documentDate: date)
        let json = try DalaJSON.encoder(pretty: !compact).encode(analysis)
        FileHandle.standardOutput.write(json)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
