#!/usr/bin/env python3
"""Pairwise merge precision/recall of duplicate event reports, as `DuplicateReportsTests.analyserAndRule` computes it.

    python3 scripts/duplicates-merge.py .build/release/dala [--set Benchmarks/Quality/heldout] [-v]

Runs `dala analyze --date <published>` on each report of `duplicates.jsonl`, takes the event whose trigger lies in
the annotated evidence (the annotated type first), and clusters the reports with a Python copy of `StoryRule`
(Shared/DalaStorage/EventStories.swift; keep the two in step). A development aid: the Swift test is the reference.
"""
import argparse, datetime, json, os, subprocess, tempfile
from concurrent.futures import ThreadPoolExecutor

ap = argparse.ArgumentParser()
ap.add_argument("dala")
ap.add_argument("--set", default="Benchmarks/Quality/heldout")
ap.add_argument("-v", action="store_true", help="print every report's event")
args = ap.parse_args()
reports = [json.loads(l) for l in open(os.path.join(args.set, "duplicates.jsonl"), encoding="utf-8")]

def analyse(r):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(r["text"])
    try:
        out = subprocess.run([args.dala, "analyze", f.name, "--date", r["published"]], capture_output=True, text=True)
        return json.loads(out.stdout)
    finally:
        os.unlink(f.name)

PRECISIONS = {"day", "month", "year", "week", "range", "published"}
MANY_PER_DAY = {"meeting", "statement"}
BODY_TYPES = {"organization", "programme"}
DAY_SLACK, WINDOW = 1, 370
STEPS_REACH = {"membership": 366, "withdrawal": 366}  # StoryRule.stepsReach

def day(s):
    try:
        return (datetime.date.fromisoformat(s) - datetime.date(1970, 1, 1)).days
    except (TypeError, ValueError):
        return None

def story_event(e, types, published=None):
    parts, places, cps, objs = set(), set(), set(), set()
    for p in e["participants"]:
        i = p.get("entityID")
        if not i:
            continue
        (places if p["role"] == "place" else parts).add(i)
        if p["role"] == "counterpart":
            cps.add(i)
        if p["role"] == "object":
            objs.add(i)
    if e.get("speaker"):
        parts.add(e["speaker"])
    d = e.get("date") or {}
    prec, start = d.get("precision"), day(d.get("start"))
    end = day(d.get("end")) if prec == "range" else (day(d.get("end") or d.get("start")) or start)
    # An undated report of a type done in steps is placed on its publication day (StoryEvent.init(_:bodies:published:)).
    if start is None and e["type"] in STEPS_REACH and published and len(published) >= 10:
        prec, start = "published", day(published[:10])
        end = start
    bodies = {i for i in parts if types.get(i) in BODY_TYPES}
    return {"bodies": bodies, "type": e["type"], "parts": parts or places, "places": places, "cps": cps, "objs": objs, "start": start, "end": end, "prec": prec}

def linkable(a):
    s, e = a["start"], a["end"]
    return (s is not None and e is not None and e >= s and e - s <= WINDOW and a["parts"]
            and (a["prec"] is None or a["prec"] in PRECISIONS))

KINDRED = {"agreement": "founding", "founding": "agreement"}

def types_match(a, b):
    if a["type"] == b["type"]:
        return True
    if KINDRED.get(a["type"]) != b["type"]:
        return False
    treaty, founding = (a, b) if a["type"] == "agreement" else (b, a)
    if treaty["objs"] & founding["parts"]:
        return True
    # A signing and a founding told of the same day by two of the same parties (StoryRule.typesMatch).
    return (a["prec"] == "day" and b["prec"] == "day" and a["start"] is not None and a["start"] == b["start"]
            and a["end"] == b["end"] and len(a["parts"] & b["parts"]) >= 2)

def score(a, b):
    if not types_match(a, b) or not linkable(a) or not linkable(b):
        return None
    slack = DAY_SLACK if a["prec"] == "day" and b["prec"] == "day" else 0
    placed = a["prec"] == "published" or b["prec"] == "published"
    overlap = not placed and a["start"] <= b["end"] + slack and b["start"] <= a["end"] + slack
    reach = STEPS_REACH.get(a["type"], 0) if a["type"] == b["type"] else 0
    if not (overlap or (a["start"] <= b["end"] + reach and b["start"] <= a["end"] + reach)):
        return None
    shared = len(a["parts"] & b["parts"])
    if shared < (1 if overlap else 2):
        return None
    elsewhere = a["places"] and b["places"] and not (a["places"] & b["places"])
    if shared < 2:
        if elsewhere:
            return None
        contained = a["parts"] <= b["parts"] or b["parts"] <= a["parts"]
        days = a["prec"] == "day" and b["prec"] == "day"
        once = days and a["type"] not in MANY_PER_DAY and (not a["cps"] or not b["cps"] or a["cps"] & b["cps"])
        body_meeting = days and a["type"] == "meeting" and a["bodies"] & b["bodies"]
        if not (contained or once or body_meeting):
            return None
    jac = shared / len(a["parts"] | b["parts"])
    same = 1.0 if a["start"] == b["start"] and a["end"] == b["end"] else 0.5 / (1 + abs(a["start"] - b["start"]))
    return jac + same

with ThreadPoolExecutor(2) as pool:
    docs = list(pool.map(analyse, reports))
events = []
for r, d in zip(reports, docs):
    ev, gold = r["event"]["evidence"].lower(), r["event"]["type"]
    # The report's event: its trigger inside the annotated evidence, or its sentence holding the whole evidence.
    inev = [e for e in d["events"]["events"]
            if any(m["trigger"] and m["trigger"].lower() in ev or ev in (m["evidence"] or "").lower() for m in e["mentions"])]
    e = next((e for e in inev if e["type"] == gold), inev[0] if inev else None)
    types = {x["id"]: x["type"] for x in d["entities"]["entities"]}
    se = story_event(e, types, r.get("published")) if e else None
    events.append(se)
    if args.v:
        print(f"{r['id']:10} {r['group'] or '-':4} gold {gold}/{r['event']['date']} {sorted(r['event']['participants'])}")
        print(f"{'':15} sys  " + (f"{se['type']} {(e.get('date') or {}).get('value')} {se['prec']} {sorted(se['parts'])} "
                                  f"cp {sorted(se['cps'])} places {sorted(se['places'])}" if se else
                                  f"none; found {[x['type'] for x in d['events']['events']]}"))
story, nxt = [], 0
idx = [i for i, e in enumerate(events) if e]
for k, i in enumerate(idx):
    best = None
    for j in idx[:k]:
        s = score(events[i], events[j])
        if s is not None and s > (best[0] if best else 0):
            best = (s, story[idx.index(j)])
    if best:
        story.append(best[1])
    else:
        story.append(nxt); nxt += 1
cl = {i: story[k] for k, i in enumerate(idx)}
tp = pred = gold = 0
for i in range(len(reports)):
    for j in range(i + 1, len(reports)):
        same = reports[i]["group"] is not None and reports[i]["group"] == reports[j]["group"]
        merged = i in cl and j in cl and cl[i] == cl[j]
        gold += same; pred += merged; tp += same and merged
        if args.v and same and not merged:
            print("missed", reports[i]["id"], reports[j]["id"])
        if args.v and merged and not same:
            print("WRONG ", reports[i]["id"], reports[j]["id"])
print(f"pairwise P={tp / pred if pred else 1:.3f} R={tp / gold:.3f} ({pred} merged, {gold} gold pairs); "
      f"event found for {len(idx)} of {len(reports)}")
