#!/usr/bin/env python3
"""Assemble the second held-out set (heldout2) and validate it with the checks of ../../heldout/src/make.py.

    python3 Benchmarks/Quality/heldout2/src/make.py

The registry is heldout's registry.py plus registry_extra.py (keys heldout does not have); passages are
kk.py / ru.py / en.py in this folder. Output: ../passages.jsonl and ../registry.jsonl.
"""
import importlib.util, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.join(os.path.dirname(os.path.dirname(HERE)), "heldout", "src")
sys.dont_write_bytecode = True
spec = importlib.util.spec_from_file_location("heldout_make", os.path.join(BASE, "make.py"))
hm = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hm)

def load(folder, name):
    path = os.path.join(folder, name + ".py")
    s = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(s)
    mod.R, mod.P, mod.D = hm.R, hm.P, hm.D
    s.loader.exec_module(mod)

def main():
    load(BASE, "registry")
    load(HERE, "registry_extra")
    for name in ("kk", "ru", "en"):
        load(HERE, name)
    # reuse heldout's validation and writer with this folder as output and no loading of its own
    hm.OUT = os.path.dirname(HERE)
    hm.load = lambda name: None
    used = set()
    for p in hm.PASSAGES:
        used |= {a["key"] for a in p["entities"]}
        for ev in p["events"]:
            used |= set(ev["participants"])
    keep = [r for r in hm.REG if r["key"] in used]
    hm.REG[:] = keep
    hm.main()

if __name__ == "__main__":
    main()
