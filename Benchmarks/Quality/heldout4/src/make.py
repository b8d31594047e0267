#!/usr/bin/env python3
"""Assemble the held-out set heldout4 from the hand-written sources in this folder and validate it.

    python3 Benchmarks/Quality/heldout4/src/make.py [--uncovered]

Sources: registry.py (R(...) entries: keys reused from ../../heldout3/src/registry.py (itself reused from
../../heldout/src/registry.py), plus the keys new in this set), kk.py / ru.py / en.py (P(...) passages), dyads.py (Y(...): actor and
target of an event, added to it as "actor" / "target" (and "mutual"), as in ../../heldout/src/make.py).
Mentions and dates are listed in reading order; `n` (the occurrence of the exact string) is computed from that
order like score.py counts it (string occurrences, not overlapping), so "Тоқаев" inside "Қасым-Жомарт Тоқаев"
makes a later bare "Тоқаев" n=2.
Writes ../passages.jsonl and ../registry.jsonl (only the keys the passages use) and runs check_passage of
/work/shared/eval/build.py plus the checks listed in ../README.md. `--uncovered` lists capitalised words that
no mention or date covers (a reviewing aid).
"""
# The generator and checks are heldout3's (`../../heldout3/src/make.py`), run on this folder; texts 450-900 characters.
import importlib.util, os, sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "heldout3_make", os.path.join(os.path.dirname(os.path.dirname(HERE)), "heldout3", "src", "make.py"))
_make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_make)

if __name__ == "__main__":
    _make.main(here=HERE, min_chars=450)
