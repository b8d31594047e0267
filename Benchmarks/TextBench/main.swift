// Stand-alone harness for the DalaText stage:
//   text-bench bench [--iterations N] FILE...    prints MB/s per file and in total
//   text-bench analyze FILE                      prints the analysis as JSON
//   text-bench lines FILE...                     language of each line of 30+ characters, judged alone
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
case "lines":
    // Language of every line of 30 or more characters, judged alone: "label<TAB>confidence<TAB>line".
    let analyzer = try TextAnalyzer()
    for path in args {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).count >= 30 {
            let analysis = analyzer.analyze(String(line))
            var letters: [Language: Int] = [:]
            for s in analysis.sentences { letters[s.language, default: 0] += s.text.unicodeScalars.count }
            let label = letters.max { $0.value < $1.value }?.key ?? .unknown
            let conf = analysis.sentences.first?.confidence ?? 0
            print("\(label.rawValue)\t\(String(format: "%.2f", conf))\t\(line.trimmingCharacters(in: .whitespaces))")
        }
    }
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
