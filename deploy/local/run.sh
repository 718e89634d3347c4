#!/usr/bin/env bash
# Builds ChurnActors and runs it locally: one command for a newcomer.
#
#   deploy/local/run.sh [--port N] [--no-demo] [--in-memory]
#
#   --port N      HTTP port on 127.0.0.1 (default 5000; the demo's webhook receiver listens on N + 99);
#                 fails clearly if either is taken
#   --no-demo     do not send the demo event stream
#   --in-memory   no PostgreSQL at all (ChurnActors__Storage__Mode=InMemory): NOTHING IS DURABLE
#
# Steps: PostgreSQL via pg.sh (unless --in-memory), build (Release), `churnactors db migrate`,
# start a local webhook receiver (`churnactors webhooks receive`, the host's endpoint `demo`) and the
# host in the background, wait for GET /health, print ready-to-paste curl lines, run `churnactors demo`
# (it applies the demo playbook, sends a simulated year of shop history and eight named customers, and
# ends with their churn scores and the retention episode a band change opened), then follow the host
# log until Ctrl-C, which stops the host and the receiver.
#
# Environment: CHURN_WRITE_KEY (write key to accept; default: one generated on the first run and
# kept in .local/run/keys, so a second run's demo is recognised as duplicates), CHURN_READ_KEY
# (read key for GET /v1/users; default: kept the same way), CHURN_ADMIN_KEY (admin key for /v1/admin,
# which the demo applies its playbook with; default: kept the same way), ConnectionStrings__ChurnActors (use
# this database instead of the local one), HEALTH_TIMEOUT (seconds to wait for /health, default
# 120), ChurnActors__Scoring__LifetimeFitDelay (first lifetime fit after start, default 00:00:01),
# RUN_LOG_CUSTOMERS=1 (keep per-customer band changes in the host log; left out by default).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
SOLUTION="ChurnActors.sln"
SILO_PROJECT="src/ChurnActors.Silo/ChurnActors.Silo.csproj"
CLI_PROJECT="src/ChurnActors.Cli/ChurnActors.Cli.csproj"

say() { printf 'run.sh: %s\n' "$*"; }
die() { printf 'run.sh: ERROR: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

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
RECEIVER_PORT=$((PORT + 99))
if [[ "$DEMO" -eq 1 ]] && port_taken "$RECEIVER_PORT"; then
    die "port $RECEIVER_PORT on 127.0.0.1 (the demo's webhook receiver, --port + 99) is already taken. Stop that program, or pick another port: --port N"
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

# ---- keys -------------------------------------------------------------------------------------
# Generated keys are kept in .local/run/keys and used again by later runs: message ids are deduplicated
# per write key, so the demo sent again with the same key adds nothing to the database.
LOG_DIR="$REPO_ROOT/.local/run"
mkdir -p "$LOG_DIR"
KEYS_FILE="$LOG_DIR/keys"
KEPT_WRITE_KEY=""
KEPT_READ_KEY=""
KEPT_ADMIN_KEY=""
KEPT_WEBHOOK_SECRET=""
CHURN_WRITE_KEY_GIVEN="${CHURN_WRITE_KEY:-}"
CHURN_READ_KEY_GIVEN="${CHURN_READ_KEY:-}"
CHURN_ADMIN_KEY_GIVEN="${CHURN_ADMIN_KEY:-}"
if [[ -f "$KEYS_FILE" ]]; then
    KEPT_WRITE_KEY="$(sed -n 's/^write=//p' "$KEYS_FILE" | head -n 1)"
    KEPT_READ_KEY="$(sed -n 's/^read=//p' "$KEYS_FILE" | head -n 1)"
    KEPT_ADMIN_KEY="$(sed -n 's/^admin=//p' "$KEYS_FILE" | head -n 1)"
    KEPT_WEBHOOK_SECRET="$(sed -n 's/^webhook=//p' "$KEYS_FILE" | head -n 1)"
fi

# Prints the key to use: the one from the environment, else the kept one, else a new one (kept).
# $1 kind (write/read), $2 environment value, $3 kept value, $4 prefix of a new key.
pick_key() {
    if [[ -n "$2" ]]; then
        say "$1 key from CHURN_${1^^}_KEY" >&2
        printf '%s\n' "$2"
    elif [[ -n "$3" ]]; then
        say "$1 key $3 from ${KEYS_FILE#"$REPO_ROOT"/} (set CHURN_${1^^}_KEY to choose your own)" >&2
        printf '%s\n' "$3"
    else
        local key
        key="$4_$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
        say "generated $1 key $key, kept in ${KEYS_FILE#"$REPO_ROOT"/} (set CHURN_${1^^}_KEY to choose your own)" >&2
        printf '%s\n' "$key"
    fi
}
WRITE_KEY="$(pick_key write "${CHURN_WRITE_KEY:-}" "$KEPT_WRITE_KEY" wk)"
# Reading customers needs a read key (a write key may only write).
READ_KEY="$(pick_key read "${CHURN_READ_KEY:-}" "$KEPT_READ_KEY" rk)"
# The admin API (playbooks, results) needs an admin key, separate from the other two.
ADMIN_KEY="$(pick_key admin "${CHURN_ADMIN_KEY:-}" "$KEPT_ADMIN_KEY" ak)"
# The secret the host signs the demo endpoint's webhooks with (a receiver verifies it).
WEBHOOK_SECRET="${KEPT_WEBHOOK_SECRET:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}"
export CHURN_WRITE_KEY="$WRITE_KEY" CHURN_READ_KEY="$READ_KEY" CHURN_ADMIN_KEY="$ADMIN_KEY"
# Keep what was generated (a key given in the environment is not written down).
keep_write="${KEPT_WRITE_KEY:-}"
keep_read="${KEPT_READ_KEY:-}"
keep_admin="${KEPT_ADMIN_KEY:-}"
[[ -n "$keep_write" || -n "${CHURN_WRITE_KEY_GIVEN:-}" ]] || keep_write="$WRITE_KEY"
[[ -n "$keep_read" || -n "${CHURN_READ_KEY_GIVEN:-}" ]] || keep_read="$READ_KEY"
[[ -n "$keep_admin" || -n "${CHURN_ADMIN_KEY_GIVEN:-}" ]] || keep_admin="$ADMIN_KEY"
if [[ "$keep_write" != "$KEPT_WRITE_KEY" || "$keep_read" != "$KEPT_READ_KEY" || "$keep_admin" != "$KEPT_ADMIN_KEY" \
    || "$WEBHOOK_SECRET" != "$KEPT_WEBHOOK_SECRET" ]]; then
    (umask 077 && printf 'write=%s\nread=%s\nadmin=%s\nwebhook=%s\n' "$keep_write" "$keep_read" "$keep_admin" "$WEBHOOK_SECRET" >"$KEYS_FILE")
fi

# The first lifetime fit soon after start: on a database that already holds the demo's history it then
# scores at once; on a new one it finds too little history and fits again as soon as the demo's orders are in.
export ChurnActors__Scoring__LifetimeFitDelay="${ChurnActors__Scoring__LifetimeFitDelay:-00:00:01}"

# The demo playbook (docs/examples/demo-playbook.json) delivers to the endpoint `demo`: the local receiver below.
export ChurnActors__Retention__Endpoints__demo__Url="${ChurnActors__Retention__Endpoints__demo__Url:-http://127.0.0.1:$RECEIVER_PORT/demo}"
export ChurnActors__Retention__Endpoints__demo__Secret="${ChurnActors__Retention__Endpoints__demo__Secret:-$WEBHOOK_SECRET}"

# ---- start the host ---------------------------------------------------------------------------
HOST_LOG="$LOG_DIR/host-$PORT.log"
: >"$HOST_LOG"
HOST_PID=""
TAIL_PID=""
RECEIVER_PID=""
WEBHOOK_LOG="$LOG_DIR/webhooks-$RECEIVER_PORT.log"

# shellcheck disable=SC2317  # invoked through the EXIT trap
stop_host() {
    local code=$?
    trap - EXIT INT TERM
    if [[ -n "$TAIL_PID" ]]; then
        kill "$TAIL_PID" 2>/dev/null || true
    fi
    if [[ -n "$RECEIVER_PID" ]]; then
        kill "$RECEIVER_PID" 2>/dev/null || true
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

if [[ "$DEMO" -eq 1 ]]; then
    # A stand-in for the shop's CRM: answers the demo playbook's webhooks with 200 and logs one line each.
    say "starting the demo's webhook receiver on http://127.0.0.1:$RECEIVER_PORT; log: ${WEBHOOK_LOG#"$REPO_ROOT"/}"
    (cd "$(dirname "$CLI_DLL")" && exec dotnet "$(basename "$CLI_DLL")" webhooks receive --port "$RECEIVER_PORT") >"$WEBHOOK_LOG" 2>&1 &
    RECEIVER_PID=$!
fi
say "starting the host on $BASE_URL (storage: $STORAGE_LABEL); log: ${HOST_LOG#"$REPO_ROOT"/}"
# Per-customer band changes stay out of the log (a first lifetime fit raises hundreds of customers at
# once, which would push the demo's table off the screen); set RUN_LOG_CUSTOMERS=1 to keep them.
HOST_ARGS=(--urls "$BASE_URL")
if [[ "${RUN_LOG_CUSTOMERS:-0}" != "1" ]]; then
    HOST_ARGS+=("--Logging:LogLevel:ChurnActors.Grains.Customers.UserGrain=Warning")
fi
(cd "$(dirname "$SILO_DLL")" && exec dotnet "$(basename "$SILO_DLL")" "${HOST_ARGS[@]}") >>"$HOST_LOG" 2>&1 &
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

# ---- ready ------------------------------------------------------------------------------------
# The demo's named customers are fixed (demo-alice, demo-bob, ...): the lines below can name them
# before the demo runs, so that the demo's score table is the last thing on the first screen.
DEMO_IDS=()
[[ "$DEMO" -eq 0 ]] || DEMO_IDS=(demo-alice demo-bob)
track_user="${DEMO_IDS[0]:-newcomer-1}"
echo
echo "========================================================================"
[[ "$IN_MEMORY" -eq 0 ]] || in_memory_banner
echo " ChurnActors is running at $BASE_URL   (storage: $STORAGE_LABEL)"
echo " write key: $WRITE_KEY"
echo " read key:  $READ_KEY"
echo " admin key: $ADMIN_KEY"
echo " console:   $BASE_URL/console   (log in with the admin key)"
echo " host log:  ${HOST_LOG#"$REPO_ROOT"/}"
[[ "$DEMO" -eq 0 ]] || echo " webhooks:  ${WEBHOOK_LOG#"$REPO_ROOT"/} (what the demo playbook sent)"
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
if [[ "$DEMO" -eq 1 ]]; then
    echo " Press Ctrl-C to stop the host. The demo runs next, then the host log follows."
else
    echo " Press Ctrl-C to stop the host. Host log follows."
fi
echo "========================================================================"

# ---- demo -------------------------------------------------------------------------------------
if [[ "$DEMO" -eq 1 ]]; then
    echo
    say "running the demo (churnactors demo): the demo playbook, a simulated year of shop history, then eight named customers"
    DEMO_LOG="$LOG_DIR/demo-$PORT.log"
    demo_rc=0
    # Shown as it runs (progress lines included) and kept in the demo log; it ends with the score table.
    churnactors demo --url "$BASE_URL" --write-key "$WRITE_KEY" --read-key "$READ_KEY" --admin-key "$ADMIN_KEY" 2>&1 \
        | tee "$DEMO_LOG" | sed -u 's/^/  demo: /' || demo_rc=$?
    if [[ "$demo_rc" -ne 0 ]]; then
        say "WARNING: churnactors demo failed (output above; also in ${DEMO_LOG#"$REPO_ROOT"/}); the host keeps running"
    fi
fi

tail -n 0 --pid="$HOST_PID" -F "$HOST_LOG" 2>/dev/null &
TAIL_PID=$!
host_rc=0
wait "$HOST_PID" || host_rc=$?
HOST_PID=""
say "the host exited by itself (code $host_rc)"
exit "$host_rc"
