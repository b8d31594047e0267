#!/usr/bin/env python3
"""Missed and false events of `dala analyze` on an evaluation set, grouped by error class and language.

    python3 scripts/event-errors.py .build/release/dala [--set DIR] [--lang kk] [--show CLASS] [--cache DIR]

Uses score.py's own matching (imported from the set's folder, never edited) so the classes add up to its
figures. A missed gold event is put in the first class that explains it:
  no-trigger      no system event of any type touches its sentence
  wrong-type      events touch the sentence, none of its type
  no-participant  right type and sentence, no participant key in common
  wrong-date      right type, sentence and a participant, but the date interval does not meet the gold one
  taken           a matching system event exists but went to another gold event (one-to-one)
Dyads: of the gold events annotated with an actor and a target (held-out set: `src/dyads.py`), "dyad gold" counts
them, "dyad found" those matched to a system event (dates ignored: a dyad is about who did what to whom), and "dyad
right" those whose system event has a gold actor in the `actor` role and a gold target in the `counterpart` role,
with no gold target among its actors and no gold actor among its counterparts (a network edge the wrong way round,
or from the target to itself, is wrong); for `mutual` gold events either direction counts. The summary line gives
dyad right / dyad gold (the issue's figure: dyads right on the events that have both in the text) and right / found.
False events are grouped by type, and matched events with the wrong modality by (gold -> system).
Not part of the runtime: a development aid only.
"""
import argparse
import collections
import os
import sys

ap = argparse.ArgumentParser()
ap.add_argument("dala")
ap.add_argument("--set", default="/work/shared/eval")
ap.add_argument("--lang", default="kk,ru,en")
ap.add_argument("--show", default="", help="print the items of these classes (comma-separated, or 'all')")
ap.add_argument("--cache", default="", help="keep/reuse dala outputs in this folder")
args = ap.parse_args()

sys.dont_write_bytecode = True
sys.path.insert(0, "/work/shared/eval")
import score  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evalrun  # noqa: E402

langs = args.lang.split(",")
passages = [p for p in score.load_jsonl(os.path.join(args.set, "passages.jsonl")) if p["lang"] in langs]
linker = score.Linker(score.load_jsonl(os.path.join(args.set, "registry.jsonl")))


docs = evalrun.analyses(score, args.dala, passages, args.cache)

classes = collections.defaultdict(list)
counts = collections.defaultdict(collections.Counter)
for p, doc in zip(passages, docs):
    text, lang = p["text"], p["lang"]
    records = {str(score.get(e, "id")): e for e in score.section(doc, "entities", "entities")}

    def key(eid, surface):
        return linker.key_of(records.get(eid) or {"id": eid, "aliases": [surface] if surface else []})

    gev = []
    for ev in p.get("events") or []:
        pos = text.find(ev.get("evidence") or "\0")
        if pos >= 0:
            gev.append({"ev": ev, "sent": score.sentence(text, pos, pos + len(ev["evidence"])),
                        "keys": set(ev.get("participants") or []), "iv": score.interval(ev.get("date"))})
    sev = []
    for e in score.section(doc, "events", "events"):
        spans = [(score.span(m), m.get("evidence", "")) for m in e.get("mentions") or [] if score.span(m)]
        keys = {key(str(x.get("entityID")), x.get("surface")) for x in e.get("participants", []) if x.get("entityID")}
        keys.discard(None)
        sev.append({"e": e, "type": e.get("type"), "spans": spans, "keys": keys,
                    "iv": score.sys_interval(e.get("date")), "mod": e.get("modality")})

    def touches(s, g):
        return any(score.overlap(sp, g["sent"]) > 0 for sp, _ in s["spans"])

    def pair(g, s, use_date=True):
        if s["type"] != g["ev"]["type"] or not touches(s, g):
            return 0
        if use_date and g["iv"] is not None and (s["iv"] is None or not score.meets(g["iv"], s["iv"])):
            return 0
        return len(g["keys"] & s["keys"])

    matched = score.greedy([(pair(g, s), gi, si) for gi, g in enumerate(gev) for si, s in enumerate(sev) if pair(g, s) > 0])

    def sdesc(s):
        d = s["e"].get("date") or {}
        parts = ",".join(f"{x['role']}:{x.get('entityID') or x['surface']}" for x in s["e"]["participants"])
        return f"{s['type']}/{s['mod']} [{parts}] date={d.get('value')} trig={s['e']['mentions'][0]['trigger']!r}"

    # Dyads, on a matching that ignores dates.
    undated = score.greedy([(pair(g, s, False), gi, si) for gi, g in enumerate(gev) for si, s in enumerate(sev)
                            if pair(g, s, False) > 0])
    for gi, g in enumerate(gev):
        ev = g["ev"]
        if not ev.get("actor") or not ev.get("target"):
            continue
        counts[lang]["dyad gold"] += 1
        sent = text[g["sent"][0]:g["sent"][1]].replace("\n", " ")
        gd = (f"{p['id']} GOLD {ev['type']} {ev['actor']} -> {ev['target']}{' (mutual)' if ev.get('mutual') else ''}"
              f"\n    «{sent}»")
        if gi not in undated:
            classes["dyad no-event"].append((lang, gd))
            continue
        counts[lang]["dyad found"] += 1
        s = sev[undated[gi]]
        roles = collections.defaultdict(set)
        for x in s["e"]["participants"]:
            if x.get("entityID"):
                roles[x["role"]].add(key(str(x["entityID"]), x.get("surface")))
        actors, targets = set(ev["actor"]), set(ev["target"])

        def right(a, t):
            return bool(roles["actor"] & a and roles["counterpart"] & t) and not (roles["actor"] & t or roles["counterpart"] & a)
        if right(actors, targets) or (ev.get("mutual") and right(targets, actors)):
            counts[lang]["dyad right"] += 1
        else:
            c = ("dyad no-counterpart" if not roles["counterpart"] else "dyad no-actor" if not roles["actor"] & (actors | targets)
                 else "dyad crossed" if roles["actor"] & targets or roles["counterpart"] & actors else "dyad other")
            classes[c].append((lang, gd + "\n    SYS " + sdesc(s)))
            counts[lang][c] += 1

    for gi, g in enumerate(gev):
        ev = g["ev"]
        counts[lang]["gold"] += 1
        counts[lang]["type " + ev["type"] + " gold"] += 1
        sent = text[g["sent"][0]:g["sent"][1]].replace("\n", " ")
        gd = f"{p['id']} GOLD {ev['type']}/{ev['modality']} {sorted(g['keys'])} date={ev.get('date')}\n    «{sent}»"
        if gi in matched:
            s = sev[matched[gi]]
            counts[lang]["hit"] += 1
            counts[lang]["type " + ev["type"] + " hit"] += 1
            if s["mod"] == ev["modality"]:
                counts[lang]["modality ok " + s["mod"]] += 1
            else:
                c = f"modality {ev['modality']}->{s['mod']}"
                classes[c].append((lang, gd + "\n    SYS " + sdesc(s)))
                counts[lang][c] += 1
            continue
        touching = [s for s in sev if touches(s, g)]
        typed = [s for s in touching if s["type"] == ev["type"]]
        withp = [s for s in typed if s["keys"] & g["keys"]]
        if not touching:
            c = "no-trigger"
        elif not typed:
            c = "wrong-type"
            counts[lang]["wrong-type " + ev["type"] + "->" + "+".join(sorted({s["type"] for s in touching}))] += 1
        elif not withp:
            c = "no-participant"
        elif not any(g["iv"] is None or (s["iv"] is not None and score.meets(g["iv"], s["iv"])) for s in withp):
            c = "wrong-date"
        else:
            c = "taken"
        counts[lang]["missed " + c] += 1
        classes["missed " + c].append((lang, gd + "".join("\n    SYS " + sdesc(s) for s in touching)))
    for si, s in enumerate(sev):
        if si in matched.values():
            continue
        if any(g["ev"]["type"] == s["type"] and touches(s, g) for g in gev):
            counts[lang]["neutral"] += 1
            continue
        c = "false " + s["type"]
        counts[lang][c] += 1
        ev_txt = s["spans"][0][1][:200].replace("\n", " ") if s["spans"] else ""
        gold_here = [g["ev"]["type"] for g in gev if touches(s, g)]
        classes[c].append((lang, f"{p['id']} {sdesc(s)} gold-here={gold_here}\n    «{ev_txt}»"))

names = sorted({k for c in counts.values() for k in c})
print(f"{'':34}" + "".join(f"{l:>8}" for l in langs))
for n in names:
    print(f"{n:34}" + "".join(f"{counts[l][n]:>8}" for l in langs))
tot = collections.Counter()
for l in langs:
    tot.update(counts[l])
if tot["dyad gold"]:
    print(f"\ndyads right {tot['dyad right']}/{tot['dyad gold']} = {tot['dyad right'] / tot['dyad gold']:.3f} of annotated events; "
          f"{tot['dyad right']}/{tot['dyad found']} = {tot['dyad right'] / max(1, tot['dyad found']):.3f} of those found")
show = set(args.show.split(",")) if args.show else set()
for c, items in sorted(classes.items()):
    if "all" in show or c in show or any(c.startswith(x) for x in show if x):
        print(f"\n== {c}: {len(items)}")
        for lang, item in items:
            print("  " + item)
