#!/usr/bin/env bash
# Start Debian's PostgreSQL (installed by .ci/run) and create the server tests' database.
# Idempotent; prints the URL to export as ATTUNE_TEST_POSTGRES_URL, or nothing when it cannot.
set -euo pipefail
# Only the URL goes to stdout: everything the tools print (e.g. pg_ctlcluster's
# "Removed stale pid file.") goes to stderr.
exec 3>&1 1>&2

command -v pg_lsclusters >/dev/null || exit 0
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $1" "$2}')
if [ -z "$cluster" ]; then
  ver=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$ver" main >/dev/null
  cluster="$ver main"
fi
read -r ver name <<<"$cluster"
if ! pg_lsclusters --no-header | awk -v v="$ver" -v n="$name" '$1==v && $2==n {print $4}' | grep -q online; then
  pg_ctlcluster "$ver" "$name" start 3>&-  # the server must not hold the URL pipe open
fi
port=$(pg_lsclusters --no-header | awk -v v="$ver" -v n="$name" '$1==v && $2==n {print $3}')
as_pg() { su postgres -c "$1" </dev/null; }
for _ in $(seq 1 30); do as_pg "pg_isready -q -p $port" && break; sleep 1; done
if [ "$(as_pg "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname='attune'\"")" != "1" ]; then
  as_pg "psql -p $port -qc \"CREATE ROLE attune LOGIN PASSWORD 'attune'\""
fi
if [ "$(as_pg "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname='attune_test'\"")" != "1" ]; then
  as_pg "createdb -p $port -O attune attune_test"
fi
echo "postgresql+psycopg://attune:attune@127.0.0.1:$port/attune_test" >&3
