import DalaCore
import DalaEvents
import DalaText

#if os(Linux)
/// glibc's `malloc_trim` (malloc.h, which the Glibc module leaves out).
@_silgen_name("malloc_trim") private func mallocTrim(_ pad: Int) -> Int32
#endif

/// Long texts are analysed in pieces so that a worker's memory does not grow with the document: the analysis of one
/// text holds its tokens, atoms and scalar views at once (about 60 bytes per byte of text), so a 10 MB book would
/// need 600 MB. A text longer than `Pipeline.segmentBytes` is cut at paragraph breaks into pieces of at most that
/// size; each piece is analysed alone and its rows are shifted to the whole text's offsets and sentence numbers.
/// What a piece cannot see is the context of the pieces before it (a short form resolved in an earlier piece, one
/// sense per discourse across pieces): at half a megabyte a piece is a long chapter, so little is lost.
enum TextSegments {
    /// The UTF-8 byte ranges of the pieces: each at most `maxBytes` long, cut after a blank line, else after a line
    /// break, else after a sentence end and a space, else after a space, in the second half of the allowed length; a
    /// text without any of them is cut at a character boundary.
    static func cuts(_ text: String, maxBytes: Int) -> [Range<Int>] {
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { b in cuts(b, maxBytes: max(maxBytes, 8)) } ?? [0..<text.utf8.count]
    }

    /// Hands the free pages of the piece just analysed back to the system: without it the allocator keeps them in
    /// the analysing thread's arena, and the rows and COPY buffers written next take fresh ones (a worker's resident
    /// size then grows with the document although its heap does not).
    static func releaseFreeMemory() {
        #if os(Linux)
        _ = mallocTrim(0)
        #endif
    }

    static func cuts(_ b: UnsafeBufferPointer<UInt8>, maxBytes: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        while b.count - start > maxBytes {
            let limit = start + maxBytes, floor = start + maxBytes / 2
            func last(_ test: (Int) -> Bool) -> Int? {
                var i = limit - 1
                while i > floor { if test(i) { return i + 1 }; i -= 1 }
                return nil
            }
            let sentenceEnd: Set<UInt8> = [0x2E, 0x21, 0x3F]   // . ! ?
            var cut = last { b[$0] == 0x0A && (b[$0 - 1] == 0x0A || (b[$0 - 1] == 0x0D && b[$0 - 2] == 0x0A)) }
                ?? last { b[$0] == 0x0A }
                ?? last { b[$0] == 0x20 && sentenceEnd.contains(b[$0 - 1]) }
                ?? last { b[$0] == 0x20 }
                ?? limit
            while cut > start + 1, b[cut] & 0xC0 == 0x80 { cut -= 1 }   // never inside a character
            out.append(start..<cut)
            start = cut
        }
        out.append(start..<b.count)
        return out
    }
}

extension Pipeline {
    /// Texts longer than this many UTF-8 bytes are analysed in pieces (see `TextSegments`).
    public static let segmentBytes = 1 << 19

    /// The rows storage writes for a text: `analyze(raw).annotationSet(...)`, in pieces of at most `segmentBytes`
    /// for a long text.
    public func annotationSet(of raw: String, documentDate: String? = nil, segmentBytes: Int = Pipeline.segmentBytes) -> AnnotationSet {
        guard raw.utf8.count > segmentBytes else {
            return analyze(raw, documentDate: documentDate).annotationSet(configHash: configHash)
        }
        var all = AnnotationSet(extractorVersion: Self.version, configHash: configHash, language: "", languages: [:], analysisJSON: "")
        var summary = annotationPieces(of: raw, documentDate: documentDate, segmentBytes: segmentBytes) { piece in
            all.sentences += piece.sentences; all.mentions += piece.mentions; all.times += piece.times; all.events += piece.events
        }
        summary.sentences = all.sentences; summary.mentions = all.mentions; summary.times = all.times; summary.events = all.events
        return summary
    }

    /// A text's rows piece by piece, so that a long document's rows never exist at once (a worker turns each piece
    /// into COPY text as it comes): `piece` receives the sentences, mentions, times and events of each piece in
    /// order, already at the whole text's offsets and sentence numbers, with the entities they mention. Returns the document's summary: language,
    /// structure, keywords, all entities, and all events without their evidence (`mentions` empty: what story
    /// linking needs); its sentences, mentions and times are empty. A text of at most `segmentBytes` is one piece.
    public func annotationPieces(of raw: String, documentDate: String? = nil, segmentBytes: Int = Pipeline.segmentBytes,
                                 _ piece: (AnnotationSet) throws -> Void) rethrows -> AnnotationSet {
        guard raw.utf8.count > segmentBytes else {
            var set = analyze(raw, documentDate: documentDate).annotationSet(configHash: configHash)
            try piece(set)
            set.sentences = []; set.mentions = []; set.times = []
            for i in set.events.indices { set.events[i].mentions = [] }
            return set
        }
        var merged = SegmentMerger()
        let utf8 = raw.utf8
        for range in TextSegments.cuts(raw, maxBytes: segmentBytes) {
            let from = utf8.index(utf8.startIndex, offsetBy: range.lowerBound), to = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
            let text = String(raw[from..<to])
            let analysis = analyze(text, documentDate: documentDate)
            try piece(merged.add(analysis, rows: analysis.annotationSet(configHash: configHash), scalars: text.unicodeScalars.count))
            TextSegments.releaseFreeMemory()
        }
        return merged.result(extractorVersion: Self.version, configHash: configHash)
    }
}

/// The pieces of a text: each piece's rows shifted to the whole text, and what the document keeps of them all.
struct SegmentMerger {
    var scalarBase = 0, cleanedBase = 0, sentenceBase = 0, pieces = 0
    var letters: [String: Double] = [:]
    var documents: [DocumentPart] = []
    var repairs = RepairStats()
    var keywords: [Keyword] = []
    var entities: [AnnotationSet.EntityRow] = []
    var entityIndex: [String: Int] = [:]
    /// Every piece's events without their evidence, for the summary.
    var events: [AnnotationSet.EventRow] = []
    var eventKeys: Set<String> = []

    /// Adds a piece; returns its sentences, mentions, times and events at the whole text's offsets.
    mutating func add(_ analysis: DocumentAnalysis, rows: AnnotationSet, scalars: Int) -> AnnotationSet {
        let s = scalarBase, k = sentenceBase
        func shift(_ x: Span) -> Span { Span(start: x.start + s, end: x.end + s) }
        func shiftCleaned(_ x: Span) -> Span { Span(start: x.start + cleanedBase, end: x.end + cleanedBase) }
        for (language, share) in rows.languages { letters[language, default: 0] += share * Double(scalars) }
        for var part in analysis.text.documents {
            part.span = shift(part.span); part.cleanedSpan = shiftCleaned(part.cleanedSpan)
            part.parts = part.parts.map { var p = $0; p.span = shift(p.span); p.cleanedSpan = shiftCleaned(p.cleanedSpan); return p }
            // A piece's first part continues the document the previous piece was in, unless a new one starts there.
            if pieces > 0, part.boundary == "start", !documents.isEmpty {
                documents[documents.count - 1].span.end = part.span.end
                documents[documents.count - 1].cleanedSpan.end = part.cleanedSpan.end
                documents[documents.count - 1].parts += part.parts
            } else {
                part.index = documents.count
                documents.append(part)
            }
        }
        repairs.add(analysis.text.repairs)
        keywords += analysis.events.keywords
        for e in rows.entities {
            if let i = entityIndex[e.id] {
                for a in e.aliases where !entities[i].aliases.contains(a) { entities[i].aliases.append(a) }
            } else {
                entityIndex[e.id] = entities.count
                entities.append(e)
            }
        }
        var out = AnnotationSet(extractorVersion: rows.extractorVersion, configHash: rows.configHash, language: rows.language,
                                languages: rows.languages, analysisJSON: "", entities: rows.entities)
        out.sentences = rows.sentences.map { var r = $0; r.index += k; r.start += s; r.end += s; return r }
        out.mentions = rows.mentions.map { var m = $0; m.start += s; m.end += s; m.sentenceIndex += k; return m }
        out.times = rows.times.map { var t = $0; t.start += s; t.end += s; t.sentenceIndex += k; return t }
        out.events = rows.events.map { e in
            var e = e
            if !eventKeys.insert(e.key).inserted {
                e.key += "-\(pieces)"
                eventKeys.insert(e.key)
            }
            e.participants = e.participants.map { var p = $0; p.start = p.start.map { $0 + s }; p.end = p.end.map { $0 + s }; return p }
            e.mentions = e.mentions.map {
                var m = $0; m.sentenceIndex += k; m.start += s; m.end += s; m.triggerStart += s; m.triggerEnd += s; return m
            }
            var kept = e
            kept.mentions = []
            events.append(kept)
            return e
        }
        scalarBase += scalars
        cleanedBase += analysis.text.cleanedText.unicodeScalars.count
        sentenceBase += analysis.text.sentences.count
        pieces += 1
        return out
    }

    /// The document's summary (see `Pipeline.annotationPieces`).
    func result(extractorVersion: String, configHash: String) -> AnnotationSet {
        let total = max(letters.values.reduce(0, +), 1)
        let languages = letters.mapValues { $0 / total }
        let language = languages.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? "other"
        // A keyword kept by several pieces scores its best; each language keeps as many as a piece keeps on average.
        var best: [String: Keyword] = [:]
        var perLanguage: [Language: Int] = [:]
        for w in keywords {
            let key = w.language.rawValue + "|" + w.source + "|" + w.text
            if let seen = best[key], seen.score >= w.score { continue }
            best[key] = w
        }
        for w in keywords { perLanguage[w.language, default: 0] += 1 }
        let limit = perLanguage.mapValues { max(1, $0 / max(pieces, 1)) }
        var kept: [Keyword] = []
        for (language, words) in Dictionary(grouping: best.values, by: \.language).sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            kept += words.sorted { $0.score != $1.score ? $0.score > $1.score : $0.text < $1.text }.prefix(limit[language] ?? 1)
        }
        let structure = (try? DalaJSON.encoder().encode(StructureSummary(documents: documents, repairs: repairs, keywords: kept)))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return AnnotationSet(
            extractorVersion: extractorVersion, configHash: configHash, language: language, languages: languages,
            analysisJSON: structure, entities: entities, events: events,
            keywords: kept.map { AnnotationSet.KeywordRow(text: $0.text, language: $0.language.rawValue, source: $0.source, score: $0.score) })
    }
}
