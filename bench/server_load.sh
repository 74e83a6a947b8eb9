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
. "$here/serve_workspace.sh"

bench_workspace ${VIGIL_BENCH_DIR:+-p "$VIGIL_BENCH_DIR"}
"$vigil" org add other --name "Other" --db "$db" >/dev/null
"$vigil" user grant bench --org other --role auditor --db "$db" >/dev/null
bench_token wrk
bench_serve

for _ in $(seq 36); do bench_open_incident seeded; done
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
bench_stop
