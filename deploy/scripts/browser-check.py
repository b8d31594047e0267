#!/usr/bin/env python3
"""Loads each page of the web workspace in Debian's headless Chromium, as a person would, and checks what matters.

usage: browser-check.py QUERY_BASE_URL SCREENSHOT_DIR

For every page: the DOM after loading (--dump-dom) holds the important content (a highlighted word, a mention linked
to its entity, timeline bars, network nodes...), the browser logged no console message (the pages have no script, so
any console line is an error: a failed stylesheet, a blocked request), and a screenshot is saved for a look.
Prints one "ok"/"FAIL" line per check like e2e.sh; exits 1 when any check failed.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

base, shots = sys.argv[1].rstrip("/"), sys.argv[2]
os.makedirs(shots, exist_ok=True)
browser = shutil.which("chromium") or shutil.which("chromium-browser")
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"  ok   {name}")
    else:
        failed += 1
        print(f"  FAIL {name}{': ' + detail if detail else ''}")


def api(path):
    with urllib.request.urlopen(base + path, timeout=30) as r:
        return json.load(r)


def chromium(url, *flags):
    profile = tempfile.mkdtemp(prefix="dala-chromium-")
    try:
        run = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                              "--disable-extensions", "--enable-logging=stderr", "--v=0", f"--user-data-dir={profile}",
                              "--lang=en-US", *flags, url], capture_output=True, timeout=90)
        return run.stdout.decode("utf-8", "replace"), run.stderr.decode("utf-8", "replace")
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def page(name, path, expectations, height=1400):
    """Loads base+path (raw UTF-8 allowed: the browser encodes it, as from the address bar)."""
    url = base + path
    dom, log = chromium(url, "--dump-dom")
    console = [l for l in log.splitlines() if ":CONSOLE" in l]
    check(f"{name}: page loads ({path})", "</html>" in dom and "<main>" in dom, dom[:200])
    check(f"{name}: no console message", not console, "; ".join(console)[:400])
    for label, pattern, minimum in expectations:
        n = len(re.findall(pattern, dom))
        check(f"{name}: {label}", n >= minimum, f"{n} of /{pattern}/, want >= {minimum}")
    chromium(url, f"--screenshot={os.path.join(shots, name + '.png')}", f"--window-size=1280,{height}", "--hide-scrollbars")
    check(f"{name}: screenshot {shots}/{name}.png", os.path.getsize(os.path.join(shots, name + ".png")) > 10000)
    return dom


if not browser:
    check("chromium installed (deploy/scripts/install-deps.sh with DALA_DEPS_TEST=1)", False)
    sys.exit(1)

# Ids from the API, so the check holds for any corpus that mentions Kazakhstan.
kz = api("/v1/entities?name=Kazakhstan")["items"][0]["id"]
hits = api("/v1/search?q=" + urllib.parse.quote("Қазақстан") + "&limit=5")["items"]
hit = hits[0]

page("search", "/?q=Қазақстан", [
    ("a highlighted word in a hit", r"<mark>", 1),
    ("hits link to the document at their offsets", r'href="/documents/[0-9a-f-]{36}\?hl=\d+-\d+#s\d+"', 1),
    ("facets", r'class="facets"', 1),
])
page("search-kk", "/?q=ШОС&ui=kk", [("Kazakh interface", r"Іздеу", 1), ("a highlighted word", r"<mark>", 1)])
page("document", f"/documents/{hit['document_id']}?hl={hit['start']}-{hit['end']}#s{hit['sentence_index']}", [
    ("mentions linked to their entity", r'<a class="m t-[a-z]+" href="/entities/', 2),
    ("the hit's sentence is selected", r'class="s sel"', 1),
], height=1100)
page("entity", f"/entities/{kz}", [
    ("timeline bars", r'<rect class="bar', 3),
    ("network nodes", r'class="node"', 5),
    ("network edges", r'class="edge"', 4),
    ("labels in three languages", r"<b>kk</b>.*<b>ru</b>.*<b>en</b>", 1),
], height=2200)
page("events", "/events?type=agreement", [("event cards with evidence", r'class="ev"', 2), ("trigger marked", r"<mark>", 2)])
page("kb", "/kb?q=Japarov", [("the knowledge base finds Japarov", r"person-s-japarov", 1)], height=700)
page("upload", "/upload", [("the upload form", r'enctype="multipart/form-data"', 1)], height=900)

print(f"browser: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
