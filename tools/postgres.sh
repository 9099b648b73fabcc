#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the collector's tests, as on this machine:
#
#   eval "$(tools/postgres.sh start)"   # starts one, prints: export PIIGUARD_TEST_POSTGRES=... PIIGUARD_POSTGRES_DIR=...
#   tools/postgres.sh stop              # stops the one in $PIIGUARD_POSTGRES_DIR (or the folder given) and deletes it
#
# It installs the Debian package `postgresql` when /usr/lib/postgresql/15/bin is missing, and runs initdb and pg_ctl as
# the `postgres` system user (initdb refuses to run as root) in a new temporary folder, listening on 127.0.0.1 only at a
# free port, with trust authentication: for local tests only, never for data that matters.
#
# The server runs with fsync=off (the tests need no durability, and it keeps them fast). PIIGUARD_POSTGRES_FSYNC=on
# starts it with fsync on (PostgreSQL's default: every commit waits for the WAL to reach the disk), as the collector
# benchmark does to compare it with SQLite's synced commits.
set -euo pipefail

bin=${PIIGUARD_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
fsync=${PIIGUARD_POSTGRES_FSYNC:-off}
if [[ "$fsync" != on && "$fsync" != off ]]; then
    echo "tools/postgres.sh: PIIGUARD_POSTGRES_FSYNC must be on or off" >&2
    exit 2
fi

as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    if [[ ! -x "$bin/initdb" ]]; then
        echo "tools/postgres.sh: installing PostgreSQL (apt-get install postgresql)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
    fi

    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres >&2
    fi

    local dir
    dir=$(mktemp -d "${TMPDIR:-/tmp}/piiguard-postgres.XXXXXX")
    chmod 0755 "$dir"
    mkdir "$dir/data" "$dir/socket"
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres "$dir" "$dir/data" "$dir/socket"
    fi

    # A free port: a random one in the dynamic range that nothing answers on (bash's /dev/tcp); should another process
    # take it before the server does, pg_ctl fails and says so.
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            break
        fi
    done

    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        exit 1
    }
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/socket -c max_connections=300 -c fsync=$fsync" start >&2 || {
        cat "$dir/server.log" >&2
        exit 1
    }

    echo "export PIIGUARD_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
    echo "export PIIGUARD_POSTGRES_DIR='$dir'"
}

stop() {
    local dir=${1:-${PIIGUARD_POSTGRES_DIR:-}}
    if [[ -z "$dir" || ! -d "$dir/data" ]]; then
        echo "tools/postgres.sh stop: no server folder (set PIIGUARD_POSTGRES_DIR or pass the folder)" >&2
        exit 1
    fi

    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) shift; stop "$@" ;;
    *) echo "usage: $0 start | stop [folder]" >&2; exit 2 ;;
esac
