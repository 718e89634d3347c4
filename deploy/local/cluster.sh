#!/usr/bin/env bash
# Starts a local ChurnActors cluster: N silo processes (and M API-only processes) on this machine against one PostgreSQL.
#
#   deploy/local/cluster.sh [--silos N] [--api M] [--base-port P]
#   deploy/local/cluster.sh --stop
#
#   --silos N       how many silos (default 3)
#   --api M         how many API-only processes (ChurnActors:Role=api: HTTP and ingest, grains reached through an
#                   Orleans client), started after the silos (default 0); api j (1..M) serves HTTP on P+N+j-1
#   --base-port P   silo i (1..N) serves HTTP on P+i-1, talks to the other silos on P+6000+i-1 and takes Orleans
#                   clients on P+25000+i-1 (default 5100: HTTP 5100.., silo 11100.., gateway 30100..)
#   --stop          stops the processes a cluster.sh started (from .local/cluster/pids), and exits
#
# Steps: PostgreSQL via pg.sh, build (Release), `churnactors db migrate`, start the silos one after another (each
# with ChurnActors__Node__Name=silo-i, its own ports, one shared ClusterId), then the api processes (api-j), wait
# until each answers GET /health/ready, print their URLs, the keys and `churnactors cluster status`, then wait.
# Ctrl-C stops every process (SIGTERM: each silo leaves the cluster and writes its grains' state).
#
# Environment: CHURN_WRITE_KEY, CHURN_READ_KEY, CHURN_ADMIN_KEY (default: the ones run.sh keeps in .local/run/keys,
# generated there when missing), ConnectionStrings__ChurnActors (use this database instead of the local one),
# HEALTH_TIMEOUT (seconds to wait for each silo, default 120), ChurnActors__Cluster__ClusterId (default churnactors).
# Logs: .local/cluster/silo-i.log, .local/cluster/api-j.log.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
SILO_PROJECT="src/ChurnActors.Silo/ChurnActors.Silo.csproj"
CLI_PROJECT="src/ChurnActors.Cli/ChurnActors.Cli.csproj"
STATE_DIR="$REPO_ROOT/.local/cluster"
PID_FILE="$STATE_DIR/pids"

say() { printf 'cluster.sh: %s\n' "$*"; }
die() { printf 'cluster.sh: ERROR: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

SILOS=3
APIS=0
BASE_PORT=5100
STOP=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --silos)
            [[ $# -ge 2 ]] || die "--silos needs a number"
            SILOS="$2"
            shift 2
            ;;
        --silos=*) SILOS="${1#--silos=}"; shift ;;
        --api)
            [[ $# -ge 2 ]] || die "--api needs a number"
            APIS="$2"
            shift 2
            ;;
        --api=*) APIS="${1#--api=}"; shift ;;
        --base-port)
            [[ $# -ge 2 ]] || die "--base-port needs a number"
            BASE_PORT="$2"
            shift 2
            ;;
        --base-port=*) BASE_PORT="${1#--base-port=}"; shift ;;
        --stop) STOP=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
if ! [[ "$SILOS" =~ ^[0-9]+$ ]] || (( SILOS < 1 || SILOS > 20 )); then
    die "--silos must be a number from 1 to 20, got '$SILOS'"
fi
if ! [[ "$APIS" =~ ^[0-9]+$ ]] || (( APIS > 20 )); then
    die "--api must be a number from 0 to 20, got '$APIS'"
fi
if ! [[ "$BASE_PORT" =~ ^[0-9]+$ ]] || (( BASE_PORT < 1 || BASE_PORT + 25000 + SILOS > 65535 )); then
    die "--base-port must be a number from 1 to $((65535 - 25000 - SILOS)) (gateway ports are base + 25000 + i - 1), got '$BASE_PORT'"
fi

# Sends SIGTERM to every pid in the pid file and waits (at most 30 s each) for the processes to exit.
stop_recorded() {
    [[ -f "$PID_FILE" ]] || return 0
    local name pid waited
    while read -r name pid; do
        [[ -n "${pid:-}" ]] || continue
        if kill -0 "$pid" 2>/dev/null; then
            say "stopping $name (pid $pid)"
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done <"$PID_FILE"
    while read -r name pid; do
        [[ -n "${pid:-}" ]] || continue
        waited=0
        while kill -0 "$pid" 2>/dev/null && (( waited < 60 )); do
            sleep 0.5
            waited=$((waited + 1))
        done
        if kill -0 "$pid" 2>/dev/null; then
            say "$name did not stop within 30 s: killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done <"$PID_FILE"
    rm -f "$PID_FILE"
    say "all processes stopped"
}

if [[ "$STOP" -eq 1 ]]; then
    [[ -f "$PID_FILE" ]] || { say "no cluster recorded in ${PID_FILE#"$REPO_ROOT"/}: nothing to stop"; exit 0; }
    stop_recorded
    exit 0
fi

cd "$REPO_ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v dotnet >/dev/null 2>&1 || die "dotnet not found: install the .NET SDK named in global.json"
command -v curl >/dev/null 2>&1 || die "curl not found: install it (apt-get install -y curl)"

mkdir -p "$STATE_DIR"
if [[ -f "$PID_FILE" ]]; then
    while read -r name pid; do
        if [[ -n "${pid:-}" ]] && kill -0 "$pid" 2>/dev/null; then
            die "a cluster started by cluster.sh still runs ($name, pid $pid): stop it first with deploy/local/cluster.sh --stop"
        fi
    done <"$PID_FILE"
    rm -f "$PID_FILE"
fi

port_taken() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
for ((i = 1; i <= SILOS; i++)); do
    for port in $((BASE_PORT + i - 1)) $((BASE_PORT + 6000 + i - 1)) $((BASE_PORT + 25000 + i - 1)); do
        if port_taken "$port"; then
            die "port $port on 127.0.0.1 (silo-$i) is already taken. Stop that program, or pick other ports: --base-port P"
        fi
    done
done
for ((j = 1; j <= APIS; j++)); do
    port=$((BASE_PORT + SILOS + j - 1))
    if port_taken "$port"; then
        die "port $port on 127.0.0.1 (api-$j) is already taken. Stop that program, or pick other ports: --base-port P"
    fi
done

# shellcheck source=SCRIPTDIR/pg.sh
source "$SCRIPT_DIR/pg.sh"

# ---- build (once) -----------------------------------------------------------------------------
say "building the host and the CLI (Release)"
dotnet build "$SILO_PROJECT" -c Release -nologo -v quiet || die "build of the host failed (errors above)"
dotnet build "$CLI_PROJECT" -c Release -nologo -v quiet || die "build of the CLI failed (errors above)"

target_path() {
    local path
    path="$(dotnet msbuild "$1" -nologo -getProperty:TargetPath -p:Configuration=Release 2>/dev/null | tail -n 1 || true)"
    if [[ -z "$path" || ! -f "$path" ]]; then
        path="$(find "$(dirname "$1")/bin/Release" -name "$2" -path '*/net*' 2>/dev/null | head -n 1 || true)"
    fi
    [[ -n "$path" && -f "$path" ]] || die "cannot find the built $2 (looked under $(dirname "$1")/bin/Release)"
    printf '%s\n' "$path"
}
SILO_DLL="$(target_path "$SILO_PROJECT" ChurnActors.Silo.dll)"
CLI_DLL="$(target_path "$CLI_PROJECT" churnactors.dll)"
churnactors() {
    (cd "$(dirname "$CLI_DLL")" && dotnet "$(basename "$CLI_DLL")" "$@")
}

say "applying database migrations (churnactors db migrate)"
churnactors db migrate || die "churnactors db migrate failed (output above)"

# ---- keys -------------------------------------------------------------------------------------
# The same keys as run.sh: a cluster and a single host on the same database accept the same clients.
KEYS_FILE="$REPO_ROOT/.local/run/keys"
mkdir -p "$(dirname "$KEYS_FILE")"
kept() { [[ -f "$KEYS_FILE" ]] && sed -n "s/^$1=//p" "$KEYS_FILE" | head -n 1 || true; }
new_key() { printf '%s_%s\n' "$1" "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"; }
WRITE_KEY="${CHURN_WRITE_KEY:-$(kept write)}"
READ_KEY="${CHURN_READ_KEY:-$(kept read)}"
ADMIN_KEY="${CHURN_ADMIN_KEY:-$(kept admin)}"
if [[ -z "$WRITE_KEY" || -z "$READ_KEY" || -z "$ADMIN_KEY" ]]; then
    WRITE_KEY="${WRITE_KEY:-$(new_key wk)}"
    READ_KEY="${READ_KEY:-$(new_key rk)}"
    ADMIN_KEY="${ADMIN_KEY:-$(new_key ak)}"
    WEBHOOK="$(kept webhook)"
    (umask 077 && printf 'write=%s\nread=%s\nadmin=%s\nwebhook=%s\n' "$WRITE_KEY" "$READ_KEY" "$ADMIN_KEY" \
        "${WEBHOOK:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}" >"$KEYS_FILE")
    say "keys kept in ${KEYS_FILE#"$REPO_ROOT"/}"
fi
export CHURN_WRITE_KEY="$WRITE_KEY" CHURN_READ_KEY="$READ_KEY" CHURN_ADMIN_KEY="$ADMIN_KEY"

# ---- start the silos --------------------------------------------------------------------------
STARTED=0
# shellcheck disable=SC2317  # invoked through the EXIT trap
on_exit() {
    local code=$?
    trap - EXIT INT TERM
    if [[ "$STARTED" -eq 1 ]]; then
        stop_recorded
    fi
    exit "$code"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Waits until process $1 answers GET /health/ready on HTTP port $2 (log $3), or dies with its log.
wait_ready() {
    local name="$1" http="$2" log="$3" limit="${HEALTH_TIMEOUT:-120}" start=$SECONDS pid
    until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$http/health/ready" 2>/dev/null; do
        pid="$(sed -n "s/^$name //p" "$PID_FILE")"
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 40 "$log" >&2 || true
            die "$name exited before GET /health/ready answered 200; its log is above"
        fi
        if (( SECONDS - start >= limit )); then
            tail -n 40 "$log" >&2 || true
            die "$name did not answer GET /health/ready within ${limit}s (HEALTH_TIMEOUT)"
        fi
        sleep 1
    done
    say "$name is ready after $((SECONDS - start)) s"
}

: >"$PID_FILE"
STARTED=1
for ((i = 1; i <= SILOS; i++)); do
    name="silo-$i"
    http=$((BASE_PORT + i - 1))
    log="$STATE_DIR/$name.log"
    : >"$log"
    (cd "$(dirname "$SILO_DLL")" && exec env \
        ChurnActors__Node__Name="$name" \
        ChurnActors__Cluster__SiloPort=$((BASE_PORT + 6000 + i - 1)) \
        ChurnActors__Cluster__GatewayPort=$((BASE_PORT + 25000 + i - 1)) \
        dotnet "$(basename "$SILO_DLL")" --urls "http://127.0.0.1:$http") >>"$log" 2>&1 &
    printf '%s %s\n' "$name" "$!" >>"$PID_FILE"
    say "started $name (pid $!) on http://127.0.0.1:$http; log: ${log#"$REPO_ROOT"/}"

    # One after another: a silo joins faster when the ones before it are active.
    wait_ready "$name" "$http" "$log"
done

# The API-only processes: no silo or gateway port; their Orleans clients find the silos' gateways in the membership table.
for ((j = 1; j <= APIS; j++)); do
    name="api-$j"
    http=$((BASE_PORT + SILOS + j - 1))
    log="$STATE_DIR/$name.log"
    : >"$log"
    (cd "$(dirname "$SILO_DLL")" && exec env \
        ChurnActors__Role=api \
        ChurnActors__Node__Name="$name" \
        dotnet "$(basename "$SILO_DLL")" --urls "http://127.0.0.1:$http") >>"$log" 2>&1 &
    printf '%s %s\n' "$name" "$!" >>"$PID_FILE"
    say "started $name (pid $!, API-only) on http://127.0.0.1:$http; log: ${log#"$REPO_ROOT"/}"
    wait_ready "$name" "$http" "$log"
done

echo
echo "========================================================================"
echo " ChurnActors cluster: $SILOS silos and $APIS API-only processes on one PostgreSQL"
for ((i = 1; i <= SILOS; i++)); do
    echo "   silo-$i  http://127.0.0.1:$((BASE_PORT + i - 1))   silo port $((BASE_PORT + 6000 + i - 1)), gateway $((BASE_PORT + 25000 + i - 1))"
done
for ((j = 1; j <= APIS; j++)); do
    echo "   api-$j   http://127.0.0.1:$((BASE_PORT + SILOS + j - 1))   API-only (ChurnActors:Role=api)"
done
echo " write key: $WRITE_KEY"
echo " read key:  $READ_KEY"
echo " admin key: $ADMIN_KEY"
echo " logs:      ${STATE_DIR#"$REPO_ROOT"/}/silo-*.log, api-*.log"
echo
echo " Members and activations:"
echo "   CHURN_ADMIN_KEY=$ADMIN_KEY dotnet $CLI_DLL cluster status --url http://127.0.0.1:$BASE_PORT"
echo " Stop: Ctrl-C here, or deploy/local/cluster.sh --stop from another shell."
echo "========================================================================"
echo
churnactors cluster status --url "http://127.0.0.1:$BASE_PORT" --admin-key "$ADMIN_KEY" || say "WARNING: churnactors cluster status failed (output above)"

# Wait until Ctrl-C (or until every silo has exited by itself).
while true; do
    if [[ ! -f "$PID_FILE" ]]; then
        STARTED=0
        say "the processes were stopped (cluster.sh --stop)"
        exit 0
    fi
    alive=0
    while read -r name pid; do
        if kill -0 "$pid" 2>/dev/null; then
            alive=1
        fi
    done <"$PID_FILE"
    if [[ "$alive" -eq 0 ]]; then
        say "every process has exited by itself"
        exit 1
    fi
    sleep 2
done
