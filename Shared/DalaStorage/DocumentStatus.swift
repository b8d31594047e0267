import DalaPostgres

/// The status a client sees (API JSON, the web pages, `GET /v1/documents?status=`). The stored `documents.status`
/// is one of received, queued, enriched, failed; a document made from a file whose scanned pages wait for or undergo
/// OCR (`document_files.ocr_status = 'pending'`) is shown as `extracting` instead of received/queued, so a slow OCR
/// run does not look like a stuck queue. The outbox relay and the workers keep working on the stored value.
public enum DocumentStatus {
    /// Every status a client can see, in the order a document goes through them.
    public static let all: [String] = ["received", "queued", "extracting", "enriched", "failed"]

    /// Whether the document still waits for OCR, for the document row whose columns are prefixed by `table`
    /// ("d." or "" when the query has one unaliased `documents`; document_files has no `id` or `status`, so
    /// unprefixed names resolve to the outer row).
    static func ocrPending(_ table: String) -> String {
        "EXISTS (SELECT 1 FROM document_files ocr_f WHERE ocr_f.document_id = \(table)id AND ocr_f.ocr_status = 'pending')"
    }

    /// SQL for the shown status of the document row prefixed by `table` (code, never user input).
    public static func shown(_ table: String) -> String {
        "(CASE WHEN \(table)status IN ('received', 'queued') AND \(ocrPending(table)) THEN 'extracting' ELSE \(table)status END)"
    }

    /// A condition on an unaliased `documents` row for `?status=` (one of `all`), keeping the index on status.
    public static func filter(_ status: String) -> PostgresQuery {
        switch status {
        case "extracting": "status IN ('received', 'queued') AND \(unescaped: ocrPending(""))"
        case "received", "queued": "status = \(status) AND NOT \(unescaped: ocrPending(""))"
        default: "status = \(status)"
        }
    }

    /// The status an answer gives for a stored status and whether OCR pages are pending.
    public static func shown(stored: String, ocrPending: Bool) -> String {
        ocrPending && (stored == "received" || stored == "queued") ? "extracting" : stored
    }
}
