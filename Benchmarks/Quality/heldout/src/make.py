#!/usr/bin/env python3
"""Assemble the held-out set from the hand-written sources in this folder and validate it.

    python3 Benchmarks/Quality/heldout/src/make.py

Sources: registry.py (R(...) entries), kk.py / ru.py / en.py (P(...) passages), dups.py (D(...) reports),
dyads.py (Y(...): actor and target of an event, added to it as "actor" / "target" (and "mutual")).
Mentions and dates are listed in reading order; `n` (the occurrence of the exact string) is computed
from that order, so a string that also occurs inside another word or a longer name gets the right `n`.
Writes ../passages.jsonl, ../registry.jsonl, ../duplicates.jsonl and runs the checks of
/work/shared/eval/build.py (check_passage) plus the checks listed in ../README.md.
"""
import collections, importlib.util, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
sys.dont_write_bytecode = True
sys.path.insert(0, "/work/shared/eval")
from build import check_passage, find_nth, parse_value, EVENT_TYPES, MODALITIES  # noqa: E402

REG = []
def R(key, type, qid, en, ru, kk):
    REG.append({"key": key, "type": type, "qid": qid, "en": en, "ru": ru, "kk": kk})

PASSAGES, DUPS, ERR = [], [], []

def locate(text, surface, cursor, label):
    pos = text.find(surface, cursor)
    if pos < 0:
        ERR.append(f"{label}: {surface!r} not found after position {cursor}")
        return None, cursor
    k = 1
    while True:
        p = find_nth(text, surface, k)
        if p is None or p > pos:
            ERR.append(f"{label}: {surface!r} at {pos} is not a non-overlapping occurrence")
            return None, cursor
        if p == pos:
            return k, pos + len(surface)
        k += 1

def P(pid, published, text, ents, dates, nd, events, notes=None, genre="news"):
    lang = pid.split("-")[0]
    types = {r["key"]: r["type"] for r in REG}
    out_e, cur = [], 0
    for t in ents:
        surface, key = t[0], t[1]
        n, cur = locate(text, surface, cur, pid)
        if n is None:
            continue
        a = {"text": surface, "n": n, "type": types.get(key, "?"), "key": key}
        if key not in types:
            ERR.append(f"{pid}: key {key} not in registry")
        if len(t) > 2 and t[2] == "opt":
            a["optional"] = True
        out_e.append(a)
    out_d, cur = [], 0
    for t in dates:
        surface, value, prec = t[0], t[1], t[2]
        n, cur = locate(text, surface, cur, pid)
        if n is None:
            continue
        a = {"text": surface, "n": n, "value": value, "precision": prec}
        if len(t) > 3 and t[3] == "rel":
            a["relative"] = True
        out_d.append(a)
    out_v = [{"type": e[0], "participants": e[1], "date": e[2], "modality": e[3], "evidence": e[4]}
             for e in events]
    p = {"id": pid, "lang": lang, "published": published, "genre": genre, "text": text,
         "entities": out_e, "dates": out_d, "not_dates": nd, "events": out_v}
    if notes:
        p["notes"] = notes
    PASSAGES.append(p)

def D(group, rid, lang, published, text, etype, parts, date, modality, evidence):
    DUPS.append({"group": group, "id": rid, "lang": lang, "published": published, "text": text,
                 "event": {"type": etype, "participants": parts, "date": date, "modality": modality,
                           "evidence": evidence}})

DYADS = []
def Y(pid, index, actors, targets, mutual=False):
    DYADS.append((pid, index, actors, targets, mutual))

def add_dyads(registry):
    """Adds each Y(...) to its event: "actor" and "target" key lists, "mutual" when the text gives no direction."""
    by_id = {p["id"]: p for p in PASSAGES}
    seen = set()
    for pid, i, actors, targets, mutual in DYADS:
        p = by_id.get(pid)
        if p is None or not 0 <= i < len(p["events"]):
            ERR.append(f"dyad {pid}[{i}]: no such event")
            continue
        if (pid, i) in seen:
            ERR.append(f"dyad {pid}[{i}]: annotated twice")
        seen.add((pid, i))
        if not actors or not targets or set(actors) & set(targets):
            ERR.append(f"dyad {pid}[{i}]: actors and targets must be non-empty and disjoint")
        for k in actors + targets:
            if k not in registry:
                ERR.append(f"dyad {pid}[{i}]: key {k} not in registry")
        ev = p["events"][i]
        ev["actor"], ev["target"] = actors, targets
        if mutual:
            ev["mutual"] = True

def load(name):
    path = os.path.join(HERE, name + ".py")
    if not os.path.exists(path):
        return
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    mod.R, mod.P, mod.D, mod.Y = R, P, D, Y
    spec.loader.exec_module(mod)

WEEKDAYS = [("monday", "понедельник", "дүйсенбі"), ("tuesday", "вторник", "сейсенбі"), ("wednesday", "сред", "сәрсенбі"),
            ("thursday", "четверг", "бейсенбі"), ("friday", "пятниц", "жұма"), ("saturday", "суббот", "сенбі"),
            ("sunday", "воскресень", "жексенбі")]

def check_weekdays(p):
    import datetime, re
    for d in p["dates"]:
        low = d["text"].lower()
        hits = [(len(n), i) for i, names in enumerate(WEEKDAYS) for n in names if n in low]
        if hits and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d["value"]):
            i = max(hits)[1]
            if datetime.date.fromisoformat(d["value"]).weekday() != i:
                ERR.append(f"{p['id']}: {d['text']!r} = {d['value']} is not a {WEEKDAYS[i][0]}")

def uncovered(p):
    import re
    spans = []
    for kind in ("entities", "dates"):
        for a in p[kind]:
            s = find_nth(p["text"], a["text"], a["n"])
            spans.append((s, s + len(a["text"])))
    out = []
    for m in re.finditer(r"\w[\w'’.+-]*", p["text"]):
        if m.group()[0].isupper() and not any(a <= m.start() < b for a, b in spans):
            out.append(m.group())
    return out

def main():
    if "--uncovered" in sys.argv:
        for name in ("registry", "kk", "ru", "en"):
            load(name)
        for p in PASSAGES:
            print(p["id"], " ".join(uncovered(p)))
        return
    for name in ("registry", "kk", "ru", "en", "dups", "dyads"):
        load(name)
    registry = {}
    for r in REG:
        if r["key"] in registry:
            ERR.append(f"registry: duplicate key {r['key']}")
        registry[r["key"]] = r
    add_dyads(registry)
    qids = collections.Counter(r["qid"] for r in REG if r["qid"])
    ERR.extend(f"registry: qid {q} used twice" for q, c in qids.items() if c > 1)
    warn = []
    used = set()
    ids = collections.Counter(p["id"] for p in PASSAGES)
    ERR.extend(f"{i}: duplicate id" for i, c in ids.items() if c > 1)
    for p in PASSAGES:
        pid = p["id"]
        check_weekdays(p)
        check_passage(p, registry, lambda m: ERR.append(f"{pid}: {m}"), lambda m: warn.append(f"{pid}: {m}"))
        if not 300 <= len(p["text"]) <= 900:
            ERR.append(f"{pid}: {len(p['text'])} characters (300-900 wanted)")
        used |= {a["key"] for a in p["entities"]}
        for ev in p["events"]:
            used |= set(ev["participants"])
            if not 30 <= len(ev["evidence"]) <= 120:
                ERR.append(f"{pid}: evidence length {len(ev['evidence'])}: {ev['evidence']!r}")
        for nd in p["not_dates"]:
            for d in p["dates"]:
                if nd == d["text"]:
                    ERR.append(f"{pid}: not_date {nd!r} is also a date")
    for d in DUPS:
        ev = d["event"]
        if ev["evidence"] not in d["text"]:
            ERR.append(f"dup {d['id']}: evidence not verbatim")
        if not 30 <= len(ev["evidence"]) <= 120:
            ERR.append(f"dup {d['id']}: evidence length {len(ev['evidence'])}")
        if ev["type"] not in EVENT_TYPES or ev["modality"] not in MODALITIES:
            ERR.append(f"dup {d['id']}: bad type/modality")
        if ev["date"] is not None:
            parse_value(ev["date"])
        for k in ev["participants"]:
            if k not in registry:
                ERR.append(f"dup {d['id']}: key {k} not in registry")
            used.add(k)
    for k in sorted(set(registry) - used):
        warn.append(f"registry key {k} is not used")
    with open(os.path.join(OUT, "passages.jsonl"), "w", encoding="utf-8") as f:
        for p in sorted(PASSAGES, key=lambda p: p["id"]):
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    with open(os.path.join(OUT, "registry.jsonl"), "w", encoding="utf-8") as f:
        for k in sorted(registry):
            f.write(json.dumps(registry[k], ensure_ascii=False) + "\n")
    if DUPS:
        with open(os.path.join(OUT, "duplicates.jsonl"), "w", encoding="utf-8") as f:
            for d in DUPS:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    by = collections.Counter(p["lang"] for p in PASSAGES)
    print("passages", dict(by), "registry", len(registry), "dups", len(DUPS))
    for w in warn:
        print("warning:", w)
    for e in ERR:
        print("ERROR:", e)
    print(f"{len(ERR)} errors, {len(warn)} warnings")
    sys.exit(1 if ERR else 0)

if __name__ == "__main__":
    main()
