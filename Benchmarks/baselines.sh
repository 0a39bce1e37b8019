#!/usr/bin/env bash
# End-to-end explain benchmark against baselines on the same file, in the same run (DESIGN.md §6).
# Usage: Benchmarks/baselines.sh [pods] [policies] [queries]
set -euo pipefail
cd "$(dirname "$0")"
pods=${1:-5000}; policies=${2:-1000}; queries=${3:-1000000}
data=../.build-bench-data
swift build -c release --package-path .. --product denyscope >/dev/null
swift build -c release >/dev/null
.build/release/DenyscopeBenchmarks write "$data" --pods "$pods" --policies "$policies" --queries "$queries"
bytes=$(wc -c <"$data/queries.jsonl")

measure() { # name, command...: prints wall seconds
  local start end
  start=$(date +%s.%N); "${@:2}" >/dev/null 2>&1; end=$(date +%s.%N)
  echo "$end - $start" | bc
}
wc_s=$(measure wc wc -l "$data/queries.jsonl")
jq_s=$(measure jq jq -c . "$data/queries.jsonl")
ds_s=$(measure denyscope ../.build/release/denyscope explain --cluster "$data/cluster.yaml" --batch "$data/queries.jsonl")
printf 'queries.jsonl: %d lines, %d bytes\n' "$queries" "$bytes"
printf '%-42s %8.3f s\n' "wc -l" "$wc_s" "jq -c . (parse + print every line)" "$jq_s" \
  "denyscope explain --batch (load+compile+answer)" "$ds_s"
printf 'denyscope / jq: %.2fx the speed of jq\n' "$(echo "$jq_s / $ds_s" | bc -l)"
/usr/bin/time -f 'denyscope peak RSS: %M KiB' ../.build/release/denyscope explain --cluster "$data/cluster.yaml" \
  --batch "$data/queries.jsonl" 2>&1 >/dev/null | tail -1
