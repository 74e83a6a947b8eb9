#!/usr/bin/env bash
# Whole-process timing of the main job, `vigil gap` on the example organisation
# (93 Annex A controls + 30 clauses, documents register, entity profile), with
# hyperfine. Target: under 5 ms per run.
# Usage: bench/gap_process.sh [path/to/vigil]
set -euo pipefail
cd "$(dirname "$0")/.."
vigil=${1:-build/release/vigil}
args="gap --soa examples/soa.csv --documents examples/documents.csv --entity examples/entity.json --as-of 2025-09-30"
hyperfine --warmup 20 --runs 300 -N \
  "$vigil $args --format text" \
  "$vigil $args --format json" \
  "$vigil $args --format html"
