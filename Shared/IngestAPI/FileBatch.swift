import DalaCore
import DalaExtract
import DalaService
import DalaStorage
import Foundation
import Hummingbird
import NIOCore

/// `POST /v1/documents/batch` with `multipart/form-data`: every file part (PDF, DOCX, HTML or plain text) is a
/// document, with the same per-format limits as `POST /v1/documents`. The fields `language`, `published`, `source`
/// and `metadata` apply to every file, `title` only when there is one file. The answer is NDJSON like the NDJSON
/// batch's, one line per file part in order, written as each is done: `{"part", "filename", "id", "created",
/// "status", "pages", "ocr_pages"}`, or `{"part", "filename", "status", "title", "detail"}` for a refused file.
enum FileBatch {
    static func handle(_ request: Request, intake: DocumentIntake, validator: SubmissionValidator,
                       settings: FileSettings = .current) async throws -> Response {
        let type = request.headers[.contentType] ?? ""
        let limit = settings.maxBatchBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge(length, limit) }
        let body: [UInt8]
        do {
            body = Array(buffer: try await request.body.collect(upTo: limit))
        } catch is NIOTooManyBytesError {
            throw tooLarge(nil, limit)
        }
        let form: MultipartForm
        do { form = try MultipartForm(body: body, contentType: type) } catch {
            throw Problem(.badRequest, "Malformed multipart body", detail: error.detail)
        }
        guard !form.files.isEmpty else {
            throw Problem.badRequest("The batch has no files: send each document as a form part with a file name.")
        }
        var shared = form.fields.filter { ["language", "published", "source", "metadata"].contains($0.key) }
        if form.files.count == 1, let title = form.fields["title"] { shared["title"] = title }
        let parts = form.files, fields = shared
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"], body: .init { writer in
            // One at a time: extraction is serial per process anyway (`FileUpload.extractor`).
            for (i, part) in parts.enumerated() {
                let line = await outcome(part, number: i + 1, fields: fields, intake: intake, validator: validator, settings: settings)
                try await writer.write(ByteBuffer(bytes: line + [UInt8(ascii: "\n")]))
            }
            try await writer.finish(nil)
        })
    }

    struct Success: Encodable {
        var part: Int
        var filename: String?
        @LowercaseUUID var id: UUID
        var created: Bool
        var status: String
        var pages: Int?
        var ocr_pages: Int?
    }
    struct Failure: Encodable { var part: Int; var filename: String?; var status: Int; var title: String; var detail: String }

    /// One answer line for one file part; never throws (a bad file is a refusal line, the others go on).
    static func outcome(_ part: MultipartForm.Part, number: Int, fields: [String: String], intake: DocumentIntake,
                        validator: SubmissionValidator, settings: FileSettings) async -> [UInt8] {
        var fields = fields
        fields["filename"] = part.filename
        do {
            let format = part.contentType.flatMap(DocumentFormat.init(mediaType:))
                ?? DocumentFormat.detect(filename: part.filename, bytes: Array(part.bytes.prefix(64 * 1024)))
            let result: IntakeResult
            var pages: (total: Int, ocr: Int)? = nil
            if let format {
                if let max = settings.maxBytes[format], part.bytes.count > max { throw FileUpload.tooLarge(part.bytes.count, max) }
                (result, pages) = try await FileUpload.storeResult(part.bytes, format: format, fields: fields, intake: intake,
                                                                   validator: validator, settings: settings)
            } else if part.contentType?.lowercased().hasPrefix("text/plain") ?? true
                        || part.filename?.lowercased().hasSuffix(".txt") == true {
                result = try await FileUpload.plainTextResult(part.bytes, fields: fields, intake: intake, validator: validator)
            } else {
                throw Problem(.unsupportedMediaType, "Unsupported media type",
                              detail: "The file must be PDF, DOCX, HTML or plain text (by its Content-Type, file name or content).")
            }
            return (try? DalaJSON.encode(Success(part: number, filename: part.filename, id: result.id, created: result.created,
                                                 status: result.status, pages: pages?.total, ocr_pages: pages?.ocr))) ?? []
        } catch let problem as Problem {
            return failure(number, part, Int(problem.status.code), problem.title, problem.detail)
        } catch {
            return failure(number, part, 503, "Storage unavailable", "The document could not be stored; retry this file.")
        }
    }

    static func failure(_ number: Int, _ part: MultipartForm.Part, _ status: Int, _ title: String, _ detail: String) -> [UInt8] {
        (try? DalaJSON.encode(Failure(part: number, filename: part.filename, status: status, title: title, detail: detail))) ?? []
    }

    static func tooLarge(_ length: Int?, _ limit: Int) -> Problem {
        Problem(.contentTooLarge, "Batch too large",
                detail: (length.map { "The batch is \($0) bytes" } ?? "The batch is") + " over the limit of \(limit) bytes.")
    }
}
