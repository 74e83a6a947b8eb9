#!/bin/sh
# Whole-process wall-clock time of the catalog commands (target:
# `vigil coverage` and `vigil show A.8.24` under 10 ms), measured with hyperfine.
# usage: bench/cli_startup.sh [path/to/vigil]   (default: build/vigil)
set -eu
vigil=${1:-build/vigil}
[ -x "$vigil" ] || { echo "no vigil binary at $vigil; build it first" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "hyperfine is not installed" >&2; exit 2; }
cd "$(dirname "$0")/.."
hyperfine --shell=none --warmup 20 --runs 200 --export-markdown /dev/stdout \
  "$vigil coverage" \
  "$vigil show A.8.24" \
  "$vigil coverage --format json" \
  "$vigil search incident notification" \
  "$vigil catalog --format json"
