#!/usr/bin/env python3
"""Pipeline benchmark driver: submits NDJSON batches to the ingest API, watches PostgreSQL until every document is
enriched, and prints documents/s, MB/s, freshness (POST → enriched and searchable) and per-stage times.

    bench.py --docs FILE --ingest URL --psql "psql args" --source TAG [--rate DOCS_PER_S] [--batch 100]
             [--concurrency 2] [--metrics URL ...] [--pids PID ...]

--rate 0 submits as fast as the ingest API takes it (throughput); --rate R paces batches so R documents/s arrive
(freshness). Freshness is measured on the client clock: from the start of the POST that carried a document to the
first poll (every 50 ms) that sees it enriched, so it includes ingestion, the queue, analysis, the write and up
to one poll interval.
"""
import argparse
import json
import os
import queue
import statistics
import subprocess
import threading
import time
import urllib.request


class Psql:
    """One long-lived psql process (a new one per poll would cost more CPU than the poll)."""

    def __init__(self, args):
        self.p = subprocess.Popen(args + ["-X", "-q", "-A", "-t", "-F", "\t"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, bufsize=1)

    def query(self, sql):
        self.p.stdin.write(sql.rstrip().rstrip(";") + ";\n\\echo __end__\n")
        self.p.stdin.flush()
        rows = []
        for line in self.p.stdout:
            line = line.rstrip("\n")
            if line == "__end__":
                return rows
            if line:
                rows.append(line.split("\t"))
        raise RuntimeError("psql ended")


def scrape(urls):
    """Sum of every dala_enrichment_* histogram's _sum and _count over the workers' /metrics."""
    totals = {}
    for url in urls:
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode()
        except Exception:
            continue
        for line in body.splitlines():
            if line.startswith("dala_enrichment_") and (" " in line):
                name, value = line.rsplit(" ", 1)
                if name.split("{")[0].endswith(("_sum", "_count")):
                    try:
                        totals[name] = totals.get(name, 0.0) + float(value)
                    except ValueError:
                        pass
    return totals


def cpu_seconds(groups, exclude=()):
    """CPU seconds (user + system) per named group of process trees, e.g. {"postgres": [postmaster pid]}, without the
    processes in `exclude` (the PostgreSQL backend serving this benchmark's own polls)."""
    stats = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                f = open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()
                stats[int(d)] = (int(f[1]), (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK"))
            except (OSError, IndexError, ValueError):
                pass
    children = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    out = {}
    for name, roots in groups.items():
        total, todo = 0.0, list(roots)
        while todo:
            pid = todo.pop()
            if pid in stats and pid not in exclude:
                total += stats[pid][1]
                todo += children.get(pid, [])
        out[name] = total
    return out


def pct(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", required=True)
    ap.add_argument("--ingest", required=True)
    ap.add_argument("--psql", required=True, help="psql command line, e.g. 'psql postgres://…'")
    ap.add_argument("--source", required=True, help="the documents' source field (identifies this run's documents)")
    ap.add_argument("--rate", type=float, default=0)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--metrics", nargs="*", default=[])
    ap.add_argument("--pids", nargs="*", default=[])
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--cpu", nargs="*", default=[], help="NAME=PID[,PID…]: CPU time of these process trees")
    args = ap.parse_args()

    lines = [l for l in open(args.docs, "rb").read().split(b"\n") if l]
    texts_bytes = sum(len(json.loads(l)["text"].encode()) for l in lines)
    batches = [lines[i:i + args.batch] for i in range(0, len(lines), args.batch)]
    db = Psql(args.psql.split())
    before = scrape(args.metrics)
    groups = {g.split("=", 1)[0]: [int(p) for p in g.split("=", 1)[1].split(",") if p] for g in args.cpu}
    # The backend answering the polls below is PostgreSQL work of the benchmark, not of the stack.
    poller = {int(db.query("SELECT pg_backend_pid()")[0][0])}
    cpu_before = cpu_seconds(groups, poller)

    posted = {}  # document id → POST start (client clock)
    lock = threading.Lock()
    work = queue.Queue()
    for i, b in enumerate(batches):
        work.put((i, b))
    errors = []
    t0 = time.time()

    def sender():
        while True:
            try:
                i, b = work.get_nowait()
            except queue.Empty:
                return
            if args.rate > 0:  # batch i is due when i*batch documents have arrived at the target rate
                due = t0 + i * args.batch / args.rate
                if due > time.time():
                    time.sleep(due - time.time())
            start = time.time()
            req = urllib.request.Request(args.ingest + "/v1/documents/batch", data=b"\n".join(b) + b"\n",
                                         headers={"Content-Type": "application/x-ndjson"})
            try:
                out = urllib.request.urlopen(req, timeout=300).read().decode().splitlines()
            except Exception as e:  # noqa: BLE001
                errors.append(str(e))
                continue
            with lock:
                for line in out:
                    r = json.loads(line)
                    if "id" in r:
                        posted.setdefault(r["id"], start)
                    else:
                        errors.append(line)

    threads = [threading.Thread(target=sender) for _ in range(max(1, args.concurrency if args.rate == 0 else 1))]
    for t in threads:
        t.start()

    seen = {}
    last_poll = 0.0
    deadline = t0 + args.timeout
    submitted_at = None
    while time.time() < deadline:
        now = time.time()
        if now - last_poll < 0.05:
            time.sleep(0.05 - (now - last_poll))
        last_poll = time.time()
        rows = db.query(f"SELECT id, status FROM documents WHERE source = '{args.source}' "
                        f"AND status IN ('enriched', 'failed')")
        t = time.time()
        for r in rows:
            seen.setdefault(r[0], (t, r[1]))
        alive = any(th.is_alive() for th in threads)
        if not alive and submitted_at is None:
            submitted_at = time.time()
        if not alive and len(seen) >= len(lines):
            break
    for th in threads:
        th.join()
    end = max((v[0] for v in seen.values()), default=time.time())
    # Stories are linked after the write (a consumer of dala.documents.enriched, schema 0013 on): wait for them too,
    # so the CPU below includes the linking and the run says when its stories had caught up.
    stories_end = None
    if db.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'documents' "
                "AND column_name = 'stories_linked_at'"):
        while time.time() < deadline:
            left = db.query(f"SELECT count(*) FROM documents WHERE source = '{args.source}' AND status = 'enriched' "
                            f"AND stories_linked_at IS NULL")
            if int(left[0][0]) == 0:
                stories_end = time.time()
                break
            time.sleep(0.05)
    after = scrape(args.metrics)
    cpu_after = cpu_seconds(groups, poller)

    rows = db.query(f"""
        SELECT d.id, extract(epoch FROM d.received_at), extract(epoch FROM d.queued_at), extract(epoch FROM d.enriched_at),
               extract(epoch FROM r.started_at), r.duration_ms
        FROM documents d LEFT JOIN LATERAL (SELECT started_at, duration_ms FROM extraction_runs r
                                            WHERE r.document_id = d.id ORDER BY finished_at DESC LIMIT 1) r ON true
        WHERE d.source = '{args.source}'""")
    n = len(lines)
    done = [i for i in posted if i in seen]
    failed = sum(1 for v in seen.values() if v[1] == "failed")
    fresh = [seen[i][0] - posted[i] for i in done]
    span = end - t0
    ingest, queued, run = [], [], []
    for r in rows:
        if r[0] not in posted or not r[3]:
            continue
        p = posted[r[0]]
        ingest.append(float(r[1]) - p)
        if r[4]:
            queued.append(float(r[4]) - float(r[2] or r[1]))
            run.append(float(r[5]) / 1000)
    print(f"documents: {n} ({texts_bytes / n / 1000:.1f} KB of text each, {texts_bytes / 1e6:.1f} MB), "
          f"enriched {len(done) - failed}, failed {failed}, submit errors {len(errors)}")
    if submitted_at:
        print(f"submitted in {submitted_at - t0:.2f} s ({n / (submitted_at - t0):.0f} documents/s into the ingest API)")
    print(f"first POST → last enriched: {span:.2f} s = {n / span:.1f} documents/s, {texts_bytes / 1e6 / span:.2f} MB/s")
    print(f"freshness (POST → enriched, client clock, 50 ms polls): p50 {pct(fresh, 50) * 1000:.0f} ms, "
          f"p95 {pct(fresh, 95) * 1000:.0f} ms, max {max(fresh, default=float('nan')) * 1000:.0f} ms")
    if stories_end is not None:
        lags = [float(r[0]) for r in db.query(
            f"SELECT extract(epoch FROM stories_linked_at - enriched_at) FROM documents "
            f"WHERE source = '{args.source}' AND status = 'enriched'") if r and r[0]]
        print(f"first POST → stories of all linked: {stories_end - t0:.2f} s = {n / (stories_end - t0):.1f} documents/s; "
              f"stories after enrichment (enriched → linked): p50 {pct(lags, 50) * 1000:.0f} ms, "
              f"p95 {pct(lags, 95) * 1000:.0f} ms, max {max(lags, default=float('nan')) * 1000:.0f} ms")
    if ingest:
        print(f"stage means per document: ingest (POST → stored) {statistics.mean(ingest) * 1000:.0f} ms, "
              f"queued (stored → enrichment started) {statistics.mean(queued) * 1000 if queued else float('nan'):.0f} ms, "
              f"analysis + write (extraction run) {statistics.mean(run) * 1000 if run else float('nan'):.0f} ms")
    if after:
        stages = []
        for name in sorted(after):
            if name.split("{")[0].endswith("_sum"):
                count_name = name.replace("_sum", "_count", 1)
                d_sum = after[name] - before.get(name, 0.0)
                d_count = after.get(count_name, 0.0) - before.get(count_name, 0.0)
                if d_count > 0:
                    stages.append(f"{name.replace('dala_enrichment_', '').replace('_sum', '')}: "
                                  f"{d_sum:.2f} s total over {int(d_count)} ({d_sum / d_count * 1000:.1f} ms each)")
        if stages:
            print("worker time (all workers, /metrics):\n  " + "\n  ".join(stages))
    if groups:
        used = {k: cpu_after[k] - cpu_before.get(k, 0.0) for k in groups}
        if stories_end is not None:
            span = stories_end - t0  # CPU counted until the stories had caught up
        print(f"CPU seconds during the run (wall {span:.1f} s, 2 cores = {2 * span:.0f} core-s; the benchmark's polling "
              f"backend excluded): "
              + ", ".join(f"{k} {v:.1f} ({v / n * 1000:.1f} ms/doc)" for k, v in used.items()))
        # What the stack would do on cores of its own: the machine is shared, so wall-clock rates vary with the load.
        per_doc = sum(used.values()) / n
        print(f"stack CPU per document: {per_doc * 1000:.1f} ms → at most {2 / per_doc:.0f} documents/s "
              f"({2 / per_doc * texts_bytes / n / 1e6:.2f} MB/s) on 2 cores with nothing else running")
    for pid in args.pids:
        try:
            status = open(f"/proc/{pid}/status").read()
            hwm = [l for l in status.splitlines() if l.startswith(("VmHWM", "VmRSS"))]
            print(f"worker pid {pid}: " + ", ".join(" ".join(h.split()) for h in hwm))
        except OSError:
            pass
    if errors:
        print("first submit errors:", errors[:3])


if __name__ == "__main__":
    main()
