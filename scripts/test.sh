#!/usr/bin/env bash
# Installs what is missing, builds Vigil with warnings as errors, and runs every
# test: once in an optimised build, once under AddressSanitizer and
# UndefinedBehaviorSanitizer (the web UI also in headless Chromium); then each libFuzzer harness for 20 s (scripts/fuzz.sh). Storage tests also run against a throwaway
# PostgreSQL cluster (scripts/with-postgres.sh) when the server is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
jobs=$(nproc)

run_suite() {  # <build dir> <cmake options...>
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja -DVIGIL_WERROR=ON -DVIGIL_UNITY_BUILD=ON "$@" >/dev/null
  ninja -C "$dir"
  if [ -x scripts/with-postgres.sh ]; then
    scripts/with-postgres.sh ctest --test-dir "$dir" --output-on-failure -j "$jobs"
  else
    ctest --test-dir "$dir" --output-on-failure -j "$jobs"
  fi
}

# Line tables (-g1) rather than full debug information: a failure still names
# file and line, and the builds take about a quarter less time.
echo "== release build and tests =="
run_suite build/release -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
echo "== web UI: message catalog and browser tests (Chromium, headless) =="
(cd web && node tests/messages.test.mjs)
# Screenshots and HTML of any failing step stay in build/release/web-test.
node web/tests/ui.test.mjs --vigil build/release/vigil --out build/release/web-test
echo "== sanitizer build (ASan + UBSan) and tests =="
# The release build's web/dist is embedded as it is: npm runs once.
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run_suite build/sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g1" -DVIGIL_SANITIZE=ON -DVIGIL_BENCH=OFF \
  -DVIGIL_WEB_DIST="$PWD/build/release/web/dist"
echo "== fuzzing (libFuzzer, ASan + UBSan), 20 s per harness =="
scripts/fuzz.sh 20
echo "== all tests passed =="
