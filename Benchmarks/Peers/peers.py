#!/usr/bin/env python3
"""Dala against Natasha (Russian NER: PER/LOC/ORG) on our annotated entity fixtures and the sample corpus.

Both tools are scored by the same code on the same mapped types:
  gold person -> PER; country, place -> LOC; organization -> ORG.
  people, agreement, programme have no Natasha counterpart: excluded from the gold, and a prediction of
  either tool that overlaps an excluded gold mention counts neither way (Natasha tagging a programme ORG is
  not a false positive). Dala predictions of those types are dropped.
Offsets are Unicode code points (Python str indices), the unit of the fixtures and of `dala analyze`.

Usage: peers.py --dala PATH/TO/dala [--repo .] [--corpus DIR] [--errors N]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import time

MAP = {"person": "PER", "country": "LOC", "place": "LOC", "organization": "ORG"}
EXCLUDED = {"people", "agreement", "programme", "other"}
GOLD_TYPES = set(MAP) | EXCLUDED - {"other"}
LANGS = ["kk", "ru", "en"]


# ---------------------------------------------------------------- fixtures

def squash(s):
    """A surface on one line (spans of the real documents can cross line breaks)."""
    return " ".join(s.split())


def parse_annotated(text):
    """Port of EntityEvaluation.parse (Shared/DalaEntities/Evaluation.swift): `kk| text with [surface]{type:id:kind}`."""
    passages = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "|" not in line:
            continue
        lang, body = line.split("|", 1)
        if lang not in ("kk", "ru", "en", "ky", "uz", "tt", "other", "unknown"):
            continue
        body = body.lstrip(" ")
        out, gold, i = [], [], 0
        while i < len(body):
            c = body[i]
            close = body.find("]", i)
            if c == "[" and close != -1 and close + 1 < len(body) and body[close + 1] == "{" and body.find("}", close) != -1:
                brace = body.find("}", close)
                surface = body[i + 1:close]
                parts = body[close + 2:brace].split(":")
                start = sum(len(s) for s in out)
                out.append(surface)
                if parts[0] in GOLD_TYPES or parts[0] == "other":
                    rest = parts[1:]
                    kind = "name"
                    if rest and rest[-1] in ("adj", "met", "acr"):
                        kind = {"adj": "adjective", "met": "metonymy", "acr": "acronym"}[rest.pop()]
                    gold.append({"start": start, "end": start + len(surface), "type": parts[0],
                                 "id": ":".join(rest) or None, "kind": kind, "surface": surface})
                i = brace + 1
            else:
                out.append(c)
                i += 1
        passages.append({"lang": lang, "text": "".join(out), "gold": gold})
    return passages


# ---------------------------------------------------------------- the two tools

class Natasha:
    def __init__(self):
        from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter
        self.Doc = Doc
        self.segmenter = Segmenter()
        self.tagger = NewsNERTagger(NewsEmbedding())

    def spans(self, text):
        doc = self.Doc(text)
        doc.segment(self.segmenter)
        doc.tag_ner(self.tagger)
        return [{"start": s.start, "end": s.stop, "type": s.type, "surface": squash(s.text)} for s in doc.spans]


def dala_analyze(dala, text):
    """`dala analyze - --compact` on one text: the release CLI, the same pipeline the enrichment service runs."""
    run = subprocess.run([dala, "analyze", "-", "--compact"], input=text.encode(), capture_output=True, check=True)
    return json.loads(run.stdout)


def dala_spans(analysis):
    """Dala's mentions as (span, native type, mapped type)."""
    types = {e["id"]: e["type"] for e in analysis["entities"]["entities"]}
    out = []
    for m in analysis["entities"]["mentions"]:
        t = types.get(m["entityID"], "other")
        out.append({"start": m["span"]["start"], "end": m["span"]["end"], "native": t, "type": MAP.get(t),
                    "id": m["entityID"], "kind": m.get("kind", "name"), "surface": squash(m["surface"]),
                    "sentence": m.get("sentenceIndex")})
    return out


# ---------------------------------------------------------------- scoring

def overlaps(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


def match(gold, pred, exact):
    """One-to-one matching of gold and predicted mentions of the same mapped type; returns (tp, fp, fn, errors)."""
    pred = list(pred)
    tp, errors = 0, []
    missed = []
    for g in gold:
        hit = None
        for k, p in enumerate(pred):
            if p["type"] == g["type"] and ((p["start"], p["end"]) == (g["start"], g["end"]) if exact else overlaps(p, g)):
                hit = k
                break
        if hit is None:
            missed.append(g)
        else:
            tp += 1
            pred.pop(hit)
    for g in missed:
        near = [p for p in pred if overlaps(p, g)]
        note = " (got " + ", ".join(f"{p['surface']}/{p['type']}" for p in near) + ")" if near else ""
        errors.append(f"missed {g['surface']}/{g['type']}{note}")
    for p in pred:
        errors.append(f"spurious {p['surface']}/{p['type']}")
    return tp, len(pred), len(missed), errors


class Table:
    """tp/fp/fn per (set, tool, match, language, type)."""

    def __init__(self):
        self.cells = collections.defaultdict(lambda: [0, 0, 0])

    def add(self, key, lang, typ, tp, fp, fn):
        for l in (lang, "all"):
            for t in (typ, "all"):
                c = self.cells[key + (l, t)]
                c[0] += tp; c[1] += fp; c[2] += fn

    def prf(self, key, lang, typ="all"):
        tp, fp, fn = self.cells.get(key + (lang, typ), [0, 0, 0])
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f, tp + fn


def score_set(names, passages, natasha, dala, table, errors, timing):
    """Scores every passage under each key in `names` (a set and, for held-out sets, their union)."""
    name = names[0]
    for passage in passages:
        text, lang = passage["text"], passage["lang"]
        t0 = time.perf_counter()
        nat = natasha.spans(text)
        t1 = time.perf_counter()
        dal = dala_spans(dala_analyze(dala, text))
        t2 = time.perf_counter()
        timing["natasha"] += t1 - t0
        timing["dala"] += t2 - t1
        excluded = [g for g in passage["gold"] if g["type"] in EXCLUDED]
        for variant, keep_adj in (("names", False), ("with-adj", True)):
            gold = [dict(g, type=MAP[g["type"]]) for g in passage["gold"] if g["type"] in MAP
                    and (keep_adj or g["kind"] != "adjective")]
            # A gold mention left out of this variant must not make a prediction on it a false positive.
            neutral = excluded + ([] if keep_adj else [g for g in passage["gold"] if g["kind"] == "adjective"])
            for tool, pred in (("natasha", nat), ("dala", [d for d in dal if d["type"]])):
                pred = [p for p in pred if not any(overlaps(p, n) for n in neutral)
                        or any(overlaps(p, g) for g in gold)]
                for exact in (True, False):
                    for typ in ("PER", "LOC", "ORG"):
                        g_t = [g for g in gold if g["type"] == typ]
                        p_t = [p for p in pred if p["type"] == typ]
                        tp, fp, fn, errs = match(g_t, p_t, exact)
                        for n in names:
                            table.add((n, variant, tool, "exact" if exact else "overlap"), lang, typ, tp, fp, fn)
                        if variant == "names" and exact:
                            errors[(name, tool, lang)] += [f"{e}   | {text}" for e in errs]
        # Sanity check against `dala bench`: Dala's own types, exact span + type, every gold mention.
        tp, fp, fn, _ = match([dict(g, type=g["type"]) for g in passage["gold"]],
                              [dict(d, type=d["native"]) for d in dal], True)
        for n in names:
            table.add((n, "native", "dala", "exact"), lang, "all", tp, fp, fn)


def fmt(v):
    return f"{v:.3f}"


def print_fixture_tables(table, sets, errors, show_errors):
    for name, count in sets:
        for variant, title in (("names", "names and acronyms (adjective references excluded)"),
                               ("with-adj", "including adjective references (қазақстандық, российские)")):
            print(f"\n== {name}, {count} passages: {title}")
            print("lang  gold | Dala exact        | Natasha exact     | Dala overlap      | Natasha overlap")
            print("           |  P     R     F1   |  P     R     F1   |  P     R     F1   |  P     R     F1")
            for lang in LANGS + ["all"]:
                cols = []
                for m in ("exact", "overlap"):
                    for tool in ("dala", "natasha"):
                        p, r, f, gold = table.prf((name, variant, tool, m), lang)
                        cols.append((p, r, f))
                print(f"{lang:5} {gold:4} | " + " | ".join(f"{fmt(p)} {fmt(r)} {fmt(f)}" for p, r, f in cols))
            if variant == "names":
                print("per type, all languages (exact):  " + "   ".join(
                    f"{typ} Dala F1 {fmt(table.prf((name, variant, 'dala', 'exact'), 'all', typ)[2])} "
                    f"Natasha F1 {fmt(table.prf((name, variant, 'natasha', 'exact'), 'all', typ)[2])}"
                    for typ in ("PER", "LOC", "ORG")))
                print("per type, kk only (exact):        " + "   ".join(
                    f"{typ} Dala F1 {fmt(table.prf((name, variant, 'dala', 'exact'), 'kk', typ)[2])} "
                    f"Natasha F1 {fmt(table.prf((name, variant, 'natasha', 'exact'), 'kk', typ)[2])}"
                    for typ in ("PER", "LOC", "ORG")))
        p, r, f, _ = table.prf((name, "native", "dala", "exact"), "all")
        print(f"check: Dala on its own types, exact span + type, all gold (as `dala bench`): P {fmt(p)} R {fmt(r)} F1 {fmt(f)}")
        if show_errors:
            for tool in ("natasha", "dala"):
                for lang in LANGS:
                    errs = errors[(name, tool, lang)]
                    if errs:
                        print(f"-- {tool} errors, {name}, {lang} ({min(show_errors, len(errs))} of {len(errs)}, exact, names):")
                        for e in errs[:show_errors]:
                            print("   " + e)


# ---------------------------------------------------------------- the real sample documents

def cleaned_to_original(offset_map):
    """A function from a cleaned-text offset to the original-text offset (the offsetMap runs of SCHEMA.md)."""
    runs = sorted(zip(offset_map["cleaned"], offset_map["original"], offset_map["length"]))

    def convert(c):
        lo, hi = 0, len(runs) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            cs, os_, n = runs[mid]
            if c < cs:
                hi = mid - 1
            elif c >= cs + n:
                lo = mid + 1
            else:
                return os_ + (c - cs)
        return None
    return convert


# Kazakh case, possessive and attributive endings (after the stem or after a hyphen: НАТО-ның, Одақтың, одағына).
KK_ENDINGS = {
    "ның", "нің", "дың", "дің", "тың", "тің", "ң",            # genitive
    "ға", "ге", "қа", "ке", "на", "не", "а", "е",              # dative
    "ны", "ні", "ды", "ді", "ты", "ті", "н",                    # accusative
    "да", "де", "та", "те", "нда", "нде",                      # locative
    "дан", "ден", "тан", "тен", "нан", "нен",                  # ablative
    "мен", "бен", "пен",                                       # instrumental
    "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі",          # attributive -ғы
    "сыз", "сіз",                                              # privative
}
KK_SOFTENING = {"қ": "ғ", "к": "г", "п": "б"}  # stem-final consonant before a vowel: одақ → одағы


def kazakh_inflected(surface, names):
    """True when `surface` is one of the entity's names plus a Kazakh ending (Қазақстанның, НАТО-ға, Одақтың)."""
    s = re.sub(r"-\s+(?=[а-яәғқңөұүһі])", "", surface.lower())  # a word hyphenated across a line break
    if s in names:
        return False
    for n in names:
        stems = [n] + ([n[:-1] + KK_SOFTENING[n[-1]]] if n and n[-1] in KK_SOFTENING else [])
        for stem in stems:
            if s.startswith(stem):
                rest = s[len(stem):].lstrip("-'’")
                if rest in KK_ENDINGS or (rest[:1] in ("ы", "і") and rest[1:] in KK_ENDINGS | {""}) \
                        or (rest[:2] in ("сы", "сі") and rest[2:] in KK_ENDINGS | {""}):
                    return True
    return False


def corpus_report(corpus, natasha, dala, examples):
    """Kazakh-inflected country and organisation mentions in the real documents: how each tool handles them.

    A mention is Kazakh-inflected when Dala puts it in a Kazakh sentence and its surface is one of the entity's
    labels or aliases plus a Kazakh ending (`kazakh_inflected`); misspellings, short forms and line-broken names
    are left out. Natasha reads the same repaired text (Dala's stage 1 `cleanedText`, the kindest input), its spans
    mapped back to original offsets. The mentions are Dala's own output (no gold on these documents): read the
    per-entity list to judge them.
    """
    files = sorted(f for f in os.listdir(corpus) if f.endswith(".txt"))
    totals = collections.Counter()
    per_entity = collections.defaultdict(lambda: {"mentions": 0, "forms": collections.Counter(), "label": ""})
    natasha_outcome = collections.defaultdict(collections.Counter)
    natasha_loc_org_kk = 0
    natasha_forms = collections.Counter()
    error_examples = collections.defaultdict(list)
    surfaces = collections.defaultdict(set)  # every surface of a country/organisation in Kazakh sentences
    print(f"\n== sample corpus ({corpus}, {len(files)} documents): Kazakh-inflected country/organisation mentions")
    print("file                       kk-infl  entities  forms | Natasha on those: exact  overlap  wrong-type  missed | Natasha LOC/ORG spans in kk")
    for name in files:
        text = open(os.path.join(corpus, name), encoding="utf-8").read()
        a = dala_analyze(dala, text)
        sentences = a["text"]["sentences"]
        entities = {e["id"]: e for e in a["entities"]["entities"]}
        to_orig = cleaned_to_original(a["text"]["offsetMap"])
        nat = []
        for s in natasha.spans(a["text"]["cleanedText"]):
            start, last = to_orig(s["start"]), to_orig(s["end"] - 1)
            if start is not None and last is not None:
                nat.append(dict(s, start=start, end=last + 1))
        kk_spans = [(s["span"]["start"], s["span"]["end"]) for s in sentences if s["language"] == "kk"]

        def in_kk(m):
            return any(a0 <= m["start"] < b0 for a0, b0 in kk_spans)

        doc = collections.Counter()
        ents, forms = set(), set()
        for m in dala_spans(a):
            if m["native"] not in ("country", "organization") or m["kind"] == "adjective":
                continue
            sentence = sentences[m["sentence"]] if m["sentence"] is not None and m["sentence"] < len(sentences) else None
            if sentence is None or sentence["language"] != "kk":
                continue
            e = entities[m["id"]]
            surfaces[m["id"]].add(m["surface"])
            names = {squash(n).lower() for n in list(e.get("labels", {}).values()) + list(e.get("aliases", []))}
            if not kazakh_inflected(m["surface"], names):
                continue
            doc["mentions"] += 1
            ents.add(m["id"]); forms.add(m["surface"])
            pe = per_entity[m["id"]]
            pe["mentions"] += 1; pe["forms"][m["surface"]] += 1
            pe["label"] = e.get("labels", {}).get("kk") or e.get("labels", {}).get("en") or m["id"]
            want = MAP[m["native"]]
            exact = [p for p in nat if (p["start"], p["end"]) == (m["start"], m["end"])]
            near = [p for p in nat if overlaps(p, m)]
            if any(p["type"] == want for p in exact):
                outcome = "exact"
            elif any(p["type"] == want for p in near):
                outcome = "overlap"
                error_examples["partial span"].append(f"{m['surface']} -> " + ", ".join(p["surface"] + "/" + p["type"] for p in near))
            elif near:
                outcome = "wrong-type"
                error_examples["wrong type"].append(f"{m['surface']} ({want}) -> " + ", ".join(p["surface"] + "/" + p["type"] for p in near))
            else:
                outcome = "missed"
                error_examples["missed"].append(m["surface"])
            doc[outcome] += 1
            natasha_outcome[m["id"]][outcome] += 1
        nat_kk = [p for p in nat if p["type"] in ("LOC", "ORG") and in_kk(p)]
        natasha_loc_org_kk += len(nat_kk)
        natasha_forms.update(p["surface"] for p in nat_kk)
        totals.update(doc)
        print(f"{name:26} {doc['mentions']:7}  {len(ents):8}  {len(forms):5} | {'':17}{doc['exact']:5}  {doc['overlap']:7}  "
              f"{doc['wrong-type']:10}  {doc['missed']:6} | {len(nat_kk)}")
    all_forms = sum(len(v["forms"]) for v in per_entity.values())
    print(f"{'all':26} {totals['mentions']:7}  {len(per_entity):8}  {all_forms:5} | {'':17}{totals['exact']:5}  "
          f"{totals['overlap']:7}  {totals['wrong-type']:10}  {totals['missed']:6} | {natasha_loc_org_kk}")
    print(f"Dala links {totals['mentions']} Kazakh-inflected mentions ({all_forms} distinct surface forms) to "
          f"{len(per_entity)} canonical entities; Natasha has no linking (0), and finds {totals['exact']} of them with the "
          f"exact span and type.")
    multi = {k: v for k, v in surfaces.items() if len(v) > 1}
    print(f"In Kazakh sentences {len(multi)} countries/organisations occur in more than one surface form "
          f"({sum(len(v) for v in multi.values())} forms, base forms included); Dala gives each form its entity's one id.")
    print("by entity (Dala's inflected mentions: forms) and Natasha's outcome on them:")
    for eid, v in sorted(per_entity.items(), key=lambda kv: -kv[1]["mentions"])[:examples]:
        forms = ", ".join(f"{f}×{n}" for f, n in v["forms"].most_common())
        o = natasha_outcome[eid]
        print(f"  {v['label']} ({eid}): {v['mentions']} — {forms} | Natasha exact {o['exact']}, overlap {o['overlap']}, "
              f"wrong type {o['wrong-type']}, missed {o['missed']}")
    print("Natasha's most frequent LOC/ORG surfaces in Kazakh sentences: "
          + ", ".join(f"{f}×{n}" for f, n in natasha_forms.most_common(examples)))
    for kind, items in error_examples.items():
        common = collections.Counter(items).most_common(examples)
        print(f"Natasha {kind} ({len(items)}): " + "; ".join(f"{s}×{n}" for s, n in common))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dala", required=True, help="the release `dala` binary")
    ap.add_argument("--repo", default=".", help="repository root (fixtures under Tests/)")
    ap.add_argument("--corpus", default=None, help="directory of sample .txt documents (default ../shared/corpus, else deploy/demo-corpus)")
    ap.add_argument("--errors", type=int, default=8, help="errors / examples to print per cell (0: none)")
    args = ap.parse_args()

    natasha = Natasha()
    table, errors = Table(), collections.defaultdict(list)
    timing = collections.Counter()
    sets = []
    fixtures = os.path.join(args.repo, "Tests/DalaEntitiesTests/Fixtures")
    heldout = sorted(f for f in os.listdir(fixtures) if f.startswith("heldout") and f.endswith(".txt"))
    union = 0
    for file in ["annotated.txt"] + heldout:
        passages = parse_annotated(open(os.path.join(fixtures, file), encoding="utf-8").read())
        name = "development (annotated.txt)" if file == "annotated.txt" else f"held-out {file}"
        keys = (name,) if file == "annotated.txt" or len(heldout) < 2 else (name, "held-out, all sets")
        score_set(keys, passages, natasha, args.dala, table, errors, timing)
        sets.append((name, len(passages)))
        union += len(passages) if file != "annotated.txt" else 0
    if len(heldout) > 1:
        sets.append(("held-out, all sets", union))
    print("Dala vs Natasha (slovnet NER, news model) on the annotated entity fixtures")
    print("types: person->PER, country/place->LOC, organization->ORG; people/agreement/programme excluded "
          "(predictions on them are neutral)")
    print(f"time: Natasha {timing['natasha']:.1f} s in-process; Dala {timing['dala']:.1f} s "
          "(one `dala analyze` process per passage, start-up included)")
    print_fixture_tables(table, sets, errors, args.errors)

    candidates = [os.path.join(args.repo, "../shared/corpus"), os.path.join(args.repo, "deploy/demo-corpus")]
    corpus = args.corpus or next((d for d in candidates if os.path.isdir(d)), None)
    if corpus:
        corpus_report(os.path.normpath(corpus), natasha, args.dala, max(args.errors, 1))
    else:
        print("\n(no sample corpus: pass --corpus DIR)")


if __name__ == "__main__":
    sys.exit(main())
