import ArgumentParser
import DalaAnalysis
import DalaEvaluation
import DalaText
import DalaEntities
import DalaEvents
import DalaStorage
import Foundation

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark the text analysis (single thread): MB/s per stage and peak memory, plus quality on the fixtures.")

    @Option(help: "Directory of .txt files to measure on (default: ../shared/corpus, else the demo corpus).")
    var corpus: String?

    @Option(help: "Passes over the corpus.")
    var iterations: Int = 5

    @Option(help: "Repository root, for the annotated fixtures under Tests/ (quality figures).")
    var repo: String = "."

    @Flag(help: "Speed and memory only; skip the quality evaluation on the annotated fixtures.")
    var speedOnly = false

    @Flag(help: "Measure what an enrichment worker computes instead of the stages: the rows it stores (long texts analysed in pieces), speed and peak memory; implies --speed-only.")
    var rows = false

    func run() async throws {
        let dir = corpus ?? ["../shared/corpus", "deploy/demo-corpus"].first { FileManager.default.fileExists(atPath: $0) } ?? "."
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }.sorted()
        let texts = try names.map { try String(contentsOfFile: (dir as NSString).appendingPathComponent($0), encoding: .utf8) }
        guard !texts.isEmpty else { throw ValidationError("no .txt files in \(dir)") }
        let bytes = Double(texts.reduce(0) { $0 + $1.utf8.count }) * Double(iterations)
        let clock = ContinuousClock()
        let loadStart = clock.now
        let pipeline = try Pipeline()
        let load = clock.now - loadStart

        if rows {
            var elapsed = Duration.zero, copyText = Duration.zero, stored = (sentences: 0, mentions: 0, events: 0)
            var copyBytes = 0
            for _ in 0..<iterations {
                for text in texts {
                    let t0 = clock.now
                    let set = pipeline.annotationSet(of: text)
                    elapsed += clock.now - t0
                    stored.sentences += set.sentences.count; stored.mentions += set.mentions.count; stored.events += set.events.count
                    // The COPY text the worker writes for these rows (`AnnotationStore.DocumentRows`), timed apart.
                    let t1 = clock.now
                    var rows = AnnotationStore.DocumentRows(documentID: UUID())
                    rows.append(set)
                    copyText += clock.now - t1
                    copyBytes += rows.byteCount
                }
            }
            let copySeconds = Double(copyText.components.seconds) + Double(copyText.components.attoseconds) / 1e18
            print(String(format: "COPY text of the rows:   %8.3f ms per document (%.1f MB of COPY text per pass)",
                         copySeconds * 1000 / Double(texts.count * iterations), Double(copyBytes) / 1e6 / Double(iterations)))
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("corpus: \(dir), \(texts.count) files, \(Int(bytes) / iterations) bytes, \(iterations) passes, extractor \(Pipeline.version)")
            print(String(format: "worker rows:             %8.2f MB/s (texts over %d KB in pieces)", bytes / 1e6 / max(seconds, 1e-9),
                         Pipeline.segmentBytes / 1024))
            print("per pass: \(stored.sentences / iterations) sentences, \(stored.mentions / iterations) mentions, \(stored.events / iterations) events")
            print(String(format: "peak memory (max RSS):   %8.1f MB", Self.peakRSSMegabytes()))
            return
        }

        var stage1 = Duration.zero, stage2 = Duration.zero, stage3 = Duration.zero
        var counts = (sentences: 0, mentions: 0, events: 0, times: 0)
        for _ in 0..<iterations {
            for text in texts {
                let t0 = clock.now
                let t = pipeline.text.analyze(text)
                let t1 = clock.now
                let e = pipeline.recognizer.recognize(text: text, analysis: t)
                let t2 = clock.now
                let ev = pipeline.extractor.extract(text: text, sentences: t.sentences, entities: e, documentDate: nil)
                let t3 = clock.now
                stage1 += t1 - t0; stage2 += t2 - t1; stage3 += t3 - t2
                counts.sentences += t.sentences.count; counts.mentions += e.mentions.count
                counts.events += ev.events.count; counts.times += ev.times.count
            }
        }
        func mbps(_ d: Duration) -> String {
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
            return String(format: "%8.2f MB/s", bytes / 1e6 / max(s, 1e-9))
        }
        print("corpus: \(dir), \(texts.count) files, \(Int(bytes) / iterations) bytes, \(iterations) passes, extractor \(Pipeline.version)")
        print("resource load:            \(load)")
        print("stage 1 text:            \(mbps(stage1))")
        print("stage 2 entities:        \(mbps(stage2))")
        print("stage 3 dates/events:    \(mbps(stage3))")
        print("stages 1+2:              \(mbps(stage1 + stage2))")
        print("full analysis:           \(mbps(stage1 + stage2 + stage3))")
        print("per pass: \(counts.sentences / iterations) sentences, \(counts.mentions / iterations) mentions, "
              + "\(counts.times / iterations) dates, \(counts.events / iterations) events")
        print(String(format: "peak memory (max RSS):   %8.1f MB", Self.peakRSSMegabytes()))
        guard !speedOnly else { return }

        // Quality on our own annotated fixtures: the development sets the analysers were tuned on, and held-out
        // sets written separately (the honest estimate).
        let segment: @Sendable (String) -> [DalaText.Sentence] = { pipeline.text.analyze($0).sentences }
        // Every held-out set there is (heldout.txt, heldout2.txt, ...): each was written before the rules it scores.
        func heldOut(_ folder: String, _ suffix: String, prefix: String = "heldout") -> [String] {
            let dir = (repo as NSString).appendingPathComponent(folder)
            return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                .filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
        }
        // Development sets: annotated.txt, then one per added language (annotated-ky.txt), each reported per type.
        let entitySets = [("development", "annotated.txt")]
            + heldOut("Tests/DalaEntitiesTests/Fixtures", ".txt", prefix: "annotated-").map { ("development", $0) }
            + heldOut("Tests/DalaEntitiesTests/Fixtures", ".txt").map { ("held-out", $0) }
        for (name, file) in entitySets {
            let path = (repo as NSString).appendingPathComponent("Tests/DalaEntitiesTests/Fixtures/" + file)
            guard let annotated = try? String(contentsOfFile: path, encoding: .utf8) else { print("\n(no \(path))"); continue }
            print("\n== entities, \(name) set (\(file))")
            print(EntityEvaluation.report(annotated: annotated, recognizer: pipeline.recognizer, segment: segment))
        }
        print("\n== dates and events")
        print(EventEvaluation.report())
        for file in heldOut("Tests/DalaEventsTests/Fixtures", ".json") {
            let heldout = (repo as NSString).appendingPathComponent("Tests/DalaEventsTests/Fixtures/" + file)
            guard let data = FileManager.default.contents(atPath: heldout), let cases = try? EventEvaluation.parse(json: data) else {
                print("\n(no \(heldout))")
                continue
            }
            let result = EventEvaluation.evaluate(cases, extractor: pipeline.extractor, text: pipeline.text, recognizer: pipeline.recognizer)
            print(EventEvaluation.format(result, title: "events \(EventExtractor.version), held-out set \(file)"))
        }
    }

    static func peakRSSMegabytes() -> Double {
        var usage = rusage()
        getrusage(0, &usage)  // RUSAGE_SELF; glibc types it as an enum Swift will not pass as __rusage_who_t
        return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes
    }
}
