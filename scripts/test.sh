#!/usr/bin/env bash
# Run the whole test suite: unit, data (SQLite file and a throw-away PostgreSQL 15),
# authorization matrix and Playwright browser tests (Debian Chromium). Exits with dotnet test's code.
#
#   ./scripts/test.sh                     # what CI runs (.ci/run)
#   ./scripts/test.sh --filter "FullyQualifiedName~Audit"   # extra arguments go to dotnet test
#
# Needs: the .NET 10 SDK; /usr/bin/chromium and fonts-noto-cjk; PostgreSQL 15 server binaries in
# /usr/lib/postgresql/15/bin. As root the missing Debian packages are installed; otherwise the
# script says what to install and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
TESTS="tests/ETown.Tests"

if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: the .NET 10 SDK is needed (see global.json)" >&2
    exit 1
fi

# --- (a) Chromium and CJK fonts for the Playwright tests (never `playwright install`: no downloads).
need_pkgs=()
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; }; then
    need_pkgs+=(fonts-noto-cjk)
fi
if [ ${#need_pkgs[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> installing ${need_pkgs[*]} for the browser tests"
        # Always both: Chromium without CJK fonts renders Chinese pages as boxes.
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk
    else
        cat >&2 <<MSG
test.sh: the browser tests need Debian's Chromium and CJK fonts. Missing: ${need_pkgs[*]}
Install them as root, then run this script again:
  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk
MSG
        exit 1
    fi
fi
[ -x /usr/bin/chromium ] || { echo "test.sh: /usr/bin/chromium is still missing" >&2; exit 1; }

# --- (b) throw-away PostgreSQL 15 on 127.0.0.1, stopped and deleted on exit.
# shellcheck source=scripts/start-postgres.sh
source "$ROOT/scripts/start-postgres.sh"
trap 'etown_pg_stop' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
echo "==> starting a throw-away PostgreSQL 15"
etown_pg_start
echo "    PostgreSQL on 127.0.0.1:$ETOWN_PG_PORT (folder $ETOWN_PG_DIR)"

# --- (c) what the tests read.
export ETOWN_TEST_PG="Host=127.0.0.1;Port=$ETOWN_PG_PORT;Username=postgres;Password=$ETOWN_PG_PASSWORD;Database=postgres"
export ETOWN_REQUIRE_PG=1
export ETOWN_CHROMIUM=/usr/bin/chromium

# --- (d) restore, then test.
echo "==> restore"
if ! dotnet restore "$TESTS"; then
    echo "==> restore failed; retrying with --no-http-cache"
    dotnet restore --no-http-cache "$TESTS"
fi
echo "==> dotnet test"
set +e
log="$(mktemp)"
dotnet test "$TESTS" -c Release --no-restore --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
passed=$(grep -E '^\s+Passed:\s+[0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
failed=$(grep -E '^\s+Failed:\s+[0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
skipped=$(grep -E '^\s+Skipped:\s+[0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+' || true)
if [ "${failed:-0}" != 0 ]; then
    # Repeat each failing test with its message and first stack lines, so the end of the output names them.
    echo "==> failed tests"
    grep -E -A 12 '^\s+Failed [A-Za-z]' "$log" | cut -c1-400 || true
fi
rm -f "$log"
echo "==> dotnet test exited with $rc"
# The plain closing line CI reads: N passed, N failed.
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $rc
