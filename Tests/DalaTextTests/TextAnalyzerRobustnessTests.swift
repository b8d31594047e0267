import DalaText
import Testing

/// Small deterministic generator so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

@Suite struct TextAnalyzerRobustnessTests {
    /// Random texts made of the characters the repairs react to must never crash the analyzer, and every
    /// span must stay inside the original text.
    @Test func randomTextsKeepSpansInBounds() {
        let pieces: [String] = ["а", "Қ", "ә", "x", "I", "Х", "І", "h", "-", "–", ".", "..", "...", ",", ";", ":", "!", "?",
                                " ", "  ", "\n", "\n\n", "\r\n", "\u{0C}", "\u{A0}", "\u{AD}", "\u{7}", "\u{306}", "¹",
                                "[1]", "[", "]", "/2/", "/", "(", ")", "«", "»", "\"", "1", "12", "2005", "г.", "т.б.",
                                "Н.Ә.", "Түйін сөздер:", "Keywords:", "Аңдатпа.", "Әдебиеттер", "http://a.b/c",
                                "университет", "А.Б. Иванов", "1-кесте", "•", "сөз", "word", "Слово", "ҰҚШҰ", "\u{FEFF}"]
        var rng = SplitMix64(state: 42)
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<Int.random(in: 0...120, using: &rng) { text += pieces.randomElement(using: &rng)! }
            let analysis = Fixtures.analyzer.analyze(text)
            let n = text.unicodeScalars.count
            for s in analysis.sentences {
                #expect(s.span.start >= 0 && s.span.start <= s.span.end && s.span.end <= n, "\(text.debugDescription)")
                for t in s.tokens { #expect(t.span.start >= 0 && t.span.end <= n && !t.text.isEmpty) }
            }
            for d in analysis.documents { #expect(d.span.end <= n && d.span.start <= d.span.end) }
            for x in analysis.noise { #expect(x.span.start >= 0 && x.span.end <= n) }
        }
    }

    @Test func crlfAndFormFeedAreLineBreaks() {
        let analysis = Fixtures.analyzer.analyze("Бірінші сөйлем.\r\nЕкінші сөйлем.\u{0C}Үшінші сөйлем.")
        #expect(analysis.sentences.map(\.text) == ["Бірінші сөйлем.", "Екінші сөйлем.", "Үшінші сөйлем."])
        #expect(!analysis.cleanedText.contains("\r"))
    }
}
