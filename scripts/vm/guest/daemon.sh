# Guest helpers for the daemon scenarios: skip while narvarod is the early stub, set up and start
# it, know when it listens on a reader (it holds the node open), wait for committed check-ins,
# and print what the host checks. The narvaro/narvarod invocations are in narvaro-commands.sh.

# daemon_begin GLOB...: SKIP marker when the daemon cannot serve readers yet; else sets up the
# database, starts narvarod and waits until it has the reader with each phys GLOB open.
daemon_begin() {
    if ! nv_daemon_ready; then
        mark "SKIP narvarod does not serve readers yet (its --help has no --database)"
        return 1
    fi
    if ! nv_setup > /tmp/setup.log 2>&1; then
        result cat /tmp/setup.log
        mark "GUEST-ERROR setting up the database failed: $(tail -n1 /tmp/setup.log)"
        return 1
    fi
    nv_daemon_start
    local glob
    for glob in "$@"; do
        wait_daemon_on "$glob" 20 || return 1
    done
}

# daemon_on GLOB: narvarod has the event node of the device with that phys open.
daemon_on() {
    local node
    node=$(node_by_phys "$1") && holds_open "$NV_PID" "$node"
}
# wait_daemon_on GLOB SECONDS: waits for daemon_on, or says why not (GUEST-ERROR).
wait_daemon_on() {
    poll "$2" daemon_on "$1" && return 0
    result cat "$NV_LOG"
    if kill -0 "$NV_PID" 2>/dev/null; then
        mark "GUEST-ERROR narvarod did not open the reader at $1 within $2 s"
    else
        mark "GUEST-ERROR narvarod exited: $(tail -n1 "$NV_LOG")"
    fi
    return 1
}

# count_checkins: how many "checkin id=" lines narvarod has logged (all runs).
count_checkins() {
    local n
    n=$(grep -c 'checkin id=' "$NV_LOG" 2>/dev/null)
    echo "${n:-0}"
}
has_checkins() { [ "$(count_checkins)" -ge "$1" ]; }

# wait_checkins N SECONDS: at least N check-ins logged, then a moment more so extra ones show too.
wait_checkins() {
    poll "$2" has_checkins "$1"
    settle "$NV_LOG"
}

# daemon_results: the daemon's log, then the database's check-ins as JSON (two RESULT blocks).
daemon_results() {
    result cat "$NV_LOG"
    result nv_checkins_json
}

# fd_count PID: how many files a process has open (to catch descriptors leaked on unplug).
fd_count() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }

# checkins_since_start N: the latest narvarod run has logged at least N check-ins.
checkins_since_start() {
    [ "$(awk '/^# narvarod started/ { n = 0 } /checkin id=/ { n++ } END { print n + 0 }' "$NV_LOG")" -ge "$1" ]
}

# input_of GLOB: the kernel's input device (input7, ...) behind the phys GLOB; a replugged reader
# gets a new number, which tells it apart from the old one not yet torn down.
input_of() {
    local node
    node=$(node_by_phys "$1") || return 1
    basename "$(readlink "/sys/class/input/${node##*/}/device")"
}
# replaced GLOB OLD: the device at GLOB is there and is not input device OLD.
replaced() {
    local now
    now=$(input_of "$1") && [ "$now" != "$2" ]
}
