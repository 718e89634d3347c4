#!/usr/bin/env bash
# Builds ChurnActors and runs it locally: one command for a newcomer.
#
#   deploy/local/run.sh [--port N] [--no-demo] [--in-memory]
#
#   --port N      HTTP port on 127.0.0.1 (default 5000); fails clearly if it is taken
#   --no-demo     do not send the demo event stream
#   --in-memory   no PostgreSQL at all (ChurnActors__Storage__Mode=InMemory): NOTHING IS DURABLE
#
# Steps: PostgreSQL via pg.sh (unless --in-memory), build (Release), `churnactors db migrate`,
# start the host in the background, wait for GET /health, run `churnactors demo`, print
# ready-to-paste curl lines, then follow the host log until Ctrl-C, which stops the host.
#
# Environment: CHURN_WRITE_KEY (write key to accept; default: a fresh random one, printed),
# CHURN_READ_KEY (read key for GET /v1/users; default: a fresh random one, printed),
# ConnectionStrings__ChurnActors (use this database instead of the local one),
# HEALTH_TIMEOUT (seconds to wait for /health, default 120).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
SOLUTION="ChurnActors.sln"
SILO_PROJECT="src/ChurnActors.Silo/ChurnActors.Silo.csproj"
CLI_PROJECT="src/ChurnActors.Cli/ChurnActors.Cli.csproj"

say() { printf 'run.sh: %s\n' "$*"; }
die() { printf 'run.sh: ERROR: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

PORT=5000
DEMO=1
IN_MEMORY=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --port)
            [[ $# -ge 2 ]] || die "--port needs a number"
            PORT="$2"
            shift 2
            ;;
        --port=*) PORT="${1#--port=}"; shift ;;
        --no-demo) DEMO=0; shift ;;
        --in-memory) IN_MEMORY=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
if ! [[ "$PORT" =~ ^[0-9]+$ ]] || (( PORT < 1 || PORT > 65535 )); then
    die "--port must be a number from 1 to 65535, got '$PORT'"
fi

BASE_URL="http://127.0.0.1:$PORT"
cd "$REPO_ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v dotnet >/dev/null 2>&1 || die "dotnet not found: install the .NET SDK named in global.json"
command -v curl >/dev/null 2>&1 || die "curl not found: install it (apt-get install -y curl)"

port_taken() {
    # A successful TCP connect means something already listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
if port_taken "$PORT"; then
    die "port $PORT on 127.0.0.1 is already taken by another program. Stop it, or pick another port: --port N"
fi

in_memory_banner() {
    cat <<'EOF'
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!  IN-MEMORY MODE: NOTHING IS DURABLE.                               !!
!!  Every event and every customer state is LOST when the host stops. !!
!!  No PostgreSQL is used. Never point real traffic at this host.      !!
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
EOF
}

if [[ "$IN_MEMORY" -eq 1 ]]; then
    in_memory_banner
    export ChurnActors__Storage__Mode=InMemory
    STORAGE_LABEL="IN-MEMORY (not durable)"
else
    # shellcheck source=SCRIPTDIR/pg.sh
    source "$SCRIPT_DIR/pg.sh"
    STORAGE_LABEL="PostgreSQL"
fi

# ---- build ------------------------------------------------------------------------------------
say "building $SOLUTION (Release); the first build restores packages and takes a few minutes"
dotnet build "$SOLUTION" -c Release -nologo -v quiet || die "build failed (errors above)"

# Prints the built assembly path of a project (Release).
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

# Runs the CLI from its output folder (its content root).
churnactors() {
    (cd "$(dirname "$CLI_DLL")" && dotnet "$(basename "$CLI_DLL")" "$@")
}

# ---- migrate ----------------------------------------------------------------------------------
if [[ "$IN_MEMORY" -eq 0 ]]; then
    say "applying database migrations (churnactors db migrate)"
    churnactors db migrate || die "churnactors db migrate failed (output above)"
fi

# ---- write key --------------------------------------------------------------------------------
if [[ -n "${CHURN_WRITE_KEY:-}" ]]; then
    WRITE_KEY="$CHURN_WRITE_KEY"
    say "write key from CHURN_WRITE_KEY"
else
    WRITE_KEY="wk_$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    say "generated write key $WRITE_KEY (set CHURN_WRITE_KEY to choose your own)"
fi
export CHURN_WRITE_KEY="$WRITE_KEY"

# ---- read key: reading customers needs one (a write key may only write) ---------------------
if [[ -n "${CHURN_READ_KEY:-}" ]]; then
    READ_KEY="$CHURN_READ_KEY"
    say "read key from CHURN_READ_KEY"
else
    READ_KEY="rk_$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    say "generated read key $READ_KEY (set CHURN_READ_KEY to choose your own)"
fi
export CHURN_READ_KEY="$READ_KEY"

# ---- start the host ---------------------------------------------------------------------------
LOG_DIR="$REPO_ROOT/.local/run"
mkdir -p "$LOG_DIR"
HOST_LOG="$LOG_DIR/host-$PORT.log"
: >"$HOST_LOG"
HOST_PID=""
TAIL_PID=""

# shellcheck disable=SC2317  # invoked through the EXIT trap
stop_host() {
    local code=$?
    trap - EXIT INT TERM
    if [[ -n "$TAIL_PID" ]]; then
        kill "$TAIL_PID" 2>/dev/null || true
    fi
    if [[ -n "$HOST_PID" ]] && kill -0 "$HOST_PID" 2>/dev/null; then
        say "stopping the host (pid $HOST_PID)"
        kill -TERM "$HOST_PID" 2>/dev/null || true
        local waited=0
        while kill -0 "$HOST_PID" 2>/dev/null && (( waited < 30 )); do
            sleep 0.5
            waited=$((waited + 1))
        done
        if kill -0 "$HOST_PID" 2>/dev/null; then
            say "host did not stop within 15 s: killing it"
            kill -KILL "$HOST_PID" 2>/dev/null || true
        fi
        wait "$HOST_PID" 2>/dev/null || true
        say "host stopped"
    fi
    exit "$code"
}
trap stop_host EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_log_tail() {
    echo "----- last 40 lines of ${HOST_LOG#"$REPO_ROOT"/} -----" >&2
    tail -n 40 "$HOST_LOG" >&2 || true
    echo "-----" >&2
}

say "starting the host on $BASE_URL (storage: $STORAGE_LABEL); log: ${HOST_LOG#"$REPO_ROOT"/}"
(cd "$(dirname "$SILO_DLL")" && exec dotnet "$(basename "$SILO_DLL")" --urls "$BASE_URL") >>"$HOST_LOG" 2>&1 &
HOST_PID=$!

limit="${HEALTH_TIMEOUT:-120}"
start=$SECONDS
until curl -fsS -o /dev/null --max-time 2 "$BASE_URL/health" 2>/dev/null; do
    if ! kill -0 "$HOST_PID" 2>/dev/null; then
        host_rc=0
        wait "$HOST_PID" || host_rc=$?
        HOST_PID=""
        show_log_tail
        if grep -qi 'address already in use' "$HOST_LOG"; then
            die "the host could not bind $BASE_URL: port $PORT is taken. Pick another: --port N"
        fi
        die "the host exited (code $host_rc) before GET /health answered 200; see its log above"
    fi
    if (( SECONDS - start >= limit )); then
        show_log_tail
        die "GET $BASE_URL/health did not answer 200 within ${limit}s (HEALTH_TIMEOUT)"
    fi
    sleep 1
done
say "host is ready (GET /health = 200 after $((SECONDS - start)) s)"

# ---- demo -------------------------------------------------------------------------------------
DEMO_IDS=()
user_known() {
    [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 -u "$READ_KEY:" "$BASE_URL/v1/users/$1")" == "200" ]]
}
if [[ "$DEMO" -eq 1 ]]; then
    say "sending the demo event stream (churnactors demo)"
    demo_out=""
    if demo_out="$(churnactors demo --url "$BASE_URL" --write-key "$WRITE_KEY" --read-key "$READ_KEY")"; then
        printf '%s\n' "$demo_out" | sed 's/^/  demo: /'
        # Candidate ids: the first word of each output line, and the words after a colon on lines
        # naming customers/users. A candidate is kept only if GET /v1/users/{id} answers 200.
        mapfile -t candidates < <(
            printf '%s\n' "$demo_out" | awk '{ print $1 }'
            { printf '%s\n' "$demo_out" | grep -i 'customer\|user' || true; } \
                | sed 's/.*://' | tr ',;[]"' '     ' | tr -s ' \t' '\n'
        )
        valid=()
        for id in "${candidates[@]}"; do
            [[ "$id" =~ ^[A-Za-z0-9_.@:-]+$ ]] || continue
            [[ " ${valid[*]} " == *" $id "* ]] && continue
            valid+=("$id")
            (( ${#valid[@]} < 40 )) || break
        done
        for id in "${valid[@]}"; do
            if user_known "$id"; then
                DEMO_IDS+=("$id")
                (( ${#DEMO_IDS[@]} < 2 )) || break
            fi
        done
        if [[ ${#DEMO_IDS[@]} -eq 0 ]]; then
            # Events are applied shortly after ingest: give the first candidates a few seconds.
            for id in "${valid[@]:0:5}"; do
                for _ in 1 2 3 4 5 6; do
                    if user_known "$id"; then
                        DEMO_IDS+=("$id")
                        break
                    fi
                    sleep 0.5
                done
                (( ${#DEMO_IDS[@]} < 2 )) || break
            done
        fi
    else
        printf '%s\n' "$demo_out" | sed 's/^/  demo: /'
        say "WARNING: churnactors demo failed (output above); the host keeps running"
    fi
fi

# ---- ready ------------------------------------------------------------------------------------
first_id="${DEMO_IDS[0]:-}"
track_user="${first_id:-newcomer-1}"
echo
echo "========================================================================"
[[ "$IN_MEMORY" -eq 0 ]] || in_memory_banner
echo " ChurnActors is running at $BASE_URL   (storage: $STORAGE_LABEL)"
echo " write key: $WRITE_KEY"
echo " read key:  $READ_KEY"
echo " host log:  ${HOST_LOG#"$REPO_ROOT"/}"
echo
echo " Read a customer's state:"
if [[ ${#DEMO_IDS[@]} -gt 0 ]]; then
    for id in "${DEMO_IDS[@]}"; do
        echo "   curl -s -u \"$READ_KEY:\" $BASE_URL/v1/users/$id"
    done
else
    echo "   curl -s -u \"$READ_KEY:\" $BASE_URL/v1/users/<userId>"
fi
echo
echo " Send one event (Segment track call):"
echo "   curl -s -u \"$WRITE_KEY:\" -H 'Content-Type: application/json' \\"
echo "     -d '{\"userId\":\"$track_user\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"o-try-1\",\"revenue\":19.99,\"currency\":\"USD\"}}' \\"
echo "     $BASE_URL/v1/track"
echo
echo " Press Ctrl-C to stop the host. Host log follows."
echo "========================================================================"

tail -n 0 --pid="$HOST_PID" -F "$HOST_LOG" 2>/dev/null &
TAIL_PID=$!
host_rc=0
wait "$HOST_PID" || host_rc=$?
HOST_PID=""
say "the host exited by itself (code $host_rc)"
exit "$host_rc"
