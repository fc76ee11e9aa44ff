#!/usr/bin/env bash
# The app benchmark (issue 8): the release desktop app, driven through WebDriver under its own
# Xvfb, on generated workbooks of 10, 1,000 and 10,000 actions. Prints one table (see
# bench/README.md for what each figure is). A benchmark, not a test: nothing here fails on a
# slow run, and it is not part of scripts/dev test or CI.
#
#   bench/app.sh                      (from anywhere; about 10 minutes on the 2-core machine)
#   bench/app.sh 10 1000              (only these sizes)
#   BENCH_JSON=out.json bench/app.sh  (also every edit's time, as JSON)
#   BENCH_VIEWS=priority bench/app.sh 10 10000   (only these views: actions, matrix, priority)
#
# Builds what is missing or out of date: ui/dist (when ui/ has changed since), the release app
# (with the custom-protocol feature, as installers are built, so it serves ui/dist) and the
# release CLI, in ${CARGO_TARGET_DIR:-target} (a release build of the app takes 4 minutes on an
# idle 2-core machine, much longer when it is busy). Needs what the end-to-end tests need (Xvfb,
# dbus-daemon, WebKitWebDriver, tauri-driver; scripts/dev test installs them) and Node.js.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10 1000 10000)

for tool in Xvfb dbus-daemon WebKitWebDriver node; do
    command -v "$tool" >/dev/null || {
        echo "error: $tool is not installed; scripts/dev test installs what the end-to-end tests (and this) need" >&2
        exit 2
    }
done
command -v tauri-driver >/dev/null || [ -x "$HOME/.cargo/bin/tauri-driver" ] || {
    echo "error: tauri-driver is not installed; cargo install tauri-driver --locked --version 2.1.0" >&2
    exit 2
}

# The UI bundle, rebuilt only when something in ui/ is newer (rebuilding it otherwise would
# make cargo relink the app for nothing).
if [ ! -f "$root/ui/dist/index.html" ] ||
    [ -n "$(find "$root/ui/src" "$root/ui/index.html" "$root/ui/package.json" "$root/ui/vite.config.ts" \
        -newer "$root/ui/dist/index.html" -print -quit 2>/dev/null)" ]; then
    echo "Building the UI (ui/dist)…" >&2
    (cd "$root/ui" && npm run build --silent >/dev/null)
fi
# The release app and CLI, built only when missing or older than a source: cargo cannot be
# asked every time, because the app's build script is rerun on every build (tauri-build
# watches a `permissions` folder that does not exist), which recompiles and relinks the app
# (15 minutes on the loaded 2-core machine). One invocation for both, so their shared
# dependencies are built once with one feature set.
app="$target/release/planbook-app"
cli="$target/release/planbook"
if [ ! -x "$app" ] || [ ! -x "$cli" ] ||
    [ -n "$(find "$root/src-tauri" "$root/crates" "$root/ui/dist" "$root/Cargo.toml" "$root/Cargo.lock" \
        "$root"/tauri*.json -newer "$app" -print -quit)" ]; then
    echo "Building the release app and CLI (cargo build --release)…" >&2
    (cd "$root" && cargo build --release --locked -q -p planbook-app --features custom-protocol -p planbook-cli)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/planbook-appbench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
books=()
for n in "${sizes[@]}"; do
    "$cli" generate --actions "$n" -o "$work/$n actions.sqlite" >/dev/null
    books+=("$(printf "%'d" "$n") actions=$work/$n actions.sqlite")
done

echo "Release build: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- ui src-tauri crates || echo ' (with uncommitted changes)'), $(date -u '+%Y-%m-%d %H:%M UTC')" >&2
echo "Machine load before: $(uptime)" >&2
json=()
[ -n "${BENCH_JSON:-}" ] && json=(--json "$BENCH_JSON")
node "$root/bench/app.mjs" --app "$app" "${json[@]}" "${books[@]}"
echo "Machine load after: $(uptime)" >&2
