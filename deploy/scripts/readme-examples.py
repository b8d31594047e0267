#!/usr/bin/env python3
"""Runs the command-line examples of the README's "Using it" section against a running stack, as written.

usage: readme-examples.py README.md QUERY_PORT INGEST_PORT BIN_DIR

The first ```sh block after "## Using it" is taken line by line (a trailing backslash joins lines). Only what a test
stack needs is rewritten: the ports (localhost:8080 / 8081 → the given ones) and `.build/release/` → BIN_DIR (the
e2e run uses the debug build). `curl -s` becomes `curl -sf`, so an HTTP error fails the example. Each command runs
with bash -o pipefail in a scratch directory that links the repository's deploy/ and .build/ (so every file the
README names must exist in the repository, and files it writes land in the scratch directory); it must exit 0 and
print something (or write the file it redirects to). `NAME=$(...)` lines set a variable for the later commands.
Prints one ok/FAIL line per command; exits 1 when any failed.
"""
import os
import re
import subprocess
import sys
import tempfile

readme, qport, iport, bin_dir = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
root = os.path.dirname(os.path.abspath(readme))
text = open(readme, encoding="utf-8").read()
section = text.split("\n## Using it", 1)[1]
block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)

commands, current = [], ""
for line in block.splitlines():
    current += line.rstrip()
    if current.endswith("\\"):
        current = current[:-1] + " "
        continue
    if current.strip():
        commands.append(current.strip())
    current = ""


def rewrite(cmd):
    cmd = cmd.replace("localhost:8080", f"127.0.0.1:{qport}").replace("localhost:8081", f"127.0.0.1:{iport}")
    cmd = cmd.replace(".build/release/", bin_dir.rstrip("/") + "/")
    return re.sub(r"\bcurl -s", "curl -sf", cmd)


scratch = tempfile.mkdtemp(prefix="dala-readme-")
for name in ("deploy", ".build"):
    os.symlink(os.path.join(root, name), os.path.join(scratch, name))
env = dict(os.environ, DALA_INGEST_URL=f"http://127.0.0.1:{iport}", DALA_QUERY_URL=f"http://127.0.0.1:{qport}")
passed = failed = 0
for cmd in commands:
    shown = cmd if len(cmd) < 110 else cmd[:107] + "..."
    assignment = re.match(r"^([A-Z_]+)=\$\((.*)\)\s*$", cmd)
    run_cmd = rewrite(assignment.group(2) if assignment else cmd)
    redirect = re.search(r">\s*([\w.\-]+)\s*(#.*)?$", cmd)
    result = subprocess.run(["bash", "-o", "pipefail", "-c", run_cmd], cwd=scratch, env=env, capture_output=True,
                            timeout=300)
    out = result.stdout.decode("utf-8", "replace")
    produced = out.strip() != "" or (redirect and os.path.getsize(os.path.join(scratch, redirect.group(1))) > 0)
    if result.returncode == 0 and produced:
        passed += 1
        print(f"  ok   README: {shown}")
        if assignment:
            env[assignment.group(1)] = out.strip()
    else:
        failed += 1
        err = result.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        print(f"  FAIL README: {shown}\n       exit {result.returncode}, output {len(out)} bytes; {' | '.join(err)}")
print(f"README examples: {passed} passed, {failed} failed")
sys.exit(1 if failed or not commands else 0)
