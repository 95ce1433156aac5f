#!/usr/bin/env bash
# Bounded work for any input (issue 7): runs the release binary on the
# pathological content files at the size limit (and on the generated
# 10,000-dimension comparison) and prints, per file and command, the wall
# time and peak memory, as ratios:
#
#   ×ron   = wall time / ron::from_str of the same bytes into a ron::Value
#   ×skim  = wall time / ron::from_str of the same bytes into IgnoredAny
#   mem×   = (peak RSS - the process's baseline RSS) / file size
#
# Target (issue 7): ×ron ≤ 10 and mem× ≤ 20 on every row. See BENCHMARKS.md.
#
# The files and the baselines come from the `#[ignore]`d test `bench_files`
# in tests/limits.rs, built with the release profile and run by this
# script: ron::from_str in-process (no process start-up, no file read),
# the fastest of three runs; pulldown-cmark over every string of the file
# likewise ("md", for files that load). Each command runs $REPEAT times
# (default 3): the fastest wall time and the largest peak RSS are shown.
# The baseline RSS is `versus validate` of the built-in comparison (23 kB).
#
# Usage: scripts/bench-limits.sh [DIR]   (DIR: where the files go,
# default /tmp/versus-bench-limits; about 80 MB)
set -euo pipefail
cd "$(dirname "$0")/.."

dir="${1:-/tmp/versus-bench-limits}"
repeat="${REPEAT:-3}"
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/versus"
out="$dir/export.out"
mkdir -p "$dir"

echo "== cargo build --release" >&2
cargo build --release --quiet --bin versus
echo "== writing the files and timing ron::from_str on them" >&2
VERSUS_BENCH_DIR="$dir" cargo test --release --quiet --test limits -- \
    --ignored --exact bench_files --nocapture --test-threads 1 |
    grep -P '\t' >"$dir/baselines.tsv"

# Runs "$@" $repeat times under /usr/bin/time; prints
# "fastest-seconds largest-max-rss-kib exit-code".
measure() {
    local best="" rss=0 code wall kib
    for _ in $(seq "$repeat"); do
        code=0
        /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt" || code=$?
        # The last line: a failing command adds "Command exited with…".
        read -r wall kib < <(tail -n 1 "$dir/time.txt")
        if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$wall
        fi
        ((kib > rss)) && rss=$kib
    done
    echo "$best $rss $code"
}

read -r base_wall base_kib _ < <(measure "$bin" validate data/project-vs-technology-management.ron)
echo "Baseline: versus validate of the built-in comparison: ${base_wall} s, ${base_kib} KiB max RSS."
echo
echo "| file | bytes | ron (s) | skim (s) | md (s) |"
echo "|------|------:|--------:|---------:|-------:|"
while IFS=$'\t' read -r name bytes ron skim md; do
    echo "| $name | $bytes | $ron | $skim | $md |"
done <"$dir/baselines.tsv"
echo
echo "| file | command | exit | wall (s) | RSS (MiB) | ×ron | ×skim | mem× |"
echo "|------|---------|-----:|---------:|----------:|-----:|------:|-----:|"
while IFS=$'\t' read -r name bytes ron skim md; do
    file="$dir/$name"
    for command in validate markdown html marp; do
        if [ "$command" = validate ]; then
            args=(validate "$file")
        else
            args=(export "$file" --format "$command" --out "$out" --force)
        fi
        read -r wall kib code < <(measure "$bin" "${args[@]}")
        awk -v n="$name" -v b="$bytes" -v r="$ron" -v s="$skim" -v c="$command" \
            -v e="$code" -v w="$wall" -v k="$kib" -v base="$base_kib" 'BEGIN {
                # /usr/bin/time counts in steps of 10 ms: count at least one.
                t = (w < 0.01 ? 0.01 : w)
                printf "| %s | %s | %d | %.2f | %.1f | %.1f | %.1f | %.1f |\n",
                    n, c, e, w, k / 1024, t / r, t / s, (k - base) * 1024 / b
            }'
    done
done <"$dir/baselines.tsv"
rm -f "$out"
