#!/usr/bin/env bash
# Runs the whole ChurnActors test suite against a real PostgreSQL.
#
#   deploy/local/test.sh [--filter EXPR] [--no-build] [-- extra 'dotnet test' arguments]
#
# Steps: make sure PostgreSQL is up (pg.sh), install the Node SDK harness and the browser test
# dependencies when missing or stale, make sure libgomp1 and chromium are present, build the
# solution (Release), run every test project, print one summary line per test project and, last,
# exactly one line "N passed, N failed" (", N skipped" only when some were skipped).
# Exits non-zero when the build fails, any test fails, or no test ran.
#
# Environment: CI (exported as is; under CI=true tests needing PostgreSQL fail instead of skipping),
# ConnectionStrings__ChurnActors (use this server instead of preparing the local one),
# TEST_HANG_TIMEOUT (default 20m: a test host silent for that long is killed and counted as failed).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
SOLUTION="ChurnActors.sln"
RESULTS_DIR="$REPO_ROOT/.local/test-results"
NODE_DIR="$REPO_ROOT/tests/node"
BROWSER_DIR="$REPO_ROOT/tests/browser"

log() { printf 'test.sh: %s\n' "$*"; }
die() { printf 'test.sh: FAILED: %s\n' "$*"; exit 1; }

usage() {
    sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

FILTER=""
NO_BUILD=0
EXTRA_TEST_ARGS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --filter)
            [[ $# -ge 2 ]] || die "--filter needs an expression"
            FILTER="$2"
            shift 2
            ;;
        --filter=*) FILTER="${1#--filter=}"; shift ;;
        --no-build) NO_BUILD=1; shift ;;
        -h | --help) usage; exit 0 ;;
        --) shift; EXTRA_TEST_ARGS=("$@"); break ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done

cd "$REPO_ROOT"
if [[ -n "${CI+set}" ]]; then
    export CI
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log "repo $REPO_ROOT, CI=${CI:-<unset>}"

if [[ "${CI:-}" == "true" ]]; then
    # Leave no compiler/MSBuild servers behind on the CI machine.
    trap 'dotnet build-server shutdown >/dev/null 2>&1 || true' EXIT
fi

run_as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        return 1
    fi
}

ensure_libgomp() {
    if command -v dpkg-query >/dev/null 2>&1; then
        if dpkg-query -W -f='${Status}' libgomp1 2>/dev/null | grep -q 'install ok installed'; then
            return 0
        fi
    elif ldconfig -p 2>/dev/null | grep -q 'libgomp\.so\.1'; then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        log "WARNING: libgomp1 (OpenMP runtime, used by ML.NET LightGBM) is missing and there is no apt-get"
        return 0
    fi
    log "installing libgomp1 (OpenMP runtime used by ML.NET LightGBM)"
    if ! run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgomp1 >/dev/null 2>&1; then
        run_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
        run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgomp1 >/dev/null 2>&1 \
            || die "could not install libgomp1 (needs root or sudo)"
    fi
}

ensure_node_harness() {
    [[ -f "$NODE_DIR/package.json" ]] || return 0
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        die "node/npm not found: install Node.js >= 20 (tests drive the host with the Segment Node SDK)"
    fi
    local major
    major="$(node -p 'process.versions.node.split(".")[0]')"
    [[ "$major" -ge 20 ]] || die "Node.js $(node --version) is too old: @segment/analytics-node needs >= 20"
    local stamp="$NODE_DIR/node_modules/.package-lock.json"
    if [[ -f "$stamp" && "$stamp" -nt "$NODE_DIR/package-lock.json" && "$stamp" -nt "$NODE_DIR/package.json" ]]; then
        log "Node SDK harness dependencies are up to date (tests/node/node_modules)"
    else
        log "installing Node SDK harness dependencies (npm ci in tests/node)"
        (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
            || die "npm ci in tests/node failed"
        touch "$stamp"
    fi
    export CHURNACTORS_NODE_HARNESS="$NODE_DIR/send.mjs"
}

# The console's browser tests drive Debian's chromium package with puppeteer-core (never a browser downloaded by npm).
ensure_chromium() {
    [[ -x /usr/bin/chromium ]] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        die "/usr/bin/chromium is missing and there is no apt-get: install Chromium (the console's browser tests drive it)"
    fi
    log "installing chromium (the console's browser tests drive it headless)"
    run_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
    run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
        || die "could not install chromium (needs root or sudo)"
}

ensure_browser_harness() {
    [[ -f "$BROWSER_DIR/package.json" ]] || return 0
    local stamp="$BROWSER_DIR/node_modules/.package-lock.json"
    if [[ -f "$stamp" && "$stamp" -nt "$BROWSER_DIR/package-lock.json" && "$stamp" -nt "$BROWSER_DIR/package.json" ]]; then
        log "browser test dependencies are up to date (tests/browser/node_modules)"
    else
        log "installing browser test dependencies (npm ci in tests/browser)"
        (cd "$BROWSER_DIR" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
            || die "npm ci in tests/browser failed"
        touch "$stamp"
    fi
}

# Project names listed in the solution (to name result files with their proper case).
mapfile -t SLN_PROJECTS < <(grep -o '"[^"]*\.csproj"' "$SOLUTION" | sed -e 's#.*[\\/]##' -e 's#\.csproj"$##')

project_of_trx() {
    # The test assembly named in the trx (its tests' storage path, else any message naming a .dll),
    # spelled as in the solution.
    local trx="$1" dll p
    while IFS= read -r dll; do
        for p in "${SLN_PROJECTS[@]}"; do
            if [[ "${p,,}" == "${dll,,}" ]]; then
                printf '%s\n' "$p"
                return 0
            fi
        done
    done < <({ grep -o 'storage="[^"]*\.dll"' "$trx" || true; grep -o '[^/\\ "`]*\.dll' "$trx" || true; } \
        | sed -e 's#^storage="##' -e 's#"$##' -e 's#.*[\\/]##' -e 's#\.dll$##')
    basename "$trx" .trx
}

counter() {
    # counter NAME "<Counters ...>" -> the attribute's number (0 when absent)
    local value
    value="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")"
    printf '%s\n' "${value:-0}"
}

# ---- prepare ----------------------------------------------------------------------------------
ensure_libgomp
# shellcheck source=SCRIPTDIR/pg.sh
source "$SCRIPT_DIR/pg.sh"
ensure_node_harness
ensure_chromium
ensure_browser_harness

# ---- build ------------------------------------------------------------------------------------
if [[ "$NO_BUILD" -eq 0 ]]; then
    log "building $SOLUTION (Release)"
    if ! dotnet build "$SOLUTION" -c Release -nologo -v minimal; then
        die "build failed (no tests ran)"
    fi
fi

# ---- test -------------------------------------------------------------------------------------
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
test_args=("$SOLUTION" -c Release --no-build --nologo
    --logger trx --results-directory "$RESULTS_DIR"
    --blame-hang-timeout "${TEST_HANG_TIMEOUT:-20m}" --blame-hang-dump-type none)
if [[ -n "$FILTER" ]]; then
    test_args+=(--filter "$FILTER")
    log "running tests (filter: $FILTER)"
else
    log "running tests"
fi
test_rc=0
dotnet test "${test_args[@]}" "${EXTRA_TEST_ARGS[@]}" || test_rc=$?

# ---- summarize --------------------------------------------------------------------------------
total_passed=0
total_failed=0
total_skipped=0
summary_lines=()
shopt -s nullglob
trx_files=("$RESULTS_DIR"/*.trx)
shopt -u nullglob
for trx in "${trx_files[@]}"; do
    counters="$(grep -o -m1 '<Counters [^>]*>' "$trx" || true)"
    total="$(counter total "$counters")"
    passed="$(counter passed "$counters")"
    failed=$(( $(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters") ))
    skipped=$(( total - passed - failed ))
    (( skipped >= 0 )) || skipped=0
    if grep -q '<ResultSummary outcome="\(Failed\|Aborted\|Error\|Timeout\)"' "$trx" && (( failed == 0 )); then
        # The run itself failed (e.g. a crashed or hung test host) without a failed test result.
        failed=1
    fi
    name="$(project_of_trx "$trx")"
    if (( total == 0 )); then
        summary_lines+=("  $name: no tests")
    else
        line="  $name: $passed passed, $failed failed"
        (( skipped == 0 )) || line+=", $skipped skipped"
        summary_lines+=("$line")
    fi
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    total_skipped=$((total_skipped + skipped))
done

echo
log "results per test project (trx files in ${RESULTS_DIR#"$REPO_ROOT"/}):"
if [[ ${#summary_lines[@]} -eq 0 ]]; then
    echo "  (no result files)"
else
    printf '%s\n' "${summary_lines[@]}" | sort
fi

status=0
if (( test_rc != 0 )); then
    log "dotnet test exited with code $test_rc"
    status=1
    if (( total_failed == 0 )); then
        # A non-zero exit without a failed result (crash, abort, bad arguments) still counts.
        total_failed=1
        log "no failed test result was recorded: counting the aborted run as 1 failure"
    fi
fi
if (( total_failed > 0 )); then
    status=1
fi
if (( total_passed + total_failed == 0 )); then
    log "FAILED: no test ran"
    status=1
fi

final="$total_passed passed, $total_failed failed"
if (( total_skipped > 0 )); then
    final+=", $total_skipped skipped"
fi
echo "$final"
exit "$status"
