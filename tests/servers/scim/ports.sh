# Sourced by the SCIM services' start.sh (this folder's and ../scim-independent/): free loopback ports. Needs $host.

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
