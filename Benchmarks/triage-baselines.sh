#!/usr/bin/env bash
# End-to-end `triage` benchmark (issue 5, DESIGN.md §6): `denyscope generate` writes a snapshot
# (5,000 pods and 1,000 policies by default) and traffic in each format; triage (load the snapshot,
# parse, resolve, decide, aggregate, report the top 20) runs beside the format's baseline on the
# same file, in the same run. "load" is `explain` of one connection on the same snapshot (load and
# compile), so "triage - load" is the per-flow work.
# Usage: Benchmarks/triage-baselines.sh [hubble] [calico-log] [pcap]
#        PODS=5000 POLICIES=10000 Benchmarks/triage-baselines.sh hubble   # the flat-cost run
#        CONNECTIONS=20000 …   # attempts repeat 20,000 connections, as real services do (default:
#                              # nearly every attempt is a new pair, the decision cache's worst case)
# The data goes to .build-bench-data/triage (ignored by git) and is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
pods=${PODS:-5000}
policies=${POLICIES:-1000}
data=.build-bench-data/triage
mkdir -p "$data"
trap 'rm -rf "$data"' EXIT
swift build -c release --product denyscope >/dev/null
bin=.build/release/denyscope

run() { # label, command...: prints wall seconds and peak RSS; output goes through a pipe
  local label=$1 start end rss
  shift
  start=$(date +%s.%N)
  rss=$( { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; } )
  end=$(date +%s.%N)
  printf '%-44s %8.2f s %8.0f MB peak RSS\n' "$label" "$(echo "$end - $start" | bc)" "$(echo "$rss / 1024" | bc -l)"
  echo "$end - $start" | bc >"$data/last"
}

awk_program='/ IN=/ { s=d=p=""; for (i=1;i<=NF;i++) { t=substr($i,1,4); if (t=="SRC=") s=substr($i,5); else if (t=="DST=") d=substr($i,5); else if (t=="DPT=") p=substr($i,5) } c[s" "d" "p]++ } END { print length(c) }'

for format in "${@:-hubble calico-log pcap}"; do
  for each in $format; do
    case $each in
      hubble) flows=${FLOWS:-500000}; file=flows.jsonl ;;
      calico-log) flows=${FLOWS:-1000000}; file=flows.log ;;
      pcap) flows=${FLOWS:-340000}; file=flows.pcap ;;
      *) echo "unknown format $each" >&2; exit 2 ;;
    esac
    out=$data/$each
    $bin generate --pods "$pods" --policies "$policies" --flows "$flows" --format "$each" --seed 7 --out "$out" \
      ${CONNECTIONS:+--connections "$CONNECTIONS"}
    cat "$out/$file" >/dev/null # warm the page cache
    printf '\n%s: %d bytes\n' "$out/$file" "$(wc -c <"$out/$file")"
    case $each in
      hubble) run "jq -c 'select(.flow.verdict==\"DROPPED\")'" jq -c 'select(.flow.verdict=="DROPPED")' "$out/$file" ;;
      calico-log) run "mawk group-by SRC/DST/DPT" mawk "$awk_program" "$out/$file" ;;
      pcap) run "tcpdump -r f -w /dev/null" tcpdump -r "$out/$file" -w /dev/null ;;
    esac
    baseline=$(cat "$data/last")
    run "denyscope explain (load + compile only)" "$bin" explain --cluster "$out/cluster.yaml" --from 10.0.0.1 --to 10.0.0.2 --port 80
    load=$(cat "$data/last")
    run "denyscope triage --top 20" "$bin" triage --cluster "$out/cluster.yaml" "$out/$file" --top 20
    triage=$(cat "$data/last")
    records=$("$bin" flows "$out/$file" 2>&1 >/dev/null | awk '{print $1}')
    printf 'triage / baseline: %.2fx (baseline time / triage time); without the load: %.2fx; %s records, %.2f µs a record\n' \
      "$(echo "$baseline / $triage" | bc -l)" "$(echo "$baseline / ($triage - $load)" | bc -l)" "$records" \
      "$(echo "($triage - $load) * 1000000 / $records" | bc -l)"
    rm -rf "$out"
  done
done
