/// Kafka topic names. Schemas of their messages are in `Envelopes.swift` and `docs/messages.md`.
public enum Topics {
    /// Key: document id, lower-case (`MessageKey.document`). Value: `DocumentIngested`. Producer: ingest.
    /// Consumer group: enrichment.
    public static let ingested = "dala.documents.ingested"
    /// Key: document id, lower-case (`MessageKey.document`). Value: `DocumentEnriched`. Producer: enrichment.
    public static let enriched = "dala.documents.enriched"
    /// Key: original key. Value: `DeadLetter`. Messages no service could process, with the reason.
    public static let deadLetter = "dala.documents.deadletter"
    /// Key: optional. Value: `DocumentSubmission` JSON. Lets producers stream documents in without HTTP.
    public static let submit = "dala.documents.submit"

    public static let all = [ingested, enriched, deadLetter, submit]
}
