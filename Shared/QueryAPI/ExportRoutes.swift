import DalaCore
import DalaService
import DalaStorage
import Foundation
import Hummingbird

/// RFC 4180 CSV: CRLF line ends, every field that contains a comma, quote, CR or LF is quoted, quotes doubled.
enum CSV {
    static func row(_ fields: [String?]) -> String {
        fields.map { field($0 ?? "") }.joined(separator: ",") + "\r\n"
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// One JSON object per line.
enum JSONLines {
    static func line(_ object: [String: Any?]) -> String {
        let clean = object.mapValues { $0 ?? NSNull() }
        let data = (try? JSONSerialization.data(withJSONObject: clean, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension QueryController {
    /// Documents per export page: whole documents are read on one snapshot (see `QueryStore.exportEvents`).
    static let exportDocuments = 100

    /// Event table in the spirit of GDELT's: one row per event, actor/counterpart/place columns, CAMEO and PLOVER codes,
    /// and the first evidence sentence with offsets into the original text.
    static let eventColumns = [
        "event_id", "document_id", "document_title", "date", "date_start", "date_end", "date_precision", "type", "cameo",
        "plover", "modality", "confidence", "language", "actor_id", "actor_label", "actor_surface", "counterpart_id",
        "counterpart_label", "counterpart_surface", "place_id", "place_label", "speaker_id", "participants", "trigger",
        "trigger_start", "trigger_end", "evidence", "evidence_start", "evidence_end", "mention_count", "extractor_version",
        "evidence_page", "story_id", "story_reports", "story_documents",
    ]

    static func eventFields(_ e: EventView) -> [String: String?] {
        func first(_ role: String) -> ParticipantView? { e.participants.first { $0.role == role } }
        let actor = first("actor"), counterpart = first("counterpart"), place = first("place")
        let evidence = e.mentions.first
        let participants = e.participants.map { "\($0.role):\($0.entityID ?? $0.surface)" }.joined(separator: ";")
        let fields: [String: String?] = [
            "event_id": e.id.lowercasedString, "document_id": e.documentID.lowercasedString,
            "document_title": e.documentTitle, "date": e.date?.value, "date_start": e.date?.start, "date_end": e.date?.end,
            "date_precision": e.date?.precision, "type": e.type, "cameo": e.cameo, "plover": e.plover, "modality": e.modality,
            "confidence": String(e.confidence), "language": e.language, "actor_id": actor?.entityID,
            "actor_label": actor?.label, "actor_surface": actor?.surface, "counterpart_id": counterpart?.entityID,
            "counterpart_label": counterpart?.label, "counterpart_surface": counterpart?.surface,
            "place_id": place?.entityID, "place_label": place?.label, "speaker_id": e.speakerEntityID,
            "participants": participants, "trigger": evidence?.trigger, "trigger_start": evidence.map { String($0.triggerStart) },
            "trigger_end": evidence.map { String($0.triggerEnd) }, "evidence": evidence?.evidence,
            "evidence_start": evidence.map { String($0.start) }, "evidence_end": evidence.map { String($0.end) },
            "mention_count": String(e.mentions.count), "extractor_version": e.extractorVersion,
            "evidence_page": evidence?.page.map(String.init),
            // The real-world event this report tells (reports of one story: count `story_id`s to count events once).
            "story_id": e.story?.id.lowercasedString, "story_reports": e.story.map { String($0.reports) },
            "story_documents": e.story.map { String($0.documents) },
        ]
        return fields
    }

    func exportEvents(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request, allowed: Self.eventParameters.union(["format", "limit", "collapse"]))
        let format = try p.oneOf("format", ["csv", "jsonl"]) ?? "csv"
        let maxRows = try p.integer("limit", default: 10_000_000, range: 1...10_000_000)
        // `collapse=stories`: one row per real-world event, its first matching report in document order.
        let collapse = try p.oneOf("collapse", ["stories", "none"]) == "stories"
        let filter = try await eventFilter(p)
        let store = self.store
        // The first page is read before the 200 goes out, so a database that is down is a 503, not an empty file.
        let first = try await store.exportEvents(filter, afterDocument: nil, documents: Self.exportDocuments)
        return streamed(format: format, name: "events") { writer in
            if format == "csv" { try await writer.write(ByteBuffer(string: CSV.row(Self.eventColumns))) }
            var after: UUID? = nil, written = 0, pending: (events: [EventView], last: UUID?)? = first
            var stories = StoryCollapser()
            while written < maxRows {
                let page: (events: [EventView], last: UUID?)
                if let ready = pending { page = ready; pending = nil } else {
                    page = try await store.exportEvents(filter, afterDocument: after, documents: Self.exportDocuments)
                }
                guard let last = page.last else { break }
                after = last
                var chunk = ""
                let events = collapse ? page.events.filter { stories.keep($0) } : page.events
                for e in events.prefix(maxRows - written) {
                    let fields = Self.eventFields(e)
                    chunk += format == "csv" ? CSV.row(Self.eventColumns.map { fields[$0] ?? nil })
                                             : JSONLines.line(fields.mapValues { $0 as Any? })
                }
                written += min(events.count, maxRows - written)
                if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)) }
            }
        }
    }

    static let mentionColumns = [
        "mention_id", "document_id", "entity_id", "entity_type", "entity_label", "surface", "start", "end", "sentence_index",
        "kind", "confidence", "language", "sentence", "extractor_version", "page",
    ]

    func exportMentions(_ request: Request) async throws -> Response {
        let p = try QueryParameters(request, allowed: ["entity", "type", "lang", "document", "format", "limit"])
        let format = try p.oneOf("format", ["csv", "jsonl"]) ?? "csv"
        let maxRows = try p.integer("limit", default: 100_000_000, range: 1...100_000_000)
        var filter = MentionFilter(entityType: try p.oneOf("type", Self.entityTypes), language: try p.oneOf("lang", Self.languages))
        if let d = try p.string("document", maxLength: 64) {
            guard let id = CanonicalUUID.parse(d) else { throw Problem.badRequest("\"document\" must be a UUID (8-4-4-4-12 hex digits).") }
            filter.documentID = id
        }
        if let entity = try p.string("entity", maxLength: 200) {
            filter.entityIDs = try await resolveEntity(entity)
            guard !filter.entityIDs.isEmpty else { throw Problem.notFound("No entity \"\(entity)\".") }
        }
        let store = self.store, mentionFilter = filter
        // As for events: the first page before the 200, so an outage is a 503.
        let first = try await store.exportMentions(mentionFilter, afterDocument: nil, documents: Self.exportDocuments)
        return streamed(format: format, name: "mentions") { writer in
            if format == "csv" { try await writer.write(ByteBuffer(string: CSV.row(Self.mentionColumns))) }
            var after: UUID? = nil, written = 0, pending: [MentionExportRow]? = first
            while written < maxRows {
                let rows: [MentionExportRow]
                if let ready = pending { rows = ready; pending = nil } else {
                    rows = try await store.exportMentions(mentionFilter, afterDocument: after, documents: Self.exportDocuments)
                }
                guard let last = rows.last else { break }
                var chunk = ""
                for m in rows.prefix(maxRows - written) {
                    let fields: [String: String?] = [
                        "mention_id": String(m.id), "document_id": m.documentID.lowercased(), "entity_id": m.entityID,
                        "entity_type": m.entityType, "entity_label": m.entityLabel, "surface": m.surface, "start": String(m.start),
                        "end": String(m.end), "sentence_index": String(m.sentenceIndex), "kind": m.kind,
                        "confidence": String(m.confidence), "language": m.language, "sentence": m.sentence,
                        "extractor_version": m.extractorVersion, "page": m.page.map(String.init),
                    ]
                    chunk += format == "csv" ? CSV.row(Self.mentionColumns.map { fields[$0] ?? nil })
                                             : JSONLines.line(fields.mapValues { $0 as Any? })
                }
                try await writer.write(ByteBuffer(string: chunk))
                written += min(rows.count, maxRows - written)
                after = UUID(uuidString: last.documentID)
            }
        }
    }

    /// A chunked response written page by page, so an export of millions of rows never sits in memory. A database
    /// error after the first bytes cannot become a problem+json any more: the connection is cut, and the client
    /// sees a truncated body instead of a complete-looking file.
    func streamed(format: String, name: String,
                  _ body: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void) -> Response {
        let type = format == "csv" ? "text/csv; charset=utf-8; header=present" : "application/x-ndjson; charset=utf-8"
        return Response(status: .ok,
                        headers: [.contentType: type,
                                  .contentDisposition: "attachment; filename=\"dala-\(name).\(format == "csv" ? "csv" : "jsonl")\""],
                        body: ResponseBody { writer in
                            try await body(&writer)
                            try await writer.finish(nil)
                        })
    }
}
