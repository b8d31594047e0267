import DalaCore
import DalaKafka
import Foundation
import Logging
import Metrics

/// Sends messages that cannot be processed to `dala.documents.deadletter` with the reason, so nothing is dropped silently.
public struct DeadLetterPublisher: Sendable {
    let producer: KafkaProducer
    let service: String
    let logger: Logger
    private let counter: Counter

    public init(producer: KafkaProducer, service: String, logger: Logger) {
        self.producer = producer; self.service = service; self.logger = logger
        counter = Counter(label: "dala_deadletter_total", dimensions: [("service", service)])
    }

    public func send(_ message: KafkaMessage, reason: String, attempts: Int) async throws {
        let letter = DeadLetter(sourceTopic: message.topic, partition: message.partition, offset: message.offset,
                                key: message.key.flatMap { String(validating: $0, as: UTF8.self) }, reason: reason,
                                attempts: attempts, service: service, original: message.value)
        let envelope = Envelope(type: DeadLetter.type, version: DeadLetter.version, producer: service, payload: letter)
        try await producer.send(topic: Topics.deadLetter, key: message.key, value: try DalaJSON.encode(envelope),
                                headers: [KafkaHeader(key: "dala-reason", value: Array(reason.prefix(200).utf8))])
        counter.increment()
        logger.warning("message dead-lettered", metadata: [LogKey.topic: "\(message.topic)", LogKey.partition: "\(message.partition)",
                                                          LogKey.offset: "\(message.offset)", "reason": "\(reason)"])
    }
}
