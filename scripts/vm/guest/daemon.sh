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

# fd_targets PID: what a process has open, one sorted line per descriptor (to catch descriptors
# leaked on unplug). A reader's node shows as /dev/input/event* (a replugged reader gets a new
# number) and a socket or pipe without its inode number.
fd_targets() {
    local fd
    for fd in /proc/"$1"/fd/*; do readlink "$fd"; done 2>/dev/null |
        sed -e 's|^/dev/input/event[0-9]*$|/dev/input/event*|' -e 's|:\[[0-9]*\]$|:[]|' | sort
}

# settled_fd_targets PID: fd_targets once two looks half a second apart agree (at most 10 s). Start-up
# opens files for a moment (/proc/self/maps before the first long sleep, SQLite's temporary files
# during the first retention), and a look taken then counted one descriptor too many (CI, stop 23).
settled_fd_targets() {
    local before after i=0
    after=$(fd_targets "$1")
    while [ $i -lt 20 ]; do
        before=$after
        sleep 0.5
        after=$(fd_targets "$1")
        [ "$after" = "$before" ] && break
        i=$((i + 1))
    done
    printf '%s\n' "$after"
}

# fd_verdict ALIVE BEFORE AFTER: the DAEMON line the host checks (BEFORE and AFTER are two
# fd_targets lists), then, when they differ, each target that went or came and how many times.
fd_verdict() {
    printf '%s\n' "$2" > /tmp/fds.before
    printf '%s\n' "$3" > /tmp/fds.after
    echo "DAEMON alive=$1 fds_before=$(wc -l < /tmp/fds.before) fds_after=$(wc -l < /tmp/fds.after)"
    awk 'NR == FNR { n[$0]++; next } { n[$0]-- }
         END { for (k in n) if (n[k] > 0) print "gone", n[k], k; else if (n[k] < 0) print "came", -n[k], k }' \
        /tmp/fds.before /tmp/fds.after
}

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
