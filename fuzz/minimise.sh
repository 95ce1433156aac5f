#!/usr/bin/env bash
# Minimises fuzz/corpus/<target>/ after a long run, so the committed corpus
# stays small (a few hundred KB in all). Keeps, of the inputs up to a size
# (2.5 KiB of content, 512 B of notes, any structured input), a smallest set
# that reaches every edge they reach beyond what the seeds reach
# (libFuzzer's set-cover merge on edges, hit counts ignored). Seeds are not
# copied into the corpus: every run reads both.
set -euo pipefail
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1

cargo fuzz build -s none
bin="target/$(rustc -vV | sed -n 's/^host: //p')/release"
for spec in content:2560 notes:512 export:16384; do
    target="${spec%%:*}"
    limit="${spec##*:}"
    [ -d "corpus/$target" ] || continue
    work="$(mktemp -d)"
    mkdir "$work/candidates" "$work/kept"
    find "corpus/$target" -type f -size "-$((limit + 1))c" -exec cp -t "$work/candidates" {} +
    if [ -d "seeds/$target" ]; then cp "seeds/$target"/* "$work/kept/"; fi
    "$bin/$target" -set_cover_merge=1 -use_counters=0 -max_len=65536 \
        "$work/kept" "$work/candidates" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
    if [ -d "seeds/$target" ]; then
        for seed in "seeds/$target"/*; do rm -f "$work/kept/$(basename "$seed")"; done
    fi
    rm -rf "corpus/$target"
    mkdir -p "corpus/$target"
    if compgen -G "$work/kept/*" >/dev/null; then cp "$work/kept"/* "corpus/$target/"; fi
    echo "$target: $(find "corpus/$target" -type f | wc -l) inputs, $(cat "corpus/$target"/* 2>/dev/null | wc -c) bytes ($(grep -oE '[0-9]+ new coverage edges' "$work/log" | tail -n 1) beyond the seeds)"
    rm -rf "$work"
done
