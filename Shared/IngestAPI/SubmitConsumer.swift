import DalaCore
import DalaExtract
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
    let settings: FileSettings

    public init(consumer: KafkaConsumer, intake: DocumentIntake, validator: SubmissionValidator,
                deadLetters: DeadLetterPublisher, logger: Logger, settings: FileSettings = .current) {
        self.consumer = consumer; self.intake = intake; self.validator = validator
        self.deadLetters = deadLetters; self.logger = logger; self.settings = settings
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

    /// A file from the upload page: the same path as a file sent to `POST /v1/documents` (`FileUpload`): format from
    /// the media type, the file name or the bytes; PDF, DOCX and HTML are extracted, plain text is taken as text.
    static func take(_ s: FileSubmission, intake: DocumentIntake, validator: SubmissionValidator,
                     settings: FileSettings) async throws -> IntakeResult {
        let bytes = [UInt8](s.file.content)
        var fields = ["title": s.title, "source": s.source, "language": s.language, "published": s.published,
                      "filename": s.file.filename].compactMapValues { $0 }
        if let metadata = s.metadata { fields["metadata"] = String(decoding: try DalaJSON.encode(metadata), as: UTF8.self) }
        let format = s.file.mediaType.flatMap(DocumentFormat.init(mediaType:))
            ?? DocumentFormat.detect(filename: s.file.filename, bytes: Array(bytes.prefix(64 * 1024)))
        guard let format else {
            if s.file.mediaType?.lowercased().hasPrefix("text/plain") ?? true || s.file.filename?.lowercased().hasSuffix(".txt") == true {
                return try await FileUpload.plainTextResult(bytes, fields: fields, intake: intake, validator: validator)
            }
            throw Problem(.unsupportedMediaType, "Unsupported media type",
                          detail: "The file must be PDF, DOCX, HTML or plain text (by its Content-Type, file name or content).")
        }
        if let max = settings.maxBytes[format], bytes.count > max { throw FileUpload.tooLarge(bytes.count, max) }
        return try await FileUpload.storeResult(bytes, format: format, fields: fields, intake: intake, validator: validator,
                                                settings: settings).0
    }

    func handle(_ message: KafkaMessage) async {
        var attempt = 0
        while true {
            attempt += 1
            do {
                do {
                    if let file = FileSubmission.decode(message.value) {
                        _ = try await Self.take(file, intake: intake, validator: validator, settings: settings)
                    } else {
                        let doc = try validator.validateJSON(message.value)
                        _ = try await intake.take(doc)
                    }
                } catch let e as SubmissionError {
                    try await deadLetters.send(message, reason: e.description, attempts: attempt)
                } catch let p as Problem where p.status.code != 503 {
                    // A file ingest cannot take (unsupported, encrypted, corrupt, too large): refused with the reason.
                    try await deadLetters.send(message, reason: "\(p.status.code) \(p.title): \(p.detail)", attempts: attempt)
                }
                try await consumer.commit(message)
                return
            } catch {
                // Storage or broker trouble: back off and retry; the offset is not committed until it worked.
                // A consumer that was shut down (or failed for good) cannot commit any more: the message stays
                // uncommitted and the group's next member reads it again. Retrying would loop for ever.
                if Task.isShuttingDownGracefully || Task.isCancelled || (error as? KafkaError)?.code == .shutdown
                    || consumer.failure != nil { return }
                logger.warning("submit handling failed, retrying", metadata: [LogKey.error: "\(error)", LogKey.attempt: "\(attempt)"])
                try? await Task.sleep(for: .seconds(min(Double(attempt), 10)))
            }
        }
    }
}
