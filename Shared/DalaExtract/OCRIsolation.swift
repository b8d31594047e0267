import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// OCR of one PDF page in a child process (`dala ocr-page`), so a page that crashes poppler or Tesseract, or eats
/// memory, costs that child: the worker fails that document with the reason and goes on. Same caps as
/// `IsolatedExtractor` (address space and CPU in the child, a wall-clock kill in the parent). One child per page:
/// loading the models (~0.3 s) is small beside a page's OCR.
public struct IsolatedOCR: Sendable {
    /// The child died or was killed on a page: the document cannot be read, and retrying would do the same.
    public struct Crash: Error, Sendable, Equatable { public var page: Int; public var reason: String }

    public var executable: String
    public var maxMemoryBytes: Int

    public init(executable: String, maxMemoryBytes: Int = 2 << 30) {
        self.executable = executable; self.maxMemoryBytes = maxMemoryBytes
    }

    /// `dala` beside the running executable, if there (else OCR runs in-process).
    public static func besideThisExecutable() -> IsolatedOCR? {
        IsolatedExtractor.besideThisExecutable().map { IsolatedOCR(executable: $0.executable) }
    }

    /// Reads page `page` (1-based) of the PDF at `path`. Blocks the calling thread (run it off the cooperative pool).
    /// Throws `Crash` when the child dies, `ExtractionError` for what the child reports, other errors when it
    /// cannot be started at all (worth retrying).
    public func recognise(path: String, page: Int, limits: ExtractionLimits) throws -> OCRPage {
        let child = try ChildProcess.start(executable, [
            "ocr-page", "--page", String(page), "--dpi", String(limits.ocrDPI),
            "--max-pixels", String(limits.maxOCRPixels), "--max-seconds", String(limits.maxOCRSecondsPerPage),
            "--max-memory-bytes", String(maxMemoryBytes), path])
        let process = child.process, pid = process.processIdentifier
        let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
        // A page checks its own deadline inside Tesseract; this catches one that never returns (render, or a hang).
        DispatchQueue.global().asyncAfter(deadline: .now() + limits.maxOCRSecondsPerPage * 2 + 10, execute: watchdog)
        let data = child.output.fileHandleForReading.readDataToEndOfFile()
        child.waitForExit()
        watchdog.cancel()
        if process.terminationReason == .uncaughtSignal {
            let signal = process.terminationStatus
            if signal == SIGKILL || signal == SIGXCPU {
                throw Crash(page: page, reason: "OCR of page \(page) took too long and was stopped (signal \(signal))")
            }
            throw Crash(page: page, reason: "OCR of page \(page) crashed (signal \(signal)); the page is damaged or hostile")
        }
        guard let answer = try? JSONDecoder().decode(IsolatedOCRAnswer.self, from: data) else {
            throw Crash(page: page, reason: "OCR of page \(page) ran out of its memory limit (\(maxMemoryBytes >> 20) MiB) or failed "
                                            + "(exit \(process.terminationStatus))")
        }
        if let error = answer.error { throw error }
        guard let result = answer.page else { throw Crash(page: page, reason: "OCR of page \(page) gave no answer") }
        return result
    }

    /// The child's side: caps itself, renders and reads the page, answers on standard output.
    public static func child(path: String, page: Int, limits: ExtractionLimits, maxMemoryBytes: Int) -> [UInt8] {
        // Two passes at most (`PageReader`).
        ChildProcess.capSelf(memoryBytes: maxMemoryBytes, cpuSeconds: (limits.maxOCRSecondsPerPage * 2).rounded(.up) + 5)
        var answer = IsolatedOCRAnswer()
        do {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let image = try PDFPageRenderer(bytes).render(page: page, limits: limits)
            answer.page = try PageReader().read(image, deadline: limits.maxOCRSecondsPerPage)
        } catch let e as ExtractionError {
            answer.error = e
        } catch {
            answer.error = ExtractionError(.corrupt, "The file could not be read.")
        }
        return Array((try? JSONEncoder().encode(answer)) ?? Data())
    }
}

struct IsolatedOCRAnswer: Codable {
    var page: OCRPage?
    var error: ExtractionError?
}
