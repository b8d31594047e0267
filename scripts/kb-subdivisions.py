#!/usr/bin/env python3
"""Rebuild Shared/DalaEntities/Resources/kb/subdivisions.kb from ISO 3166-2 (Debian's `iso-codes`).

    apt-get install iso-codes        # /usr/share/iso-codes/json/iso_3166-2.json + /usr/share/locale/*/LC_MESSAGES/iso_3166-2.mo
    python3 scripts/kb-subdivisions.py [--countries KZ,KG,UZ,TJ,TM,AF,CN-XJ] [--with RU,MN] [--check]

For every first-level subdivision of the chosen states (`CN-XJ` picks one subdivision only):
- it is merged into an existing knowledge-base entity when one already stands for it: a row carrying
  `iso2: CODE`, the id given in scripts/data/subdivisions.tsv, or a `place` row of the same state whose Russian
  name equals the iso-codes Russian name (cities excluded: a province is not its capital). Merging writes (or refreshes) `iso2: CODE` on that row in its own
  file; the row's names stay as curated (iso-codes' bare Russian names such as «Ташкент» for the Tashkent
  Region would collide with the city).
- otherwise it becomes a row of subdivisions.kb (`dala:iso-<code>`) with `source:` saying where each name
  came from: en from the ISO name (diacritics folded) plus the subdivision type (`Badakhshan Province`), ru
  from iso_3166-2.mo (`провинция X` for provinces whose translation is a bare name), ky from its .mo when it
  differs from the source name, kk `X провинциясы` derived from the Russian bare name of a province; names in
  scripts/data/subdivisions.tsv override or extend these. A generated name equal to a name of another entity
  (a city called like its province) is left out and reported.
iso-codes has no Kazakh catalogue and few Kyrgyz names, so kk/ky come mostly from the curated table.
--check exits 1 when the files on disk differ from what the script would write (for CI); nothing is written.
"""
import argparse, gettext, json, os, re, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KB = os.path.join(ROOT, "Shared", "DalaEntities", "Resources", "kb")
OUT = os.path.join(KB, "subdivisions.kb")
CURATED = os.path.join(ROOT, "scripts", "data", "subdivisions.tsv")
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-2.json"
LOCALE = "/usr/share/locale"
STATES = {"KZ": "Q232", "KG": "Q813", "UZ": "Q265", "TJ": "Q863", "TM": "Q874", "AF": "Q889", "CN": "Q148",
          "RU": "Q159", "MN": "Q711"}
EN_SUFFIX = {"Province": "Province", "Region": "Region", "Oblast": "Oblast", "Autonomous region": "",
             "City": "", "Capital city": "", "Capital territory": "", "Republic": "", "Municipality": ""}


def fold(s):
    s = s.replace("‘", "'").replace("’", "'").replace("ʻ", "'")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
    return s.replace("ı", "i")


def norm(s):
    return re.sub(r"\s+", " ", s.casefold().replace("ё", "е")).strip()


def read_kb():
    """-> rows: list of (file, line number, id, type, {key: [values]}) and a name index norm(name) -> ids."""
    rows, names = [], {}
    for fn in sorted(os.listdir(KB)):
        if not fn.endswith(".kb") or fn == os.path.basename(OUT):
            continue
        for i, line in enumerate(open(os.path.join(KB, fn), encoding="utf-8")):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split(" | ")
            fields = {}
            for p in parts[2:]:
                k, _, v = p.partition(": ")
                fields[k.strip()] = [x.strip() for x in v.split(";") if x.strip()]
            rows.append((fn, i, parts[0].strip(), parts[1].strip(), fields))
            for k in ("en", "ru", "kk", "ky"):
                for n in fields.get(k, []):
                    names.setdefault(norm(n), set()).add(parts[0].strip())
    return rows, names


def read_curated():
    out = {}
    for line in open(CURATED, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        cols += ["-"] * (6 - len(cols))
        code, ident = cols[0], cols[1]
        langs = {}
        for lang, v in zip(("en", "ru", "kk", "ky"), cols[2:6]):
            if v != "-":
                langs[lang] = [x.strip() for x in v.split(";") if x.strip()]
        out[code] = (None if ident == "-" else ident, langs)
    return out


def translator(lang):
    try:
        return gettext.translation("iso_3166-2", LOCALE, [lang]).gettext
    except OSError:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--countries", default="KZ,KG,UZ,TJ,TM,AF,CN-XJ")
    ap.add_argument("--with", dest="extra", default="", help="more states, e.g. RU,MN")
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    wanted = [c for c in (a.countries + "," + a.extra).split(",") if c]
    if not os.path.exists(ISO_JSON):
        sys.exit(f"{ISO_JSON} missing: apt-get install iso-codes")
    entries = json.load(open(ISO_JSON, encoding="utf-8"))["3166-2"]
    version = "iso-codes"
    try:
        import subprocess
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"], capture_output=True, text=True).stdout
        if v:
            version = f"iso-codes {v}"
    except OSError:
        pass
    tr = {l: translator(l) for l in ("ru", "ky", "kk")}
    rows, names = read_kb()
    curated = read_curated()
    ids = {r[2] for r in rows}
    by_iso2 = {r[4]["iso2"][0]: r[2] for r in rows if "iso2" in r[4]}
    merges, new_rows, report = {}, [], []
    for e in sorted(entries, key=lambda e: e["code"]):
        code, state = e["code"], e["code"][:2]
        if "parent" in e or not any(code == w or (len(w) == 2 and state == w) for w in wanted):
            continue
        src = e["name"]
        ru = tr["ru"](src) if tr["ru"] else src
        ky = tr["ky"](src) if tr["ky"] else src
        cur_id, cur_names = curated.get(code, (None, {}))
        target = by_iso2.get(code) or cur_id
        if target is None and ru != src:
            hits = [r[2] for r in rows if r[3] == "place" and STATES[state] in r[4].get("part", [])
                    and not r[2].startswith("dala:city-") and "capital" not in r[4]
                    and norm(ru) in map(norm, r[4].get("ru", []))]
            target = hits[0] if len(hits) == 1 else None
        if target is not None:
            if target not in ids:
                sys.exit(f"{code}: {target} is not in the knowledge base (scripts/data/subdivisions.tsv)")
            merges[target] = code
            continue
        # a new row
        how = {}
        suffix = EN_SUFFIX.get(e["type"], "")
        en_label = fold(src) + (f" {suffix}" if suffix and not fold(src).endswith(suffix) else "")
        langs = {"en": [en_label]}
        how["en"] = "ISO name"
        if ru != src:
            bare = " " not in ru and e["type"] == "Province"
            langs["ru"] = [f"провинция {ru}"] if bare else [ru]
            how["ru"] = "iso_3166-2.mo"
            if bare:
                langs["kk"] = [f"{ru} провинциясы"]
                how["kk"] = "derived from ru"
        if ky != src:
            langs["ky"] = [ky]
            how["ky"] = "iso_3166-2.mo"
        for lang, vals in cur_names.items():
            langs[lang] = vals + [v for v in langs.get(lang, []) if v not in vals]
            how[lang] = "curated"
        for lang in list(langs):
            keep = []
            for n in langs[lang]:
                clash = names.get(norm(n), set())
                if clash:
                    report.append(f"{code}: {lang} name {n!r} left out (also {', '.join(sorted(clash))})")
                else:
                    keep.append(n)
            if keep:
                langs[lang] = keep
            else:
                del langs[lang]
                how.pop(lang, None)
        if not langs:
            report.append(f"{code}: no name left, skipped")
            continue
        ident = "dala:iso-" + code.lower()
        fields = [f"{l}: {'; '.join(langs[l])}" for l in ("en", "ru", "kk", "ky") if l in langs]
        fields += [f"iso2: {code}", f"part: {STATES[state]}",
                   "source: " + version + " (" + ", ".join(f"{l} {how[l]}" for l in ("en", "ru", "kk", "ky") if l in how) + ")"]
        new_rows.append(f"{ident} | place | " + " | ".join(fields))
    # write the generated file
    text = ("# Generated by scripts/kb-subdivisions.py from ISO 3166-2 (Debian iso-codes) and scripts/data/subdivisions.tsv:\n"
            "# first-level subdivisions of " + ", ".join(wanted) + " that no curated row stands for (the merged ones carry\n"
            "# `iso2:` in their own file). Do not edit by hand: edit the curated table and rerun the script.\n"
            + "".join(r + "\n" for r in new_rows))
    changed = []
    old = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else ""
    if old != text:
        changed.append(OUT)
        if not a.check:
            open(OUT, "w", encoding="utf-8").write(text)
    # merge: set iso2 on the curated rows
    by_file = {}
    for fn, i, ident, _, fields in rows:
        if ident in merges and fields.get("iso2", [None])[0] != merges[ident]:
            by_file.setdefault(fn, []).append((i, merges[ident]))
    for fn, edits in by_file.items():
        path = os.path.join(KB, fn)
        lines = open(path, encoding="utf-8").read().split("\n")
        for i, code in edits:
            parts = [p for p in lines[i].split(" | ") if not p.startswith("iso2: ")]
            # keep iso2 before part/relations for readability: insert after the names
            at = next((k for k, p in enumerate(parts) if k >= 2 and p.split(":")[0] in
                       ("part", "capital", "from", "to", "note", "pred", "succ")), len(parts))
            parts.insert(at, f"iso2: {code}")
            lines[i] = " | ".join(parts)
        changed.append(path)
        if not a.check:
            open(path, "w", encoding="utf-8").write("\n".join(lines))
    print(f"{len(new_rows)} new rows in {os.path.relpath(OUT, ROOT)}, {len(merges)} merged into existing rows "
          f"({sum(len(v) for v in by_file.values())} rows updated)")
    for r in report:
        print("note:", r)
    if a.check and changed:
        print("out of date:", ", ".join(os.path.relpath(c, ROOT) for c in changed))
        sys.exit(1)


if __name__ == "__main__":
    main()
