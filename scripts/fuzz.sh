#!/usr/bin/env bash
# Builds the libFuzzer harnesses of fuzz/ with clang++ under AddressSanitizer
# and UndefinedBehaviorSanitizer, and runs each for a bounded time from its
# seed corpus (fuzz/corpus/<harness>). Exits non-zero on any finding (crash,
# sanitizer report, hang over 10 s, memory over 4 GiB); the input that found
# it is kept in build/fuzz/findings/<harness>/.
#   scripts/fuzz.sh                 every harness for 20 s (what CI runs)
#   scripts/fuzz.sh 3600            every harness for an hour
#   scripts/fuzz.sh 600 http_request   one harness for ten minutes
# Reproduce a finding: build/fuzz/fuzz/vigil_<harness>_fuzz build/fuzz/findings/<harness>/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
only=${2:-}
dir=build/fuzz
# -O1, as libFuzzer's own documentation builds its targets: a fifth less
# compile time than -O2 (docs/PERFORMANCE.md, "Build and CI time"). Line tables
# only: a finding's stack still names file and line.
CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only -DNDEBUG" -DVIGIL_FUZZ=ON -DVIGIL_UNITY_BUILD=ON >/dev/null
harnesses=()
for src in fuzz/*_fuzz.cpp; do
  name=$(basename "$src" _fuzz.cpp)
  if [ -z "$only" ] || [ "$only" = "$name" ]; then harnesses+=("$name"); fi
done
if [ ${#harnesses[@]} -eq 0 ]; then echo "fuzz.sh: no harness named '$only' in fuzz/" >&2; exit 2; fi
ninja -C "$dir" $(printf 'vigil_%s_fuzz ' "${harnesses[@]}")
status=0
for name in "${harnesses[@]}"; do
  echo "== fuzzing $name for ${seconds} s =="
  work=$(mktemp -d)
  mkdir -p "$dir/findings/$name"
  dict=()
  [ -f "fuzz/$name.dict" ] && dict=(-dict="fuzz/$name.dict")
  if ! "$dir/fuzz/vigil_${name}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
      -artifact_prefix="$dir/findings/$name/" -print_final_stats=1 "${dict[@]}" "$work" "fuzz/corpus/$name"; then
    echo "fuzz.sh: $name found a problem; the input is in $dir/findings/$name/" >&2
    status=1
  fi
  rm -rf "$work"
done
exit $status
