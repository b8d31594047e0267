#!/usr/bin/env python3
"""Assemble the held-out set heldout3 from the hand-written sources in this folder and validate it.

    python3 Benchmarks/Quality/heldout3/src/make.py [--uncovered]

Sources: registry.py (R(...) entries: keys reused from ../../heldout/src/registry.py, some with extra name
variants, plus the keys new in this set), kk.py / ru.py / en.py (P(...) passages), dyads.py (Y(...): actor and
target of an event, added to it as "actor" / "target" (and "mutual"), as in ../../heldout/src/make.py).
Mentions and dates are listed in reading order; `n` (the occurrence of the exact string) is computed from that
order like score.py counts it (string occurrences, not overlapping), so "Тоқаев" inside "Қасым-Жомарт Тоқаев"
makes a later bare "Тоқаев" n=2.
Writes ../passages.jsonl and ../registry.jsonl (only the keys the passages use) and runs check_passage of
/work/shared/eval/build.py plus the checks listed in ../README.md. `--uncovered` lists capitalised words that
no mention or date covers (a reviewing aid).
"""
import collections, importlib.util, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
# Text length wanted (a later set run through this generator, `../../heldout4/src/make.py`, asks for 450).
MIN_CHARS, MAX_CHARS = 350, 900
sys.dont_write_bytecode = True
sys.path.insert(0, "/work/shared/eval")
from build import check_passage, parse_value, EVENT_TYPES, MODALITIES  # noqa: E402

# The passages' builders and checks shared with ../../heldout/src/make.py (R, P, locate, check_weekdays, uncovered),
# as heldout2 reuses them: this set only adds its own dyad and registry checks below.
_spec = importlib.util.spec_from_file_location("heldout_make", os.path.join(os.path.dirname(OUT), "heldout", "src", "make.py"))
hm = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hm)
REG, PASSAGES, ERR = hm.REG, hm.PASSAGES, hm.ERR
R, P, locate, check_weekdays, uncovered = hm.R, hm.P, hm.locate, hm.check_weekdays, hm.uncovered

DYADS, Y = hm.DYADS, hm.Y

def add_dyads(registry):
    """heldout's `add_dyads`, and here a dyad may name only the event's own participants, each once."""
    hm.add_dyads(registry)
    by_id = {p["id"]: p for p in PASSAGES}
    for pid, i, actors, targets, _ in DYADS:
        p = by_id.get(pid)
        if p is None or not 0 <= i < len(p["events"]):
            continue
        for k in actors + targets:
            if k not in p["events"][i]["participants"]:
                ERR.append(f"dyad {pid}[{i}]: key {k} is no participant of the event")
        if len(set(actors + targets)) != len(actors + targets):
            ERR.append(f"dyad {pid}[{i}]: key listed twice")

def load(name):
    path = os.path.join(HERE, name + ".py")
    if not os.path.exists(path):
        return
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    mod.R, mod.P, mod.Y = R, P, Y
    spec.loader.exec_module(mod)

def sentence_bounds(text, s, e):
    """Sentence of a span, split as score.py does."""
    starts = [0]
    for m in re.finditer(r"[.!?…]+[\"»”’)\]]*\s+|\n\s*", text):
        nxt = text[m.end():m.end() + 2].lstrip("«\"“([")[:1]
        if "\n" in m.group() or nxt.isupper() or nxt.isdigit():
            starts.append(m.end())
    inside = [b for b in starts if s < b < e]
    return inside

def main(here=None, min_chars=None):
    """Build the set whose sources are in `here` (default: this folder), writing next to it."""
    global HERE, OUT, MIN_CHARS
    if here:
        HERE, OUT = here, os.path.dirname(here)
    if min_chars:
        MIN_CHARS = min_chars
    for name in ("registry", "kk", "ru", "en", "dyads"):
        load(name)
    if "--uncovered" in sys.argv:
        for p in PASSAGES:
            print(p["id"], " ".join(uncovered(p)))
        return
    registry = {}
    for r in REG:
        if r["key"] in registry:
            ERR.append(f"registry: duplicate key {r['key']}")
        registry[r["key"]] = r
        if r["type"] not in ("country", "organization", "person", "location", "group", "agreement"):
            ERR.append(f"registry: bad type {r['type']} ({r['key']})")
        if r["qid"] is not None and not re.fullmatch(r"Q\d+", r["qid"]):
            ERR.append(f"registry: bad qid {r['qid']} ({r['key']})")
        for lang in ("en", "ru", "kk"):
            if not r[lang] or not all(isinstance(x, str) and x for x in r[lang]):
                ERR.append(f"registry: {r['key']} has no {lang} name")
    add_dyads(registry)
    qids = collections.Counter(r["qid"] for r in REG if r["qid"])
    ERR.extend(f"registry: qid {q} used twice" for q, c in qids.items() if c > 1)
    warn, used = [], set()
    ids = collections.Counter(p["id"] for p in PASSAGES)
    ERR.extend(f"{i}: duplicate id" for i, c in ids.items() if c > 1)
    for p in PASSAGES:
        pid = p["id"]
        if not re.fullmatch(r"(kk|ru|en)-t\d\d", pid):
            ERR.append(f"{pid}: id not of the form xx-tNN")
        check_weekdays(p)
        check_passage(p, registry, lambda m: ERR.append(f"{pid}: {m}"), lambda m: warn.append(f"{pid}: {m}"))
        if not MIN_CHARS <= len(p["text"]) <= MAX_CHARS:
            ERR.append(f"{pid}: {len(p['text'])} characters ({MIN_CHARS}-{MAX_CHARS} wanted)")
        for a in p["entities"]:
            if a["key"] in registry and registry[a["key"]]["type"] != a["type"]:
                ERR.append(f"{pid}: type mismatch {a}")
        used |= {a["key"] for a in p["entities"]}
        for d in p["dates"]:
            if d["precision"] not in ("day", "week", "month", "season", "year", "decade", "century", "range"):
                ERR.append(f"{pid}: precision {d['precision']!r}")
        for ev in p["events"]:
            used |= set(ev["participants"])
            if ev["type"] not in EVENT_TYPES or ev["modality"] not in MODALITIES:
                ERR.append(f"{pid}: bad type/modality {ev['type']}/{ev['modality']}")
            if not 30 <= len(ev["evidence"]) <= 120:
                ERR.append(f"{pid}: evidence length {len(ev['evidence'])}: {ev['evidence']!r}")
            pos = p["text"].find(ev["evidence"])
            if pos >= 0 and p["text"].count(ev["evidence"]) > 1:
                ERR.append(f"{pid}: evidence occurs twice: {ev['evidence']!r}")
            inner = sentence_bounds(p["text"], pos, pos + len(ev["evidence"])) if pos >= 0 else []
            if inner and all(re.search(r"\b[A-Z][a-z]{2,4}\. $", p["text"][:b]) for b in inner):
                warn.append(f"{pid}: score.py splits the evidence after a month abbreviation (harmless): "
                            f"{ev['evidence']!r}")
            elif inner:
                ERR.append(f"{pid}: evidence crosses a sentence boundary: {ev['evidence']!r}")
            if len(set(ev["participants"])) != len(ev["participants"]):
                ERR.append(f"{pid}: participant listed twice: {ev['participants']}")
        for nd in p["not_dates"]:
            for d in p["dates"]:
                if nd == d["text"]:
                    ERR.append(f"{pid}: not_date {nd!r} is also a date")
    out_reg = {k: registry[k] for k in sorted(used) if k in registry}
    with open(os.path.join(OUT, "passages.jsonl"), "w", encoding="utf-8") as f:
        for p in sorted(PASSAGES, key=lambda p: p["id"]):
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "registry.jsonl"), "w", encoding="utf-8") as f:
        for k in out_reg:
            f.write(json.dumps(out_reg[k], ensure_ascii=False) + "\n")
    unused = sorted(set(registry) - used)
    if unused:
        warn.append(f"registry keys not used (not written): {unused}")
    # summary
    by = collections.defaultdict(collections.Counter)
    for p in PASSAGES:
        c = by[p["lang"]]
        c["passages"] += 1
        c["mentions"] += len(p["entities"])
        c["optional mentions"] += sum(1 for a in p["entities"] if a.get("optional"))
        c["dates"] += len(p["dates"])
        c["relative dates"] += sum(1 for d in p["dates"] if d.get("relative"))
        c["not_dates"] += len(p["not_dates"])
        c["events"] += len(p["events"])
        c["events with null date"] += sum(1 for e in p["events"] if e["date"] is None)
        c["dyads"] += sum(1 for e in p["events"] if "actor" in e)
        c["dyads mutual"] += sum(1 for e in p["events"] if e.get("mutual"))
        for e in p["events"]:
            c["type " + e["type"]] += 1
            c["modality " + e["modality"]] += 1
    rows = sorted({k for c in by.values() for k in c}, key=lambda k: (k.startswith("type") + 2 * k.startswith("modality"), k))
    print(f"{'':28}{'kk':>6}{'ru':>6}{'en':>6}{'all':>6}")
    for k in rows:
        vals = [by[l][k] for l in ("kk", "ru", "en")]
        print(f"{k:28}" + "".join(f"{v:>6}" for v in vals) + f"{sum(vals):>6}")
    lens = [len(p["text"]) for p in PASSAGES]
    print(f"registry keys written: {len(out_reg)} ({sum(1 for r in out_reg.values() if r['qid'])} with qid); "
          f"text length {min(lens)}-{max(lens)}; published {min(p['published'] for p in PASSAGES)} .. "
          f"{max(p['published'] for p in PASSAGES)}")
    for w in warn:
        print("warning:", w)
    for e in ERR:
        print("ERROR:", e)
    print(f"{len(ERR)} errors, {len(warn)} warnings")
    sys.exit(1 if ERR else 0)

if __name__ == "__main__":
    main()
