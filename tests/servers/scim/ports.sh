# Sourced by the test services' start.sh and stop.sh (this folder's, ../scim-independent/, ../entra/): free loopback
# ports (needs $host), and stopping by PID.

port_in_use() {   # true if something accepts connections on $host:$1
    (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null
}

# Ask the kernel for a free port, then confirm nobody answers on it.
pick_port() {
    node -e '
        const s = require("net").createServer();
        s.listen(0, process.argv[1], () => { console.log(s.address().port); s.close(); });
    ' "$host"
}

# Stops the server whose PID is in $1 (TERM, then KILL after 3 s), waits until it has exited, removes the file.
# A server that exited but was not reaped yet by its new parent (init, once start.sh returned) is a zombie (ps
# state Z) and counts as stopped. Never stops anything by name.
stop_pidfile() {
    local pidfile="$1" pid
    if [[ ! -f "$pidfile" ]]; then
        echo "stop.sh: no $pidfile; nothing to stop" >&2
        return 0
    fi
    pid="$(cat "$pidfile")"
    running() {
        kill -0 "$1" 2>/dev/null || return 1
        [[ "$(ps -o stat= -p "$1" 2>/dev/null || true)" != Z* ]]
    }
    if [[ "$pid" =~ ^[0-9]+$ ]] && running "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 30); do
            running "$pid" || break
            sleep 0.1
        done
        if running "$pid"; then
            kill -KILL "$pid" 2>/dev/null || true
            for _ in $(seq 1 20); do
                running "$pid" || break
                sleep 0.1
            done
        fi
    fi
    rm -f "$pidfile"
}
