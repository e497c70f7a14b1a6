#!/usr/bin/env bash
# Install what Updraft needs to build and run its demo on Debian 12; with --tests, also what its tests need
# (a Samba AD DC among them). Only Debian's archive and the npm registry are used. Safe to run again.
#   scripts/install-deps.sh [--tests]
set -euo pipefail
tests=""
[[ "${1:-}" == "--tests" ]] && tests=1

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
    cmake ninja-build g++ pkgconf
    qt6-base-dev libqt6sql6-sqlite libqt6sql6-psql qt6-charts-dev libqt6opengl6-dev qt6-qpa-plugins libqt6svg6
    qt6-tools-dev qt6-l10n-tools   # Qt Linguist: lrelease builds the translations, lupdate extracts them
    xvfb xauth fonts-wqy-microhei   # the console under Xvfb (screenshots); the demo has CJK names
    libldap2-dev libsasl2-dev libssl-dev slapd ldap-utils openssl
    qtkeychain-qt6-dev libsecret-1-0   # secrets in the OS keychain; QtKeychain loads libsecret at run time
    python3 curl ca-certificates
)
if [[ -n "$tests" ]]; then
    # A throwaway Samba AD DC for the Active Directory tests (tests/servers/samba). The AD schema
    # files provision needs are in samba-ad-provision, only a Recommends of samba-ad-dc; Kerberos
    # binds need krb5-user (kinit) and Cyrus SASL's GSSAPI module; ldb-tools to look into sam.ldb.
    packages+=(samba-ad-dc samba-ad-provision samba winbind python3-samba
               krb5-user libsasl2-modules-gssapi-mit ldb-tools iproute2)
    # 389 Directory Server as a source (tests/servers/dirsrv): dscreate, ns-slapd and the dirsrv user.
    packages+=(389-ds-base)
    # The keychain tests (tests/servers/keyring/run.sh): a private session bus (dbus-run-session in
    # dbus-daemon, dbus-send in dbus-bin) with a GNOME Keyring as its Secret Service.
    packages+=(dbus-daemon dbus-bin gnome-keyring)
    # The shared store on PostgreSQL (tests/servers/postgresql runs its own server from its own directory).
    packages+=(postgresql)
    # The fuzz targets (tests/fuzz): clang with libFuzzer and the sanitizers' runtimes.
    packages+=(clang libclang-rt-14-dev)
fi
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    # slapd's postinst must not ask questions nor start a system server on port 389.
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    # The samba package enables smbd, nmbd and winbind as system services; where systemd runs and
    # no policy-rc.d stops them, they start at once on the default addresses. The tests run their
    # own DC and need none of them, so when this run installed samba, stop and disable them.
    # (samba-ad-dc.service does not start: /etc/samba/smb.conf does not configure a DC.)
    if [[ " ${missing[*]} " == *" samba "* && -d /run/systemd/system ]]; then
        $sudo systemctl disable --now smbd nmbd winbind >/dev/null 2>&1 || true
    fi
    # Likewise Debian's own PostgreSQL cluster (port 5432): the tests start theirs.
    if [[ " ${missing[*]} " == *" postgresql "* && -d /run/systemd/system ]]; then
        $sudo systemctl disable --now postgresql >/dev/null 2>&1 || true
    fi
fi

# The SCIM 2.0 test peer (tests and demo): exact versions from package-lock.json.
if [[ ! -d "$here/tests/servers/scim/node_modules/scimmy-routers" ]]; then
    npm ci --prefix "$here/tests/servers/scim" --no-audit --no-fund --loglevel=error
fi
# An independent SCIM 2.0 implementation (@better-auth/scim), for the interoperability tests only.
if [[ -n "$tests" && ! -d "$here/tests/servers/scim-independent/node_modules/@better-auth/scim" ]]; then
    npm ci --prefix "$here/tests/servers/scim-independent" --no-audit --no-fund --loglevel=error
fi
