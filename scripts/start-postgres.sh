#!/usr/bin/env bash
# Throw-away PostgreSQL 15 for tests and trying the app on PostgreSQL.
#
# By hand:
#   scripts/start-postgres.sh            # start; prints the connection string and the stop command
#   scripts/start-postgres.sh stop DIR   # stop the server started in DIR and delete DIR
#
# From another script (scripts/test.sh does this):
#   source scripts/start-postgres.sh
#   etown_pg_start            # exports ETOWN_PG_DIR, ETOWN_PG_PORT, ETOWN_PG_PASSWORD, ETOWN_TEST_PG
#   trap etown_pg_stop EXIT   # stops the server and removes its folder
#
# The server listens on 127.0.0.1 only (and a Unix socket inside its own folder), on a free port,
# with a random password for the "postgres" role. Everything lives in one folder under /tmp.
# postgres refuses to run as root, so as root the server runs as the "postgres" system user.

ETOWN_PG_BIN="${ETOWN_PG_BIN:-/usr/lib/postgresql/15/bin}"

_etown_pg_as() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_etown_pg_port_busy() {
    # A successful connect means something already listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

_etown_pg_free_port() {
    local p tries=0
    while [ $tries -lt 50 ]; do
        p=$(( 20000 + RANDOM % 20000 ))
        if ! _etown_pg_port_busy "$p"; then echo "$p"; return 0; fi
        tries=$((tries + 1))
    done
    echo "start-postgres: no free port found" >&2
    return 1
}

# Makes sure the PostgreSQL 15 server binaries exist (installs them when root).
etown_pg_ensure_binaries() {
    if [ -x "$ETOWN_PG_BIN/initdb" ] && [ -x "$ETOWN_PG_BIN/pg_ctl" ]; then return 0; fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "start-postgres: installing postgresql-15 (server binaries missing in $ETOWN_PG_BIN)" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2 || return 1
        [ -x "$ETOWN_PG_BIN/initdb" ] && return 0
    fi
    cat >&2 <<EOF
start-postgres: PostgreSQL 15 server binaries not found in $ETOWN_PG_BIN.
  Install them as root:  apt-get install -y postgresql-15
  (or set ETOWN_PG_BIN to the folder that holds initdb and pg_ctl).
EOF
    return 1
}

# Starts a new server. Exports ETOWN_PG_DIR, ETOWN_PG_PORT, ETOWN_PG_PASSWORD, ETOWN_TEST_PG.
etown_pg_start() {
    etown_pg_ensure_binaries || return 1
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        echo "start-postgres: running as root needs the 'postgres' system user (created by the postgresql-15 package)." >&2
        return 1
    fi

    local dir pw port attempt
    dir=$(mktemp -d /tmp/etown-pg.XXXXXX) || return 1
    ETOWN_PG_DIR="$dir"
    export ETOWN_PG_DIR
    mkdir -p "$dir/sock"
    pw=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
    printf '%s\n' "$pw" > "$dir/pwfile"
    chmod 700 "$dir" "$dir/sock"; chmod 600 "$dir/pwfile"
    if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$dir"; fi

    if ! _etown_pg_as "$ETOWN_PG_BIN/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" -E UTF8 \
            --locale=C.UTF-8 --auth-host=scram-sha-256 --auth-local=scram-sha-256 > "$dir/initdb.log" 2>&1; then
        echo "start-postgres: initdb failed:" >&2; cat "$dir/initdb.log" >&2
        return 1
    fi
    rm -f "$dir/pwfile"

    for attempt in 1 2 3 4 5; do
        port=$(_etown_pg_free_port) || return 1
        if _etown_pg_as "$ETOWN_PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
                -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/sock" start > /dev/null; then
            ETOWN_PG_PORT="$port"
            ETOWN_PG_PASSWORD="$pw"
            ETOWN_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Password=$pw;Database=postgres"
            export ETOWN_PG_PORT ETOWN_PG_PASSWORD ETOWN_TEST_PG
            return 0
        fi
        echo "start-postgres: start on port $port failed (attempt $attempt), retrying" >&2
        tail -n 5 "$dir/server.log" >&2 || true
    done
    echo "start-postgres: could not start PostgreSQL; log in $dir/server.log" >&2
    return 1
}

# Stops the server in $1 (default $ETOWN_PG_DIR) and removes its folder.
etown_pg_stop() {
    local dir="${1:-${ETOWN_PG_DIR:-}}"
    [ -n "$dir" ] || return 0
    case "$dir" in /tmp/etown-pg.*) ;; *) echo "start-postgres: refusing to remove $dir (not /tmp/etown-pg.*)" >&2; return 1 ;; esac
    if [ -f "$dir/data/postmaster.pid" ]; then
        _etown_pg_as "$ETOWN_PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

# Executed (not sourced): a small command-line front end.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    case "${1:-start}" in
        start)
            etown_pg_start
            cat <<EOF
PostgreSQL 15 is running on 127.0.0.1:$ETOWN_PG_PORT (folder $ETOWN_PG_DIR)
Connection string:
  $ETOWN_TEST_PG
Run the app on it:
  ETOWN_DB=postgres ConnectionStrings__Postgres='$ETOWN_TEST_PG' ./scripts/run.sh
Stop it (and delete its data):
  $0 stop $ETOWN_PG_DIR
EOF
            ;;
        stop)
            [ $# -ge 2 ] || { echo "usage: $0 stop /tmp/etown-pg.XXXXXX" >&2; exit 2; }
            etown_pg_stop "$2"
            echo "stopped and removed $2"
            ;;
        *)
            echo "usage: $0 [start] | stop DIR" >&2
            exit 2
            ;;
    esac
fi
