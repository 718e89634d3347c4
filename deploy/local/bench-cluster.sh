#!/usr/bin/env bash
# Durable ingest on a local cluster: N silos on this machine, each taking 1/N of the load from its own load generator,
# and how much of the log writers' commit time goes to waiting for a lock another silo's writer holds.
#
#   deploy/local/bench-cluster.sh [--silos N] [--duration SECONDS] [--concurrency C] [--customers M] [--no-build]
#
#   --silos N         silo processes (default 3), started by cluster.sh on a scratch database
#   --duration S      seconds each load generator sends for (default 40)
#   --concurrency C   concurrent senders per load generator (default 8)
#   --customers M     customers per load generator, distinct between them (default 10000)
#   --no-build        use the Release build as it is
#
# Steps: drop and create the scratch database churnactors_cluster_bench, start the cluster with
# `cluster.sh --silos N` (its ports: HTTP 5100.., silo 11100.., gateway 30100..), run one `churnactors bench ingest`
# per silo at once, and meanwhile sample pg_stat_activity every 10 ms from one psql session: a log writer's session is
# one that ran the writer's statements (the partition locks, the COPY into events); of the samples in which it is in
# a transaction, the share waiting for a heavyweight lock (wait_event_type Lock) is the lock share of its commit time.
# Prints each generator's summary, the CPU time of the silos and of PostgreSQL and the WAL written per acknowledged
# event (PostgreSQL and WAL figures are server-wide: run it on a quiet server), the sampled wait events of the writers
# and the lock share; stops the cluster and drops the database. Logs in .local/bench-cluster/.
#
# Environment: PGHOST, PGPORT, PGUSER, PGPASSWORD (default 127.0.0.1, 5432, churnactors, churnactors); the role must
# be allowed to CREATE DATABASE.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
SILOS=3
DURATION=40
CONCURRENCY=8
CUSTOMERS=10000
BUILD=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --silos) SILOS="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --concurrency) CONCURRENCY="$2"; shift 2 ;;
        --customers) CUSTOMERS="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h | --help) sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench-cluster.sh: unknown option '$1' (see --help)" >&2; exit 1 ;;
    esac
done

log() { printf 'bench-cluster.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-churnactors}" PGPASSWORD="${PGPASSWORD:-churnactors}"
DB=churnactors_cluster_bench
RESULTS_DIR="$REPO_ROOT/.local/bench-cluster"
mkdir -p "$RESULTS_DIR"
CLI="$REPO_ROOT/src/ChurnActors.Cli/bin/Release/net10.0/churnactors.dll"
if [[ "$BUILD" == 1 ]]; then
    log "building the host and the CLI (Release)"
    dotnet build "$REPO_ROOT/src/ChurnActors.Silo/ChurnActors.Silo.csproj" -c Release -v quiet -nologo >&2 || die "build failed"
    dotnet build "$REPO_ROOT/src/ChurnActors.Cli/ChurnActors.Cli.csproj" -c Release -v quiet -nologo >&2 || die "build failed"
fi
[[ -f "$CLI" ]] || die "no Release build; run without --no-build"

export ConnectionStrings__ChurnActors="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$DB;Maximum Pool Size=20"
export CHURN_WRITE_KEY="wk_cluster_bench_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export CHURN_READ_KEY="rk_cluster_bench_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export CHURN_ADMIN_KEY="ak_cluster_bench_$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"

CLUSTER_PID=""
cleanup() {
    if [[ -n "$CLUSTER_PID" ]]; then
        "$SCRIPT_DIR/cluster.sh" --stop >/dev/null 2>&1 || true
        wait "$CLUSTER_PID" 2>/dev/null || true
    fi
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
log "starting $SILOS silos (cluster.sh; log in ${RESULTS_DIR#"$REPO_ROOT"/}/cluster.log)"
"$SCRIPT_DIR/cluster.sh" --silos "$SILOS" >"$RESULTS_DIR/cluster.log" 2>&1 &
CLUSTER_PID=$!
for _ in $(seq 1 300); do
    grep -q "cluster status" "$RESULTS_DIR/cluster.log" 2>/dev/null && break
    kill -0 "$CLUSTER_PID" 2>/dev/null || { tail -30 "$RESULTS_DIR/cluster.log" >&2; die "cluster.sh stopped"; }
    sleep 1
done
for ((i = 0; i < SILOS; i++)); do
    curl -sf "http://127.0.0.1:$((5100 + i))/health/ready" >/dev/null || die "silo $((i + 1)) is not ready"
done

cat >"$RESULTS_DIR/sample.sql" <<SQL
CREATE TEMP TABLE samples (at timestamptz, pid int, state text, wait_type text, wait_event text, query text);
DO \$\$
DECLARE stop timestamptz := clock_timestamp() + interval '$((DURATION + 3)) seconds';
BEGIN
  WHILE clock_timestamp() < stop LOOP
    PERFORM pg_stat_clear_snapshot();
    INSERT INTO samples SELECT clock_timestamp(), pid, state, wait_event_type, wait_event, left(query, 60)
      FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend';
    PERFORM pg_sleep(0.01);
  END LOOP;
END \$\$;
CREATE TEMP TABLE writer_samples AS
  SELECT * FROM samples WHERE pid IN (SELECT pid FROM samples WHERE query LIKE '%event_log_partitions%' OR query LIKE 'COPY events%');
\echo 'wait events of the log writers while in a transaction (samples):'
SELECT coalesce(wait_type, 'on CPU') AS wait_type, coalesce(wait_event, '') AS wait_event, count(*) AS samples
  FROM writer_samples WHERE state <> 'idle' GROUP BY 1, 2 ORDER BY 3 DESC;
SELECT count(DISTINCT pid) AS writers, count(DISTINCT at) AS samples,
       count(*) FILTER (WHERE state <> 'idle') AS in_transaction,
       count(*) FILTER (WHERE state <> 'idle' AND wait_type = 'Lock') AS waiting_for_a_lock,
       round(100.0 * count(*) FILTER (WHERE state <> 'idle' AND wait_type = 'Lock')
             / nullif(count(*) FILTER (WHERE state <> 'idle'), 0), 1) AS lock_share_percent
  FROM writer_samples;
SQL

# CPU time (user + system, in clock ticks) of the given processes, summed; processes gone meanwhile count 0.
cpu_ticks() {
    local total=0 pid fields
    for pid in "$@"; do
        fields="$(cut -d')' -f2- "/proc/$pid/stat" 2>/dev/null)" || continue
        total=$((total + $(echo "$fields" | awk '{ print $12 + $13 }')))
    done
    echo "$total"
}
SILO_PIDS=($(awk '{ print $2 }' "$REPO_ROOT/.local/cluster/pids"))
PG_PIDS=($(pgrep -x postgres || true))
WAL_BEFORE="$(psql -Atq -d "$DB" -c "SELECT pg_current_wal_lsn()")"
SILO_CPU_BEFORE="$(cpu_ticks "${SILO_PIDS[@]}")"
PG_CPU_BEFORE="$(cpu_ticks "${PG_PIDS[@]}")"

log "sampling the writers and sending for ${DURATION} s to each of $SILOS silos"
psql -q -d "$DB" -f "$RESULTS_DIR/sample.sql" >"$RESULTS_DIR/locks.txt" 2>&1 &
SAMPLER=$!
sleep 1
pids=()
for ((i = 0; i < SILOS; i++)); do
    dotnet "$CLI" bench ingest --url "http://127.0.0.1:$((5100 + i))" --duration "${DURATION}s" --concurrency "$CONCURRENCY" \
        --customers "$CUSTOMERS" >"$RESULTS_DIR/ingest-$((i + 1)).txt" 2>&1 &
    pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
wait "$SAMPLER" || true
PG_PIDS=($(pgrep -x postgres || true))
SILO_CPU="$(($(cpu_ticks "${SILO_PIDS[@]}") - SILO_CPU_BEFORE))"
PG_CPU="$(($(cpu_ticks "${PG_PIDS[@]}") - PG_CPU_BEFORE))"
WAL_BYTES="$(psql -Atq -d "$DB" -c "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '$WAL_BEFORE')::bigint")"

total=0
for ((i = 1; i <= SILOS; i++)); do
    echo "== load generator $i (silo-$i)"
    grep -E "^  (events|throughput|ack latency|errors)|^result" "$RESULTS_DIR/ingest-$i.txt" || true
    rate="$(sed -n 's/^  throughput *\([0-9.]*\) events\/s.*/\1/p' "$RESULTS_DIR/ingest-$i.txt")"
    total="$(awk -v a="$total" -v b="${rate:-0}" 'BEGIN { printf "%.1f", a + b }')"
done
acknowledged=0
for ((i = 1; i <= SILOS; i++)); do
    n="$(sed -n 's/^  events *\([0-9]*\) of [0-9]* acknowledged.*/\1/p' "$RESULTS_DIR/ingest-$i.txt" | head -1)"
    acknowledged=$((acknowledged + ${n:-0}))
done
echo "== all silos: $total events/s acknowledged in total; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The PostgreSQL figure counts every server process (the writers, grain state and wake-up writes, the sampler).
awk -v s="$SILO_CPU" -v p="$PG_CPU" -v n="$acknowledged" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    if (n > 0) printf "== CPU per acknowledged event (%d events, load and verification included): silos %.1f us, PostgreSQL %.1f us\n", n, s / hz * 1e6 / n, p / hz * 1e6 / n }'
awk -v w="$WAL_BYTES" -v n="$acknowledged" 'BEGIN { if (n > 0) printf "== WAL written per acknowledged event (grain state and wake-ups included): %.0f bytes\n", w / n }'
cat "$RESULTS_DIR/locks.txt"
[[ "$failed" == 0 ]] || die "a load generator failed (see ${RESULTS_DIR#"$REPO_ROOT"/}/ingest-*.txt)"
