#!/usr/bin/env bash
# Run a command inside a private D-Bus session bus with an unlocked GNOME Keyring (a Secret Service) of its
# own, for the keychain tests:
#
#   tests/servers/keyring/run.sh CMD [ARG]...
#
# The keyring lives in a fresh temporary directory (under TMPDIR), removed afterwards; the daemon is stopped by
# PID and the bus ends with CMD. CMD sees UPDRAFT_TEST_KEYRING=1 and the private DBUS_SESSION_BUS_ADDRESS.
# Exits with CMD's status, or 1 if the bus or the keyring cannot be started. See README.md beside this script.
set -euo pipefail

die() { echo "keyring/run.sh: $*" >&2; exit 1; }

if [[ $# -lt 1 || "$1" == -h || "$1" == --help ]]; then
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi

# Runs CHILD... in the background with this script's stdin and waits for it; SIGTERM, SIGINT or SIGHUP to this
# script are passed on as SIGTERM to the PID in the file named by $forward_to (or to the child itself).
forward_to=""
run_and_wait() {
    "$@" <&0 &
    child=$!
    trap 'kill -TERM "$( [[ -n "$forward_to" && -s "$forward_to" ]] && cat "$forward_to" || echo "$child")" \
              2>/dev/null || true' TERM INT HUP
    status=0
    while :; do
        wait "$child" && status=0 || status=$?
        kill -0 "$child" 2>/dev/null || break # wait was interrupted by a signal: wait for the real end
    done
    trap - TERM INT HUP
    return "$status"
}

if [[ "$1" != --inside-private-bus ]]; then
    for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
        command -v "$tool" >/dev/null 2>&1 ||
            die "$tool is missing: install dbus-daemon, dbus-bin and gnome-keyring (scripts/install-deps.sh --tests)"
    done
    work=$(mktemp -d "${TMPDIR:-/tmp}/updraft-keyring.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    # This script again, inside a bus of its own that dbus-run-session stops when the script ends. A signal
    # goes to the inner script, which stops CMD and the daemon.
    forward_to="$work/inner.pid"
    status=0
    run_and_wait dbus-run-session -- "$0" --inside-private-bus "$work" "$@" || status=$?
    exit "$status"
fi

# Inside the private bus.
work=$2
shift 2
[[ $# -ge 1 ]] || die "no command"
echo $$ >"$work/inner.pid"
daemon=""
stop_daemon() {
    if [[ -n "$daemon" ]]; then
        kill "$daemon" 2>/dev/null || true
        wait "$daemon" 2>/dev/null || true
    fi
}
trap stop_daemon EXIT
mkdir -m 700 "$work/data" "$work/runtime"

# QtKeychain prefers KWallet on a KDE desktop; here there is only the Secret Service.
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KDE_SESSION_VERSION KDE_FULL_SESSION GNOME_KEYRING_CONTROL

# --unlock reads the password of the login keyring from stdin, creates the keyring (in XDG_DATA_HOME/keyrings)
# and makes it the default collection. Its control socket goes to XDG_RUNTIME_DIR/keyring. Works as root too.
printf '%s' updraft-test-keyring |
    XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/runtime" HOME="$work" \
        gnome-keyring-daemon --foreground --unlock --components=secrets >"$work/daemon.log" 2>&1 &
daemon=$!

owned() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'
}
for _ in $(seq 100); do
    owned && break
    kill -0 "$daemon" 2>/dev/null || { daemon=""; die "gnome-keyring-daemon exited: $(cat "$work/daemon.log")"; }
    sleep 0.1
done
owned || die "gnome-keyring-daemon did not take org.freedesktop.secrets within 10 s: $(cat "$work/daemon.log")"

export UPDRAFT_TEST_KEYRING=1
status=0
run_and_wait "$@" || status=$?
exit "$status"
