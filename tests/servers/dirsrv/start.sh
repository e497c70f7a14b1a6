#!/usr/bin/env bash
# Start a throwaway 389 Directory Server (ns-slapd 2.3) on 127.0.0.1 for Updraft tests and demos.
#
#   tests/servers/dirsrv/start.sh STATE_DIR [--suffix DN] [--ldif FILE]... [--ldif-without-entryuuid FILE]...
#                                 [--content-sync] [--port N] [--fresh]
#
# Everything (config, database, logs, run dir, lock dir, pid, ldapi socket) lives in STATE_DIR.
# Prints the ldap:// URL on stdout; progress and errors go to stderr.
# If STATE_DIR already holds a stopped server, it is restarted with its data (LDIF options are
# refused, the previous port is reused when free); --fresh wipes it and starts over.
# Stop with tests/servers/dirsrv/stop.sh STATE_DIR.  See README.md beside this script.
set -euo pipefail

die() { echo "dirsrv/start.sh: $*" >&2; exit 1; }
note() { echo "dirsrv/start.sh: $*" >&2; }

usage() {
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[[ $# -ge 1 ]] || usage
case "$1" in -h|--help) usage ;; -*) die "first argument must be STATE_DIR" ;; esac
STATE_ARG=$1; shift

SUFFIX="dc=example,dc=com"
LDIFS=()
NOUUID_LDIFS=()
CONTENT_SYNC=0
CONTENT_SYNC_GIVEN=0
PORT_WANTED=""
FRESH=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --suffix) [[ $# -ge 2 ]] || die "--suffix needs a value"; SUFFIX=$2; shift 2 ;;
        --suffix=*) SUFFIX=${1#*=}; shift ;;
        --ldif) [[ $# -ge 2 ]] || die "--ldif needs a file"; LDIFS+=("$2"); shift 2 ;;
        --ldif=*) LDIFS+=("${1#*=}"); shift ;;
        --ldif-without-entryuuid) [[ $# -ge 2 ]] || die "--ldif-without-entryuuid needs a file"; NOUUID_LDIFS+=("$2"); shift 2 ;;
        --ldif-without-entryuuid=*) NOUUID_LDIFS+=("${1#*=}"); shift ;;
        --content-sync) CONTENT_SYNC=1; CONTENT_SYNC_GIVEN=1; shift ;;
        --port) [[ $# -ge 2 ]] || die "--port needs a value"; PORT_WANTED=$2; shift 2 ;;
        --fresh) FRESH=1; shift ;;
        -h|--help) usage ;;
        *) die "unknown option: $1 (see --help)" ;;
    esac
done
[[ -z "$PORT_WANTED" || "$PORT_WANTED" =~ ^[0-9]+$ ]] || die "--port needs a number"

ADMIN_PW=${UPDRAFT_TEST_LDAP_ADMIN_PASSWORD:-admin-secret}
SYNC_PW=${UPDRAFT_TEST_LDAP_SYNC_PASSWORD:-sync-secret}

# Absolute LDIF paths (resolved before anything else changes).
abspath() { (cd "$(dirname -- "$1")" && printf '%s/%s' "$(pwd -P)" "$(basename -- "$1")"); }
for i in "${!LDIFS[@]}"; do
    [[ -r "${LDIFS[$i]}" ]] || die "LDIF not readable: ${LDIFS[$i]}"
    LDIFS[i]=$(abspath "${LDIFS[$i]}")
done
for i in "${!NOUUID_LDIFS[@]}"; do
    [[ -r "${NOUUID_LDIFS[$i]}" ]] || die "LDIF not readable: ${NOUUID_LDIFS[$i]}"
    NOUUID_LDIFS[i]=$(abspath "${NOUUID_LDIFS[$i]}")
done

mkdir -p -- "$STATE_ARG"
STATE_DIR=$(cd -- "$STATE_ARG" && pwd -P)
# dscreate feeds paths through Python's configparser (% is special) and str.format ({ }).
[[ ! "$STATE_DIR" =~ [[:space:]%{}] ]] || die "STATE_DIR must not contain spaces, %, { or }: $STATE_DIR"

# Layout.  PREFIX is a private install prefix for lib389 (the PREFIX variable of dscreate/dsctl,
# as "dscreate ds-root" sets up for non-root users): lib389 finds an instance only through
# PREFIX/etc/dirsrv/slapd-NAME/dse.ldif, so the config has to sit at that path.
# The instance name is unique per STATE_DIR: ns-slapd names a POSIX semaphore after it
# (/dev/shm/sem.slapd-NAME.stats), the one thing it keeps outside STATE_DIR while running.
INST="updraft-$(printf '%s' "$STATE_DIR" | cksum | cut -d' ' -f1)"
DS_PREFIX="$STATE_DIR/ds"
CONF_DIR="$DS_PREFIX/etc/dirsrv/slapd-$INST"
DB_DIR="$DS_PREFIX/var/lib/dirsrv/slapd-$INST/db"
LOG_DIR="$DS_PREFIX/var/log/dirsrv/slapd-$INST"
ERRLOG="$LOG_DIR/errors"
RUN_DIR="$DS_PREFIX/run/dirsrv"
INNER_PIDFILE="$RUN_DIR/slapd-$INST.pid"   # written by ns-slapd -i (also used by dscreate/dsctl)
LDAPI_PATH="$STATE_DIR/ldapi"
PIDFILE="$STATE_DIR/dirsrv.pid"
LOG="$STATE_DIR/dirsrv.log"                # ns-slapd's stderr (a copy of the error log) and ours
OPTIONS="$STATE_DIR/dirsrv.options"

# ---------------------------------------------------------------------------------------------
# Tools. /usr/sbin is often not on a normal user's PATH.
find_tool() {
    local t
    t=$(PATH="$PATH:/usr/sbin:/usr/local/sbin:/sbin" command -v "$1" 2>/dev/null) || return 1
    printf '%s' "$t"
}
NS_SLAPD=$(find_tool ns-slapd) || die "ns-slapd not found (apt-get install 389-ds-base)"
DSCREATE=$(find_tool dscreate) || die "dscreate not found (apt-get install 389-ds-base python3-lib389)"
PWDHASH=$(find_tool pwdhash) || die "pwdhash not found (package 389-ds-base)"
LDAPWHOAMI=$(find_tool ldapwhoami) || die "ldapwhoami not found (package ldap-utils)"
LDAPMODIFY=$(find_tool ldapmodify) || die "ldapmodify not found (package ldap-utils)"
LDAPSEARCH=$(find_tool ldapsearch) || die "ldapsearch not found (package ldap-utils)"
SYS_DEFAULTS=/usr/share/dirsrv/inf/defaults.inf
[[ -r $SYS_DEFAULTS ]] || die "$SYS_DEFAULTS not found (package 389-ds-base)"

# ldapi:// paths are limited to 108 bytes (sun_path); dscreate talks to the server over ldapi.
[[ ${#LDAPI_PATH} -le 100 ]] || die "STATE_DIR path too long for the ldapi socket (dscreate needs it): $LDAPI_PATH"
LDAPI_URL="ldapi://$(printf '%s' "$LDAPI_PATH" | sed 's|%|%25|g; s|/|%2F|g; s|,|%2C|g')"

export LDAPNOINIT=1   # our own client calls must not read ~/.ldaprc or /etc/ldap/ldap.conf

# Is ns-slapd running?  PID alive, not a zombie, and it is an ns-slapd on our config dir.
pid_alive() {
    local pid=$1 stat
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}
pid_is_ours() {
    local cmd
    pid_alive "$1" || return 1
    cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
    [[ "$cmd" == *ns-slapd* && "$cmd" == *"$CONF_DIR "* ]]
}

for f in "$PIDFILE" "$INNER_PIDFILE"; do
    [[ -f "$f" ]] || continue
    oldpid=$(cat "$f" 2>/dev/null || true)
    if pid_is_ours "$oldpid"; then
        die "an ns-slapd (pid $oldpid) is already running for $STATE_DIR; run stop.sh first"
    fi
done
rm -f -- "$PIDFILE"

# ---------------------------------------------------------------------------------------------
# The account ns-slapd runs as (nsslapd-localuser; it starts as root and drops to it).
# As root: the Debian package's "dirsrv" user, when it can reach STATE_DIR; otherwise root
# (e.g. STATE_DIR under /root, mode 700).  As a normal user: that user.
choose_user() {
    if [[ $(id -u) -ne 0 ]]; then
        RUN_USER=$(id -un); RUN_GROUP=$(id -gn); return
    fi
    RUN_USER=${UPDRAFT_DIRSRV_USER:-}
    if [[ -z "$RUN_USER" ]]; then
        RUN_USER=root
        if id dirsrv >/dev/null 2>&1; then
            if setpriv --reuid=dirsrv --regid="$(id -g dirsrv)" --init-groups test -x "$STATE_DIR/" 2>/dev/null; then
                RUN_USER=dirsrv
            else
                note "user dirsrv cannot reach $STATE_DIR; running ns-slapd as root"
            fi
        fi
    fi
    RUN_GROUP=$(id -gn "$RUN_USER") || die "no such user: $RUN_USER"
}

restart=0
if [[ -f "$CONF_DIR/dse.ldif" && -f "$OPTIONS" && $FRESH -eq 0 ]]; then
    restart=1
    [[ ${#LDIFS[@]} -eq 0 && ${#NOUUID_LDIFS[@]} -eq 0 ]] \
        || die "$STATE_DIR already holds a database; use --fresh to load LDIF"
    cli_content_sync=$CONTENT_SYNC
    # shellcheck disable=SC1090
    source "$OPTIONS"
    if [[ $CONTENT_SYNC_GIVEN -eq 1 && $cli_content_sync -ne $CONTENT_SYNC ]]; then
        die "$STATE_DIR was created without --content-sync; use --fresh"
    fi
    note "restarting existing server in $STATE_DIR (suffix $SUFFIX)"
    [[ -z "$PORT_WANTED" && -f "$STATE_DIR/dirsrv.port" ]] && PORT_WANTED=$(cat "$STATE_DIR/dirsrv.port") && PORT_PREFERRED=1
else
    # Fresh: remove only what this script creates.
    rm -rf -- "$DS_PREFIX"
    rm -f -- "$LOG" "$OPTIONS" "$LDAPI_PATH" "$STATE_DIR"/dirsrv.{port,url,ldapi_url,env} \
        "$STATE_DIR"/{dscreate.inf,dscreate.log,base.ldif,acis.ldif,load.log,logs}
    choose_user
fi
PORT_PREFERRED=${PORT_PREFERRED:-0}

FIRST_RDN=${SUFFIX%%,*}
RDN_ATTR=$(printf '%s' "${FIRST_RDN%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
RDN_VAL=${FIRST_RDN#*=}
ADMIN_DN="cn=Directory Manager"
SYNC_DN="cn=updraft,ou=Service,$SUFFIX"

# ---------------------------------------------------------------------------------------------
# Ports: a free random port in 20000-32767 (or --port); retried if another process takes it.
# shellcheck source=../lib/freeport.sh
. "$(dirname -- "$0")/../lib/freeport.sh"

# Client calls as Directory Manager.
dm_modify() { "$LDAPMODIFY" -x -H "ldap://127.0.0.1:$PORT" -D "$ADMIN_DN" -w "$ADMIN_PW" -o nettimeout=10 "$@"; }

# Replace the value of a cn=config attribute that occurs once in dse.ldif, while the server is
# stopped (ns-slapd reads dse.ldif at startup and rewrites it).  Keeps the file's owner and mode.
set_dse_attr() {  # $1 = attribute, $2 = value
    local dse="$CONF_DIR/dse.ldif" new
    [[ $(grep -ci "^$1: " "$dse") -eq 1 ]] || die "$1 not found once in $dse"
    new=$(sed "s|^$1: .*|$1: $2|I" "$dse") || die "cannot read $dse"
    printf '%s\n' "$new" >"$dse"
}

# ---------------------------------------------------------------------------------------------
# Start ns-slapd in the foreground (as a background job of this script, so $! is its PID).
# ns-slapd detaches unless it is run with -d (which also silences the error log) or under
# systemd (Type=notify): with NOTIFY_SOCKET set it stays in the foreground and still writes the
# error log.  The socket path does not exist, so its readiness notification goes nowhere.
SERVER_PID=""
start_attempt() {  # $1 $2 = DN and password the readiness check binds with
    local check_dn=$1 check_pw=$2
    if [[ -n "$PORT_WANTED" && $PORT_PREFERRED -eq 1 ]] && ! port_free "$PORT_WANTED"; then
        note "previous port $PORT_WANTED is taken; picking another"; PORT_WANTED=""; PORT_PREFERRED=0
    fi
    PORT=$(pick_port "$PORT_WANTED" "")
    set_dse_attr nsslapd-port "$PORT"
    rm -f -- "$LDAPI_PATH" "$INNER_PIDFILE"
    echo "=== $(date '+%F %T') start: $NS_SLAPD -D $CONF_DIR -i $INNER_PIDFILE (port $PORT)" >>"$LOG"
    ERR_LINES=$(wc -l <"$ERRLOG" 2>/dev/null || echo 0)
    (cd "$STATE_DIR" && NOTIFY_SOCKET="$STATE_DIR/notify.nonexistent" \
        exec "$NS_SLAPD" -D "$CONF_DIR" -i "$INNER_PIDFILE") </dev/null >>"$LOG" 2>&1 &
    SERVER_PID=$!
    disown "$SERVER_PID" 2>/dev/null || true
    echo "$SERVER_PID" >"$PIDFILE"

    local deadline=$((SECONDS + 30))
    while :; do
        if ! pid_alive "$SERVER_PID"; then
            wait "$SERVER_PID" 2>/dev/null || true
            rm -f -- "$PIDFILE"; SERVER_PID=""
            return 1
        fi
        if "$LDAPWHOAMI" -x -H "ldap://127.0.0.1:$PORT" -D "$check_dn" -w "$check_pw" \
            -o nettimeout=1 >/dev/null 2>&1; then
            return 0
        fi
        if [[ $SECONDS -ge $deadline ]]; then
            stop_server
            return 2
        fi
        sleep 0.1
    done
}

# SIGTERM, SIGKILL after 10 s (ns-slapd needs 1-3 s to close its databases).
stop_server() {
    [[ -n "$SERVER_PID" ]] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do pid_alive "$SERVER_PID" || break; sleep 0.1; done
    if pid_alive "$SERVER_PID"; then
        kill -KILL "$SERVER_PID" 2>/dev/null || true; sleep 0.2
        rm -f -- "/dev/shm/sem.slapd-$INST.stats"   # a clean shutdown removes it
    fi
    wait "$SERVER_PID" 2>/dev/null || true
    rm -f -- "$PIDFILE"; SERVER_PID=""
}

err_tail() {
    echo "---- tail of $ERRLOG" >&2
    tail -n "+$((ERR_LINES + 1))" "$ERRLOG" 2>/dev/null | tail -n 30 >&2 || true
}

start_server() {  # $1 $2 = DN and password for the readiness check
    local attempt=0 rc
    while :; do
        attempt=$((attempt + 1))
        rc=0
        start_attempt "$1" "$2" || rc=$?
        [[ $rc -ne 0 ]] || return 0
        if [[ $rc -eq 1 ]] && tail -n "+$((ERR_LINES + 1))" "$ERRLOG" 2>/dev/null | grep -qi 'address is in use' \
            && [[ $attempt -lt 5 && ( -z "$PORT_WANTED" || $PORT_PREFERRED -eq 1 ) ]]; then
            note "port race (attempt $attempt); retrying with another port"
            PORT_WANTED=""; PORT_PREFERRED=0
            continue
        fi
        err_tail
        if [[ $rc -eq 2 ]]; then die "ns-slapd did not answer as $1 within 30 s (killed)"; fi
        die "ns-slapd exited during startup"
    done
}

# Until setup is complete, a failure must not leave a server behind.
SETUP_DONE=0
on_exit() { [[ $SETUP_DONE -eq 1 ]] || stop_server; }
trap on_exit EXIT

# ---------------------------------------------------------------------------------------------
if [[ $restart -eq 0 ]]; then
    note "creating a 389 DS instance in $STATE_DIR (suffix $SUFFIX, ns-slapd runs as $RUN_USER)"
    t0=$(date +%s.%N)

    # ---- private install prefix: directories the server user can traverse (dscreate's own
    # makedirs would create root-only parents), a defaults.inf with every path under PREFIX
    # and systemd/SELinux off, and the system's config templates.
    (
        umask 022
        for d in share/dirsrv/inf share/dirsrv/data etc/dirsrv run/dirsrv run/lock/dirsrv \
                 var/lib/dirsrv var/log/dirsrv tmp; do
            mkdir -p "$DS_PREFIX/$d"
        done
        cp -r /etc/dirsrv/config /etc/dirsrv/schema "$DS_PREFIX/etc/dirsrv/"
        # Data templates: links to the system's, except template-dse.ldif, which gets
        # nsslapd-listenhost so that even dscreate's temporary server listens on 127.0.0.1 only.
        for f in /usr/share/dirsrv/data/*; do ln -s "$f" "$DS_PREFIX/share/dirsrv/data/"; done
        rm -f "$DS_PREFIX/share/dirsrv/data/template-dse.ldif"
        awk '{ print } $0 == "dn: cn=config" { print "nsslapd-listenhost: 127.0.0.1" }' \
            /usr/share/dirsrv/data/template-dse.ldif >"$DS_PREFIX/share/dirsrv/data/template-dse.ldif"
        # defaults.inf: keep the system's binaries, libraries, plugins and schema; put every
        # other absolute path under PREFIX.
        while IFS= read -r line; do
            key=${line%% = *}; val=${line#* = }
            if [[ "$line" != *" = "* || "$line" == [\;#\[]* ]]; then printf '%s\n' "$line"; continue; fi
            case "$key" in
                with_systemd) val=0 ;;
                with_selinux) val=no ;;
                prefix) val=$DS_PREFIX ;;
                data_dir) val=$DS_PREFIX/share ;;
                bin_dir|sbin_dir|lib_dir|plugin_dir|system_schema_dir) ;;
                *) [[ "$val" != /* ]] || val=$DS_PREFIX$val ;;
            esac
            printf '%s = %s\n' "$key" "$val"
        done <"$SYS_DEFAULTS" >"$DS_PREFIX/share/dirsrv/inf/defaults.inf"
    ) || die "cannot prepare $DS_PREFIX"

    # ---- dscreate answer file.  The root password goes in pre-hashed (pwdhash), so it may be
    # shorter than dscreate's 8-character minimum and is not stored in clear here.
    ADMIN_HASH=$("$PWDHASH" -s SSHA512 "$ADMIN_PW") || die "pwdhash failed"
    attempt=0
    while :; do
        attempt=$((attempt + 1))
        PORT=$(pick_port "$PORT_WANTED" "")
        SECURE_PORT=$(pick_port "" "$PORT")   # recorded in cn=config only; TLS stays off
        {
            echo "; Generated by tests/servers/dirsrv/start.sh -- throwaway test server."
            echo "[general]"
            echo "full_machine_name = localhost"
            echo "strict_host_checking = False"
            echo "selinux = False"
            echo "systemd = False"
            echo "start = False"
            echo "[slapd]"
            echo "instance_name = $INST"
            echo "user = $RUN_USER"
            echo "group = $RUN_GROUP"
            echo "port = $PORT"
            echo "secure_port = $SECURE_PORT"
            echo "self_sign_cert = False"
            echo "root_dn = $ADMIN_DN"
            echo "root_password = $ADMIN_HASH"
            echo "ldapi = $LDAPI_PATH"
            echo "db_dir = $DB_DIR"
            echo "db_home_dir = $DB_DIR"
            echo "[backend-userroot]"
            echo "suffix = $SUFFIX"
            echo "; no create_suffix_entry: dscreate treats any value, even False, as true"
        } >"$STATE_DIR/dscreate.inf"
        chmod 600 "$STATE_DIR/dscreate.inf"

        # PREFIX makes lib389 read PREFIX/share/dirsrv/inf/defaults.inf and find the instance
        # under PREFIX/etc/dirsrv.  dscreate starts the server once (detached), configures it
        # over ldapi and stops it again (start = False).
        rc=0
        (cd "$STATE_DIR" && PREFIX="$DS_PREFIX" INSTALL_PREFIX="$DS_PREFIX" DEBUGGING="" \
            "$DSCREATE" -v from-file "$STATE_DIR/dscreate.inf") >"$STATE_DIR/dscreate.log" 2>&1 || rc=$?
        # Belt and braces: dscreate's temporary server must be gone, whatever happened.
        if [[ -f "$INNER_PIDFILE" ]] && pid_is_ours "$(cat "$INNER_PIDFILE")"; then
            SERVER_PID=$(cat "$INNER_PIDFILE"); stop_server
        fi
        [[ $rc -ne 0 ]] || break
        if grep -q 'is already in use' "$STATE_DIR/dscreate.log" && [[ -z "$PORT_WANTED" && $attempt -lt 5 ]]; then
            note "port race in dscreate (attempt $attempt); retrying with another port"
            continue
        fi
        grep -E 'ERROR|Error|error' "$STATE_DIR/dscreate.log" | tail -n 15 >&2 || true
        die "dscreate failed (see $STATE_DIR/dscreate.log)"
    done
    t1=$(date +%s.%N)
    note "dscreate took $(awk "BEGIN{printf \"%.1f\", $t1-$t0}") s"
    ln -sfn "ds/var/log/dirsrv/slapd-$INST" "$STATE_DIR/logs"
    # No fsync per transaction (like slapd's dbnosync): adds are ~10x faster.  A crash may lose
    # the last changes, never the database.
    set_dse_attr nsslapd-db-durable-transaction off
    PORT_WANTED=$PORT; PORT_PREFERRED=1

    printf 'SUFFIX=%q\nCONTENT_SYNC=%q\nADMIN_PW=%q\nSYNC_PW=%q\nRUN_USER=%q\n' \
        "$SUFFIX" "$CONTENT_SYNC" "$ADMIN_PW" "$SYNC_PW" "$RUN_USER" >"$OPTIONS"
    chmod 600 "$OPTIONS"

    # ---- first start (the sync account does not exist yet: check as Directory Manager)
    start_server "$ADMIN_DN" "$ADMIN_PW"

    # ---- base entries
    suffix_in_ldif=0
    if [[ ${#LDIFS[@]} -gt 0 || ${#NOUUID_LDIFS[@]} -gt 0 ]]; then
        # Does a supplied LDIF already define the suffix entry?
        if grep -iqxF "dn: $SUFFIX" "${LDIFS[@]}" "${NOUUID_LDIFS[@]}" 2>/dev/null; then suffix_in_ldif=1; fi
    fi
    base="$STATE_DIR/base.ldif"
    {
        if [[ $suffix_in_ldif -eq 0 ]]; then
            echo "dn: $SUFFIX"
            case "$RDN_ATTR" in
                dc) printf 'objectClass: top\nobjectClass: dcObject\nobjectClass: organization\ndc: %s\no: %s\n' "$RDN_VAL" "$RDN_VAL" ;;
                o) printf 'objectClass: top\nobjectClass: organization\no: %s\n' "$RDN_VAL" ;;
                ou) printf 'objectClass: top\nobjectClass: organizationalUnit\nou: %s\n' "$RDN_VAL" ;;
                *) die "cannot build a suffix entry for '$FIRST_RDN' (use dc=, o= or ou=, or supply it in an --ldif)" ;;
            esac
            echo
        fi
        printf 'dn: ou=Service,%s\nobjectClass: top\nobjectClass: organizationalUnit\nou: Service\n\n' "$SUFFIX"
        # ns*Limit are operational attributes: no limit for the sync account (-1 = unlimited).
        printf '%s\n' "dn: $SYNC_DN" "objectClass: top" "objectClass: organizationalRole" \
            "objectClass: simpleSecurityObject" "cn: updraft" "description: Updraft read-only sync account" \
            "userPassword:: $(printf '%s' "$SYNC_PW" | base64 -w0)" "nsSizeLimit: -1" "nsLookThroughLimit: -1" "nsPagedSizeLimit: -1" \
            "nsPagedLookThroughLimit: -1" "nsTimeLimit: -1" ""
    } >"$base"
    chmod 600 "$base"
    # ACIs on the suffix entry (they apply to it and everything below).  In 389 DS "*" covers
    # the operational attributes too (nsUniqueId, entryUUID, nsAccountLock, ...); 2.3 rejects
    # OpenLDAP's "+" ("targetattr "+" does not exist in schema").
    acis="$STATE_DIR/acis.ldif"
    printf '%s\n' "dn: $SUFFIX" "changetype: modify" "add: aci" \
        "aci: (targetattr=\"*\")(version 3.0; acl \"Updraft sync account reads everything\"; allow (read, search, compare) userdn=\"ldap:///$SYNC_DN\";)" \
        "aci: (targetattr!=\"userPassword\")(version 3.0; acl \"Users read all but passwords\"; allow (read, search, compare) userdn=\"ldap:///all\";)" \
        "aci: (targetattr=\"userPassword\")(version 3.0; acl \"Users change their own password\"; allow (write) userdn=\"ldap:///self\";)" \
        "" >"$acis"

    : >"$STATE_DIR/load.log"
    load_one() {  # ldapadd as Directory Manager; -a: plain LDIF entries are adds
        dm_modify -a -f "$1" >>"$STATE_DIR/load.log" 2>&1 \
            || { tail -n 20 "$STATE_DIR/load.log" >&2; die "loading $1 failed (see $STATE_DIR/load.log)"; }
    }
    set_plugin() {  # $1 = plugin cn, $2 = on|off
        printf '%s\n' "dn: cn=$1,cn=plugins,cn=config" "changetype: modify" "replace: nsslapd-pluginEnabled" \
            "nsslapd-pluginEnabled: $2" "" | dm_modify >>"$STATE_DIR/load.log" 2>&1 \
            || { tail -n 20 "$STATE_DIR/load.log" >&2; die "cannot turn plugin '$1' $2"; }
    }
    set_config() {  # $1 = cn=config attribute, $2 = value
        printf '%s\n' "dn: cn=config" "changetype: modify" "replace: $1" "$1: $2" "" \
            | dm_modify >>"$STATE_DIR/load.log" 2>&1 || { tail -n 20 "$STATE_DIR/load.log" >&2; die "cannot set $1"; }
    }

    t0=$(date +%s.%N)
    if [[ $suffix_in_ldif -eq 0 ]]; then load_one "$base"; load_one "$acis"; fi
    for f in "${LDIFS[@]}"; do load_one "$f"; done
    if [[ ${#NOUUID_LDIFS[@]} -gt 0 ]]; then
        # The entryUUID plugin (on by default) adds entryUUID to every entry added over LDAP.
        # Turn it off for these files; nsslapd-dynamic-plugins makes that take effect at once.
        set_config nsslapd-dynamic-plugins on
        set_plugin entryuuid off
        for f in "${NOUUID_LDIFS[@]}"; do load_one "$f"; done
        set_plugin entryuuid on
        set_config nsslapd-dynamic-plugins off
    fi
    if [[ $suffix_in_ldif -eq 1 ]]; then load_one "$base"; load_one "$acis"; fi
    t1=$(date +%s.%N)
    n=$((${#LDIFS[@]} + ${#NOUUID_LDIFS[@]}))
    [[ $n -eq 0 ]] || note "ldapadd loaded $n LDIF file(s) in $(awk "BEGIN{printf \"%.2f\", $t1-$t0}") s"

    # ---- Content Synchronization (RFC 4533).  It reads the retro changelog, which must record
    # nsUniqueId as targetUniqueId; both plugins are read at startup: restart.
    if [[ $CONTENT_SYNC -eq 1 ]]; then
        printf '%s\n' "dn: cn=Retro Changelog Plugin,cn=plugins,cn=config" "changetype: modify" \
            "replace: nsslapd-pluginEnabled" "nsslapd-pluginEnabled: on" "-" \
            "replace: nsslapd-attribute" "nsslapd-attribute: nsuniqueid:targetUniqueId" "-" \
            "replace: nsslapd-include-suffix" "nsslapd-include-suffix: $SUFFIX" "" \
            | dm_modify >>"$STATE_DIR/load.log" 2>&1 || { tail -n 20 "$STATE_DIR/load.log" >&2; die "cannot configure the retro changelog"; }
        set_plugin "Content Synchronization" on
        note "restarting to activate Content Synchronization"
        stop_server
        start_server "$SYNC_DN" "$SYNC_PW"
        "$LDAPSEARCH" -x -LLL -H "ldap://127.0.0.1:$PORT" -o nettimeout=5 -b "" -s base supportedControl 2>/dev/null \
            | grep -qx 'supportedControl: 1.3.6.1.4.1.4203.1.9.1.1' \
            || die "the root DSE does not list the sync control 1.3.6.1.4.1.4203.1.9.1.1"
    fi
fi

# ---------------------------------------------------------------------------------------------
if [[ -z "$SERVER_PID" ]]; then
    start_server "$SYNC_DN" "$SYNC_PW"
elif ! "$LDAPWHOAMI" -x -H "ldap://127.0.0.1:$PORT" -D "$SYNC_DN" -w "$SYNC_PW" -o nettimeout=5 >/dev/null 2>&1; then
    err_tail
    die "the sync account $SYNC_DN cannot bind"
fi

URL="ldap://127.0.0.1:$PORT"
echo "$PORT" >"$STATE_DIR/dirsrv.port"
echo "$URL" >"$STATE_DIR/dirsrv.url"
echo "$LDAPI_URL" >"$STATE_DIR/dirsrv.ldapi_url"
{
    kv() { local v=${2//\'/\'\\\'\'}; printf "%s='%s'\n" "$1" "$v"; }   # POSIX-sh quoting
    kv UPDRAFT_LDAP_URL "$URL"
    kv UPDRAFT_LDAP_PORT "$PORT"
    kv UPDRAFT_LDAP_LDAPI_URL "$LDAPI_URL"
    kv UPDRAFT_LDAP_BASE_DN "$SUFFIX"
    kv UPDRAFT_LDAP_SYNC_DN "$SYNC_DN"
    kv UPDRAFT_LDAP_SYNC_PASSWORD "$SYNC_PW"
    kv UPDRAFT_LDAP_ADMIN_DN "$ADMIN_DN"
    kv UPDRAFT_LDAP_ADMIN_PASSWORD "$ADMIN_PW"
    kv UPDRAFT_LDAP_PID "$SERVER_PID"
} >"$STATE_DIR/dirsrv.env"
chmod 600 "$STATE_DIR/dirsrv.env"
SETUP_DONE=1

note "ns-slapd pid $SERVER_PID ready at $URL (sync account $SYNC_DN$([[ $CONTENT_SYNC -eq 1 ]] && echo ', content sync on'))"
echo "$URL"
