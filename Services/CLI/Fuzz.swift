import ArgumentParser
import DalaAnalysis
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The input being analysed, kept where a signal handler can write it out without allocating.
/// Written only by the fuzz loop's thread between inputs; read by the crash handler and the watchdog (which only
/// write it to a file descriptor and end the process).
nonisolated(unsafe) private var currentBytes = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
nonisolated(unsafe) private var currentLength = 0
nonisolated(unsafe) private var crashFD: Int32 = -1

private let crashMessage: [UInt8] = Array("\ndala fuzz: crashed; the input is saved as crash-pending.txt\n".utf8)

/// Only async-signal-safe calls: save the input, say so, and die of the same signal.
private let crashHandler: @convention(c) (Int32) -> Void = { sig in
    if crashFD >= 0, let base = currentBytes.baseAddress {
        _ = ftruncate(crashFD, 0)
        _ = pwrite(crashFD, base, currentLength, 0)
    }
    crashMessage.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    signal(sig, SIG_DFL)
    raise(sig)
}

struct Fuzz: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fuzz the analyser in-process: mutated corpus text and hostile Unicode; checks for crashes, hangs, "
            + "offsets outside the text and duplicate event ids.")

    @Option(help: "Inputs to run.")
    var count: Int = 100_000

    @Option(help: "Stop after this many seconds even if fewer inputs ran (0: no limit).")
    var seconds: Double = 0

    @Option(help: "Seed of the run (inputs are reproducible from seed and index).")
    var seed: UInt64 = 1

    @Option(help: "First input index (resume a run or split it over processes).")
    var start: UInt64 = 0

    @Option(help: "Directory of .txt files to mutate (default: ../shared/corpus when present; the built-in seeds always).")
    var corpus: String?

    @Option(help: "Where failing inputs are written (crash-*, hang-*, slow-*, invalid-*).")
    var out: String = ".local/fuzz-failures"

    @Option(help: "Time budget per input: this many seconds plus --per-megabyte seconds per MB of input.")
    var budget: Double = 0.5

    @Option(help: "Seconds per MB of input added to the budget (linear time; a debug build wants about 10x).")
    var perMegabyte: Double = 6

    @Option(help: "An input that runs this many times its budget is a hang: it is saved and the run stops.")
    var hangFactor: Double = 10

    @Option(help: "Largest input of the long generators (one character repeated, long lines), in characters.")
    var maxLength: Int = 1 << 20

    @Option(help: "Replay the .txt files of this directory instead of generating inputs (regression corpus).")
    var replay: String?

    func run() async throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let pipeline = try Pipeline()
        _ = crashMessage.count      // initialised before any signal can need it
        crashFD = open((out as NSString).appendingPathComponent("crash-pending.txt"), O_WRONLY | O_CREAT, 0o644)
        for s in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] { signal(s, crashHandler) }

        let inputs: (UInt64) -> String?
        let total: Int
        if let replay {
            let names = try FileManager.default.contentsOfDirectory(atPath: replay).filter { $0.hasSuffix(".txt") }.sorted()
            let texts = names.map { (try? String(contentsOfFile: (replay as NSString).appendingPathComponent($0), encoding: .utf8)) ?? "" }
            inputs = { $0 < texts.count ? texts[Int($0)] : nil }
            total = texts.count
        } else {
            let dir = corpus ?? (FileManager.default.fileExists(atPath: "../shared/corpus") ? "../shared/corpus" : nil)
            var samples: [String] = []
            if let dir {
                for name in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() where name.hasSuffix(".txt") {
                    samples.append(try String(contentsOfFile: (dir as NSString).appendingPathComponent(name), encoding: .utf8))
                }
            }
            let generator = FuzzInputs(samples: samples, maxLength: maxLength)
            let seed = self.seed, start = self.start
            inputs = { generator.input(seed: seed, index: start + $0) }
            total = count
            say("fuzz: seed \(seed), inputs \(start)..<\(start + UInt64(count)), \(samples.count) corpus files + "
                  + "\(FuzzInputs.seeds.count) seeds")
        }

        // Watchdog: an input far over its budget is saved and ends the run (a hang never returns to the loop).
        let watch = Watch()
        let hangPath = (out as NSString).appendingPathComponent("hang-pending.txt")
        let watchdog = Thread {
            while true {
                Thread.sleep(forTimeInterval: 0.5)
                guard let (began, limit) = watch.current(), Date().timeIntervalSince(began) > limit else { continue }
                let data = Data(bytes: currentBytes.baseAddress!, count: currentLength)
                FileManager.default.createFile(atPath: hangPath, contents: data)
                FileHandle.standardError.write(Data("\ndala fuzz: an input ran over \(Int(limit)) s; saved as \(hangPath)\n".utf8))
                Glibc.exit(3)
            }
        }
        watchdog.start()

        let clock = ContinuousClock()
        let began = clock.now
        var done = 0, bytes = 0, failures = 0
        var slowest = (ratio: 0.0, seconds: 0.0, bytes: 0)
        var index: UInt64 = 0
        var lastReport = began
        while Int(index) < total {
            if seconds > 0, (clock.now - began) > .seconds(seconds) { break }
            guard let text = inputs(index) else { break }
            index += 1
            let size = text.utf8.count
            remember(text)
            let limit = budget + perMegabyte * Double(size) / 1e6
            watch.begin(limit: limit * hangFactor)
            let t0 = clock.now
            let analysis = pipeline.analyze(text, documentDate: index % 3 == 0 ? "2020-05-01" : nil)
            var elapsed = (clock.now - t0).seconds
            if elapsed > limit {
                // Once more before calling it slow: on a shared machine one run can lose the CPU for a while.
                let t1 = clock.now
                _ = pipeline.analyze(text, documentDate: index % 3 == 0 ? "2020-05-01" : nil)
                elapsed = min(elapsed, (clock.now - t1).seconds)
            }
            watch.end()
            done += 1; bytes += size
            if elapsed / limit > slowest.ratio { slowest = (elapsed / limit, elapsed, size) }
            var problems = AnalysisInvariants.violations(of: analysis, text: text)
            if elapsed > limit { problems.append(String(format: "took %.2f s for %d bytes (budget %.2f s)", elapsed, size, limit)) }
            if !problems.isEmpty {
                failures += 1
                let kind = elapsed > limit ? "slow" : "invalid"
                let name = "\(kind)-\(seed)-\(start + index - 1).txt"
                FileManager.default.createFile(atPath: (out as NSString).appendingPathComponent(name), contents: Data(text.utf8))
                say("FAIL \(name): \(problems.prefix(3).joined(separator: "; "))")
                if failures >= 50 { say("fuzz: 50 failures, stopping"); break }
            }
            if clock.now - lastReport > .seconds(30) {
                lastReport = clock.now
                let s = (clock.now - began).seconds
                say(String(format: "fuzz: %d inputs, %.1f MB, %.0f s, %.0f inputs/s", done, Double(bytes) / 1e6, s, Double(done) / s))
            }
        }
        let s = (clock.now - began).seconds
        say(String(format: "fuzz: %d inputs, %.1f MB in %.1f s (%.0f inputs/s); %d failures; slowest against budget: "
                     + "%.2f s for %d bytes (%.0f%% of its budget)", done, Double(bytes) / 1e6, s, Double(done) / s, failures,
                     slowest.seconds, slowest.bytes, slowest.ratio * 100))
        if failures > 0 { throw ExitCode(1) }
    }

    /// Copies the input where the crash handler finds it.
    private func remember(_ text: String) {
        let n = text.utf8.count
        if n > currentBytes.count {
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(n, currentBytes.count * 2), alignment: 1)
            currentLength = 0
            let old = currentBytes
            currentBytes = bigger
            old.deallocate()
        }
        var copy = text
        copy.withUTF8 { currentBytes.copyMemory(from: UnsafeRawBufferPointer($0)) }
        currentLength = n
    }
}

/// When the current input started and how long it may run; shared by the fuzz loop and its watchdog thread.
private final class Watch: @unchecked Sendable {   // every field under `lock`
    private let lock = NSLock()
    private var started: Date?
    private var limit = 0.0
    func begin(limit: Double) { lock.lock(); started = Date(); self.limit = limit; lock.unlock() }
    func end() { lock.lock(); started = nil; lock.unlock() }
    func current() -> (Date, Double)? {
        lock.lock(); defer { lock.unlock() }
        return started.map { ($0, max(limit, 5)) }
    }
}

/// A line on standard output, unbuffered, so a log file has every line before a crash.
private func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
