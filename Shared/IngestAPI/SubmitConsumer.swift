import DalaCore
import DalaKafka
import DalaService
import Foundation
import Logging
import ServiceLifecycle

/// Consumes `dala.documents.submit` so producers can stream documents in without HTTP. A message that is not a valid
/// document goes to the dead-letter topic with the reason; storage failures are retried, never dropped.
public struct SubmitConsumer: Service {
    let consumer: KafkaConsumer
    let intake: DocumentIntake
    let validator: SubmissionValidator
    let deadLetters: DeadLetterPublisher
    let logger: Logger

    public init(consumer: KafkaConsumer, intake: DocumentIntake, validator: SubmissionValidator,
                deadLetters: DeadLetterPublisher, logger: Logger) {
        self.consumer = consumer; self.intake = intake; self.validator = validator
        self.deadLetters = deadLetters; self.logger = logger
    }

    public func run() async throws {
        // Graceful shutdown stops the loop between messages; the message in hand is finished or handed back.
        for await message in consumer.messages.cancelOnGracefulShutdown() {
            await handle(message)
        }
        await consumer.shutdown()
        // The stream also ends when the consumer fails for good: fail the service so the process gets restarted.
        if let failure = consumer.failure, !Task.isShuttingDownGracefully {
            logger.error("submit consumer failed", metadata: [LogKey.error: "\(failure)"])
            throw failure
        }
    }

    func handle(_ message: KafkaMessage) async {
        var attempt = 0
        while true {
            attempt += 1
            do {
                do {
                    let doc = try validator.validateJSON(message.value)
                    _ = try await intake.take(doc)
                } catch let e as SubmissionError {
                    try await deadLetters.send(message, reason: e.description, attempts: attempt)
                }
                try await consumer.commit(message)
                return
            } catch {
                // Storage or broker trouble: back off and retry; the offset is not committed until it worked.
                logger.warning("submit handling failed, retrying", metadata: [LogKey.error: "\(error)", LogKey.attempt: "\(attempt)"])
                if Task.isShuttingDownGracefully { return }
                try? await Task.sleep(for: .seconds(min(Double(attempt), 10)))
            }
        }
    }
}
