import DalaStorage
import Foundation

/// Finds the words of a hit sentence that match the query: each word of the original text is turned into search keys
/// by the same vocabulary that built the query, so `Қазақстанның` lights up for `Қазақстан` and `Kazakhstan's` for
/// the entity. Offsets are code points into the original text, like every other offset of the API.
struct Highlighter: Sendable {
    let vocabulary: any SearchVocabulary
    let queryKeys: Set<String>
    let cache: SearchKeyCache

    /// Every hit of one answer: a word that repeats across the hits is looked up once.
    func highlight(_ hits: [SearchHit]) -> [SearchHit] {
        var matched: [String: Bool] = [:]
        return hits.map { highlight($0, memo: &matched) }
    }

    private func highlight(_ hit: SearchHit, memo: inout [String: Bool]) -> SearchHit {
        var hit = hit
        var spans = hit.highlights
        for (start, word) in Self.words(hit.snippet) {
            let matched: Bool
            if let known = memo[word] {
                matched = known
            } else {
                matched = !self.cache.keys(of: word, vocabulary: vocabulary).isDisjoint(with: queryKeys)
                memo[word] = matched
            }
            if matched { spans.append(Span(start: hit.start + start, end: hit.start + start + word.unicodeScalars.count)) }
        }
        hit.highlights = Self.merge(spans)
        return hit
    }

    /// Words (letters, digits, inner `-` and apostrophes) with their code-point offsets in `text`.
    static func words(_ text: String) -> [(Int, String)] {
        var out: [(Int, String)] = []
        let scalars = text.unicodeScalars
        var start: String.UnicodeScalarView.Index? = nil
        var startOffset = 0, offset = 0
        // Just past the word's last letter or digit: joiners at the end are not part of it.
        var end = scalars.startIndex
        var i = scalars.startIndex
        while i != scalars.endIndex {
            let scalar = scalars[i]
            let next = scalars.index(after: i)
            if isWordScalar(scalar) {
                if start == nil { (start, startOffset) = (i, offset) }
                end = next
            } else if start != nil && (scalar == "-" || scalar == "'" || scalar == "’") {
                // A joiner inside a word, kept if a letter follows.
            } else if let s = start {
                out.append((startOffset, String(scalars[s..<end])))
                start = nil
            }
            offset += 1
            i = next
        }
        if let s = start { out.append((startOffset, String(scalars[s..<end]))) }
        return out
    }

    /// Letters, marks and digits (Unicode L*, M*, N*: what `CharacterSet.alphanumerics` holds), ASCII without a table
    /// lookup. `CharacterSet.contains` was a tenth of the search endpoint's CPU.
    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// The quoted lexemes of a tsquery literal (`'a' & ('b' | 'c''d')` → a, b, c'd).
    static func lexemes(_ tsquery: String) -> Set<String> {
        var out = Set<String>()
        var current = "", inQuote = false, escaped = false
        var chars = tsquery.makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? chars.next() {
            pending = nil
            if escaped { current.append(ch); escaped = false; continue }
            if inQuote {
                if ch == "\\" { escaped = true }
                else if ch == "'" {
                    // A doubled quote is a literal quote inside the lexeme.
                    if let nextCh = chars.next() {
                        if nextCh == "'" { current.append("'"); continue }
                        pending = nextCh
                    }
                    out.insert(current); current = ""; inQuote = false
                } else { current.append(ch) }
            } else if ch == "'" {
                inQuote = true
            }
        }
        return out
    }

    /// Sorted, with overlapping (and repeated) spans joined.
    static func merge(_ spans: [Span]) -> [Span] {
        var out: [Span] = []
        for s in spans.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if let last = out.last, s.start <= last.end {
                out[out.count - 1].end = max(last.end, s.end)
            } else {
                out.append(s)
            }
        }
        return out
    }
}

/// Search keys kept across requests: the tsquery of a query text, and the keys of single words of hit sentences.
/// Queries and the words of hit sentences repeat from request to request, and asking the vocabulary (stemming in three
/// languages, a knowledge-base lookup, building a tsquery) was two thirds of the search endpoint's CPU under load.
/// Bounded: each table is emptied when it reaches `capacity` entries.
final class SearchKeyCache: @unchecked Sendable {
    // Confinement: `queries` and `words` are only touched while holding `lock`.
    private let lock = NSLock()
    private var queries: [String: String?] = [:]
    private var words: [String: Set<String>] = [:]
    let capacity: Int

    init(capacity: Int = 200_000) { self.capacity = capacity }

    /// `vocabulary.searchQuery(text)`, remembered.
    func query(_ text: String, vocabulary: any SearchVocabulary) -> String? {
        remembered(\.queries, text) { vocabulary.searchQuery(text) }
    }

    /// The lexemes a single word matches.
    func keys(of word: String, vocabulary: any SearchVocabulary) -> Set<String> {
        remembered(\.words, word) { vocabulary.searchQuery(word).map(Highlighter.lexemes) ?? [] }
    }

    /// The table's value for `key`, computed outside the lock when missing.
    private func remembered<V>(_ table: ReferenceWritableKeyPath<SearchKeyCache, [String: V]>, _ key: String,
                               _ compute: () -> V) -> V {
        if let known = lock.withLock({ self[keyPath: table][key] }) { return known }
        let computed = compute()
        lock.withLock {
            if self[keyPath: table].count >= capacity { self[keyPath: table].removeAll(keepingCapacity: true) }
            self[keyPath: table][key] = computed
        }
        return computed
    }
}
