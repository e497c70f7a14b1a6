#!/usr/bin/env bash
# Stop the test 389 DS started by start.sh STATE_DIR: SIGTERM by PID, SIGKILL after 10 s.
#   tests/servers/dirsrv/stop.sh STATE_DIR
# Exits 0 when the server is (now) stopped, also when it was not running.  Data stays in
# STATE_DIR (start.sh STATE_DIR restarts it; rm -rf STATE_DIR throws it away: nothing of the
# instance lives outside STATE_DIR).
set -euo pipefail

die() { echo "dirsrv/stop.sh: $*" >&2; exit 1; }
[[ $# -eq 1 && "$1" != -* ]] || { echo "usage: $0 STATE_DIR" >&2; exit 2; }
[[ -d "$1" ]] || die "no such state dir: $1"
STATE_DIR=$(cd -- "$1" && pwd -P)
INST="updraft-$(printf '%s' "$STATE_DIR" | cksum | cut -d' ' -f1)"   # as in start.sh
CONF_DIR="$STATE_DIR/ds/etc/dirsrv/slapd-$INST"
PIDFILE="$STATE_DIR/dirsrv.pid"
# Written by ns-slapd itself (-i); also covers a server started with PREFIX=STATE_DIR/ds dsctl.
INNER_PIDFILE="$STATE_DIR/ds/run/dirsrv/slapd-$INST.pid"
# ns-slapd removes this semaphore when it shuts down cleanly, not after SIGKILL.
SEMAPHORE="/dev/shm/sem.slapd-$INST.stats"

# Alive (not a zombie) and really an ns-slapd on our config?  Guards against PID reuse.
alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}
ours() {
    local cmd
    cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || return 1
    [[ "$cmd" == *ns-slapd* && "$cmd" == *"$CONF_DIR "* ]]
}

pids=()
for f in "$PIDFILE" "$INNER_PIDFILE"; do
    [[ -f "$f" ]] || continue
    pid=$(cat "$f" 2>/dev/null || true)
    [[ "$pid" =~ ^[0-9]+$ ]] || { [[ "$f" == "$PIDFILE" ]] && die "bad pid file $f"; continue; }
    if alive "$pid" && ours "$pid"; then
        [[ " ${pids[*]} " == *" $pid "* ]] || pids+=("$pid")
    fi
done

if [[ ${#pids[@]} -eq 0 ]]; then
    rm -f -- "$SEMAPHORE"   # left behind if the server was killed
    if [[ -f "$PIDFILE" ]]; then
        echo "dirsrv/stop.sh: pid $(cat "$PIDFILE") is not running (stale pid file removed)" >&2
        rm -f -- "$PIDFILE"
    else
        echo "dirsrv/stop.sh: not running (no $PIDFILE)" >&2
    fi
    exit 0
fi

for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
done
any_alive() { local p; for p in "${pids[@]}"; do alive "$p" && return 0; done; return 1; }
for _ in $(seq 100); do
    any_alive || break
    sleep 0.1
done
if any_alive; then
    echo "dirsrv/stop.sh: ns-slapd ${pids[*]} ignored SIGTERM for 10 s; sending SIGKILL" >&2
    for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    for _ in $(seq 50); do
        any_alive || break
        sleep 0.1
    done
    any_alive && die "ns-slapd ${pids[*]} still alive after SIGKILL"
    rm -f -- "$SEMAPHORE"
fi
rm -f -- "$PIDFILE"
echo "dirsrv/stop.sh: stopped pid ${pids[*]}" >&2
