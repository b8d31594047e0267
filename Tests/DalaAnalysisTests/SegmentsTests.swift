import DalaCore
import Foundation
import Testing
@testable import DalaAnalysis

/// A long text is analysed in pieces; its rows must read as if it had been analysed whole: offsets into the whole
/// text, sentence numbers in order, one row per entity, unique event keys.
@Suite struct SegmentsTests {
    static let pipeline = try! Pipeline()

    /// Paragraphs in three languages, each naming states, organisations and a meeting dated `{Y}`.
    static let paragraphs = [
        "Қазақстан мен Қырғызстан президенттері {Y} жылғы 14 наурызда Астанада кездесті. Олар су туралы келісімге қол қойды.",
        "Президенты Узбекистана и Таджикистана встретились 5 мая {Y} года в Душанбе и подписали договор о границе.",
        "The foreign ministers of Turkmenistan and Kazakhstan met in Ashgabat on 9 June {Y} to discuss gas transit.",
        "ШЫҰ саммиті {Y} жылы Тяньцзиньде өтті. Саммитке Қазақстан Президенті Қасым-Жомарт Тоқаев қатысты.",
    ]

    static func text(_ count: Int) -> String {
        (0..<count).map { paragraphs[$0 % paragraphs.count].replacingOccurrences(of: "{Y}", with: String(1995 + $0)) }
            .joined(separator: "\n\n")
    }

    static func substring(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[start..<end])
        return String(s)
    }

    @Test func cutsFallOnParagraphBreaksAndCoverTheText() {
        let text = Self.text(12)
        let cuts = TextSegments.cuts(text, maxBytes: 700)
        #expect(cuts.count >= text.utf8.count / 700 && cuts.count > 1)
        #expect(cuts.first?.lowerBound == 0 && cuts.last?.upperBound == text.utf8.count)
        let bytes = Array(text.utf8)
        for (a, b) in zip(cuts, cuts.dropFirst()) {
            #expect(a.upperBound == b.lowerBound)
            #expect(a.count <= 700)
            #expect(bytes[a.upperBound - 1] == 0x0A && bytes[a.upperBound - 2] == 0x0A)   // after a blank line
        }
    }

    @Test func aTextWithoutBreaksIsCutBetweenCharacters() {
        let text = String(repeating: "қазақстан", count: 200)   // no space, two-byte letters
        let cuts = TextSegments.cuts(text, maxBytes: 101)
        let bytes = Array(text.utf8)
        for c in cuts.dropFirst() { #expect(bytes[c.lowerBound] & 0xC0 != 0x80) }
        #expect(cuts.map(\.count).reduce(0, +) == bytes.count)
    }

    @Test func piecesGiveTheRowsOfTheWholeText() throws {
        let text = Self.text(16)
        let whole = Self.pipeline.annotationSet(of: text, documentDate: "2025-09-01")
        let pieces = Self.pipeline.annotationSet(of: text, documentDate: "2025-09-01", segmentBytes: 900)
        let scalars = Array(text.unicodeScalars)

        // Analysed in pieces: offsets still point into the whole text.
        #expect(pieces.sentences.map(\.index) == Array(0..<pieces.sentences.count))
        for s in pieces.sentences { #expect(Self.substring(scalars, s.start, s.end).hasPrefix(String(s.text.prefix(5)))) }
        for m in pieces.mentions {
            #expect(Self.substring(scalars, m.start, m.end) == m.surface)
            let s = pieces.sentences[m.sentenceIndex]
            #expect(s.start <= m.start && m.end <= s.end)
        }
        for e in pieces.events {
            for m in e.mentions { #expect(pieces.sentences[m.sentenceIndex].start <= m.triggerStart && m.triggerEnd <= pieces.sentences[m.sentenceIndex].end) }
        }
        #expect(Set(pieces.events.map(\.key)).count == pieces.events.count)
        #expect(Set(pieces.entities.map(\.id)).count == pieces.entities.count)

        // The same sentences, mentions and entities as the whole text (each paragraph stands alone).
        #expect(pieces.sentences.map(\.start) == whole.sentences.map(\.start))
        #expect(pieces.mentions.map { "\($0.entityID)@\($0.start)" } == whole.mentions.map { "\($0.entityID)@\($0.start)" })
        #expect(Set(pieces.entities.map(\.id)) == Set(whole.entities.map(\.id)))
        #expect(Set(pieces.events.map { "\($0.type)|\($0.dateValue ?? "")|\($0.mentions[0].triggerStart)" })
            == Set(whole.events.map { "\($0.type)|\($0.dateValue ?? "")|\($0.mentions[0].triggerStart)" }))
        #expect(pieces.language == whole.language)
        #expect(abs((pieces.languages["kk"] ?? 0) - (whole.languages["kk"] ?? 0)) < 0.05)
    }

    @Test func piecesComeInOrderAndTheSummaryKeepsWhatTheWriteNeeds() throws {
        let text = Self.text(16)
        var pieces: [AnnotationSet] = []
        let summary = Self.pipeline.annotationPieces(of: text, documentDate: "2025-09-01", segmentBytes: 900) { pieces.append($0) }
        #expect(pieces.count > 2)
        // Each piece starts where the previous one ended (sentence numbers and offsets run on).
        for (a, b) in zip(pieces, pieces.dropFirst()) {
            #expect(b.sentences.first?.index == (a.sentences.last?.index ?? -1) + 1)
            #expect(b.sentences.first!.start >= a.sentences.last!.end)
        }
        // The summary: every event (without its evidence, for story linking), every entity, no sentence rows.
        #expect(summary.sentences.isEmpty && summary.mentions.isEmpty && summary.times.isEmpty)
        #expect(summary.events.map(\.key) == pieces.flatMap(\.events).map(\.key))
        #expect(summary.events.allSatisfy { $0.mentions.isEmpty && !$0.type.isEmpty })
        #expect(Set(summary.entities.map(\.id)) == Set(pieces.flatMap(\.mentions).map(\.entityID)))
        // Each piece carries the entities its mentions name (a streamed write stores their rows before the mentions).
        for p in pieces { #expect(Set(p.mentions.map(\.entityID)).isSubset(of: Set(p.entities.map(\.id)))) }
        #expect(summary.language == "kk" && !summary.analysisJSON.isEmpty)

        // A short text is one piece with all its rows.
        var one: [AnnotationSet] = []
        let short = Self.paragraphs[1].replacingOccurrences(of: "{Y}", with: "2024")
        let shortSummary = Self.pipeline.annotationPieces(of: short) { one.append($0) }
        #expect(one.count == 1 && one[0].sentences.count == Self.pipeline.annotationSet(of: short).sentences.count)
        #expect(shortSummary.events.count == one[0].events.count && shortSummary.sentences.isEmpty)
    }
}
