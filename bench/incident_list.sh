#!/usr/bin/env bash
# Whole-process timing of `vigil incident list` on a workspace of 100 000
# incidents (1 000 of them active), and of `vigil incident open` (one durable
# commit). Seeds the workspace through vigil_store_bench (one transaction),
# then runs hyperfine. Usage: bench/incident_list.sh [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
db=${VIGIL_BENCH_DB:-/tmp/vigil-bench-100k.db}
export VIGIL_BENCH_DB=$db
ninja -C "$build" vigil vigil_store_bench >/dev/null
"$build/bench/vigil_store_bench" --benchmark_filter=ListActiveOf100k --benchmark_min_time=0.2
export VIGIL_NOW=2025-06-01T00:00:00Z
hyperfine --warmup 5 --runs 50 -N \
  "$build/vigil incident list --db $db" \
  "$build/vigil incident list --db $db --format json"
rm -f /tmp/vigil-bench-open.db*
hyperfine --warmup 3 --runs 100 -N \
  "$build/vigil incident open --db /tmp/vigil-bench-open.db --title Outage --awareness 2025-05-31T10:00:00Z --timezone Europe/Berlin --entity-type digital_infrastructure.cloud_computing_service_provider --by bench"
rm -f /tmp/vigil-bench-open.db*
