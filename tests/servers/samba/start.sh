#!/usr/bin/env bash
# Start a throwaway Samba AD DC on its own loopback address, with the Updraft test fixture loaded.
#
#   tests/servers/samba/start.sh [DIR] [--address 127.0.0.77] [--bulk N] [--loader samdb|ldapadd]
#                                [--reader-rights dirsync|get-changes|none] [--backend-store mdb|tdb]
#                                [--bulk-passwords]
#
# Provisions the domain UPDRAFT.TEST (NetBIOS UPDRAFT, DC "DC1", base DC=updraft,DC=test) into DIR
# (default: a new mktemp -d), starts `samba -F`, waits until LDAP answers and loads the fixture
# (gen-fixture.py).  Everything the DC writes stays in DIR.  Must run as root (Samba requires it).
# Progress and errors go to stderr; on success the last lines on stdout are KEY='value' lines
# (also in DIR/samba.env).  Stop with tests/servers/samba/stop.sh DIR, which also removes DIR.
# See README.md beside this script.
set -euo pipefail

die() { echo "samba/start.sh: $*" >&2; exit 1; }
note() { echo "samba/start.sh: $*" >&2; }
usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

T_BEGIN=$(date +%s.%N)
HERE=$(cd -- "$(dirname -- "$0")" && pwd -P)

DIR_ARG=""
ADDRESS=127.0.0.77
BULK=1600
LOADER=ldapadd
BACKEND_STORE=mdb
READER_RIGHTS=dirsync
BULK_PASSWORDS=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --address) [[ $# -ge 2 ]] || die "--address needs a value"; ADDRESS=$2; shift 2 ;;
        --address=*) ADDRESS=${1#*=}; shift ;;
        --bulk) [[ $# -ge 2 ]] || die "--bulk needs a value"; BULK=$2; shift 2 ;;
        --bulk=*) BULK=${1#*=}; shift ;;
        --loader) [[ $# -ge 2 ]] || die "--loader needs a value"; LOADER=$2; shift 2 ;;
        --loader=*) LOADER=${1#*=}; shift ;;
        --reader-rights) [[ $# -ge 2 ]] || die "--reader-rights needs a value"; READER_RIGHTS=$2; shift 2 ;;
        --reader-rights=*) READER_RIGHTS=${1#*=}; shift ;;
        --backend-store) [[ $# -ge 2 ]] || die "--backend-store needs a value"; BACKEND_STORE=$2; shift 2 ;;
        --backend-store=*) BACKEND_STORE=${1#*=}; shift ;;
        --bulk-passwords) BULK_PASSWORDS=--bulk-passwords; shift ;;
        -h|--help) usage ;;
        -*) die "unknown option: $1 (see --help)" ;;
        *) [[ -z "$DIR_ARG" ]] || die "only one DIR"; DIR_ARG=$1; shift ;;
    esac
done
[[ "$BULK" =~ ^[0-9]+$ && "$BULK" -ge 1 ]] || die "--bulk must be a positive number"
[[ "$LOADER" == samdb || "$LOADER" == ldapadd ]] || die "--loader is samdb or ldapadd"
[[ "$BACKEND_STORE" == mdb || "$BACKEND_STORE" == tdb ]] || die "--backend-store is mdb or tdb"
case "$READER_RIGHTS" in dirsync|get-changes|none) ;; *) die "--reader-rights is dirsync, get-changes or none" ;; esac

# Samba's ports (389, 636, 88, ...) cannot be moved, so each DC needs an address of its own.
# Any 127.x.y.z works on Linux without configuration (all of 127/8 is routed to lo).
if [[ ! "$ADDRESS" =~ ^127\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$ ]] \
    || (( BASH_REMATCH[1] > 255 || BASH_REMATCH[2] > 255 || BASH_REMATCH[3] > 255 )); then
    die "--address must be a loopback IPv4 address 127.x.y.z (got '$ADDRESS')"
fi

[[ $(id -u) -eq 0 ]] || die "must run as root: samba refuses to run an AD DC otherwise"

REALM=UPDRAFT.TEST
DOMAIN=UPDRAFT
HOST=dc1
BASE_DN="DC=updraft,DC=test"
UPN_SUFFIX=updraft.test
ADMIN_PW=${UPDRAFT_TEST_SAMBA_ADMIN_PASSWORD:-Updraft-Admin-1!}
READER_PW=${UPDRAFT_TEST_SAMBA_READER_PASSWORD:-Reader-Updraft-1!}
ADMIN_DN="CN=Administrator,CN=Users,$BASE_DN"
READER_DN="CN=Updraft Reader,OU=Service,$BASE_DN"   # must match gen-fixture.py
REPLICATOR_DN="CN=Updraft Replicator,OU=Service,$BASE_DN"
SECRETS_ONLY_DN="CN=Updraft Secrets Only,OU=Service,$BASE_DN"
REPLICATOR_PW=${UPDRAFT_TEST_SAMBA_REPLICATOR_PASSWORD:-Replicator-Updraft-1!}
# Only what tests need: LDAP (+LDAPS, global catalog), CLDAP, the KDC (+kpasswd), DCE/RPC (the
# endpoint mapper on 135 and DRSUAPI, for password hash replication), and the replication/KCC tasks
# a DC expects.  Left out: smbd (s3fs), winbindd, NetBIOS (nbt), WINS, ntp_signd, dnsupdate: fewer
# processes on a 2-core machine and fewer ports to clash.
SERVICES="ldap, cldap, kdc, rpc, drepl, kcc"
PORTS_TCP=(389 636 3268 3269 88 464 135)
PORTS_UDP=(389 88 464)

# ---------------------------------------------------------------------------------------------
# Tools.  /usr/sbin is often not on PATH; samba's Python bindings exist only for Debian's
# /usr/bin/python3 (a pyenv or venv python3 earlier on PATH would not find them).
find_tool() {
    local t
    t=$(PATH="$PATH:/usr/sbin:/usr/local/sbin:/sbin" command -v "$1" 2>/dev/null) || return 1
    printf '%s' "$t"
}
SAMBA=$(find_tool samba) || die "samba not found (apt-get install samba-ad-dc samba-ad-provision)"
SAMBA_TOOL=$(find_tool samba-tool) || die "samba-tool not found (package samba-common-bin)"
LDAPSEARCH=$(find_tool ldapsearch) || die "ldapsearch not found (package ldap-utils)"
LDAPADD=$(find_tool ldapadd) || die "ldapadd not found (package ldap-utils)"
command -v openssl >/dev/null || die "openssl not found"
SAMBA_PY=/usr/bin/python3
"$SAMBA_PY" -c 'import samba.samdb' 2>/dev/null || die "$SAMBA_PY cannot import samba (package python3-samba)"
[[ -d /usr/share/samba/setup/ad-schema ]] || die "AD schema files missing (apt-get install samba-ad-provision)"
PY=$(command -v python3) || die "python3 not found"

# ---------------------------------------------------------------------------------------------
# Is anything listening where our DC must listen?  A socket on the wildcard address (0.0.0.0,
# [::], *) takes the port on every address, 127.0.0.77 included, so those count too.
ports_in_use() {
    command -v ss >/dev/null 2>&1 || {
        # No ss (package iproute2): probe the two LDAP ports with bash's /dev/tcp.
        local p
        for p in 389 636; do
            if (exec 3<>"/dev/tcp/$ADDRESS/$p") 2>/dev/null; then echo "tcp $ADDRESS:$p (something accepts connections)"; fi
        done
        return 0
    }
    ss -Hlntup 2>/dev/null | awk -v addr="$ADDRESS" -v tcp=" ${PORTS_TCP[*]} " -v udp=" ${PORTS_UDP[*]} " '
        {
            local = $5; port = local; sub(/.*:/, "", port); host = local; sub(/:[^:]*$/, "", host)
            gsub(/[\[\]]/, "", host); sub(/%.*/, "", host)
            ports = ($1 == "udp") ? udp : tcp
            if (index(ports, " " port " ") && (host == addr || host == "0.0.0.0" || host == "*" || host == "::"))
                print $1 " " local " " $7
        }'
}
busy=$(ports_in_use)
[[ -z "$busy" ]] || die "another process already listens on a port this DC needs at $ADDRESS (use --address 127.x.y.z):
$busy"

# ---------------------------------------------------------------------------------------------
# The directory.  A caller-given DIR must be empty: everything in it belongs to this DC and
# stop.sh removes it.  Unix socket paths are limited to 107 bytes, hence the length check.
CREATED_DIR=0
if [[ -n "$DIR_ARG" ]]; then
    mkdir -p -- "$DIR_ARG"
    DIR=$(cd -- "$DIR_ARG" && pwd -P)
    [[ -z "$(ls -A -- "$DIR")" ]] || die "$DIR is not empty (start.sh provisions a new domain into an empty directory)"
else
    DIR=$(mktemp -d "${TMPDIR:-/tmp}/updraft-samba.XXXXXX")
    CREATED_DIR=1
fi
chmod 700 "$DIR"
# The mark stop.sh checks before it removes anything.
echo "Throwaway Samba AD DC made by tests/servers/samba/start.sh; stop.sh removes this directory." >"$DIR/.updraft-samba"
mkdir -p "$DIR/log" "$DIR/run"

SAMBA_PID=""
# On failure: show the log's tail, then stop.sh stops the DC if it was started (waiting for all
# its processes) and removes DIR if we made it (a caller's DIR is left for inspection).
cleanup_on_error() {
    local rc=$?
    [[ $rc -ne 0 ]] || return 0
    if [[ -f "$DIR/log/log.samba" ]]; then
        echo "---- tail of $DIR/log/log.samba" >&2
        tail -n 25 "$DIR/log/log.samba" >&2 || true
    fi
    if [[ $CREATED_DIR -eq 1 ]]; then
        "$HERE/stop.sh" "$DIR" >&2 || true
    else
        "$HERE/stop.sh" "$DIR" --keep >&2 || true
        note "left $DIR for inspection"
    fi
    exit "$rc"
}
trap cleanup_on_error EXIT
[[ ${#DIR} -le 60 ]] || die "path too long for Samba's unix sockets (${#DIR} > 60 bytes): $DIR"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# ---------------------------------------------------------------------------------------------
# Provision.  -s /dev/null: start from Samba's defaults, not from /etc/samba/smb.conf (whose
# log file, shares and paths would be copied into ours).  --targetdir puts the databases, state
# and cache in DIR; the remaining defaults that point elsewhere (/run/samba, /var/lib/samba,
# /var/log/samba) are redirected with --option.  --dns-backend=NONE: no internal DNS server, so
# nothing binds port 53.  ldb:nosync: no fsync, a throwaway DC does not need durability.
# --backend-store=mdb (LMDB) instead of Samba's default tdb: ldapadd of the fixture takes ~10 s
# on mdb and ~28 s on tdb here.
note "provisioning $REALM into $DIR (DC $HOST at $ADDRESS)"
T0=$(now)
if ! "$SAMBA_TOOL" domain provision -s /dev/null \
        --realm="$REALM" --domain="$DOMAIN" --host-name="$HOST" --server-role=dc \
        --dns-backend=NONE --backend-store="$BACKEND_STORE" --targetdir="$DIR" \
        --adminpass="$ADMIN_PW" --host-ip="$ADDRESS" \
        --option="interfaces = $ADDRESS/8" \
        --option="bind interfaces only = yes" \
        --option="ldb:nosync = true" \
        --option="log file = $DIR/log/samba.log" \
        --option="pid directory = $DIR/run" \
        --option="ncalrpc dir = $DIR/run/ncalrpc" \
        --option="winbindd socket directory = $DIR/run/winbindd" \
        --option="ntp signd socket directory = $DIR/run/ntp_signd" \
        >"$DIR/log/provision.log" 2>&1; then
    tail -n 20 "$DIR/log/provision.log" >&2
    die "samba-tool domain provision failed (log: $DIR/log/provision.log)"
fi
T_PROVISION=$(secs "$T0" "$(now)")
SMB_CONF="$DIR/etc/smb.conf"

# Settings provision does not keep or does not take: plain simple binds over ldap:// (the
# default "require strong auth = yes" refuses them), TLS with our certificate, fewer services.
awk -v services="$SERVICES" '
    { print }
    /^\[global\]$/ && !done {
        print "\t# added by tests/servers/samba/start.sh"
        print "\tldap server require strong auth = no"
        print "\ttls enabled = yes"
        print "\tserver services = " services
        done = 1
    }' "$SMB_CONF" >"$SMB_CONF.new"
# provision wrote its own "server services" line: drop it, ours (above) wins.
awk '/^\tserver services = / && seen++ { next } { print }' "$SMB_CONF.new" >"$SMB_CONF"
rm -f -- "$SMB_CONF.new"

# ---------------------------------------------------------------------------------------------
# TLS.  Samba would generate a CA and certificate on first start (RSA 4096: 2-7 s of CPU), but
# its certificate names only DC1.updraft.test (CN, no subjectAltName), so a client verifying
# ldaps://127.0.0.77 fails ("hostname (127.0.0.77) does not match common name"), and that name
# does not resolve here.  So we make a small CA and a server certificate for $ADDRESS and the
# DC's names, and put them where Samba looks by default (private/tls/{ca,cert,key}.pem): Samba
# then uses them instead of generating its own, and ca.pem is "the DC's CA".
TLS_DIR="$DIR/private/tls"
mkdir -p "$TLS_DIR"
(
    cd "$TLS_DIR"
    umask 077
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout ca.key -out ca.pem -days 30 -subj "/O=Updraft tests/CN=Updraft test CA for $REALM $(date +%s)" \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout key.pem -out cert.csr -subj "/CN=$HOST.$UPN_SUFFIX" 2>/dev/null
    printf '%s\n' "basicConstraints=critical,CA:FALSE" \
        "keyUsage=critical,digitalSignature,keyEncipherment" \
        "extendedKeyUsage=serverAuth" \
        "subjectAltName=IP:$ADDRESS,DNS:$HOST.$UPN_SUFFIX,DNS:$HOST,DNS:$UPN_SUFFIX" >cert.ext
    openssl x509 -req -in cert.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
        -out cert.pem -days 30 -extfile cert.ext 2>/dev/null
    rm -f cert.csr cert.ext ca.srl ca.key
    chmod 600 key.pem          # samba refuses a key file readable by others
    chmod 644 ca.pem cert.pem
) || die "certificate generation failed"
CA_FILE="$TLS_DIR/ca.pem"

# Kerberos client configuration for this DC (KRB5_CONFIG=DIR/krb5.conf): the KDC by address,
# no DNS lookups, no reverse DNS, and a credential cache inside DIR.  The SPN ldap/<address>
# added by load-fixture.py makes GSSAPI binds to ldap://<address> work.
cat >"$DIR/krb5.conf" <<EOF
# Generated by tests/servers/samba/start.sh for the throwaway DC at $ADDRESS.
[libdefaults]
    default_realm = $REALM
    dns_lookup_realm = false
    dns_lookup_kdc = false
    rdns = false
    dns_canonicalize_hostname = false
    default_ccache_name = FILE:$DIR/krb5cc
[realms]
    $REALM = {
        kdc = $ADDRESS
        admin_server = $ADDRESS
    }
[domain_realm]
    $ADDRESS = $REALM
    .$UPN_SUFFIX = $REALM
    $UPN_SUFFIX = $REALM
EOF

# ---------------------------------------------------------------------------------------------
# Fixture (LDIF + expectations as JSON).
FIXTURE_DIR="$DIR/fixture"
"$PY" "$HERE/gen-fixture.py" --base-dn "$BASE_DN" --upn-suffix "$UPN_SUFFIX" --bulk "$BULK" \
    --reader-password "$READER_PW" --replicator-password "$REPLICATOR_PW" $BULK_PASSWORDS \
    --out-dir "$FIXTURE_DIR" 2>>"$DIR/log/fixture.log" \
    || die "gen-fixture.py failed (log: $DIR/log/fixture.log)"
FIXTURE_LDIF="$FIXTURE_DIR/fixture.ldif"
FIXTURE_JSON="$FIXTURE_DIR/fixture.json"

# load-fixture.py: with --ldif it loads the LDIF into sam.ldb in one transaction; in every case
# it grants the reader its rights (--reader-rights; see load-fixture.py) and adds the SPN
# ldap/<address> for GSSAPI.
load_direct() {
    "$SAMBA_PY" "$HERE/load-fixture.py" --smbconf "$SMB_CONF" --reader-dn "$READER_DN" \
        --reader-rights "$READER_RIGHTS" --replicator-dn "$REPLICATOR_DN" \
        --secrets-only-dn "$SECRETS_ONLY_DN" --spn-host "$ADDRESS" "$@" 2>>"$DIR/log/fixture.log" \
        || { tail -n 5 "$DIR/log/fixture.log" >&2; die "load-fixture.py failed (log: $DIR/log/fixture.log)"; }
}

T_LOAD=0
if [[ "$LOADER" == samdb ]]; then
    # --loader samdb: straight into sam.ldb before the server starts, in one transaction
    # (20-40 % faster than ldapadd on the mdb backend; see README.md).
    note "loading the fixture into sam.ldb ($BULK bulk users)"
    T0=$(now)
    load_direct --ldif "$FIXTURE_LDIF"
    T_LOAD=$(secs "$T0" "$(now)")
fi

# ---------------------------------------------------------------------------------------------
# Start.  -F: foreground, so $! is samba's own PID (its children follow it on SIGTERM).
# stdin from /dev/null: nothing of ours for samba to read or to keep open; its stdout and
# stderr go to a file so that a caller reading our stdout sees EOF when we exit.
# -l DIR/log: samba logs to DIR/log/log.samba (the command line wins over smb.conf's "log file",
# which other tools such as samba-tool use).  Without -l, samba creates /var/log/samba/log.samba
# at startup, before it has read smb.conf.
export LDAPNOINIT=1      # our ldap* checks must not read ~/.ldaprc or /etc/ldap/ldap.conf
T0=$(now)
"$SAMBA" -F -s "$SMB_CONF" -l "$DIR/log" </dev/null >>"$DIR/log/samba.stdout" 2>&1 &
SAMBA_PID=$!
disown "$SAMBA_PID" 2>/dev/null || true
echo "$SAMBA_PID" >"$DIR/samba.pid"

# Ready when a simple bind as Administrator works on ldap://ADDR (we checked that nobody else
# was there) and the KDC accepts TCP connections.
ldap_ready() {
    "$LDAPSEARCH" -x -H "ldap://$ADDRESS" -D "$ADMIN_DN" -w "$ADMIN_PW" -o nettimeout=1 \
        -b "" -s base -LLL defaultNamingContext 2>/dev/null | grep -qi "^defaultNamingContext: $BASE_DN\$"
}
deadline=$((SECONDS + 60))
until ldap_ready && (exec 3<>"/dev/tcp/$ADDRESS/88") 2>/dev/null; do
    kill -0 "$SAMBA_PID" 2>/dev/null || die "samba exited during startup (log: $DIR/log/log.samba)"
    [[ $SECONDS -lt $deadline ]] || die "samba did not answer on ldap://$ADDRESS within 60 s"
    sleep 0.1
done
T_START=$(secs "$T0" "$(now)")
note "samba pid $SAMBA_PID answers on ldap://$ADDRESS after $T_START s"

LDAPI="$DIR/private/ldap_priv/ldapi"
LDAPI_URL="ldapi://$(printf '%s' "$LDAPI" | sed 's|%|%25|g; s|/|%2F|g; s| |%20|g; s|,|%2C|g')"

if [[ "$LOADER" == ldapadd ]]; then
    # The default: the way any LDAP client writes, over the privileged ldapi socket, which counts
    # as encrypted (unicodePwd may be set) and needs no TLS handshake.  One LDAP add, and one
    # Samba transaction, per entry.  Then load-fixture.py for the reader's rights and the SPN.
    note "loading the fixture with ldapadd over $LDAPI_URL ($BULK bulk users)"
    T0=$(now)
    "$LDAPADD" -x -H "$LDAPI_URL" -D "$ADMIN_DN" -w "$ADMIN_PW" -f "$FIXTURE_LDIF" \
        >"$DIR/log/ldapadd.log" 2>&1 \
        || { tail -n 5 "$DIR/log/ldapadd.log" >&2; die "ldapadd failed (log: $DIR/log/ldapadd.log)"; }
    load_direct
    T_LOAD=$(secs "$T0" "$(now)")
fi

# ---------------------------------------------------------------------------------------------
# Prove the fixture is there and readable by the reader over plain LDAP, and that StartTLS and
# LDAPS verify against our CA.
n=$("$LDAPSEARCH" -x -H "ldap://$ADDRESS" -D "$READER_DN" -w "$READER_PW" -o nettimeout=5 -LLL \
        -E pr=1000/noprompt -b "OU=Bulk,$BASE_DN" -s one '(objectClass=user)' 1.1 2>/dev/null | grep -c '^dn:' || true)
[[ "$n" -eq "$BULK" ]] || die "the reader sees $n users in OU=Bulk, expected $BULK"
for args in "-ZZ -H ldap://$ADDRESS" "-H ldaps://$ADDRESS"; do
    # LDAPNOINIT would also make libldap ignore LDAPTLS_*: unset it, and point the config files
    # at /dev/null instead.
    # shellcheck disable=SC2086  # $args holds several words
    env -u LDAPNOINIT LDAPCONF=/dev/null LDAPRC=/dev/null LDAPTLS_CACERT="$CA_FILE" LDAPTLS_REQCERT=demand \
        "$LDAPSEARCH" -x $args -D "$READER_DN" -w "$READER_PW" \
        -o nettimeout=5 -LLL -b "" -s base 1.1 >/dev/null 2>"$DIR/log/tls-check.err" \
        || { cat "$DIR/log/tls-check.err" >&2; die "TLS check failed ($args)"; }
done
rm -f -- "$DIR/log/tls-check.err"

# The fixture's counts, from fixture.json.
read -r C_PEOPLE C_BULK C_TOTAL C_GROUPS C_LARGE < <("$PY" -c '
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))["counts"]
print(c["people"], c["bulk_users"], c["users_total"], c["groups"], c["large_group_members"])' "$FIXTURE_JSON")
{
    kv() { local v=${2//\'/\'\\\'\'}; printf "%s='%s'\n" "$1" "$v"; }   # POSIX-sh quoting
    kv SAMBA_DIR "$DIR"
    kv SAMBA_PID "$SAMBA_PID"
    kv SAMBA_ADDRESS "$ADDRESS"
    kv SAMBA_URL "ldap://$ADDRESS"
    kv SAMBA_LDAPS_URL "ldaps://$ADDRESS"
    kv SAMBA_REALM "$REALM"
    kv SAMBA_DOMAIN "$DOMAIN"
    kv SAMBA_BASE_DN "$BASE_DN"
    kv SAMBA_UPN_SUFFIX "$UPN_SUFFIX"
    kv SAMBA_BIND_DN "$ADMIN_DN"
    kv SAMBA_BIND_PASSWORD "$ADMIN_PW"
    kv SAMBA_READER_DN "$READER_DN"
    kv SAMBA_READER_UPN "svc-updraft@$UPN_SUFFIX"
    kv SAMBA_READER_PASSWORD "$READER_PW"
    kv SAMBA_REPLICATOR_DN "$REPLICATOR_DN"
    kv SAMBA_REPLICATOR_UPN "svc-replicator@$UPN_SUFFIX"
    kv SAMBA_SECRETS_ONLY_UPN "svc-secrets-only@$UPN_SUFFIX"
    kv SAMBA_REPLICATOR_PASSWORD "$REPLICATOR_PW"
    kv SAMBA_CA_FILE "$CA_FILE"
    kv SAMBA_LDAPI "$LDAPI"
    kv SAMBA_LDAPI_URL "$LDAPI_URL"
    kv SAMBA_KRB5_CONFIG "$DIR/krb5.conf"
    kv SAMBA_FIXTURE_LDIF "$FIXTURE_LDIF"
    kv SAMBA_FIXTURE_JSON "$FIXTURE_JSON"
    kv SAMBA_READER_RIGHTS "$READER_RIGHTS"
    kv SAMBA_FIXTURE_PEOPLE "$C_PEOPLE"
    kv SAMBA_FIXTURE_BULK_USERS "$C_BULK"
    kv SAMBA_FIXTURE_USERS_TOTAL "$C_TOTAL"
    kv SAMBA_FIXTURE_GROUPS "$C_GROUPS"
    kv SAMBA_LARGE_GROUP_DN "CN=All Staff Large,OU=Groups,$BASE_DN"
    kv SAMBA_LARGE_GROUP_MEMBERS "$C_LARGE"
} >"$DIR/samba.env"
chmod 600 "$DIR/samba.env"
T_TOTAL=$(secs "$T_BEGIN" "$(now)")
note "timings: provision $T_PROVISION s, fixture load ($LOADER) $T_LOAD s, start $T_START s, total $T_TOTAL s"
printf 'provision=%s\nload=%s\nloader=%s\nstart=%s\ntotal=%s\n' \
    "$T_PROVISION" "$T_LOAD" "$LOADER" "$T_START" "$T_TOTAL" >"$DIR/timings"
trap - EXIT
cat "$DIR/samba.env"
