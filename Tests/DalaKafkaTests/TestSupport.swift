import DalaKafka
import Foundation
import Logging

/// A logger that prints warnings and worse (librdkafka's own complaints show up in the test output).
func testLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["DALA_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    return logger
}

struct TimedOut: Error, CustomStringConvertible {
    var description: String
}

/// Reads `count` messages (committing none) or throws after `timeout`.
func collect(_ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(20)) async throws -> [KafkaMessage] {
    try await withThrowingTaskGroup(of: [KafkaMessage]?.self) { group in
        group.addTask {
            var received: [KafkaMessage] = []
            for await message in consumer.messages {
                received.append(message)
                if received.count == count { break }
            }
            return received
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let received = first else {
            throw TimedOut(description: "fewer than \(count) messages within \(timeout)")
        }
        return received
    }
}

/// Waits until `condition` holds, polling every 50 ms.
func eventually(timeout: Duration = .seconds(20), _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw TimedOut(description: "condition not met within \(timeout)") }
        try await Task.sleep(for: .milliseconds(50))
    }
}

func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }
func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
