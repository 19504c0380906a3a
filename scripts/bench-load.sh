#!/usr/bin/env bash
# HTTP load benchmark (issue #16 target 4 and 5, issue #17's load figure; results in docs/benchmarks.md).
# Publishes the app (Release), starts it on loopback on a fresh database with the demo data, measures the cold start of
# the published app on that now existing database (process start → first served page), then runs bench/ETown.Load:
# N signed-in clients (demo accounts of every level, one session each) on the mixed read workload plus a share of
# statistics value saves, for a bounded time. Prints per-request p50/p95/p99, requests/s, errors and the app's peak
# memory. Not part of scripts/test.sh.
#
#   ./scripts/bench-load.sh                                  # SQLite, 200 clients, 60 s, think time 1 s
#   ./scripts/bench-load.sh --postgres                       # a throw-away PostgreSQL 15 instead
#   ./scripts/bench-load.sh --clients 100 --duration 30 --think-ms 0    # other arguments go to the driver
#   ./scripts/bench-load.sh --runs 3                         # the driver three times on the same app (median by hand)
#   ./scripts/bench-load.sh --cold-only --cold-starts 5      # only the cold start, five times (median printed)
#   ./scripts/bench-load.sh --no-r2r                         # publish without ReadyToRun (the plain `dotnet publish`)
#   ./scripts/bench-load.sh --province                       # on province-scale data: the demo data plus 100 e-towns × 5 years
#                                                            # of approved statistics, built by bench/ETown.Bench before the start
# The app is published as docs/operations.md deploys it: ReadyToRun for linux-x64 (precompiled, so a start JITs less).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

db=sqlite
runs=1
cold_starts=3
cold_only=0
r2r=1
province=0
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --postgres) db=postgres ;;
        --sqlite) db=sqlite ;;
        --runs) runs="$2"; shift ;;
        --cold-starts) cold_starts="$2"; shift ;;
        --cold-only) cold_only=1 ;;
        --no-r2r) r2r=0 ;;
        --province) province=1 ;;
        *) args+=("$1") ;;
    esac
    shift
done

command -v dotnet >/dev/null 2>&1 || { echo "bench-load.sh: the .NET 10 SDK is needed (see global.json)" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || { echo "bench-load.sh: curl is needed (apt-get install curl)" >&2; exit 1; }
OUT="$ROOT/artifacts/load"
echo "==> publish the app and build the driver (Release)"
publish=(-c Release -o "$OUT/web" -nologo)
[ "$r2r" = 1 ] && publish+=(-r linux-x64 --self-contained false -p:PublishReadyToRun=true)
rm -rf "$OUT/web"
dotnet publish src/ETown.Web "${publish[@]}" -v quiet >/dev/null || dotnet publish src/ETown.Web "${publish[@]}"
dotnet build bench/ETown.Load -c Release -nologo -v quiet >/dev/null || dotnet build bench/ETown.Load -c Release -nologo
DRIVER="$ROOT/bench/ETown.Load/bin/Release/net10.0/ETown.Load.dll"

WORK=$(mktemp -d /tmp/etown-load.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 5090)
URL="http://127.0.0.1:$PORT"
APP_PID=""
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    [ "$db" = postgres ] && etown_pg_stop || true
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export ASPNETCORE_ENVIRONMENT=Production
export Storage__Path="$WORK/files" Audit__Path="$WORK/audit" DataProtection__KeysPath="$WORK/keys"
export Demo__Enabled=true Demo__PrintAccounts=false
export Logging__LogLevel__Default=Warning
# Plain HTTP on loopback (no TLS proxy in front): the sign-in cookie must not require HTTPS here (docs/operations.md).
export Security__CookieSecure=SameAsRequest
if [ "$db" = postgres ]; then
    # shellcheck source=scripts/start-postgres.sh
    source "$ROOT/scripts/start-postgres.sh"
    echo "==> starting a throw-away PostgreSQL 15"
    etown_pg_start
    export Database__Provider=Postgres ConnectionStrings__Postgres="${ETOWN_TEST_PG/Database=postgres/Database=etown_load}"
else
    export Database__Provider=Sqlite Database__SqlitePath="$WORK/etown.db"
fi

start_app() {
    dotnet "$OUT/web/ETown.Web.dll" --urls "$URL" > "$WORK/app.log" 2>&1 &
    APP_PID=$!
}
# Waits for the first served page; prints the seconds since $1 (date +%s.%N).
wait_page() {
    local t0="$1" i
    for i in $(seq 1 1200); do
        if curl -fsS -o /dev/null "$URL/public/etowns" 2>/dev/null; then
            python3 -c "import time; print(f'{time.time() - $t0:.2f}')"
            return 0
        fi
        kill -0 "$APP_PID" 2>/dev/null || { echo "bench-load.sh: the app stopped:" >&2; tail -n 40 "$WORK/app.log" >&2; exit 1; }
        sleep 0.05
    done
    echo "bench-load.sh: no page after 60 s" >&2; tail -n 40 "$WORK/app.log" >&2; exit 1
}

echo "==> $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (with local changes)'), $db, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$province" = 1 ]; then
    # Issue #16: "data = 100 e-towns × 5 years of statistics with approvals". The bench builds them through the app's own
    # services on top of the demo data (so the demo accounts can sign in), with the audit key and file folders the app uses.
    dotnet build bench/ETown.Bench -c Release -nologo -v quiet >/dev/null || dotnet build bench/ETown.Bench -c Release -nologo
    bench=(dotnet "$ROOT/bench/ETown.Bench/bin/Release/net10.0/ETown.Bench.dll" --demo --keep --runs 1 --no-warmup --app-data "$WORK")
    if [ "$db" = postgres ]; then bench+=(--provider postgres --pg "$ETOWN_TEST_PG" --pg-db etown_load)
    else bench+=(--provider sqlite --db "$WORK/etown.db"); fi
    echo "==> province-scale data: demo data + 100 e-towns × 5 years (bench/ETown.Bench history; a few minutes)"
    t0=$(date +%s); "${bench[@]}" history > "$WORK/bench.log" 2>&1 || { tail -n 30 "$WORK/bench.log" >&2; exit 1; }
    grep -E "months \(|stored" "$WORK/bench.log" | sed 's/^/   /'; echo "   built in $(( $(date +%s) - t0 )) s"
fi
echo "==> first start (migrations, reference and demo data)"
t0=$(date +%s.%N); start_app; echo "   first page after $(wait_page "$t0") s"
colds=()
for c in $(seq 1 "$cold_starts"); do
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
    t0=$(date +%s.%N); start_app
    colds+=("$(wait_page "$t0")")
done
COLD=$(printf '%s\n' "${colds[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "RESULT cold-start=${COLD}s median of ${cold_starts} (${colds[*]}; published app$([ "$r2r" = 1 ] && echo ', ReadyToRun'), existing $db database, process start → first served page /public/etowns)"
sleep 1; grep -m1 "数据库初始化" "$WORK/app.log" | sed 's/^/   /' || true
[ "$cold_only" = 1 ] && exit 0

for r in $(seq 1 "$runs"); do
    echo "==> load run $r of $runs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    # --province: the dashboards show the bench's newest month (2025-12, still open at month-end; the months before approved).
    dotnet "$DRIVER" --url "$URL" --pid "$APP_PID" $([ "$province" = 1 ] && echo --period 2025-12) "${args[@]}"
done
