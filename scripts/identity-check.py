#!/usr/bin/env python3
"""Identity check for the analyser: `dala analyze` output on every text we have, before and after a change.

  scripts/identity-check.py save  [DALA]   analyse everything, keep the outputs in .local/identity/baseline.tsv
                                           and their digests in scripts/identity-baseline.sha256 (committed)
  scripts/identity-check.py check [DALA]   analyse again and compare with the digests (and, when the local
                                           baseline is there, show where the first differing outputs part)

Inputs: the sample corpus (../shared/corpus), the demo corpus, the stage-1 text fixtures, every passage of the
entity and event fixtures, and ../shared/eval/passages.jsonl (each with its date). Inputs missing on this machine
(no ../shared) are reported and skipped. The digests hold no text, so no corpus sentence enters the repository.
"""
import glob, hashlib, json, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIGESTS = os.path.join(ROOT, "scripts", "identity-baseline.sha256")
LOCAL = os.path.join(ROOT, ".local", "identity")


def inputs():
    out = []
    def add_files(pattern, prefix):
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            with open(path, encoding="utf-8") as f:
                out.append({"id": prefix + os.path.basename(path), "text": f.read()})
    add_files("../shared/corpus/*.txt", "corpus/")
    add_files("deploy/demo-corpus/*.txt", "demo/")
    add_files("Tests/DalaTextTests/Fixtures/*.txt", "text-fixture/")
    annotated = re.compile(r"\[([^\]]*)\]\{[^}]*\}")
    for path in sorted(glob.glob(os.path.join(ROOT, "Tests/*/Fixtures/*.txt"))):
        if "DalaTextTests" in path or "fuzz-regressions" in path:
            continue
        name = os.path.relpath(path, ROOT)
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = re.match(r"^([a-z]{2})\|\s?(.*)$", line.rstrip("\n"))
                if m:
                    out.append({"id": f"{name}:{n}", "text": annotated.sub(r"\1", m.group(2))})
    event_sets = sorted(glob.glob(os.path.join(ROOT, "Tests/*/Fixtures/*.json"))) + \
        sorted(glob.glob(os.path.join(ROOT, "Shared/DalaEvaluation/Resources/evaluation.json")))
    for path in event_sets:
        name = os.path.relpath(path, ROOT)
        with open(path, encoding="utf-8") as f:
            cases = json.load(f)
        if isinstance(cases, dict):
            cases = cases.get("cases", [])
        for k, c in enumerate(cases):
            if isinstance(c, dict) and "text" in c:
                item = {"id": f"{name}:{c.get('id', k)}", "text": c["text"]}
                if c.get("documentDate"):
                    item["date"] = c["documentDate"]
                out.append(item)
    passages = os.path.join(ROOT, "../shared/eval/passages.jsonl")
    if os.path.exists(passages):
        with open(passages, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    p = json.loads(line)
                    out.append({"id": "eval/" + p["id"], "text": p["text"], "date": p.get("published")})
    return out


def analyse(dala, items):
    os.makedirs(LOCAL, exist_ok=True)
    path = os.path.join(LOCAL, "inputs.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    result = subprocess.run([dala, "analyze", "--jsonl", path], capture_output=True, check=True)
    outputs = {}
    for line in result.stdout.decode("utf-8").splitlines():
        key, _, json_text = line.partition("\t")
        outputs[key] = json_text
    return outputs


def digest(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in ("save", "check"):
        print(__doc__)
        sys.exit(2)
    dala = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, ".build/debug/dala")
    items = inputs()
    outputs = analyse(dala, items)
    if sys.argv[1] == "save":
        with open(os.path.join(LOCAL, "baseline.tsv"), "w", encoding="utf-8") as f:
            for k, v in outputs.items():
                f.write(k + "\t" + v + "\n")
        with open(DIGESTS, "w") as f:
            for k, v in outputs.items():
                f.write(f"{digest(v)}  {k}\n")
        print(f"saved {len(outputs)} outputs ({len(items)} inputs) to {os.path.relpath(DIGESTS, ROOT)}")
        return
    expected = {}
    with open(DIGESTS) as f:
        for line in f:
            h, _, k = line.rstrip("\n").partition("  ")
            expected[k] = h
    baseline = {}
    path = os.path.join(LOCAL, "baseline.tsv")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition("\t")
                baseline[k] = v
    different, missing = [], [k for k in expected if k not in outputs]
    new = [k for k in outputs if k not in expected]
    for k, h in expected.items():
        if k in outputs and digest(outputs[k]) != h:
            different.append(k)
    for k in different[:5]:
        print(f"DIFFERENT {k}")
        if k in baseline:
            a, b = baseline[k], outputs[k]
            i = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            print(f"  before: …{a[max(0, i - 150):i + 150]}…\n  after:  …{b[max(0, i - 150):i + 150]}…")
    if len(different) > 5:
        print("DIFFERENT also: " + ", ".join(different[5:]))
    print(f"identity: {len(expected) - len(missing) - len(different)} identical, {len(different)} different, "
          f"{len(missing)} not available here, {len(new)} new inputs without a baseline")
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
