#!/usr/bin/env bash
# Hubble ingest benchmark against jq and wc -l on the same file, in the same run (DESIGN.md §6,
# reference/perf-baselines.md). Usage: Benchmarks/ingest-baselines.sh [megabytes]
# The data goes to ../.build-bench-data (ignored by git) and is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")"
megabytes=${1:-1100}
data=../.build-bench-data
file=$data/hubble.jsonl
mkdir -p "$data"
trap 'rm -f "$file"' EXIT
swift build -c release >/dev/null
bench=.build/release/DenyscopeBenchmarks
$bench hubble-write "$file" --megabytes "$megabytes"
bytes=$(wc -c <"$file")
cat "$file" >/dev/null # warm the page cache

measure() { # command...: prints wall seconds
  local start end
  start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
  echo "$end - $start" | bc
}
wc_s=$(measure wc -l "$file")
jq_s=$(measure jq -c 'select(.flow.verdict=="DROPPED")' "$file")
one_s=$(measure $bench ingest "$file" --parallelism 1)
cores=$(nproc)
all_s=$(measure $bench ingest "$file" --parallelism "$cores")
mb() { echo "$bytes / $1 / 1000000" | bc -l; }
printf 'hubble.jsonl: %d bytes, %d lines\n' "$bytes" "$(wc -l <"$file")"
printf '%-48s %8.3f s %8.0f MB/s\n' "wc -l" "$wc_s" "$(mb "$wc_s")" \
  "jq -c 'select(.flow.verdict==\"DROPPED\")'" "$jq_s" "$(mb "$jq_s")" \
  "denyscope Hubble ingest, 1 thread" "$one_s" "$(mb "$one_s")" \
  "denyscope Hubble ingest, $cores threads" "$all_s" "$(mb "$all_s")"
printf 'ingest / jq: %.1fx (1 thread), %.1fx (%d threads); target >= 15x (DESIGN.md §6)\n' \
  "$(echo "$jq_s / $one_s" | bc -l)" "$(echo "$jq_s / $all_s" | bc -l)" "$cores"
printf 'wc -l / ingest: ingest takes %.1fx the time of wc -l (%d threads)\n' "$(echo "$all_s / $wc_s" | bc -l)" "$cores"
$bench ingest "$file" --parallelism "$cores"
/usr/bin/time -f 'ingest peak RSS: %M KiB' $bench ingest "$file" --parallelism "$cores" 2>&1 >/dev/null | tail -1
