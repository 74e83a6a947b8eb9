#!/bin/sh
# Load test of `vigil serve` with wrk: /healthz and an authenticated API GET.
# Usage: bench/server_load.sh [BUILD_DIR] [CONNECTIONS] [SECONDS]
# Starts a throwaway server on a fresh workspace, bootstraps an organisation,
# a user and an API token, runs wrk, and stops the server with SIGTERM.
set -eu
build=${1:-build}
connections=${2:-64}
seconds=${3:-10}
vigil="$build/vigil"
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
db="$dir/vigil.db"
port=${VIGIL_BENCH_PORT:-18080}

"$vigil" org add acme --name "Acme Energy" --db "$db" >/dev/null
printf 'benchmark password\n' | "$vigil" user add bench --org acme --role auditor --db "$db" >/dev/null
token=$("$vigil" token create --user bench --name wrk --format json --db "$db" | sed -n 's/.*"token": "\(.*\)".*/\1/p')

"$vigil" serve --listen "127.0.0.1:$port" --db "$db" --log-level warn 2>"$dir/server.log" &
pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

echo "== GET /healthz ($connections connections, ${seconds}s)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/healthz"
echo "== GET /api/v1/orgs/acme with a bearer token"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$port/api/v1/orgs/acme"
echo "== resident memory after the runs (kB)"
grep VmRSS /proc/$pid/status
kill -TERM $pid
wait $pid
