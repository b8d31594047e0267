/// Hostile inputs for the analyser, reproducible from a seed: mutated sample text, random Unicode (combining
/// marks, right-to-left, zero-width, noncharacters), long runs of one character, long lines and digit runs.
/// Pure: the caller supplies the sample texts; `dala fuzz` and the regression tests drive it.
public struct FuzzInputs: Sendable {
    /// SplitMix64: tiny, fast and the same on every platform, so a seed names an input for good.
    public struct Random: Sendable {
        var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        /// Uniform in `0..<n` (n > 0).
        public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    let samples: [[Unicode.Scalar]]
    /// Largest input made by the special generators (one character repeated, long lines), in scalars.
    public let maxLength: Int

    /// `samples`: texts to cut and mutate (corpus documents); the built-in seeds are always added.
    public init(samples: [String], maxLength: Int = 1 << 20) {
        self.samples = (samples + Self.seeds).map { Array($0.unicodeScalars) }.filter { !$0.isEmpty }
        self.maxLength = maxLength
    }

    /// The input number `index` of the run seeded with `seed`.
    public func input(seed: UInt64, index: UInt64) -> String {
        var r = Random(seed: seed ^ (index &* 0xD1B54A32D192ED03))
        var s = String.UnicodeScalarView()
        for u in scalars(&r) { s.append(u) }
        return String(s)
    }

    func scalars(_ r: inout Random) -> [Unicode.Scalar] {
        let roll = r.below(10_000)
        // Mostly short inputs (a million run in minutes), with the long generators one input in a few thousand.
        if roll < 1 { return oneCharacter(&r, count: maxLength / (1 + r.below(4))) }
        if roll < 3 { return longLine(&r) }
        if roll < 8 { return longRun(&r) }
        if roll < 900 { return soup(&r, count: 1 + r.below(r.chance(2) ? 20_000 : 300)) }
        var text = slice(&r)
        for _ in 0..<(1 + r.below(r.chance(20) ? 40 : 6)) { mutate(&text, &r) }
        return text
    }

    // MARK: generators

    /// A window of a sample (often the whole of a short seed).
    func slice(_ r: inout Random) -> [Unicode.Scalar] {
        let s = samples[r.below(samples.count)]
        let length = min(s.count, 1 + r.below(r.chance(2) ? 30_000 : 800))
        let start = r.below(s.count - length + 1)
        return Array(s[start..<(start + length)])
    }

    /// 1 MB (or a fraction) of one character.
    func oneCharacter(_ r: inout Random, count: Int) -> [Unicode.Scalar] {
        let pool: [UInt32] = [0x61, 0x430, 0x4D9, 0x31, 0x20, 0x0A, 0x2D, 0x28, 0x5B, 0xAB, 0x2E, 0x301, 0x200D, 0x5D0,
                              0xFDD0, 0x2F, 0x22, 0x4E00, 0x1F600, 0xA0, 0x7C, 0x2022, 0x49]
        return Array(repeating: Unicode.Scalar(pool[r.below(pool.count)])!, count: max(1, count))
    }

    /// A paragraph of 50 KB to 1 MB without a line break: words of a sample, or letters without spaces.
    func longLine(_ r: inout Random) -> [Unicode.Scalar] {
        let target = 50_000 + r.below(maxLength - 50_000)
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(target)
        let word = r.chance(50)
        while out.count < target {
            var piece = slice(&r)
            if word { piece.removeAll { $0 == " " || $0 == "\n" } } else { piece.removeAll { $0 == "\n" } }
            out += piece
        }
        return out
    }

    /// A digit run, a letter run (a 300 KB "word"), a bracket run or a hyphenated chain, inside sample text.
    func longRun(_ r: inout Random) -> [Unicode.Scalar] {
        var text = slice(&r)
        let length = r.chance(30) ? 10_000 + r.below(300_000) : 20 + r.below(2_000)
        let run: [Unicode.Scalar]
        switch r.below(7) {
        case 0: run = (0..<length).map { _ in Unicode.Scalar(0x30 + UInt32(r.below(10)))! }
        case 1: run = Array(repeating: Unicode.Scalar(0x430 + UInt32(r.below(32)))!, count: length)
        case 2: run = (0..<length).map { _ in Unicode.Scalar(0x61 + UInt32(r.below(26)))! }
        case 3: run = Array(repeating: ["(", "[", "«", "/", "\"", "-", "."][r.below(7)], count: length)
        case 4: run = (0..<length).flatMap { k -> [Unicode.Scalar] in k % 2 == 0 ? ["а"] : ["-"] }
        case 5: run = (0..<length).flatMap { _ -> [Unicode.Scalar] in ["1", "9", "9", "0", "-", "ж"] }
        default: run = (0..<length).map { _ in Unicode.Scalar(0x4D8 + UInt32(r.below(40)))! }
        }
        text.insert(contentsOf: run, at: r.below(text.count + 1))
        return text
    }

    /// Random scalars from hostile classes.
    func soup(_ r: inout Random, count: Int) -> [Unicode.Scalar] {
        (0..<count).map { _ in hostile(&r) }
    }

    func hostile(_ r: inout Random) -> Unicode.Scalar {
        let v: UInt32
        switch r.below(16) {
        case 0: v = 0x300 + UInt32(r.below(0x70))                       // combining marks
        case 1: v = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D,
                     0x202E, 0x2066, 0x2067, 0x2068, 0x2069][r.below(17)]  // zero-width, bidi controls
        case 2: v = 0x590 + UInt32(r.below(0x1F0))                      // Hebrew, Arabic
        case 3: v = [0xFDD0 + UInt32(r.below(32)), 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF, 0xFFFD][r.below(6)]   // noncharacters
        case 4: v = UInt32(r.below(0x20))                               // controls
        case 5: v = 0x30 + UInt32(r.below(10))
        case 6: v = 0x400 + UInt32(r.below(0x100))                      // Cyrillic incl. Kazakh letters
        case 7: v = 0x41 + UInt32(r.below(58))
        case 8: v = [0x20, 0x0A, 0x0D, 0x09, 0xA0, 0x2028, 0x2029, 0x3000, 0x85][r.below(9)]
        case 9: v = [0x2E, 0x2C, 0x2D, 0x2013, 0x2014, 0x28, 0x29, 0x5B, 0x5D, 0xAB, 0xBB, 0x22, 0x27, 0x201C, 0x201D,
                     0x2F, 0x3F, 0x21, 0x3A, 0x3B, 0x2116, 0x25, 0x2026][r.below(23)]
        case 10: v = 0x660 + UInt32(r.below(10))                        // Arabic-Indic digits
        case 11: v = 0x1D400 + UInt32(r.below(0x300))                   // mathematical letters and digits
        case 12: v = 0x1F300 + UInt32(r.below(0x300))                   // emoji
        case 13: v = 0x2160 + UInt32(r.below(0x30))                     // Roman numerals, superscripts nearby
        case 14: v = 0x2070 + UInt32(r.below(0x30))
        default:
            var x = UInt32(r.below(0x110000))
            if (0xD800...0xDFFF).contains(x) { x = 0xFFFD }
            v = x
        }
        return Unicode.Scalar(v) ?? "\u{FFFD}"
    }

    // MARK: mutations

    func mutate(_ t: inout [Unicode.Scalar], _ r: inout Random) {
        let at = r.below(t.count + 1)
        switch r.below(12) {
        case 0: t.insert(contentsOf: soup(&r, count: 1 + r.below(8)), at: at)
        case 1:
            guard !t.isEmpty else { return }
            let a = r.below(t.count), b = min(t.count, a + 1 + r.below(200))
            t.removeSubrange(a..<b)
        case 2:
            guard !t.isEmpty else { return }
            let a = r.below(t.count), b = min(t.count, a + 1 + r.below(400))
            t.insert(contentsOf: t[a..<b], at: r.below(t.count + 1))
        case 3:
            let digits = r.chance(10) ? 30 + r.below(3_000) : 1 + r.below(40)
            t.insert(contentsOf: (0..<digits).map { _ in Unicode.Scalar(0x30 + UInt32(r.below(10)))! }, at: at)
        case 4: t.insert(contentsOf: slice(&r), at: at)
        case 5:
            guard !t.isEmpty else { return }
            let k = r.below(t.count)
            t[k] = hostile(&r)
        case 6:
            let marks: [[Unicode.Scalar]] = [["[", "1", "]"], ["/", "1", "2", "/"], ["(", "("], [")"], ["«"], ["»"],
                                             ["-"], [" ", "-", " "], ["."], ["\n", "\n"], ["\n"], ["–"], ["№"], ["%"],
                                             ["ж", "."], ["г", "."], ["\u{301}"], ["\u{200B}"]]
            t.insert(contentsOf: marks[r.below(marks.count)], at: at)
        case 7:
            // Case flips and Latin/Cyrillic look-alike swaps over a stretch.
            guard !t.isEmpty else { return }
            let a = r.below(t.count), b = min(t.count, a + 1 + r.below(60))
            for k in a..<b {
                let v = t[k].value
                if (0x61...0x7A).contains(v) || (0x430...0x44F).contains(v) { t[k] = Unicode.Scalar(v - 0x20)! }
                else if (0x41...0x5A).contains(v) || (0x410...0x42F).contains(v) { t[k] = Unicode.Scalar(v + 0x20)! }
            }
        case 8:
            // A number that looks like a date part but is out of every range.
            let numbers = ["0", "00", "32", "13", "99999", "2147483648", "9223372036854775807", "18446744073709551616",
                           "-1", "1e9", "0000", "9999", "1000", "2100", "2101", "999", "29.02.2023", "31.04.2019",
                           "00.00.0000", "99.99.9999", "2019-2018", "1990-2200", "XXXXXXXX", "MMMMMMMMM"]
            t.insert(contentsOf: Array(numbers[r.below(numbers.count)].unicodeScalars), at: at)
        case 9:
            // Drop the spaces of a stretch: words run together.
            guard !t.isEmpty else { return }
            let a = r.below(t.count), b = min(t.count, a + 1 + r.below(2_000))
            t.replaceSubrange(a..<b, with: t[a..<b].filter { $0 != " " })
        case 10:
            // Combining marks stacked on a letter.
            t.insert(contentsOf: (0..<(1 + r.below(50))).map { _ in Unicode.Scalar(0x300 + UInt32(r.below(0x70)))! }, at: at)
        default:
            guard t.count > 1 else { return }
            let a = r.below(t.count), b = r.below(t.count)
            t.swapAt(a, b)
        }
    }

    /// Our own short seeds (dates, numbers, brackets, names in the three languages): fuzzing starts from them when
    /// no corpus is at hand.
    public static let seeds: [String] = [
        "Қазақстан мен Өзбекстан 2019 жылы 17 қарашада келісімге қол қойды.",
        "1994 жылғы 29 наурызда Астанада ШЫҰ саммиті өтті [1, 18-19 б.]. Келесі жылы ол қайта жиналды.",
        "В 1990-х годах Россия и Китай создали ШОС; с 2001 г. по 2005 г. организация расширилась /12/.",
        "30 апреля 1994 г. президенты подписали договор (ЕАЭС). Через два года его ратифицировали.",
        "On June 15, 2001 Kazakhstan, Kyrgyzstan and Uzbekistan founded the SCO (Shanghai Cooperation Organisation).",
        "Тоқаев 2022-2023 жылдары ҰҚШҰ-ның (ОДКБ) отырысында сөйледі. XXI ғасырда 21-ші ғасыр басталды.",
        "Н.Ә. Назарбаев: «Еуразиялық экономикалық одақ – 2015 жылдан бастап жұмыс істейді».",
        "Мақала\n\nТүйін сөздер: интеграция, ЕАЭО\n\nКіріспе\n\n1\n\nӘдебиеттер\n1. Иванов И. С. 123–145 б., 2011.",
        "Kyrgyzstan's President Sadyr Japarov met Kazakhstan's President Kassym-Jomart Tokayev at the summit.",
        "Бишкекте 2021-жылдын 5-майында Кыргызстан менен Казакстан келишимге кол коюшту.",
        "В 2014–2020 гг. (с. 2011) 2018 млн тенге, № 1999, 23.00.04, 45%.",
    ]
}
