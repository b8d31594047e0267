#!/usr/bin/env python3
"""Classes of date errors of `dala analyze` on an evaluation set, as counts only (usable on a blind set).

    python3 scripts/date-errors.py .build/release/dala [--set DIR] [--cache DIR] [--show]

Time expressions: every gold date is matched by span like score.py does; a missed or wrong one is counted in a class
(missed, wrong precision, wrong year, same year other month/day, open or range bounds, unresolved) split by whether
the gold date is relative and by its precision. Event dates: gold events matched to a system event of their type in
their sentence with a shared participant (dates ignored) whose dates do not meet are classed the same way (system
undated, gold undated, precision, year, ...). `--show` prints the items (not for blind sets).
Not part of the runtime: a development aid only.
"""
import argparse
import collections
import os
import sys

ap = argparse.ArgumentParser()
ap.add_argument("dala")
ap.add_argument("--set", default="/work/shared/eval")
ap.add_argument("--cache", default="")
ap.add_argument("--show", action="store_true")
args = ap.parse_args()
sys.dont_write_bytecode = True
sys.path.insert(0, "/work/shared/eval")
import score  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evalrun  # noqa: E402

passages = score.load_jsonl(os.path.join(args.set, "passages.jsonl"))
linker = score.Linker(score.load_jsonl(os.path.join(args.set, "registry.jsonl")))


docs = evalrun.analyses(score, args.dala, passages, args.cache)


def kind(iv):
    lo, hi = iv
    if lo is None or hi is None:
        return "open"
    d = (hi - lo).days
    return "day" if d == 0 else "month" if d < 32 else "year" if d < 367 else "years"


def compare(g, s):
    """Class of a gold interval g against a system interval s (both not None)."""
    if g == s:
        return None
    gk, sk = kind(g), kind(s)
    if gk != sk:
        if score.meets(g, s) and (s[0] is None or g[0] is None or s[0] <= g[0]) and (s[1] is None or g[1] is None or s[1] >= g[1]):
            return f"coarser {gk}->{sk}"
        if score.meets(g, s):
            return f"finer {gk}->{sk}"
        return f"other-precision {gk}->{sk}"
    if score.meets(g, s):
        return f"overlap {gk}"
    gl, sl = g[0] or g[1], s[0] or s[1]
    if gl.year != sl.year:
        return f"year {'+' if sl.year > gl.year else '-'}{abs(sl.year - gl.year) if abs(sl.year - gl.year) < 3 else 'many'} {gk}"
    return f"same-year {gk}"


counts = collections.defaultdict(collections.Counter)
items = collections.defaultdict(list)
for p, doc in zip(passages, docs):
    text, lang = p["text"], p["lang"]
    gd = []
    for d in p.get("dates") or []:
        st = score.find_nth(text, d.get("text", ""), d.get("n", 1))
        if st is not None:
            gd.append(((st, st + len(d["text"])), d))
    st = [(score.span(t), t) for t in score.section(doc, "events", "times") if score.span(t)]

    def same(d, t):
        return score.interval(d.get("value")) is not None and score.interval(d.get("value")) == score.sys_interval(t)
    m = score.greedy([((same(g[1], s[1]), score.overlap(g[0], s[0])), gi, si) for gi, g in enumerate(gd)
                      for si, s in enumerate(st) if score.overlap(g[0], s[0]) > 0])
    for gi, (sp, d) in enumerate(gd):
        rel = "rel" if d.get("relative") else "abs"
        if gi not in m:
            c = "missed"
        else:
            t = st[m[gi]][1]
            if same(d, t):
                counts[lang][f"time ok {rel}"] += 1
                continue
            siv = score.sys_interval(t)
            c = "unresolved" if siv is None else compare(score.interval(d.get("value")), siv) or "equal?"
        counts[lang][f"time {rel} {c}"] += 1
        items[f"time {rel} {c}"].append(f"{p['id']} {score.ctx(text, sp)} gold {d.get('value')}"
                                        + (f" sys {st[m[gi]][1].get('value')}" if gi in m else ""))
    for si, (sp, t) in enumerate(st):
        if si not in m.values():
            counts[lang]["time false"] += 1
            items["time false"].append(f"{p['id']} {score.ctx(text, sp)} sys {t.get('value')}")

    # event dates
    records = {str(score.get(e, "id")): e for e in score.section(doc, "entities", "entities")}

    def key(eid, surface):
        return linker.key_of(records.get(eid) or {"id": eid, "aliases": [surface] if surface else []})
    gev = []
    for ev in p.get("events") or []:
        pos = text.find(ev.get("evidence") or "\0")
        if pos >= 0:
            gev.append((ev, score.sentence(text, pos, pos + len(ev["evidence"])), set(ev.get("participants") or [])))
    sev = []
    for e in score.section(doc, "events", "events"):
        spans = [score.span(x) for x in e.get("mentions") or [] if score.span(x)]
        keys = {key(str(x.get("entityID")), x.get("surface")) for x in e.get("participants", []) if x.get("entityID")}
        sev.append((e, spans, keys))

    def pair(g, s):
        if s[0].get("type") != g[0]["type"] or not any(score.overlap(sp, g[1]) > 0 for sp in s[1]):
            return 0
        return len(g[2] & s[2])
    um = score.greedy([(pair(g, s), gi, si) for gi, g in enumerate(gev) for si, s in enumerate(sev) if pair(g, s) > 0])
    for gi, si in um.items():
        ev, e = gev[gi][0], sev[si][0]
        giv, siv = score.interval(ev.get("date")), score.sys_interval(e.get("date"))
        if giv is None:
            c = "gold-undated" + (" sys-dated" if siv is not None else "")
        elif siv is None:
            c = "sys-undated"
        elif score.meets(giv, siv):
            c = "meets"
        else:
            c = compare(giv, siv)
        counts[lang][f"event {c}"] += 1
        if c not in ("meets", "gold-undated", "gold-undated sys-dated"):
            items[f"event {c}"].append(f"{p['id']} gold {ev['type']} {ev.get('date')} sys {(e.get('date') or {}).get('value')}"
                                       f" «{text[gev[gi][1][0]:gev[gi][1][1]][:160]}»")

langs = ["kk", "ru", "en"]
names = sorted({k for c in counts.values() for k in c})
print(f"{'':40}" + "".join(f"{l:>6}" for l in langs))
for n in names:
    print(f"{n:40}" + "".join(f"{counts[l][n]:>6}" for l in langs))
if args.show:
    for c, xs in sorted(items.items()):
        print(f"\n== {c}: {len(xs)}")
        for x in xs:
            print("  " + x.replace("\n", " "))
