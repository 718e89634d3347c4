#!/usr/bin/env bash
# Measures what active retention playbooks cost durable ingest: `churnactors bench ingest` with and without
# `--playbooks N`, on the same data and settings, alternating, each run on a fresh database. Prints a Markdown table
# of every run and the medians.
#
#   deploy/local/bench-playbooks.sh [--runs R] [--playbooks N] [--entry-category NAME] [--events N] [--customers M] [--warmup N]
#                                   [--batch B] [--concurrency C] [--port P] [--receiver-port P] [--no-build]
#                                   [--host-setting KEY=VALUE]...
#
# Defaults: 3 runs of each, 3 playbooks, the sustained run of bench.sh (1,000,000 events over 10,000 customers, 32
# senders of 500 events, after a warm-up of 200,000 events over 2,000 other customers). Both hosts score with
# deploy/local/bench-model.json, a benchmark model whose risk rises with a customer's product views: each customer
# enters medium after about 15 views and high after about 31, so with 100 events a customer every customer changes
# band twice during the sustained run. Both hosts have the webhook endpoint `bench` (pointing at the receiver that
# `bench ingest --playbooks` serves on --receiver-port) and quiet hours off, so the figure does not depend on the hour
# of the run. --host-setting adds a setting to both hosts' environment (e.g. ChurnActors__Retention__Delivery__RunServer=false
# to see what delivery costs). The run with playbooks applies them before its warm-up (`bench ingest --playbooks`): the
# win-back (into high from low or medium), the nudge (into medium from low) and the VIP call (into high with at least
# two orders), each with a first step due at once, delivered as a webhook, and a later one. It reports the episodes
# opened and webhooks received during the sustained run. --entry-category NAME makes the playbooks admit only customers
# whose top category is NAME (e.g. Toys: a few percent of the customers), for a run where a share of the customers enter.
# Unlike bench.sh it leaves the machine's settings alone (no huge pages, no writeback limit): run the two designs here
# against each other, not against bench.sh's figures.
# Environment: as pg.sh (ConnectionStrings__ChurnActors to use another server; the database named in it is left
# alone: the script creates and drops its own `churnactors_benchpb_*` databases). JSON reports and host logs go to
# .local/bench-playbooks/.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
RUNS=3
PLAYBOOKS=3
ENTRY_CATEGORY=""
EVENTS=1000000
CUSTOMERS=10000
WARMUP=200000
BATCH=500
CONCURRENCY=32
PORT=5193
RECEIVER_PORT=5199
BUILD=1
HOST_SETTINGS=()

die() { printf 'bench-playbooks.sh: ERROR: %s\n' "$*" >&2; exit 1; }
say() { printf 'bench-playbooks.sh: %s\n' "$*" >&2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --playbooks) PLAYBOOKS="$2"; shift 2 ;;
        --entry-category) ENTRY_CATEGORY="$2"; shift 2 ;;
        --events) EVENTS="$2"; shift 2 ;;
        --customers) CUSTOMERS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --batch) BATCH="$2"; shift 2 ;;
        --concurrency) CONCURRENCY="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        --receiver-port) RECEIVER_PORT="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --host-setting) HOST_SETTINGS+=("$2"); shift 2 ;;
        -h | --help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
[[ "$PLAYBOOKS" =~ ^[1-3]$ ]] || die "--playbooks must be 1, 2 or 3"

cd "$REPO_ROOT"
# shellcheck source=deploy/local/pg.sh
source "$SCRIPT_DIR/pg.sh" >&2
if [[ "$BUILD" == 1 ]]; then
    dotnet build src/ChurnActors.Silo/ChurnActors.Silo.csproj -c Release -v quiet -nologo >&2 || die "build failed"
    dotnet build src/ChurnActors.Cli/ChurnActors.Cli.csproj -c Release -v quiet -nologo >&2 || die "build failed"
fi
CLI="$REPO_ROOT/src/ChurnActors.Cli/bin/Release/net10.0/churnactors.dll"
SILO_DIR="$REPO_ROOT/src/ChurnActors.Silo/bin/Release/net10.0"
MODEL="$REPO_ROOT/deploy/local/bench-model.json"
ADMIN_CS="$ConnectionStrings__ChurnActors"
random_hex() { od -An -N8 -tx1 /dev/urandom | tr -d ' \n'; }
KEY="wk_bench_$(random_hex)"
READ_KEY="rk_bench_$(random_hex)"
ADMIN_KEY="ak_bench_$(random_hex)"
SECRET="$(random_hex)$(random_hex)"
HOST_PID=""
BENCH_DB=""
RESULTS_DIR="$REPO_ROOT/.local/bench-playbooks"
mkdir -p "$RESULTS_DIR"

cs_value() { printf '%s' "$ADMIN_CS" | tr ';' '\n' | sed -n "s/^[[:space:]]*$1=//Ip" | head -n 1; }
psql_admin() {
    PGPASSWORD="$(cs_value Password)" psql -X -q -v ON_ERROR_STOP=1 -h "$(cs_value Host)" -p "$(cs_value Port | grep . || echo 5432)" \
        -U "$(cs_value Username)" -d "$(cs_value Database)" "$@"
}
drop_database() { # $1 = name; autovacuum may still hold a just-used database for a moment
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        psql_admin -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" 2>/dev/null && return 0
        sleep 1
    done
    say "WARNING: could not drop database $1"
}
stop_host() {
    if [[ -n "$HOST_PID" ]] && kill -0 "$HOST_PID" 2>/dev/null; then
        kill "$HOST_PID" 2>/dev/null || true
        wait "$HOST_PID" 2>/dev/null || true
    fi
    HOST_PID=""
    if [[ -n "$BENCH_DB" ]]; then drop_database "$BENCH_DB"; BENCH_DB=""; fi
}
trap stop_host EXIT

start_host() { # $1 = label
    local label="$1" cs
    BENCH_DB="churnactors_benchpb_${label//-/_}"
    cs="$(printf '%s' "$ADMIN_CS" | sed -E "s/Database=[^;]*/Database=$BENCH_DB/")"
    drop_database "$BENCH_DB"
    psql_admin -c "CREATE DATABASE $BENCH_DB"
    dotnet "$CLI" db migrate --connection "$cs" >&2
    (cd "$SILO_DIR" && exec env ConnectionStrings__ChurnActors="$cs" CHURN_WRITE_KEY="$KEY" CHURN_READ_KEY="$READ_KEY" \
        CHURN_ADMIN_KEY="$ADMIN_KEY" ChurnActors__Scoring__ModelFile="$MODEL" \
        ChurnActors__Retention__Endpoints__bench__Url="http://127.0.0.1:$RECEIVER_PORT/hooks" \
        ChurnActors__Retention__Endpoints__bench__Secret="$SECRET" \
        ChurnActors__Retention__Policy__QuietHoursStart=00:00 ChurnActors__Retention__Policy__QuietHoursEnd=00:00 \
        "${HOST_SETTINGS[@]}" dotnet ChurnActors.Silo.dll --urls "http://127.0.0.1:$PORT") > "$RESULTS_DIR/host-$label.log" 2>&1 &
    HOST_PID=$!
    for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && return 0
        kill -0 "$HOST_PID" 2>/dev/null || die "host exited; see $RESULTS_DIR/host-$label.log"
        sleep 0.5
    done
    die "host did not answer /health; see $RESULTS_DIR/host-$label.log"
}

bench() { # $1 = output file, rest = bench options (the load generator as bench.sh runs it)
    local out="$1"; shift
    DOTNET_TieredCompilation=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 dotnet "$CLI" bench ingest \
        --url "http://127.0.0.1:$PORT" --write-key "$KEY" --read-key "$READ_KEY" --admin-key "$ADMIN_KEY" \
        --receiver-port "$RECEIVER_PORT" --json --verify-timeout 300 "$@" > "$out" || die "bench ingest failed: $(cat "$out")"
}

json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

run_one() { # $1 = label, $2 = playbooks (0 for none)
    local label="$1" playbooks="$2" options=()
    [[ "$playbooks" == 0 ]] || options=(--playbooks "$playbooks")
    [[ "$playbooks" == 0 || -z "$ENTRY_CATEGORY" ]] || options+=(--entry-category "$ENTRY_CATEGORY")
    say "$label: fresh database and host; warm-up, $WARMUP events"
    start_host "$label"
    bench "$RESULTS_DIR/$label-warmup.json" --events "$WARMUP" --customers 2000 --batch "$BATCH" --concurrency "$CONCURRENCY" "${options[@]}"
    say "$label: sustained, $EVENTS events over $CUSTOMERS customers"
    bench "$RESULTS_DIR/$label.json" --events "$EVENTS" --customers "$CUSTOMERS" --batch "$BATCH" --concurrency "$CONCURRENCY" "${options[@]}"
    stop_host
    local f="$RESULTS_DIR/$label.json"
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$playbooks" \
        "$(json "$f" "round(d['eventsPerSecond'])")" "$(json "$f" "round(d['appliedEventsPerSecond'])")" \
        "$(json "$f" "d['ackLatencyMs']['p99']")" \
        "$(json "$f" "d.get('retention', {}).get('episodesOpened', '-')")" "$(json "$f" "d.get('retention', {}).get('webhooksReceived', '-')")" \
        | tee -a "$RESULTS_DIR/runs.md"
}

: > "$RESULTS_DIR/runs.md"
printf '| run | playbooks | acknowledged events/s | applied events/s | ack p99 ms | episodes opened | webhooks received |\n'
printf '| --- | --- | --- | --- | --- | --- | --- |\n'
for run in $(seq 1 "$RUNS"); do
    # Alternating, so that a drift of the machine's load falls on both designs alike.
    if (( run % 2 == 1 )); then
        run_one "none-$run" 0
        run_one "playbooks-$run" "$PLAYBOOKS"
    else
        run_one "playbooks-$run" "$PLAYBOOKS"
        run_one "none-$run" 0
    fi
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
none_median="$(grep -E '^\| none-' "$RESULTS_DIR/runs.md" | awk -F'|' '{ print $4 + 0 }' | median)"
with_median="$(grep -E '^\| playbooks-' "$RESULTS_DIR/runs.md" | awk -F'|' '{ print $4 + 0 }' | median)"
episodes_median="$(grep -E '^\| playbooks-' "$RESULTS_DIR/runs.md" | awk -F'|' '{ print $7 + 0 }' | median)"
printf '\nmedian acknowledged events/s: %s without playbooks, %s with %s (%s%%); median episodes opened in a run: %s\n' \
    "$none_median" "$with_median" "$PLAYBOOKS" \
    "$(awk -v a="$none_median" -v b="$with_median" 'BEGIN { printf "%+.1f", (a > 0 ? 100 * (b - a) / a : 0) }')" "$episodes_median"
say "raw results: $RESULTS_DIR"
