# Sourced by the server benchmarks (server_load.sh, upload_memory.sh): a
# throwaway SQLite workspace, an API token and `vigil serve` on it.
# The caller sets `vigil`, `port` and `workers`; these functions set `dir`,
# `db`, `base`, `token` and `pid`, and the workspace and the server go at exit.

# A workspace in a fresh directory (mktemp -d with the given options) holding
# the organisation acme and its responder bench (password "benchmark password").
bench_workspace() {
  dir=$(mktemp -d "$@")
  pid=
  trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$dir"' EXIT
  db="$dir/vigil.db"
  base="http://127.0.0.1:$port"
  "$vigil" org add acme --name "Acme Energy" --db "$db" >/dev/null
  printf 'benchmark password\n' | "$vigil" user add bench --org acme --role responder --db "$db" >/dev/null
}

# An API token of bench's, named $1, in `token`.
bench_token() {
  token=$("$vigil" token create --user bench --name "$1" --format json --db "$db" | sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
  [ -n "$token" ] || { echo "no API token" >&2; exit 1; }
}

# `vigil serve` on the workspace in the background (its pid in `pid`), once it answers /healthz.
bench_serve() {
  "$vigil" serve --listen "127.0.0.1:$port" --db "$db" --workers "$workers" --log-level warn 2>"$dir/server.log" &
  pid=$!
  for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
}

# POST an incident titled $1 to acme with the token.
bench_open_incident() {
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
    -d "{\"title\":\"$1\",\"awareness_time\":\"2025-03-01T10:00:00Z\",\"timezone\":\"Europe/Berlin\",\"entity_type\":\"digital_infrastructure.cloud_computing_service_provider\"}" \
    "$base/api/v1/orgs/acme/incidents"
}

# Stops the server and waits for it.
bench_stop() {
  kill -TERM "$pid"
  wait "$pid" || true
  pid=
}
