import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Extraction in a child process (`dala extract-file`), so that a file that crashes poppler, or eats memory or CPU,
/// costs that child and not the service: the child caps its own address space and CPU time (`setrlimit`), the parent
/// kills it at the wall-clock limit. What crosses the boundary is the `Extraction` as JSON.
public struct IsolatedExtractor: Sendable {
    /// The `dala` executable.
    public var executable: String
    /// Address-space cap of the child in bytes.
    public var maxMemoryBytes: Int

    public init(executable: String, maxMemoryBytes: Int = 2 << 30) {
        self.executable = executable; self.maxMemoryBytes = maxMemoryBytes
    }

    /// `dala` beside the running executable (services and the tests are built into the same directory), if there.
    public static func besideThisExecutable() -> IsolatedExtractor? {
        let dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        let path = dir.appendingPathComponent("dala").path
        return FileManager.default.isExecutableFile(atPath: path) ? IsolatedExtractor(executable: path) : nil
    }

    /// Same contract as `Extractor.extract`; blocks the calling thread (run it off Swift's cooperative pool).
    public func extract(_ bytes: [UInt8], format: DocumentFormat, limits: ExtractionLimits) throws(ExtractionError) -> Extraction {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dala-extract-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try Data(bytes).write(to: dir.appendingPathComponent("input"))
        } catch {
            throw ExtractionError(.corrupt, "The file could not be staged for extraction.")
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let started: StartedChild
        do {
            started = try ChildProcess.start(executable, [
                "extract-file", "--format", format.rawValue, "--max-pages", String(limits.maxPages),
                "--max-seconds", String(limits.maxSeconds), "--max-memory-bytes", String(maxMemoryBytes),
                "--max-text", String(limits.maxTextScalars), dir.appendingPathComponent("input").path])
        } catch {
            throw ExtractionError(.corrupt, "The extractor could not be started.")
        }
        let process = started.process
        // Wall clock: the child checks its own deadline between pages; this catches a page that never returns.
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + limits.maxSeconds + 5, execute: watchdog)
        let data = started.output.fileHandleForReading.readDataToEndOfFile()
        started.waitForExit()
        watchdog.cancel()
        if process.terminationReason == .uncaughtSignal {
            let signal = process.terminationStatus
            if signal == SIGKILL || signal == SIGXCPU {
                throw ExtractionError(.timeout, "Extraction took longer than \(Int(limits.maxSeconds)) s and was stopped.")
            }
            throw ExtractionError(.corrupt, "The file crashed the extractor (signal \(signal)); it is damaged or hostile.")
        }
        guard let answer = try? JSONDecoder().decode(IsolatedAnswer.self, from: data) else {
            // Out of memory ends in a failed allocation: the child dies without an answer.
            throw ExtractionError(.tooLarge, "Extraction ran out of its memory limit (\(maxMemoryBytes >> 20) MiB) or failed.")
        }
        if let error = answer.error { throw error }
        guard let extraction = answer.extraction else { throw ExtractionError(.corrupt, "The extractor gave no answer.") }
        return extraction
    }

    /// The child's side: caps itself, extracts, and answers on standard output.
    public static func child(path: String, format: DocumentFormat, limits: ExtractionLimits, maxMemoryBytes: Int) -> [UInt8] {
        ChildProcess.capSelf(memoryBytes: maxMemoryBytes, cpuSeconds: limits.maxSeconds.rounded(.up) + 2)
        var answer = IsolatedAnswer()
        do {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            answer.extraction = try Extractor.extract(bytes, format: format, limits: limits)
        } catch let e as ExtractionError {
            answer.error = e
        } catch {
            answer.error = ExtractionError(.corrupt, "The file could not be read.")
        }
        return Array((try? JSONEncoder().encode(answer)) ?? Data())
    }
}

struct IsolatedAnswer: Codable {
    var extraction: Extraction?
    var error: ExtractionError?
}
