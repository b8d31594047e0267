import DalaText
import Testing

/// The original text of a span (Unicode scalar offsets).
func slice(_ text: String, _ span: Span) -> String {
    let scalars = Array(text.unicodeScalars)
    var v = String.UnicodeScalarView()
    v.append(contentsOf: scalars[span.start..<span.end])
    return String(v)
}

@Suite struct OffsetMapTests {
    @Test func repairedTokensPointAtTheirOriginalCharacters() throws {
        let text = try Fixtures.text("article-kk")
        let analysis = Fixtures.analyzer.analyze(text)
        let tokens = analysis.sentences.flatMap(\.tokens)
        func original(of cleaned: String) throws -> String {
            let token = try #require(tokens.first { $0.text == cleaned }, "no token \(cleaned)")
            return slice(text, token.span)
        }
        #expect(try original(of: "Америка") == "Амери-\nка")             // hyphenation joined
        #expect(try original(of: "Өзбекстан") == "Өз\nбекстан")          // hyphen lost in the PDF
        #expect(try original(of: "Жаһандану") == "Жаhандану")            // Latin h inside a Kazakh word
        #expect(try original(of: "Кәрімов") == "Кәрiмов")                // Latin i
        #expect(try original(of: "XXI") == "ХХІ")                        // Cyrillic Roman numeral
        #expect(try original(of: "ынтымақтастық") == "ынтымақ\u{AD}тастық")  // soft hyphen
        #expect(try original(of: "бау-бақша") == "бау-\nбақша")          // real hyphen kept
        #expect(try original(of: "Центральной") == "Центрально\u{438}\u{306}")  // NFC
    }

    @Test(arguments: Fixtures.names)
    func unrepairedTokensMatchTheOriginalExactly(_ name: String) throws {
        let text = try Fixtures.text(name)
        let analysis = Fixtures.analyzer.analyze(text)
        var same = 0, total = 0
        for sentence in analysis.sentences {
            #expect(sentence.span.start >= 0 && sentence.span.end <= text.unicodeScalars.count)
            for token in sentence.tokens {
                total += 1
                if slice(text, token.span) == token.text { same += 1 }
                #expect(token.span.start >= sentence.span.start && token.span.end <= sentence.span.end)
            }
        }
        // Only repaired tokens may differ from their original text.
        #expect(total > 0)
        #expect(Double(same) >= 0.95 * Double(total), "\(name): \(same) of \(total) tokens match")
    }

    @Test func offsetMapAgreesWithSentenceSpans() throws {
        let text = try Fixtures.text("glued-ru")
        let analysis = Fixtures.analyzer.analyze(text)
        let cleaned = Array(analysis.cleanedText.unicodeScalars)
        var searchFrom = 0
        for sentence in analysis.sentences {
            // Locate the sentence in the cleaned text, then map its ends through the offset map.
            let target = Array(sentence.text.unicodeScalars)
            var found: Int? = nil
            var k = searchFrom
            while k + target.count <= cleaned.count {
                if Array(cleaned[k..<(k + target.count)]) == target { found = k; break }
                k += 1
            }
            let start = try #require(found, "sentence not in cleaned text: \(sentence.text)")
            let mapped = analysis.offsetMap.original(Span(start: start, end: start + target.count))
            #expect(mapped == sentence.span, "\(sentence.text)")
            searchFrom = start + target.count
        }
    }

    @Test func offsetMapCoversComposedMarks() throws {
        let text = "Центрально\u{438}\u{306} Азии."
        let analysis = Fixtures.analyzer.analyze(text)
        #expect(analysis.cleanedText == "Центральной Азии.")
        #expect(analysis.offsetMap.original(Span(start: 0, end: 11)) == Span(start: 0, end: 12))
        #expect(analysis.offsetMap.original(Span(start: 12, end: 16)) == Span(start: 13, end: 17))
    }

    @Test func noiseSpansCoverWhatWasRemoved() throws {
        let text = try Fixtures.text("glued-ru")
        let analysis = Fixtures.analyzer.analyze(text)
        let removed = analysis.noise.map { slice(text, $0.span) }
        #expect(removed.contains("https://example.org/archive/1998/treaty"))
        #expect(removed.contains("Читать далее"))
        #expect(removed.contains("1"))
    }
}
