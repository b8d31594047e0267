import DalaKafka
import Foundation
import Logging

/// A logger that prints warnings and worse (librdkafka's own complaints show up in the test output).
/// Tests that take a broker down on purpose pass `.critical` to keep the expected connection errors quiet.
func testLogger(_ label: String, level: Logger.Level = .warning) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = ProcessInfo.processInfo.environment["DALA_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? level
    return logger
}

struct TimedOut: Error, CustomStringConvertible {
    var description: String
}

/// Reads `count` messages (committing none) or throws after `timeout`, saying how many arrived.
func collect(_ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(20)) async throws -> [KafkaMessage] {
    let received = Received()
    let complete = try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask {
            for await message in consumer.messages {
                if received.append(message) == count { return true }
            }
            return false
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return false
        }
        defer { group.cancelAll() }
        return try await group.next() ?? false
    }
    let messages = received.messages
    guard complete else {
        throw TimedOut(description: "\(messages.count) of \(count) messages within \(timeout)")
    }
    return messages
}

final class Received: @unchecked Sendable {  // guarded by lock
    private let lock = NSLock()
    private var storage: [KafkaMessage] = []

    func append(_ message: KafkaMessage) -> Int {
        lock.withLock {
            storage.append(message)
            return storage.count
        }
    }

    var messages: [KafkaMessage] { lock.withLock { storage } }
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
