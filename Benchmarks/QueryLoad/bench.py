#!/usr/bin/env python3
"""Query load benchmark: paced HTTP load with wrk against a running query service, then the same SQL through
pgbench at the same rate and concurrency, and the ratio of the two.

usage: bench.py --base http://127.0.0.1:18090 --db dala_bench --work DIR [--seconds 20] [--only name,name]
The store and its samples come from load.sh (DIR/gen). pgbench connects with the PG* environment pg.sh sets up,
so run this through run.sh (or with PGHOST/PGPORT/PGUSER set).
"""
import argparse
import glob
import os
import re
import statistics
import subprocess
import sys
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def lit(s):
    return "'" + s.replace("'", "''") + "'"


def arr(values):
    return "'{" + ",".join('"' + v.replace('"', '\\"') + '"' for v in values) + "}'"


def tsquery_literal(words_keys):
    """What SearchText.tsquery(allOf:) builds: ('k1' | 'k2') & ('k3')."""
    quote = lambda k: "'" + k.replace("\\", "\\\\").replace("'", "''") + "'"
    return " & ".join("(" + " | ".join(quote(k) for k in keys) + ")" for keys in words_keys)


# The statements QueryStore sends for each endpoint (copied from the PostgreSQL statement log of the service, with the
# bound parameters written as literals). Keep in step with Shared/DalaStorage/Query*.swift.
def sql_entity_lookup(name, ids):
    low = name.lower()
    return f"""SELECT e.id, e.type, e.label_en, e.label_ru, e.label_kk, e.aliases::text AS aliases, e.from_kb,
       coalesce(st.mentions, 0) AS mention_count, coalesce(st.documents, 0) AS document_count
FROM entities e LEFT JOIN entity_stats st ON st.entity_id = e.id WHERE true AND (e.id = ANY({arr(ids)}::text[]) OR lower(e.label_en) = {lit(low)} OR lower(e.label_ru) = {lit(low)} OR lower(e.label_kk) = {lit(low)}
 OR dala_lower_array(e.aliases) @> ARRAY[{lit(low)}]::text[]) ORDER BY mention_count DESC, e.id LIMIT 21;"""


DOC_COLUMNS = """id::text AS id, sha256, title, source, language, detected_language, languages::text AS languages,
to_char(published, 'YYYY-MM-DD') AS published, published_precision, metadata::text AS metadata, char_length,
to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_at,
to_char(enriched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS enriched_at,
status, extractor_version, error"""


def sql_document(doc):
    d = lit(doc)
    return f"""SELECT (jsonb_strip_nulls(jsonb_build_object(
        'id', d.id::text, 'sha256', d.sha256, 'title', d.title, 'source', d.source,
        'language', d.language, 'detected_language', d.detected_language,
        'published', CASE d.published_precision WHEN 'year' THEN to_char(d.published, 'YYYY')
                     WHEN 'month' THEN to_char(d.published, 'YYYY-MM') ELSE to_char(d.published, 'YYYY-MM-DD') END,
        'char_length', d.char_length,
        'received_at', to_char(d.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'enriched_at', to_char(d.enriched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'status', d.status, 'extractor_version', d.extractor_version, 'error', d.error))
    || jsonb_build_object('languages', d.languages, 'metadata', d.metadata)
    || CASE WHEN d.analysis IS NULL THEN '{{}}'::jsonb ELSE jsonb_build_object('analysis', d.analysis) END
    || jsonb_build_object(
        'counts', jsonb_build_object(
            'sentences', (SELECT count(*) FROM sentences WHERE document_id = d.id),
            'mentions', (SELECT count(*) FROM mentions WHERE document_id = d.id),
            'entities', jsonb_array_length(x.entities),
            'events', (SELECT count(*) FROM events WHERE document_id = d.id),
            'time_expressions', (SELECT count(*) FROM time_expressions WHERE document_id = d.id),
            'keywords', (SELECT count(*) FROM keywords WHERE document_id = d.id)),
        'entities', x.entities))::text AS body
FROM documents d,
    LATERAL (SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                        'id', g.id, 'type', g.type, 'label', g.label, 'mentions', g.mentions,
                        'first_offset', g.first_offset)) ORDER BY g.mentions DESC, g.first_offset), '[]') AS entities
             FROM (SELECT m.entity_id AS id, e.type, coalesce(e.label_en, e.label_ru, e.label_kk) AS label, count(*) AS mentions,
                          min(m.start_offset) AS first_offset
                   FROM mentions m JOIN entities e ON e.id = m.entity_id
                   WHERE m.document_id = d.id
                   GROUP BY m.entity_id, e.type, e.label_en, e.label_ru, e.label_kk) g) x
WHERE d.id = {d}::uuid;"""


def sql_search(tsq, entity_ids):
    return f"""WITH candidates AS (SELECT s.document_id, s.idx, s.start_offset, s.end_offset, s.language, s.text, ts_rank(s.search, query) AS rank
FROM sentences s, CAST({lit(tsq)} AS tsquery) AS query
WHERE s.search @@ query LIMIT 1001),
hits AS (SELECT * FROM candidates LIMIT 1000),
page AS (SELECT * FROM hits WHERE true ORDER BY rank DESC, document_id, idx LIMIT 21)
SELECT p.document_id::text AS document_id, p.idx, p.start_offset, p.end_offset, p.language, p.text, p.rank::text AS rank,
       d.title, to_char(d.published, 'YYYY-MM-DD') AS published, d.published_precision,
       substr(d.raw_text, p.start_offset + 1, p.end_offset - p.start_offset) AS snippet,
       (SELECT count(*) FROM candidates) AS candidates,
       (SELECT string_agg(m.start_offset || ':' || m.end_offset, ',' ORDER BY m.start_offset)
        FROM mentions m WHERE m.document_id = p.document_id AND m.sentence_index = p.idx
                          AND m.entity_id = ANY({arr(entity_ids)}::text[])) AS mention_spans
FROM page p JOIN documents d ON d.id = p.document_id
ORDER BY p.rank DESC, p.document_id, p.idx;"""


def sql_timeline(entity, bucket):
    fmt = "YYYY" if bucket == "year" else "YYYY-MM"
    return f"""WITH t AS (
    SELECT CASE WHEN month = DATE '0001-01-01' THEN NULL ELSE to_char(month, {lit(fmt)}) END AS period, type,
           sum(events)::bigint AS n
    FROM entity_timeline WHERE entity_id = {lit(entity)}
    GROUP BY 1, 2
), buckets AS (
    SELECT period, sum(n)::bigint AS total, json_object_agg(type, n ORDER BY type) AS by_type
    FROM t WHERE period IS NOT NULL GROUP BY period
)
SELECT json_build_object(
    'entity_id', {lit(entity)}::text, 'bucket', {lit(bucket)}::text,
    'buckets', coalesce((SELECT json_agg(json_build_object('period', period, 'total', total, 'by_type', by_type)
                                         ORDER BY period) FROM buckets), '[]'::json),
    'undated', coalesce((SELECT json_object_agg(type, n ORDER BY type) FROM t WHERE period IS NULL), '{{}}'::json),
    'statistics_as_of', (SELECT to_char(refreshed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM corpus_totals))::text AS body
WHERE {lit(entity)}::text IS NULL OR EXISTS (SELECT 1 FROM entities WHERE id = {lit(entity)});"""


def sql_cooccurrences(entity):
    e = lit(entity)
    return f"""SELECT coalesce(t.documents, 0) AS unit_documents, coalesce(t.sentences, 0) AS unit_sentences,
       coalesce(st.documents, 0) AS entity_documents, coalesce(st.sentences, 0) AS entity_sentences, pg.*
FROM (SELECT id FROM entities WHERE id = {e}) head
LEFT JOIN corpus_totals t ON true
LEFT JOIN entity_stats st ON st.entity_id = head.id
LEFT JOIN LATERAL (
SELECT * FROM (
    SELECT c.partner_id, p.type, coalesce(p.label_en, p.label_ru, p.label_kk) AS label,
           c.documents, c.sentences, c.documents AS n, ln(nullif(t.documents, 0)::float8 * c.documents / nullif(sa.documents * sb.documents, 0)::float8) / ln(2.0) AS pmi,
           t.documents AS total, c.documents::float8 AS score
    FROM entity_cooccurrence c
    JOIN entities p ON p.id = c.partner_id
    LEFT JOIN entity_stats sa ON sa.entity_id = c.entity_id
    LEFT JOIN entity_stats sb ON sb.entity_id = c.partner_id
    CROSS JOIN corpus_totals t
    WHERE c.entity_id = head.id AND c.documents >= 1
) x WHERE score IS NOT NULL ORDER BY score DESC, partner_id LIMIT 21) pg ON true
ORDER BY pg.score DESC, pg.partner_id;"""


def q(s):
    return urllib.parse.quote(s, safe="")


def pgbench_safe(sql):
    """pgbench reads `:name` as a variable even inside string literals: write literals with a colon as E'..\\x3a..'."""
    out, i = [], 0
    while i < len(sql):
        c = sql[i]
        if c != "'":
            out.append(c)
            i += 1
            continue
        escape_string = i > 0 and sql[i - 1] in "Ee" and (i < 2 or not (sql[i - 2].isalnum() or sql[i - 2] == "_"))
        j = i + 1
        while j < len(sql):
            if escape_string and sql[j] == "\\":
                j += 2
                continue
            if sql[j] == "'" and j + 1 < len(sql) and sql[j + 1] == "'":
                j += 2
                continue
            if sql[j] == "'":
                break
            j += 1
        body = sql[i + 1:j]
        if ":" in body and not escape_string:
            out.append("E'" + body.replace("\\", "\\\\").replace(":", "\\x3a") + "'")
        else:
            out.append("'" + body + "'")
        i = j + 1
    return "".join(out)


def endpoints(gen, names):
    entities = [l.rstrip("\n").split("\t") for l in open(os.path.join(gen, "sample-entities.tsv"), encoding="utf-8") if l.strip()]
    docs = [l.strip() for l in open(os.path.join(gen, "sample-documents.txt")) if l.strip()][:40]
    lookups = []
    for i, (eid, en, ru, kk) in enumerate(entities[:40]):
        name = [en, ru, kk][i % 3] or en
        lookups.append((f"/v1/entities?name={q(name)}", sql_entity_lookup(name, sorted(set(names.get(name.lower(), [eid]))))))
    searches = []
    # Analysts' searches: one name (the less frequent entities) or two names together (the frequent ones).
    for i, (eid, en, ru, kk) in enumerate(entities[:40]):
        if i < 20:
            other = entities[(i + 1) % 20]
            query = f"{ru or en} {other[3] or other[1]}"
        else:
            query = kk or en
        word_keys = []
        for w in re.findall(r"[^\W_]+", query, re.UNICODE)[:16]:
            keys = [w.lower()] + ["e:" + x for x in names.get(w.lower(), [])]
            word_keys.append(keys)
        entity_ids = sorted({k[2:] for keys in word_keys for k in keys if k.startswith("e:")})
        searches.append((f"/v1/search?q={q(query)}", sql_search(tsquery_literal(word_keys), entity_ids)))
    # The third field is how the service sends the statements, and so how pgbench sends them: the point lookups are
    # prepared statements (`PostgresQuery.prepared()`), the rest go through the extended protocol with planning.
    return {
        "entity lookup": (1000, lookups, "prepared"),
        "document by id": (1000, [(f"/v1/documents/{d}", sql_document(d)) for d in docs], "prepared"),
        "search": (200, searches, "extended"),
        "timeline": (200, [(f"/v1/timeline?entity={q(e[0])}&bucket={b}", sql_timeline(e[0], b))
                           for i, e in enumerate(entities[:40]) for b in ["year" if i % 2 else "month"]], "extended"),
        "cooccurrences": (200, [(f"/v1/entities/{q(e[0])}/cooccurrences?limit=20", sql_cooccurrences(e[0])) for e in entities[:40]],
                          "extended"),
    }


def paced_wrk(base, paths_file, rate, seconds, connections):
    """wrk waits `delay` after each response on each connection: rate = connections / (delay + latency). A short
    calibration run measures the latency, so the main run's delay brings the rate close to the target."""
    delay = 1000.0 * connections / rate
    calibration = run_wrk(base, paths_file, delay, 3, connections)
    latency = max(0.0, 1000.0 * connections / max(calibration["rps"], 1.0) - delay)
    return run_wrk(base, paths_file, max(0.0, 1000.0 * connections / rate - latency), seconds, connections)


def run_wrk(base, paths_file, delay, seconds, connections):
    env = dict(os.environ, WRK_PATHS=paths_file, WRK_DELAY_MS=str(int(round(delay))))
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", os.path.join(HERE, "paced.lua"), base],
                         env=env, capture_output=True, text=True, check=True).stdout
    m = re.search(r"RESULT (.*)", out)
    return dict((k, float(v)) for k, v in (kv.split("=") for kv in m.group(1).split()))


def run_pgbench(db, scripts, rate, seconds, clients, work, mode):
    for old in glob.glob(os.path.join(work, "pgbench_log*")):
        os.remove(old)
    cmd = ["pgbench", "-n", "-M", mode, f"-c{clients}", "-j2", f"-T{seconds}", f"-R{rate}", "-l",
           "--log-prefix", os.path.join(work, "pgbench_log")]
    for s in scripts:
        cmd += ["-f", s]
    cmd.append(db)
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("pgbench failed: " + out.stderr[-2000:])
    latencies = []
    for log in glob.glob(os.path.join(work, "pgbench_log*")):
        for line in open(log):
            # client, transaction, latency µs, script, epoch s, epoch µs, schedule lag µs. With --rate the latency
            # counts from the scheduled start; without the lag it is the statements' own time, like wrk's paced view.
            parts = line.split()
            if len(parts) >= 3:
                lag = int(parts[6]) if len(parts) >= 7 else 0
                latencies.append((int(parts[2]) - lag) / 1000.0)
    latencies.sort()
    tps = float(re.search(r"tps = ([0-9.]+)", out.stdout).group(1))
    pct = lambda p: latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]
    return {"p50_ms": pct(50), "p99_ms": pct(99), "rps": tps, "requests": len(latencies)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--only", default="")
    ap.add_argument("--max-throughput", action="store_true", help="also run unpaced (closed-loop) load")
    ap.add_argument("--connections", type=int, default=8,
                    help="wrk connections and pgbench clients (the same on both sides); more connections add wrk's own delay")
    # The SQL mirror below (sql_entity_lookup, …) still reads the entity label columns migration 0006 replaced.
    ap.add_argument("--api-only", action="store_true", help="time the API only (no pgbench side)")
    ap.add_argument("--sql-mode", default="", help="pgbench protocol for every endpoint (simple|extended|prepared)")
    a = ap.parse_args()
    gen = os.path.join(a.work, "gen")
    names = {}
    for line in open(os.path.join(gen, "names.tsv"), encoding="utf-8"):
        label, eid = line.rstrip("\n").split("\t")
        names.setdefault(label.lower(), []).append(eid)
    # Warm-up: every path once, and check they all answer 200.
    eps = endpoints(gen, names)
    rows = []
    # The floor of the HTTP side: wrk against /healthz (no database, no JSON work) at each endpoint's rate and
    # connection count. What an endpoint adds over its SQL is bounded below by this round trip through wrk and the
    # server; "net" is the API's p50 less the floor's, over the SQL's p50.
    floor_paths = os.path.join(a.work, "healthz-paths.txt")
    with open(floor_paths, "w") as f:
        f.write("/healthz\n")
    floors = {}

    def floor_for(rate):
        if rate not in floors:
            fl = floors[rate] = paced_wrk(a.base, floor_paths, rate, min(a.seconds, 10), a.connections)
            print(f"{'HTTP floor':15s} target {rate:5d}/s | /healthz p50 {fl['p50_ms']:7.2f} ms  p99 {fl['p99_ms']:7.2f} ms"
                  f"  {fl['rps']:7.0f} req/s (no database: wrk and the HTTP stack alone)", flush=True)
        return floors[rate]

    for name, (rate, cases, mode) in eps.items():
        if a.only and name not in a.only.split(","):
            continue
        d = os.path.join(a.work, "cases", name.replace(" ", "-"))
        os.makedirs(d, exist_ok=True)
        for old in glob.glob(os.path.join(d, "*.sql")):
            os.remove(old)
        paths = os.path.join(d, "paths.txt")
        with open(paths, "w", encoding="utf-8") as f:
            f.write("\n".join(p for p, _ in cases) + "\n")
        scripts = []
        for i, (path, sql) in enumerate(cases):
            with urllib.request.urlopen(a.base + path) as r:
                assert r.status == 200, path
                r.read()
            s = os.path.join(d, f"{i:03d}.sql")
            with open(s, "w", encoding="utf-8") as f:
                f.write(pgbench_safe(re.sub(r"\s*\n\s*", " ", sql)).replace("; ", ";\n") + "\n")
            scripts.append(s)
        connections = a.connections
        floor = floor_for(rate)
        api = paced_wrk(a.base, paths, rate, a.seconds, connections)
        # The same statements at the rate the API actually served, with as many clients as wrk had connections.
        if a.api_only:
            rows.append({"endpoint": name, "target": rate, "api": api, "floor": floor})
            print(f"{name:15s} target {rate:5d}/s | API p50 {api['p50_ms']:7.2f} ms  p99 {api['p99_ms']:7.2f} ms  {api['rps']:7.0f} req/s"
                  f" | net p50 {api['p50_ms'] - floor['p50_ms']:6.2f} ms over the floor", flush=True)
            continue
        db = run_pgbench(a.db, scripts, max(1, int(api["rps"])), a.seconds, connections, d, a.sql_mode or mode)
        row = {"endpoint": name, "target": rate, "api": api, "sql": db, "floor": floor}
        if a.max_throughput:
            row["max"] = run_wrk(a.base, paths, 0, min(a.seconds, 10), 16)
        rows.append(row)
        print(f"{name:15s} target {rate:5d}/s | API p50 {api['p50_ms']:7.2f} ms  p99 {api['p99_ms']:7.2f} ms  {api['rps']:7.0f} req/s"
              f" | SQL ({a.sql_mode or mode}) p50 {db['p50_ms']:7.2f} ms  p99 {db['p99_ms']:7.2f} ms  {db['rps']:7.0f}/s"
              f" | ratio p50 {api['p50_ms'] / max(db['p50_ms'], 1e-6):4.2f} p99 {api['p99_ms'] / max(db['p99_ms'], 1e-6):4.2f}"
              f" net p50 {(api['p50_ms'] - floor['p50_ms']) / max(db['p50_ms'], 1e-6):4.2f}"
              + (f" | unpaced {row['max']['rps']:6.0f} req/s p99 {row['max']['p99_ms']:.1f} ms" if "max" in row else ""),
              flush=True)
        if api["non2xx"] or api["errors"]:
            print(f"  ! {int(api['non2xx'])} non-2xx answers, {int(api['errors'])} socket errors", flush=True)


if __name__ == "__main__":
    main()
