#!/usr/bin/env bash
# Calico LOG ingest benchmark against mawk (a group-by on SRC/DST/DPT), grep -c and wc -l on the same
# file, in the same run (DESIGN.md §6: target >= 10x mawk; reference/perf-baselines.md "Calico LOG").
# Usage: Benchmarks/calico-log-baselines.sh [lines]  (default 1,200,000)
# The data goes to ../.build-bench-data (ignored by git) and is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")"
lines=${1:-1200000}
data=../.build-bench-data
file=$data/calico.log
mkdir -p "$data"
trap 'rm -f "$file"' EXIT
swift build -c release >/dev/null
bench=.build/release/DenyscopeBenchmarks
$bench calico-log-write "$file" --lines "$lines"
bytes=$(wc -c <"$file")
cat "$file" >/dev/null # warm the page cache

measure() { # command...: prints wall seconds; output goes through a pipe (grep stops early on /dev/null)
  local start end
  start=$(date +%s.%N); "$@" | cat >/dev/null; end=$(date +%s.%N)
  echo "$end - $start" | bc
}
awk_program='/calico-packet:/ { s=d=p=""; for (i=1;i<=NF;i++) { t=substr($i,1,4); if (t=="SRC=") s=substr($i,5); else if (t=="DST=") d=substr($i,5); else if (t=="DPT=") p=substr($i,5) } c[s" "d" "p]++ } END { print length(c) }'
wc_s=$(measure wc -l "$file")
grep_s=$(LC_ALL=C measure grep -c calico-packet: "$file")
mawk_s=$(measure mawk "$awk_program" "$file")
one_s=$(measure $bench ingest "$file" --calico-log --parallelism 1)
cores=$(nproc)
all_s=$(measure $bench ingest "$file" --calico-log --parallelism "$cores")
mb() { echo "$bytes / $1 / 1000000" | bc -l; }
printf 'calico.log: %d bytes, %d lines; mawk groups: %s\n' "$bytes" "$(wc -l <"$file")" "$(mawk "$awk_program" "$file")"
printf '%-48s %8.3f s %8.0f MB/s\n' "wc -l" "$wc_s" "$(mb "$wc_s")" \
  "grep -c calico-packet:" "$grep_s" "$(mb "$grep_s")" \
  "mawk group-by SRC/DST/DPT" "$mawk_s" "$(mb "$mawk_s")" \
  "denyscope Calico LOG ingest, 1 thread" "$one_s" "$(mb "$one_s")" \
  "denyscope Calico LOG ingest, $cores threads" "$all_s" "$(mb "$all_s")"
printf 'ingest / mawk: %.1fx (1 thread), %.1fx (%d threads); target >= 10x (DESIGN.md §6)\n' \
  "$(echo "$mawk_s / $one_s" | bc -l)" "$(echo "$mawk_s / $all_s" | bc -l)" "$cores"
$bench ingest "$file" --calico-log --parallelism "$cores"
/usr/bin/time -f 'ingest peak RSS: %M KiB' $bench ingest "$file" --calico-log --parallelism "$cores" 2>&1 >/dev/null | tail -1
