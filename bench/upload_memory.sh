#!/bin/sh
# Peak memory of `vigil serve` while many clients upload large evidence at
# once (docs/PERFORMANCE.md, "Uploads"): N clients each send SIZE_MIB MiB,
# throttled to RATE per client so that every upload is in flight at the same
# time; prints the server's peak resident memory (VmHWM) before and after.
# Large bodies are received into temporary files (docs/SECURITY.md), so the
# peak grows with the worker count, not with the number of clients.
# Usage: bench/upload_memory.sh VIGIL_BINARY [CLIENTS] [SIZE_MIB] [RATE]
# Environment: VIGIL_BENCH_PORT (18081), VIGIL_BENCH_WORKERS (4).
set -eu
vigil=${1:?usage: bench/upload_memory.sh VIGIL_BINARY [CLIENTS] [SIZE_MIB] [RATE]}
clients=${2:-32}
size_mib=${3:-24}
rate=${4:-4M}
port=${VIGIL_BENCH_PORT:-18081}
workers=${VIGIL_BENCH_WORKERS:-4}
. "$(cd "$(dirname "$0")" && pwd)/serve_workspace.sh"

bench_workspace
bench_token upload
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$dir/evidence.bin"
bench_serve
bench_open_incident "upload benchmark"

echo "== machine: $(nproc) cores, workers $workers; $clients clients x $size_mib MiB at $rate each"
echo "before: $(grep VmHWM "/proc/$pid/status")"
start=$(date +%s.%N)
uploads=
for i in $(seq "$clients"); do
  curl -s -o /dev/null -w '%{http_code}\n' --limit-rate "$rate" -X POST \
    -H "Authorization: Bearer $token" -H "Content-Type: application/octet-stream" \
    --data-binary "@$dir/evidence.bin" "$base/api/v1/orgs/acme/incidents/INC-1/evidence?file_name=e$i.bin&description=benchmark" \
    >> "$dir/codes" &
  uploads="$uploads $!"
done
for j in $uploads; do wait "$j" || true; done
end=$(date +%s.%N)
echo "statuses: $(sort "$dir/codes" | uniq -c | tr -s ' ' | tr '\n' ';')"
echo "elapsed: $(echo "$end - $start" | bc) s"
echo "after:  $(grep VmHWM "/proc/$pid/status")"
bench_stop
