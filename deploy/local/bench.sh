#!/usr/bin/env bash
# Measures durable ingest end to end (HTTP batch -> event log -> grain) with `churnactors bench ingest`,
# for the engine's design (grain state written behind) and, in the same run, the naive design
# (grain state written on every event), each on a fresh database. Prints a Markdown table.
#
#   deploy/local/bench.sh [--events N] [--customers M] [--batch B] [--concurrency C] [--naive-events N] [--warmup N]
#                         [--cold-half] [--no-commit-floor] [--no-huge-pages] [--no-writeback-limit]
#
# For each design: start the host (Release build) on a fresh database, send a warm-up (--warmup events to the engine,
# 200,000 by default, so the runtime's tiered compilation has settled; 20,000 to the naive design, whose grains
# apply under 2,000 events/s), run the load at its
# sustained maximum (closed loop), let the host write the state that run left pending (write-behind), then run
# at half that rate (open loop, --rate) with small batches for the acknowledgement latency, 60 s for the engine (its
# own customers' write-behind falls inside them) and 20 s for the naive design, and check every acknowledged event
# reached its grain. The half-rate run first sends each of its customers one event, unmeasured, so it measures a
# steady load on active customers; --cold-half measures instead from the first event (its 10,000 new customers
# then all activate in its first second). The naive design is far slower,
# so it gets fewer events (--naive-events) to keep the run short.
# Last, with no host running, `pgbench` measures the box's own commit latency at the engine's half-rate run's volume
# (one client committing 50-row inserts, as many rows per second as that run sent events, for as long): the floor
# under any acknowledgement latency, since a 200 waits for the commit. Beside its percentiles it prints the latency
# target that follows (the engine's half-rate p99 <= this p99 + 10 ms), whether the engine's run met it, and the share
# of the run in which a request arriving would have waited over 20 ms for a commit. --no-commit-floor skips it.
# The sustained run uses 32 concurrent senders by default (--concurrency): enough to keep the log writer's queue full.
# Huge pages: on the local cluster pg.sh manages, run as root, the script reserves huge pages for PostgreSQL's shared
# memory (vm.nr_hugepages) and restarts the cluster on them, as a production server would be set up; the log writer's
# session then takes no page fault for each shared buffer it touches first. vm.nr_hugepages gets its original value
# back on exit (the running server keeps its pages until its next restart). --no-huge-pages leaves it alone.
# Writeback: on the same terms the script sets vm.dirty_background_bytes to 32 MB for the run (put back on exit), so
# the kernel writes dirty file pages back as they come rather than in bursts of hundreds of megabytes every 30 s,
# which stall PostgreSQL's WAL flush, and with it every acknowledgement, for 100-600 ms (docs/operations.md).
# --no-writeback-limit leaves it alone.
# Environment: as pg.sh (ConnectionStrings__ChurnActors to use another server; the database named in it is
# left alone: the benchmark creates and drops its own `churnactors_bench_*` databases).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
EVENTS=1000000
NAIVE_EVENTS=60000
WARMUP=200000
NAIVE_WARMUP=20000
CUSTOMERS=10000
BATCH=500
CONCURRENCY=32
PORT=5190
HALF_WARM=--warm-customers
COMMIT_FLOOR=1
HUGE_PAGES=1
WRITEBACK_LIMIT=1
WRITEBACK_BYTES=$((32 * 1024 * 1024))

die() { printf 'bench.sh: ERROR: %s\n' "$*" >&2; exit 1; }
say() { printf 'bench.sh: %s\n' "$*" >&2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --events) EVENTS="$2"; shift 2 ;;
        --naive-events) NAIVE_EVENTS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --customers) CUSTOMERS="$2"; shift 2 ;;
        --batch) BATCH="$2"; shift 2 ;;
        --concurrency) CONCURRENCY="$2"; shift 2 ;;
        --cold-half) HALF_WARM=""; shift ;;
        --no-commit-floor) COMMIT_FLOOR=0; shift ;;
        --no-huge-pages) HUGE_PAGES=0; shift ;;
        --no-writeback-limit) WRITEBACK_LIMIT=0; shift ;;
        -h | --help) sed -n '2,34p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done

cd "$REPO_ROOT"
LOCAL_CLUSTER=1
[[ -z "${ConnectionStrings__ChurnActors:-}" ]] || LOCAL_CLUSTER=0
# shellcheck source=deploy/local/pg.sh
source "$SCRIPT_DIR/pg.sh" >&2
dotnet build ChurnActors.sln -c Release -v quiet -nologo >&2 || die "build failed"
CLI="$REPO_ROOT/src/ChurnActors.Cli/bin/Release/net10.0/churnactors.dll"
SILO_DIR="$REPO_ROOT/src/ChurnActors.Silo/bin/Release/net10.0"
ADMIN_CS="$ConnectionStrings__ChurnActors"
KEY="wk_bench_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
READ_KEY="rk_bench_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" # bench ingest verifies by reading customers
HOST_PID=""
BENCH_DB=""
BENCH_CS=""
RESULTS_DIR="$REPO_ROOT/.local/bench"
mkdir -p "$RESULTS_DIR"

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
HUGE_PAGES_BEFORE=""
HUGE_PAGES_NOTE="PostgreSQL's shared memory on huge pages: no"
restore_huge_pages() {
    if [[ -n "$HUGE_PAGES_BEFORE" ]]; then
        echo "$HUGE_PAGES_BEFORE" > /proc/sys/vm/nr_hugepages || say "WARNING: could not put vm.nr_hugepages back to $HUGE_PAGES_BEFORE"
        say "huge pages: vm.nr_hugepages back to $HUGE_PAGES_BEFORE (PostgreSQL keeps its pages until its next restart)"
        HUGE_PAGES_BEFORE=""
    fi
}
WRITEBACK_BEFORE="" # "dirty_background_ratio N" or "dirty_background_bytes N": the setting to put back
WRITEBACK_NOTE="kernel writeback limit: no"
restore_writeback() {
    if [[ -n "$WRITEBACK_BEFORE" ]]; then
        # The kernel keeps one of the two: writing either back clears the other.
        local name="${WRITEBACK_BEFORE% *}" value="${WRITEBACK_BEFORE#* }"
        echo "$value" > "/proc/sys/vm/$name" || say "WARNING: could not put vm.$name back to $value"
        say "writeback: vm.$name back to $value"
        WRITEBACK_BEFORE=""
    fi
}
on_exit() { stop_host; restore_huge_pages; restore_writeback; }
trap on_exit EXIT

meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
postmaster_hugetlb_kb() { # $1 = data directory; the postmaster's shared memory on huge pages, in kB
    local pid
    pid="$(head -n 1 "$1/postmaster.pid" 2>/dev/null)" || { echo 0; return 0; }
    awk '/^(Shared|Private)_Hugetlb:/ { kb += $2 } END { print kb + 0 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0
}

# Whether the script may change a kernel setting for the run: only when asked (not --no-...), on the local cluster
# pg.sh manages, and as root. $1 = what (for the messages), $2 = 1 unless its option said no, $3 = that option,
# $4 = the /proc/sys file it writes. Says why not when it may not.
may_tune_box() {
    if [[ "$2" != 1 ]]; then say "$1: left alone ($3)"; return 1; fi
    if [[ "$LOCAL_CLUSTER" != 1 ]]; then
        say "$1: ConnectionStrings__ChurnActors names a server this script does not manage; left alone"; return 1
    fi
    if [[ "$(id -u)" -ne 0 || ! -w "$4" ]]; then say "$1: writing $4 needs root; measuring without"; return 1; fi
}

# Reserves huge pages for the local cluster's shared memory and restarts it on them (see the header).
huge_pages_setup() {
    may_tune_box "huge pages" "$HUGE_PAGES" --no-huge-pages /proc/sys/vm/nr_hugepages || return 0
    if ! command -v pg_lsclusters >/dev/null; then say "huge pages: restarting the cluster needs pg_lsclusters; measuring without"; return 0; fi
    local setting need port ver name datadir taken target
    setting="$(psql_admin -Atc "SHOW huge_pages")"
    if [[ "$setting" == off ]]; then say "huge pages: the server has huge_pages = off; left alone"; return 0; fi
    need="$(psql_admin -Atc "SHOW shared_memory_size_in_huge_pages" 2>/dev/null || true)"
    if ! [[ "$need" =~ ^[0-9]+$ && "$need" -gt 0 ]]; then
        say "huge pages: the server does not report its size in huge pages (PostgreSQL 15 and later do); measuring without"
        return 0
    fi
    port="$(cs_value Port | grep . || echo 5432)"
    read -r ver name datadir < <(pg_lsclusters --no-header | awk -v p="$port" '$3 == p { print $1, $2, $6 }') || true
    if [[ -z "${datadir:-}" ]]; then say "huge pages: no local cluster on port $port; measuring without"; return 0; fi
    if [[ "$(postmaster_hugetlb_kb "$datadir")" -gt 0 ]]; then
        HUGE_PAGES_NOTE="PostgreSQL's shared memory on huge pages: yes (already)"
        say "huge pages: cluster $ver/$name already runs on huge pages"; return 0
    fi
    taken=$(( $(meminfo HugePages_Total) - $(meminfo HugePages_Free) + $(meminfo HugePages_Rsvd) ))
    target=$(( need + taken ))
    if [[ "$(cat /proc/sys/vm/nr_hugepages)" -lt "$target" ]]; then
        HUGE_PAGES_BEFORE="$(cat /proc/sys/vm/nr_hugepages)"
        echo "$target" > /proc/sys/vm/nr_hugepages || true
        if [[ "$(cat /proc/sys/vm/nr_hugepages)" -lt "$target" ]]; then
            say "huge pages: the kernel reserved only $(cat /proc/sys/vm/nr_hugepages) of $target (memory too fragmented); measuring without"
            restore_huge_pages
            return 0
        fi
    fi
    say "huge pages: restarting cluster $ver/$name on $need huge pages ($setting; vm.nr_hugepages ${HUGE_PAGES_BEFORE:-unchanged} -> $target)"
    pg_ctlcluster "$ver" "$name" restart || die "could not restart cluster $ver/$name"
    for _ in $(seq 1 60); do psql_admin -c "SELECT 1" >/dev/null 2>&1 && break; sleep 0.5; done
    if [[ "$(postmaster_hugetlb_kb "$datadir")" -gt 0 ]]; then
        HUGE_PAGES_NOTE="PostgreSQL's shared memory on huge pages: yes ($need pages)"
    else
        say "huge pages: the server did not take them; measuring without"
        restore_huge_pages
    fi
}

# Starts background writeback at 32 MB of dirty pages for the run (see the header).
writeback_setup() {
    may_tune_box writeback "$WRITEBACK_LIMIT" --no-writeback-limit /proc/sys/vm/dirty_background_bytes || return 0
    local current
    current="$(cat /proc/sys/vm/dirty_background_bytes)"
    if [[ "$current" -gt 0 && "$current" -le "$WRITEBACK_BYTES" ]]; then
        WRITEBACK_NOTE="kernel writeback limit: yes (vm.dirty_background_bytes already $current)"
        say "writeback: vm.dirty_background_bytes is already $current"; return 0
    fi
    if [[ "$current" -eq 0 ]]; then
        WRITEBACK_BEFORE="dirty_background_ratio $(cat /proc/sys/vm/dirty_background_ratio)"
    else
        WRITEBACK_BEFORE="dirty_background_bytes $current"
    fi
    echo "$WRITEBACK_BYTES" > /proc/sys/vm/dirty_background_bytes || { say "writeback: could not set vm.dirty_background_bytes; measuring without"; return 0; }
    WRITEBACK_NOTE="kernel writeback limit: yes (vm.dirty_background_bytes $WRITEBACK_BYTES)"
    say "writeback: vm.dirty_background_bytes $current -> $WRITEBACK_BYTES for the run"
}

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
    BENCH_DB="churnactors_bench_${label//-/_}"
    BENCH_CS="$(printf '%s' "$ADMIN_CS" | sed -E "s/Database=[^;]*/Database=$BENCH_DB/")"
    drop_database "$BENCH_DB"
    psql_admin -c "CREATE DATABASE $BENCH_DB"
    dotnet "$CLI" db migrate --connection "$BENCH_CS" >&2
    (cd "$SILO_DIR" && exec env ConnectionStrings__ChurnActors="$BENCH_CS" CHURN_WRITE_KEY="$KEY" CHURN_READ_KEY="$READ_KEY" \
        ChurnActors__Admin__BenchmarkEndpoints=true "$@" \
        dotnet ChurnActors.Silo.dll --urls "http://127.0.0.1:$PORT") > "$RESULTS_DIR/host-$label.log" 2>&1 &
    HOST_PID=$!
    for _ in $(seq 1 120); do
        curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && return 0
        kill -0 "$HOST_PID" 2>/dev/null || die "host exited; see $RESULTS_DIR/host-$label.log"
        sleep 0.5
    done
    die "host did not answer /health; see $RESULTS_DIR/host-$label.log"
}

bench() { # $1 = output file, rest = bench options
    local out="$1"; shift
    # The load generator shares the two cores with the host and PostgreSQL. Without tiered compilation it compiles
    # its code once, fully optimized, at start, instead of recompiling its hot path during the measured phase (5.3 ->
    # 2.7 µs of CPU per event); with its thread pool's spinning off, its idle threads sleep instead of spinning on the
    # cores the host and the database need (21-32% -> 15-22% of a core at 25,000 events/s; docs/benchmarks.md).
    DOTNET_TieredCompilation=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 dotnet "$CLI" bench ingest \
        --url "http://127.0.0.1:$PORT" --write-key "$KEY" --read-key "$READ_KEY" --json --verify-timeout 300 "$@" > "$out" \
        || die "bench ingest failed: $(cat "$out")"
}

wait_settled() { # until /health reports no customer with unpersisted events (at most 5 minutes)
    local pending
    for _ in $(seq 1 600); do
        pending="$(curl -sf "http://127.0.0.1:$PORT/health" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("pendingCustomers", 0))' || echo '?')"
        [[ "$pending" == 0 ]] && return 0
        sleep 0.5
    done
    die "the host still had $pending customers with unpersisted state after 5 minutes"
}

json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

HALF_RATE="" # the half rate (events/s) of the last design run_design measured
HALF_P99="" # and its acknowledgement p99 (ms) at that rate
run_design() { # $1 = file label, $2 = display name, $3 = events, $4 = warm-up events, $5 = half-rate seconds, rest = host environment
    local label="$1" name="$2" events="$3" warmup="$4" half_seconds="$5"; shift 5
    say "$label: starting a host on a fresh database"
    start_host "$label" "$@"
    say "$label: warm-up, $warmup events"
    bench "$RESULTS_DIR/$label-warmup.json" --events "$warmup" --customers 2000 --batch "$BATCH" --concurrency "$CONCURRENCY"
    say "$label: sustained, $events events over $CUSTOMERS customers"
    bench "$RESULTS_DIR/$label-max.json" --events "$events" --customers "$CUSTOMERS" --batch "$BATCH" --concurrency "$CONCURRENCY"
    local max half
    max="$(json "$RESULTS_DIR/$label-max.json" "round(d['eventsPerSecond'])")"
    half=$((max / 2))
    HALF_RATE="$half"
    say "$label: $max events/s; waiting for the host to write the state that run left pending"
    wait_settled
    say "$label: now at half that rate ($half events/s) for $half_seconds s, for the latency"
    bench "$RESULTS_DIR/$label-half.json" --events $((half * half_seconds)) --customers "$CUSTOMERS" --batch 50 --concurrency 64 --rate "$half" $HALF_WARM \
        --latency-log "$RESULTS_DIR/$label-half-latency.csv"
    HALF_P99="$(json "$RESULTS_DIR/$label-half.json" "d['ackLatencyMs']['p99']")"
    stop_host
    drop_database "$BENCH_DB"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" \
        "$(json "$RESULTS_DIR/$label-max.json" "round(d['eventsPerSecond'])")" \
        "$(json "$RESULTS_DIR/$label-max.json" "round(d['appliedEventsPerSecond'])")" \
        "$(json "$RESULTS_DIR/$label-max.json" "d['ackLatencyMs']['p50']")" \
        "$(json "$RESULTS_DIR/$label-max.json" "d['ackLatencyMs']['p99']")" \
        "$half" \
        "$(json "$RESULTS_DIR/$label-half.json" "d['ackLatencyMs']['p50']")" \
        "$(json "$RESULTS_DIR/$label-half.json" "d['ackLatencyMs']['p99']")"
}

huge_pages_setup
writeback_setup
printf '| design | acknowledged events/s | applied to grains events/s | ack p50 ms | ack p99 ms | half rate events/s | ack p50 ms at half rate | ack p99 ms at half rate |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- |\n'
run_design write-behind "write-behind (the engine)" "$EVENTS" "$WARMUP" 60
ENGINE_HALF_RATE="$HALF_RATE"
ENGINE_HALF_P99="$HALF_P99"
run_design naive "naive: state written per event" "$NAIVE_EVENTS" "$NAIVE_WARMUP" 20 ChurnActors__WriteBehind__WritePerEvent=true

stalled_share() { # $1 = directory of pgbench logs, $2 = awk expression of a transaction's latency in microseconds
    cat "$1"/pgbench_log.* | awk '{ end = $5 + $6 / 1e6; lat = ('"$2"') / 1e6
            if (lat > 0.020) printf "%.6f %.6f\n", end - lat, end - 0.020
            if (NR == 1 || end - lat < first) first = end - lat; if (end > last) last = end
        } END { printf "span %.6f 0\n", last - first }' | sort -k1,1g | awk '
        $1 == "span" { span = $2; next }
        { if (n++ == 0 || $1 > e) { if (n > 1) total += e - s; s = $1; e = $2 } else if ($2 > e) e = $2 }
        END { if (n > 0) total += e - s; printf "%.2f", (span > 0 ? 100 * total / span : 0) }'
}

commit_floor() { # the box's commit latency without ChurnActors, at the half-rate run's volume (see the header)
    local pgbench db="churnactors_bench_commit" dir tps seconds=60
    pgbench="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -n 1 || true)"
    if [[ -z "$pgbench" ]]; then
        say "commit floor: pgbench not found (it comes with the PostgreSQL server package); skipped"
        return 0
    fi
    tps=$(( (ENGINE_HALF_RATE + 49) / 50 ))
    say "commit floor: pgbench alone for $seconds s, 50-row inserts at $tps/s ($((tps * 50)) rows/s)"
    drop_database "$db"
    psql_admin -c "CREATE DATABASE $db"
    dir="$(mktemp -d)"
    printf '%s\n' "INSERT INTO commit_floor (k, v) SELECT gen_random_uuid(), repeat('x', 300) FROM generate_series(1, 50);" \
        > "$dir/commit.sql"
    (cd "$dir" && PGPASSWORD="$(cs_value Password)" psql -X -q -v ON_ERROR_STOP=1 -h "$(cs_value Host)" \
        -p "$(cs_value Port | grep . || echo 5432)" -U "$(cs_value Username)" -d "$db" \
        -c "CREATE TABLE commit_floor (id bigserial PRIMARY KEY, k uuid, v text)" &&
        PGPASSWORD="$(cs_value Password)" "$pgbench" -n -h "$(cs_value Host)" -p "$(cs_value Port | grep . || echo 5432)" \
        -U "$(cs_value Username)" -f commit.sql -R "$tps" -T "$seconds" -c 1 -j 1 -l "$db" >/dev/null 2>&1) \
        || { say "commit floor: pgbench failed; skipped"; rm -rf "$dir"; drop_database "$db"; return 0; }
    # pgbench's transaction log: column 3 is the latency in microseconds (schedule lag included with -R), columns 5
    # and 6 the end time (seconds, microseconds), column 7 the schedule lag. A request arriving in the first L - 20 ms
    # of a commit that takes L > 20 ms waits over 20 ms for it: the union of those spans, as a share of the run, once
    # for the commits' own time (their stalls: a lower bound) and once with their lag (the commits queued behind a
    # stall, as pgbench's one client sees them; an engine that groups them commits its queue faster).
    local own queued
    own="$(stalled_share "$dir" '($3 - $7)')"
    queued="$(stalled_share "$dir" '$3')"
    # The latency target of the design document: the engine's half-rate p99 <= this p99 + 10 ms.
    cat "$dir"/pgbench_log.* | awk '{print $3 / 1000}' | sort -n | awk -v tps="$tps" -v secs="$seconds" -v own="$own" -v queued="$queued" \
        -v engine="$ENGINE_HALF_P99" '
        { v[NR] = $1; if ($1 > 50) slow++ }
        END { printf "box commit latency (pgbench alone, 1 client, 50-row inserts at %d/s = the half-rate run'"'"'s events/s, %d s): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, %d of %d over 50 ms; a request arriving would have waited over 20 ms for a commit in %s%% of the run (%s%% with the commits queued behind the stalls)\n",
              tps, secs, v[int(NR * 0.5)], v[int(NR * 0.99)], v[int(NR * 0.999)], v[NR], slow, NR, own, queued
              target = v[int(NR * 0.99)] + 10
              printf "latency target: the engine'"'"'s half-rate p99 <= %.1f ms (the box'"'"'s commit p99 + 10 ms)", target
              if (engine != "") printf "; the engine'"'"'s: %s ms, %s", engine, (engine + 0 <= target ? "met" : "not met")
              printf "\n" }'
    rm -rf "$dir"
    drop_database "$db"
}

half_rate_tail() { # $1 = label, $2 = name: how the half-rate run's slow requests fall over its seconds
    local log="$RESULTS_DIR/$1-half-latency.csv"
    [[ -s "$log" ]] || return 0
    awk -F, -v name="$2" 'NR > 1 {
            n++; s = int($2); if ($3 > 20) { slow++; sec[s]++ } if ($3 > 100) worse++
        }
        END {
            if (n == 0) exit
            for (k in sec) { seconds++; if (sec[k] > most) { most = sec[k]; at = k } }
            printf "%s, half rate: %d of %d requests over 20 ms (%.1f%%), %d over 100 ms; the slow ones fall in %d of the run'"'"'s seconds, most (%d) in second %d\n",
                name, slow, n, 100 * slow / n, worse, seconds, most, at
        }' "$log"
}
half_rate_tail write-behind "write-behind (the engine)"
printf 'settings: sustained run with %s concurrent senders of %s events; %s; %s\n' "$CONCURRENCY" "$BATCH" "$HUGE_PAGES_NOTE" "$WRITEBACK_NOTE"
if [[ "$COMMIT_FLOOR" == 1 ]]; then
    commit_floor
fi
say "raw results: $RESULTS_DIR"
