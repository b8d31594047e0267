#!/usr/bin/env python3
"""A fake `dala` that answers with the gold annotations, to check that score.py reads the set as intended.

    python3 /work/shared/eval/score.py Benchmarks/Quality/heldout3/src/oracle.py --set Benchmarks/Quality/heldout3

It serves every set under Benchmarks/Quality (heldout, heldout2, heldout3; copied from heldout/src/oracle.py): the passage is found by its text. Every figure
should be 1.000 (not_dates hit 0). It never runs Dala.
"""
import glob
import json, os, sys

sys.dont_write_bytecode = True
sys.path.insert(0, "/work/shared/eval")
from build import find_nth  # noqa: E402

SETS = sorted(glob.glob(os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "*", "passages.jsonl")))

def main():
    if "--help" in sys.argv:
        print("usage: oracle analyze FILE [--date YYYY-MM-DD]")
        return
    text = open(sys.argv[2], encoding="utf-8").read()
    path, p = next((path, json.loads(l)) for path in SETS for l in open(path, encoding="utf-8") if json.loads(l)["text"] == text)
    reg = {r["key"]: r for r in map(json.loads, open(os.path.join(os.path.dirname(path), "registry.jsonl"), encoding="utf-8"))}
    keys = {a["key"] for a in p["entities"]} | {k for e in p["events"] for k in e["participants"]}
    ents = [{"id": k, "qid": reg[k]["qid"], "labels": {"en": [reg[k]["en"][0]]}} for k in sorted(keys)]
    mentions = []
    for a in p["entities"]:
        s = find_nth(text, a["text"], a["n"])
        mentions.append({"span": [s, s + len(a["text"])], "entityID": a["key"]})
    times = []
    for d in p["dates"]:
        s = find_nth(text, d["text"], d["n"])
        times.append({"span": [s, s + len(d["text"])], "value": d["value"]})
    events = [{"type": e["type"], "modality": e["modality"], "mentions": [{"evidence": e["evidence"]}],
               "participants": [{"entityID": k} for k in e["participants"]],
               "date": {"value": e["date"]} if e["date"] else None} for e in p["events"]]
    print(json.dumps({"entities": {"entities": ents, "mentions": mentions},
                      "events": {"times": times, "events": events}}, ensure_ascii=False))

main()
