#!/usr/bin/env bash
# Times a campaign run over N customers of the score projection, end to end, on a host of its own.
#
#   deploy/local/bench-campaign.sh [--customers N] [--port N] [--receiver-port N] [--no-build]
#
#   --customers N      customers written to customer_scores, all in the campaign's audience (default 100000)
#   --port N           HTTP port of the host on 127.0.0.1 (default 5290)
#   --receiver-port N  port of the webhook receiver the CLI serves (default 5392)
#   --no-build         use the Release build as it is
#
# Steps: build the host and the CLI (Release), drop and create the scratch database churnactors_campaign_bench,
# start the host with MigrateOnStart, quiet hours off and the webhook endpoint `bench` pointing at the receiver,
# then run `churnactors bench campaign`: it writes the customers with binary COPY, creates a campaign scheduled now
# through the admin API, prints the run's progress every second and reports the time to the snapshot, to every member
# decided and to every sent webhook received. Stops the host and drops the database at the end; the host's log is
# kept in .local/bench-campaign/host.log.
#
# Environment: PGHOST, PGPORT, PGUSER, PGPASSWORD (default 127.0.0.1, 5432, churnactors, churnactors); the role must
# be allowed to CREATE DATABASE.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
CUSTOMERS=100000
PORT=5290
RECEIVER_PORT=5392
BUILD=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --customers) CUSTOMERS="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        --receiver-port) RECEIVER_PORT="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h | --help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-campaign.sh: unknown option '$1' (see --help)" >&2; exit 1 ;;
    esac
done

log() { printf 'bench-campaign.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-churnactors}" PGPASSWORD="${PGPASSWORD:-churnactors}"
DB=churnactors_campaign_bench
CS="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$DB"
BASE="http://127.0.0.1:$PORT"
ADMIN_KEY="ak_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
RESULTS_DIR="$REPO_ROOT/.local/bench-campaign"
mkdir -p "$RESULTS_DIR"

if [[ "$BUILD" == 1 ]]; then
    log "building the host and the CLI (Release)"
    dotnet build "$REPO_ROOT/src/ChurnActors.Silo/ChurnActors.Silo.csproj" -c Release -v quiet -nologo >&2 || die "build failed"
    dotnet build "$REPO_ROOT/src/ChurnActors.Cli/ChurnActors.Cli.csproj" -c Release -v quiet -nologo >&2 || die "build failed"
fi
SILO_DLL="$REPO_ROOT/src/ChurnActors.Silo/bin/Release/net10.0/ChurnActors.Silo.dll"
CLI="$REPO_ROOT/src/ChurnActors.Cli/bin/Release/net10.0/churnactors.dll"
[[ -f "$SILO_DLL" && -f "$CLI" ]] || die "no Release build; run without --no-build"

HOST_PID=""
cleanup() {
    [[ -n "$HOST_PID" ]] && kill "$HOST_PID" 2>/dev/null && wait "$HOST_PID" 2>/dev/null || true
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
log "starting the host on $BASE (database $DB), endpoint bench -> http://127.0.0.1:$RECEIVER_PORT/bench"
ConnectionStrings__ChurnActors="$CS" ChurnActors__Storage__MigrateOnStart=true CHURN_ADMIN_KEY="$ADMIN_KEY" \
ChurnActors__Cluster__SiloPort=$((PORT + 6000)) ChurnActors__Cluster__GatewayPort=$((PORT + 25000)) \
ChurnActors__Retention__Endpoints__bench__Url="http://127.0.0.1:$RECEIVER_PORT/bench" \
ChurnActors__Retention__Endpoints__bench__Secret=bench-campaign-secret-0123456789 \
ChurnActors__Retention__Policy__QuietHoursStart=00:00 ChurnActors__Retention__Policy__QuietHoursEnd=00:00 \
Logging__LogLevel__Default=Warning \
    dotnet "$SILO_DLL" --urls "$BASE" >"$RESULTS_DIR/host.log" 2>&1 &
HOST_PID=$!
for _ in $(seq 1 120); do
    curl -sf "$BASE/health/ready" >/dev/null 2>&1 && break
    kill -0 "$HOST_PID" 2>/dev/null || break
    sleep 1
done
curl -sf "$BASE/health/ready" >/dev/null || { tail -50 "$RESULTS_DIR/host.log" >&2; die "the host did not become ready"; }

log "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$CLI" bench campaign --url "$BASE" --admin-key "$ADMIN_KEY" --connection "$CS" \
    --customers "$CUSTOMERS" --receiver-port "$RECEIVER_PORT"
log "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
