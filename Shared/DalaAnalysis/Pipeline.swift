import DalaCore
import DalaEntities
import DalaEvents
import DalaText
import Foundation

/// Everything the analysis found in one text. This is what `dala analyze FILE` prints.
public struct DocumentAnalysis: Codable, Sendable {
    public var extractorVersion: String
    public var text: TextAnalysis
    public var entities: EntityAnalysis
    public var events: EventAnalysis

    enum CodingKeys: String, CodingKey { case extractorVersion = "extractor_version", text, entities, events }

    /// An analysis from its parts (benchmarks time the stages one by one).
    public init(extractorVersion: String, text: TextAnalysis, entities: EntityAnalysis, events: EventAnalysis) {
        self.extractorVersion = extractorVersion; self.text = text; self.entities = entities; self.events = events
    }
}

/// The whole text analysis: repair/structure/sentences/languages, then entities, then dates, events and keywords.
/// Pure: no I/O after `init`, which loads every data file once per process.
public struct Pipeline: Sendable {
    /// Version of the extractor; stored with every annotation. Bump when output changes.
    public static let version = "dala-0.3.0"

    public let text: TextAnalyzer
    public let knowledgeBase: KnowledgeBase
    public let recognizer: EntityRecognizer
    public let extractor: EventExtractor
    /// SHA-256 over the versions and the knowledge base, so a changed data file shows up in extraction runs.
    public let configHash: String

    public init() throws {
        text = try TextAnalyzer()
        knowledgeBase = try KnowledgeBase.loadDefault()
        recognizer = EntityRecognizer(knowledgeBase: knowledgeBase)
        extractor = try EventExtractor()
        var digestInput = Self.version + "|" + EntityRecognizer.version + "|" + EventExtractor.version
        for e in knowledgeBase.entities { digestInput += "|" + e.id + ":" + e.aliases.joined(separator: ",") }
        configHash = String(SHA256.hex(digestInput).prefix(16))
    }

    public var extractorVersion: String { Self.version }

    public func analyze(_ raw: String, documentDate: String? = nil) -> DocumentAnalysis {
        let t = text.analyze(raw)
        // With stage 1's paragraphs: short forms (Одақ, the Union) resolve within a paragraph, not a PDF line.
        let e = recognizer.recognize(text: raw, analysis: t)
        let ev = extractor.extract(text: raw, sentences: t.sentences, entities: e, documentDate: documentDate)
        return DocumentAnalysis(extractorVersion: Self.version, text: t, entities: e, events: ev)
    }

    /// A tsquery for a free-text query: every word must match through one of its stems (in every language with a
    /// morphology of its own: kk, ru, en) or an
    /// entity it names; a multiword query that names one entity also matches that entity alone.
    public func searchQuery(_ query: String) -> String? {
        var groups: [[String]] = []
        for word in query.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" }).prefix(16) {
            var keys = Set<String>()
            for lang in Morphology.languages { keys.insert(Morphology.stem(String(word), language: lang)) }
            for e in knowledgeBase.lookup(String(word)) { keys.insert("e:" + e.id) }
            keys.remove("")
            if !keys.isEmpty { groups.append(keys.sorted()) }
        }
        let whole = groups.count > 1 ? knowledgeBase.lookup(query).map { "e:" + $0.id } : []
        return SearchText.tsquery(allOf: groups, orAnyOf: whole)
    }
}

extension DocumentAnalysis {
    /// The rows storage writes for this analysis.
    public func annotationSet(configHash: String) -> AnnotationSet {
        var mentionsBySentence: [Int: [String]] = [:]
        for m in entities.mentions { mentionsBySentence[m.sentenceIndex, default: []].append("e:" + m.entityID) }
        // Words repeat (Zipf): stem each distinct (word, language) once per document, through the process's cache of
        // the words earlier documents had.
        var stems: [UInt64: String] = [:]
        let sentenceRows = text.sentences.map { s in
            var keys: [String] = []
            keys.reserveCapacity(s.tokens.count + 4)
            let seed = WordKey.offsetBasis ^ UInt64(Language.allCases.firstIndex(of: s.language) ?? 0) &* 0x9E3779B97F4A7C15
            for token in s.tokens where token.kind == .word || token.kind == .number {
                let h = WordKey.fnv1a(scalars: token.text.unicodeScalars.lazy.map(\.value), seed: seed)
                let key: String
                if let known = stems[h] { key = known } else {
                    key = StemCache.shared.stem(token.text, language: s.language, hash: h)
                    stems[h] = key
                }
                if !key.isEmpty { keys.append(key) }
            }
            keys += mentionsBySentence[s.index] ?? []
            return AnnotationSet.SentenceRow(index: s.index, start: s.span.start, end: s.span.end, language: s.language.rawValue,
                                             confidence: s.confidence, section: s.section, text: s.text, searchKeys: keys)
        }
        let entityRows = entities.entities.map { e in
            AnnotationSet.EntityRow(id: e.id, type: e.type.rawValue, labels: e.labels, aliases: e.aliases,
                                    fromKnowledgeBase: e.fromKnowledgeBase)
        }
        let mentionRows = entities.mentions.map { m in
            AnnotationSet.MentionRow(entityID: m.entityID, start: m.span.start, end: m.span.end, surface: m.surface,
                                     sentenceIndex: m.sentenceIndex, kind: m.kind.rawValue, confidence: m.confidence,
                                     alternatives: m.alternatives, alternativeScores: m.alternativeScores)
        }
        let timeRows = events.times.map { t in
            AnnotationSet.TimeRow(start: t.span.start, end: t.span.end, surface: t.surface, sentenceIndex: t.sentenceIndex,
                                  value: t.value, rangeStart: t.start, rangeEnd: t.end, precision: t.precision.rawValue,
                                  relative: t.relative)
        }
        let eventRows = events.events.map { e in
            AnnotationSet.EventRow(
                key: e.id, type: e.type.rawValue, cameo: e.cameo, plover: e.plover, modality: e.modality.rawValue,
                speakerEntityID: e.speaker, dateValue: e.date?.value, dateStart: e.date?.start, dateEnd: e.date?.end,
                datePrecision: e.date?.precision.rawValue, confidence: e.confidence, language: e.language.rawValue,
                participants: e.participants.map {
                    .init(role: $0.role, entityID: $0.entityID, surface: $0.surface, start: $0.span?.start, end: $0.span?.end)
                },
                mentions: e.mentions.map {
                    .init(sentenceIndex: $0.sentenceIndex, start: $0.span.start, end: $0.span.end, evidence: $0.evidence,
                          trigger: $0.trigger, triggerStart: $0.triggerSpan.start, triggerEnd: $0.triggerSpan.end,
                          confidence: $0.confidence)
                })
        }
        let keywordRows = events.keywords.map {
            AnnotationSet.KeywordRow(text: $0.text, language: $0.language.rawValue, source: $0.source, score: $0.score)
        }
        let structure = StructureSummary(documents: text.documents, repairs: text.repairs, keywords: events.keywords).json
        return AnnotationSet(
            extractorVersion: extractorVersion, configHash: configHash, language: text.language.rawValue,
            languages: Dictionary(uniqueKeysWithValues: text.languages.map { ($0.key.rawValue, $0.value) }),
            analysisJSON: structure, sentences: sentenceRows, entities: entityRows, mentions: mentionRows, times: timeRows,
            events: eventRows, keywords: keywordRows)
    }
}

/// The document-level parts of the analysis kept on the document row.
struct StructureSummary: Encodable {
    var documents: [DocumentPart]
    var repairs: RepairStats
    var keywords: [Keyword]

    /// What `DalaJSON.encoder()` writes for it (keys sorted), written with `JSONWriter`: `JSONEncoder` took 3–5 % of an
    /// enrichment worker's time here. Test `structureSummaryJSONIsTheEncoders` compares the two on every fixture.
    var json: String {
        var w = JSONWriter(capacity: 2048)
        w.object { w in
            w.key("documents")
            w.array(documents) { w, d in
                w.object { w in
                    w.member("boundary", d.boundary)
                    w.key("cleanedSpan"); Self.span(d.cleanedSpan, &w)
                    w.member("index", d.index)
                    w.key("keywords"); Self.byLanguage(d.keywords, &w) { w, words in w.array(words) { w, s in w.string(s) } }
                    w.member("language", d.language.rawValue)
                    w.key("languages"); Self.byLanguage(d.languages, &w) { w, share in w.double(share) }
                    w.key("parts")
                    w.array(d.parts) { w, p in
                        w.object { w in
                            w.key("cleanedSpan"); Self.span(p.cleanedSpan, &w)
                            w.member("confidence", p.confidence)
                            w.member("kind", p.kind.rawValue)
                            w.member("language", p.language.rawValue)
                            w.key("span"); Self.span(p.span, &w)
                        }
                    }
                    w.key("span"); Self.span(d.span, &w)
                    w.member("startsMidText", d.startsMidText)
                    w.key("titles"); Self.byLanguage(d.titles, &w) { w, title in w.string(title) }
                }
            }
            w.key("keywords")
            w.array(keywords) { w, k in
                w.object { w in
                    w.member("language", k.language.rawValue)
                    w.member("score", k.score)
                    w.member("source", k.source)
                    w.member("text", k.text)
                }
            }
            let r = repairs
            w.key("repairs")
            w.object { w in
                w.member("controlCharsRemoved", r.controlCharsRemoved); w.member("dotGlueSplits", r.dotGlueSplits)
                w.member("footerLinesRemoved", r.footerLinesRemoved); w.member("footnoteBlocksRemoved", r.footnoteBlocksRemoved)
                w.member("footnoteMarkersRemoved", r.footnoteMarkersRemoved); w.member("gluedTokensSplit", r.gluedTokensSplit)
                w.member("headerLinesRemoved", r.headerLinesRemoved); w.member("homoglyphsFixed", r.homoglyphsFixed)
                w.member("hyphenationJoins", r.hyphenationJoins); w.member("hyphensKept", r.hyphensKept)
                w.member("lineBreaksJoined", r.lineBreaksJoined); w.member("lostHyphenJoins", r.lostHyphenJoins)
                w.member("nfcCompositions", r.nfcCompositions); w.member("pageNumbersRemoved", r.pageNumbersRemoved)
                w.member("romanNumeralsFixed", r.romanNumeralsFixed); w.member("softHyphensRemoved", r.softHyphensRemoved)
                w.member("spacesNormalized", r.spacesNormalized); w.member("urlLinesRemoved", r.urlLinesRemoved)
            }
        }
        return String(decoding: w.bytes, as: UTF8.self)
    }

    private static func span(_ s: Span, _ w: inout JSONWriter) {
        w.object { w in w.member("end", s.end); w.member("start", s.start) }
    }

    /// A dictionary keyed by language, as an object with its keys sorted.
    private static func byLanguage<V>(_ d: [Language: V], _ w: inout JSONWriter, _ value: (inout JSONWriter, V) -> Void) {
        w.object { w in
            for (code, v) in d.map({ ($0.key.rawValue, $0.value) }).sorted(by: { $0.0 < $1.0 }) {
                w.key(string: code); value(&w, v)
            }
        }
    }
}

extension Pipeline {
    /// Canonical entity ids for a name in any language or inflected form.
    public func entityIDs(named name: String) -> [String] { knowledgeBase.lookup(name).map(\.id) }
}
