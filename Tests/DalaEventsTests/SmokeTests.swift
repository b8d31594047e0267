import DalaEvents
import Testing

@Test func extractorLoads() throws {
    #expect(!EventExtractor.version.isEmpty)
    _ = try EventExtractor()
}
