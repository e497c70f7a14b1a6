#!/usr/bin/env bash
# Stop the test PostgreSQL started by start.sh STATE_DIR, by the PID in STATE_DIR/data/postmaster.pid:
# SIGTERM (smart shutdown), after 3 s SIGINT (fast: disconnects clients), after 10 s more SIGQUIT
# (immediate), after 5 s more SIGKILL (postmaster and its children).
#   tests/servers/postgresql/stop.sh STATE_DIR
# Exits 0 when the server is (now) stopped, also when it was not running.  Data stays in
# STATE_DIR (start.sh STATE_DIR restarts it; rm -rf STATE_DIR throws it away).
set -euo pipefail

die() { echo "postgresql/stop.sh: $*" >&2; exit 1; }
note() { echo "postgresql/stop.sh: $*" >&2; }
[[ $# -eq 1 && "$1" != -* ]] || { echo "usage: $0 STATE_DIR" >&2; exit 2; }
[[ -d "$1" ]] || die "no such state dir: $1"
STATE_DIR=$(cd -- "$1" && pwd -P)
DATA="$STATE_DIR/data"
PIDFILE="$DATA/postmaster.pid"   # written and removed by postgres itself; line 1 is the postmaster's PID

if [[ -d "$DATA" && ! -x "$DATA" ]]; then
    die "cannot look into $DATA (owned by $(stat -c %U -- "$DATA")); run stop.sh as root or as that user"
fi
[[ -f "$PIDFILE" ]] || { note "not running (no $PIDFILE)"; exit 0; }
pid=$(head -n 1 "$PIDFILE" 2>/dev/null || true)
[[ "$pid" =~ ^[0-9]+$ ]] || die "bad pid file $PIDFILE"

# Alive (not a zombie) and really the postmaster of our data dir?  Guards against PID reuse.
pid_alive() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ ${stat:0:1} != Z ]]
}
ours() {
    local cmd cwd
    cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
    [[ "$cmd" == *postgres* ]] || return 1
    cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null || true)
    [[ "$cwd" == "$DATA" || "$cmd" == *" -D $DATA "* || "$cmd" == *" -D $DATA" ]]
}
# The postmaster's children (backends, checkpointer, ...), to be killed with it after SIGKILL.
children() {
    local f stat
    for f in /proc/[0-9]*/stat; do
        stat=$(cat "$f" 2>/dev/null) || continue
        stat=${stat##*) }
        # shellcheck disable=SC2086
        set -- $stat
        [[ "${2:-}" == "$pid" ]] && printf '%s\n' "${f//[!0-9]/}"
    done
    return 0
}

if ! pid_alive "$pid" || ! ours; then
    note "pid $pid is not running (stale pid file removed)"
    rm -f -- "$PIDFILE" "$STATE_DIR"/run/.s.PGSQL.*
    exit 0
fi

wait_gone() {  # $1 = seconds (by the clock: a loop count drifts on a busy machine)
    local end=$((${EPOCHREALTIME/[.,]/} + $1 * 1000000))
    while ((${EPOCHREALTIME/[.,]/} < end)); do
        pid_alive "$pid" || return 0
        sleep 0.1
    done
    ! pid_alive "$pid"
}

kill -TERM "$pid" 2>/dev/null || die "cannot signal pid $pid (owner $(stat -c %U "/proc/$pid" 2>/dev/null || echo '?')); run stop.sh as root"
if ! wait_gone 3; then
    note "pid $pid still running 3 s after SIGTERM (clients connected?); SIGINT (fast shutdown)"
    kill -INT "$pid" 2>/dev/null || true
    if ! wait_gone 10; then
        note "pid $pid still running 10 s after SIGINT; SIGQUIT (immediate shutdown)"
        kill -QUIT "$pid" 2>/dev/null || true
        if ! wait_gone 5; then
            kids=$(children)
            note "pid $pid still running 5 s after SIGQUIT; SIGKILL${kids:+ (with children ${kids//$'\n'/ })}"
            # shellcheck disable=SC2086
            kill -KILL "$pid" $kids 2>/dev/null || true
            wait_gone 5 || die "pid $pid still alive after SIGKILL"
            for k in $kids; do
                for _ in $(seq 50); do pid_alive "$k" || break; sleep 0.1; done
            done
            # postgres did not clean up: the next start must not trip over the leftovers.
            rm -f -- "$PIDFILE" "$STATE_DIR"/run/.s.PGSQL.*
        fi
    fi
fi
note "stopped pid $pid"
