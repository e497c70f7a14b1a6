#!/usr/bin/env bash
# Start a throwaway PostgreSQL (15) on 127.0.0.1 for Updraft tests and demos.
#
#   tests/servers/postgresql/start.sh STATE_DIR [--port N] [--fresh]
#
# Everything (data dir, socket dir, TLS files, log, pid) lives in STATE_DIR.
# Prints postgresql://updraft@127.0.0.1:PORT/updraft?sslrootcert=STATE_DIR/tls/ca.crt on stdout;
# progress and errors go to stderr.  The password of the role updraft is $UPDRAFT_TEST_PG_PASSWORD
# (default store-secret).  If STATE_DIR already holds a stopped server, it is restarted with its
# data (the previous port is reused when free); --fresh wipes it and starts over.
# Stop with tests/servers/postgresql/stop.sh STATE_DIR.  See README.md beside this script.
set -euo pipefail

die() { echo "postgresql/start.sh: $*" >&2; exit 1; }
note() { echo "postgresql/start.sh: $*" >&2; }

usage() {
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[[ $# -ge 1 ]] || usage
case "$1" in -h|--help) usage ;; -*) die "first argument must be STATE_DIR" ;; esac
STATE_ARG=$1; shift

PORT_WANTED=""
FRESH=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --port) [[ $# -ge 2 ]] || die "--port needs a value"; PORT_WANTED=$2; shift 2 ;;
        --port=*) PORT_WANTED=${1#*=}; shift ;;
        --fresh) FRESH=1; shift ;;
        -h|--help) usage ;;
        *) die "unknown option: $1 (see --help)" ;;
    esac
done
if [[ -n "$PORT_WANTED" ]]; then
    [[ "$PORT_WANTED" =~ ^[0-9]+$ && $PORT_WANTED -ge 1 && $PORT_WANTED -le 65535 ]] || die "--port needs a number (1-65535)"
fi

PW=${UPDRAFT_TEST_PG_PASSWORD:-store-secret}
START_TIMEOUT=30   # seconds for the server to accept connections

# libpq and the server tools read PG* variables (PGDATA, PGPORT, PGHOST, PGOPTIONS, PGSSLMODE, ...):
# none of the caller's may leak into our calls.
while IFS= read -r v; do
    if [[ "$v" == PG* ]]; then unset "$v"; fi
done < <(compgen -e)

mkdir -p -- "$STATE_ARG"
STATE_DIR=$(cd -- "$STATE_ARG" && pwd -P)
HERE=$(cd -- "$(dirname -- "$0")" && pwd -P)
DATA="$STATE_DIR/data"
SOCK_DIR="$STATE_DIR/run"
TLS_DIR="$STATE_DIR/tls"
LOG="$STATE_DIR/postgresql.log"
OPTIONS="$STATE_DIR/postgresql.options"
CLUSTER_NAME="updraft-test"

# The socket path (SOCK_DIR/.s.PGSQL.NNNNN) must fit in sun_path (108 bytes).
[[ $((${#SOCK_DIR} + 16)) -le 107 ]] || die "STATE_DIR path too long for the unix socket (max ~85 bytes): $STATE_DIR"

# ---------------------------------------------------------------------------------------------
# Ports: a free random port in 20000-32767 (or --port); retried if another process takes it.
# shellcheck source=../lib/freeport.sh
. "$(dirname -- "$0")/../lib/freeport.sh"

# ---------------------------------------------------------------------------------------------
# Tools.  Debian keeps the server binaries in /usr/lib/postgresql/VERSION/bin (not on PATH; /usr/bin/psql
# is the pg_wrapper script).  For an existing data dir, the version that created it.
find_bindir() {
    local v=${1:-} d
    if [[ -n "${UPDRAFT_PG_BINDIR:-}" ]]; then printf '%s' "$UPDRAFT_PG_BINDIR"; return 0; fi
    if [[ -n "$v" && -x "/usr/lib/postgresql/$v/bin/postgres" ]]; then printf '%s' "/usr/lib/postgresql/$v/bin"; return 0; fi
    d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k4,4n | tail -n 1)
    if [[ -n "$d" && -x "$d/initdb" ]]; then printf '%s' "$d"; return 0; fi
    d=$(command -v initdb 2>/dev/null) || return 1
    dirname -- "$d"
}
PG_VERSION_OLD=""
[[ -f "$DATA/PG_VERSION" ]] && PG_VERSION_OLD=$(cat "$DATA/PG_VERSION" 2>/dev/null || true)
BINDIR=$(find_bindir "$PG_VERSION_OLD") || die "PostgreSQL server not found (apt-get install postgresql; or set UPDRAFT_PG_BINDIR)"
for t in initdb pg_ctl postgres psql; do
    [[ -x "$BINDIR/$t" ]] || die "$BINDIR/$t not found (apt-get install postgresql postgresql-client)"
done
command -v openssl >/dev/null || die "openssl not found (apt-get install openssl)"

# Whether PID is a live (not zombie) process.
pid_alive() {
    local stat
    [[ "$1" =~ ^[0-9]+$ ]] || return 1
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}
# Is PID the postmaster of our data dir?  (It runs in the data dir; pg_ctl passes -D DATA.)
pid_is_ours() {
    local pid=$1 cmd cwd
    pid_alive "$pid" || return 1
    cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
    [[ "$cmd" == *postgres* ]] || return 1
    cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null || true)
    [[ "$cwd" == "$DATA" || "$cmd" == *" -D $DATA "* || "$cmd" == *" -D $DATA" ]]
}

if [[ -f "$DATA/postmaster.pid" ]]; then
    oldpid=$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)
    if pid_is_ours "$oldpid"; then
        die "a postgres (pid $oldpid) is already running for $STATE_DIR; run stop.sh first"
    fi
fi
if [[ -n "$PORT_WANTED" ]] && ! port_free "$PORT_WANTED"; then
    die "port $PORT_WANTED on 127.0.0.1 is in use"
fi

# ---------------------------------------------------------------------------------------------
# The account postgres runs as.  postgres refuses to run as root: as root, the Debian package's
# "postgres" user (or UPDRAFT_PG_USER; for an existing data dir, its owner).  Otherwise the current user.
IS_ROOT=0
[[ $(id -u) -ne 0 ]] || IS_ROOT=1

restart=0
if [[ -f "$DATA/PG_VERSION" && -f "$OPTIONS" && $FRESH -eq 0 ]]; then
    restart=1
fi

if [[ $IS_ROOT -eq 1 ]]; then
    if [[ $restart -eq 1 ]]; then
        RUN_USER=$(stat -c %U -- "$DATA")
        [[ "$RUN_USER" != root ]] || die "$DATA is owned by root; use --fresh"
    else
        RUN_USER=${UPDRAFT_PG_USER:-postgres}
    fi
    id "$RUN_USER" >/dev/null 2>&1 || die "user $RUN_USER does not exist (as root, postgres runs as the Debian package's user postgres; set UPDRAFT_PG_USER)"
    [[ $(id -u "$RUN_USER") -ne 0 ]] || die "postgres cannot run as root (UPDRAFT_PG_USER=$RUN_USER)"
    RUN_GROUP=$(id -gn "$RUN_USER")
    command -v runuser >/dev/null || die "runuser not found (package util-linux)"
    # The server user must reach STATE_DIR; ca.crt stays readable by everyone.
    chmod go+x -- "$STATE_DIR"
    runuser -u "$RUN_USER" -- test -x "$STATE_DIR/" 2>/dev/null \
        || die "user $RUN_USER cannot reach $STATE_DIR (a parent directory is not searchable by it, e.g. /root); use a STATE_DIR under /tmp"
else
    RUN_USER=$(id -un)
    RUN_GROUP=$(id -gn)
    # (A data dir made as root belongs to postgres and is not even readable here.)
    if [[ -e "$DATA" && $(stat -c %u -- "$DATA") -ne $(id -u) ]]; then
        die "$DATA belongs to $(stat -c %U -- "$DATA"), not to $RUN_USER; use it as root, or another STATE_DIR"
    fi
fi
SUPERUSER=$RUN_USER   # bootstrap superuser (initdb -U), reachable only over the socket (trust)

# Run a command as the server's user, from STATE_DIR (the caller's cwd may not be readable by it).
as_pg() {
    if [[ $IS_ROOT -eq 1 ]]; then
        (cd -- "$STATE_DIR" && exec runuser -u "$RUN_USER" -- "$@")
    else
        (cd -- "$STATE_DIR" && exec "$@")
    fi
}
# psql as the bootstrap superuser over the unix socket (no ~/.psqlrc).
psql_super() {
    as_pg "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK_DIR" -p "$PORT" -U "$SUPERUSER" -d "${PSQL_DB:-postgres}" "$@"
}

# ---------------------------------------------------------------------------------------------
if [[ $restart -eq 1 ]]; then
    # shellcheck disable=SC1090
    source "$OPTIONS"
    note "restarting existing server in $STATE_DIR (postgres $(cat "$DATA/PG_VERSION") as $RUN_USER)"
    if [[ "${UPDRAFT_TEST_PG_PASSWORD:-$PW}" != "$PW" ]]; then
        note "keeping the password set when $STATE_DIR was created (UPDRAFT_TEST_PG_PASSWORD is ignored; use --fresh)"
    fi
    [[ -z "$PORT_WANTED" && -f "$STATE_DIR/postgresql.port" ]] && PORT_WANTED=$(cat "$STATE_DIR/postgresql.port") && PORT_PREFERRED=1
    # A server that was killed leaves postmaster.pid and the socket lock behind.
    rm -f -- "$DATA/postmaster.pid" "$SOCK_DIR"/.s.PGSQL.*
else
    # Fresh: remove only what this script creates.
    [[ -n "$PG_VERSION_OLD" || -d "$DATA" ]] && note "wiping the previous server in $STATE_DIR"
    rm -rf -- "$DATA" "$SOCK_DIR" "$TLS_DIR" || die "cannot remove the old data in $STATE_DIR"
    rm -f -- "$LOG" "$OPTIONS" "$STATE_DIR"/postgresql.{port,url,env}
fi
PORT_PREFERRED=${PORT_PREFERRED:-0}

# ---------------------------------------------------------------------------------------------
# TLS: a throwaway CA and a server certificate for 127.0.0.1 / localhost (libpq's verify-full
# matches an IP host against the iPAddress SAN).  Made again when missing or about to expire.
make_tls() {
    (
        set -e
        mkdir -p -- "$TLS_DIR"
        chmod 755 -- "$TLS_DIR"
        cd -- "$TLS_DIR"
        rm -f ca.crt ca.key server.crt server.key server.csr server.ext ca.srl
        umask 077
        openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
            -keyout ca.key -out ca.crt -days 365 -subj "/CN=Updraft test PostgreSQL CA $(date +%s)" \
            -addext "basicConstraints=critical,CA:TRUE" \
            -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
        openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
            -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null
        printf '%s\n' "basicConstraints=critical,CA:FALSE" \
            "keyUsage=critical,digitalSignature,keyEncipherment" \
            "extendedKeyUsage=serverAuth" \
            "subjectAltName=IP:127.0.0.1,DNS:localhost" >server.ext
        openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
            -out server.crt -days 365 -extfile server.ext 2>/dev/null
        rm -f server.csr server.ext ca.srl
        chmod 644 ca.crt server.crt
        chmod 600 ca.key server.key
    ) || die "certificate generation failed"
}
if [[ ! -s "$TLS_DIR/ca.crt" || ! -s "$TLS_DIR/server.key" ]] \
    || ! openssl x509 -checkend 86400 -noout -in "$TLS_DIR/server.crt" >/dev/null 2>&1; then
    [[ $restart -eq 0 ]] || note "server certificate missing or expiring; making a new CA and certificate"
    make_tls
fi
# postgres wants its key mode 0600 and owned by the server's user.
if [[ $IS_ROOT -eq 1 ]]; then chown -- "$RUN_USER:$RUN_GROUP" "$TLS_DIR/server.key"; fi
chmod 600 -- "$TLS_DIR/server.key"
chmod 644 -- "$TLS_DIR/ca.crt" "$TLS_DIR/server.crt"
chmod 755 -- "$TLS_DIR"

# ---------------------------------------------------------------------------------------------
# Directories owned by the server's user.  The socket dir is 0700: local trust for the superuser
# must not be open to other accounts on the machine.
mkdir -p -- "$SOCK_DIR"
chmod 700 -- "$SOCK_DIR"
touch -- "$LOG"
chmod 644 -- "$LOG"
if [[ $IS_ROOT -eq 1 ]]; then chown -- "$RUN_USER:$RUN_GROUP" "$SOCK_DIR" "$LOG"; fi

T_START=$(date +%s.%N)
elapsed() { awk "BEGIN{printf \"%.1f\", $(date +%s.%N)-$1}"; }

if [[ $restart -eq 0 ]]; then
    note "initdb in $DATA (postgres $("$BINDIR/postgres" --version | awk '{print $3}') as $RUN_USER)"
    mkdir -p -- "$DATA"
    chmod 700 -- "$DATA"
    if [[ $IS_ROOT -eq 1 ]]; then chown -- "$RUN_USER:$RUN_GROUP" "$DATA"; fi
    # C.UTF-8 (glibc >= 2.35, Debian 12): bytewise collation, but Unicode-aware lower()/upper() and ILIKE.
    LOCALE_OPTS=(--no-locale)
    if locale -a 2>/dev/null | grep -qixE 'c\.utf-?8'; then LOCALE_OPTS=(--locale=C.UTF-8); fi
    t0=$(date +%s.%N)
    if ! as_pg "$BINDIR/initdb" -D "$DATA" -U "$SUPERUSER" --auth-local=trust --auth-host=scram-sha-256 \
        --encoding=UTF8 "${LOCALE_OPTS[@]}" --no-sync --no-instructions >"$STATE_DIR/initdb.log" 2>&1; then
        tail -n 20 "$STATE_DIR/initdb.log" >&2
        die "initdb failed (see $STATE_DIR/initdb.log)"
    fi
    note "initdb took $(elapsed "$t0") s"

    # pg_hba.conf: TCP on 127.0.0.1 with SCRAM for everyone (TLS or not); the socket only for the
    # bootstrap superuser, without password (start.sh creates the roles through it).
    {
        echo "# Written by tests/servers/postgresql/start.sh -- throwaway test server."
        echo "# TYPE   DATABASE  USER  ADDRESS        METHOD"
        echo "local    all       \"$SUPERUSER\"  trust"
        echo "hostssl  all       all   127.0.0.1/32   scram-sha-256"
        echo "host     all       all   127.0.0.1/32   scram-sha-256"
    } >"$DATA/pg_hba.conf"
    {
        echo
        echo "# Settings of tests/servers/postgresql/start.sh (rewritten at every start)."
        echo "include 'updraft-test.conf'"
    } >>"$DATA/postgresql.conf"
    if [[ $IS_ROOT -eq 1 ]]; then chown -- "$RUN_USER:$RUN_GROUP" "$DATA/pg_hba.conf"; fi
    chmod 600 -- "$DATA/pg_hba.conf"
fi

# ---------------------------------------------------------------------------------------------
sq() { printf "'%s'" "${1//\'/\'\'}"; }   # postgresql.conf string literal

write_conf() {
    {
        echo "# Written by tests/servers/postgresql/start.sh at every start -- throwaway test server."
        echo "listen_addresses = '127.0.0.1'"
        echo "port = $PORT"
        echo "unix_socket_directories = $(sq "$SOCK_DIR")"
        echo "unix_socket_permissions = 0700"
        echo "ssl = on"
        echo "ssl_cert_file = $(sq "$TLS_DIR/server.crt")"
        echo "ssl_key_file = $(sq "$TLS_DIR/server.key")"
        echo "password_encryption = 'scram-sha-256'"
        echo "cluster_name = '$CLUSTER_NAME'"
        echo "# No fsync: fast, and a crash of the machine may lose the last changes (throwaway data)."
        echo "fsync = off"
        echo "synchronous_commit = off"
        echo "full_page_writes = off"
    } >"$DATA/updraft-test.conf"
    if [[ $IS_ROOT -eq 1 ]]; then chown -- "$RUN_USER:$RUN_GROUP" "$DATA/updraft-test.conf"; fi
    chmod 600 -- "$DATA/updraft-test.conf"
}

SERVER_STARTED=0
stop_server() {
    [[ $SERVER_STARTED -eq 1 ]] || return 0
    "$HERE/stop.sh" "$STATE_DIR" >/dev/null 2>&1 || true
    SERVER_STARTED=0
}

# pg_ctl forks postgres into its own session (it survives this script) and waits until postmaster.pid
# says "ready"; -t bounds the wait.
start_attempt() {
    if [[ -n "$PORT_WANTED" && $PORT_PREFERRED -eq 1 ]] && ! port_free "$PORT_WANTED"; then
        note "previous port $PORT_WANTED is taken; picking another"; PORT_WANTED=""; PORT_PREFERRED=0
    fi
    if [[ -n "$PORT_WANTED" && $PORT_PREFERRED -eq 0 ]] && ! port_free "$PORT_WANTED"; then
        die "port $PORT_WANTED on 127.0.0.1 is in use"
    fi
    PORT=$(pick_port "$PORT_WANTED")
    write_conf
    rm -f -- "$SOCK_DIR"/.s.PGSQL.*
    LOG_LINES=$(wc -l <"$LOG" 2>/dev/null || echo 0)
    echo "=== $(date '+%F %T') start.sh: pg_ctl start (port $PORT, user $RUN_USER)" >>"$LOG"
    LOG_LINES=$((LOG_LINES + 1))
    SERVER_STARTED=1
    local rc=0
    as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t "$START_TIMEOUT" -s start >>"$STATE_DIR/pg_ctl.log" 2>&1 || rc=$?
    if [[ $rc -eq 0 ]]; then
        # Ready by postmaster.pid; also answers on the socket?
        local deadline=$((SECONDS + 10))
        until PSQL_DB=postgres psql_super -Atc 'select 1' >/dev/null 2>&1; do
            [[ $SECONDS -lt $deadline ]] || { stop_server; return 2; }
            sleep 0.1
        done
        return 0
    fi
    # Exited during startup, or did not become ready in time (then still running: stop it).
    stop_server
    if tail -n "+$((LOG_LINES + 1))" "$LOG" 2>/dev/null | grep -qiE 'could not bind|address already in use|could not create any TCP/IP sockets'; then
        return 3
    fi
    if grep -q 'did not start in time' "$STATE_DIR/pg_ctl.log" 2>/dev/null; then return 2; fi
    return 1
}

log_tail() {
    echo "---- tail of $LOG" >&2
    tail -n "+$((LOG_LINES + 1))" "$LOG" 2>/dev/null | tail -n 30 >&2 || true
    if [[ -s "$STATE_DIR/pg_ctl.log" ]]; then
        echo "---- tail of $STATE_DIR/pg_ctl.log" >&2
        tail -n 10 "$STATE_DIR/pg_ctl.log" >&2 || true
    fi
}

# Until setup is complete, a failure must not leave a server behind.
SETUP_DONE=0
on_exit() { [[ $SETUP_DONE -eq 1 ]] || stop_server; }
trap on_exit EXIT

: >"$STATE_DIR/pg_ctl.log"
attempt=0
while :; do
    attempt=$((attempt + 1))
    rc=0
    start_attempt || rc=$?
    [[ $rc -ne 0 ]] || break
    if [[ $rc -eq 3 && $attempt -lt 5 && ( -z "$PORT_WANTED" || $PORT_PREFERRED -eq 1 ) ]]; then
        note "port race (attempt $attempt); retrying with another port"
        PORT_WANTED=""; PORT_PREFERRED=0
        continue
    fi
    log_tail
    case $rc in
        2) die "postgres did not accept connections within $START_TIMEOUT s (stopped); see $LOG" ;;
        3) die "postgres could not listen on 127.0.0.1:$PORT; see $LOG" ;;
        *) die "postgres exited during startup; see $LOG" ;;
    esac
done
SERVER_PID=$(head -n 1 "$DATA/postmaster.pid")

# ---------------------------------------------------------------------------------------------
if [[ $restart -eq 0 ]]; then
    # The password goes in as a psql variable (quoted by psql); the server stores a SCRAM verifier.
    if ! psql_super -v pw="$PW" >"$STATE_DIR/setup.log" 2>&1 <<'SQL'
CREATE ROLE updraft LOGIN CREATEDB PASSWORD :'pw';
CREATE DATABASE updraft OWNER updraft;
SQL
    then
        cat "$STATE_DIR/setup.log" >&2
        die "creating role and database updraft failed"
    fi
    rm -f -- "$STATE_DIR/setup.log"
    printf 'PW=%q\n' "$PW" >"$OPTIONS"
    chmod 600 -- "$OPTIONS"
fi

# ---------------------------------------------------------------------------------------------
# The URL.  sslrootcert's value is percent-encoded (libpq decodes URI parameters), which changes
# nothing for ordinary paths.
urlencode() {
    local s=$1 out="" c i
    local LC_ALL=C
    for ((i = 0; i < ${#s}; i++)); do
        c=${s:i:1}
        case "$c" in
            [A-Za-z0-9/._~-]) out+=$c ;;
            *) out+=$(printf '%%%02X' "'$c") ;;
        esac
    done
    printf '%s' "$out"
}
CA_FILE="$TLS_DIR/ca.crt"
URL="postgresql://updraft@127.0.0.1:$PORT/updraft?sslrootcert=$(urlencode "$CA_FILE")"

# Prove it: the role logs in with its password over TLS, and the certificate passes verify-full.
ssl=$(PGPASSWORD=$PW PGCONNECT_TIMEOUT=5 "$BINDIR/psql" -X -Atq "$URL&sslmode=verify-full" \
    -c 'select ssl from pg_stat_ssl where pid = pg_backend_pid()' 2>"$STATE_DIR/tls-check.err" || true)
if [[ "$ssl" != t ]]; then
    cat "$STATE_DIR/tls-check.err" >&2
    die "login as updraft over TLS (sslmode=verify-full) failed"
fi
rm -f -- "$STATE_DIR/tls-check.err"

echo "$PORT" >"$STATE_DIR/postgresql.port"
echo "$URL" >"$STATE_DIR/postgresql.url"
{
    kv() { local v=${2//\'/\'\\\'\'}; printf "%s='%s'\n" "$1" "$v"; }   # POSIX-sh quoting
    kv UPDRAFT_PG_URL "$URL"
    kv UPDRAFT_PG_HOST 127.0.0.1
    kv UPDRAFT_PG_PORT "$PORT"
    kv UPDRAFT_PG_USER updraft
    kv UPDRAFT_PG_DATABASE updraft
    kv UPDRAFT_PG_PASSWORD "$PW"
    kv UPDRAFT_PG_CA_FILE "$CA_FILE"
    kv UPDRAFT_PG_SOCKET_DIR "$SOCK_DIR"
    kv UPDRAFT_PG_SUPERUSER "$SUPERUSER"
    kv UPDRAFT_PG_PID "$SERVER_PID"
} >"$STATE_DIR/postgresql.env"
chmod 600 -- "$STATE_DIR/postgresql.env"

[[ -s "$STATE_DIR/pg_ctl.log" ]] || rm -f -- "$STATE_DIR/pg_ctl.log"
SETUP_DONE=1
note "postgres pid $SERVER_PID ready on 127.0.0.1:$PORT after $(elapsed "$T_START") s (TLS verified; role updraft)"
echo "$URL"
