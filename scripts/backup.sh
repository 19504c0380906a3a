#!/usr/bin/env bash
# Back up the platform database (the data-protection keys are in it; a FileSystem key folder is archived too).
#
#   ./scripts/backup.sh [DEST_DIR]        # default DEST_DIR: <repo>/backups
#
# SQLite (default): a consistent copy with  sqlite3 data/etown.db "VACUUM INTO '…'"  — safe while the
#   app runs. Source file: $Database__SqlitePath or <repo>/data/etown.db.
# PostgreSQL (ETOWN_DB=postgres or Database__Provider=Postgres): pg_dump -Fc using the connection
#   string in $ConnectionStrings__Postgres.
# The data-protection keys live in the database (DataProtection:Store=Database, the default); with
# DataProtection:Store=FileSystem their folder ($DataProtection__KeysPath or <repo>/data/keys) is archived
# beside the database so sign-in cookies survive a restore. Restore steps: docs/operations.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

DEST="${1:-$ROOT/backups}"
mkdir -p "$DEST"
DEST="$(cd "$DEST" && pwd)"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
DB="${ETOWN_DB:-${Database__Provider:-sqlite}}"
DB="${DB,,}"

backup_sqlite() {
    local src="${Database__SqlitePath:-$ROOT/data/etown.db}"
    local out="$DEST/etown-$STAMP.db"
    if [ ! -f "$src" ]; then echo "backup.sh: no SQLite database at $src" >&2; exit 1; fi
    if command -v sqlite3 >/dev/null 2>&1; then
        sqlite3 "$src" "VACUUM INTO '$out'"
        local check; check="$(sqlite3 "$out" 'PRAGMA integrity_check;')"
    elif command -v python3 >/dev/null 2>&1; then
        echo "backup.sh: the sqlite3 command is not installed (apt-get install sqlite3); using python3's sqlite3 module" >&2
        local check
        check="$(python3 - "$src" "$out" <<'PY'
import sqlite3, sys
src, out = sys.argv[1], sys.argv[2]
con = sqlite3.connect(src)
con.execute("VACUUM INTO ?", (out,))
con.close()
print(sqlite3.connect(out).execute("PRAGMA integrity_check").fetchone()[0])
PY
)"
    else
        echo "backup.sh: neither the sqlite3 command nor python3 is available. Install one: apt-get install sqlite3" >&2
        exit 1
    fi
    if [ "$check" != "ok" ]; then echo "backup.sh: integrity check of $out failed: $check" >&2; exit 1; fi
    echo "database backup: $out (integrity_check ok)"
}

backup_postgres() {
    local cs="${ConnectionStrings__Postgres:-}"
    if [ -z "$cs" ]; then echo "backup.sh: set ConnectionStrings__Postgres (the app's connection string)" >&2; exit 2; fi
    if ! command -v pg_dump >/dev/null 2>&1; then
        echo "backup.sh: pg_dump is not installed (apt-get install postgresql-client-15)" >&2; exit 1
    fi
    # Npgsql "Key=Value;…" → libpq environment variables.
    local part key val
    IFS=';' read -r -a parts <<< "$cs"
    for part in "${parts[@]}"; do
        [ -n "$part" ] || continue
        key="${part%%=*}"; val="${part#*=}"
        key="$(echo "$key" | tr -d ' ' | tr '[:upper:]' '[:lower:]')"
        case "$key" in
            host|server) export PGHOST="$val" ;;
            port) export PGPORT="$val" ;;
            username|userid|user) export PGUSER="$val" ;;
            password) export PGPASSWORD="$val" ;;
            database|db) export PGDATABASE="$val" ;;
        esac
    done
    local out="$DEST/etown-$STAMP.dump"
    pg_dump -Fc -f "$out"
    pg_restore --list "$out" > /dev/null
    echo "database backup: $out (pg_dump custom format; restore with pg_restore, see docs/operations.md)"
}

case "$DB" in
    sqlite) backup_sqlite ;;
    postgres|postgresql) backup_postgres ;;
    *) echo "backup.sh: ETOWN_DB must be sqlite or postgres (got '$DB')" >&2; exit 2 ;;
esac

KEYS="${DataProtection__KeysPath:-$ROOT/data/keys}"
if [ -d "$KEYS" ]; then
    tar -C "$(dirname "$KEYS")" -czf "$DEST/etown-keys-$STAMP.tar.gz" "$(basename "$KEYS")"
    echo "keys backup:     $DEST/etown-keys-$STAMP.tar.gz"
fi

# Uploaded materials (DECL-08 files, named by SHA-256): the database refers to them by path and hash.
FILES="${Storage__Path:-$ROOT/data/files}"
if [ -d "$FILES" ]; then
    tar -C "$(dirname "$FILES")" -czf "$DEST/etown-files-$STAMP.tar.gz" "$(basename "$FILES")"
    echo "files backup:    $DEST/etown-files-$STAMP.tar.gz"
fi
