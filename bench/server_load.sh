#!/bin/sh
# Load test of `vigil serve` with wrk (docs/PERFORMANCE.md, "Server"): builds
# nothing, runs the given binary on a throwaway SQLite workspace and prints
#   1. GET /healthz and GET /api/v1/orgs/{org}/dashboard (a few dozen incidents)
#   2. POST /api/v1/orgs/{org}/incidents (durable commits, group commit)
#   3. the idle server's resident memory after the load.
# Usage: bench/server_load.sh VIGIL_BINARY [CONNECTIONS] [SECONDS]
# Environment: VIGIL_BENCH_PORT (18080), VIGIL_BENCH_WORKERS (64),
# VIGIL_BENCH_DIR (a directory on the disk to measure; default: mktemp -d).
set -eu
vigil=${1:?usage: bench/server_load.sh VIGIL_BINARY [CONNECTIONS] [SECONDS]}
connections=${2:-64}
seconds=${3:-10}
port=${VIGIL_BENCH_PORT:-18080}
workers=${VIGIL_BENCH_WORKERS:-64}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d ${VIGIL_BENCH_DIR:+-p "$VIGIL_BENCH_DIR"})
pid=
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$dir"' EXIT
db="$dir/vigil.db"
base="http://127.0.0.1:$port"

"$vigil" org add acme --name "Acme Energy" --db "$db" >/dev/null
printf 'benchmark password\n' | "$vigil" user add bench --org acme --role responder --db "$db" >/dev/null
"$vigil" org add other --name "Other" --db "$db" >/dev/null
"$vigil" user grant bench --org other --role auditor --db "$db" >/dev/null
token=$("$vigil" token create --user bench --name wrk --format json --db "$db" | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
[ -n "$token" ] || { echo "no API token" >&2; exit 1; }

"$vigil" serve --listen "127.0.0.1:$port" --db "$db" --workers "$workers" --log-level warn 2>"$dir/server.log" &
pid=$!
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

body='{"title":"seeded","awareness_time":"2025-03-01T10:00:00Z","timezone":"Europe/Berlin","entity_type":"digital_infrastructure.cloud_computing_service_provider"}'
for _ in $(seq 36); do
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
    -d "$body" "$base/api/v1/orgs/acme/incidents"
done
curl -fs -o /dev/null -H "Authorization: Bearer $token" "$base/api/v1/orgs/acme/dashboard"

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), workers $workers"
echo "== GET /healthz ($connections connections, ${seconds}s)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "$base/healthz"
echo "== GET /api/v1/orgs/acme/dashboard (36 incidents, bearer token)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$base/api/v1/orgs/acme/dashboard"
echo "== POST /api/v1/orgs/acme/incidents (SQLite, synchronous=FULL, group commit)"
before=$(sqlite3 "$db" "SELECT COUNT(*) FROM incidents WHERE org_id = 'acme'" 2>/dev/null || echo "?")
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/incident_post.lua" "$base/api/v1/orgs/acme/incidents" -- "$token"
after=$(sqlite3 "$db" "SELECT COUNT(*) FROM incidents WHERE org_id = 'acme'" 2>/dev/null || echo "?")
echo "incidents in the workspace: $before before, $after after"
sleep 2
echo "== idle server after the load"
grep -E 'VmRSS|VmHWM|Threads' "/proc/$pid/status"
kill -TERM "$pid"
wait "$pid" || true
pid=
