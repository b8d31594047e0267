import DalaLanguages
import DalaEntities
import DalaText

// Merge pass: repeated tellings of one event become one event with several mentions; stable ids.
extension EventDetector {
    // MARK: merging

    /// How many sentences apart an undated telling may be to join a dated one.
    static let mergeWindow = 3

    /// The same event told several times (same type, participants and modality; compatible dates) is one event.
    func merge(_ events: [Event], tellings: [Telling]) -> [Event] {
        var numbers = EntityNumbers()
        // Entity numbers of the actors (actor, counterpart) or the objects of an event.
        func ids(_ e: Event, actors: Bool) -> IDSet {
            var n: [Int] = []
            for p in e.participants {
                guard let id = p.entityID, actors ? (p.role == "actor" || p.role == "counterpart") : p.role == "object" else { continue }
                n.append(numbers.id(id))
            }
            return IDSet(n)
        }
        var out: [Event] = []
        // Participant sets of each kept event, updated when a telling joins it (not rebuilt for every pair).
        var outActors: [IDSet] = [], outObjects: [IDSet] = [], outDocuments: [Int] = []
        var index = EventMergeIndex(window: Self.mergeWindow, events: events.count)  // candidates only; the rules below decide
        // The first meeting event of each document and modality, for a meeting told again (`retoldMeeting`).
        var firstMeeting: [FirstMeetingKey: Int] = [:]
        for (i, e) in events.enumerated() {
            let actors = ids(e, actors: true), objects = ids(e, actors: false)
            // Who came to the meeting the story has told joins it, whoever they are (`EventDetector+Attendance.swift`).
            let k = Self.attendedMeeting(e, tellings[i], in: out, documents: outDocuments)
                ?? Self.retoldMeeting(e, tellings[i], in: out, first: firstMeeting[FirstMeetingKey(tellings[i].document, e.modality)])
                ?? Self.retoldAgreement(e, tellings[i], in: out, documents: outDocuments)
                ?? index.candidates(e.type, e.modality, date: numbers.date(e.date?.value), first: e.mentions.first?.sentenceIndex,
                                    actors: actors, objects: objects).first { c in
                guard out[c].type == e.type, out[c].modality == e.modality else { return false }  // fields, not a copy
                let d1 = out[c].date?.value, d2 = e.date?.value
                guard d1 == nil || d2 == nil || d1 == d2 else { return false }
                let oa = outActors[c], oo = outObjects[c]
                // An undated telling joins a nearby one; far away, only another undated telling of the same named
                // object (a dated founding of a shared name, the 1995 and 2010 customs unions, is not a later re-founding).
                if d1 == nil || d2 == nil {
                    let near = index.near(c, e.mentions[0].sentenceIndex)
                    let sameObject = d1 == nil && d2 == nil && !objects.isEmpty && objects == oo
                    guard near || sameObject else { return false }
                }
                if !objects.isEmpty && !oo.isEmpty && objects.isDisjoint(with: oo) { return false }
                // `… signed the Treaty on X. The document was signed by A, B and C.`: an undated telling in the next
                // sentence that names no object of its own retells the named treaty, whoever it names as parties.
                if d2 == nil, objects.isEmpty, !oo.isEmpty, index.follows(c, e.mentions[0].sentenceIndex) { return true }
                guard !actors.isEmpty, !oa.isEmpty else { return !objects.isEmpty && objects == oo && actors.isEmpty && oa.isEmpty }
                let shared = actors.intersectionCount(oa)
                return shared == actors.count || shared == oa.count || Double(shared) / Double(actors.count + oa.count - shared) >= 0.5
            }
            if let k {
                // In place: a copy of the event would copy its tellings at every merge (quadratic in long texts).
                out[k].mentions += e.mentions
                if out[k].date?.value == nil, e.date?.value != nil { out[k].date = e.date }
                var seen = Set(out[k].participants.lazy.map { RoleKey($0) })
                // One entity is one side: a party the event already has keeps its role, and a person joining takes the
                // role of the state they led when that state is already a party (`Бердымухамедов встретил гостя` retells
                // a visit to Turkmenistan: the host is its counterpart side, not a second actor).
                // (Built only when the telling brings a party the event lacks in that role: most retellings name the same.)
                var sideRole: [String: String]?
                for var p in e.participants {
                    if seen.contains(RoleKey(p)) { continue }
                    if let id = p.entityID, p.role == "actor" || p.role == "counterpart" {
                        if sideRole == nil {
                            var r: [String: String] = [:]
                            for q in out[k].participants where q.role == "actor" || q.role == "counterpart" {
                                if let qid = q.entityID, r[qid] == nil { r[qid] = q.role }
                            }
                            sideRole = r
                        }
                        let sideRole = sideRole!
                        if let r = sideRole[id] {
                            if r != p.role { continue }
                        } else if let st = stateOf(person: id, date: out[k].date), let r = sideRole[st.id] {
                            p.role = r
                        }
                    }
                    if seen.insert(RoleKey(p)).inserted { out[k].participants.append(p) }
                }
                out[k].confidence = min(0.99, max(out[k].confidence, e.confidence) + 0.05)
                if out[k].speaker == nil { out[k].speaker = e.speaker }
                outActors[k] = ids(out[k], actors: true); outObjects[k] = ids(out[k], actors: false)
                index.file(k, out[k].type, out[k].modality, date: numbers.date(out[k].date?.value), tellings: e.mentions,
                           actors: outActors[k], objects: outObjects[k])
                continue
            }
            index.file(out.count, e.type, e.modality, date: numbers.date(e.date?.value), tellings: e.mentions,
                       actors: actors, objects: objects)
            if e.type == .meeting, firstMeeting[FirstMeetingKey(tellings[i].document, e.modality)] == nil {
                firstMeeting[FirstMeetingKey(tellings[i].document, e.modality)] = out.count
            }
            out.append(e)
            outActors.append(actors); outObjects.append(objects); outDocuments.append(tellings[i].document)
        }
        // Two events that stayed apart can agree on every part of the key (type, actors, date, modality, first
        // sentence): the later one takes the next free id of a numbered key, so ids stay unique and stable.
        // The id hashes the key's parts as one string `type|ids|date|modality|sentence` (ids joined by `,`), fed to
        // FNV-1a piece by piece rather than built.
        var used = Set<UInt64>()
        used.reserveCapacity(out.count)
        for k in out.indices {
            var ids = out[k].participants.compactMap { $0.role != "place" ? $0.entityID : nil }
            ids.sort()
            var h = WordKey.offsetBasis
            func feed(_ s: String) { for b in s.utf8 { h = WordKey.mix(h, UInt64(b)) } }
            feed(out[k].type.rawValue); feed("|")
            var previous: String?
            for id in ids where id != previous {
                if previous != nil { feed(",") }
                feed(id)
                previous = id
            }
            feed("|"); feed(out[k].date?.value ?? ""); feed("|"); feed(out[k].modality.rawValue); feed("|")
            feed(String(out[k].mentions[0].sentenceIndex))
            let key = h
            var n = 1
            while !used.insert(h).inserted {
                n += 1
                h = key
                feed("|"); feed(String(n))
            }
            out[k].id = "ev-" + hex(h)
        }
        return out
    }
}

extension EventDetector {
    /// `… signed the Convention on X. The document, signed by A, B and C, …`: a signing that names its document by a word
    /// pointing back (`Telling.refersBack`) retells the last agreement of its document told before with the same
    /// modality and a compatible date, whoever it names as parties (issue 14: retold agreements).
    static func retoldAgreement(_ e: Event, _ t: Telling, in out: [Event], documents: [Int]) -> Int? {
        guard e.type == .agreement, t.refersBack else { return nil }
        for c in out.indices.reversed() where documents[c] == t.document && out[c].type == .agreement {
            guard out[c].modality == e.modality else { continue }
            let d1 = out[c].date?.value, d2 = e.date?.value
            if d1 == nil || d2 == nil || d1 == d2 { return c }
        }
        return nil
    }
}

/// A document and a modality: where the merge keeps the first meeting event told.
struct FirstMeetingKey: Hashable {
    var document: Int
    var modality: Modality
    init(_ document: Int, _ modality: Modality) { self.document = document; self.modality = modality }
}

func fnv1a(_ s: String) -> UInt64 { WordKey.fnv1a(s) }

func hex(_ v: UInt64) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
}
