#!/usr/bin/env bash
# Times every page of the churn console with a large score projection behind it.
#
#   deploy/local/console-bench.sh [--customers N] [--runs N] [--port N]
#
#   --customers N  rows seeded into customer_scores (default 1000000); band_transitions gets 300,000
#   --runs N       requests per page (default 10); the table shows the median and the slowest
#   --port N       HTTP port of the host on 127.0.0.1 (default 5190)
#
# Steps: drop and create the scratch database churnactors_console_bench, start the host from the
# Release build (src/ChurnActors.Silo/bin/Release; build it first) with MigrateOnStart, seed the
# projection with INSERT ... SELECT generate_series, send three events for one customer and apply
# the demo playbook, log in to the console with curl (anti-forgery token and cookie), then request
# each page --runs times. Server time is the host's Server-Timing header (app;dur=MS, from the first
# middleware to the answer's headers); total is curl's time_total. The overview shows figures read
# at most every 30 s (at start, then in the background); the pass that reads them is timed apart.
# Stops the host and drops the database at the end.
#
# Environment: PGHOST, PGPORT, PGUSER, PGPASSWORD (default 127.0.0.1, 5432, churnactors,
# churnactors); the role must be allowed to CREATE DATABASE.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
CUSTOMERS=1000000
RUNS=10
PORT=5190
while [[ $# -gt 0 ]]; do
    case "$1" in
        --customers) CUSTOMERS="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        -h | --help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "console-bench.sh: unknown option '$1' (see --help)" >&2; exit 1 ;;
    esac
done

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-churnactors}" PGPASSWORD="${PGPASSWORD:-churnactors}"
DB=churnactors_console_bench
BASE="http://127.0.0.1:$PORT"
ADMIN_KEY="ak_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WRITE_KEY="wk_bench_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORK="$(mktemp -d)"
SILO_DLL="$REPO_ROOT/src/ChurnActors.Silo/bin/Release/net10.0/ChurnActors.Silo.dll"
[[ -f "$SILO_DLL" ]] || { echo "console-bench.sh: build first: dotnet build src/ChurnActors.Silo -c Release" >&2; exit 1; }

log() { printf 'console-bench.sh: %s\n' "$*" >&2; }
HOST_PID=""
cleanup() {
    [[ -n "$HOST_PID" ]] && kill "$HOST_PID" 2>/dev/null && wait "$HOST_PID" 2>/dev/null || true
    psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
log "starting the host on $BASE (database $DB)"
ConnectionStrings__ChurnActors="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$DB" \
ChurnActors__Storage__MigrateOnStart=true CHURN_ADMIN_KEY="$ADMIN_KEY" CHURN_WRITE_KEY="$WRITE_KEY" urls="$BASE" \
ChurnActors__Cluster__SiloPort=$((PORT + 6000)) ChurnActors__Cluster__GatewayPort=$((PORT + 25000)) \
ChurnActors__Retention__Endpoints__demo__Url="http://127.0.0.1:9/" ChurnActors__Retention__Endpoints__demo__Secret=console-bench-secret-0123456789 \
Logging__LogLevel__Default=Warning \
    dotnet "$SILO_DLL" >"$WORK/host.log" 2>&1 &
HOST_PID=$!
for _ in $(seq 1 120); do
    curl -sf "$BASE/health/live" >/dev/null 2>&1 && break
    kill -0 "$HOST_PID" 2>/dev/null || break
    sleep 1
done
curl -sf "$BASE/health/live" >/dev/null || { cat "$WORK/host.log" >&2; log "the host did not start"; exit 1; }

log "seeding $CUSTOMERS customers and 300,000 band changes"
psql -q -d "$DB" -v customers="$CUSTOMERS" <<'SQL'
INSERT INTO customer_scores (customer_key, status, band, probability, percentile, horizon_days, clv_value, p_alive,
    expected_purchases_90d, orders, net_revenue, first_order_at, last_order_at, top_category, country, time_zone,
    model_version, scored_at, band_since, last_event_at, last_sequence, updated_at)
SELECT 'c' || lpad(g::text, 7, '0'),
       CASE WHEN g % 20 = 0 THEN 'not-scored' ELSE 'scored' END,
       CASE WHEN g % 20 = 0 THEN NULL WHEN p < 0.3 THEN 'low' WHEN p < 0.6 THEN 'medium' ELSE 'high' END,
       CASE WHEN g % 20 = 0 THEN NULL ELSE p END,
       p * 100, 90, CASE WHEN g % 7 = 0 THEN NULL ELSE 20 + (g % 500) END, 1 - p, 2 * (1 - p),
       g % 12, (g % 900)::numeric, now() - interval '400 days', now() - ((g % 200) || ' days')::interval,
       (ARRAY['shoes', 'books', 'garden', 'toys', 'kitchen', 'electronics', 'beauty', 'sports'])[1 + g % 8],
       (ARRAY['DE', 'FR', 'US', 'GB', 'NL'])[1 + g % 5], 'Europe/Berlin', '3', now() - interval '1 hour',
       CASE WHEN g % 20 = 0 THEN NULL ELSE now() - ((g % 120) || ' days')::interval - ((g % 1440) || ' minutes')::interval END,
       now() - ((g % 200) || ' days')::interval, g, now()
FROM (SELECT g, ((g::bigint * 7919) % 1000003) / 1000003.0 AS p FROM generate_series(1, :customers) g) s;
INSERT INTO band_transitions (customer_key, cause_sequence, at, from_band, to_band, probability)
SELECT 'c' || lpad((1 + (g::bigint * 37) % :customers)::text, 7, '0'), g,
       now() - ((g % 90) || ' days')::interval - ((g % 1440) || ' minutes')::interval,
       (ARRAY['low', 'medium', NULL])[1 + g % 3], (ARRAY['medium', 'high', 'low'])[1 + g % 3], 0.5
FROM generate_series(1, 300000) g;
VACUUM ANALYZE customer_scores;
VACUUM ANALYZE band_transitions;
SQL

now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
curl -sf -u "$WRITE_KEY:" -H 'Content-Type: application/json' "$BASE/v1/batch" -d "{\"batch\":[
  {\"type\":\"page\",\"userId\":\"c0000001\",\"name\":\"Home\",\"messageId\":\"b1\",\"timestamp\":\"$now\"},
  {\"type\":\"track\",\"userId\":\"c0000001\",\"event\":\"Product Viewed\",\"messageId\":\"b2\",\"timestamp\":\"$now\"},
  {\"type\":\"track\",\"userId\":\"c0000001\",\"event\":\"Cart Viewed\",\"messageId\":\"b3\",\"timestamp\":\"$now\"}]}" >/dev/null
curl -sf -u "$ADMIN_KEY:" -X PUT -H 'Content-Type: application/json' "$BASE/v1/admin/playbooks/demo-winback" \
    --data-binary "@$REPO_ROOT/docs/examples/demo-playbook.json" >/dev/null

# The cursor of the at-risk list after its 500,000th row by probability: the start of page 10,001.
cursor_row="$(psql -At -F $'\n' -d "$DB" -c "SELECT probability, customer_key FROM customer_scores WHERE probability IS NOT NULL ORDER BY probability DESC, customer_key OFFSET 499999 LIMIT 1")"
deep="$(printf 'n%s' "$cursor_row" | base64 -w0 | tr '+/' '-_' | tr -d '=')"

jar="$WORK/cookies"
token="$(curl -sf -c "$jar" -b "$jar" "$BASE/console/login" | sed -n 's/.*name="__csrf" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)"
status="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -X POST "$BASE/console/login" --data-urlencode "key=$ADMIN_KEY" --data-urlencode "__csrf=$token")"
[[ "$status" == 302 ]] || { log "login answered $status"; exit 1; }

time_page() {
    # time_page LABEL PATH RUNS -> "LABEL|status|server median|server max|total median|total max"
    local label="$1" path="$2" runs="$3" i server total status
    : >"$WORK/server"; : >"$WORK/total"
    for ((i = 0; i < runs; i++)); do
        read -r status total < <(curl -s -b "$jar" -D "$WORK/headers" -o /dev/null -w '%{http_code} %{time_total}\n' "$BASE$path")
        server="$(tr -d '\r' <"$WORK/headers" | sed -n 's/^[Ss]erver-[Tt]iming: app;dur=//p')"
        echo "$server" >>"$WORK/server"
        awk -v t="$total" 'BEGIN { printf "%.1f\n", t * 1000 }' >>"$WORK/total"
    done
    stats() { sort -g "$1" | awk '{ v[NR] = $1 } END { printf "%.1f|%.1f", v[int((NR + 1) / 2)], v[NR] }'; }
    printf '%s|%s|%s|%s\n' "$label" "$status" "$(stats "$WORK/server")" "$(stats "$WORK/total")"
}

rows=()
rows+=("$(time_page 'overview, first view after seeding (older figures shown, a pass starts)' /console 1)")
rows+=("$(time_page 'overview' /console "$RUNS")")
rows+=("$(time_page 'at-risk, by probability, page 1' '/console/customers' "$RUNS")")
rows+=("$(time_page 'at-risk, by probability, page 10,001 (after 500,000 rows)' "/console/customers?sort=probability&after=$deep&page-number=10001" "$RUNS")")
rows+=("$(time_page 'at-risk, by value at risk' '/console/customers?sort=value' "$RUNS")")
rows+=("$(time_page 'at-risk, by latest band change' '/console/customers?sort=band-since' "$RUNS")")
rows+=("$(time_page 'at-risk, band high, by latest band change' '/console/customers?sort=band-since&band=high' "$RUNS")")
rows+=("$(time_page 'at-risk, category books, P >= 0.9, by value' '/console/customers?sort=value&category=books&min=0.9' "$RUNS")")
rows+=("$(time_page 'customer (grain view, events, band changes)' '/console/customer?id=c0000001' "$RUNS")")
rows+=("$(time_page 'playbooks' '/console/playbooks' "$RUNS")")
rows+=("$(time_page 'playbook with results' '/console/playbook?id=demo-winback' "$RUNS")")
rows+=("$(time_page 'models' '/console/models' "$RUNS")")

# The pass the overview's figures come from (at start, then in the background at most every 30 s), timed on its own
# with the host pool's setting (no JIT).
pass_ms=()
for _ in 1 2 3; do
    pass_ms+=("$(psql -d "$DB" -c 'SET jit = off' -c '\timing on' -c "SELECT band, CASE WHEN probability IS NULL THEN 0 ELSE least(width_bucket(probability, 0, 1, 20), 20) END, count(*), coalesce(sum(value_at_risk), 0) FROM customer_scores GROUP BY 1, 2" \
        | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')")
done

echo "customers: $CUSTOMERS, runs per page: $RUNS, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "overview figures, one pass over the projection (psql, three runs): ${pass_ms[*]} ms"
echo "| page | status | server ms, median | server ms, max | total ms, median | total ms, max |"
echo "| --- | --- | --- | --- | --- | --- |"
for row in "${rows[@]}"; do
    echo "| ${row//|/ | } |"
done
