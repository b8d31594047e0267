import DalaEntities
import DalaText

// Output types of the third text-analysis stage: time expressions, events with evidence, keywords.
// Every span is a Unicode scalar offset range into the ORIGINAL text, half-open, as in DalaText.

/// A date, period or relative time expression found in the text, normalised.
///
/// `value` follows ISO 8601 / EDTF level 1:
/// - day `1994-03-29`, month `2008-05`, year `1997`;
/// - decade `199X` (the 1990s), century `19XX` (the XX century; `start`/`end` use the strict
///   definition 1901-01-01 … 2000-12-31);
/// - range `2014/2020`, `2019-10/2023-04`; open ranges `2002/..` (since 2002) and `../2013` (until 2013);
/// - `nil` when a relative expression could not be resolved (`precision == .unresolved`).
/// `start`/`end` are ISO dates bounding the value (inclusive), `nil` on an open side.
public struct TimeExpression: Codable, Sendable, Hashable {
    public enum Precision: String, Codable, Sendable { case day, month, year, decade, century, range, unresolved }
    public var span: Span
    public var surface: String
    public var sentenceIndex: Int
    public var value: String?
    public var start: String?
    public var end: String?
    public var precision: Precision
    /// True when the value comes from context (`того же года`, `бір жылдан кейін`) or stayed unresolved.
    public var relative: Bool
    public init(span: Span, surface: String, sentenceIndex: Int, value: String?, start: String?, end: String?,
                precision: Precision, relative: Bool) {
        self.span = span; self.surface = surface; self.sentenceIndex = sentenceIndex; self.value = value
        self.start = start; self.end = end; self.precision = precision; self.relative = relative
    }
}

/// Event type of the Dala ontology; each maps to CAMEO and PLOVER codes (`Resources/event_types.tsv`).
public enum EventType: String, Codable, Sendable, CaseIterable {
    case meeting, agreement, founding, membership, withdrawal, proposal, statement, cooperation, dispute, military
}

/// How the text presents an event.
public enum Modality: String, Codable, Sendable {
    case asserted, negated, proposed, planned, hypothetical, recommended, reported
}

/// A participant of an event: a canonical entity (`entityID`) or an unresolved role phrase (`тараптар`).
public struct EventParticipant: Codable, Sendable, Hashable {
    /// `actor`, `counterpart`, `place` or `speaker`.
    public var role: String
    public var entityID: String?
    public var surface: String
    public var span: Span?
    public init(role: String, entityID: String?, surface: String, span: Span?) {
        self.role = role; self.entityID = entityID; self.surface = surface; self.span = span
    }
}

/// One telling of an event: the evidence sentence and its trigger.
public struct EventMention: Codable, Sendable, Hashable {
    public var sentenceIndex: Int
    /// The evidence sentence's span in the original text.
    public var span: Span
    public var evidence: String
    public var trigger: String
    public var triggerSpan: Span
    public var confidence: Double
    public init(sentenceIndex: Int, span: Span, evidence: String, trigger: String, triggerSpan: Span, confidence: Double) {
        self.sentenceIndex = sentenceIndex; self.span = span; self.evidence = evidence; self.trigger = trigger
        self.triggerSpan = triggerSpan; self.confidence = confidence
    }
}

/// A typed, dated relation between entities; the same event told several times is one event with several mentions.
public struct Event: Codable, Sendable {
    /// Stable within the document: a hash of type, participants and date.
    public var id: String
    public var type: EventType
    public var cameo: String
    public var plover: String
    public var participants: [EventParticipant]
    public var date: TimeExpression?
    public var modality: Modality
    /// Entity id of the speaker for reported speech and statements.
    public var speaker: String?
    public var mentions: [EventMention]
    public var confidence: Double
    public var language: Language
    public init(id: String, type: EventType, cameo: String, plover: String, participants: [EventParticipant],
                date: TimeExpression?, modality: Modality, speaker: String?, mentions: [EventMention],
                confidence: Double, language: Language) {
        self.id = id; self.type = type; self.cameo = cameo; self.plover = plover; self.participants = participants
        self.date = date; self.modality = modality; self.speaker = speaker; self.mentions = mentions
        self.confidence = confidence; self.language = language
    }
}

/// A keyword of the document: from the author's list (`source == "author"`) or computed from the text.
public struct Keyword: Codable, Sendable, Hashable {
    public var text: String
    public var language: Language
    /// `author` or `computed`.
    public var source: String
    public var score: Double
    public init(text: String, language: Language, source: String, score: Double) {
        self.text = text; self.language = language; self.source = source; self.score = score
    }
}

/// Result of the third stage over one text.
public struct EventAnalysis: Codable, Sendable {
    public var times: [TimeExpression]
    public var events: [Event]
    public var keywords: [Keyword]
    public init(times: [TimeExpression], events: [Event], keywords: [Keyword]) {
        self.times = times; self.events = events; self.keywords = keywords
    }
}
