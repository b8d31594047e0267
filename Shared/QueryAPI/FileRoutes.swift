import DalaCore
import DalaService
import DalaStorage
import Foundation
import Hummingbird
import NIOCore

/// Documents made from files: `GET /v1/documents/{id}/file` (the original, as uploaded) and
/// `GET /v1/documents/{id}/pages` (page map, OCR progress and confidence, metadata found in the file).
struct FileRoutes: Sendable {
    let files: FileStore

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/v1/documents/:id/file") { request, context in try await self.file(context.parameters.get("id") ?? "") }
        router.get("/v1/documents/:id/pages") { request, context in try await self.pages(context.parameters.get("id") ?? "") }
    }

    func file(_ id: String) async throws -> Response {
        let uuid = try Self.parse(id)
        guard let f = try await files.file(for: uuid) else {
            throw Problem.notFound("Document \(uuid.lowercasedString) has no original file (it was submitted as text, or does not exist).")
        }
        let name = (f.filename ?? "document").filter { $0.isASCII && $0 != "\"" && $0 != "\\" && !$0.isNewline }
        return Response(status: .ok, headers: [
            .contentType: f.mediaType, .contentDisposition: "attachment; filename=\"\(name.isEmpty ? "document" : name)\"",
            .eTag: "\"\(f.sha256)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: f.bytes)))
    }

    func pages(_ id: String) async throws -> Response {
        let uuid = try Self.parse(id)
        guard let view = try await files.pagesView(uuid) else {
            throw Problem.notFound("Document \(uuid.lowercasedString) has no page map (it was submitted as text, or does not exist).")
        }
        return try Response.json(view)
    }

    static func parse(_ id: String) throws -> UUID {
        guard let uuid = CanonicalUUID.parse(id) else { throw Problem.badRequest("The document id must be a UUID (8-4-4-4-12 hex digits).") }
        return uuid
    }
}
