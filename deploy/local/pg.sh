#!/usr/bin/env bash
# Makes sure a local PostgreSQL is reachable for ChurnActors and exports
# ConnectionStrings__ChurnActors.
#
#   source deploy/local/pg.sh   # from another script: the variable ends up in your shell
#   deploy/local/pg.sh          # alone: prepares the server and prints the export line
#
# If ConnectionStrings__ChurnActors is already set it is used as is and nothing else happens.
# Otherwise (Debian/Ubuntu): install PostgreSQL if missing, start the cluster if stopped, wait
# until it accepts connections, create role and database `churnactors` if missing.
# Idempotent; prints one line per step.
#
# Environment knobs: PG_PORT (default 5432) picks the cluster listening on that port (else the first
# cluster found); PG_WAIT_SECONDS (default 30) bounds the wait for the server.

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
fi

_pg_log() { printf 'pg.sh: %s\n' "$*" >&2; }

# Runs a command as root (directly, or through sudo when available).
_pg_as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        _pg_log "ERROR: '$*' needs root, and this user is not root and has no sudo."
        _pg_log "       Run this script as root, or set ConnectionStrings__ChurnActors to an existing server."
        return 1
    fi
}

# Runs a command as the postgres OS user, from a directory that user can read.
_pg_as_postgres() {
    if [[ "$(id -u)" -eq 0 ]] && command -v runuser >/dev/null 2>&1; then
        (cd / && runuser -u postgres -- "$@")
    elif [[ "$(id -u)" -eq 0 ]]; then
        local quoted
        quoted="$(printf '%q ' "$@")"
        (cd / && su postgres -s /bin/sh -c "$quoted")
    elif command -v sudo >/dev/null 2>&1; then
        (cd / && sudo -u postgres "$@")
    else
        _pg_log "ERROR: need root or sudo to administer PostgreSQL as the 'postgres' user."
        return 1
    fi
}

_pg_psql_admin() {
    _pg_as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$_PG_PORT" -tA "$@"
}

# True when the application credentials already work (nothing to prepare).
_pg_app_login_works() {
    command -v psql >/dev/null 2>&1 || return 1
    PGPASSWORD=churnactors PGCONNECT_TIMEOUT=3 \
        psql -X -q -h 127.0.0.1 -p "$_PG_PORT" -U churnactors -d churnactors -tAc 'SELECT 1' \
        >/dev/null 2>&1
}

_pg_install() {
    if command -v pg_lsclusters >/dev/null 2>&1 && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        _pg_log "ERROR: PostgreSQL is not installed and there is no apt-get to install it."
        _pg_log "       Install PostgreSQL yourself, or set ConnectionStrings__ChurnActors."
        return 1
    fi
    _pg_log "PostgreSQL not installed: running 'apt-get update && apt-get install -y postgresql' (takes a minute)"
    _pg_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || {
        _pg_log "ERROR: apt-get update failed"; return 1; }
    _pg_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || {
        _pg_log "ERROR: apt-get install postgresql failed"; return 1; }
    _pg_log "installed PostgreSQL"
}

# Picks a cluster (the one on port $PG_PORT, default 5432, if any, else the first) and sets _PG_VER/_PG_NAME/_PG_PORT/_PG_STATUS.
_pg_pick_cluster() {
    local line ver name port status first=""
    _PG_VER="" _PG_NAME="" _PG_STATUS=""
    while read -r ver name port status _; do
        [[ -n "$ver" ]] || continue
        line="$ver $name $port $status"
        [[ -n "$first" ]] || first="$line"
        if [[ "$port" == "${PG_PORT:-5432}" ]]; then
            first="$line"
            break
        fi
    done < <(pg_lsclusters -h 2>/dev/null)
    if [[ -n "$first" ]]; then
        read -r _PG_VER _PG_NAME _PG_PORT _PG_STATUS <<<"$first"
    fi
}

_pg_ensure_cluster() {
    _pg_pick_cluster
    if [[ -z "$_PG_VER" ]]; then
        local ver
        ver="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' 2>/dev/null \
            | awk -F/ '{print $5}' | sort -n | tail -n 1)"
        if [[ -z "$ver" ]]; then
            _pg_log "ERROR: no PostgreSQL server binaries found under /usr/lib/postgresql"
            return 1
        fi
        _pg_log "no cluster exists: creating cluster $ver/main"
        _pg_as_root pg_createcluster "$ver" main >/dev/null || {
            _pg_log "ERROR: pg_createcluster $ver main failed"; return 1; }
        _pg_pick_cluster
    fi
    if [[ "$_PG_STATUS" == online* ]]; then
        _pg_log "cluster $_PG_VER/$_PG_NAME is running on port $_PG_PORT"
        return 0
    fi
    _pg_log "cluster $_PG_VER/$_PG_NAME is $_PG_STATUS: starting it (pg_ctlcluster $_PG_VER $_PG_NAME start)"
    _pg_as_root pg_ctlcluster "$_PG_VER" "$_PG_NAME" start || {
        _pg_log "ERROR: could not start cluster $_PG_VER/$_PG_NAME; see /var/log/postgresql/postgresql-$_PG_VER-$_PG_NAME.log"
        return 1
    }
}

_pg_wait_ready() {
    local limit="${PG_WAIT_SECONDS:-30}" waited=0
    until pg_isready -q -h 127.0.0.1 -p "$_PG_PORT" -t 2 >/dev/null 2>&1; do
        if (( waited >= limit )); then
            _pg_log "ERROR: PostgreSQL on 127.0.0.1:$_PG_PORT did not accept connections within ${limit}s"
            _pg_log "       see /var/log/postgresql/postgresql-$_PG_VER-$_PG_NAME.log"
            return 1
        fi
        if (( waited == 0 )); then
            _pg_log "waiting (up to ${limit}s) for PostgreSQL on 127.0.0.1:$_PG_PORT to accept connections"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    _pg_log "PostgreSQL accepts connections on 127.0.0.1:$_PG_PORT"
}

_pg_ensure_role_and_db() {
    local has_role has_db
    has_role="$(_pg_psql_admin -d postgres -c "SELECT 1 FROM pg_roles WHERE rolname = 'churnactors'")" || {
        _pg_log "ERROR: could not query PostgreSQL as the postgres user"; return 1; }
    if [[ "$has_role" == "1" ]]; then
        _pg_psql_admin -d postgres -c "ALTER ROLE churnactors LOGIN CREATEDB PASSWORD 'churnactors'" >/dev/null || {
            _pg_log "ERROR: could not update role churnactors"; return 1; }
        _pg_log "role churnactors exists (ensured LOGIN CREATEDB and password)"
    else
        _pg_psql_admin -d postgres -c "CREATE ROLE churnactors LOGIN CREATEDB PASSWORD 'churnactors'" >/dev/null || {
            _pg_log "ERROR: could not create role churnactors"; return 1; }
        _pg_log "created role churnactors (LOGIN CREATEDB)"
    fi
    has_db="$(_pg_psql_admin -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'churnactors'")" || return 1
    if [[ "$has_db" == "1" ]]; then
        _pg_log "database churnactors exists"
    else
        _pg_psql_admin -d postgres -c "CREATE DATABASE churnactors OWNER churnactors" >/dev/null || {
            _pg_log "ERROR: could not create database churnactors"; return 1; }
        _pg_log "created database churnactors"
    fi
}

# A write-heavy event log wants more than Debian's defaults (128MB of shared buffers, 1GB of WAL between
# checkpoints, 100 connections: the test suite runs several hosts and test clusters at once, each with its own
# capped pool). Only for the local cluster this script manages; PG_TUNE=0 leaves the server as it is.
_pg_tune() {
    [[ "${PG_TUNE:-1}" == "1" ]] || return 0
    _pg_keep_wal_segments
    local current connections
    current="$(_pg_psql_admin -d postgres -c "SHOW shared_buffers" 2>/dev/null)" || return 0
    connections="$(_pg_psql_admin -d postgres -c "SHOW max_connections" 2>/dev/null)" || return 0
    if [[ "$current" == "1GB" && "$connections" -ge 300 ]]; then
        return 0
    fi
    _pg_log "tuning the local cluster for the event log (shared_buffers 1GB, max_wal_size 8GB, checkpoint_timeout 15min, max_connections 300) and restarting it"
    _pg_psql_admin -d postgres -c "ALTER SYSTEM SET shared_buffers = '1GB'" >/dev/null &&
        _pg_psql_admin -d postgres -c "ALTER SYSTEM SET max_connections = 300" >/dev/null &&
        _pg_psql_admin -d postgres -c "ALTER SYSTEM SET max_wal_size = '8GB'" >/dev/null &&
        _pg_psql_admin -d postgres -c "ALTER SYSTEM SET checkpoint_timeout = '15min'" >/dev/null || {
        _pg_log "WARNING: could not tune the cluster; continuing with its settings"; return 0; }
    _pg_pick_cluster
    _pg_as_root pg_ctlcluster "$_PG_VER" "$_PG_NAME" restart || {
        _pg_log "ERROR: could not restart cluster $_PG_VER/$_PG_NAME"; return 1; }
    _pg_wait_ready
}

# Recycle WAL segments instead of creating them: PostgreSQL keeps at least min_wal_size of used segments for reuse
# at each checkpoint. With the default 80MB it creates most new 16MB segments while the event log writes, zero-filling
# and syncing each one while the next commits wait: a 20-30 ms stall about once a second at 25,000 events/s
# (docs/benchmarks.md). A reload is enough; no restart.
_pg_keep_wal_segments() {
    local kept
    kept="$(_pg_psql_admin -d postgres -c "SHOW min_wal_size" 2>/dev/null)" || return 0
    [[ "$kept" == "2GB" ]] && return 0
    _pg_log "keeping 2GB of WAL segments for reuse (min_wal_size, was $kept)"
    _pg_psql_admin -d postgres -c "ALTER SYSTEM SET min_wal_size = '2GB'" >/dev/null &&
        _pg_psql_admin -d postgres -c "SELECT pg_reload_conf()" >/dev/null ||
        _pg_log "WARNING: could not set min_wal_size; continuing with $kept"
}

_pg_main() {
    if [[ -n "${ConnectionStrings__ChurnActors:-}" ]]; then
        export ConnectionStrings__ChurnActors
        _pg_log "ConnectionStrings__ChurnActors is already set: using it as is (no server checks)"
        return 0
    fi
    _PG_PORT="${PG_PORT:-5432}"
    if _pg_app_login_works; then
        _pg_log "PostgreSQL on 127.0.0.1:$_PG_PORT already accepts login churnactors@churnactors: nothing to do"
    else
        _pg_install || return 1
        _pg_ensure_cluster || return 1
        _pg_wait_ready || return 1
        _pg_ensure_role_and_db || return 1
        if ! _pg_app_login_works; then
            _pg_log "ERROR: role/database are in place but login churnactors@127.0.0.1:$_PG_PORT fails"
            _pg_log "       check pg_hba.conf allows password (scram-sha-256/md5) logins from 127.0.0.1"
            return 1
        fi
        _pg_log "login churnactors@127.0.0.1:$_PG_PORT/churnactors works"
    fi
    if [[ "$(id -u)" -eq 0 ]] || command -v sudo >/dev/null 2>&1; then
        _pg_tune || return 1
    fi
    # Loopback: no TLS (it costs a third of the database client's CPU for nothing).
    export ConnectionStrings__ChurnActors="Host=127.0.0.1;Port=${_PG_PORT};Username=churnactors;Password=churnactors;Database=churnactors;Maximum Pool Size=40;SSL Mode=Disable"
    _pg_log "exported ConnectionStrings__ChurnActors"
}

_pg_cleanup() {
    unset -f _pg_log _pg_as_root _pg_as_postgres _pg_psql_admin _pg_app_login_works _pg_install \
        _pg_pick_cluster _pg_ensure_cluster _pg_wait_ready _pg_ensure_role_and_db _pg_tune _pg_keep_wal_segments _pg_main _pg_cleanup
    unset _PG_VER _PG_NAME _PG_PORT _PG_STATUS
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    _pg_main
    printf "export ConnectionStrings__ChurnActors='%s'\n" "${ConnectionStrings__ChurnActors//\'/\'\\\'\'}"
else
    if _pg_main; then
        _pg_cleanup
    else
        _pg_cleanup
        return 1
    fi
fi
