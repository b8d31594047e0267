// Throughput of stage 1 (text), single thread (`dala bench`).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DalaText

/// Measures `TextAnalyzer.analyze` on in-memory texts.
public enum TextBenchmark {
    /// Runs every file `iterations` times (after one warm-up run) and returns a printable report with MB/s
    /// (MB = 10^6 bytes of UTF-8 input) by wall clock and by the thread's CPU time (steadier on a busy machine).
    public static func run(files: [String: String], iterations: Int) -> String {
        let analyzer: TextAnalyzer
        do { analyzer = try TextAnalyzer() } catch { return "text benchmark: \(error)" }
        let clock = ContinuousClock()
        var lines: [String] = []
        var totalBytes = 0
        var totalSeconds = 0.0
        var totalCPU = 0.0
        var sink = 0
        for name in files.keys.sorted() {
            let text = files[name]!
            sink &+= analyzer.analyze(text).sentences.count          // warm-up
            let cpu0 = threadCPUSeconds()
            let elapsed = clock.measure {
                for _ in 0..<max(1, iterations) { sink &+= analyzer.analyze(text).sentences.count }
            }
            let cpu = threadCPUSeconds() - cpu0
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let bytes = text.utf8.count * max(1, iterations)
            totalBytes += bytes; totalSeconds += seconds; totalCPU += cpu
            lines.append("\(pad(name, 40)) \(pad(String(text.utf8.count), 9)) B  \(format(Double(bytes) / seconds / 1e6)) MB/s"
                         + "  (cpu \(format(Double(bytes) / max(cpu, 1e-9) / 1e6)) MB/s)")
        }
        lines.append("\(pad("total", 40)) \(pad(String(totalBytes / max(1, iterations)), 9)) B  "
                     + "\(format(Double(totalBytes) / max(totalSeconds, 1e-9) / 1e6)) MB/s"
                     + "  (cpu \(format(Double(totalBytes) / max(totalCPU, 1e-9) / 1e6)) MB/s, x\(max(1, iterations)), check \(sink % 10))")
        return lines.joined(separator: "\n")
    }

    private static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    private static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s : s + String(repeating: " ", count: n - s.count)
    }

    private static func format(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return String(r)
    }
}
