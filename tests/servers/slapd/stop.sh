#!/usr/bin/env bash
# Stop the test slapd started by start.sh STATE_DIR: SIGTERM by PID, SIGKILL after 10 s.
#   tests/servers/slapd/stop.sh STATE_DIR
# Exits 0 when the server is (now) stopped, also when it was not running.  Data stays in
# STATE_DIR (start.sh STATE_DIR restarts it; rm -rf STATE_DIR throws it away).
set -euo pipefail

die() { echo "slapd/stop.sh: $*" >&2; exit 1; }
[[ $# -eq 1 && "$1" != -* ]] || { echo "usage: $0 STATE_DIR" >&2; exit 2; }
[[ -d "$1" ]] || die "no such state dir: $1"
STATE_DIR=$(cd -- "$1" && pwd -P)
CONF="$STATE_DIR/slapd.conf"
PIDFILE="$STATE_DIR/slapd.pid"

[[ -f "$PIDFILE" ]] || { echo "slapd/stop.sh: not running (no $PIDFILE)" >&2; exit 0; }
pid=$(cat "$PIDFILE")
[[ "$pid" =~ ^[0-9]+$ ]] || die "bad pid file $PIDFILE"

# Alive (not a zombie) and really a slapd on our config?  Guards against PID reuse.
alive() {
    local stat
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}
ours() {
    local cmd
    cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
    [[ "$cmd" == *slapd* && "$cmd" == *"$CONF"* ]]
}

if ! alive || ! ours; then
    echo "slapd/stop.sh: pid $pid is not running (stale pid file removed)" >&2
    rm -f -- "$PIDFILE"
    exit 0
fi

kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 100); do
    alive || break
    sleep 0.1
done
if alive; then
    echo "slapd/stop.sh: pid $pid ignored SIGTERM for 10 s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
        alive || break
        sleep 0.1
    done
    alive && die "pid $pid still alive after SIGKILL"
fi
rm -f -- "$PIDFILE"
echo "slapd/stop.sh: stopped pid $pid" >&2
