// Throughput of stages 1 + 2 together, single thread (`dala bench`).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DalaEntities
import DalaText

/// Measures `TextAnalyzer.analyze` followed by `EntityRecognizer.recognize` on in-memory texts.
public enum EntityBenchmark {
    /// Runs every file `iterations` times after a warm-up and reports MB/s (10^6 bytes of UTF-8 input) for stage 1
    /// alone, stage 2 alone and both, by the thread's CPU time, plus the process's peak resident memory.
    public static func run(files: [String: String], iterations: Int, knowledgeBase: KnowledgeBase? = nil) -> String {
        let analyzer: TextAnalyzer
        let kb: KnowledgeBase
        do { analyzer = try TextAnalyzer(); kb = try knowledgeBase ?? KnowledgeBase.loadDefault() } catch {
            return "entity benchmark: \(error)"
        }
        let recognizer = EntityRecognizer(knowledgeBase: kb)
        let n = max(1, iterations)
        var bytes = 0, mentions = 0
        var cpu1 = 0.0, cpu2 = 0.0
        for name in files.keys.sorted() {
            let text = files[name]!
            let warm = analyzer.analyze(text)
            mentions += recognizer.recognize(text: text, sentences: warm.sentences).mentions.count
            for _ in 0..<n {
                let t0 = threadCPUSeconds()
                let a = analyzer.analyze(text)
                let t1 = threadCPUSeconds()
                let e = recognizer.recognize(text: text, sentences: a.sentences)
                let t2 = threadCPUSeconds()
                cpu1 += t1 - t0; cpu2 += t2 - t1
                if e.mentions.count < 0 { mentions += 1 }
            }
            bytes += text.utf8.count * n
        }
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let mb = Double(bytes) / 1e6
        return """
        entities benchmark: \(files.count) files, \(bytes / n) bytes, x\(n), \(mentions) mentions per pass
        stage 1 (text)      \(fmt(mb / max(cpu1, 1e-9))) MB/s
        stage 2 (entities)  \(fmt(mb / max(cpu2, 1e-9))) MB/s
        stages 1+2          \(fmt(mb / max(cpu1 + cpu2, 1e-9))) MB/s  (target ≥ 5)
        peak RSS            \(usage.ru_maxrss / 1024) MB  (target ≤ 300)
        """
    }

    private static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    private static func fmt(_ v: Double) -> String { String((v * 10).rounded() / 10) }
}
