#!/usr/bin/env bash
# Make sure the services the test suite needs are up: PostgreSQL at 127.0.0.1:5432 (database
# `test`). Starts the local cluster if it is not answering; exits non-zero if it cannot.
set -euo pipefail

host=${PGHOST_CI:-127.0.0.1}
port=${PGPORT_CI:-5432}

if pg_isready -h "$host" -p "$port" -q; then
    echo "postgresql: up at $host:$port"
else
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    echo "postgresql: not answering at $host:$port, starting cluster $version/main"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do
        pg_isready -h "$host" -p "$port" -q && break
        sleep 1
    done
    if ! pg_isready -h "$host" -p "$port" -q; then
        echo "postgresql: still not answering at $host:$port" >&2
        exit 1
    fi
    echo "postgresql: up at $host:$port"
fi

# The tests' database (trust auth, user postgres).
if ! psql -h "$host" -p "$port" -U postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = 'test'" postgres \
        | grep -q 1; then
    psql -h "$host" -p "$port" -U postgres -qc "CREATE DATABASE test" postgres
    echo "postgresql: created database test"
fi
