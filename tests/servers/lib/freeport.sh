# Sourced by slapd/, dirsrv/ and postgresql/start.sh: a free port in 20000-32767 (below Linux's ephemeral range),
# found without starting another program. slapd starts once per test function, and a python3 on PATH may be a
# pyenv shim that costs 0.3 s a call.

# port_free PORT: true if no TCP socket on this host has PORT as its local port (IPv4 or IPv6, any state). Without
# /proc/net/tcp, true if nothing accepts connections on 127.0.0.1:PORT.
port_free() {
    local p=$1 hex tables=()
    printf -v hex '%04X' "$p"
    [[ -r /proc/net/tcp ]] && tables+=(/proc/net/tcp)
    [[ -r /proc/net/tcp6 ]] && tables+=(/proc/net/tcp6)
    if ((${#tables[@]} > 0)); then
        # Column 2 is local_address, ADDRESS:PORT in hex.
        awk -v port="$hex" 'FNR > 1 && substr($2, index($2, ":") + 1) == port { used = 1; exit } END { exit used }' \
            "${tables[@]}"
    else
        ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null
    fi
}

# pick_port WANTED AVOID: WANTED if given, else a random free port other than AVOID.
pick_port() {
    local p tries=0
    if [[ -n "${1:-}" ]]; then printf '%s' "$1"; return; fi
    while :; do
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 12768))
        if [[ "$p" != "${2:-}" ]] && port_free "$p"; then printf '%s' "$p"; return; fi
        tries=$((tries + 1))
        ((tries < 200)) || { echo "no free port found in 20000-32767" >&2; return 1; }
    done
}

# percent_encode TEXT: TEXT with every byte but [A-Za-z0-9._~-] as %XX (an ldapi:// socket path).
percent_encode() {
    local LC_ALL=C text=$1 out="" c hex i
    for ((i = 0; i < ${#text}; i++)); do
        c=${text:i:1}
        case $c in
            [A-Za-z0-9._~-]) out+=$c ;;
            *) printf -v hex '%%%02X' "'$c"; out+=$hex ;;
        esac
    done
    printf '%s' "$out"
}
