import DalaCore
import Foundation

/// The bookkeeping of one NDJSON batch (`POST /v1/documents/batch`): lines are admitted in input order, stored
/// concurrently, and handed back in input order.
///
/// Lines with the same text are one document. Stored concurrently, which of two such lines inserts it first would be
/// a race (and both could publish it). So a line repeating the text of an earlier line of the batch that has not been
/// handed back yet is not stored at all: it reports that line's document with `created: false` and that line's status
/// (or its failure). The first line with a text is therefore the one that reports `created: true` when the document
/// is new. A repeat arriving after the first line was handed back is stored as usual and finds the document there.
struct BatchLines {
    /// What one line reports.
    enum Outcome: Sendable, Equatable {
        case stored(IntakeResult)
        case refused(SubmissionError)
    }

    private var admitted = 0
    private var nextOut = 1
    /// Finished lines waiting for their turn.
    private var done: [Int: Outcome] = [:]
    /// Hash → the first line with that text, while that line is not handed back.
    private var firstLine: [String: Int] = [:]
    /// Hash of each first line in `firstLine`.
    private var hashOf: [Int: String] = [:]
    /// Repeat line → the first line whose document it reports.
    private var repeatOf: [Int: Int] = [:]
    /// First line → its repeats not handed back yet, and its outcome once handed back (its repeats copy it).
    private var pendingRepeats: [Int: Int] = [:]
    private var handedBack: [Int: Outcome] = [:]

    /// Lines admitted so far; the next admitted line has number `admittedCount + 1`.
    var admittedCount: Int { admitted }

    /// Admits the next line with its validation outcome. Returns the document to store, or nil when the line is
    /// settled already: refused, or a repeat of a line not handed back yet.
    mutating func admit(_ validated: Result<ValidatedDocument, SubmissionError>) -> ValidatedDocument? {
        admitted += 1
        let number = admitted
        switch validated {
        case .failure(let error):
            done[number] = .refused(error)
            return nil
        case .success(let doc):
            if let first = firstLine[doc.sha256] {
                repeatOf[number] = first
                pendingRepeats[first, default: 0] += 1
                return nil
            }
            firstLine[doc.sha256] = number
            hashOf[number] = doc.sha256
            return doc
        }
    }

    /// Records the outcome of a line `admit` returned a document for.
    mutating func finish(_ number: Int, _ outcome: Outcome) {
        done[number] = outcome
    }

    /// The lines whose turn has come, in input order, with what each reports.
    mutating func ready() -> [(line: Int, outcome: Outcome)] {
        var out: [(line: Int, outcome: Outcome)] = []
        while nextOut <= admitted {
            let number = nextOut
            let outcome: Outcome
            if let first = repeatOf[number] {
                // The first line comes earlier, so it was handed back already and its outcome is kept.
                guard let original = handedBack[first] else { break }
                repeatOf[number] = nil
                pendingRepeats[first, default: 1] -= 1
                if pendingRepeats[first] == 0 {
                    pendingRepeats[first] = nil
                    handedBack[first] = nil
                }
                if case .stored(var result) = original {
                    result.created = false
                    outcome = .stored(result)
                } else {
                    outcome = original
                }
            } else {
                guard let finished = done.removeValue(forKey: number) else { break }
                outcome = finished
                if let hash = hashOf.removeValue(forKey: number) {
                    firstLine[hash] = nil
                    if pendingRepeats[number] != nil { handedBack[number] = finished }
                }
            }
            out.append((number, outcome))
            nextOut += 1
        }
        return out
    }
}
