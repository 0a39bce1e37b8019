#!/usr/bin/env bash
# pcap ingest benchmark against `tcpdump -r f -w /dev/null` on the same file, in the same run
# (DESIGN.md §6: target >= tcpdump's packet rate; reference/perf-baselines.md).
# Usage: Benchmarks/pcap-baselines.sh [packets] [runs]
# The data goes to ../.build-bench-data (ignored by git) and is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")"
packets=${1:-1000000}
runs=${2:-5}
data=../.build-bench-data
file=$data/synthetic.pcap
mkdir -p "$data"
trap 'rm -f "$file"' EXIT
swift build -c release >/dev/null
bench=.build/release/DenyscopeBenchmarks
$bench pcap-write "$file" --packets "$packets"
count=$(tcpdump -r "$file" -w /dev/null --count 2>/dev/null | awk '{print $1}' || true)
cat "$file" >/dev/null # warm the page cache

measure() { # command...: prints the median wall seconds of $runs runs
  local times=() start end
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
tcpdump_s=$(measure tcpdump -r "$file" -w /dev/null)
ingest_s=$(measure $bench pcap-ingest "$file")
rate() { echo "$count / $1 / 1000000" | bc -l; }
printf 'synthetic.pcap: %d bytes, %s packets (median of %d runs, whole process)\n' "$(wc -c <"$file")" "$count" "$runs"
printf '%-40s %8.3f s %6.2f M packets/s\n' "tcpdump -r f -w /dev/null" "$tcpdump_s" "$(rate "$tcpdump_s")" \
  "denyscope pcap ingest (decode+track)" "$ingest_s" "$(rate "$ingest_s")"
printf 'ingest / tcpdump packet rate: %.2fx; target >= 1x (DESIGN.md §6)\n' "$(echo "$tcpdump_s / $ingest_s" | bc -l)"
$bench pcap-ingest "$file"
/usr/bin/time -f 'pcap ingest peak RSS: %M KiB' $bench pcap-ingest "$file" 2>&1 >/dev/null | tail -1
