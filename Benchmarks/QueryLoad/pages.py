#!/usr/bin/env python3
"""Latency of the web workspace's pages on the query load store: each page shape over several samples, requested one
at a time (a person clicking, not a load test), p50 / p95 / max in milliseconds. Goal (issue 15): p95 < 200 ms.

usage: pages.py BASE_URL GEN_DIR [ROUNDS]   (GEN_DIR: the request samples load.sh writes)
"""
import os
import sys
import time
import urllib.parse
import urllib.request

base, gen = sys.argv[1].rstrip("/"), sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
entities = [l.split("\t") for l in open(os.path.join(gen, "sample-entities.tsv"), encoding="utf-8").read().splitlines() if l]
documents = [l.strip() for l in open(os.path.join(gen, "sample-documents.txt")).read().splitlines() if l.strip()]
q = urllib.parse.quote
names = [e[1] or e[2] or e[3] for e in entities]
shapes = {
    "search /?q=NAME": [f"/?q={q(n)}" for n in names[:10]],
    "search two words": [f"/?q={q(a + ' ' + b)}" for a, b in zip(names[:10], names[10:20])],
    "document /documents/ID": [f"/documents/{d}" for d in documents[:20]],
    "entity /entities/ID (the most mentioned)": [f"/entities/{q(e[0])}" for e in entities[:10]],
    "events /events?participant=ID": [f"/events?participant={q(e[0])}" for e in entities[:10]],
    "events /events?type=agreement": ["/events?type=agreement"],
    "kb /kb": ["/kb"],
    "kb /kb?q=NAME": [f"/kb?q={q(n)}" for n in names[:10]],
}
print(f"{'page':44} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
worst = 0.0
for shape, urls in shapes.items():
    times = []
    for _ in range(rounds):
        for u in urls:
            t = time.perf_counter()
            with urllib.request.urlopen(base + u, timeout=60) as r:
                r.read()
                assert r.status == 200, (u, r.status)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p = lambda x: times[min(len(times) - 1, int(round(x * (len(times) - 1))))]
    worst = max(worst, p(0.95))
    print(f"{shape:44} {len(times):4} {p(0.5):8.1f} {p(0.95):8.1f} {times[-1]:8.1f}")
print(f"worst p95: {worst:.1f} ms (goal < 200 ms)")
