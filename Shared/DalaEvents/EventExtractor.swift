import DalaEntities
import DalaText

/// Finds time expressions, events and keywords in analysed text. Pure: no I/O after `init`.
public struct EventExtractor: Sendable {
    /// Version of the extractor, stored with every event. Bump when output changes.
    public static let version = "events-0.1.0"

    /// Loads the resources once.
    public init() throws {}

    /// Extracts time expressions, events and keywords from one text.
    public func extract(text: String, sentences: [Sentence], entities: EntityAnalysis, documentDate: String?) -> EventAnalysis {
        EventAnalysis(times: [], events: [], keywords: [])
    }
}
