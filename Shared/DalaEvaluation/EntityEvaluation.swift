import DalaEntities
import DalaText

/// Precision and recall of the recogniser against hand-annotated passages.
///
/// Annotation format, one passage a line: `kk| Бұл [Қазақстанның]{country:Q232} саясаты.` — a language prefix, then
/// the text with each mention written `[surface]{type}` or `[surface]{type:id}` or `[surface]{type:id:adj}`
/// (`adj` marks an adjective reference, `met` a metonymy). Lines starting with `#` are comments. A mention counts as
/// found when the recogniser reports the same span with the same entity type; linking accuracy is measured on the
/// gold mentions that carry an id (registry ids must match exactly, `local` only needs a document-local id).
public enum EntityEvaluation {
    /// A hand-marked mention.
    public struct GoldMention: Sendable, Hashable {
        public var span: Span
        public var type: EntityType
        public var id: String?
        public var kind: MentionKind
    }
    /// One annotated passage.
    public struct Passage: Sendable {
        public var language: Language
        public var text: String
        public var gold: [GoldMention]
    }
    /// Counts and ratios for one language × type cell.
    public struct Score: Sendable, Hashable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        public init() {}
        public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }
    /// Scores of one evaluation run.
    public struct Result: Sendable {
        /// "kk/country", "ru/organization", …, plus "kk/all", "all/person" and "all/all".
        public var scores: [String: Score]
        public var linked = 0            // gold mentions with an id that were found and linked right
        public var linkable = 0          // gold mentions with an id that were found
        public var passages = 0
        public var errors: [String] = [] // false positives and negatives, for reading
        public var linkingAccuracy: Double { linkable == 0 ? 1 : Double(linked) / Double(linkable) }
        public func score(_ language: String, _ type: String) -> Score { scores["\(language)/\(type)"] ?? Score() }
    }

    /// Parses annotated passages.
    public static func parse(annotated: String) -> [Passage] {
        var out: [Passage] = []
        for raw in annotated.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#"), let bar = line.firstIndex(of: "|"),
                  let lang = Language(rawValue: String(line[..<bar])) else { continue }
            var body = line[line.index(after: bar)...].unicodeScalars
            while body.first == " " { body = body.dropFirst() }
            var text = String.UnicodeScalarView()
            var gold: [GoldMention] = []
            var i = body.startIndex
            var offset = 0
            while i < body.endIndex {
                let c = body[i]
                if c == "[", let close = body[i...].firstIndex(of: "]"), body.index(after: close) < body.endIndex,
                   body[body.index(after: close)] == "{", let brace = body[close...].firstIndex(of: "}") {
                    let surface = body[body.index(after: i)..<close]
                    let spec = String(String.UnicodeScalarView(body[body.index(close, offsetBy: 2)..<brace]))
                    let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                    let start = offset
                    text.append(contentsOf: surface)
                    offset += surface.count
                    if let type = EntityType(rawValue: parts[0]) {
                        var id: String? = nil
                        var kind = MentionKind.name
                        var rest = Array(parts.dropFirst())
                        if let last = rest.last, ["adj", "met", "acr"].contains(last) {
                            kind = last == "adj" ? .adjective : last == "met" ? .metonymy : .acronym
                            rest.removeLast()
                        }
                        if !rest.isEmpty { id = rest.joined(separator: ":") }
                        gold.append(GoldMention(span: Span(start: start, end: offset), type: type, id: id, kind: kind))
                    }
                    i = body.index(after: brace)
                } else {
                    text.append(c); offset += 1; i = body.index(after: i)
                }
            }
            out.append(Passage(language: lang, text: String(text), gold: gold))
        }
        return out
    }

    /// Scores the recogniser on annotated passages; `segment` is stage 1 (default: `TextAnalyzer`).
    public static func evaluate(annotated: String, recognizer: EntityRecognizer,
                                segment: ((String) -> [Sentence])? = nil) -> Result {
        let analyzer = try? TextAnalyzer()
        let split: (String) -> [Sentence] = segment ?? { text in analyzer?.analyze(text).sentences ?? [] }
        var result = Result(scores: [:])
        let types: [String: EntityType] = Dictionary(uniqueKeysWithValues: recognizer.knowledgeBase.entities.map { ($0.id, $0.type) })
        for passage in parse(annotated: annotated) {
            result.passages += 1
            let analysis = recognizer.recognize(text: passage.text, sentences: split(passage.text))
            let lang = passage.language.rawValue
            var predicted: [(span: Span, type: EntityType, id: String, surface: String)] = analysis.mentions.map { m in
                let type = types[m.entityID] ?? analysis.entities.first { $0.id == m.entityID }?.type ?? .other
                return (m.span, type, m.entityID, m.surface)
            }
            func bump(_ type: EntityType, _ f: (inout Score) -> Void) {
                for key in ["\(lang)/\(type.rawValue)", "\(lang)/all", "all/\(type.rawValue)", "all/all"] {
                    f(&result.scores[key, default: Score()])
                }
            }
            for g in passage.gold {
                if let k = predicted.firstIndex(where: { $0.span == g.span && $0.type == g.type }) {
                    bump(g.type) { $0.truePositives += 1 }
                    if let id = g.id {
                        result.linkable += 1
                        if id == "local" ? predicted[k].id.hasPrefix("local:") : predicted[k].id == id { result.linked += 1 }
                        else { result.errors.append("\(lang) link: \(surface(passage.text, g.span)) → \(predicted[k].id), want \(id)") }
                    }
                    predicted.remove(at: k)
                } else {
                    bump(g.type) { $0.falseNegatives += 1 }
                    result.errors.append("\(lang) missed: \(surface(passage.text, g.span)) {\(g.type.rawValue)}")
                }
            }
            for p in predicted {
                bump(p.type) { $0.falsePositives += 1 }
                result.errors.append("\(lang) spurious: \(p.surface) {\(p.type.rawValue) \(p.id)}")
            }
        }
        return result
    }

    /// A printable table of precision / recall / F1 per language and type (for `dala bench`).
    public static func report(annotated: String, recognizer: EntityRecognizer,
                              segment: ((String) -> [Sentence])? = nil) -> String {
        let r = evaluate(annotated: annotated, recognizer: recognizer, segment: segment)
        var lines = ["entity recognition on \(r.passages) annotated passages (exact span + type)",
                     "lang  type          gold  found    P      R      F1"]
        // kk, ru, en first as before, then any other language the passages are in (ky), then all.
        let others = Set(r.scores.keys.map { String($0.prefix { $0 != "/" }) }).subtracting(["kk", "ru", "en", "all"]).sorted()
        let langs = ["kk", "ru", "en"] + others + ["all"]
        let types = EntityType.allCases.map(\.rawValue) + ["all"]
        for l in langs {
            for t in types {
                guard let s = r.scores["\(l)/\(t)"] else { continue }
                let gold = s.truePositives + s.falseNegatives
                lines.append(pad(l, 6) + pad(t, 14) + pad(String(gold), 6) + pad(String(s.truePositives + s.falsePositives), 7)
                             + pad(fmt(s.precision), 7) + pad(fmt(s.recall), 7) + fmt(s.f1))
            }
        }
        lines.append("linking accuracy on found mentions with a gold id: \(fmt(r.linkingAccuracy)) (\(r.linked)/\(r.linkable))")
        return lines.joined(separator: "\n")
    }

    static func surface(_ text: String, _ span: Span) -> String {
        let sc = Array(text.unicodeScalars)
        guard span.start >= 0, span.end <= sc.count, span.start <= span.end else { return "" }
        return String(String.UnicodeScalarView(sc[span.start..<span.end]))
    }
    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
    static func fmt(_ v: Double) -> String {
        let r = (v * 1000).rounded() / 1000
        var s = String(r)
        while s.count < 5 { s += "0" }
        return s
    }
}
