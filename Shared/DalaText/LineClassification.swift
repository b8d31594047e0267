// Line pass 1: each line is blank, text or one kind of noise (running headers, page numbers, footnote blocks,
// URLs); and the layout statistics (double spacing, trailing spaces) the joins read.
extension LineModel {
    mutating func classify(origins: [Int32], noise: inout [NoiseSpan], stats: inout RepairStats) {
        markRunningHeaders()
        // The per-line tests below read only `text`, `chars` and `res`: one copy of self for all of them
        // instead of one per call while `lines` is being written.
        let view = self
        // Noise that needs no neighbours.
        for i in lines.indices where !lines[i].isBlank && lines[i].noise == nil {
            let l = lines[i]
            if view.isURLOnly(l) { lines[i].noise = .url }
            else if view.isFooter(l) { lines[i].noise = .footer }
            else if view.isPageLabel(l) { lines[i].noise = .pageNumber }
        }
        classifyNumberLines()
        // Text lines, blank counts, page breaks after removed page numbers and headers.
        var blanks = 0
        var pageBreak = false
        textLines.removeAll(keepingCapacity: true)
        for i in lines.indices {
            if lines[i].isBlank { blanks += 1; continue }
            if let kind = lines[i].noise {
                if kind == .pageNumber || kind == .header { pageBreak = true }
                continue
            }
            lines[i].blanksBefore = textLines.isEmpty ? 0 : blanks
            if pageBreak { lines[i].pageBreakBefore = true }
            blanks = 0; pageBreak = false
            textLines.append(i)
        }
        layoutStatistics()
        // A new page in double-spaced PDF text shows as a line with a leading space and no blank before.
        if doubleSpaced {
            for (k, i) in textLines.enumerated() where k > 0 {
                let l = lines[i]
                if l.blanksBefore == 0 && l.ts > l.start { lines[i].pageBreakBefore = true }
            }
        }
        var previousEnds = true
        var previousTitleLike = false   // short, unpunctuated, not ending in an initial: a title above an author line
        for i in textLines {
            let atStart = previousEnds || lines[i].blanksBefore > (doubleSpaced ? 1 : 0) || lines[i].pageBreakBefore
            let l = lines[i]
            var role = view.role(of: l, paragraphStart: atStart)
            if role == .none && !atStart && previousTitleLike && l.length <= 120 && view.isAuthors(l) { role = .authors }
            lines[i].role = role
            let ends = view.endsSentence(l), initial = view.endsWithInitial(l)
            previousTitleLike = l.length < 100 && !ends && !initial
            switch role {
            case .referencesHeading, .authors, .affiliation, .caption: previousEnds = true
            default: previousEnds = ends && !initial
            }
        }
        demoteLoneAffiliations()
        var inBlock = false
        for i in lines.indices {
            if lines[i].isBlank { continue }
            guard let kind = lines[i].noise else { inBlock = false; continue }
            if kind == .footnoteBlock && !inBlock { stats.footnoteBlocksRemoved += 1 }
            inBlock = kind == .footnoteBlock
            noise.append(NoiseSpan(kind: kind, span: Span(start: Int(origins[lines[i].ts]), end: Int(origins[lines[i].te - 1]) + 1)))
            switch kind {
            case .pageNumber: stats.pageNumbersRemoved += 1
            case .header: stats.headerLinesRemoved += 1
            case .footer: stats.footerLinesRemoved += 1
            case .url: stats.urlLinesRemoved += 1
            case .footnoteMarker: stats.footnoteMarkersRemoved += 1
            case .footnoteBlock, .citation: break
            }
        }
    }

    /// An affiliation sits in front matter: near authors, an abstract, keywords or a reference list, or at the
    /// top of the file. Elsewhere a line that mentions an institute is body text.
    mutating func demoteLoneAffiliations() {
        let front: Set<LineRole> = [.authors, .abstract, .keywords, .referencesHeading, .affiliation]
        for (k, i) in textLines.enumerated() where lines[i].role == .affiliation {
            if contains(lines[i], "@") { continue }
            var near = false
            for m in max(0, k - 3)...min(textLines.count - 1, k + 3) where m != k && front.contains(lines[textLines[m]].role) {
                near = true
            }
            if !near { lines[i].role = .none }
        }
    }

    /// Short lines repeated three or more times (digits ignored) are running headers or footers.
    mutating func markRunningHeaders() {
        let nonBlank = lines.reduce(0) { $0 + ($1.isBlank ? 0 : 1) }
        guard nonBlank >= 30 else { return }
        var counts: [UInt64: Int] = [:]
        var keys = [UInt64](repeating: 0, count: lines.count)
        for (i, l) in lines.enumerated() where !l.isBlank && l.length <= 90 {
            // A line that starts in lower case continues a sentence: repeated text, not a header.
            if chars.isLower(text[l.ts]) || text[l.te - 1] == "-" { continue }
            var h = WordKey.offsetBasis
            var letters = 0
            for k in l.ts..<l.te {
                let c = text[k]
                guard chars.isLetter(c) else { continue }
                letters += 1
                h = WordKey.mix(h, UInt64(CharClass.lower(c).value))
            }
            guard letters >= 6 else { continue }
            keys[i] = h
            counts[h, default: 0] += 1
        }
        for i in lines.indices where keys[i] != 0 && counts[keys[i], default: 0] >= 3 {
            lines[i].noise = .header
        }
    }

    /// Lines holding only a number: a footnote marker (the sentence goes on after it), the start of a
    /// footnote block (a number already used as a marker, followed by the note), or a page number.
    mutating func classifyNumberLines() {
        var seenMarkers = Set<Int>()
        var i = 0
        while i < lines.count {
            guard !lines[i].isBlank, lines[i].noise == nil, let value = isDigitsOnly(lines[i]) else { i += 1; continue }
            let next = nextContentLine(after: i)
            var nextStartsSentenceTail = false
            if let j = next {
                let c = first(lines[j])
                nextStartsSentenceTail = chars.isLower(c) || c == "." || c == "," || c == ";" || c == ":"
                    || c == ")" || c == "»" || CharClass.isDash(c)
            }
            if nextStartsSentenceTail {
                let prev = previousContentLine(before: i)
                var prevNoTrailingSpace = false
                if let p = prev { prevNoTrailingSpace = lines[p].te == lines[p].end }
                let plausibleNumber = value <= (markerNumbers.last?.number ?? 0) + 3
                if prevNoTrailingSpace || plausibleNumber {
                    lines[i].noise = .footnoteMarker
                    seenMarkers.insert(value)
                    markerNumbers.append((value, i))
                    i += 1
                    continue
                }
            }
            if seenMarkers.contains(value), let j = next, chars.isLetter(first(lines[j])) || CharClass.isOpeningQuoteOrBracket(first(lines[j])) {
                i = markFootnoteBlock(from: i, seen: seenMarkers)
                continue
            }
            lines[i].noise = .pageNumber
            i += 1
        }
    }

    /// Marks footnote entries "N" + note lines, then orphan URL lines; returns the next line to look at.
    mutating func markFootnoteBlock(from start: Int, seen: Set<Int>) -> Int {
        var i = start
        var expected = isDigitsOnly(lines[start]) ?? 0
        while i < lines.count {
            // The entry number.
            lines[i].noise = .footnoteBlock
            i += 1
            var entryLines = 0
            var ended = false
            while i < lines.count {
                let l = lines[i]
                if l.isBlank { i += 1; continue }
                if let v = isDigitsOnly(l), v == expected + 1 { break }
                if isURLOnly(l) { ended = true; break }
                lines[i].noise = .footnoteBlock
                entryLines += 1
                i += 1
                if endsLikeBibliography(l) || entryLines >= 5 {
                    // The block goes on only if the next content line is the next entry's number.
                    if let j = nextContentLine(after: i - 1), let v = isDigitsOnly(lines[j]), v == expected + 1 {
                        i = j; break
                    }
                    ended = true; break
                }
            }
            if ended || i >= lines.count { break }
            guard let v = isDigitsOnly(lines[i]), v == expected + 1 else { break }
            expected = v
        }
        // Orphan URLs right after the block belong to it.
        while i < lines.count, lines[i].isBlank || isURLOnly(lines[i]) {
            if !lines[i].isBlank { lines[i].noise = .footnoteBlock }
            i += 1
        }
        return i
    }

    /// A note line that ends a reference: a year, a closing bracket, or a page number ("С. 12", "p. 4").
    func endsLikeBibliography(_ l: Line) -> Bool {
        var te = l.te
        while te > l.ts && (text[te - 1] == "." || text[te - 1] == " ") { te -= 1 }
        guard te > l.ts else { return false }
        if text[te - 1] == "]" { return true }
        var digits = 0
        var k = te - 1
        while k >= l.ts && chars.isDigit(text[k]) { digits += 1; k -= 1 }
        if digits == 4, k >= l.ts, text[k] == " " || text[k] == "," || text[k] == "." || text[k] == "(" {
            let year = Int(String(String.UnicodeScalarView(text[(k + 1)..<te]))) ?? 0
            return year >= 1800 && year <= 2100
        }
        if digits > 0 && k >= l.ts + 2 {
            // "С. 12", "p. 12", "pp. 12": a `page-abbreviation` of structure.tsv
            let before = lowercased(max(l.ts, k - 3), k + 1)
            return res.pageAbbreviations.contains { before.hasSuffix($0) }
        }
        return false
    }

    func nextContentLine(after i: Int) -> Int? {
        var j = i + 1
        while j < lines.count { if !lines[j].isBlank && lines[j].noise == nil { return j }; j += 1 }
        return nil
    }

    func previousContentLine(before i: Int) -> Int? {
        var j = i - 1
        while j >= 0 { if !lines[j].isBlank && lines[j].noise == nil { return j }; j -= 1 }
        return nil
    }

    mutating func layoutStatistics() {
        var oneBlank = 0, pairs = 0
        var endLetterSpace = 0, endLetterNoSpace = 0, terminalEnds = 0
        for (k, i) in textLines.enumerated() {
            let l = lines[i]
            if endsSentence(l) { terminalEnds += 1 }
            if k + 1 < textLines.count {
                pairs += 1
                if lines[textLines[k + 1]].blanksBefore == 1 { oneBlank += 1 }
            }
            if chars.isLetter(last(l)) {
                if l.te < l.end { endLetterSpace += 1 } else { endLetterNoSpace += 1 }
            }
        }
        // Wrapped lines separated by blank lines mostly end mid-sentence; one-line paragraphs separated by
        // blank lines mostly end with punctuation.
        doubleSpaced = pairs >= 6 && Double(oneBlank) >= 0.7 * Double(pairs)
            && Double(terminalEnds) < 0.5 * Double(textLines.count)
        trailingSpaceConvention = endLetterSpace >= 10
            && Double(endLetterSpace) >= 0.6 * Double(endLetterSpace + endLetterNoSpace)
    }
}
