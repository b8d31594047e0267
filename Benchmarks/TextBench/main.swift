// Stand-alone harness for the DalaText stage:
//   text-bench bench [--iterations N] FILE...    prints MB/s per file and in total
//   text-bench analyze FILE                      prints the analysis as JSON
import DalaText
import Foundation

var args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else {
    print("usage: text-bench bench [--iterations N] FILE... | analyze FILE")
    exit(2)
}
args.removeFirst()
switch command {
case "bench":
    var iterations = 20
    if let i = args.firstIndex(of: "--iterations"), i + 1 < args.count, let n = Int(args[i + 1]) {
        iterations = n; args.removeSubrange(i...(i + 1))
    }
    var files: [String: String] = [:]
    for path in args {
        files[(path as NSString).lastPathComponent] = try String(contentsOfFile: path, encoding: .utf8)
    }
    print(TextBenchmark.run(files: files, iterations: iterations))
case "analyze":
    let text = try String(contentsOfFile: args[0], encoding: .utf8)
    let analysis = try TextAnalyzer().analyze(text)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    FileHandle.standardOutput.write(try encoder.encode(analysis))
    print()
default:
    print("unknown command \(command)")
    exit(2)
}
