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

    # On failure: say why, and leave no folder behind.
    give_up() {
        cat "$1" >&2 || true
        rm -rf "$dir"
        exit 1
    }

    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        give_up "$dir/initdb.log"

    # A free port, below the kernel's range of ephemeral ports: a port in that range can be held by an outgoing
    # connection (a restore, another test's client) that nothing answers on, so it looks free and then refuses the
    # server's bind. Should another process still take the port first, the server cannot bind it and starts again on
    # another one; any other failure stops here and says why.
    local low port started=no
    low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    (( low > 11000 )) || low=32768
    for _ in $(seq 1 20); do
        port=$((10000 + RANDOM % (low - 10000)))
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            continue
        fi

        rm -f "$dir/server.log"
        if as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/socket -c max_connections=300 -c fsync=$fsync" start >&2; then
            started=yes
            break
        fi

        grep -q "could not bind" "$dir/server.log" || give_up "$dir/server.log"
    done

    if [[ $started != yes ]]; then
        echo "tools/postgres.sh: no free port for PostgreSQL after 20 tries" >&2
        give_up "$dir/server.log"
    fi

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
