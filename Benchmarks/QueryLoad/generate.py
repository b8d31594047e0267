#!/usr/bin/env python3
"""Generates the query load store: N documents in kk/ru/en built from templates.tsv with entity and date
substitution, annotated the way the enrichment worker writes them (sentences with search keys, mentions with
code-point offsets, events with participants and evidence, extraction runs). Writes one CSV per table for COPY,
plus the sample lists the load driver draws its requests from.

Entities are the knowledge base's own (Shared/DalaEntities/Resources/kb/*.kb), with their ids and labels, so the real
dala-query resolves the names the driver asks for. Popularity is Zipf-like: a few entities are in most documents,
like Kazakhstan in a corpus about Kazakhstan.

usage: generate.py --docs 100000 --out DIR [--kb DIR] [--seed 1]
"""
import argparse
import csv
import json
import os
import random
import re
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
# The running extractor's version, so the generated store looks current to POST /v1/reprocess.
VERSION = re.search(r'static let version = "([^"]+)"',
                    open(os.path.join(HERE, "..", "..", "Shared", "DalaAnalysis", "Pipeline.swift"), encoding="utf-8").read()).group(1)
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
# Entities the documents are about: the region and its partners (ids from the knowledge base).
CORE = ["Q232", "Q265", "Q159", "Q148", "Q813", "dala:sco", "Q863", "Q874", "dala:eaeu", "Q7779", "Q30", "Q43", "Q794", "Q458", "Q889"]


def load_kb(kb_dir):
    entities = []
    for name in sorted(os.listdir(kb_dir)):
        if not name.endswith(".kb"):
            continue
        for line in open(os.path.join(kb_dir, name), encoding="utf-8"):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 3:
                continue
            fields = {}
            for p in parts[2:]:
                if ":" in p:
                    k, v = p.split(":", 1)
                    fields[k.strip()] = [x.strip() for x in v.split(";") if x.strip()]
            labels = {lang: fields[lang][0] for lang in ("en", "ru", "kk") if fields.get(lang)}
            if "en" not in labels:
                continue
            aliases = sorted({a for k, v in fields.items() if k in ("en", "ru", "kk", "en.acr", "ru.acr", "kk.acr") for a in v})
            entities.append({"id": parts[0], "type": parts[1], "labels": labels, "aliases": aliases})
    return entities


def load_templates():
    out = {"kk": [], "ru": [], "en": []}
    for line in open(os.path.join(HERE, "templates.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        lang, etype, cameo, plover, trigger, text = line.rstrip("\n").split("\t")
        out[lang].append({"type": None if etype == "-" else etype, "cameo": cameo, "plover": plover, "trigger": trigger, "text": text})
    return out


def tsvector(keys):
    return " ".join("'%s':%d" % (k.replace("\\", "\\\\").replace("'", "''"), min(i + 1, 16383)) for i, k in enumerate(keys))


def pg_array(values):
    return "{" + ",".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--kb", default=os.path.join(HERE, "..", "..", "Shared", "DalaEntities", "Resources", "kb"))
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)

    kb = load_kb(a.kb)
    by_id = {e["id"]: e for e in kb}
    actors = [e for e in kb if e["type"] in ("country", "organization", "person")]
    places = [e for e in kb if e["type"] == "place"] or actors
    core = [by_id[i] for i in CORE if i in by_id]
    rest = [e for e in actors if e["id"] not in CORE]
    # Zipf-like popularity: weight 1/rank, the region's states first.
    pool = core + rest
    weights = [1.0 / (r + 1) ** 0.9 for r in range(len(pool))]
    place_weights = [1.0 / (r + 1) for r in range(len(places))]
    templates = load_templates()

    files = {t: open(os.path.join(a.out, t + ".csv"), "w", encoding="utf-8", newline="") for t in
             ["documents", "sentences", "mentions", "events", "event_participants", "event_mentions", "extraction_runs"]}
    w = {t: csv.writer(f) for t, f in files.items()}
    used = set()
    doc_ids = []

    def pick_actor(exclude=None):
        while True:
            e = rnd.choices(pool, weights)[0]
            if e is not exclude:
                return e

    for n in range(a.docs):
        lang = rnd.choices(["kk", "ru", "en"], [0.4, 0.4, 0.2])[0]
        year = rnd.randint(1995, 2024)
        month = rnd.randint(1, 12)
        day = rnd.randint(1, 28)
        published = "%04d-%02d-%02d" % (year, month, day)
        doc = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
        text = ""
        sentences, mentions, events = [], [], []
        count = rnd.randint(4, 9)
        for i in range(count):
            t = rnd.choice(templates[lang])
            A = pick_actor()
            B = pick_actor(A)
            P = rnd.choices(places, place_weights)[0]
            ev_year = str(rnd.randint(max(1991, year - 3), year))
            start = len(text)
            sentence = ""
            spans = []
            pos = 0
            for m in re.finditer(r"\{(A|B|P|YEAR)\}", t["text"]):
                sentence += t["text"][pos:m.start()]
                slot = m.group(1)
                if slot == "YEAR":
                    sentence += ev_year
                else:
                    e = {"A": A, "B": B, "P": P}[slot]
                    surface = e["labels"].get(lang) or e["labels"]["en"]
                    spans.append((slot, e, start + len(sentence), surface))
                    sentence += surface
                pos = m.end()
            sentence += t["text"][pos:]
            text += sentence
            end = len(text)
            text += "\n" if i % 3 == 2 else " "
            keys = [k.lower() for k in WORD.findall(sentence)] + ["e:" + e["id"] for _, e, _, _ in spans]
            sentences.append((i, start, end, sentence, keys))
            for slot, e, s, surface in spans:
                used.add(e["id"])
                mentions.append((e["id"], s, s + len(surface), surface, i))
            if t["type"]:
                if "{YEAR}" in t["text"]:
                    date = (ev_year, ev_year + "-01-01", ev_year + "-12-31", "year")
                elif rnd.random() < 0.7:
                    last = 30 if month in (4, 6, 9, 11) else 28 if month == 2 else 31
                    date = ("%04d-%02d" % (year, month), "%04d-%02d-01" % (year, month), "%04d-%02d-%02d" % (year, month, last), "month")
                else:
                    date = None
                trig = sentence.find(t["trigger"])
                parts = [(role, e, s, surface) for (slot, e, s, surface) in spans
                         for role in [{"A": "actor", "B": "counterpart", "P": "place"}[slot]]]
                events.append((t, date, i, start, end, sentence, start + trig, start + trig + len(t["trigger"]), parts))
        text = text.rstrip()
        title = "%s: %s" % ((core[n % len(core)]["labels"].get(lang) or "Dala"), published[:4])
        modality = lambda: rnd.choices(["asserted", "planned", "negated", "reported"], [0.7, 0.15, 0.05, 0.1])[0]
        w["documents"].writerow([doc, "%064x" % rnd.getrandbits(256), text, title, "bench", lang, lang, json.dumps({lang: 1.0}),
                                 published, "day", "{}", len(text), "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z",
                                 "enriched", VERSION, 0, json.dumps({"documents": [{"kind": "article"}]})])
        for (i, s, e, sentence, keys) in sentences:
            w["sentences"].writerow([doc, VERSION, i, s, e, lang, 0.95, "body", sentence, tsvector(keys)])
        for (eid, s, e, surface, i) in mentions:
            w["mentions"].writerow([doc, VERSION, eid, s, e, surface, i, "name", 0.9, "{}"])
        for k, (t, date, i, s, e, sentence, ts, te, parts) in enumerate(events):
            event_id = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
            w["events"].writerow([event_id, doc, VERSION, "e%d" % k, t["type"], t["cameo"], t["plover"], modality(), "",
                                  date[0] if date else "", date[1] if date else "", date[2] if date else "",
                                  date[3] if date else "", 0.8, lang])
            for role, ent, ps, surface in parts:
                w["event_participants"].writerow([event_id, role, ent["id"], surface, ps, ps + len(surface)])
            w["event_mentions"].writerow([event_id, i, s, e, sentence, t["trigger"], ts, te, 0.8])
        w["extraction_runs"].writerow([doc, VERSION, "bench", "generator", "2026-01-01T00:00:00Z", 12.5, "{}"])
        if n % 97 == 0:
            doc_ids.append(doc)

    with open(os.path.join(a.out, "entities.csv"), "w", encoding="utf-8", newline="") as f:
        ew = csv.writer(f)
        for e in kb:
            if e["id"] in used:
                ew.writerow([e["id"], e["type"], e["labels"].get("en", ""), e["labels"].get("ru", ""), e["labels"].get("kk", ""),
                             pg_array(e["aliases"]), "t"])
    for f in files.values():
        f.close()
    # Samples for the load driver: names in every language (as an analyst types them), ids, documents.
    with open(os.path.join(a.out, "names.tsv"), "w", encoding="utf-8") as f:
        for e in kb:
            if e["id"] in used:
                for label in set(e["labels"].values()) | set(e["aliases"]):
                    f.write("%s\t%s\n" % (label, e["id"]))
    with open(os.path.join(a.out, "sample-documents.txt"), "w") as f:
        f.write("\n".join(doc_ids) + "\n")
    top = [e for e in pool if e["id"] in used][:40]
    with open(os.path.join(a.out, "sample-entities.tsv"), "w", encoding="utf-8") as f:
        for e in top:
            f.write("%s\t%s\t%s\t%s\n" % (e["id"], e["labels"].get("en", ""), e["labels"].get("ru", ""), e["labels"].get("kk", "")))


if __name__ == "__main__":
    main()
