#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 Updraft contributors
# SPDX-License-Identifier: GPL-3.0-or-later
# Updraft's reliability campaign: kill -9 of single runs and of the agent while the directory changes, SCIM faults,
# and an LDAP outage mid-run, against slapd and the SCIM test peer on loopback; after each part the cloud must equal
# the directory, with no orphan, no duplicate, no delete of an object still in scope, an intact store, and a run
# after convergence that writes nothing. See README.md beside this script.
#
#   tests/reliability/campaign.sh [--short | --long] [--kills N] [--agent-kills N] [--users N] [--seed N] [--keep]
# --short    the CI form (about 2 minutes on 2 cores): 1,000 users, 10 kills of single runs, 5 of the agent,
#            8 of the 12 fault kinds, both LDAP outages
# --long     the default: 2,000 users, 120 kills of single runs, 24 of the agent, every fault kind
# --seed N   the same directory, batches, delays and choices again (timing still differs); printed at the start
# --keep     keep the work directory (store, logs, ledger) for a post-mortem
# Uses $UPDRAFT_BUILD/app/cli/updraft-cli (default: build/release under the repository). Exits 1 on any failed
# assertion, 2 if the servers cannot be started, 64 on a usage error.
set -euo pipefail
export LC_NUMERIC=C # EPOCHREALTIME and awk with a decimal point
export PYTHONDONTWRITEBYTECODE=1 # no __pycache__ beside the helpers
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

usage() { sed -n '9,17p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-64}"; }
form=long kills="" agent_kills="" users="" seed="" keep=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --short) form=short; shift ;;
        --long) form=long; shift ;;
        --kills) kills="${2:?--kills needs N}"; shift 2 ;;
        --agent-kills) agent_kills="${2:?--agent-kills needs N}"; shift 2 ;;
        --users) users="${2:?--users needs N}"; shift 2 ;;
        --seed) seed="${2:?--seed needs N}"; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage 0 ;;
        *) echo "campaign.sh: unknown option $1" >&2; usage >&2 ;;
    esac
done
if [[ "$form" == short ]]; then
    : "${kills:=10}" "${agent_kills:=5}" "${users:=1000}"
    groups=20 init_kills=2 ops_min=10 ops_max=50 mass_max=150
    fault_kinds=(5xx-burst 429-retry-after reset-after freeze malformed-json html-200 empty-200 huge-50mb)
else
    : "${kills:=120}" "${agent_kills:=24}" "${users:=2000}"
    groups=40 init_kills=6 ops_min=10 ops_max=120 mass_max=400
    fault_kinds=(5xx-burst 5xx-persistent 429-retry-after reset-before reset-after freeze drip malformed-json
        malformed-json-after-write html-200 empty-200 huge-50mb)
fi
[[ -n "$seed" ]] || seed=$(( $(date +%s) % 100000 ))
[[ $init_kills -le $((kills / 4)) ]] || init_kills=$((kills / 4)) # kills of the first provisioning
[[ "$kills$agent_kills$users$seed" =~ ^[0-9]+$ ]] || { echo "campaign.sh: N must be a whole number" >&2; exit 64; }
RANDOM=$seed
cli="${UPDRAFT_BUILD:-$root/build/release}/app/cli/updraft-cli"
[[ -x "$cli" ]] || { echo "campaign.sh: no $cli (build the release preset, or set UPDRAFT_BUILD)" >&2; exit 2; }
for tool in ldapmodify ldapsearch curl python3 node; do
    command -v "$tool" >/dev/null || { echo "campaign.sh: $tool is needed" >&2; exit 2; }
done
# The interpreter itself, without site-packages (the helpers use the standard library only): a version manager's
# shim can take most of a second to start, and the campaign starts Python a few times a kill.
python="$(python3 -c 'import sys; print(sys.executable)')"
py() { "$python" -S "$@"; }
name=example.com
source_timeout=3 target_timeout=4 # seconds: short, so that outages and a frozen service fit the time budget

# ---------------------------------------------------------------------------------------------------------------
# Servers in a temporary directory; everything started here is stopped by PID on every exit path.
work="$(mktemp -d "${TMPDIR:-/tmp}/updraft-reliability.XXXXXX")"
state="$work/state" ledger="$work/ledger.json" memory="$work/memory.json"
child="" proxy_pid=""
kill_child() { # SIGKILL to $child and to its children (a run under /usr/bin/time)
    local c
    for c in $(cat /proc/"$child"/task/*/children 2>/dev/null); do kill -KILL "$c" 2>/dev/null || true; done
    kill -KILL "$child" 2>/dev/null || true
}
cleanup() {
    local rc=$?
    set +e
    [[ -n "$child" ]] && kill_child && wait "$child" 2>/dev/null
    for pidfile in "$work/ldap/slapd.pid" "$work/scim/scim.pid"; do # a frozen server must see the stop
        [[ -f "$pidfile" ]] && kill -CONT "$(cat "$pidfile")" 2>/dev/null
    done
    [[ -n "$proxy_pid" ]] && kill -TERM "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
    "$root/tests/servers/scim/stop.sh" "$work/scim" >/dev/null 2>&1
    "$root/tests/servers/slapd/stop.sh" "$work/ldap" >/dev/null 2>&1
    if [[ $keep -eq 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t_start=$SECONDS
echo "Updraft reliability campaign: $form form, seed $seed, $users users, $groups groups, $kills kills of single" \
    "runs, $agent_kills of the agent ($(nproc) cores; $cli)"
py "$root/tests/fixtures/gen-directory.py" --users "$users" --groups "$groups" --seed "$seed" \
    -o "$work/directory.ldif"
"$root/tests/servers/slapd/start.sh" "$work/ldap" --ldif "$work/directory.ldif" >/dev/null 2>"$work/slapd-start.err" \
    || { cat "$work/slapd-start.err" >&2; exit 2; }
"$root/tests/servers/scim/start.sh" "$work/scim" updraft-test-token --log >/dev/null || exit 2
set -a
# shellcheck disable=SC1091
. "$work/ldap/slapd.env"
set +a
REL_TOKEN="$(cat "$work/scim/scim.token")"
export REL_BIND_PASSWORD="$UPDRAFT_LDAP_SYNC_PASSWORD" REL_TOKEN
scim_url="$(cat "$work/scim/scim.url")"
control="${scim_url%/scim/v2}/_test"
scim_log="$work/scim/scim.log"

write_config() { # TARGET_URL
    cat >"$work/config.json" <<JSON
{"name": "$name", "domain": "example.com",
 "source": {"type": "openldap", "url": "$UPDRAFT_LDAP_URL", "bindDn": "$UPDRAFT_LDAP_SYNC_DN",
            "bindPassword": {"env": "REL_BIND_PASSWORD"}, "baseDn": "$UPDRAFT_LDAP_BASE_DN",
            "pageSize": 100, "timeoutSeconds": $source_timeout},
 "scope": {"organizationalUnits": ["$UPDRAFT_LDAP_BASE_DN"]},
 "target": {"type": "scim", "url": "$1", "token": {"env": "REL_TOKEN"}, "timeoutSeconds": $target_timeout},
 "safety": {"deleteThreshold": 1000000},
 "schedule": {"intervalSeconds": 1}}
JSON
    "$cli" import --config "$work/config.json" --state "$state" >/dev/null
}

# ---------------------------------------------------------------------------------------------------------------
# Bookkeeping
failures=()
declare -A converge_totals=()
converge_checks=0
fail() { failures+=("$1"); echo "FAIL: $1"; }
integrity_checks=0 integrity_failures=0 ldap_change_errors=0
dice=0 ops=0 mass=0 pause=0 delay=0 # set by rnd and fsec (printf -v)
# Random numbers come from $RANDOM of this shell only (seeded with --seed): a subshell's $RANDOM is reseeded.
rnd() { printf -v "$1" '%d' $(( ((RANDOM << 15) | RANDOM) % ($3 - $2 + 1) + $2 )); } # VAR MIN MAX
fsec() { # VAR MIN MAX: seconds, 3 decimals
    local r=$(( (RANDOM << 15) | RANDOM ))
    printf -v "$1" '%s' "$(awk -v a="$2" -v b="$3" -v r="$r" 'BEGIN { printf "%.3f", a + (b - a) * r / 1073741823 }')"
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
stats() { curl -fsS --max-time 10 "$control/stats"; }
writes() { # POST+PATCH+PUT+DELETE since the last stats reset
    stats | py -c 'import json,sys; r=json.load(sys.stdin)["requests"]; print(r["POST"]+r["PATCH"]+r["PUT"]+r["DELETE"])'
}
deletes_since_reset() { stats | py -c 'import json,sys; print(json.load(sys.stdin)["requests"]["DELETE"])'; }
stats_reset() { curl -fsS --max-time 10 -X POST "$control/stats/reset" >/dev/null; }
store_file() { ls "$state"/*.sqlite 2>/dev/null | head -n 1; }
sql() { # read-only: the store stays exactly as the kill left it (no checkpoint, no WAL recovery written back)
    local db
    db="$(store_file)"
    [[ -n "$db" ]] || { echo "no store"; return; }
    if command -v sqlite3 >/dev/null; then
        sqlite3 -readonly "$db" "$1" 2>&1
    else
        py -c 'import sqlite3,sys; c=sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
for r in c.execute(sys.argv[2]): print("|".join(map(str, r)))' "$db" "$1" 2>&1
    fi
}
integrity() { # LABEL; sets store_ok: ok or the problem
    store_ok="$(sql 'PRAGMA integrity_check' | tr '\n' ' ' | sed 's/ $//')"
    integrity_checks=$((integrity_checks + 1))
    if [[ "$store_ok" != ok ]]; then
        integrity_failures=$((integrity_failures + 1))
        fail "$1: PRAGMA integrity_check: $store_ok"
    fi
}
observe() { # LABEL [--several-runs]
    py "$here/verify.py" observe --ledger "$ledger" --control "$control" --scim-log "$scim_log" --label "$@"
}
converge() { # LABEL: the cloud equals the directory
    local out rc=0
    out="$(py "$here/verify.py" converge --ledger "$ledger" --control "$control")" || rc=$?
    echo "$out" | grep -v '^CONVERGE' | sed 's/^/    /' || true
    last_converge="$(echo "$out" | sed -n 's/^CONVERGE //p')"
    [[ -n "$last_converge" ]] || last_converge='{"error": 1}'
    local k
    for k in missing orphans duplicates divergences recreated; do
        converge_totals[$k]=$(( ${converge_totals[$k]:-0} + $(json_counts "$last_converge" "$k") ))
    done
    converge_checks=$((converge_checks + 1))
    [[ $rc -eq 0 ]] || fail "$1: the cloud differs from the directory: $last_converge"
    return 0
}
apply_batch() { # OPS MASS TAG; sets batch: the summary of the batch
    py "$here/changes.py" --seed "$seed.$3" --ops "$1" --mass "$2" --memory "$memory" --tag "$3" \
        >"$work/batch.ldif" 2>"$work/batch.sum"
    local errors=0
    ldapmodify -x -c -H "$UPDRAFT_LDAP_URL" -D "$UPDRAFT_LDAP_ADMIN_DN" -w "$UPDRAFT_LDAP_ADMIN_PASSWORD" \
        -f "$work/batch.ldif" >/dev/null 2>"$work/batch.err" || errors=$(grep -c '^ldap_' "$work/batch.err" || true)
    if [[ $errors -gt 0 ]]; then
        ldap_change_errors=$((ldap_change_errors + errors))
        echo "  (ldapmodify: $errors of the batch's changes refused: $(grep -m1 -A1 '^ldap_' "$work/batch.err" | tr '\n' ' '))" >&2
    fi
    batch="$(cut -d: -f1 "$work/batch.sum")"
    echo "$3 $(cat "$work/batch.sum")" >>"$work/batches.log"
}
start_bg() { # OUT ERR COMMAND... : starts COMMAND in the background, PID in $child
    local out="$1" err="$2"
    shift 2
    "$@" >"$out" 2>"$err" &
    child=$!
}
wait_child() { # sets rc: the exit status of $child (128+signal when killed)
    rc=0
    wait "$child" 2>/dev/null || rc=$?
    child=""
}
# The phase a run shows in its --verbose output (stderr) and whether it has written its summary (stdout).
phase_of() { # ERR OUT
    if [[ -s "$2" ]]; then echo end; return; fi
    case "$(grep -a -E '^  [A-Z][a-z]+.*…$' "$1" | tail -n 1)" in
        "") echo start ;;
        *Reading*) echo read ;;
        *Planning*) echo plan ;;
        *Deleting*) echo delete ;;
        *) echo write ;;
    esac
}
run_ok() { # LABEL [ARGS...]: a run that must succeed (exit 0); its --json in $work/run.json
    local label="$1" rc=0
    shift
    "$cli" run "$name" --state "$state" --json "$@" >"$work/run.json" 2>"$work/run.err" || rc=$?
    if [[ $rc -ne 0 ]]; then
        fail "$label: run exit $rc: $(head -c 600 "$work/run.err" | tr '\n' ' ')"
        show_failed_results
    fi
    return 0
}
show_failed_results() { # the failed objects of the last run, for the log
    local id
    id=$(sql "SELECT max(id) FROM runs")
    "$cli" results "$id" --state "$state" 2>/dev/null | grep -v '^success' | head -n 5 | sed 's/^/    /' || true
}
run_counts() { # from $work/run.json: "+c ~u -d"
    py -c 'import json,sys; r=json.load(open(sys.argv[1])); u,g=r["users"],r["groups"]
print("users +%d ~%d -%d !%d groups +%d ~%d -%d !%d" % (u["created"],u["updated"],u["deleted"],u["failed"],g["created"],g["updated"],g["deleted"],g["failed"]))' "$work/run.json" 2>/dev/null || echo "(no summary)"
}
final_writes_total=0
zero_write_run() { # LABEL: a run after convergence makes no write; sets zw
    stats_reset
    run_ok "$1 (the run after convergence)"
    local counts
    zw=$(writes)
    counts="$(run_counts)"
    final_writes_total=$((final_writes_total + zw))
    [[ $zw -eq 0 ]] || fail "$1: the run after convergence made $zw writes ($counts)"
    [[ "$counts" == "users +0 ~0 -0 !0 groups +0 ~0 -0 !0" ]] || fail "$1: the run after convergence: $counts"
}
converge_and_settle() { # LABEL: a normal run, the cloud equals the directory, the next run writes nothing
    run_ok "$1 (normal run)"
    echo "  normal run: $(run_counts)"
    observe "$1" | sed 's/^/  observe: /'
    converge "$1"
    echo "  converged: $last_converge"
    zero_write_run "$1"
    echo "  next run writes: $zw"
}
json_counts() { py -c 'import json,sys; print(json.loads(sys.argv[1]).get(sys.argv[2], 0))' "$1" "$2"; }

write_config "$scim_url"

wait_for_line() { # FILE REGEX SECONDS: true once FILE has a line matching REGEX, false after SECONDS or if $child ended
    local deadline
    deadline=$(awk -v s="$3" -v n="$(now)" 'BEGIN { printf "%.3f", n + s }')
    while ! grep -a -q -E "$2" "$1" 2>/dev/null; do
        kill -0 "$child" 2>/dev/null || return 1
        awk -v d="$deadline" -v n="$(now)" 'BEGIN { exit !(n > d) }' && return 1
        sleep 0.01
    done
}
wait_child_for() { # SECONDS: waits for $child at most SECONDS; sets rc, and hung=1 (after a SIGKILL) when it did not end
    local deadline=$((SECONDS + $1))
    hung=0
    while kill -0 "$child" 2>/dev/null && [[ $SECONDS -lt $deadline ]]; do sleep 0.1; done
    if kill -0 "$child" 2>/dev/null; then
        hung=1
        kill_child
    fi
    wait_child
}
last_run_json() { # the store's newest run as the run's --json would print it, in $work/run.json
    "$cli" history "$name" --state "$state" --json --limit 1 |
        py -c 'import json,sys; json.dump(json.load(sys.stdin)[0], sys.stdout)' >"$work/run.json"
}
message_of() { # the run's own words: its output without the progress lines
    cat "$work/run.out" "$work/run.err" | grep -a -v -E '^  [A-Z][a-z]+.*…$|^updraft\.engine\.(sync|scim):' |
        head -n 3 | tr '\n' ' ' | cut -c1-300
}
new_problems() { # what the last convergence check found that was new
    py -c 'import json,sys; c=json.loads(sys.argv[1]); n={k:c.get(k,0) for k in ("missing","orphans","duplicates","divergences","recreated")}
print("converged" if not any(n.values()) else "NOT converged: " + ", ".join("%s %d" % kv for kv in n.items() if kv[1]))' "$last_converge"
}
obs_field() { echo "$1" | sed -n "s/.* $2 \([0-9]*\).*/\1/p"; }

# ---------------------------------------------------------------------------------------------------------------
echo
echo "== 1. kill -9 of single runs ($kills kills)"
# Calibration: one uninterrupted first provisioning gives T, then the cloud and the store start again from empty.
t0=$(now)
"$cli" run "$name" --state "$state" --json >"$work/run.json" 2>"$work/run.err" \
    || { echo "calibration run failed: $(cat "$work/run.err")" >&2; exit 1; }
t_init=$(since "$t0")
echo "calibration: a first provisioning takes $t_init s ($(run_counts))"
curl -fsS -X POST "$control/reset" >/dev/null
rm -rf "$state" "$ledger"
: >"$scim_log"
write_config "$scim_url"

declare -A by_phase=() t_est=()
# t_est: seconds a run takes per change of its batch (plus 40, for what every run does), measured on the runs that
# ended by themselves, apart for the runs after a killed run (which read the whole scope and first resolve the
# killed run's writes) and after a run that succeeded (which reads what changed).
kills_done=0 late=0 finished_runs=0 iteration=0 object_error_runs=0 prev=killed provisioned=0
while [[ $kills_done -lt $kills && $iteration -lt $((kills * 3)) ]]; do
    iteration=$((iteration + 1))
    batch="" finish=0
    if [[ $provisioned -eq 0 && $iteration -le $init_kills ]]; then
        kind=initial T=$t_init # kills of the first provisioning, into an empty cloud
    else
        rnd ops "$ops_min" "$ops_max"
        rnd dice 1 4
        mass=0
        [[ $dice -eq 1 ]] && rnd mass 20 "$mass_max"
        apply_batch "$ops" "$mass" "k$iteration"
        kind="after-$prev"
        rnd dice 1 5
        [[ -z "${t_est[$kind]:-}" || $dice -eq 1 ]] && finish=1
        size=$((ops + mass + 40))
        T=$(awk -v r="${t_est[$kind]:-0.02}" -v n="$size" 'BEGIN { printf "%.3f", r * n }')
    fi
    stats_reset
    t0=$EPOCHREALTIME
    start_bg "$work/run.out" "$work/run.err" "$cli" run "$name" --state "$state" --verbose
    if [[ $finish -eq 1 ]]; then
        wait_child
    else
        # uniform in [0.05 s, 1.1 T]: during the reads, the writes, and around the end
        fsec delay 0.05 "$(awk -v t="$T" 'BEGIN { print t * 1.1 }')"
        deadline=$(( ${t0/./} + $(awk -v d="$delay" 'BEGIN { printf "%d", d * 1000000 }') ))
        while kill -0 "$child" 2>/dev/null && (( ${EPOCHREALTIME/./} < deadline )); do sleep 0.005; done
        kill -KILL "$child" 2>/dev/null || true
        wait_child
    fi
    took=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
    if [[ $rc -ne 137 ]]; then # the run ended by itself
        finished_runs=$((finished_runs + 1))
        if [[ $kind != initial ]]; then
            rate=$(awk -v t="$took" -v n="$size" 'BEGIN { printf "%.6f", t / n }')
            t_est[$kind]=$(awk -v o="${t_est[$kind]:-$rate}" -v r="$rate" 'BEGIN { printf "%.6f", (o + r) / 2 }')
        fi
        last_run_json
        if [[ $finish -eq 1 ]]; then line="run (let finish)"; else line="run (ended before its kill at $delay s)"; fi
        line="$line exit $rc in $took s: $(run_counts)"
        [[ $finish -eq 1 ]] || late=$((late + 1))
        [[ $rc -ne 2 ]] || { object_error_runs=$((object_error_runs + 1)); show_failed_results; }
        [[ $rc -le 2 ]] || fail "iteration $iteration: a run exited $rc: $(head -c 400 "$work/run.err")"
        prev=$([[ $rc -eq 0 ]] && echo success || echo killed)
        provisioned=1
    else
        phase=$(phase_of "$work/run.err" "$work/run.out") # what the run had printed when it was killed
        kills_done=$((kills_done + 1))
        by_phase[$phase]=$(( ${by_phase[$phase]:-0} + 1 ))
        # a killed run that was nearly done leaves no longer measured: make T longer when kills come late
        awk -v d="$delay" -v t="$T" 'BEGIN { exit !(d > 0.9 * t) }' && [[ $kind != initial ]] &&
            t_est[$kind]=$(awk -v r="${t_est[$kind]}" 'BEGIN { printf "%.6f", r * 1.15 }')
        line="kill $kills_done/$kills at $delay s (T $T) phase $phase, writes $(writes)"
        prev=killed
    fi
    integrity "iteration $iteration"
    obs=$(observe "iteration $iteration")
    printf '%3d %s%s | store %s | %s\n' "$iteration" "${batch:+[$batch] }" "$line" "$store_ok" "$obs"
done
echo "after the loop ($((SECONDS - t_start)) s):"
converge_and_settle "single-run kills"
phases=""
for p in start read plan write delete end; do [[ -z "${by_phase[$p]:-}" ]] || phases+="${phases:+, }$p ${by_phase[$p]}"; done
single_summary="$kills_done kills ($phases), $finished_runs runs ended by themselves ($late of them before their kill; $object_error_runs with object errors)"
echo "  $single_summary"

# ---------------------------------------------------------------------------------------------------------------
echo
echo "== 2. kill -9 of the agent ($agent_kills kills; the configuration runs every second)"
agent_runs=0 agent_in_run=0 agent_idle=0
for ((j = 1; j <= agent_kills; j++)); do
    rnd ops "$ops_min" "$ops_max"
    mass=0
    [[ $((j % 2)) -eq 0 ]] && rnd mass 50 "$mass_max" # a longer run to aim at
    apply_batch "$ops" "$mass" "a$j"
    changes="$batch"
    before=$(sql "SELECT coalesce(max(id), 0) FROM runs")
    start_bg "$work/agent.out" "$work/agent.err" "$cli" agent --state "$state"
    if [[ $((j % 2)) -eq 0 ]]; then # aimed: once a run has started, a little later
        t0=$EPOCHREALTIME
        for _ in $(seq 250); do
            [[ "$(sql "SELECT count(*) FROM runs WHERE id > $before AND status = 'running'")" == 0 ]] || break
            sleep 0.02
        done
        fsec pause 0 0.2
        sleep "$pause"
        delay=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
    else # anywhere in [0.3, 4] s, with more directory changes half-way half of the time
        fsec delay 0.3 4.0
        rnd dice 0 1
        rnd ops 5 20
        if [[ $dice -eq 1 ]]; then
            sleep "$(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 2 }')"
            apply_batch "$ops" 0 "a$j.m"
            changes="$changes, then $batch while it runs"
            sleep "$(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 2 }')"
        else
            sleep "$delay"
        fi
    fi
    latest=$(sql "SELECT status FROM runs ORDER BY id DESC LIMIT 1")
    kill -KILL "$child" 2>/dev/null || true
    wait_child
    finished=$(grep -c -E ' run [0-9]+ ' "$work/agent.out" || true)
    agent_runs=$((agent_runs + finished))
    if [[ "$latest" == running ]]; then agent_in_run=$((agent_in_run + 1)) where="in a run"
    else agent_idle=$((agent_idle + 1)) where="between runs"; fi
    integrity "agent kill $j"
    obs=$(observe "agent kill $j" --several-runs)
    printf '%3d [%s] agent killed after %s s, %s (%d runs finished, exit %d) | store %s | %s\n' "$j" "$changes" \
        "$delay" "$where" "$finished" "$rc" "$store_ok" "$obs"
done
rnd ops "$ops_min" "$ops_max"
apply_batch "$ops" 0 "a-last"
t_change=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
start_bg "$work/agent.out" "$work/agent.err" "$cli" agent --state "$state"
t0=$(now) settled=""
while [[ -z "$settled" ]] && awk -v t="$(since "$t0")" 'BEGIN { exit !(t < 90) }'; do
    sleep 0.5
    settled=$("$cli" history "$name" --state "$state" --json --limit 5 | py -c '
import json, sys
runs = [r for r in json.load(sys.stdin) if r["startedAt"] > sys.argv[1] and r["status"] != "running"]
print("run %d %s" % (runs[-1]["run"], runs[-1]["status"]) if runs else "")' "$t_change")
done
agent_converged_in=$(since "$t0")
kill -TERM "$child" 2>/dev/null || true
wait_child_for 30
agent_term_rc=$rc
echo "after the last change ([$batch]) the agent finished $settled ${agent_converged_in} s later;" \
    "SIGTERM: exit $agent_term_rc$([[ $hung -eq 1 ]] && echo ', did not stop within 30 s')"
[[ -n "$settled" ]] || fail "agent: no run finished within 90 s of the last change"
[[ $agent_term_rc -eq 0 && $hung -eq 0 ]] || fail "agent: SIGTERM gave exit $agent_term_rc (hung $hung)"
integrity "agent stopped"
observe "agent" --several-runs | sed 's/^/  observe: /'
converge "agent kills"
echo "  converged: $last_converge"
zero_write_run "agent kills"
echo "  next run writes: $zw"
agent_summary="$agent_kills kills ($agent_in_run in a run, $agent_idle between runs), $agent_runs runs finished before the kills, converged ${agent_converged_in} s after the last change, SIGTERM exit $agent_term_rc"

# ---------------------------------------------------------------------------------------------------------------
echo
echo "== 3. SCIM faults (${#fault_kinds[@]} kinds; target timeout ${target_timeout} s)"
"$python" -S "$here/faultproxy.py" --upstream "${scim_url%/scim/v2}" --port-file "$work/proxy.port" \
    2>"$work/proxy.err" & # not through py(): $! must be the proxy itself
proxy_pid=$!
for _ in $(seq 50); do [[ -s "$work/proxy.port" ]] && break; sleep 0.1; done
[[ -s "$work/proxy.port" ]] || { echo "the fault proxy did not start: $(cat "$work/proxy.err")" >&2; exit 2; }
proxy="http://127.0.0.1:$(cat "$work/proxy.port")"
write_config "$proxy/scim/v2"
echo "through the fault proxy ($proxy; the peer lacks resets, drips, freezes and bodies over 32 MB):"
zero_write_run "through the proxy"
echo "  a run through the proxy writes: $zw"
peer_faults() { curl -fsS --max-time 10 -X POST "$control/faults" -H 'Content-Type: application/json' -d "$1" >/dev/null; }
proxy_rules() { curl -fsS --max-time 10 -X POST "$proxy/_proxy/rules" -H 'Content-Type: application/json' -d "$1" >/dev/null; }
clear_faults() {
    curl -fsS --max-time 10 -X DELETE "$control/faults" >/dev/null
    curl -fsS --max-time 10 -X DELETE "$proxy/_proxy/rules" >/dev/null
}
declare -A fault_results=()
timer=() # the peak memory of each run under a fault (the 50 MB answer)
[[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f %M -o "$work/rss")
for kind in "${fault_kinds[@]}"; do
    apply_batch 25 0 "f-$kind"
    clear_faults
    stats_reset
    events_before=$(curl -fsS "$proxy/_proxy/stats" | py -c 'import json,sys; print(len(json.load(sys.stdin)["events"]))')
    py "$here/faults.py" "$kind" --target-timeout "$target_timeout" >"$work/fault.json"
    rules=$(py -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["peer"]))' "$work/fault.json")
    [[ "$rules" == "[]" ]] || peer_faults "$rules"
    rules=$(py -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["proxy"]))' "$work/fault.json")
    [[ "$rules" == "[]" ]] || proxy_rules "$rules"
    t0=$(now)
    rm -f "$work/rss"
    start_bg "$work/run.out" "$work/run.err" "${timer[@]}" "$cli" run "$name" --state "$state" --verbose
    if [[ "$kind" == freeze ]]; then # the peer stops answering (SIGSTOP) for longer than the client's timeout
        scim_pid=$(cat "$work/scim/scim.pid")
        wait_for_line "$work/run.err" 'Reading directory' 10 || true
        kill -STOP "$scim_pid"
        sleep $((target_timeout + 2))
        kill -CONT "$scim_pid"
    fi
    wait_child_for 300
    took=$(since "$t0")
    last_run_json
    counts="$(run_counts)"
    faulted=$(stats | py -c 'import json,sys; print(json.load(sys.stdin)["faulted"])')
    events=$(curl -fsS "$proxy/_proxy/stats" | py -c 'import json,sys
e = json.load(sys.stdin)["events"][int(sys.argv[1]):]
print("; ".join("%s %s %s: %s after %.1f s" % (x["kind"], x["method"], x["path"].split("?")[0][-40:], x["outcome"], x["seconds"]) for x in e[:4]))' "$events_before")
    obs=$(observe "fault $kind")
    verdict=ok
    if [[ $hung -eq 1 ]]; then verdict="HUNG"; fail "fault $kind: the run did not end within 300 s"
    elif [[ $rc -gt 3 ]]; then verdict="CRASH"; fail "fault $kind: the run crashed (exit $rc): $(message_of)"
    elif [[ $rc -eq 3 ]]; then verdict="GUARD"; fail "fault $kind: a safety guard stopped the run (exit 3): $(message_of)"
    fi
    [[ "$(obs_field "$obs" spurious)" == 0 ]] || { verdict="SPURIOUS-DELETE"; fail "fault $kind: $obs"; }
    [[ "$(obs_field "$obs" dups)" == 0 ]] || { verdict="DUPLICATE"; fail "fault $kind: $obs"; }
    rss=$(tail -n 1 "$work/rss" 2>/dev/null | awk '{ printf "; peak RSS %d MiB", $1 / 1024 }' || true)
    printf '%-27s exit %d in %s s (%s; peer faulted %s%s%s) %s | %s\n' "$kind" "$rc" "$took" "$counts" "$faulted" \
        "$rss" "${events:+; proxy: $events}" "$verdict" "$obs"
    [[ $rc -eq 0 ]] || echo "  the run said: $(message_of | sed 's/ *users: .*//')"
    clear_faults
    converge_and_settle "fault $kind"
    fault_results[$kind]="exit $rc in ${took} s, $verdict, then $(new_problems)"
done
write_config "$scim_url"

# ---------------------------------------------------------------------------------------------------------------
echo
echo "== 4. LDAP outage mid-run (source timeout ${source_timeout} s)"
slapd_restart() {
    "$root/tests/servers/slapd/start.sh" "$work/ldap" >/dev/null 2>"$work/slapd-start.err" ||
        { cat "$work/slapd-start.err" >&2; fail "slapd did not start again"; exit 1; }
    local old_url="$UPDRAFT_LDAP_URL"
    set -a
    # shellcheck disable=SC1091
    . "$work/ldap/slapd.env"
    set +a
    if [[ "$UPDRAFT_LDAP_URL" != "$old_url" ]]; then
        echo "  (slapd is back on another port: $UPDRAFT_LDAP_URL)"
        write_config "$scim_url"
    fi
}
outage_check() { # LABEL: the run failed cleanly, deleted nothing, and said which directory
    local label="$1" deletes msg
    deletes=$(deletes_since_reset)
    msg="$(message_of)"
    echo "  run exit $rc after $took s; DELETE requests $deletes; it said: $msg"
    [[ $hung -eq 0 ]] || fail "$label: the run did not give up within 120 s"
    [[ $rc -eq 1 || $rc -eq 2 ]] || fail "$label: exit $rc (expected 1 or 2)"
    [[ $deletes -eq 0 ]] || fail "$label: $deletes deletes during the outage"
    echo "$msg" | grep -q -i -E "ldap|directory|127\.0\.0\.1:$UPDRAFT_LDAP_PORT" ||
        fail "$label: the message does not name the directory: $msg"
    outage_results+=("$label: exit $rc in $took s, $deletes deletes")
}
outage_results=()
slapd_pid=$(cat "$work/ldap/slapd.pid")
apply_batch 40 0 "l-stop"
echo "slapd stopped (SIGTERM) while a run reads the directory [$batch]:"
stats_reset
kill -STOP "$slapd_pid" # held until the run is in its read, then stopped for good
t0=$(now)
start_bg "$work/run.out" "$work/run.err" "$cli" run "$name" --state "$state" --verbose --full
wait_for_line "$work/run.err" 'Reading directory' 10 || true
sleep 0.2
kill -TERM "$slapd_pid"
kill -CONT "$slapd_pid"
"$root/tests/servers/slapd/stop.sh" "$work/ldap" 2>/dev/null
wait_child_for 120
took=$(since "$t0")
integrity "slapd stopped"
outage_check "slapd stopped mid-run"
slapd_restart
echo "  slapd restarted on the same data ($UPDRAFT_LDAP_URL):"
converge_and_settle "after the slapd restart"

slapd_pid=$(cat "$work/ldap/slapd.pid")
apply_batch 40 0 "l-freeze"
echo "slapd frozen (SIGSTOP) as a run starts to read the directory, longer than the LDAP timeout [$batch]:"
stats_reset
kill -STOP "$slapd_pid" # the kernel still accepts the connection; nothing answers the bind
t_frozen=$(now) t0=$(now)
start_bg "$work/run.out" "$work/run.err" "$cli" run "$name" --state "$state" --verbose --full
wait_for_line "$work/run.err" 'Reading directory' 10 || true
wait_child_for 120
took=$(since "$t0")
# frozen at least 2 s longer than the timeout, however early the run gave up
sleep "$(awk -v f="$(since "$t_frozen")" -v t="$source_timeout" 'BEGIN { d = t + 2 - f; printf "%.2f", (d > 0 ? d : 0) }')"
kill -CONT "$slapd_pid"
echo "  slapd was frozen for $(since "$t_frozen") s"
integrity "slapd frozen"
outage_check "slapd frozen mid-run"
converge_and_settle "after the slapd freeze"

# ---------------------------------------------------------------------------------------------------------------
totals=$(py "$here/verify.py" totals --ledger "$ledger" 2>"$work/findings.txt")
spurious=$(json_counts "$totals" spurious_deletes) unknown=$(json_counts "$totals" unknown_deletes)
dup_obs=$(json_counts "$totals" duplicate_observations) observations=$(json_counts "$totals" observations)
unclassified=$(json_counts "$totals" unclassified_deletes) all_deletes=$(json_counts "$totals" deletes)
[[ $spurious -eq 0 ]] || fail "$spurious spurious deletes (DELETE of an object still in scope)"
[[ $unknown -eq 0 ]] || fail "$unknown DELETEs of ids no observation saw"
[[ $dup_obs -eq 0 ]] || fail "duplicates in the cloud at $dup_obs observations"
[[ -s "$work/findings.txt" ]] && sed 's/^/  /' "$work/findings.txt"
echo
echo "== Summary (seed $seed, $form form, $users users, $groups groups, $((SECONDS - t_start)) s)"
echo "single runs:   $single_summary"
echo "agent:         $agent_summary"
echo "SCIM faults:"
for k in "${fault_kinds[@]}"; do printf '  %-27s %s\n' "$k" "${fault_results[$k]:-not run}"; done
echo "  (the SCIM peer cannot inject resets, drips, freezes or bodies over 32 MiB: faultproxy.py and SIGSTOP do)"
outage_line=$(printf '%s; ' "${outage_results[@]}")
echo "LDAP outage:   ${outage_line%; }"
echo "cloud checks:  $converge_checks convergence checks: missing ${converge_totals[missing]:-0}," \
    "orphans ${converge_totals[orphans]:-0}, duplicates ${converge_totals[duplicates]:-0}," \
    "divergences ${converge_totals[divergences]:-0}, re-created ${converge_totals[recreated]:-0};" \
    "$observations observations of $all_deletes DELETEs: spurious $spurious, of unknown ids $unknown (and $unclassified" \
    "between agent kills, unclassified), duplicates seen $dup_obs"
echo "store:         $integrity_checks integrity checks, $integrity_failures failed"
echo "final runs:    $final_writes_total writes in the runs after convergence; $ldap_change_errors directory changes refused"
if [[ ${#failures[@]} -gt 0 ]]; then
    echo "RESULT: FAIL (${#failures[@]})"
    printf '  %s\n' "${failures[@]:0:10}"
    exit 1
fi
echo "RESULT: PASS"
