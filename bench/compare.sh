#!/usr/bin/env bash
# Plan-document export benchmark: Planbook's PDF export of the example, a generated
# 1,000-action workbook and a 10,000-action one (wall time and peak memory, from
# /usr/bin/time -v), against Chromium's --print-to-pdf of Planbook's own HTML export of the
# same workbook. Prints one table. A benchmark, not a test: nothing here fails on a slow run.
#
#   bench/compare.sh            (from the repository root)
#
# Needs: a Rust toolchain, /usr/bin/time (Debian package `time`) and Chromium (Debian package
# `chromium`; installed with apt-get when missing and the script can use it).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/planbook-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

need_apt() {
    local pkg="$1"
    if [ "$(id -u)" = 0 ]; then apt-get install -y -q "$pkg" >/dev/null
    elif command -v sudo >/dev/null; then sudo apt-get install -y -q "$pkg" >/dev/null
    else echo "error: $pkg is needed; install it with apt-get install $pkg" >&2; exit 2; fi
}
[ -x /usr/bin/time ] || need_apt time
chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium_bin" ]; then need_apt chromium; chromium_bin="$(command -v chromium)"; fi

echo "Building planbook (release)…" >&2
cargo build --release -q -p planbook-cli --manifest-path "$root/Cargo.toml"
pb="${CARGO_TARGET_DIR:-$root/target}/release/planbook"

"$pb" new "$work/example.sqlite" --example our-dorset >/dev/null
"$pb" generate --actions 1000 -o "$work/g1000.sqlite" >/dev/null
"$pb" generate --actions 10000 -o "$work/g10000.sqlite" >/dev/null

# Runs a command under /usr/bin/time -v; prints "seconds peak_MB".
measure() {
    local log="$work/time.log"
    /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; exit 2; }
    local wall rss
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")"
    rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
    # m:ss.ss or h:mm:ss → seconds
    awk -v t="$wall" -v r="$rss" 'BEGIN { n = split(t, p, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.3f %.0f\n", s, r / 1024 }'
}

# Chromium's peak memory is the sum over its processes; /usr/bin/time reports the largest
# single process (the browser or a renderer), so Chromium's figure is a lower bound.
chromium_pdf() {
    local html="$1" pdf="$2" profile
    profile="$(mktemp -d "$work/profile.XXXXXX")"
    measure "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --no-pdf-header-footer --print-to-pdf="$pdf" "file://$html"
}

printf '%-16s %6s %11s %9s %13s %10s %8s\n' \
    "workbook" "pages" "planbook s" "peak MB" "chromium s" "peak MB*" "ratio"
for name in example g1000 g10000; do
    book="$work/$name.sqlite"
    read -r t_pb m_pb < <(measure "$pb" export-pdf "$book" -o "$work/$name.pdf")
    pages="$(pdfinfo "$work/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || echo '?')"
    "$pb" export-html "$book" -o "$work/$name.html" >/dev/null
    read -r t_cr m_cr < <(chromium_pdf "$work/$name.html" "$work/$name-chromium.pdf")
    ratio="$(awk -v a="$t_cr" -v b="$t_pb" 'BEGIN { printf "%.1f×", (b > 0 ? a / b : 0) }')"
    label="$name"
    case "$name" in g1000) label="1,000 actions" ;; g10000) label="10,000 actions" ;; esac
    printf '%-16s %6s %11s %9s %13s %10s %8s\n' "$label" "$pages" "$t_pb" "$m_pb" "$t_cr" "$m_cr" "$ratio"
done
echo "* Chromium: the largest single process; its total across processes is higher." >&2
echo "Targets: example < 0.1 s; 1,000 actions < 1 s; 10,000 actions < 10 s and < 300 MB; ≥ 10× faster than Chromium." >&2
