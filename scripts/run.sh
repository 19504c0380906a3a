#!/usr/bin/env bash
# Build and run the platform (山西省乡村e镇培育管理平台).
#
#   ./scripts/run.sh                      # SQLite database in <repo>/data/etown.db, http://127.0.0.1:5080
#   ETOWN_URLS=http://127.0.0.1:8080 ./scripts/run.sh
#   ETOWN_DB=postgres ConnectionStrings__Postgres='Host=…;Port=…;Username=…;Password=…;Database=…' ./scripts/run.sh
#
# The app applies pending migrations, loads reference data, seeds the demo data on an empty
# database and prints the demo accounts. Extra arguments are passed to the app
# (e.g. --Demo:Enabled=false). Set ETOWN_NO_BUILD=1 to start the last build without rebuilding.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

PROJECT="src/ETown.Web/ETown.Web.csproj"
OUT="$ROOT/artifacts/web"
URLS="${ETOWN_URLS:-http://127.0.0.1:5080}"
# ETOWN_DB wins; otherwise an exported Database__Provider is honoured.
DB="${ETOWN_DB:-${Database__Provider:-sqlite}}"
DB="${DB,,}"

if ! command -v dotnet >/dev/null 2>&1; then
    echo "run.sh: the .NET 10 SDK is needed (see global.json): https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
    exit 1
fi

export Storage__Path="${Storage__Path:-$ROOT/data/files}"   # uploaded materials, outside the web root
export Audit__Path="${Audit__Path:-$ROOT/data/audit}"       # audit-chain key (created on first start) and signed checkpoints

ARGS=(--urls "$URLS")
case "$DB" in
    sqlite)
        export Database__Provider=Sqlite
        export Database__SqlitePath="$ROOT/data/etown.db"
        ARGS+=("--Database:SqlitePath=$ROOT/data/etown.db")
        ;;
    postgres|postgresql)
        if [ -z "${ConnectionStrings__Postgres:-}" ]; then
            cat >&2 <<'EOF'
run.sh: ETOWN_DB=postgres needs a connection string in ConnectionStrings__Postgres, e.g.
  ConnectionStrings__Postgres='Host=127.0.0.1;Port=5432;Username=etown_app;Password=…;Database=etown'
For a throw-away server: scripts/start-postgres.sh (prints one). See docs/operations.md.
EOF
            exit 2
        fi
        export Database__Provider=Postgres
        ;;
    *)
        echo "run.sh: ETOWN_DB must be sqlite or postgres (got '$DB')" >&2
        exit 2
        ;;
esac

if [ "${ETOWN_NO_BUILD:-0}" != 1 ] || [ ! -f "$OUT/ETown.Web.dll" ]; then
    echo "==> restore"
    # A stale HTTP cache can report existing packages as missing; retry without it.
    if ! dotnet restore "$PROJECT"; then
        echo "==> restore failed; retrying with --no-http-cache"
        dotnet restore --no-http-cache "$PROJECT"
    fi
    echo "==> build"
    # Publish (not just build) so the package static assets (_content/BootstrapBlazor/…) are in
    # wwwroot and the app serves them outside the Development environment.
    dotnet publish "$PROJECT" -c Release -o "$OUT" --no-restore -nologo -v quiet
fi

echo "==> starting on $URLS (database: $DB; Ctrl+C stops)"
# The content root is the publish folder (wwwroot, Reference/); data paths above are absolute.
cd "$OUT"
exec dotnet ETown.Web.dll "${ARGS[@]}" "$@"
