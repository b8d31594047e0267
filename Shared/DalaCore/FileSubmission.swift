import Foundation

/// A file sent through `dala.documents.submit` (the web upload form): the bytes travel inside the message (base64 in
/// the JSON), up to the sender's limit, and ingest extracts them exactly like a file sent to `POST /v1/documents`
/// (one extraction code path; the query service never calls ingest over HTTP). A message without `file` is a
/// `DocumentSubmission`.
public struct FileSubmission: Codable, Sendable, Equatable {
    public struct File: Codable, Sendable, Equatable {
        /// The media type the browser gave, if any; ingest also looks at the file name and the bytes.
        public var mediaType: String?
        public var filename: String?
        /// The file's bytes (base64 in JSON).
        public var content: Data
        public init(mediaType: String?, filename: String?, content: Data) {
            self.mediaType = mediaType; self.filename = filename; self.content = content
        }
        enum CodingKeys: String, CodingKey { case mediaType = "media_type", filename, content }
    }

    public var file: File
    public var title: String?
    public var source: String?
    public var language: String?
    public var published: String?
    public var metadata: JSONValue?

    public init(file: File, title: String? = nil, source: String? = nil, language: String? = nil, published: String? = nil,
                metadata: JSONValue? = nil) {
        self.file = file; self.title = title; self.source = source; self.language = language
        self.published = published; self.metadata = metadata
    }

    /// Lowercase hex SHA-256 of the file's bytes: the key ingest deduplicates files by, and the upload page follows.
    public var fileSHA256: String { SHA256.hex(bytes: file.content) }

    /// The file submission in a submit message, or nil when the message is not one (a text document, or not JSON).
    public static func decode(_ bytes: [UInt8]) -> FileSubmission? {
        // Cheap test first: text submissions, the common case, are not decoded twice.
        guard ByteSearch.contains(Array("\"file\"".utf8), in: bytes) else { return nil }
        return try? JSONDecoder().decode(FileSubmission.self, from: Data(bytes))
    }
}

enum ByteSearch {
    static func contains(_ needle: [UInt8], in hay: [UInt8]) -> Bool {
        guard let first = needle.first, hay.count >= needle.count else { return false }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
