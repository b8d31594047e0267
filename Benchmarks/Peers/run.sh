#!/usr/bin/env bash
# Dala vs Natasha on the annotated entity fixtures and the sample corpus. Usage: Benchmarks/Peers/run.sh [path/to/dala]
# Installs Natasha from PyPI into .local/peers-venv on first use (Debian's system pip is externally managed);
# after that it runs offline: the Navec embeddings and the Slovnet NER model ship inside the wheels.
set -euo pipefail
cd "$(dirname "$0")/../.."
DALA_BIN=${1:-${DALA_BIN:-.build/release/dala}}
VENV=${PEERS_VENV:-.local/peers-venv}
NATASHA_VERSION=1.6.0

[ -x "$DALA_BIN" ] || { echo "no dala binary at $DALA_BIN (swift build -c release --product dala)" >&2; exit 1; }
if ! "$VENV/bin/python" -c "import natasha" 2>/dev/null; then
    python3 -m venv "$VENV" || { echo "python3 -m venv failed: apt-get install python3-venv" >&2; exit 1; }
    "$VENV/bin/pip" install --quiet "natasha==$NATASHA_VERSION"
fi
exec "$VENV/bin/python" Benchmarks/Peers/peers.py --dala "$DALA_BIN" --repo . "${@:2}"
