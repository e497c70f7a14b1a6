#!/usr/bin/env bash
# Install what Updraft needs to build, run its demo and run its tests on Debian 12.
# Only Debian's archive and the npm registry are used. Safe to run again.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
    cmake ninja-build g++ pkgconf
    qt6-base-dev libqt6sql6-sqlite qt6-charts-dev qt6-qpa-plugins
    xvfb xauth
    libldap2-dev libssl-dev slapd ldap-utils openssl
    python3 curl ca-certificates
)
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
fi

# The SCIM 2.0 test peer (tests and demo): exact versions from package-lock.json.
if [[ ! -d "$here/tests/servers/scim/node_modules/scimmy-routers" ]]; then
    npm ci --prefix "$here/tests/servers/scim" --no-audit --no-fund --loglevel=error
fi
