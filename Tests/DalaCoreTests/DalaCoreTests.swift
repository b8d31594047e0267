import DalaCore
import Foundation
import Testing

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Two blocks: the padding crosses a 64-byte boundary.
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex("Қазақстан") == SHA256.hex(bytes: Array("Қазақстан".utf8)))
        #expect(SHA256.hex("Қазақстан") != SHA256.hex("Казахстан"))
    }
}

@Suite struct SubmissionValidationTests {
    let validator = SubmissionValidator(maxBytes: 1000)

    func refusal(_ body: String) -> SubmissionError? {
        do { _ = try validator.validateJSON(Array(body.utf8)); return nil } catch { return error }
    }

    @Test func acceptsAFullDocument() throws {
        let doc = try validator.validateJSON(Array("""
            {"text":"Астана — столица.","title":"T\\nline","source":"s","language":"RU","published":"2024-05","metadata":{"a":[1,true,null]}}
            """.utf8))
        #expect(doc.language == "ru")
        #expect(doc.published == "2024-05")
        #expect(doc.title == "T line")
        #expect(doc.metadataJSON.contains("\"a\""))
        #expect(doc.sha256 == SHA256.hex("Астана — столица."))
    }

    @Test func theDeclaredLanguagesAreTheRegistrysAndIdentifications() throws {
        // Analysis languages (languages.tsv), identified-only ones (identification.tsv: uz, tt) and `other`.
        #expect(SubmissionValidator.knownLanguages == ["kk", "ru", "en", "ky", "uz", "tt", "other"])
        #expect(try validator.validateJSON(Array(#"{"text":"Бишкек","language":"ky"}"#.utf8)).language == "ky")
        #expect(refusal(#"{"text":"ok","language":"tg"}"#)?.detail.contains("ky") == true)
    }

    @Test func refusesBadBodiesWithTheRightStatus() {
        #expect(refusal("")?.status == 400)                              // empty body is not JSON
        #expect(refusal("{\"text\": \"abc")?.status == 400)              // malformed
        #expect(refusal("[1,2]")?.status == 422)                         // not an object
        #expect(refusal("{\"title\":\"x\"}")?.detail.contains("text") == true)
        #expect(refusal("{\"text\": 5}")?.status == 422)
        #expect(refusal("{\"text\": \"  \\n \"}")?.status == 422)        // whitespace only
        #expect(refusal("{\"text\": \"a\\u0000b\"}")?.title == "Binary content")
        #expect(refusal("{\"text\": \"ok\", \"language\": \"xx\"}")?.status == 422)
        #expect(refusal("{\"text\": \"ok\", \"published\": \"2024-02-30\"}")?.status == 422)
        #expect(refusal("{\"text\": \"ok\", \"metadata\": [1]}")?.status == 422)
        #expect(refusal("{\"text\": \"" + String(repeating: "я", count: 600) + "\"}")?.status == 413)
    }

    @Test func refusesInvalidUTF8() {
        #expect(throws: SubmissionError.self) { try validator.validatePlainText([0xFF, 0xFE, 0x41]) }
        do { _ = try validator.validatePlainText([0xC3, 0x28]) } catch { #expect(error.status == 400) }
    }

    @Test func normalisesDates() {
        #expect(SubmissionValidator.normaliseDate("2024") == "2024")
        #expect(SubmissionValidator.normaliseDate("2024-02-29") == "2024-02-29")
        #expect(SubmissionValidator.normaliseDate("2023-02-29") == nil)
        #expect(SubmissionValidator.normaliseDate("2024-13") == nil)
        #expect(SubmissionValidator.normaliseDate("24-01-01") == nil)
        #expect(SubmissionValidator.normaliseDate("2024-05-17T10:00:00Z") == "2024-05-17")
        #expect(SubmissionValidator.normaliseDate("٢٠٢٤") == nil)
    }
}

@Suite struct EnvelopeTests {
    @Test func roundTripsWithSnakeCaseAndVersion() throws {
        let id = UUID()
        let e = Envelope(type: DocumentIngested.type, version: DocumentIngested.version, producer: "test",
                         payload: DocumentIngested(documentID: id, sha256: "ab"))
        let bytes = try DalaJSON.encode(e)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\"document_id\""))
        #expect(text.contains("\"produced_at\""))
        let back = try DalaJSON.decode(Envelope<DocumentIngested>.self, from: bytes)
        #expect(back.payload == e.payload)
        #expect(back.version == 1)
        #expect(abs(back.producedAt.timeIntervalSince(e.producedAt)) < 0.001)
    }

    @Test func idsAndKeysAreLowerCaseAndEitherCaseDecodes() throws {
        let id = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!, lower = "e621e1f8-c36c-495a-93fc-0c247a3e6e5f"
        let messageID = UUID(uuidString: "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D")!
        #expect(MessageKey.document(id) == Array(lower.utf8))

        let ingested = Envelope(type: DocumentIngested.type, version: 1, producer: "test",
                                payload: DocumentIngested(documentID: id, sha256: "ab", reprocessFrom: "dala-0.1"), id: messageID)
        let enriched = Envelope(type: DocumentEnriched.type, version: 1, producer: "test", payload: DocumentEnriched(
            documentID: id, extractorVersion: "v", language: "kk", sentences: 1, entities: 2, mentions: 3, events: 4,
            durationMS: 5.5), id: messageID)
        for bytes in [try DalaJSON.encode(ingested), try DalaJSON.encode(enriched)] {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            #expect(object["id"] as? String == "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
            #expect((object["payload"] as? [String: Any])?["document_id"] as? String == lower)
            #expect(!String(decoding: bytes, as: UTF8.self).contains("E621E1F8"))
        }
        // The hand-written encoders drop no field: what they write reads back equal.
        let ingestedBack = try DalaJSON.decode(Envelope<DocumentIngested>.self, from: try DalaJSON.encode(ingested))
        #expect(ingestedBack.payload == ingested.payload && ingestedBack.id == messageID && ingestedBack.producer == "test")
        #expect(ingestedBack.type == DocumentIngested.type && ingestedBack.version == 1)
        #expect(try DalaJSON.decode(Envelope<DocumentEnriched>.self, from: try DalaJSON.encode(enriched)).payload == enriched.payload)
        let withoutReprocess = try DalaJSON.encode(DocumentIngested(documentID: id, sha256: "ab"))
        #expect(!String(decoding: withoutReprocess, as: UTF8.self).contains("reprocess_from"))

        // Messages written before the change (upper-case) still read.
        let old = """
            {"id":"0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D","payload":{"document_id":"E621E1F8-C36C-495A-93FC-0C247A3E6E5F",\
            "sha256":"ab"},"produced_at":"2026-11-21T07:52:26.123Z","producer":"dala-ingest","type":"document.ingested","version":1}
            """
        let decoded = try DalaJSON.decode(Envelope<DocumentIngested>.self, from: Array(old.utf8))
        #expect(decoded.payload.documentID == id && decoded.id == messageID)
    }

    /// An enriched message carries its events' story fields; one without them (an older producer, a long document
    /// written in pieces) still reads, with none.
    @Test func enrichedMessagesCarryStoryFieldsOrNone() throws {
        let id = UUID(), event = UUID()
        let stories = try #require(DocumentStories(published: "2024-06-12", bodies: ["Q7184", "org:x y"], events: [
            .init(id: event, key: "ev-1", type: "meeting", speaker: nil, dateStart: "2024-06-11", dateEnd: nil, precision: "day",
                  participants: [("actor", "Q232"), ("counterpart", "Q7184")]),
            .init(id: UUID(), key: "ev-2", type: "statement", speaker: "Q1", dateStart: nil, dateEnd: nil, precision: nil, participants: []),
        ]))
        let enriched = DocumentEnriched(documentID: id, extractorVersion: "v", language: "en", sentences: 1, entities: 2,
                                        mentions: 3, events: 1, durationMS: 1, stories: stories)
        let bytes = try DalaJSON.encode(Envelope(type: DocumentEnriched.type, version: 1, producer: "test", payload: enriched))
        #expect(String(decoding: bytes, as: UTF8.self).contains(event.lowercasedString + "\\tev-1\\tmeeting\\t\\t2024-06-11\\t\\tday"))
        #expect(try DalaJSON.decode(Envelope<DocumentEnriched>.self, from: bytes).payload == enriched)
        #expect(DocumentStories(encoded: stories.encoded) == stories)
        #expect(DocumentStories(encoded: "\nnot-a-uuid\tk\tt\t\t\t\t") == nil)
        // A value with a separator in it is not carried (the linker reads the events back).
        #expect(DocumentStories(published: nil, bodies: ["a\tb"], events: []) == nil)
        let garbled = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: event.lowercasedString, with: "x")
        #expect(try DalaJSON.decode(Envelope<DocumentEnriched>.self, from: Array(garbled.utf8)).payload.stories == nil)
        let older = """
            {"id":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","payload":{"document_id":"\(id.lowercasedString)","duration_ms":1,\
            "entities":2,"events":1,"extractor_version":"v","language":"en","mentions":3,"sentences":1},\
            "produced_at":"2026-11-21T07:52:26.123Z","producer":"dala-enrichment","type":"document.enriched","version":1}
            """
        #expect(try DalaJSON.decode(Envelope<DocumentEnriched>.self, from: Array(older.utf8)).payload.stories == nil)
    }

    @Test func deadLetterKeepsBinaryPayloadAsBase64AndTruncatesHugeOnes() {
        let binary = DeadLetter(sourceTopic: "t", partition: 0, offset: 1, key: nil, reason: "bad", attempts: 1,
                                service: "s", original: [0xFF, 0x00, 0x01])
        #expect(binary.payload == nil)
        #expect(binary.payloadBase64 == Data([0xFF, 0x00, 0x01]).base64EncodedString())
        let huge = DeadLetter(sourceTopic: "t", partition: 0, offset: 1, key: nil, reason: "bad", attempts: 1, service: "s",
                              original: Array(repeating: 65, count: 300_000))
        #expect(huge.payload?.utf8.count == 256 * 1024)
        #expect(huge.reason.contains("truncated"))
    }
}

@Suite struct SearchTextTests {
    @Test func quotesLexemesSoPostgresNeverResplitsThem() {
        #expect(SearchText.tsvector(["қазақстан", "it's", "a\\b"]) == "'қазақстан':1 'it''s':2 'a\\\\b':3")
        #expect(SearchText.tsquery(["a", "b"], all: false) == "'a' | 'b'")
        #expect(SearchText.tsquery([], all: true) == nil)
        #expect(SearchText.tsquery(allOf: [["a", "b"], ["c"]], orAnyOf: ["e:Q1"]) == "(('a' | 'b') & ('c')) | ('e:Q1')")
        #expect(SearchText.tsquery(allOf: []) == nil)
    }
}
