import DalaKafka
import Foundation
import Logging
import Testing

/// DalaKafka against the real local broker (Tansu). Needs `DALA_TEST_KAFKA_BROKERS`, e.g.
/// `deploy/scripts/broker.sh start && export DALA_TEST_KAFKA_BROKERS=$(deploy/scripts/broker.sh brokers)`.
@Suite(
    .enabled(
        if: KafkaIT.brokers != nil,
        "DALA_TEST_KAFKA_BROKERS is not set: run deploy/scripts/broker.sh start and export DALA_TEST_KAFKA_BROKERS=$(deploy/scripts/broker.sh brokers)"
    ),
    .serialized
)
struct KafkaTests {
    let configuration = KafkaConfiguration(brokers: KafkaIT.brokers ?? "", clientID: "dala-it", properties: KafkaIT.properties)

    @Test func createsAndListsTopics() async throws {
        let a = KafkaIT.uniqueTopic("create-a"), b = KafkaIT.uniqueTopic("create-b")
        try await KafkaAdmin.ping(configuration: configuration)
        try await KafkaAdmin.createTopics([a, b], partitions: 3, configuration: configuration)
        try await KafkaAdmin.createTopics([a], partitions: 3, configuration: configuration)  // exists: fine
        let topics = try await KafkaAdmin.listTopics(configuration: configuration)
        #expect(topics[a] == 3)
        #expect(topics[b] == 3)
    }

    @Test func producesAndConsumesTenThousandMessagesInOneGroup() async throws {
        let topic = KafkaIT.uniqueTopic("bulk")
        let count = 10_000
        try await KafkaAdmin.createTopics([topic], partitions: 4, configuration: configuration)
        let producer = try KafkaProducer(configuration: configuration, logger: KafkaIT.logger("producer"))
        let payload = [UInt8](repeating: 0x2E, count: 100)

        let produceStart = ContinuousClock.now
        let results = await producer.sendBatch((0..<count).map {
            KafkaRecord(topic: topic, key: Array("doc-\($0)".utf8), value: payload,
                        headers: [KafkaHeader(key: "seq", value: Array(String($0).utf8))])
        })
        let produceTime = ContinuousClock.now - produceStart
        let failures = results.filter { (try? $0.get()) == nil }.count
        #expect(failures == 0)

        // The same through concurrent `send` calls (one child task per message).
        let concurrentStart = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<count {
                group.addTask {
                    try await producer.send(topic: topic, key: Array("doc-\(i)".utf8), value: payload,
                                            headers: [KafkaHeader(key: "seq", value: Array("c\(i)".utf8))])
                }
            }
            try await group.waitForAll()
        }
        let concurrentTime = ContinuousClock.now - concurrentStart

        // One awaited send after another, for comparison: bounded by the round trip plus linger.ms.
        let serialStart = ContinuousClock.now
        for i in 0..<100 { try await producer.send(topic: topic, key: nil, value: Array("serial-\(i)".utf8)) }
        let serialTime = ContinuousClock.now - serialStart
        await producer.shutdown()

        let joinStart = ContinuousClock.now
        let consumer = try KafkaConsumer(configuration: configuration, groupID: KafkaIT.uniqueTopic("g-bulk"),
                                         topics: [topic], logger: KafkaIT.logger("consumer"))
        let first = try await KafkaIT.collect(consumer, count: 1)
        let joinTime = ContinuousClock.now - joinStart
        let consumeStart = ContinuousClock.now
        let rest = try await KafkaIT.collect(consumer, count: 2 * count + 100 - 1, timeout: .seconds(60))
        let consumeTime = ContinuousClock.now - consumeStart
        let commitStart = ContinuousClock.now
        for message in rest.suffix(50) { try await consumer.commit(message) }
        let commitTime = ContinuousClock.now - commitStart
        await consumer.shutdown()

        let all = first + rest
        let sequences = Set(all.compactMap { $0.header("seq").map { String(decoding: $0, as: UTF8.self) } })
        #expect(sequences.count == 2 * count, "every message exactly once")
        #expect(all.count == 2 * count + 100)
        for partition in 0..<Int32(4) {
            let offsets = all.filter { $0.partition == partition }.map(\.offset)
            #expect(offsets == offsets.sorted(), "partition \(partition) in offset order")
        }
        print("""
            [kafka-throughput] librdkafka \(Librdkafka.version); \(count) x 100 B: \
            produce (sendBatch) \(KafkaIT.rate(count, produceTime)); \
            produce (concurrent send) \(KafkaIT.rate(count, concurrentTime)); \
            100 serial awaited sends \(KafkaIT.ms(serialTime / 100)) each; \
            group join to first message \(KafkaIT.ms(joinTime)); \
            consume \(KafkaIT.rate(rest.count, consumeTime)); \
            synchronous commit \(KafkaIT.ms(commitTime / 50)) each
            """)
    }

    @Test func twoConsumersInOneGroupSplitFourPartitions() async throws {
        let topic = KafkaIT.uniqueTopic("split")
        let group = KafkaIT.uniqueTopic("g-split")
        try await KafkaAdmin.createTopics([topic], partitions: 4, configuration: configuration)
        let one = try KafkaConsumer(configuration: configuration, groupID: group, topics: [topic],
                                    logger: KafkaIT.logger("one"))
        try await KafkaIT.eventually { one.assignment[topic]?.count == 4 }
        let two = try KafkaConsumer(configuration: configuration, groupID: group, topics: [topic],
                                    logger: KafkaIT.logger("two"))
        let rebalanceStart = ContinuousClock.now
        try await KafkaIT.eventually(timeout: .seconds(30)) {
            let a = one.assignment[topic] ?? [], b = two.assignment[topic] ?? []
            return !a.isEmpty && !b.isEmpty && (a + b).sorted() == [0, 1, 2, 3]
        }
        let rebalanceTime = ContinuousClock.now - rebalanceStart
        let partitionsOfOne = Set(one.assignment[topic] ?? []), partitionsOfTwo = Set(two.assignment[topic] ?? [])
        #expect(partitionsOfOne.isDisjoint(with: partitionsOfTwo))

        let producer = try KafkaProducer(configuration: configuration, logger: KafkaIT.logger("producer"))
        let results = await producer.sendBatch((0..<400).map {
            KafkaRecord(topic: topic, key: Array("key-\($0)".utf8), value: Array("v\($0)".utf8))
        })
        await producer.shutdown()
        let perPartition = Dictionary(grouping: results.compactMap { try? $0.get() }, by: \.partition).mapValues(\.count)
        let expectedByOne = partitionsOfOne.reduce(0) { $0 + (perPartition[$1] ?? 0) }

        async let gotOne = KafkaIT.collect(one, count: expectedByOne)
        async let gotTwo = KafkaIT.collect(two, count: 400 - expectedByOne)
        let (a, b) = try await (gotOne, gotTwo)
        #expect(Set(a.map(\.partition)).isSubset(of: partitionsOfOne))
        #expect(Set(b.map(\.partition)).isSubset(of: partitionsOfTwo))
        #expect(Set((a + b).map { String(decoding: $0.value, as: UTF8.self) }).count == 400)
        await one.shutdown()
        await two.shutdown()
        print("[kafka-rebalance] second member joined and both owned partitions after \(KafkaIT.ms(rebalanceTime))")
    }

    @Test func uncommittedMessagesAreRedeliveredToTheNextMember() async throws {
        let topic = KafkaIT.uniqueTopic("redeliver")
        let group = KafkaIT.uniqueTopic("g-redeliver")
        try await KafkaAdmin.createTopics([topic], partitions: 2, configuration: configuration)
        let producer = try KafkaProducer(configuration: configuration, logger: KafkaIT.logger("producer"))
        let results = await producer.sendBatch((0..<40).map {
            KafkaRecord(topic: topic, key: Array("k\($0)".utf8), value: Array("m\($0)".utf8))
        })
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        await producer.shutdown()

        let first = try KafkaConsumer(configuration: configuration, groupID: group, topics: [topic],
                                      logger: KafkaIT.logger("first"))
        let seen = try await KafkaIT.collect(first, count: 40)
        // "Process" the first three messages of each partition; the rest stay uncommitted.
        var committed: [Int32: Int64] = [:]
        for partition in Set(seen.map(\.partition)) {
            let third = seen.filter { $0.partition == partition }[2]
            try await first.commit(third)
            committed[partition] = third.offset + 1
        }
        await first.shutdown()

        let secondStart = ContinuousClock.now
        let second = try KafkaConsumer(configuration: configuration, groupID: group, topics: [topic],
                                       logger: KafkaIT.logger("second"))
        let expected = seen.filter { $0.offset >= committed[$0.partition]! }
        let again = try await KafkaIT.collect(second, count: expected.count)
        let rejoinTime = ContinuousClock.now - secondStart
        await second.shutdown()
        #expect(Set(again.map { String(decoding: $0.value, as: UTF8.self) })
                == Set(expected.map { String(decoding: $0.value, as: UTF8.self) }))
        for (partition, offset) in committed {
            #expect(again.filter { $0.partition == partition }.map(\.offset).min() == offset)
        }
        print("[kafka-redelivery] \(again.count) uncommitted messages redelivered; new member got them after \(KafkaIT.ms(rejoinTime))")
    }
}

/// Helpers private to the Kafka integration tests (the target is shared with other suites).
enum KafkaIT {
    static let brokers = ProcessInfo.processInfo.environment["DALA_TEST_KAFKA_BROKERS"].flatMap { $0.isEmpty ? nil : $0 }
    /// Extra librdkafka properties for experiments, "key=value,key=value" in `DALA_TEST_KAFKA_PROPERTIES`.
    static let properties: [String: String] = Dictionary(
        (ProcessInfo.processInfo.environment["DALA_TEST_KAFKA_PROPERTIES"] ?? "").split(separator: ",").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        },
        uniquingKeysWith: { $1 })
    private static let run = UUID().uuidString.prefix(8).lowercased()

    /// Tansu keeps topics and offsets while it runs: every test run uses fresh names.
    static func uniqueTopic(_ name: String) -> String { "dala-it-\(name)-\(run)" }

    static func logger(_ label: String) -> Logger {
        var logger = Logger(label: "it.kafka.\(label)")
        logger.logLevel = ProcessInfo.processInfo.environment["DALA_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }

    static func rate(_ count: Int, _ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return "\(Int(Double(count) / max(seconds, 1e-9))) msg/s (\(ms(duration)))"
    }

    static func ms(_ duration: Duration) -> String {
        let ms = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.1f ms", ms)
    }

    struct TimedOut: Error, CustomStringConvertible { var description: String }

    final class Received: @unchecked Sendable {  // guarded by lock
        private let lock = NSLock()
        private var storage: [KafkaMessage] = []
        func append(_ message: KafkaMessage) -> Int { lock.withLock { storage.append(message); return storage.count } }
        var messages: [KafkaMessage] { lock.withLock { storage } }
    }

    /// Reads `count` messages (committing none) or throws after `timeout`, saying how many arrived.
    static func collect(_ consumer: KafkaConsumer, count: Int, timeout: Duration = .seconds(30)) async throws -> [KafkaMessage] {
        let received = Received()
        guard count > 0 else { return [] }
        let complete = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await message in consumer.messages where received.append(message) == count { return true }
                return false
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            defer { group.cancelAll() }
            return try await group.next() ?? false
        }
        guard complete else { throw TimedOut(description: "\(received.messages.count) of \(count) messages within \(timeout)") }
        return received.messages
    }

    static func eventually(timeout: Duration = .seconds(20), _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { throw TimedOut(description: "condition not met within \(timeout)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
