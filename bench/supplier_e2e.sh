#!/usr/bin/env bash
# End-to-end timing of `vigil supplier analyse` on the generated register of
# bench/supplier_register.py (10 000 suppliers, 2 000 functions, 100 000
# dependencies; target: under one second from a file).
# Usage: bench/supplier_e2e.sh [path/to/vigil]
set -euo pipefail
vigil=${1:-build/release/vigil}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/supplier_register.py" "$dir"
for input in csv register.json register.yaml; do
  echo "--register $input --format json:" >&2
  /usr/bin/time -f "  %e s wall, %U s user, %S s sys, %M KB max RSS" \
    "$vigil" supplier analyse --register "$dir/$input" --as-of 2026-11-30 --format json > "$dir/out.json"
done
echo "output: $(wc -c < "$dir/out.json") bytes of JSON" >&2
