#!/usr/bin/env bash
# Runs the `churnactors bench` suite against a local host, each part on a fresh database, and keeps every JSON
# report in .local/bench-suite/:
#   1. the engine: `bench latency` (probes the sustained maximum, then half that rate for --duration), then
#      `bench batch` over the same database: the nightly-batch recompute of the same events;
#   2. the naive design (grain state written per event): `bench latency` the same way;
#   3. `bench memory` up to --memory-customers resident customers;
#   4. `bench sweep` of --sweep-customers dormant customers.
# Parts 3 and 4 run on a host with grain state writes off (ChurnActors__WriteBehind__Enabled=false), as the
# in-process sweep benchmark does: a million Orleans ADO.NET writes would take ten minutes at ~1.5-2k/s and
# compete with what is measured; the wake-up index is still written.
#
#   deploy/local/bench-suite.sh [--duration 60s] [--memory-customers 1000000] [--sweep-customers 1000000]
#                               [--skip PART]... [--no-build]      (PART: engine, naive, memory, sweep)
#
# Environment: as pg.sh (ConnectionStrings__ChurnActors to use another server; the database named in it is left
# alone: the script creates and drops its own `churnactors_suite_*` databases).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
DURATION=60s
MEMORY_CUSTOMERS=1000000
SWEEP_CUSTOMERS=1000000
BUILD=1
SKIP=" "
PORT=5191

die() { printf 'bench-suite.sh: ERROR: %s\n' "$*" >&2; exit 1; }
say() { printf 'bench-suite.sh: %s\n' "$*" >&2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) DURATION="$2"; shift 2 ;;
        --memory-customers) MEMORY_CUSTOMERS="$2"; shift 2 ;;
        --sweep-customers) SWEEP_CUSTOMERS="$2"; shift 2 ;;
        --skip) SKIP="$SKIP$2 "; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h | --help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done

cd "$REPO_ROOT"
# shellcheck source=deploy/local/pg.sh
source "$SCRIPT_DIR/pg.sh" >&2
if [[ "$BUILD" == 1 ]]; then
    dotnet build ChurnActors.sln -c Release -v quiet -nologo >&2 || die "build failed"
fi
CLI="$REPO_ROOT/src/ChurnActors.Cli/bin/Release/net10.0/churnactors.dll"
SILO_DIR="$REPO_ROOT/src/ChurnActors.Silo/bin/Release/net10.0"
ADMIN_CS="$ConnectionStrings__ChurnActors"
KEY="wk_suite_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
READ_KEY="rk_suite_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" # bench latency's probe reads customers
# The bench commands read the host's admin API (metrics, memory, wake-ups), which takes only admin keys.
export CHURN_ADMIN_KEY="ak_bench_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
URL="http://127.0.0.1:$PORT"
HOST_PID=""
SUITE_DB=""
SUITE_CS=""
OUT="$REPO_ROOT/.local/bench-suite"
mkdir -p "$OUT"

cs_value() { printf '%s' "$ADMIN_CS" | tr ';' '\n' | sed -n "s/^[[:space:]]*$1=//Ip" | head -n 1; }
psql_admin() {
    PGPASSWORD="$(cs_value Password)" psql -X -q -v ON_ERROR_STOP=1 -h "$(cs_value Host)" -p "$(cs_value Port | grep . || echo 5432)" \
        -U "$(cs_value Username)" -d "$(cs_value Database)" "$@"
}

stop_host() {
    if [[ -n "$HOST_PID" ]] && kill -0 "$HOST_PID" 2>/dev/null; then
        kill "$HOST_PID" 2>/dev/null || true
        wait "$HOST_PID" 2>/dev/null || true
    fi
    HOST_PID=""
}
trap stop_host EXIT

drop_database() { # $1 = name; autovacuum may still hold a just-used database for a moment
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        psql_admin -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" 2>/dev/null && return 0
        sleep 1
    done
    say "WARNING: could not drop database $1"
}

start_host() { # $1 = label, rest = extra environment assignments
    local label="$1"; shift
    stop_host
    SUITE_DB="churnactors_suite_${label//-/_}"
    SUITE_CS="$(printf '%s' "$ADMIN_CS" | sed -E "s/Database=[^;]*/Database=$SUITE_DB/")"
    drop_database "$SUITE_DB"
    psql_admin -c "CREATE DATABASE $SUITE_DB"
    dotnet "$CLI" db migrate --connection "$SUITE_CS" >&2
    (cd "$SILO_DIR" && exec env ConnectionStrings__ChurnActors="$SUITE_CS" CHURN_WRITE_KEY="$KEY" CHURN_READ_KEY="$READ_KEY" \
        ChurnActors__Admin__BenchmarkEndpoints=true "$@" \
        dotnet ChurnActors.Silo.dll --urls "$URL") > "$OUT/host-$label.log" 2>&1 &
    HOST_PID=$!
    for _ in $(seq 1 120); do
        curl -sf "$URL/health" >/dev/null && return 0
        kill -0 "$HOST_PID" 2>/dev/null || die "host exited; see $OUT/host-$label.log"
        sleep 0.5
    done
    die "host did not answer /health; see $OUT/host-$label.log"
}

finish() { stop_host; drop_database "$SUITE_DB"; }

bench() { # $1 = output file, rest = command and options
    local out="$1"; shift
    # The load generator without tiered compilation: it compiles once at start rather than during the measured
    # phase, on the cores the host and PostgreSQL use (5.3 -> 2.7 µs of CPU per event; docs/benchmarks.md).
    DOTNET_TieredCompilation=0 dotnet "$CLI" "$@" --json > "$out" || die "churnactors $1 $2 failed: $(cat "$out")"
    say "$(basename "$out"): $(cat "$out")"
}

skipped() { [[ "$SKIP" == *" $1 "* ]]; }

printf 'machine: %s cores, %s; %s\n' "$(nproc)" "$(free -g | awk '/^Mem:/ {print $2 " GiB"}')" "$(date -u +%Y-%m-%dT%H:%MZ)" > "$OUT/machine.txt"

if ! skipped engine; then
    say "engine: latency at half the sustained maximum, then the nightly batch over the same events"
    start_host engine
    bench "$OUT/engine-latency.json" bench latency --url "$URL" --write-key "$KEY" --read-key "$READ_KEY" --duration "$DURATION"
    stop_host
    bench "$OUT/engine-batch.json" bench batch --connection "$SUITE_CS"
    finish
fi

if ! skipped naive; then
    say "naive design: latency at half its sustained maximum"
    start_host naive ChurnActors__WriteBehind__WritePerEvent=true
    bench "$OUT/naive-latency.json" bench latency --url "$URL" --write-key "$KEY" --read-key "$READ_KEY" --duration "$DURATION"
    finish
fi

if ! skipped memory; then
    say "memory: up to $MEMORY_CUSTOMERS resident customers"
    start_host memory ChurnActors__WriteBehind__Enabled=false
    bench "$OUT/memory.json" bench memory --url "$URL" --write-key "$KEY" --customers "$MEMORY_CUSTOMERS"
    finish
fi

if ! skipped sweep; then
    say "sweep: $SWEEP_CUSTOMERS dormant customers"
    start_host sweep ChurnActors__WriteBehind__Enabled=false
    bench "$OUT/sweep.json" bench sweep --url "$URL" --write-key "$KEY" --customers "$SWEEP_CUSTOMERS"
    finish
fi

say "reports: $OUT ($(cat "$OUT/machine.txt"))"
