#!/usr/bin/env bash
# Kill, drain, rolling restart and add of silos under load on a local cluster, with nothing lost or applied twice.
#
#   deploy/local/chaos.sh [--silos N] [--customers N] [--duration S] [--base-port P] [--no-build]
#
#   --silos N       silos cluster.sh starts (default 3); the add scenario starts one more
#   --customers N   customers the load spreads over (default 2000; the add scenario brings N/2 new ones)
#   --duration S    seconds of load before and after each change (default 10)
#   --base-port P   cluster.sh's base port (default 5300: HTTP 5300.., silo 11300.., gateway 30300..)
#   --no-build      use the Release build as it is
#
# Steps: drop and create the scratch database churnactors_chaos, start the cluster with `cluster.sh --silos N` on it,
# then run `churnactors bench chaos`, which sends Segment batches to every silo round-robin (retrying an
# unacknowledged batch on the next silo with the same messageIds) and runs, one after another:
#   kill             SIGKILL the last silo; the survivors take over its checkpoint and catch up its customers; the time
#                    from the kill to the first read of a customer that lived there; the silo is started again
#   drain            SIGTERM the second silo; no client error after retries; its checkpoint covers what it acknowledged
#   rolling-restart  SIGTERM and start again every silo in turn
#   add              start silo N+1; activations per silo, ingest after the join
# After each, the outcome is read in PostgreSQL (never through reads of customers): events sent, acknowledged, applied,
# lost, doubled, customers not up to date. Prints one block per scenario; exits 1 when any scenario failed. Stops the
# cluster and drops the database at the end. Logs in .local/chaos/ (cluster.log, chaos.log, silo-i.log).
#
# Silos write grain state at most 5 s after an event here (ChurnActors__WriteBehind__MaxDelay, default 1 min), so
# each scenario's check does not wait a minute; everything else runs with its defaults.
#
# Environment: PGHOST, PGPORT, PGUSER, PGPASSWORD (default 127.0.0.1, 5432, churnactors, churnactors); the role must
# be allowed to CREATE DATABASE.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
SILOS=3
CUSTOMERS=2000
DURATION=10
BASE_PORT=5300
BUILD=1

log() { printf 'chaos.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
number() { [[ "$2" =~ ^[0-9]+$ ]] || die "$1 needs a number, got '$2'"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --silos) [[ $# -ge 2 ]] || die "--silos needs a number"; number --silos "$2"; SILOS="$2"; shift 2 ;;
        --customers) [[ $# -ge 2 ]] || die "--customers needs a number"; number --customers "$2"; CUSTOMERS="$2"; shift 2 ;;
        --duration) [[ $# -ge 2 ]] || die "--duration needs a number"; number --duration "$2"; DURATION="$2"; shift 2 ;;
        --base-port) [[ $# -ge 2 ]] || die "--base-port needs a number"; number --base-port "$2"; BASE_PORT="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h | --help) sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
(( SILOS >= 2 && SILOS <= 18 )) || die "--silos must be from 2 to 18 (the add scenario starts one more), got $SILOS"
(( CUSTOMERS >= 20 )) || die "--customers must be at least 20, got $CUSTOMERS"
(( DURATION >= 1 )) || die "--duration must be at least 1 second, got $DURATION"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-churnactors}" PGPASSWORD="${PGPASSWORD:-churnactors}"
DB=churnactors_chaos
RESULTS_DIR="$REPO_ROOT/.local/chaos"
mkdir -p "$RESULTS_DIR"
SILO_DLL="$REPO_ROOT/src/ChurnActors.Silo/bin/Release/net10.0/ChurnActors.Silo.dll"
CLI="$REPO_ROOT/src/ChurnActors.Cli/bin/Release/net10.0/churnactors.dll"
if [[ "$BUILD" == 1 ]]; then
    log "building the host and the CLI (Release)"
    dotnet build "$REPO_ROOT/src/ChurnActors.Silo/ChurnActors.Silo.csproj" -c Release -v quiet -nologo >&2 || die "build failed"
    dotnet build "$REPO_ROOT/src/ChurnActors.Cli/ChurnActors.Cli.csproj" -c Release -v quiet -nologo >&2 || die "build failed"
fi
[[ -f "$CLI" && -f "$SILO_DLL" ]] || die "no Release build; run without --no-build"

export ConnectionStrings__ChurnActors="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$DB;Maximum Pool Size=20"
export CHURN_WRITE_KEY="wk_chaos_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export CHURN_READ_KEY="rk_chaos_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export CHURN_ADMIN_KEY="ak_chaos_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export ChurnActors__WriteBehind__MaxDelay="00:00:05"

CLUSTER_PID=""
cleanup() {
    if [[ -n "$CLUSTER_PID" ]]; then
        "$SCRIPT_DIR/cluster.sh" --stop >/dev/null 2>&1 || true
        wait "$CLUSTER_PID" 2>/dev/null || true
    fi
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null \
    || die "could not create the scratch database $DB (is PostgreSQL up? deploy/local/pg.sh)"
log "starting $SILOS silos (cluster.sh; log in ${RESULTS_DIR#"$REPO_ROOT"/}/cluster.log)"
"$SCRIPT_DIR/cluster.sh" --silos "$SILOS" --base-port "$BASE_PORT" >"$RESULTS_DIR/cluster.log" 2>&1 &
CLUSTER_PID=$!
for _ in $(seq 1 600); do
    grep -q "Members and activations" "$RESULTS_DIR/cluster.log" 2>/dev/null && break
    kill -0 "$CLUSTER_PID" 2>/dev/null || { tail -30 "$RESULTS_DIR/cluster.log" >&2; die "cluster.sh stopped"; }
    sleep 1
done
grep -q "Members and activations" "$RESULTS_DIR/cluster.log" || die "the cluster did not come up within 10 minutes (see ${RESULTS_DIR#"$REPO_ROOT"/}/cluster.log)"

log "running the scenarios (kill, drain, rolling-restart, add); progress in ${RESULTS_DIR#"$REPO_ROOT"/}/chaos.log"
status=0
(cd "$(dirname "$CLI")" && dotnet "$(basename "$CLI")" bench chaos \
    --silo-assembly "$SILO_DLL" --pid-file "$REPO_ROOT/.local/cluster/pids" --log-dir "$REPO_ROOT/.local/cluster" \
    --base-port "$BASE_PORT" --silos "$SILOS" --customers "$CUSTOMERS" --duration "${DURATION}s") \
    | tee "$RESULTS_DIR/chaos.log" || status=$?
cp "$REPO_ROOT"/.local/cluster/silo-*.log "$RESULTS_DIR/" 2>/dev/null || true
exit "$status"
