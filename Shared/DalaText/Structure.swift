// Stage 4: document boundaries and the role of each paragraph.

struct StructureAnalyzer {
    let chars: CharClass
    let res: TextResources
    let s: [Unicode.Scalar]
    let paragraphs: [Paragraph]

    struct Result {
        var kinds: [PartKind]
        var documents: [(start: Int, reason: String, midText: Bool)]   // first paragraph of each document
    }

    // MARK: - Paragraph features

    private func length(_ p: Int) -> Int { paragraphs[p].end - paragraphs[p].start }

    private func firstScalar(_ p: Int) -> Unicode.Scalar? {
        let q = paragraphs[p]
        return q.end > q.start ? s[q.start] : nil
    }

    private func lastScalar(_ p: Int) -> Unicode.Scalar? {
        let q = paragraphs[p]
        return q.end > q.start ? s[q.end - 1] : nil
    }

    /// Words, approximately: spaces + 1.
    private func wordCount(_ p: Int) -> Int { paragraphs[p].end > paragraphs[p].start ? paragraphs[p].spaces + 1 : 0 }

    private func endsWithPeriodLike(_ p: Int) -> Bool {
        guard let c = lastScalar(p) else { return false }
        return c == "." || c == "," || c == ";" || c == ":"
    }

    private func startsUpper(_ p: Int) -> Bool {
        guard var k = Optional(paragraphs[p].start), k < paragraphs[p].end else { return false }
        while k < paragraphs[p].end && CharClass.isOpeningQuoteOrBracket(s[k]) { k += 1 }
        guard k < paragraphs[p].end else { return false }
        return chars.isUpper(s[k]) || chars.isDigit(s[k])
    }

    private func startsLower(_ p: Int) -> Bool {
        guard let c = firstScalar(p) else { return false }
        return chars.isLower(c)
    }

    /// A year (1800-2099) appears in the paragraph.
    private func hasYear(_ p: Int) -> Bool {
        let q = paragraphs[p]
        var k = q.start
        while k + 3 < q.end {
            if chars.isDigit(s[k]) && (k == q.start || !chars.isDigit(s[k - 1])) {
                var e = k
                while e < q.end && chars.isDigit(s[e]) { e += 1 }
                if e - k == 4 {
                    let head = (s[k].value - 0x30) * 10 + (s[k + 1].value - 0x30)
                    if head == 18 || head == 19 || head == 20 { return true }
                }
                k = e
            } else {
                k += 1
            }
        }
        return false
    }

    private func looksLikeReference(_ p: Int) -> Bool {
        guard length(p) < 1200 else { return false }
        let role = paragraphs[p].role
        if role == .listItem && hasYear(p) { return true }
        if hasYear(p) || containsSequence(p, "//") { return true }
        return false
    }

    private func containsSequence(_ p: Int, _ needle: String) -> Bool {
        let n = Array(needle.unicodeScalars)
        let q = paragraphs[p]
        guard q.end - q.start >= n.count else { return false }
        var k = q.start
        while k + n.count <= q.end {
            if s[k] == n[0] && Array(s[k..<(k + n.count)]) == n { return true }
            k += 1
        }
        return false
    }

    /// Long running text (not a heading, list of names, or reference).
    private func isProse(_ p: Int) -> Bool {
        length(p) >= 150 && wordCount(p) >= 18
    }

    private func isTitleLike(_ p: Int) -> Bool {
        let len = length(p)
        guard len >= 3 && len <= 250, startsUpper(p), !endsWithPeriodLike(p) else { return false }
        switch paragraphs[p].role {
        case .none, .caption: break
        default: return false
        }
        return wordCount(p) <= 30
    }

    private func isHeading(_ p: Int) -> Bool {
        let len = length(p)
        guard len >= 3 && len <= 160, startsUpper(p), !endsWithPeriodLike(p) else { return false }
        guard paragraphs[p].role == .none else { return false }
        return wordCount(p) <= 18
    }

    private func isFrontRole(_ r: LineRole) -> Bool {
        r == .authors || r == .affiliation || r == .abstract || r == .keywords
    }

    // MARK: - Boundaries

    func run() -> Result {
        let starts = boundaries()
        var kinds = [PartKind](repeating: .body, count: paragraphs.count)
        var documents: [(start: Int, reason: String, midText: Bool)] = []
        for (d, start) in starts.enumerated() {
            let end = d + 1 < starts.count ? starts[d + 1].0 : paragraphs.count
            classify(start.0, end, &kinds)
            let mid = start.0 < end && startsLower(start.0)
            documents.append((start.0, start.1, mid))
        }
        return Result(kinds: kinds, documents: documents)
    }

    private enum Zone { case front, body, references }

    private func boundaries() -> [(Int, String)] {
        var starts: [(Int, String)] = [(0, "start")]
        guard !paragraphs.isEmpty else { return starts }
        var zone: Zone = .front
        var bodyCount = 0
        var maxCitation = 0
        var lastCitationParagraph = -1
        var p = 0
        func reset(_ at: Int, _ reason: String) {
            starts.append((at, reason))
            zone = .front; bodyCount = 0; maxCitation = 0; lastCitationParagraph = -1
        }
        while p < paragraphs.count {
            let role = paragraphs[p].role
            let docStart = starts.last!.0
            if zone == .references {
                if role == .referencesHeading { p += 1; continue }
                if isFrontRole(role) {
                    // The next document's title may sit between the list and its front matter.
                    let at = p - 1 > docStart && isTitleLike(p - 1) && !looksLikeReference(p - 1) ? p - 1 : p
                    reset(at, "afterReferences"); continue
                }
                if isTitleLike(p), p + 1 < paragraphs.count, isFrontRole(paragraphs[p + 1].role) {
                    reset(p, "afterReferences"); continue
                }
                if isProse(p) && !looksLikeReference(p) { reset(p, "afterReferences"); continue }
                p += 1; continue
            }
            if role == .referencesHeading { zone = .references; p += 1; continue }
            if zone == .body && bodyCount >= 2 && isFrontRole(role) {
                var at = p
                if role == .keywords && at - 1 > docStart && isProse(at - 1) { at -= 1 }   // its abstract
                while at - 1 > docStart && p - at < 4,
                      isTitleLike(at - 1) || paragraphs[at - 1].role == .authors || paragraphs[at - 1].role == .affiliation {
                    at -= 1
                }
                if at > docStart { reset(at, "newFrontMatter"); p = at + 1; continue }
            }
            if let first = paragraphs[p].citations.first, first == 1, maxCitation >= 3, zone == .body {
                // The new document starts at the last page break after the previous citation, if any.
                var at = p
                var q = p
                while q > max(lastCitationParagraph, docStart) {
                    if paragraphs[q].pageBreakBefore { at = q; break }
                    q -= 1
                }
                if at > docStart {
                    reset(at, "citationRestart")
                    p = at
                    // Re-read the paragraphs between the boundary and the restart in the new document.
                    while p < paragraphs.count && p <= at {
                        if isProse(p) { zone = .body; bodyCount += 1 }
                        p += 1
                    }
                    continue
                }
            }
            for c in paragraphs[p].citations {
                if c > maxCitation { maxCitation = c }
                lastCitationParagraph = p
            }
            if isProse(p) && !isFrontRole(role) && !(zone == .front && nextIsKeywords(p, limit: paragraphs.count)) {
                zone = .body; bodyCount += 1
            }
            p += 1
        }
        return starts
    }

    private func nextIsKeywords(_ p: Int, limit: Int) -> Bool {
        var q = p + 1
        while q < limit && (paragraphs[q].role == .authors || paragraphs[q].role == .affiliation) { q += 1 }
        return q < limit && paragraphs[q].role == .keywords
    }

    // MARK: - Kinds inside one document

    private func classify(_ a: Int, _ b: Int, _ kinds: inout [PartKind]) {
        var inFront = true
        var inReferences = false
        var abstractLabelOpen = false
        var p = a
        while p < b {
            let role = paragraphs[p].role
            if inFront {
                switch role {
                case .authors: kinds[p] = .authors; p += 1; continue
                case .affiliation: kinds[p] = .affiliation; p += 1; continue
                case .keywords: kinds[p] = .keywords; abstractLabelOpen = false; p += 1; continue
                case .abstract:
                    kinds[p] = .abstract
                    abstractLabelOpen = length(p) < 40
                    p += 1; continue
                default: break
                }
                if role == .none && !startsLower(p) {
                    if abstractLabelOpen || nextIsKeywords(p, limit: b) && !isTitleLike(p) {
                        kinds[p] = .abstract; abstractLabelOpen = false; p += 1; continue
                    }
                    if isTitleLike(p) && !isProse(p) { kinds[p] = .title; p += 1; continue }
                }
                inFront = false
            }
            switch role {
            case .referencesHeading:
                kinds[p] = .referencesHeading; inReferences = true
            case .keywords:
                kinds[p] = .keywords
            case .abstract:
                kinds[p] = .abstract
            case .authors:
                kinds[p] = inReferences ? .references : .authors
            case .affiliation:
                kinds[p] = inReferences ? .references : .affiliation
            case .caption, .note:
                kinds[p] = .caption
            case .listItem:
                kinds[p] = inReferences ? .references : .listItem
            case .none:
                if inReferences { kinds[p] = .references }
                else if isHeading(p) && p + 1 < b { kinds[p] = .heading }
                else { kinds[p] = .body }
            }
            p += 1
        }
    }
}
