"""`dala analyze` on the passages of an evaluation set, through score.py's own runner, with an optional cache folder
(one JSON per passage id). Shared by scripts/event-errors.py and scripts/date-errors.py; a development aid only."""
import json
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor


def analyses(score, dala, passages, cache=""):
    """The outputs for `passages`, in order ({} for a run that failed, reported on stderr)."""
    def run(p):
        path = os.path.join(cache, p["id"] + ".json") if cache else ""
        if path and os.path.exists(path):
            return json.load(open(path, encoding="utf-8"))
        with tempfile.TemporaryDirectory() as tmp:
            doc, err = score.run_dala(dala, p, tmp, True)
        if err:
            print("run failed", p["id"], err, file=sys.stderr)
        if path and doc is not None:
            os.makedirs(cache, exist_ok=True)
            json.dump(doc, open(path, "w", encoding="utf-8"), ensure_ascii=False)
        return doc or {}

    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(run, passages))
