#!/usr/bin/env bash
# A bounded fuzzing run (see fuzz/README.md): every fuzz target replays its
# committed corpus, seeds and regressions, then fuzzes for FUZZ_SECONDS
# (default 30). About 2 minutes after the build. Fails on any crash,
# timeout (10 s for one input) or out-of-memory (2 GB); the input that did
# it is in fuzz/artifacts/<target>/. Nothing in the repository changes:
# new corpus entries go to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."

# cargo-fuzz drives libFuzzer. With `-s none` it passes stable flags only;
# RUSTC_BOOTSTRAP lets stable Rust take the `-Z` flags of a sanitizer build
# too (see fuzz/README.md).
export RUSTC_BOOTSTRAP=1
seconds="${FUZZ_SECONDS:-30}"

if ! command -v cargo-fuzz >/dev/null; then
    echo "== cargo install cargo-fuzz"
    cargo install cargo-fuzz --locked --version 0.13.2
fi
# libFuzzer itself is C++, built by libfuzzer-sys.
if ! command -v c++ >/dev/null; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq g++
fi

cd fuzz
# Fails if Cargo.lock would change, like `cargo test --locked`; after a
# change to the main crate's dependencies, run `cargo fetch` here once
# (without --locked) and commit fuzz/Cargo.lock.
cargo fetch --locked --quiet
echo "== cargo fuzz build"
cargo fuzz build -s none

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The checks themselves, on real exports and on broken ones. Quiet: its
# summary line would read like the main test suite's.
echo "== the fuzz checks' own tests"
if ! cargo test --locked --lib >"$work/unit.log" 2>&1; then
    cat "$work/unit.log"
    echo "fuzz-smoke: the fuzz checks' own tests FAILED" >&2
    exit 1
fi
failed=()
for target in content notes export; do
    case "$target" in
        content) max_len=65536 ;;
        *) max_len=16384 ;;
    esac
    # The first folder receives new inputs; the committed ones are read only.
    dirs=("$work/$target")
    for dir in corpus seeds regressions; do
        if [ -d "$dir/$target" ]; then dirs+=("$dir/$target"); fi
    done
    mkdir -p "$work/$target"
    flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len"
        -print_final_stats=1)
    if [ "$target" != export ]; then flags+=(-dict=dict/ron.dict); fi
    echo "== fuzz $target for ${seconds} s (corpus: ${dirs[*]:1})"
    log="$work/$target.log"
    if cargo fuzz run -s none "$target" "${dirs[@]}" -- "${flags[@]}" >"$log" 2>&1; then
        grep -E '^#[0-9]+[[:space:]]+DONE' "$log" || true
    else
        # The panic, libFuzzer's report and where the input was saved.
        grep -E -A12 "panicked at|ERROR: libFuzzer|^SUMMARY" "$log" | head -n 60 || tail -n 40 "$log"
        grep -E "Test unit written to" "$log" || true
        failed+=("$target")
    fi
done
if ((${#failed[@]})); then
    echo "fuzz-smoke: FAILED in ${failed[*]}; replay an input with: cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s none TARGET artifacts/TARGET/FILE" >&2
    exit 1
fi
echo "== fuzz-smoke: no crash, timeout or out-of-memory"
