#!/usr/bin/env bash
# Installs the Debian 12 packages Vigil needs to build, test and benchmark.
# Idempotent: packages already present are skipped. Run as root.
#   scripts/setup.sh          build + runtime dependencies
#   scripts/setup.sh --test   also what the test suite needs (PostgreSQL server, clang with libFuzzer,
#                             python3-jsonschema + python3-regex for the OSCAL schema validation,
#                             Chromium for the web UI's browser tests)
#   scripts/setup.sh --bench  also the load-testing tools (wrk, hyperfine)
set -euo pipefail

packages=(
  build-essential g++ cmake ninja-build pkg-config git
  libcli11-dev nlohmann-json3-dev libfmt-dev libspdlog-dev libexpected-dev
  libhowardhinnant-date-dev tzdata libsqlite3-dev libyaml-cpp-dev
  libtomlplusplus-dev libboost-dev libsodium-dev libssl-dev libpqxx-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libzip-dev libzip4  # ZIP archives (vigil exercise import FILE.zip): headers to build, the library to run
  nodejs  # the web UI is built with Vite at build time (Debian 12's 18.x or newer); nothing of it runs at run time
)
# npm: Debian's package, unless the installed nodejs already brings it (NodeSource's does, and conflicts with it).
command -v npm >/dev/null 2>&1 || packages+=(npm)
for arg in "$@"; do
  case "$arg" in
    # clang + libFuzzer: scripts/fuzz.sh; python3-jsonschema/-regex: scripts/validate_oscal.py (OSCAL tests);
    # chromium: web/tests/ui.test.mjs drives it with playwright-core (no browser download)
    --test)  packages+=(postgresql postgresql-client clang clang-format libclang-rt-14-dev python3-jsonschema python3-regex
                        chromium) ;;
    --bench) packages+=(wrk hyperfine) ;;
    *) echo "setup.sh: unknown option '$arg' (valid: --test, --bench)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup.sh: all ${#packages[@]} packages present"
  exit 0
fi
echo "setup.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
