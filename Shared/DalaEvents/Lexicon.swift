import DalaLanguages
import DalaText
import Foundation

/// Error of the events stage: a data file is missing or malformed.
public struct EventsError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let raw: String
        public static let resourceMissing = Code(raw: "resourceMissing")
        public static let resourceMalformed = Code(raw: "resourceMalformed")
        public var description: String { raw }
    }
    public var code: Code
    public var detail: String
    public var description: String { "DalaEvents \(code): \(detail)" }
}

/// The one case fold (`TextFold`), under the name the stage's code uses.
@inline(__always)
func foldScalar(_ v: UInt32) -> UInt32 { TextFold.scalar(v) }

func fold(_ s: String) -> String {
    // Most words are lower-case already: return them without building a new string.
    var changes = false
    for u in s.unicodeScalars where foldScalar(u.value) != u.value { changes = true; break }
    return changes ? fold(s[...]) : s
}

func fold(_ s: Substring) -> String {
    // Every folded scalar keeps its UTF-8 length (the mapped ranges are all below U+0800 and map within their
    // byte class), so the result is written byte by byte into a string of the same size.
    String(unsafeUninitializedCapacity: s.utf8.count) { buf in
        var i = 0
        for u in s.unicodeScalars {
            let v = foldScalar(u.value)
            if v < 0x80 {
                buf[i] = UInt8(v); i += 1
            } else if v < 0x800 && u.value < 0x800 {
                buf[i] = UInt8(0xC0 | (v >> 6)); buf[i + 1] = UInt8(0x80 | (v & 0x3F)); i += 2
            } else {
                for b in u.utf8 { buf[i] = b; i += 1 }
            }
        }
        return i
    }
}

/// Byte-wise prefix test (folded texts are NFC; UTF-8 matches only on scalar boundaries).
@inline(__always)
func utf8HasPrefix(_ s: String, _ p: String) -> Bool {
    let su = s.utf8, pu = p.utf8
    guard pu.count <= su.count else { return false }
    // Native strings lend their bytes: compare them in place (the generic comparison walks UTF-8 view indices).
    if let same = su.withContiguousStorageIfAvailable({ sb in pu.withContiguousStorageIfAvailable { bytesEqual(sb, 0, $0) } }),
       let same { return same }
    return su.prefix(pu.count).elementsEqual(pu)
}

/// Byte-wise suffix test.
@inline(__always)
func utf8HasSuffix(_ s: Substring, _ p: String) -> Bool {
    let su = s.utf8, pu = p.utf8
    guard pu.count <= su.count else { return false }
    if let same = su.withContiguousStorageIfAvailable({ sb in
        pu.withContiguousStorageIfAvailable { bytesEqual(sb, sb.count - $0.count, $0) }
    }), let same { return same }
    return su.suffix(pu.count).elementsEqual(pu)
}

/// Whether `s[at..<at + p.count]` holds the bytes of `p` (the caller checks the range).
@inline(__always)
func bytesEqual(_ s: UnsafeBufferPointer<UInt8>, _ at: Int, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
    var k = 0
    while k < p.count {
        if s[at + k] != p[k] { return false }
        k += 1
    }
    return true
}

/// One word of a data-file pattern: `stem*` matches by prefix, a bare word exactly.
struct Form: Hashable, Sendable {
    let text: String
    let prefix: Bool
    let isNumber: Bool          // `<n>`
    init(_ raw: String) {
        isNumber = raw == "<n>"
        if raw.hasSuffix("*") { text = fold(raw.dropLast()); prefix = true } else { text = fold(raw); prefix = false }
    }
    func matches(_ word: String) -> Bool { prefix ? word.hasPrefix(text) : word == text }
}

/// A scalar trie of forms: finds every exact and prefix form of one word in one pass.
struct FormIndex<Value: Sendable>: Sendable {
    private var edges = U64Map(capacity: 64)
    private var exact: [[Value]] = [[]]
    private var prefixes: [[Value]] = [[]]
    /// Per node: bit 0 set when it ends prefix forms, bit 1 when it ends exact ones. Most nodes of a walk end none:
    /// testing a byte costs nothing, while reading a node's value array retains and releases it.
    private var ends: [UInt8] = [0]

    mutating func add(_ form: Form, _ value: Value) {
        var node: Int32 = 0
        for u in form.text.unicodeScalars {
            let key = UInt64(node) << 21 | UInt64(u.value)
            if let next = edges.get(key) { node = next } else {
                let next = Int32(exact.count)
                exact.append([]); prefixes.append([]); ends.append(0)
                edges.set(key, next)
                node = next
            }
        }
        if form.prefix { prefixes[Int(node)].append(value); ends[Int(node)] |= 1 } else { exact[Int(node)].append(value); ends[Int(node)] |= 2 }
    }

    /// Whether some form starts with this scalar (a cheap test before walking a word).
    @inline(__always)
    func mayStart(_ head: UInt32) -> Bool { edges.get(UInt64(head)) != nil }

    /// Values of every form matching `word`, with the length (in scalars) of the matched form.
    func lookup(_ word: String) -> [(value: Value, length: Int)] {
        var out: [(Value, Int)] = []
        forEachMatch(word) { out.append(($0, $1)) }
        return out
    }

    /// `lookup` without building an array: shorter forms first, a node's prefix forms before its exact ones.
    @inline(__always)
    func forEachMatch(_ word: String, _ body: (Value, Int) -> Void) {
        var node: Int32 = 0
        var depth = 0
        for u in word.unicodeScalars {
            guard let next = edges.get(UInt64(node) << 21 | UInt64(u.value)) else { return }
            node = next
            depth += 1
            if ends[Int(node)] & 1 != 0 { for v in prefixes[Int(node)] { body(v, depth) } }
        }
        if ends[Int(node)] & 2 != 0 { for v in exact[Int(node)] { body(v, depth) } }
    }

    /// Whether any form matches `word`.
    func matchesAny(_ word: String) -> Bool {
        var node: Int32 = 0
        for u in word.unicodeScalars {
            guard let next = edges.get(UInt64(node) << 21 | UInt64(u.value)) else { return false }
            node = next
            if ends[Int(node)] & 1 != 0 { return true }
        }
        return ends[Int(node)] & 2 != 0
    }

    /// The first value of a form matching `word`, preferring the longest (as `lookup(word).max` by length).
    func best(_ word: String) -> Value? {
        var node: Int32 = 0
        var found: Value?
        for u in word.unicodeScalars {
            guard let next = edges.get(UInt64(node) << 21 | UInt64(u.value)) else { return found }
            node = next
            if ends[Int(node)] & 1 != 0, let v = prefixes[Int(node)].first { found = v }
        }
        if ends[Int(node)] & 1 == 0, ends[Int(node)] & 2 != 0, let v = exact[Int(node)].first { return v }
        return found
    }
}

extension FormIndex where Value == Bool {
    /// Whether the atom is a word this set lists (`best` match true; a cheap first-scalar test first).
    @inline(__always)
    func contains(_ atom: Atom) -> Bool { atom.kind == .word && mayStart(atom.head) && best(atom.text) == true }
}

/// A multiword pattern from a data file.
struct Pattern: Sendable {
    let forms: [Form]
    let language: Language
}

/// What a relative phrase's offset counts.
enum RelativeUnit: Sendable {
    /// `anniversary`: whole years from the publication's day, told to the day (`Twenty years ago today`, `Ровно тридцать
    /// лет назад`): offset suffix `a`.
    /// `monthOfYear`: the month numbered by the offset in the anchor's year (`the end of the year` = its December,
    /// `в начале года` = its January): offset suffix `M`.
    case year, month, week, day, weekday, anniversary, monthOfYear
    init?(suffix: Character) {
        switch suffix {
        case "a": self = .anniversary
        case "M": self = .monthOfYear
        case "m": self = .month
        case "w": self = .week
        case "d": self = .day
        default: return nil
        }
    }
}

/// Every data file of the stage, parsed once per process.
struct Lexicon: Sendable {
    enum UnitKind: String, Sendable { case year, years, century, decade, page, amount, ordinal, month, quarter, spring, summer, autumn, winter }
    enum CueKind: String, Sendable { case `in`, since, until, from, to, between, page, anaphor, clause, relative, article, future, past
        /// A word with a past ending that is no verb (`канал`, `потенциала`, `недели`).
        case notPast = "not-past" }
    struct Relative: Sendable {
        let pattern: Pattern; let documentAnchored: Bool; let offset: Int; let timesN: Bool
        /// What the offset counts (`offset` column suffix `m`, `w`, `d`; anchor `weekday`: offset = ISO weekday 1…7).
        var unit: RelativeUnit = .year
        /// `в этот период`: takes the whole value of the time before it (a range or decade included).
        let period: Bool
        /// Anchor `near`: a year named in the last sentences when there is one, else the publication year.
        var near = false
    }
    /// Where a founding trigger's object (the thing founded) must stand, in words (`triggers.tsv`, column `object`).
    struct ObjectWindow: Sendable { let before: Int; let after: Int; let beforeNeedsAuxiliary: Bool }
    struct Trigger: Sendable {
        let pattern: Pattern; let type: EventType; let weight: Double; let object: ObjectWindow?
        /// Characters of all its forms: the longer of two matches wins.
        let length: Int
        init(pattern: Pattern, type: EventType, weight: Double, object: ObjectWindow?) {
            self.pattern = pattern; self.type = type; self.weight = weight; self.object = object
            length = pattern.forms.reduce(0) { $0 + $1.text.count }
        }
    }
    /// A word of `founding_objects.tsv`.
    enum FoundingWord: Sendable { case head, block, skip, auxiliary, stop, pronoun, relative }
    struct ModalityCue: Sendable {
        enum Place: String, Sendable {
            case before, after, clause, sentence, suffix, joint, anywhere, auxiliary, trigger, series
            /// A Kazakh affix that tells the future only beside a date (the aorist: `30 қарашада күшіне енеді`).
            case datedFuture = "dated-future"
        }
        let pattern: Pattern; let modality: Modality; let place: Place
    }
    struct Codes: Sendable { let cameo: String; let plover: String }

    var months = FormIndex<Int>()
    var units = FormIndex<UnitKind>()
    var cues = FormIndex<CueKind>()
    var numbers = FormIndex<Int>()
    /// Ordinal words (`numbers.tsv` values ending in `.`: `third	3.`), for quarters (`third quarter`, `үшінші тоқсан`).
    var ordinals = FormIndex<Int>()
    /// Time cues of postposition (verb-final) languages: only these count after a time (`2001 жылдан бастап`); a
    /// preposition after a time belongs to the next phrase (`5 октября 1992 года с трибуны` is no "since").
    var postCues = FormIndex<CueKind>()
    /// Abbreviated year and century words (`time_units.tsv` third column `abbreviation`, ru `гг`, `вв`, `в`): a round
    /// year before one is no decade (`1990 гг.`), an Arabic number before one no century (`21 в`).
    var unitAbbreviations: Set<String> = []
    /// Those that are also a preposition (`abbreviation-preposition`, ru `в`): after a Roman numeral a century only with
    /// their period (`XX в.`).
    var prepositionAbbreviations: Set<String> = []
    /// Page abbreviations (`time_cues.tsv` kind `page-abbreviation`: `с`, `б`, `p`, `pp`, `стр`, `бет`): with their
    /// period before a number, the number is a page, not a year (`с. 2011`).
    var pageAbbreviations: Set<String> = []
    /// The end of a year (`time_units.tsv` kind `year-end`, kk `жылдың соң*`): the year word right after a year and
    /// the word after it (`2025 жылдың соңына дейін`: December).
    var yearEnds: [Pattern] = []
    /// The locative and ablative case endings of the suffix-chain languages (`suffixes.tsv` functions `case.locative`,
    /// `case.ablative`): a month in the locative is a time by itself (`желтоқсанда`), a time in the ablative opens a
    /// range (`2019 жылдан 2023 жылға дейін`).
    var locativeEndings: [String] = []
    var ablativeEndings: [String] = []
    /// The Cyrillic letters a Roman numeral may be written with, folded, with the folded Latin letter each stands for
    /// (DalaText `homoglyphs.txt`, section `roman`: `х` → `x`, `і` → `i`).
    var romanLookalikes: [(cyrillic: Unicode.Scalar, latin: Unicode.Scalar)] = []
    /// Month forms that are also a name (`months.tsv` third column `also-a-name`: kk `қазан`, also the city Kazan):
    /// never a time by themselves in the locative.
    var monthsAlsoNames = FormIndex<Int>()
    var relatives: [Relative] = []
    var relativeIndex = FormIndex<Int>()          // first form → relatives index
    var numberFirstRelatives: [Int] = []          // patterns starting with `<n>`
    /// Patterns starting with `<n>` by their second form (the count is read once, then only these are tried), and
    /// those without a second word form.
    var numberSecondIndex = FormIndex<Int>()
    var numberFirstOthers: [Int] = []
    var triggers: [Trigger] = []
    var triggerIndex = FormIndex<Int>()
    /// Sense rows of `triggers.tsv` (type column `from>to`): a `from` trigger with this word among its arguments (within
    /// `window` words) tells a `to` event (`troops … withdrawn` is military, not leaving an organisation); `to` may be
    /// `none` (no event).
    struct Sense: Sendable { let from: EventType; let to: EventType?; let window: Int }
    var senses: [Sense] = []
    var senseIndex = FormIndex<Int>()
    var modalityCues: [ModalityCue] = []
    var modalityIndex = FormIndex<Int>()
    var kazakhSuffixCues: [(suffix: String, modality: Modality, scalars: Int)] = []
    /// Affixes that put a date beside them in the future: the planned suffix cues and `modality.tsv` place
    /// `dated-future` (the aorist, future only beside a date).
    var futureSuffixes: [(suffix: String, scalars: Int)] = []
    /// Endings of past verb forms (`time_cues.tsv` kind `past-suffix`: ru `-ла`, `-вший`, kk `-ған`), by language: a
    /// lower-case word with one of them, its stem at least three letters, tells the past beside a yearless date.
    var pastSuffixes: [Language: [(suffix: String, scalars: Int)]] = [:]
    /// Auxiliary verbs (`modality.tsv` place `auxiliary`: kk `бол-`) that carry a conditional suffix for the word before
    /// them (`келіссе болады`… `өтетін болса`): a `hypothetical` suffix on such a word after the trigger counts.
    var conditionalAuxiliaries: [String] = []
    /// Words that make a `clause` cue right after them the predicate of another verb (`подписали соглашение и отменили`).
    var modalityJoints: Set<String> = []
    var rolePatterns: [Pattern] = []
    var roleIndex = FormIndex<Int>()
    /// `roles.tsv` kind `follow`: a state doing what the story just told of another (`followed`, `последовала примеру`).
    var followPatterns: [Pattern] = []
    var followIndex = FormIndex<Int>()
    /// `roles.tsv` kind `commentator`: words for people who comment on the news (`analysts`, `эксперты`, `сарапшылар`).
    var commentators = FormIndex<Bool>()
    /// `roles.tsv` kinds `place-before` and `place-after`: words that keep a capital named bare beside them a place
    /// (`outside Bishkek`, `Astana summit`, `Алматы облысы`), not its state.
    var capitalPlaceBefore = FormIndex<Bool>()
    var capitalPlaceAfter = FormIndex<Bool>()
    /// `roles.tsv` kind `agent`: nouns for a state's agents (`тарапы`, `үкіметі`, `шекарашылары`); a people's adjective
    /// before one names the people's state.
    var stateAgents = FormIndex<Bool>()
    /// `roles.tsv` kind `object-verb`: verbs whose direct object is the one acted on (`urged Kazakhstan`, `призвал Киргизию`).
    var objectVerbs = FormIndex<Bool>()
    /// Words joining a role phrase to the party it stands for, after an object verb (`hosted the leaders of Kazakhstan`;
    /// `roles.tsv` kind `object-link`).
    var objectLinks = FormIndex<Bool>()
    var kazakhCaseEndings: [(suffix: String, role: String)] = []
    var prepositionRoles: [String: String] = [:]
    /// Words joining two names (`case_suffixes.tsv` role `and`): the names share a role.
    var coordinators: Set<String> = []
    /// Words between a preposition and the name it governs (`case_suffixes.tsv` role `skip`: `with the SCO`).
    var transparentWords: Set<String> = []
    /// Words right after a meeting word that make it the setting of another event (`case_suffixes.tsv` role
    /// `setting-after`: `саммит аясында`, `кездесу барысында`, `кездесу қорытындысы бойынша`).
    var settingFollowers: Set<String> = []
    /// Words of taking part in a meeting (`case_suffixes.tsv` role `attend`: `attended`, `приняли участие`, `қатысты`).
    var attendPatterns: [Pattern] = []
    var attendIndex = FormIndex<Int>()
    var codes: [EventType: Codes] = [:]
    /// `party_regions.tsv`: regions that stand for a group of states and can be a party.
    var partyRegions: Set<String> = []
    var stopwords = U64Set()
    /// `topic_heads.tsv`: document words and the topic markers after (ru/en) or before (kk) them.
    var topicHeads = FormIndex<Language>()
    /// Longer forms that a topic head's pattern would take in but are no document word (`!договорил*` under `договор*`).
    var topicHeadBlocks = FormIndex<Bool>()
    var topicMarkers = FormIndex<Language>()
    var topicFillers = FormIndex<Language>()          // `KeywordExtractor.wordKey` of folded stopwords
    /// `founding_objects.tsv`: head nouns of things that can be founded, and the words a window passes over or stops at.
    var foundingWords = FormIndex<FoundingWord>()
    /// `dated_documents.tsv`: treaty words with the weight of the agreement a date next to them tells (0 blocks).
    var datedDocumentHeads = FormIndex<Double>()
    var datedDocumentLinks: Set<String> = []
    /// `dated_documents.tsv`, kind `act`: verbs of making, adopting or weighing a document (`жаса-`, `принять`,
    /// `рассмотреть`): a treaty noun beside one is the object of that act, not a document merely referred to.
    var documentActs = FormIndex<Double>()
    /// `dated_documents.tsv`, kind `anaphor`: a word for a document told before (`document`, `документ`, `құжат`).
    var documentAnaphors = FormIndex<Bool>()
    /// `dated_documents.tsv`, kind `domestic`: a state's own legal act (`decree`, `указ`, `жарлық`, `amendments`).
    var domesticActs = FormIndex<Bool>()
    /// Languages that also write a dated document's time before its head (`dated_documents.tsv`, `order time-head`).
    var timeBeforeHead: Set<Language> = []
    /// Languages whose verb comes last (`languages.tsv`): the trigger follows its topic, the statement its content.
    var verbFinal = SmallSet<Language>()     // a few languages: a scan beats hashing
    /// The registered analysis languages by registry position (keyword keys keep languages apart with it).
    var analysed: [Language: Int] = [:]

    static let shared: Result<Lexicon, EventsError> = {
        do {
            let registry = try LanguageRegistry.shared.get()
            return .success(try Lexicon(registry: registry, loader: bundleFile))
        } catch let e as EventsError { return .failure(e) } catch let e as DataFileError {
            return .failure(EventsError(code: .resourceMalformed, detail: e.description))
        } catch {
            return .failure(EventsError(code: .resourceMissing, detail: "\(error)"))
        }
    }()

    static func bundleFile(_ name: String) throws -> String {
        let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        guard let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: base, withExtension: ext) else {
            throw EventsError(code: .resourceMissing, detail: name)
        }
        do { return try DataFile.read(url, name: name) } catch {
            throw EventsError(code: .resourceMissing, detail: error.description)
        }
    }

    static func language(_ s: String, file: String) throws -> Language {
        guard let l = Language(rawValue: s) else { throw EventsError(code: .resourceMalformed, detail: "\(file): language \(s)") }
        return l
    }

    /// The language of a row of a per-language table (its first field, the folder's code).
    static func language(_ r: DataRow) throws -> Language {
        guard let l = Language(rawValue: r[0]) else { throw r.error("language \(r[0]) has no analysis support") }
        return l
    }

    static func pattern(_ s: String, _ lang: Language) -> Pattern {
        Pattern(forms: s.split(separator: " ").map { Form(String($0)) }, language: lang)
    }

    /// Per-language tables from the registry's language folders; `loader(file)`: a language-independent file of this module.
    init(registry: LanguageRegistry, loader: (String) throws -> String) throws {
        func languages(_ table: String, _ columns: Int) throws -> [DataRow] { try registry.table(table, columns: columns) }
        for (k, p) in registry.profiles.enumerated() {
            guard let l = Language(rawValue: p.code) else { throw DataFileError(file: "languages.tsv", reason: "\(p.code) has no Language case") }
            analysed[l] = k
            if p.wordOrder == .sov { verbFinal.insert(l) }
        }
        for r in try languages("months.tsv", 3) {
            guard let m = Int(r[2]), (1...12).contains(m) else {
                throw r.error("\(r.fields)")
            }
            months.add(Form(r[1]), m)
            if r.count > 3, !r[3].isEmpty {
                guard r[3] == "also-a-name" else { throw r.error("unknown mark \(r[3])") }
                monthsAlsoNames.add(Form(r[1]), m)
            }
        }
        for r in try languages("time_units.tsv", 3) {
            if r[2] == "year-end" {
                let p = Self.pattern(r[1], try Self.language(r))
                guard p.forms.count == 2 else { throw r.error("year-end: the year word and the end word, \(r.fields)") }
                yearEnds.append(p)
                continue
            }
            guard let k = UnitKind(rawValue: r[2]) else { throw r.error("\(r.fields)") }
            units.add(Form(r[1]), k)
            if r.count > 3, !r[3].isEmpty {
                switch r[3] {
                case "abbreviation": unitAbbreviations.insert(fold(r[1]))
                case "abbreviation-preposition": unitAbbreviations.insert(fold(r[1])); prepositionAbbreviations.insert(fold(r[1]))
                default: throw r.error("written \(r[3])")
                }
            }
        }
        for r in try languages("time_cues.tsv", 3) {
            if r[2] == "page-abbreviation" { pageAbbreviations.insert(fold(r[1])); continue }
            if r[2] == "past-suffix" {
                pastSuffixes[try Self.language(r), default: []].append((fold(r[1]), fold(r[1]).unicodeScalars.count)); continue
            }
            guard let k = CueKind(rawValue: r[2]) else { throw r.error("\(r.fields)") }
            cues.add(Form(r[1]), k)
            if registry.profile(r[0])?.wordOrder == .sov { postCues.add(Form(r[1]), k) }
        }
        for r in try languages("numbers.tsv", 3) {
            if r[2].hasSuffix("."), let v = Int(r[2].dropLast()) { ordinals.add(Form(r[1]), v); continue }
            guard let v = Int(r[2]) else { throw r.error("\(r.fields)") }
            numbers.add(Form(r[1]), v)
        }
        for r in try languages("relative_times.tsv", 4) {
            let lang = try Self.language(r)
            var off = Substring(r[3])
            var unit = RelativeUnit.year
            if let last = off.last, let u = RelativeUnit(suffix: last) { unit = u; off = off.dropLast() }
            let timesN = off.hasSuffix("n")
            let sign = off.hasPrefix("-") ? -1 : 1
            let magnitude = timesN ? 1 : Int(off.trimmingCharacters(in: CharacterSet(charactersIn: "+-"))) ?? 0
            if r[2] == "weekday" {
                guard (1...7).contains(magnitude), !timesN else { throw r.error("\(r.fields)") }
                unit = .weekday
            }
            guard r[2] == "context" || r[2] == "document" || r[2] == "weekday" || (r[2] == "near" && unit == .year)
                    || (r[2] == "period" && magnitude == 0 && !timesN) else {
                throw r.error("\(r.fields)")
            }
            guard unit == .year || unit == .day || unit == .month || unit == .monthOfYear || r[2] != "context" else {
                throw r.error("\(r.fields): week offsets count from the document date")
            }
            guard unit != .monthOfYear || (1...12).contains(magnitude) && sign == 1 && !timesN else { throw r.error("\(r.fields): month 1…12") }
            let p = Self.pattern(r[1], lang)
            relatives.append(Relative(pattern: p, documentAnchored: r[2] == "document" || r[2] == "weekday" || r[2] == "near",
                                      offset: sign * magnitude, timesN: timesN, unit: unit, period: r[2] == "period", near: r[2] == "near"))
        }
        for r in try languages("triggers.tsv", 4) {
            let lang = try Self.language(r)
            if r[2].contains(">") {
                let sides = r[2].split(separator: ">").map(String.init)
                guard sides.count == 2, let from = EventType(rawValue: sides[0]), sides[1] == "none" || EventType(rawValue: sides[1]) != nil,
                      let window = Int(r[3]), window > 0 else { throw r.error("sense \(r.fields)") }
                _ = lang
                senseIndex.add(Form(r[1]), senses.count)
                senses.append(Sense(from: from, to: EventType(rawValue: sides[1]), window: window))
                continue
            }
            guard let t = EventType(rawValue: r[2]), let w = Double(r[3]) else {
                throw r.error("\(r.fields)")
            }
            var text = r[1]
            var weight = w
            if text.hasPrefix("!") { text.removeFirst(); weight = 0 }
            var object: ObjectWindow?
            if r.count > 4, !r[4].isEmpty {
                let sides = r[4].split(separator: ":")
                let before = sides.first.map { $0.hasSuffix("p") ? $0.dropLast() : $0 }
                guard sides.count == 2, let b = before.flatMap({ Int($0) }), let a = Int(sides[1]) else {
                    throw r.error("object window \(r.fields)")
                }
                object = ObjectWindow(before: b, after: a, beforeNeedsAuxiliary: sides[0].hasSuffix("p"))
            }
            triggers.append(Trigger(pattern: Self.pattern(text, lang), type: t, weight: weight, object: object))
        }
        for r in try languages("modality.tsv", 4) {
            let lang = try Self.language(r)
            guard let m = Modality(rawValue: r[2]), let place = ModalityCue.Place(rawValue: r[3]) else {
                throw r.error("\(r.fields)")
            }
            if place == .suffix || place == .datedFuture, m == .planned { futureSuffixes.append((fold(r[1]), fold(r[1]).unicodeScalars.count)) }
            if place == .suffix { kazakhSuffixCues.append((fold(r[1]), m, fold(r[1]).unicodeScalars.count)); continue }
            if place == .joint { modalityJoints.insert(fold(r[1])); continue }
            if place == .datedFuture { continue }
            if place == .auxiliary { conditionalAuxiliaries.append(fold(r[1])); continue }
            modalityCues.append(ModalityCue(pattern: Self.pattern(r[1], lang), modality: m, place: place))
        }
        for r in try languages("roles.tsv", 2) {
            // Kind `commentator` (`analysts`, `эксперты`, `сарапшылар`): people who comment on events, not parties to them.
            if r.count > 2, r[2] == "commentator" { _ = try Self.language(r); commentators.add(Form(r[1]), true); continue }
            if r.count > 2, r[2] == "place-before" { _ = try Self.language(r); capitalPlaceBefore.add(Form(r[1]), true); continue }
            if r.count > 2, r[2] == "place-after" { _ = try Self.language(r); capitalPlaceAfter.add(Form(r[1]), true); continue }
            if r.count > 2, r[2] == "agent" { _ = try Self.language(r); stateAgents.add(Form(r[1]), true); continue }
            if r.count > 2, r[2] == "object-verb" { _ = try Self.language(r); objectVerbs.add(Form(r[1]), true); continue }
            if r.count > 2, r[2] == "object-link" { _ = try Self.language(r); objectLinks.add(Form(r[1]), true); continue }
            if r.count > 2, r[2] == "follow" { followPatterns.append(Self.pattern(r[1], try Self.language(r))); continue }
            rolePatterns.append(Self.pattern(r[1], try Self.language(r)))
        }
        for r in try languages("case_suffixes.tsv", 3) {
            // Words joining two names (`and`, `и`, `мен`) and words passed over before a name (`the`), in every language.
            if r[2] == "and" { coordinators.insert(fold(r[1])); continue }
            if r[2] == "skip" { transparentWords.insert(fold(r[1])); continue }
            // Postpositions after a meeting word that make it the scene of another event (`саммит аясында`).
            if r[2] == "setting-after" { settingFollowers.insert(fold(r[1])); continue }
            // Taking part in a meeting (`took part`, `қатысты`): the telling joins the meeting already told.
            if r[2] == "attend" { attendPatterns.append(Self.pattern(r[1], try Self.language(r))); continue }
            // Suffix-chain languages mark roles with case endings on the entity; the others with a word before it.
            if registry.profile(r[0])?.morphology == .suffixChain { kazakhCaseEndings.append((fold(r[1]), r[2])) } else { prepositionRoles[fold(r[1])] = r[2] }
        }
        for p in registry.profiles where p.morphology == .suffixChain {
            // The roles of a suffix-chain language's endings are a column of its one suffix table.
            guard case .suffixChain(let t) = try registry.morphology(p.code) else { continue }
            for s in t.suffixes {
                if let role = s.role { kazakhCaseEndings.append((fold(s.form), role)) }
                let form = fold(s.form)
                if s.function == "case.locative", !locativeEndings.contains(form) { locativeEndings.append(form) }
                if s.function == "case.ablative", !ablativeEndings.contains(form) { ablativeEndings.append(form) }
            }
        }
        for (c, l) in try RomanLookalikes.pairs() {
            guard let fc = Unicode.Scalar(foldScalar(c.value)), let fl = Unicode.Scalar(foldScalar(l.value)) else { continue }
            romanLookalikes.append((fc, fl))
        }
        kazakhCaseEndings.sort { $0.suffix.count > $1.suffix.count }
        for r in try DataFile.rows(loader("event_types.tsv"), file: "event_types.tsv", columns: 3) {
            guard let t = EventType(rawValue: r[0]) else { throw r.error("\(r.fields)") }
            codes[t] = Codes(cameo: r[1], plover: r[2])
        }
        for r in try DataFile.rows(loader("party_regions.tsv"), file: "party_regions.tsv", columns: 1) { partyRegions.insert(r[0]) }
        guard codes.count == EventType.allCases.count else {
            throw EventsError(code: .resourceMalformed, detail: "event_types.tsv: every event type needs codes")
        }
        for r in try languages("stopwords.tsv", 2) { stopwords.insert(KeywordExtractor.wordKey(fold(r[1]))) }

        for r in try languages("topic_heads.tsv", 3) {
            let lang = try Self.language(r)
            switch r[1] {
            case "head" where r[2].hasPrefix("!"): topicHeadBlocks.add(Form(String(r[2].dropFirst())), true)
            case "head": topicHeads.add(Form(r[2]), lang)
            case "marker": topicMarkers.add(Form(r[2]), lang)
            case "filler": topicFillers.add(Form(r[2]), lang)
            default: throw r.error("\(r.fields)")
            }
        }

        for r in try languages("founding_objects.tsv", 3) {
            _ = try Self.language(r)
            let blocked = r[2].hasPrefix("!")
            let form = Form(blocked ? String(r[2].dropFirst()) : r[2])
            switch r[1] {
            case "head": foundingWords.add(form, blocked ? .block : .head)
            case "skip": foundingWords.add(form, .skip)
            case "aux": foundingWords.add(form, .auxiliary)
            case "stop": foundingWords.add(form, .stop)
            case "pronoun": foundingWords.add(form, .pronoun)
            case "relative": foundingWords.add(form, .relative)
            default: throw r.error("\(r.fields)")
            }
        }
        for r in try languages("dated_documents.tsv", 3) {
            _ = try Self.language(r)
            switch r[1] {
            case "head":
                let blocked = r[2].hasPrefix("!")
                guard blocked || (r.count > 3 && Double(r[3]) != nil) else {
                    throw r.error("weight \(r.fields)")
                }
                datedDocumentHeads.add(Form(blocked ? String(r[2].dropFirst()) : r[2]), blocked ? 0 : Double(r[3])!)
            case "link": datedDocumentLinks.insert(fold(r[2]))
            case "act": documentActs.add(Form(r[2]), 1)
            case "anaphor": documentAnaphors.add(Form(r[2]), true)
            case "domestic": domesticActs.add(Form(r[2]), true)
            case "order" where r[2] == "time-head": timeBeforeHead.insert(try Self.language(r))
            default: throw r.error("\(r.fields)")
            }
        }

        for (i, r) in relatives.enumerated() {
            guard let f = r.pattern.forms.first else { continue }
            if f.isNumber {
                numberFirstRelatives.append(i)
                if r.pattern.forms.count > 1, !r.pattern.forms[1].isNumber {
                    numberSecondIndex.add(r.pattern.forms[1], i)
                } else {
                    numberFirstOthers.append(i)
                }
            } else {
                relativeIndex.add(f, i)
            }
        }
        for (i, t) in triggers.enumerated() { if let f = t.pattern.forms.first { triggerIndex.add(f, i) } }
        for (i, m) in modalityCues.enumerated() { if let f = m.pattern.forms.first { modalityIndex.add(f, i) } }
        for (i, p) in rolePatterns.enumerated() { if let f = p.forms.first { roleIndex.add(f, i) } }
        for (i, p) in followPatterns.enumerated() { if let f = p.forms.first { followIndex.add(f, i) } }
        for (i, p) in attendPatterns.enumerated() { if let f = p.forms.first { attendIndex.add(f, i) } }
    }
}
