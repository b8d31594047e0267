import Foundation

/// A started child: its process, the pipe of its standard output, and its exit.
struct StartedChild {
    let process: Process
    let output: Pipe
    private let exited: DispatchSemaphore

    fileprivate init(process: Process, output: Pipe, exited: DispatchSemaphore) {
        self.process = process; self.output = output; self.exited = exited
    }

    /// Blocks until the child has exited. Not `Process.waitUntilExit()`: that spins a run loop, and called off the
    /// main thread while other children come and go it can miss the exit and wait for ever (it hung the test run
    /// with both threads of Swift's cooperative pool inside it). The termination handler, set before the start,
    /// cannot miss it.
    func waitForExit() { exited.wait() }
}

/// Starting a capped child (`dala extract-file`, `dala ocr-page`) the same way for both.
enum ChildProcess {
    /// Starts `executable` with `arguments`, standard output piped back, standard error dropped, one malloc arena
    /// (other threads' arenas grow inside reserved mappings that RLIMIT_AS does not see). A failed start is tried
    /// again a few times: an executable written a moment ago can still be open for writing in a sibling thread's
    /// fork (ETXTBSY) until that fork execs.
    static func start(_ executable: String, _ arguments: [String]) throws -> StartedChild {
        var lastError: (any Error)?
        for attempt in 0..<5 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(["MALLOC_ARENA_MAX": "1"]) { $1 }
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            let exited = DispatchSemaphore(value: 0)
            process.terminationHandler = { _ in exited.signal() }
            do {
                try process.run()
                return StartedChild(process: process, output: output, exited: exited)
            } catch {
                lastError = error
                if attempt < 4 { usleep(UInt32(20_000 << attempt)) }
            }
        }
        throw lastError!
    }

    /// The child's side: caps its own address space and CPU time (one second of grace before SIGKILL).
    static func capSelf(memoryBytes: Int, cpuSeconds: Double) {
        var memory = rlimit(rlim_cur: rlim_t(memoryBytes), rlim_max: rlim_t(memoryBytes))
        _ = setrlimit(Int32(RLIMIT_AS.rawValue), &memory)
        let cpu = rlim_t(cpuSeconds.rounded(.up))
        var cpuLimit = rlimit(rlim_cur: cpu, rlim_max: cpu + 1)
        _ = setrlimit(Int32(RLIMIT_CPU.rawValue), &cpuLimit)
    }
}
