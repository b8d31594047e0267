#!/usr/bin/env python3
"""Fault tests of issue 11 against the real stack: three enrichment workers, ingest, query, the local PostgreSQL and
broker, loopback traffic only. Standard library only. Run by deploy/scripts/chaos.sh (`make chaos`), which starts
PostgreSQL and the broker and exports DALA_PG_PORT / DALA_KAFKA_PORT.

    chaos.py [workers|postgres|broker|ingest-kill|hostile|memory ...]   (default: all, in that order)
    chaos.py broker broker broker                                       (a test named n times runs n times)

Each test prints its figures and `ok`/`FAIL` lines; the last line is `chaos: N passed, M failed`. After each test
its services' logs and the broker's log lines of that test are copied to .local/chaos-logs/<start time>/<n>-<test>/
(DALA_CHAOS_LOG_DIR), so a failure can still be read after the later tests have started from empty logs.
Every request loop is bounded in count and time, and every address is 127.0.0.1.
"""
import concurrent.futures as futures
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
S = os.path.join(ROOT, "deploy", "scripts")
BASE = int(os.environ.get("DALA_CHAOS_PORT_BASE", "18180"))
QUERY_PORT, INGEST_PORT, ENRICH_PORT = BASE, BASE + 1, BASE + 2
PG_PORT = os.environ.get("DALA_PG_PORT", "55433")
RUN_DIR = os.path.join(ROOT, ".local", "chaos-run")
LOG_DIR = os.environ.get("DALA_CHAOS_LOG_DIR") or os.path.join(
    ROOT, ".local", "chaos-logs", time.strftime("%Y%m%dT%H%M%S", time.gmtime()))
BROKER_LOG = os.path.join(ROOT, ".local", "broker", "tansu-%s.log" % os.environ.get("DALA_KAFKA_PORT", "59093"))
DB = "dala_chaos"
TOKEN = "chaos-write-%d" % os.getpid()
AUTH = {"Authorization": "Bearer " + TOKEN}
WORKERS = ["enrichment-1", "enrichment-2", "enrichment-3"]
# Extra flags for every service, e.g. to show a test fails when its property is broken (docs/reliability.md).
EXTRA_ENV = dict(kv.split("=", 1) for kv in os.environ.get("DALA_CHAOS_ENV", "").split(";") if "=" in kv)

passed = failed = 0
figures = []


def log(msg):
    print(msg, flush=True)


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        log("  ok   " + name)
    else:
        failed += 1
        log("  FAIL " + name + (": " + detail if detail else ""))


def figure(name, value):
    figures.append((name, value))
    log("  ..   %s: %s" % (name, value))


def env():
    e = dict(os.environ)
    e.update({
        "DALA_RUN_DIR": RUN_DIR, "DALA_BIN": os.environ.get("DALA_BIN", os.path.join(ROOT, ".build", "debug")),
        "DALA_INGEST_PORT": str(INGEST_PORT), "DALA_QUERY_PORT": str(QUERY_PORT), "DALA_ENRICH_PORT": str(ENRICH_PORT),
        "DALA_WORKERS": "3", "DALA_PG_URL": "postgres://dala@127.0.0.1:%s/%s" % (PG_PORT, DB),
        "DALA_API_TOKEN_LIST": TOKEN, "DALA_LOG_LEVEL": os.environ.get("DALA_CHAOS_LOG_LEVEL", "warning"),
    })
    e["DALA_KAFKA_BROKERS"] = "127.0.0.1:" + os.environ.get("DALA_KAFKA_PORT", "59093")
    e.update(EXTRA_ENV)
    return e


def script(*args, check_rc=True, quiet=True):
    r = subprocess.run([os.path.join(S, args[0])] + list(args[1:]), env=env(), cwd=ROOT,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if check_rc and r.returncode != 0:
        raise RuntimeError("%s failed: %s %s" % (" ".join(args), r.stdout[-2000:], r.stderr[-2000:]))
    return r.stdout.strip()


def sql(query, db=DB):
    return script("pg.sh", "psql", "-d", db, "-tAc", query)


def sql_int(query):
    return int(sql(query) or 0)


# ---------------------------------------------------------------------------------------------------------------
# The stack


def fresh_stack():
    stop_services()
    script("broker.sh", "stop", check_rc=False)
    script("broker.sh", "start")
    sql("DROP DATABASE IF EXISTS %s WITH (FORCE)" % DB, db="dala")
    sql("CREATE DATABASE %s OWNER dala" % DB, db="dala")
    os.makedirs(RUN_DIR, exist_ok=True)
    for f in os.listdir(RUN_DIR):
        if f.endswith(".log"):
            os.remove(os.path.join(RUN_DIR, f))
    script("services.sh", "start")


def stop_services():
    script("services.sh", "stop", check_rc=False)


def binary_of(name):
    return "dala-ingest" if name == "ingest" else "dala-query" if name == "query" else "dala-enrichment"


def owned(p, name):
    """Whether live process p is this stack's `name`: our build's executable, started with our run directory.
    A live pid alone is not enough on a shared machine: a stale pid file's pid may belong to another checkout's
    process by now (services.sh checks the same)."""
    try:
        exe = os.readlink("/proc/%d/exe" % p)
        if exe.endswith(" (deleted)"):
            exe = exe[: -len(" (deleted)")]
        if exe != os.path.realpath(os.path.join(env()["DALA_BIN"], binary_of(name))):
            return False
        with open("/proc/%d/environ" % p, "rb") as f:
            return ("DALA_RUN_DIR=" + RUN_DIR).encode() in f.read().split(b"\0")
    except OSError:
        return False


def pid(name):
    try:
        p = int(open(os.path.join(RUN_DIR, name + ".pid")).read().strip())
        os.kill(p, 0)
        return p if owned(p, name) else None
    except (OSError, ValueError):
        return None


def ended_lines(name, n=3):
    """The last lines of a service's log saying how a process of it ended (written by services.sh / start_nowait)."""
    try:
        lines = open(os.path.join(RUN_DIR, name + ".log"), errors="replace").read().splitlines()
    except OSError:
        return []
    return [l for l in lines if "] %s (pid " % name in l and " ended: " in l][-n:]


def kill(name, sig="KILL"):
    script("services.sh", "stop-one", name, sig)


def start(name):
    script("services.sh", "start-one", name)


def start_nowait(name):
    """Starts a service without waiting for /readyz (a worker restart after a SIGKILL, as a supervisor would)."""
    binary = binary_of(name)
    port = INGEST_PORT if name == "ingest" else QUERY_PORT if name == "query" else ENRICH_PORT + int(name.split("-")[1]) - 1
    e = env()
    e["DALA_HTTP_PORT"] = str(port)
    extra = ["--worker-name", name] if name.startswith("enrichment") else []
    logf = open(os.path.join(RUN_DIR, name + ".log"), "a")
    p = subprocess.Popen([os.path.join(e["DALA_BIN"], binary)] + extra, env=e, stdout=logf, stderr=logf, cwd=ROOT,
                         start_new_session=True)
    open(os.path.join(RUN_DIR, name + ".pid"), "w").write(str(p.pid))

    def watch():
        # Like services.sh: say in the log how the process ended (an exit status, or the signal that ended it).
        rc = p.wait()
        how = "exit status %d" % rc if rc >= 0 else "signal %d (%s)" % (-rc, signal.Signals(-rc).name)
        logf.write("[chaos] %s (pid %d) ended: %s at %s\n" % (name, p.pid, how, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
        logf.flush()

    threading.Thread(target=watch, daemon=True).start()
    return p


def rss_kb(name):
    p = pid(name)
    if p is None:
        return None
    for line in open("/proc/%d/status" % p):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return None


def ingest_created_metric():
    """`dala_ingest_documents_total{result="created"}` from ingest's /metrics (documents ingest reported created)."""
    status, _, body, _ = request("GET", INGEST_PORT, "/metrics")
    total = 0
    for line in body.decode("utf-8", "replace").splitlines():
        if line.startswith("dala_ingest_documents_total") and 'result="created"' in line:
            total += int(float(line.rsplit(" ", 1)[1]))
    return total


def all_alive():
    return {n: pid(n) is not None for n in ["ingest", "query"] + WORKERS}


# ---------------------------------------------------------------------------------------------------------------
# HTTP


def request(method, port, path, body=None, headers=None, timeout=30.0):
    """One request on a fresh connection: (status or None, headers dict, body bytes, seconds)."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data, time.monotonic() - started
    except (OSError, http.client.HTTPException) as e:
        return None, {"error": repr(e)}, b"", time.monotonic() - started
    finally:
        conn.close()


def corpus_texts():
    d = os.path.join(ROOT, "deploy", "demo-corpus")
    return [open(os.path.join(d, f), encoding="utf-8").read() for f in sorted(os.listdir(d)) if f.endswith(".txt")]


def make_docs(n, tag):
    texts = corpus_texts()
    return [{"text": texts[i % len(texts)] + "\n\n%s No. %d (%d)" % (tag, i, 2000 + i % 25), "title": "%s %d" % (tag, i)}
            for i in range(n)]


def post_doc(doc, timeout=30.0):
    status, headers, body, secs = request("POST", INGEST_PORT, "/v1/documents", json.dumps(doc, ensure_ascii=False).encode(),
                                          dict(AUTH, **{"Content-Type": "application/json"}), timeout)
    doc_id = None
    if status in (200, 202):
        try:
            doc_id = json.loads(body)["id"]
        except ValueError:
            pass
    return status, doc_id, secs, headers


def post_stream(docs, rate, concurrency=8):
    """POSTs `docs` at about `rate` per second; returns [(status, id, seconds, t_sent, headers)] in input order."""
    results = [None] * len(docs)
    t0 = time.monotonic()

    def one(i):
        delay = t0 + i / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        sent = time.monotonic() - t0
        status, doc_id, secs, headers = post_doc(docs[i])
        results[i] = (status, doc_id, secs, sent, headers)

    with futures.ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(len(docs))))
    return results


def wait_enriched(ids, timeout):
    """Seconds until every id is enriched (or failed); None on timeout (`DALA_CHAOS_WAIT` caps it, for break runs)."""
    timeout = min(timeout, float(os.environ.get("DALA_CHAOS_WAIT", timeout)))
    ids = sorted(set(ids))
    t0 = time.monotonic()
    if not ids:
        return 0.0
    id_list = "'{" + ",".join(ids) + "}'::uuid[]"
    while time.monotonic() - t0 < timeout:
        done = sql_int("SELECT count(*) FROM documents WHERE id = ANY(%s) AND status IN ('enriched', 'failed')" % id_list)
        if done == len(ids):
            return time.monotonic() - t0
        time.sleep(0.5)
    return None


def wait_all(n, timeout):
    """Seconds until `n` documents are stored and all are enriched (or failed); None on timeout."""
    timeout = min(timeout, float(os.environ.get("DALA_CHAOS_WAIT", timeout)))
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if sql_int("SELECT count(*) FROM documents WHERE status IN ('enriched', 'failed')") >= n:
            return time.monotonic() - t0
        time.sleep(1)
    return None


def wait_stories(timeout):
    """Seconds until no enriched document waits for the story linker (schema 0013); None on timeout."""
    timeout = min(timeout, float(os.environ.get("DALA_CHAOS_WAIT", timeout)))
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if sql_int("SELECT count(*) FROM documents WHERE status = 'enriched' AND stories_linked_at IS NULL") == 0:
            return time.monotonic() - t0
        time.sleep(0.5)
    return None


def story_problems():
    """Story rows that disagree with the events: a report whose event is gone, an event of a linked document without a
    report, a shape whose count is not the number of its reports."""
    return sql_int("""
        SELECT (SELECT count(*) FROM event_story_reports r WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.event_id))
             + (SELECT count(*) FROM events e JOIN documents d ON d.id = e.document_id
                WHERE d.stories_linked_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM event_story_reports r WHERE r.event_id = e.id))
             + (SELECT count(*) FROM event_story_shapes s
                WHERE s.reports <> (SELECT count(*) FROM event_story_reports r WHERE r.story_id = s.story_id AND r.shape = s.shape))""")


def status_counts(ids):
    id_list = "'{" + ",".join(sorted(set(ids))) + "}'::uuid[]"
    rows = sql("SELECT status || '=' || count(*) FROM documents WHERE id = ANY(%s) GROUP BY status ORDER BY 1" % id_list)
    return rows.replace("\n", " ") or "none"


def duplicate_rows():
    return sql_int("SELECT (SELECT count(*) FROM (SELECT 1 FROM mentions GROUP BY document_id, start_offset, end_offset, entity_id "
                   "HAVING count(*) > 1) m) + (SELECT count(*) FROM (SELECT 1 FROM sentences GROUP BY document_id, idx "
                   "HAVING count(*) > 1) s)")


def fingerprints():
    """Per document text hash → hash of its annotations (sentences, mentions, events): equal across clean runs."""
    rows = sql("""
        SELECT d.sha256 || ' ' || md5(
          coalesce((SELECT string_agg(s.idx || ':' || s.start_offset || '-' || s.end_offset, ',' ORDER BY s.idx)
                    FROM sentences s WHERE s.document_id = d.id), '') || '|' ||
          coalesce((SELECT string_agg(m.start_offset || '-' || m.end_offset || '=' || coalesce(m.entity_id, ''), ','
                    ORDER BY m.start_offset, m.end_offset, m.entity_id) FROM mentions m WHERE m.document_id = d.id), '') || '|' ||
          (SELECT count(*) FROM events e WHERE e.document_id = d.id)::text)
        FROM documents d WHERE d.status = 'enriched'""")
    return dict(line.split(" ", 1) for line in rows.splitlines() if line)


# ---------------------------------------------------------------------------------------------------------------
# 1. Worker kills


def test_workers(n=1000, kills=20):
    log("==> 1. worker kills: %d documents, 3 workers, %d SIGKILLs mid-stream" % (n, kills))
    fresh_stack()
    docs = make_docs(n, "workers")
    batch = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode()
    t0 = time.monotonic()
    status, _, body, _ = request("POST", INGEST_PORT, "/v1/documents/batch", batch,
                                 dict(AUTH, **{"Content-Type": "application/x-ndjson"}), timeout=300)
    lines = [json.loads(l) for l in body.splitlines() if l.strip()]
    ids = [l["id"] for l in lines if "id" in l]
    check("batch of %d stored" % n, status == 200 and len(ids) == n, "status %s, %d ids" % (status, len(ids)))
    rng = random.Random(11)
    killed = 0
    # Kill a random worker every so often while documents remain; a supervisor (here: this loop) restarts it.
    while killed < kills and time.monotonic() - t0 < 600:
        time.sleep(rng.uniform(0.5, 2.0))
        victim = rng.choice(WORKERS)
        p = pid(victim)
        if p is None:
            continue
        os.kill(p, 9)
        killed += 1
        time.sleep(0.2)
        start_nowait(victim)
        if sql_int("SELECT count(*) FROM documents WHERE status NOT IN ('enriched', 'failed')") == 0:
            break
    figure("SIGKILLs sent", killed)
    took = wait_enriched(ids, 600)
    figure("all %d enriched after (s from first POST)" % n, "%.1f" % (time.monotonic() - t0) if took is not None else "timeout")
    check("every document enriched", took is not None and sql_int("SELECT count(*) FROM documents WHERE status = 'enriched'") == n,
          status_counts(ids))
    check("nothing failed or dead-lettered", sql_int("SELECT count(*) FROM documents WHERE status = 'failed'") == 0)
    check("killed at least %d times" % min(kills, 10), killed >= min(kills, 10), "%d" % killed)
    check("no duplicated annotation row", duplicate_rows() == 0)
    # Stories are linked after the write by the workers' story linkers, which the kills hit too.
    linked = wait_stories(180)
    figure("stories of every document linked, s after all were enriched", "%.1f" % linked if linked is not None else "timeout")
    check("every enriched document's stories linked", linked is not None)
    check("no stale or missing story report, every shape counted right", story_problems() == 0)
    runs = sql_int("SELECT count(*) FROM extraction_runs")
    figure("extraction runs (>= documents: redone after kills)", runs)
    chaos = fingerprints()
    # The clean run: the same documents into a fresh store, no kills.
    stop_services()
    fresh_stack()
    request("POST", INGEST_PORT, "/v1/documents/batch", batch, dict(AUTH, **{"Content-Type": "application/x-ndjson"}), timeout=300)
    wait_all(n, 600)
    clean = fingerprints()
    differing = sum(1 for k, v in clean.items() if chaos.get(k) != v)
    check("annotations equal to a clean run (%d documents compared)" % len(clean), len(clean) == n and differing == 0,
          "%d differ, %d/%d enriched" % (differing, len(chaos), len(clean)))
    stop_services()


def ids_of_all():
    return [l for l in sql("SELECT id FROM documents").splitlines() if l]


# ---------------------------------------------------------------------------------------------------------------
# 2. PostgreSQL restart


def test_postgres(n=300, rate=15.0, down_at=6.0, down_for=8.0):
    log("==> 2. PostgreSQL stopped for %.0f s mid-stream (%d POSTs at %.0f/s)" % (down_for, n, rate))
    fresh_stack()
    docs = make_docs(n, "pg")
    outage = {}

    def outage_thread():
        time.sleep(down_at)
        outage["start"] = time.monotonic()
        script("pg.sh", "stop")
        time.sleep(down_for)
        script("pg.sh", "start")
        outage["end"] = time.monotonic()

    th = threading.Thread(target=outage_thread)
    th.start()
    results = post_stream(docs, rate)
    th.join()
    statuses = {}
    for r in results:
        statuses[r[0]] = statuses.get(r[0], 0) + 1
    figure("answers by status", dict(sorted(statuses.items(), key=lambda kv: str(kv[0]))))
    slowest = max(r[2] for r in results)
    figure("slowest POST (s)", "%.2f" % slowest)
    unavailable = [r for r in results if r[0] == 503]
    check("some POSTs met the outage (503)", len(unavailable) > 0)
    check("every 503 has Retry-After", all("retry-after" in r[4] for r in unavailable))
    check("no 5xx other than 503, no dropped connection",
          all(r[0] is not None and (r[0] < 500 or r[0] == 503) for r in results))
    check("no POST took over 10 s", slowest < 10)
    accepted = [r[1] for r in results if r[1]]
    took = wait_enriched(accepted, 300)
    figure("accepted", len(accepted))
    figure("all accepted enriched, s after the restart", "%.1f" % (time.monotonic() - outage["end"]) if took is not None else "timeout")
    check("every accepted document enriched", took is not None
          and sql_int("SELECT count(*) FROM documents WHERE status = 'enriched'") == len(set(accepted)), status_counts(accepted))
    check("every service still running", all(all_alive().values()), str(all_alive()))
    stop_services()


# ---------------------------------------------------------------------------------------------------------------
# 3. Broker restart (all broker state lost)


def test_broker(n=300, rate=10.0, down_at=6.0, down_for=15.0):
    log("==> 3. broker stopped for %.0f s mid-stream and started empty (%d POSTs at %.0f/s)" % (down_for, n, rate))
    fresh_stack()
    docs = make_docs(n, "broker")
    outage = {}

    def outage_thread():
        time.sleep(down_at)
        outage["start"] = time.monotonic()
        script("broker.sh", "stop")
        time.sleep(down_for)
        script("broker.sh", "start")
        outage["end"] = time.monotonic()

    th = threading.Thread(target=outage_thread)
    th.start()
    results = post_stream(docs, rate, concurrency=16)
    th.join()
    statuses = {}
    for r in results:
        statuses[r[0]] = statuses.get(r[0], 0) + 1
    figure("answers by status", dict(sorted(statuses.items(), key=lambda kv: str(kv[0]))))
    slowest = max(r[2] for r in results)
    figure("slowest POST (s)", "%.2f" % slowest)
    check("every POST accepted (the store is up)", all(r[0] in (200, 202) for r in results), str(statuses))
    check("no POST took over 5 s (publish timeout 3 s)", slowest < 5)
    accepted = [r[1] for r in results if r[1]]
    took = wait_enriched(accepted, 300)
    recovery = time.monotonic() - outage["end"] if took is not None else None
    figure("recovery: every accepted document enriched, s after the broker came back",
           "%.1f" % recovery if recovery is not None else "timeout")
    check("every accepted document enriched after the outage", took is not None
          and sql_int("SELECT count(*) FROM documents WHERE status = 'enriched'") == len(set(accepted)), status_counts(accepted))
    # New documents flow right away too.
    t = time.monotonic()
    fresh = [post_doc(d)[1] for d in make_docs(5, "after-broker")]
    took2 = wait_enriched([i for i in fresh if i], 120)
    figure("a new document after recovery enriched in (s)", "%.1f" % took2 if took2 is not None else "timeout")
    check("new documents enriched after recovery", took2 is not None and all(fresh))
    # Enriched messages the empty broker lost are made up by the story linkers' sweep (--story-sweep-seconds).
    linked = wait_stories(240)
    figure("stories of every document linked, s after the new ones were enriched", "%.1f" % linked if linked is not None else "timeout")
    check("every enriched document's stories linked after the outage", linked is not None)
    check("no stale or missing story report after the outage", story_problems() == 0)
    alive = all_alive()
    # Every process survives the outage, the workers too. (A worker once vanished here in 3 of 12 runs on a shared
    # machine: a stale pid file of another stack whose pid had been reused; see docs/reliability.md. Each process's
    # log now ends with how it ended, shown here when one is gone.)
    gone = [n for n, up in alive.items() if not up]
    check("every process still running (ingest, query, three workers)", not gone,
          "; ".join("%s gone: %s" % (n, " | ".join(ended_lines(n)) or "no end line in its log") for n in gone))
    stop_services()
    # And each ends cleanly when stopped: librdkafka 2.8.0 freed a topic's metadata entry while it was still linked
    # by topic id once the broker came back empty and the topics were re-created with new ids; the process then
    # crashed (SIGSEGV) at the next metadata update, mid-run or at shutdown (deploy/patches/).
    time.sleep(1.0)  # the watcher writes the end line just after the process is gone
    unclean = {n: ended_lines(n, 1) for n in ["ingest", "query"] + WORKERS}
    unclean = {n: l for n, l in unclean.items() if not l or " ended: exit status 0 " not in l[-1]}
    check("every process ended cleanly when stopped (exit status 0, no crash)", not unclean,
          "; ".join("%s: %s" % (n, l[-1] if l else "no end line") for n, l in unclean.items()))


# ---------------------------------------------------------------------------------------------------------------
# 4. Ingest SIGKILLed during a batch and during single POSTs


def test_ingest_kill(batch_n=600, singles=200):
    log("==> 4. ingest SIGKILLed during a %d-line NDJSON batch and %d single POSTs" % (batch_n, singles))
    fresh_stack()
    docs = make_docs(batch_n, "kill-batch")
    singles_docs = make_docs(singles, "kill-single")
    batch_acks = []

    def batch():
        # Read the streamed answer line by line: every line that arrives is an acknowledgement.
        conn = http.client.HTTPConnection("127.0.0.1", INGEST_PORT, timeout=60)
        try:
            body = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs).encode()
            conn.request("POST", "/v1/documents/batch", body=body, headers=dict(AUTH, **{"Content-Type": "application/x-ndjson"}))
            r = conn.getresponse()
            while True:
                line = r.readline()
                if not line:
                    break
                if line.strip():
                    j = json.loads(line)
                    if isinstance(j, dict) and "id" in j:
                        batch_acks.append(j["id"])
        except (OSError, http.client.HTTPException, ValueError):
            pass
        finally:
            conn.close()

    single_results = []

    def single_stream():
        single_results.extend(post_stream(singles_docs, 40.0, concurrency=8))

    tb = threading.Thread(target=batch)
    ts = threading.Thread(target=single_stream)
    tb.start()
    ts.start()
    # Kill as soon as the batch has been partly acknowledged (a fixed sleep let a quiet machine finish the batch first).
    deadline = time.monotonic() + 10.0
    while len(batch_acks) < max(1, batch_n // 20) and time.monotonic() < deadline:
        time.sleep(0.002)
    os.kill(pid("ingest"), 9)
    killed_at = time.monotonic()
    time.sleep(1.0)
    start_nowait("ingest")
    tb.join()
    ts.join()
    single_acks = [r[1] for r in single_results if r[0] in (200, 202) and r[1]]
    figure("batch lines acknowledged before the kill", "%d of %d" % (len(batch_acks), batch_n))
    figure("single POSTs acknowledged", "%d of %d" % (len(single_acks), singles))
    check("the kill cut the batch short", len(batch_acks) < batch_n)
    acks = batch_acks + single_acks
    existing = sql_int("SELECT count(*) FROM documents WHERE id = ANY('{%s}'::uuid[])" % ",".join(acks)) if acks else 0
    check("every acknowledged document exists", existing == len(set(acks)), "%d of %d" % (existing, len(set(acks))))
    took = wait_enriched(acks, 300)
    figure("all acknowledged enriched, s after the kill", "%.1f" % (time.monotonic() - killed_at) if took is not None else "timeout")
    enriched = sql_int("SELECT count(*) FROM documents WHERE id = ANY('{%s}'::uuid[]) AND status = 'enriched'" % ",".join(acks)) if acks else 0
    check("every acknowledged document enriched", enriched == len(set(acks)), status_counts(acks))
    check("nothing failed", sql_int("SELECT count(*) FROM documents WHERE status = 'failed'") == 0,
          sql("SELECT string_agg(DISTINCT error, ' | ') FROM documents WHERE status = 'failed'"))
    stop_services()


# ---------------------------------------------------------------------------------------------------------------
# 5. Hostile HTTP


def spec_routes():
    """(method, path template, params) of the query API from openapi.json, plus ingest and the operational routes."""
    spec = json.load(open(os.path.join(ROOT, "openapi.json")))
    routes = []
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            if method.lower() not in ("get", "post", "put", "delete", "patch"):
                continue
            params = [p.get("name") for p in op.get("parameters", []) + ops.get("parameters", []) if p.get("in") == "query"]
            routes.append((QUERY_PORT, method.upper(), path, params))
    for port in (INGEST_PORT, QUERY_PORT, ENRICH_PORT):
        for path in ("/healthz", "/readyz", "/metrics"):
            routes.append((port, "GET", path, []))
    routes.append((INGEST_PORT, "POST", "/v1/documents", ["title", "source", "language", "published"]))
    routes.append((INGEST_PORT, "POST", "/v1/documents/batch", []))
    return routes


TRICKS = ["'", "' OR '1'='1", "1; DROP TABLE documents; --", "\") OR 1=1 --", "%00", "\u0000", "\u202e\u202dabc", "\u200b",
          "\ufeff", "\uffff", "a\u0301\u0301\u0301", "9" * 40, "-1", "0", "1e309", "NaN", "null", "[]", "{}", "../../etc/passwd",
          "%", "%zz", "%C0%AF", "\U0001F600" * 50, "Қазақстан", "x" * 3000, "2024-13-45", "true", "\\", "*", "%2e%2e%2f",
          "eyJ4IjoxfQ", "AAAA", "!!!!", "=" * 20, "\r\nX-Injected: 1"]


def fill(path):
    choices = ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "Q232", "'", "%27%20OR%201=1", "..%2f..", "9" * 30, "%F0%9F%98%80"]
    out = []
    for seg in path.split("/"):
        out.append(random.choice(choices) if seg.startswith("{") else seg)
    return "/".join(out)


def hostile_request(rng):
    port, method, path, params = rng.choice(ROUTES)
    path = fill(path) if "{" in path else path
    kind = rng.randrange(13)
    # Most requests carry the write token, so malformed bodies reach validation instead of stopping at 401.
    headers = dict(AUTH) if rng.random() < 0.9 else {}
    body = None
    query = {}
    for p in params:
        if rng.random() < 0.5:
            query[p] = rng.choice(TRICKS)
    if rng.random() < 0.2:
        query[rng.choice(["cursor", "after", "limit"])] = rng.choice(TRICKS + ["eyJhIjoxfQ==", "Zm9v", "!!"])
    qs = urllib.parse.urlencode(query)
    target = path + ("?" + qs if qs else "")
    if kind == 0:
        method = rng.choice(["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "CONNECT"])
    elif kind == 1:
        body = rng.choice([b'{"text": "abc', b'{"text": 42}', b"[1,2", b"\xff\xfe\xfd", b'{"text":"\xed\xa0\x80"}', b"",
                           b'{"text":"' + b"a" * 100 + b'", "published":"' + rng.choice(TRICKS).encode("utf-8", "replace") + b'"}',
                           b'{"text":"x","language":"' + rng.choice(TRICKS).encode("utf-8", "replace")[:100] + b'"}'])
        headers["Content-Type"] = rng.choice(["application/json", "application/x-ndjson", "text/plain; charset=latin1"])
    elif kind == 2:
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000)))
        headers["Content-Type"] = rng.choice(["application/octet-stream", "application/json", "text/plain"])
    elif kind == 3:
        headers["Content-Type"] = rng.choice(["image/png", "multipart/form-data; boundary=x", "application/json; charset=utf-16", ";;;", ""])
        body = b"x"
    elif kind == 4:
        target = path + "?" + "q=" + "a" * rng.choice([9000, 90000])
    elif kind == 5:
        headers["X-Huge"] = "h" * rng.choice([9000, 100000])
    elif kind == 6:
        target = path + "?" + urllib.parse.quote(rng.choice(TRICKS)) + "=" + urllib.parse.quote(rng.choice(TRICKS))
    elif kind == 7:
        # Over the size limit (10 MiB by default): declared, not sent, so the test stays small.
        headers["Content-Type"] = "application/json"
        headers["Content-Length"] = str(50 * 1024 * 1024)
        body = b"{" * 1000
    elif kind == 8:
        headers["Authorization"] = rng.choice(["Bearer", "Bearer " + "x" * 500, "Basic Zm9vOmJhcg==", "bearer  ", "Bearer \u00e9"])
    elif kind == 9:
        body = b"\n".join(rng.choice([b"not json", b"{}", b'{"text":""}', b"\xff", b"[]", b'{"text":null}']) for _ in range(20))
        headers["Content-Type"] = "application/x-ndjson"
    elif kind == 11 and port == INGEST_PORT:
        # A valid document with tricks in its metadata: stored (a valid write), and must be reported created.
        method, target = "POST", "/v1/documents"
        doc = {"text": "Hostile %d %s: Kazakhstan." % (rng.randrange(10 ** 9), rng.choice(TRICKS)[:200]),
               "title": rng.choice(TRICKS)[:500], "source": rng.choice(TRICKS)[:500]}
        body = json.dumps(doc).encode()
        headers["Content-Type"] = "application/json"
    elif kind == 10:
        target = rng.choice(["/", "//", "/v1", "/v1/../v1/documents", "/%2e%2e/", "/v1/documents/" + "a" * 5000, "*"])
    return port, method, target, headers, body


ROUTES = []


def raw_request(port, method, target, headers, body, timeout=15.0, created_lines=None):
    """A hand-written HTTP/1.1 request (http.client refuses some of the malformed ones): (status, content-type) or None.
    `created_lines` (a list): for an answer with NDJSON lines (the batch route), the number of lines saying a document
    was created is appended to it (the body is read to its length or its last chunk)."""
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    except OSError:
        return None, "connect"
    try:
        head = "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" % (method, target)
        has_length = any(k.lower() == "content-length" for k in headers)
        for k, v in headers.items():
            head += "%s: %s\r\n" % (k, v)
        if body is not None and not has_length:
            head += "Content-Length: %d\r\n" % len(body)
        data = head.encode("utf-8", "surrogateescape") + b"\r\n" + (body or b"")
        try:
            s.sendall(data)
        except OSError:
            pass  # the server may answer (413, 431) and close before reading everything
        buf = b""
        while b"\r\n\r\n" not in buf and len(buf) < 200000:
            chunk = s.recv(65536)
            if not chunk:
                break
            buf += chunk
        if not buf.startswith(b"HTTP/"):
            return None, "no answer"
        lines = buf.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        ctype = ""
        for l in lines[1:]:
            if l.lower().startswith("content-type:"):
                ctype = l.split(":", 1)[1].strip()
        if created_lines is not None and "ndjson" in ctype:
            # To the end of the body: its length, or the last chunk of a chunked answer.
            length = next((int(l.split(":", 1)[1]) for l in lines[1:] if l.lower().startswith("content-length:")), None)
            head_end = buf.index(b"\r\n\r\n") + 4
            s.settimeout(3.0)
            try:
                while len(buf) < 4_000_000:
                    body_now = buf[head_end:]
                    if (length is not None and len(body_now) >= length) or (length is None and body_now.endswith(b"0\r\n\r\n")):
                        break
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    buf += chunk
            except OSError:
                pass  # the answer's status already counts; its lines are what arrived
            created_lines.append(buf[head_end:].count(b'"created":true'))
        return status, ctype
    except (OSError, ValueError, IndexError) as e:
        return None, repr(e)
    finally:
        s.close()


def hostile_battery(count, seed):
    global ROUTES
    ROUTES = spec_routes()
    rng = random.Random(seed)
    reqs = [hostile_request(rng) for _ in range(count)]
    results = []
    lock = threading.Lock()

    def one(r):
        # The batch route answers 200 with a line per document: documents it created count as created too (two equal
        # bodies racing, a batch line and a single POST, may leave the creation to either).
        lines = [] if r[0] == INGEST_PORT and r[2].startswith("/v1/documents/batch") else None
        out = raw_request(*r, created_lines=lines)
        with lock:
            results.append((r, out + (sum(lines or []),)))

    t0 = time.monotonic()
    with futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(one, reqs))
    return results, time.monotonic() - t0


def test_hostile(count=12000):
    log("==> 5. hostile HTTP: %d malformed requests to every route" % count)
    fresh_stack()
    # A few real documents so query routes have something to chew on.
    ids = [post_doc(d)[1] for d in make_docs(20, "hostile-seed")]
    wait_enriched([i for i in ids if i], 120)
    seeded = "'{%s}'::uuid[]" % ",".join(ids_of_all())
    rows_of_seeded = ("SELECT count(*) || ' ' || coalesce(md5(string_agg(id::text || status || sha256 || coalesce(title, '') || "
                      "attempts, ',' ORDER BY id)), '') FROM documents WHERE id = ANY(%s)" % seeded)
    before_rows = sql(rows_of_seeded)
    rss_before = {n: rss_kb(n) for n in ["ingest", "query"] + WORKERS}
    created_before, count_before = ingest_created_metric(), sql_int("SELECT count(*) FROM documents")
    results, secs = hostile_battery(count, 5)
    figure("requests sent / s", "%d in %.0f s" % (len(results), secs))
    by_status = {}
    for _, (status, *_) in results:
        by_status[status] = by_status.get(status, 0) + 1
    figure("answers by status", dict(sorted(by_status.items(), key=lambda kv: str(kv[0]))))
    bad5xx = [(r, o) for r, o in results if o[0] is not None and o[0] >= 500 and o[0] != 503]
    check("no 5xx other than 503", not bad5xx, "; ".join("%s %s %s → %s" % (r[0], r[1], r[2][:80], o[0]) for r, o in bad5xx[:5]))
    not_problem = [(r, o) for r, o in results if o[0] is not None and o[0] >= 400 and not o[1].startswith("application/problem+json")]
    created = sum(1 for r, o in results if o[0] == 202 and r[0] == INGEST_PORT) + sum(o[2] for r, o in results)
    check("every error is problem+json", not not_problem,
          "; ".join("%s %s %s → %s %s" % (r[0], r[1], r[2][:80], o[0], o[1]) for r, o in not_problem[:5]))
    no_answer = [(r, o) for r, o in results if o[0] is None]
    figure("requests without an HTTP answer (connection closed by the server)", len(no_answer))
    for r, o in no_answer[:int(os.environ.get("DALA_CHAOS_SHOW", "0"))]:
        log("       no answer: %s %s %s headers=%s body=%s → %s" % (r[0], r[1], r[2][:60], {k: v[:30] for k, v in r[3].items()},
                                                                 (r[4] or b"")[:40], o[1]))
    # Created documents: the battery sends no valid document (every body is malformed), so nothing may change.
    after_rows = sql(rows_of_seeded)
    writes = [(r, o) for r, o in results if o[0] in (200, 202) and r[1] == "POST" and r[0] == INGEST_PORT]
    figure("ingest POSTs answered 2xx (valid writes) / documents created (202 answers and batch lines)", "%d / %d" % (len(writes), created))
    check("no stored document changed", before_rows == after_rows, "%s → %s" % (before_rows, after_rows))
    grown, reported = sql_int("SELECT count(*) FROM documents") - count_before, ingest_created_metric() - created_before
    figure("documents stored / reported created by ingest during the battery", "%d / %d" % (grown, reported))
    check("every stored document was reported created (metric, 202 answers and batch lines)", grown == reported == created,
          "%d stored, %d in the metric, %d answered 202" % (grown, reported, created))
    time.sleep(3)
    alive = all_alive()
    check("no process died", all(alive.values()), str(alive))
    rss_after = {n: rss_kb(n) for n in ["ingest", "query"] + WORKERS}
    figure("RSS before → after the battery (MB)", ", ".join(
        "%s %.0f→%.0f" % (n, (rss_before[n] or 0) / 1024, (rss_after[n] or 0) / 1024) for n in rss_before))
    # Memory does not creep: a second battery of the same size grows no service by more than 10% + 20 MB.
    hostile_battery(count, 6)
    rss_again = {n: rss_kb(n) for n in ["ingest", "query"] + WORKERS}
    figure("RSS after a second battery (MB)", ", ".join("%s %.0f" % (n, (rss_again[n] or 0) / 1024) for n in rss_again))
    creeping = [n for n in rss_again if rss_after[n] and rss_again[n] and rss_again[n] > rss_after[n] * 1.1 + 20 * 1024]
    check("memory does not creep (second battery)", not creeping, str(creeping))
    stop_services()


# ---------------------------------------------------------------------------------------------------------------
# 7. Memory


def test_memory(n=10000):
    log("==> 7. memory: service RSS before and after %d documents" % n)
    fresh_stack()
    rss0 = {k: rss_kb(k) for k in ["ingest", "query"] + WORKERS}
    docs = make_docs(n, "memory")
    t0 = time.monotonic()
    for i in range(0, n, 1000):
        chunk = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs[i:i + 1000]).encode()
        request("POST", INGEST_PORT, "/v1/documents/batch", chunk, dict(AUTH, **{"Content-Type": "application/x-ndjson"}), timeout=300)
    took = wait_all(n, 1800)
    figure("%d documents ingested and enriched in (s)" % n, "%.0f" % (time.monotonic() - t0) if took is not None else "timeout")
    check("all %d enriched" % n, took is not None and sql_int("SELECT count(*) FROM documents WHERE status = 'enriched'") == n)
    rss1 = {k: rss_kb(k) for k in rss0}
    figure("RSS before → after (MB)", ", ".join("%s %.0f→%.0f" % (k, (rss0[k] or 0) / 1024, (rss1[k] or 0) / 1024) for k in rss0))
    stop_services()


TESTS = {"workers": test_workers, "postgres": test_postgres, "broker": test_broker, "ingest-kill": test_ingest_kill,
         "hostile": test_hostile, "memory": test_memory}


def broker_log_size():
    try:
        return os.path.getsize(BROKER_LOG)
    except OSError:
        return 0


def keep_logs(number, name, broker_from):
    """Copies this test's service logs and the broker's log lines since `broker_from` (a byte offset: the broker's
    log is appended to across restarts) to LOG_DIR/<number>-<name>/; the next test's fresh stack empties RUN_DIR."""
    dest = os.path.join(LOG_DIR, "%02d-%s" % (number, name))
    os.makedirs(dest, exist_ok=True)
    for f in os.listdir(RUN_DIR) if os.path.isdir(RUN_DIR) else []:
        if f.endswith(".log"):
            shutil.copyfile(os.path.join(RUN_DIR, f), os.path.join(dest, f))
    try:
        with open(BROKER_LOG, "rb") as src, open(os.path.join(dest, "broker.log"), "wb") as out:
            src.seek(broker_from if broker_from <= os.path.getsize(BROKER_LOG) else 0)
            shutil.copyfileobj(src, out)
    except OSError:
        pass
    return dest


def main():
    names = sys.argv[1:] or list(TESTS)
    for name in names:
        if name not in TESTS:
            sys.exit("unknown test %s; choose from %s" % (name, ", ".join(TESTS)))
    t0 = time.monotonic()
    try:
        for number, name in enumerate(names, 1):
            started = time.monotonic()
            broker_from = broker_log_size()
            try:
                TESTS[name]()
            except Exception as e:  # a harness failure is a test failure, and the next test still runs
                check("%s ran to the end" % name, False, repr(e))
            stop_services()
            log("  (%s: %.0f s; logs in %s)" % (name, time.monotonic() - started, keep_logs(number, name, broker_from)))
    finally:
        stop_services()
    log("chaos figures:")
    for k, v in figures:
        log("  %s: %s" % (k, v))
    log("chaos took %.0f s" % (time.monotonic() - t0))
    log("chaos: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
