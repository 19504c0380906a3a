#!/usr/bin/env bash
# Benchmarks (docs/benchmarks.md): builds bench/ETown.Bench in Release and runs it against a fresh SQLite file, and
# against PostgreSQL when ETOWN_TEST_PG is set or --postgres is given (then a throw-away PostgreSQL 15 is started
# with scripts/start-postgres.sh and removed afterwards). Not part of scripts/test.sh.
#
#   ./scripts/bench.sh                          # import-year on SQLite, 3 runs (median)
#   ./scripts/bench.sh --postgres               # … and on a throw-away PostgreSQL
#   ./scripts/bench.sh --postgres-only --runs 1 import-year history   # other arguments go to the bench
#   ./scripts/bench.sh --files county           # one file per county per month, imported by each county's liaison
#
# Bench arguments: scenarios (import-year, history) and --runs N, --towns N, --counties N, --indicators N, --year YYYY,
# --history-years N, --files month|county, --keep, --no-warmup (see bench/ETown.Bench/Program.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

sqlite=1
postgres=0
[ -n "${ETOWN_TEST_PG:-}" ] && postgres=1
args=()
for a in "$@"; do
    case "$a" in
        --postgres) postgres=1 ;;
        --postgres-only) postgres=1; sqlite=0 ;;
        --sqlite-only) postgres=0 ;;
        *) args+=("$a") ;;
    esac
done

command -v dotnet >/dev/null 2>&1 || { echo "bench.sh: the .NET 10 SDK is needed (see global.json)" >&2; exit 1; }
echo "==> build (Release)"
dotnet build bench/ETown.Bench -c Release -nologo -v quiet >/dev/null || dotnet build bench/ETown.Bench -c Release -nologo
BIN="$ROOT/bench/ETown.Bench/bin/Release/net10.0/ETown.Bench.dll"
echo "==> $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (with local changes)'), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

if [ $sqlite = 1 ]; then
    echo "==> SQLite: dotnet $BIN --provider sqlite ${args[*]:-}"
    dotnet "$BIN" --provider sqlite "${args[@]}"
fi

if [ $postgres = 1 ]; then
    if [ -z "${ETOWN_TEST_PG:-}" ]; then
        # shellcheck source=scripts/start-postgres.sh
        source "$ROOT/scripts/start-postgres.sh"
        trap 'etown_pg_stop' EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM
        echo "==> starting a throw-away PostgreSQL 15"
        etown_pg_start
    fi
    echo "==> PostgreSQL: dotnet $BIN --provider postgres ${args[*]:-}"
    dotnet "$BIN" --provider postgres --pg "$ETOWN_TEST_PG" "${args[@]}"
fi
