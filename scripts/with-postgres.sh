#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: its own data directory and
# port, stopped and deleted at the end whatever the command's outcome. The
# command sees VIGIL_TEST_POSTGRES=postgresql://... and storage tests run their
# suite against it as well as against SQLite. Without a PostgreSQL server
# installed the command runs alone (the PostgreSQL cases then skip, loudly).
#   scripts/with-postgres.sh ctest --test-dir build/release
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "with-postgres.sh: no PostgreSQL server installed; running without it" >&2
  exec "$@"
fi

dir=$(mktemp -d /tmp/vigil-pg.XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U vigil --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U vigil vigil_test

export VIGIL_TEST_POSTGRES="postgresql://vigil@127.0.0.1:$port/vigil_test"
echo "with-postgres.sh: throwaway cluster at $VIGIL_TEST_POSTGRES" >&2
"$@"
