#!/usr/bin/env bash
# Stop the throwaway Samba AD DC started by start.sh, then remove its directory.
#   tests/servers/samba/stop.sh DIR [--keep]
# SIGTERM to the PID in DIR/samba.pid, SIGKILL after 15 s; samba's children (ldap, kdc, ... and
# their pre-forked workers) exit with it.  --keep leaves DIR in place (logs, databases).
# Exits 0 when the DC is (now) stopped, also when it was not running.
set -euo pipefail

die() { echo "samba/stop.sh: $*" >&2; exit 1; }
KEEP=0
DIR_ARG=""
for a in "$@"; do
    case "$a" in
        --keep) KEEP=1 ;;
        -*) die "unknown option: $a" ;;
        *) [[ -z "$DIR_ARG" ]] || die "only one DIR"; DIR_ARG=$a ;;
    esac
done
[[ -n "$DIR_ARG" ]] || { echo "usage: $0 DIR [--keep]" >&2; exit 2; }
[[ -d "$DIR_ARG" ]] || { echo "samba/stop.sh: no such directory: $DIR_ARG (nothing to stop)" >&2; exit 0; }
DIR=$(cd -- "$DIR_ARG" && pwd -P)
# Refuse to rm -rf something that is not one of ours.
[[ -f "$DIR/.updraft-samba" ]] || die "$DIR has no .updraft-samba mark (not made by start.sh); not touching it"
PIDFILE="$DIR/samba.pid"

alive() {   # running and not a zombie
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}
ours() {    # a samba process of this DC (guards against a reused PID)
    local cmd fd
    cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
    # smbd/winbindd children carry --configfile=DIR/etc/smb.conf; samba itself rewrites its
    # command line ("samba: root process", "samba: task[ldap] ..."), so look at its open files
    # (log file, databases, sockets in DIR) instead.
    [[ "$cmd" == *"$DIR/etc/smb.conf"* ]] && return 0
    [[ "$cmd" == samba* || "$cmd" == /usr/sbin/samba* ]] || return 1
    for fd in /proc/"$1"/fd/*; do
        [[ "$(readlink "$fd" 2>/dev/null)" == "$DIR/"* ]] && return 0
    done
    return 1
}

if [[ -f "$PIDFILE" ]]; then
    pid=$(cat "$PIDFILE")
    [[ "$pid" =~ ^[0-9]+$ ]] || die "bad pid file $PIDFILE"
    if alive "$pid" && ours "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 150); do
            alive "$pid" || break
            sleep 0.1
        done
        if alive "$pid"; then
            echo "samba/stop.sh: pid $pid ignored SIGTERM for 15 s; sending SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
            for _ in $(seq 50); do alive "$pid" || break; sleep 0.1; done
            alive "$pid" && die "pid $pid still alive after SIGKILL"
        fi
        echo "samba/stop.sh: stopped pid $pid" >&2
    else
        echo "samba/stop.sh: pid $pid is not running" >&2
    fi
    rm -f -- "$PIDFILE"
else
    echo "samba/stop.sh: no $PIDFILE (not running)" >&2
fi

# samba's children (ldap, kdc, ... workers; smbd/winbindd when enabled) notice the root's exit
# a moment later, and may still write to DIR meanwhile (msg.lock, msg.sock): wait until none of
# this DC's processes is left before removing DIR.  SIGKILL what is still there after 10 s.
leftovers() {
    local p a0
    for p in /proc/[0-9]*; do
        p=${p#/proc/}
        [[ "$p" != "$$" ]] || continue
        # argv[0] only (read stops at the first NUL): cheap, no process spawned per PID.
        a0=""
        read -r -d '' a0 2>/dev/null <"/proc/$p/cmdline" || true
        case "$a0" in samba*|/usr/sbin/samba*|*smbd*|*winbindd*) ;; *) continue ;; esac
        alive "$p" && ours "$p" && printf '%s ' "$p"
    done
    return 0
}
for i in $(seq 100); do
    left=$(leftovers)
    [[ -n "$left" ]] || break
    if [[ $i -eq 100 ]]; then
        echo "samba/stop.sh: killing leftover processes of this DC: $left" >&2
        # shellcheck disable=SC2086  # a list of PIDs
        kill -KILL $left 2>/dev/null || true
        sleep 0.2
    fi
    sleep 0.1
done

# samba's root is an orphan once start.sh has exited: init (or a subreaper) reaps it.  Give that
# up to 2 s, so that a `pgrep samba` right after stop.sh does not show a "<defunct>" entry.
if [[ -n "${pid:-}" ]]; then
    for _ in $(seq 20); do [[ -e "/proc/$pid" ]] || break; sleep 0.1; done
fi

if [[ $KEEP -eq 0 ]]; then
    rm -rf -- "$DIR"
fi
