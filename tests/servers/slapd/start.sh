#!/usr/bin/env bash
# Start a throwaway OpenLDAP (slapd 2.5) on 127.0.0.1 for Updraft tests and demos.
#
#   tests/servers/slapd/start.sh STATE_DIR [--suffix DN] [--ldif FILE]... [--no-syncprov]
#                                [--tls] [--port N] [--ldaps-port N] [--loglevel LEVEL] [--fresh]
#                                [--acl-deny DN]...
#
# Everything (config, database, certificates, log, socket, pid) lives in STATE_DIR.
# Prints the ldap:// URL on stdout; progress and errors go to stderr.
# If STATE_DIR already holds a stopped server, it is restarted with its data (other options
# are ignored, the previous port is reused when free); --fresh wipes it and starts over.
# Stop with tests/servers/slapd/stop.sh STATE_DIR.  See README.md beside this script.
set -euo pipefail

die() { echo "slapd/start.sh: $*" >&2; exit 1; }
note() { echo "slapd/start.sh: $*" >&2; }

usage() {
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[[ $# -ge 1 ]] || usage
case "$1" in -h|--help) usage ;; -*) die "first argument must be STATE_DIR" ;; esac
STATE_ARG=$1; shift

SUFFIX="dc=example,dc=com"
LDIFS=()
SYNCPROV=1
SESSIONLOG=1
TLS=0
PORT_WANTED=""
LDAPS_PORT_WANTED=""
LOGLEVEL=""
FRESH=0
ACL_DENY=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --suffix) [[ $# -ge 2 ]] || die "--suffix needs a value"; SUFFIX=$2; shift 2 ;;
        --suffix=*) SUFFIX=${1#*=}; shift ;;
        --ldif) [[ $# -ge 2 ]] || die "--ldif needs a file"; LDIFS+=("$2"); shift 2 ;;
        --ldif=*) LDIFS+=("${1#*=}"); shift ;;
        --no-syncprov) SYNCPROV=0; shift ;;
        --no-sessionlog) SESSIONLOG=0; shift ;;
        --tls) TLS=1; shift ;;
        --port) [[ $# -ge 2 ]] || die "--port needs a value"; PORT_WANTED=$2; shift 2 ;;
        --ldaps-port) [[ $# -ge 2 ]] || die "--ldaps-port needs a value"; LDAPS_PORT_WANTED=$2; shift 2 ;;
        --loglevel) [[ $# -ge 2 ]] || die "--loglevel needs a value"; LOGLEVEL=$2; shift 2 ;;
        --fresh) FRESH=1; shift ;;
        --acl-deny) [[ $# -ge 2 ]] || die "--acl-deny needs a DN"; ACL_DENY+=("$2"); shift 2 ;;
        -h|--help) usage ;;
        *) die "unknown option: $1 (see --help)" ;;
    esac
done

ADMIN_PW=${UPDRAFT_TEST_LDAP_ADMIN_PASSWORD:-admin-secret}
SYNC_PW=${UPDRAFT_TEST_LDAP_SYNC_PASSWORD:-sync-secret}

# Absolute LDIF paths (resolved before anything else changes).
for i in "${!LDIFS[@]}"; do
    f=${LDIFS[$i]}
    [[ -r "$f" ]] || die "LDIF not readable: $f"
    LDIFS[$i]=$(cd "$(dirname -- "$f")" && printf '%s/%s' "$(pwd -P)" "$(basename -- "$f")")
done

mkdir -p -- "$STATE_ARG"
STATE_DIR=$(cd -- "$STATE_ARG" && pwd -P)
CONF="$STATE_DIR/slapd.conf"
LOG="$STATE_DIR/slapd.log"
PIDFILE="$STATE_DIR/slapd.pid"

# ---------------------------------------------------------------------------------------------
# Tools. /usr/sbin is often not on a normal user's PATH.
find_tool() {
    local t
    t=$(PATH="$PATH:/usr/sbin:/usr/local/sbin:/sbin" command -v "$1" 2>/dev/null) || return 1
    printf '%s' "$t"
}
SLAPD=${UPDRAFT_SLAPD:-$(find_tool slapd)} || die "slapd not found (apt-get install slapd ldap-utils)"
SLAPPASSWD=$(find_tool slappasswd) || die "slappasswd not found (package slapd)"
LDAPWHOAMI=$(find_tool ldapwhoami) || die "ldapwhoami not found (package ldap-utils)"
MODULE_DIR=${UPDRAFT_SLAPD_MODULE_DIR:-/usr/lib/ldap}
[[ -f "$MODULE_DIR/back_mdb.la" || -f "$MODULE_DIR/back_mdb.so" ]] || die "back_mdb module not found in $MODULE_DIR"

# Whether PID is a live (not zombie) process.
pid_alive() {
    local stat
    [[ "$1" =~ ^[0-9]+$ ]] || return 1
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}
# Is slapd running?  PID alive, and it is a slapd using our config.
pid_is_ours() {
    local pid=$1 cmd
    pid_alive "$pid" || return 1
    cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
    [[ "$cmd" == *slapd* && "$cmd" == *"$CONF"* ]]
}

if [[ -f "$PIDFILE" ]]; then
    oldpid=$(cat "$PIDFILE" 2>/dev/null || true)
    if pid_is_ours "$oldpid"; then
        die "a slapd (pid $oldpid) is already running for $STATE_DIR; run stop.sh first"
    fi
    rm -f -- "$PIDFILE"
fi

# AppArmor: Ubuntu (and some Debian setups) confine /usr/sbin/slapd to /etc/ldap, /var/lib/ldap,
# /run/slapd ...; a state dir under /tmp or $HOME is then denied.  The profile attaches by path,
# so a private copy of the binary runs unconfined.
apparmor_confines_slapd() {
    [[ -z "${UPDRAFT_SLAPD:-}" ]] || return 1
    local prof=/sys/kernel/security/apparmor/profiles
    if [[ -r $prof ]]; then
        grep -Eq '(^|/)slapd \(enforce\)' "$prof" && return 0
        return 1
    fi
    [[ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null || true)" == Y ]] || return 1
    [[ -e /etc/apparmor.d/usr.sbin.slapd && ! -e /etc/apparmor.d/disable/usr.sbin.slapd ]]
}

# ---------------------------------------------------------------------------------------------
restart=0
if [[ -f "$CONF" && -f "$STATE_DIR/db/data.mdb" && $FRESH -eq 0 ]]; then
    restart=1
    [[ ${#LDIFS[@]} -eq 0 ]] || die "$STATE_DIR already holds a database; use --fresh to reload LDIF"
    cli_loglevel=$LOGLEVEL
    # shellcheck disable=SC1091
    source "$STATE_DIR/slapd.options"
    LOGLEVEL=${cli_loglevel:-$LOGLEVEL}
    note "restarting existing server in $STATE_DIR (suffix $SUFFIX)"
    [[ -z "$PORT_WANTED" && -f "$STATE_DIR/slapd.port" ]] && PORT_WANTED=$(cat "$STATE_DIR/slapd.port") && PORT_PREFERRED=1
    if [[ $TLS -eq 1 && -z "$LDAPS_PORT_WANTED" && -f "$STATE_DIR/slapd.ldaps_port" ]]; then
        LDAPS_PORT_WANTED=$(cat "$STATE_DIR/slapd.ldaps_port"); LDAPS_PORT_PREFERRED=1
    fi
else
    # Fresh: remove only what this script creates.
    rm -rf -- "$STATE_DIR/db" "$STATE_DIR/bin"
    rm -f -- "$CONF" "$LOG" "$STATE_DIR"/slapd.{port,url,ldaps_port,ldaps_url,ldapi_url,env,options} \
        "$STATE_DIR"/{base.ldif,slapadd.log,tls-check.err,ca.pem,ca.key,ca.srl,server.pem,server.key,server.csr,server.ext,ldapi}
fi
PORT_PREFERRED=${PORT_PREFERRED:-0}
LOGLEVEL=${LOGLEVEL:-none}
LDAPS_PORT_PREFERRED=${LDAPS_PORT_PREFERRED:-0}

if apparmor_confines_slapd; then
    mkdir -p "$STATE_DIR/bin"
    cp -f -- "$SLAPD" "$STATE_DIR/bin/slapd"
    SLAPD="$STATE_DIR/bin/slapd"
    note "AppArmor confines /usr/sbin/slapd; using an unconfined copy $SLAPD"
fi

# First RDN of the suffix -> suffix entry.
FIRST_RDN=${SUFFIX%%,*}
RDN_ATTR=$(printf '%s' "${FIRST_RDN%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
RDN_VAL=${FIRST_RDN#*=}
ADMIN_DN="cn=admin,$SUFFIX"
SYNC_DN="cn=updraft,ou=Service,$SUFFIX"
POLICY_DN="cn=default,ou=Policies,$SUFFIX"

# ---------------------------------------------------------------------------------------------
if [[ $restart -eq 0 ]]; then
    note "setting up $STATE_DIR (suffix $SUFFIX)"
    mkdir -p "$STATE_DIR/db"
    chmod 700 "$STATE_DIR/db"

    ADMIN_HASH=$("$SLAPPASSWD" -h '{SSHA}' -s "$ADMIN_PW")
    SYNC_HASH=$("$SLAPPASSWD" -h '{SSHA}' -s "$SYNC_PW")

    # ---- TLS material (throwaway CA + server cert for 127.0.0.1 / localhost)
    if [[ $TLS -eq 1 ]]; then
        command -v openssl >/dev/null || die "--tls needs openssl"
        # libldap replaces the host name "localhost" by the reverse lookup of the peer address
        # (here: the machine's host name), so the machine's names go into the SAN as well.
        SAN="IP:127.0.0.1"
        for n in localhost localhost.localdomain $(hostname 2>/dev/null || true) $(hostname -f 2>/dev/null || true) \
                 $(awk '$1 == "127.0.0.1" || $1 == "127.0.1.1" { for (i = 2; i <= NF; i++) print $i }' /etc/hosts 2>/dev/null || true); do
            [[ "$n" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]] || continue
            [[ ",$SAN," == *",DNS:$n,"* ]] || SAN="$SAN,DNS:$n"
        done
        (
            cd "$STATE_DIR"
            umask 077
            openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
                -keyout ca.key -out ca.pem -days 30 -subj "/CN=Updraft test CA $(date +%s)" \
                -addext "basicConstraints=critical,CA:TRUE" \
                -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
            openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
                -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null
            printf '%s\n' "basicConstraints=critical,CA:FALSE" \
                "keyUsage=critical,digitalSignature,keyEncipherment" \
                "extendedKeyUsage=serverAuth" \
                "subjectAltName=$SAN" >server.ext
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
                -out server.pem -days 30 -extfile server.ext 2>/dev/null
            rm -f server.csr server.ext ca.srl
            chmod 644 ca.pem server.pem
        ) || die "certificate generation failed"
    fi

    # ---- slapd.conf
    {
        echo "# Generated by tests/servers/slapd/start.sh -- throwaway test server, do not edit."
        echo "include /etc/ldap/schema/core.schema"
        echo "include /etc/ldap/schema/cosine.schema"
        echo "include /etc/ldap/schema/nis.schema"
        echo "include /etc/ldap/schema/inetorgperson.schema"
        echo "include \"$(cd -- "$(dirname -- "$0")" && pwd -P)/samba-nt.schema\""
        echo "# ppolicy's schema is built into the 2.5 overlay: do not include ppolicy.schema"
        echo
        echo "modulepath \"$MODULE_DIR\""
        echo "moduleload back_mdb"
        [[ $SYNCPROV -eq 1 ]] && echo "moduleload syncprov"
        echo "moduleload ppolicy"
        for m in pw-sha2 argon2; do
            [[ -f "$MODULE_DIR/$m.la" || -f "$MODULE_DIR/$m.so" ]] && echo "moduleload $m"
        done
        echo
        echo "# start.sh passes --loglevel as slapd -d LEVEL, which writes to slapd.log"
        echo "loglevel none"
        echo "# plain searches: 500 entries; paged searches: any total (like AD's MaxPageSize)"
        echo "sizelimit size.soft=500 size.hard=500 size.prtotal=unlimited"
        echo "timelimit 3600"
        echo "# ldapi:// with SASL EXTERNAL as the user who started the server acts as the rootdn"
        echo "authz-regexp \"^gidnumber=[0-9]+[+]uidnumber=$(id -u),cn=peercred,cn=external,cn=auth\$\" \"$ADMIN_DN\""
        if [[ $TLS -eq 1 ]]; then
            echo "TLSCACertificateFile \"$STATE_DIR/ca.pem\""
            echo "TLSCertificateFile \"$STATE_DIR/server.pem\""
            echo "TLSCertificateKeyFile \"$STATE_DIR/server.key\""
        fi
        echo
        echo "# Root DSE and schema readable by anyone (clients discover controls there)."
        echo "access to dn.base=\"\" by * read"
        echo "access to dn.base=\"cn=Subschema\" by * read"
        echo
        echo "database mdb"
        echo "suffix \"$SUFFIX\""
        echo "rootdn \"$ADMIN_DN\""
        echo "rootpw $ADMIN_HASH"
        echo "directory \"$STATE_DIR/db\""
        echo "maxsize 4294967296"
        echo "dbnosync"
        echo "index objectClass,entryUUID,entryCSN,uid,mail,member eq"
        echo "limits dn.exact=\"$SYNC_DN\" size=unlimited time=unlimited"
        echo
        for dn in "${ACL_DENY[@]}"; do
            echo "# --acl-deny: the sync account sees the entry, but nothing below it"
            echo "access to dn.children=\"$dn\""
            echo "    by dn.exact=\"$SYNC_DN\" none"
            echo "    by users read"
            echo "    by anonymous auth"
            echo "    by * none"
        done
        echo "access to attrs=userPassword"
        echo "    by dn.exact=\"$SYNC_DN\" read"
        echo "    by self write"
        echo "    by anonymous auth"
        echo "    by * none"
        echo "access to *"
        echo "    by dn.exact=\"$SYNC_DN\" read"
        echo "    by users read"
        echo "    by anonymous auth"
        echo "    by * none"
        echo
        if [[ $SYNCPROV -eq 1 ]]; then
            echo "overlay syncprov"
            echo "syncprov-checkpoint 100 5"
            [[ $SESSIONLOG -eq 1 ]] && echo "syncprov-sessionlog 1000"
        fi
        echo "overlay ppolicy"
        echo "ppolicy_default \"$POLICY_DN\""
    } >"$CONF"
    chmod 600 "$CONF"

    # ---- base entries
    base="$STATE_DIR/base.ldif"
    suffix_in_ldif=0
    if [[ ${#LDIFS[@]} -gt 0 ]]; then
        # Does a supplied LDIF already define the suffix entry?
        if grep -iqxF "dn: $SUFFIX" "${LDIFS[@]}" 2>/dev/null; then suffix_in_ldif=1; fi
    fi
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
        printf 'dn: %s\nobjectClass: organizationalRole\ncn: admin\ndescription: rootdn of this test server (password in slapd.conf rootpw)\n\n' "$ADMIN_DN"
        printf 'dn: ou=Service,%s\nobjectClass: organizationalUnit\nou: Service\n\n' "$SUFFIX"
        printf 'dn: %s\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\ncn: updraft\ndescription: Updraft read-only sync account\nuserPassword: %s\n\n' "$SYNC_DN" "$SYNC_HASH"
        printf 'dn: ou=Policies,%s\nobjectClass: organizationalUnit\nou: Policies\n\n' "$SUFFIX"
        printf '%s\n' "dn: $POLICY_DN" "objectClass: organizationalRole" "objectClass: pwdPolicy" \
            "cn: default" "pwdAttribute: userPassword" "pwdMustChange: TRUE" "pwdAllowUserChange: TRUE" \
            "pwdLockout: FALSE" "pwdMaxAge: 0" "pwdInHistory: 0" "pwdCheckQuality: 0" ""
    } >"$base"
    chmod 600 "$base"

    # ---- load (slapadd -q: quick mode, ~5x faster; -w: write contextCSN for syncrepl)
    t0=$(date +%s.%N)
    load_one() {
        "$SLAPD" -T add -q -w -f "$CONF" -l "$1" >>"$STATE_DIR/slapadd.log" 2>&1 \
            || { tail -n 20 "$STATE_DIR/slapadd.log" >&2; die "slapadd failed for $1 (see $STATE_DIR/slapadd.log)"; }
    }
    : >"$STATE_DIR/slapadd.log"
    if [[ $suffix_in_ldif -eq 1 ]]; then
        # Supplied suffix entry must come first: load the LDIFs, then our entries.
        for f in "${LDIFS[@]}"; do load_one "$f"; done
        load_one "$base"
    else
        load_one "$base"
        for f in "${LDIFS[@]}"; do load_one "$f"; done
    fi
    t1=$(date +%s.%N)
    [[ ${#LDIFS[@]} -eq 0 ]] || note "slapadd loaded ${#LDIFS[@]} LDIF file(s) in $(awk "BEGIN{printf \"%.2f\", $t1-$t0}") s"

    printf 'SUFFIX=%q\nTLS=%q\nSYNCPROV=%q\nLOGLEVEL=%q\nADMIN_PW=%q\nSYNC_PW=%q\n' \
        "$SUFFIX" "$TLS" "$SYNCPROV" "$LOGLEVEL" "$ADMIN_PW" "$SYNC_PW" >"$STATE_DIR/slapd.options"
    chmod 600 "$STATE_DIR/slapd.options"
fi

# ---------------------------------------------------------------------------------------------
# Ports: a free random port (or --port, or the previous one); retried if another process takes it.
# shellcheck source=../lib/freeport.sh
. "$(dirname -- "$0")/../lib/freeport.sh"

LDAPI_PATH="$STATE_DIR/ldapi"
LDAPI_URL=""
if [[ ${#LDAPI_PATH} -le 100 ]]; then
    LDAPI_URL="ldapi://$(percent_encode "$LDAPI_PATH")"
else
    note "state dir path too long for a unix socket; ldapi:// disabled"
fi

export LDAPNOINIT=1   # our own client checks must not read ~/.ldaprc or /etc/ldap/ldap.conf

start_attempt() {
    if [[ -n "$PORT_WANTED" && $PORT_PREFERRED -eq 1 ]] && ! port_free "$PORT_WANTED"; then
        note "previous port $PORT_WANTED is taken; picking another"; PORT_WANTED=""; PORT_PREFERRED=0
    fi
    if [[ -n "$LDAPS_PORT_WANTED" && $LDAPS_PORT_PREFERRED -eq 1 ]] && ! port_free "$LDAPS_PORT_WANTED"; then
        LDAPS_PORT_WANTED=""; LDAPS_PORT_PREFERRED=0
    fi
    PORT=$(pick_port "$PORT_WANTED" "")
    URLS="ldap://127.0.0.1:$PORT/"
    LDAPS_PORT=""
    if [[ $TLS -eq 1 ]]; then
        LDAPS_PORT=$(pick_port "$LDAPS_PORT_WANTED" "$PORT")
        URLS="$URLS ldaps://127.0.0.1:$LDAPS_PORT/"
    fi
    [[ -z "$LDAPI_URL" ]] || URLS="$URLS $LDAPI_URL/"
    rm -f -- "$LDAPI_PATH"
    echo "=== $(date '+%F %T') start: $SLAPD -d $LOGLEVEL -f $CONF -h \"$URLS\"" >>"$LOG"
    # -d keeps slapd in the foreground (no fork), so $! is slapd's own PID; the debug output
    # (--loglevel, e.g. stats) goes to slapd.log.  "loglevel" in slapd.conf would go to syslog.
    "$SLAPD" -d "$LOGLEVEL" -f "$CONF" -h "$URLS" </dev/null >>"$LOG" 2>&1 &
    SLAPD_PID=$!
    disown "$SLAPD_PID" 2>/dev/null || true
    echo "$SLAPD_PID" >"$PIDFILE"

    local deadline=$((SECONDS + 10))
    while :; do
        # Alive, not "ours" by its command line: until the child has exec'd slapd (a loaded machine can take a
        # while), its command line is still this script's.
        if ! pid_alive "$SLAPD_PID"; then
            wait "$SLAPD_PID" 2>/dev/null || true
            rm -f -- "$PIDFILE"
            return 1
        fi
        if "$LDAPWHOAMI" -x -H "ldap://127.0.0.1:$PORT" -D "$SYNC_DN" -w "$SYNC_PW" \
            -o nettimeout=1 >/dev/null 2>&1; then
            return 0
        fi
        if [[ $SECONDS -ge $deadline ]]; then
            kill -TERM "$SLAPD_PID" 2>/dev/null || true
            sleep 0.5
            kill -KILL "$SLAPD_PID" 2>/dev/null || true
            rm -f -- "$PIDFILE"
            return 2
        fi
        sleep 0.05
    done
}

attempt=0
while :; do
    attempt=$((attempt + 1))
    rc=0
    start_attempt || rc=$?
    [[ $rc -ne 0 ]] || break
    if [[ $rc -eq 1 ]] && tail -n 20 "$LOG" | grep -qiE 'bind.*(address already in use|errno=98)|daemon: bind' \
        && [[ $attempt -lt 5 && ( -z "$PORT_WANTED" || $PORT_PREFERRED -eq 1 ) ]]; then
        note "port race (attempt $attempt); retrying with another port"
        PORT_WANTED=""; PORT_PREFERRED=0; LDAPS_PORT_WANTED=""; LDAPS_PORT_PREFERRED=0
        continue
    fi
    echo "---- tail of $LOG" >&2
    tail -n 30 "$LOG" >&2
    if [[ $rc -eq 2 ]]; then die "slapd did not answer as $SYNC_DN within 10 s (killed)"; fi
    die "slapd exited during startup"
done

URL="ldap://127.0.0.1:$PORT"
echo "$PORT" >"$STATE_DIR/slapd.port"
echo "$URL" >"$STATE_DIR/slapd.url"
rm -f -- "$STATE_DIR/slapd.ldaps_port" "$STATE_DIR/slapd.ldaps_url" "$STATE_DIR/slapd.ldapi_url"
[[ -z "$LDAPI_URL" ]] || echo "$LDAPI_URL" >"$STATE_DIR/slapd.ldapi_url"
if [[ $TLS -eq 1 ]]; then
    echo "$LDAPS_PORT" >"$STATE_DIR/slapd.ldaps_port"
    echo "ldaps://127.0.0.1:$LDAPS_PORT" >"$STATE_DIR/slapd.ldaps_url"
    # Prove StartTLS and ldaps really work with the generated CA.
    unset LDAPNOINIT
    for args in "-ZZ -H $URL" "-H ldaps://127.0.0.1:$LDAPS_PORT"; do
        # shellcheck disable=SC2086
        if ! LDAPCONF=/dev/null LDAPRC=/dev/null LDAPTLS_CACERT="$STATE_DIR/ca.pem" LDAPTLS_REQCERT=demand \
            "$LDAPWHOAMI" -x $args -D "$SYNC_DN" -w "$SYNC_PW" -o nettimeout=2 >/dev/null 2>"$STATE_DIR/tls-check.err"; then
            cat "$STATE_DIR/tls-check.err" >&2
            "$(dirname -- "$0")/stop.sh" "$STATE_DIR" >&2 || true
            die "TLS check failed ($args)"
        fi
    done
    rm -f -- "$STATE_DIR/tls-check.err"
fi

{
    kv() { local v=${2//\'/\'\\\'\'}; printf "%s='%s'\n" "$1" "$v"; }   # POSIX-sh quoting
    kv UPDRAFT_LDAP_URL "$URL"
    kv UPDRAFT_LDAP_PORT "$PORT"
    if [[ $TLS -eq 1 ]]; then
        kv UPDRAFT_LDAP_LDAPS_URL "ldaps://127.0.0.1:$LDAPS_PORT"
        kv UPDRAFT_LDAP_LDAPS_PORT "$LDAPS_PORT"
        kv UPDRAFT_LDAP_CA_FILE "$STATE_DIR/ca.pem"
    fi
    [[ -z "$LDAPI_URL" ]] || kv UPDRAFT_LDAP_LDAPI_URL "$LDAPI_URL"
    kv UPDRAFT_LDAP_BASE_DN "$SUFFIX"
    kv UPDRAFT_LDAP_SYNC_DN "$SYNC_DN"
    kv UPDRAFT_LDAP_SYNC_PASSWORD "$SYNC_PW"
    kv UPDRAFT_LDAP_ADMIN_DN "$ADMIN_DN"
    kv UPDRAFT_LDAP_ADMIN_PASSWORD "$ADMIN_PW"
    kv UPDRAFT_LDAP_PID "$SLAPD_PID"
} >"$STATE_DIR/slapd.env"
chmod 600 "$STATE_DIR/slapd.env"

note "slapd pid $SLAPD_PID ready at $URL${LDAPS_PORT:+ and ldaps://127.0.0.1:$LDAPS_PORT} (sync account $SYNC_DN)"
echo "$URL"
