#!/usr/bin/env bash
# Talenta developer entry point. Two commands (see README):
#   ./dev.sh serve   create the environment, build the demo database if there is none, serve on 127.0.0.1:8501
#                    (--lan: every interface, plain HTTP, for a meeting; see docs/operations.md)
#   ./dev.sh test    create the environment, install Chromium if missing, check layers and lint, run every test
#   ./dev.sh check   only the layer check (import-linter) and the lint (ruff), both configured in pyproject.toml
#   ./dev.sh bench   benchmark at 6k and 100k ASN; --national adds 1M and 4.7M (see docs/benchmark.md);
#                    --browser: exports dropped → 9-box drawn in Chromium (see docs/benchmark-browser.md)
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY="${PYTHON:-}"
if [[ -z "$PY" ]]; then
  for c in python3.11 python3; do command -v "$c" >/dev/null && PY="$c" && break; done
fi
[[ -n "$PY" ]] || { echo "Python 3.11 tidak ditemukan." >&2; exit 1; }

setup() {
  "$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
    || { echo "Butuh Python 3.11 atau lebih baru ($PY: $("$PY" --version))." >&2; exit 1; }
  [[ -x "$VENV/bin/python" ]] || "$PY" -m venv "$VENV"
  local want have
  want=$(sha256sum requirements.txt | cut -d' ' -f1)
  have=$(cat "$VENV/.requirements.sha256" 2>/dev/null || true)
  if [[ "$want" != "$have" ]]; then
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -r requirements.txt
    echo "$want" > "$VENV/.requirements.sha256"
  fi
}

# Chromium renders the 9-box PNG/PDF and slide exports, and drives the browser tests.
# ensure_chromium required|optional: "optional" (serve) only warns when it cannot be installed.
ensure_chromium() {
  command -v chromium >/dev/null && return 0
  echo "Memasang Chromium (Debian) untuk ekspor gambar/slide dan uji peramban…"
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  fi
  command -v chromium >/dev/null && return 0
  echo "Chromium tidak terpasang: jalankan 'apt-get install -y chromium'." >&2
  [[ "${1:-required}" == optional ]] && { echo "Dasbor tetap berjalan; ekspor PNG/PDF/PowerPoint belum bisa." >&2; return 0; }
  exit 1
}

# One-way layers (pages → ui → reports → data → analytics) and a small lint rule set: seconds, so first.
check() {
  "$VENV/bin/ruff" check --quiet . || { echo "ruff menemukan masalah di atas ('.venv/bin/ruff check --fix .' memperbaiki sebagian)." >&2; exit 1; }
  local out
  out=$("$VENV/bin/lint-imports" --no-cache 2>&1) \
    || { echo "$out"; echo "Impor melanggar arah lapisan (lihat di atas)." >&2; exit 1; }
  echo "Lapisan dan lint: baik."
}

case "${1:-}" in
  serve)
    # This machine only by default; `--lan` (or ADDRESS=0.0.0.0) for the other laptops of a meeting.
    address="${ADDRESS:-127.0.0.1}"
    case "${2:-}" in
      "") ;;
      --lan) address=0.0.0.0 ;;
      *) echo "Pakai: ./dev.sh serve [--lan]" >&2; exit 2 ;;
    esac
    setup
    ensure_chromium optional
    "$VENV/bin/python" -m data demo --if-missing
    if [[ "$address" != 127.0.0.1 && "$address" != localhost && "$address" != ::1 && -z "${STREAMLIT_SERVER_SSL_CERT_FILE:-}" ]]; then
      echo "PERINGATAN: dasbor terbuka untuk jaringan di $address:${PORT:-8501} lewat HTTP biasa (tanpa enkripsi):" \
           "kata sandi dan data ASN dapat disadap di jaringan itu. Pakai hanya di jaringan rapat yang tepercaya," \
           "atau pasang di belakang TLS (docs/operations.md#serving-on-a-lan-and-tls)." >&2
    fi
    # ui.serve = streamlit run + the default view prepared while the server starts (first visitor waits no longer)
    exec "$VENV/bin/python" -m ui.serve run app.py --server.port "${PORT:-8501}" --server.address "$address"
    ;;
  test)
    shift
    setup
    ensure_chromium required
    check
    set +e
    # One worker per core, whole files to a worker (a module's served app and fixtures stay in one
    # process); TEST_WORKERS=0 runs in this process (a debugger, -x on the first failure).
    "$VENV/bin/python" -m pytest -n "${TEST_WORKERS:-2}" --dist loadfile "$@"
    rc=$?
    set -e
    [[ $rc -eq 5 ]] && { echo "Tidak ada uji yang dijalankan: dianggap gagal." >&2; exit 1; }
    exit $rc
    ;;
  check)
    setup
    check
    ;;
  bench)
    shift
    setup
    if [[ "${1:-}" == --browser ]]; then
      shift
      ensure_chromium required
      exec "$VENV/bin/python" scripts/bench_browser.py "$@"
    fi
    exec "$VENV/bin/python" scripts/benchmark.py "$@"
    ;;
  *)
    echo "Pakai: ./dev.sh serve [--lan] | ./dev.sh test [argumen pytest] | ./dev.sh check | ./dev.sh bench [--national | --browser]" >&2
    exit 2
    ;;
esac
