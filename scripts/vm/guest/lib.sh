# Guest helpers shared by every scenario's guest half: console markers, waiting for the host,
# finding event nodes by their sysfs attributes. Sourced by /init (busybox sh).

# Markers are whole lines the host waits for on the serial console.
mark() { echo "=== $* ==="; }

# Runs a command and frames its output so the host can collect it as one block.
result() {
    echo "=== RESULT BEGIN ==="
    "$@" 2>&1
    echo "=== RESULT END ==="
}

# wait_host WORD [SECONDS]: reads host lines (serial console) until one starts with WORD; the rest
# of that line is left in HOST_ARGS. Returns 1 (and says so) when the host stays silent.
wait_host() {
    local word=$1 limit=${2:-60} deadline line now
    deadline=$(( $(date +%s) + limit ))
    HOST_ARGS=
    # One read for the whole time left, not a read per second: a read that times out drops what
    # it had read so far, so a host line arriving across a one-second boundary (slow TCG serial)
    # was lost and the guest waited out its limit (seen once in kill9: "waiting for host: typed").
    while now=$(date +%s); [ "$now" -lt "$deadline" ]; do
        if read -t $((deadline - now)) -r line; then
            set -- $line
            if [ "${1:-}" = "$word" ]; then
                shift
                HOST_ARGS=$*
                return 0
            fi
        fi
    done
    mark "GUEST-TIMEOUT waiting for host: $word"
    return 1
}

# poll SECONDS COMMAND...: runs COMMAND every 0.1 s until it succeeds or the time is up.
poll() {
    local limit=$1 i=0; shift
    while [ "$i" -lt $((limit * 10)) ]; do
        "$@" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

count_nodes() { ls /dev/input/event* 2>/dev/null | wc -l; }
has_nodes() { [ "$(count_nodes)" -ge "$1" ]; }
# wait_nodes N SECONDS: at least N event nodes exist.
wait_nodes() { poll "$2" has_nodes "$1"; }

# node_by_phys GLOB: prints /dev/input/eventN whose device's phys matches GLOB (e.g. '*-1/input0').
node_by_phys() {
    local d phys
    for d in /sys/class/input/event*; do
        [ -e "$d/device/phys" ] || continue
        phys=$(cat "$d/device/phys")
        case $phys in $1) [ -e "/dev/input/${d##*/}" ] && echo "/dev/input/${d##*/}" && return 0 ;; esac
    done
    return 1
}
has_phys() { node_by_phys "$1" >/dev/null; }
no_phys() { ! node_by_phys "$1" >/dev/null; }
# wait_phys GLOB SECONDS / wait_no_phys GLOB SECONDS: a device with that phys appears / is gone.
wait_phys() { poll "$2" has_phys "$1"; }
wait_no_phys() { poll "$2" no_phys "$1"; }

# One line per event node: node|vendor|product|phys|name (what the daemon matches readers on).
describe_inputs() {
    local d
    for d in /sys/class/input/event*; do
        [ -e "$d/device/name" ] || continue
        echo "INPUT ${d##*/}|$(cat "$d/device/id/vendor")|$(cat "$d/device/id/product")|$(cat "$d/device/phys")|$(cat "$d/device/name")"
    done
}

# Raw evdev records (24 bytes each on x86_64) as hex, one record per line, for the host to decode.
dump_events() { od -An -v -tx1 -w24 "$1" | tr -d ' '; }

# capture NODE NAME: copies NODE's raw events to /tmp/NAME.bin in the background (a second reader
# of the device, as a daemon's grab would starve). capture_dump NAME: stops it and prints a block
# "CAPTURE NAME" + hex records for the host.
capture() {
    cat "$1" > "/tmp/$2.bin" < /dev/null 2>/dev/null &
    echo $! > "/tmp/$2.pid"
    # The kernel gives a reader only events after its open(): wait until cat has the node open.
    poll 5 holds_open $! "$1"
}

# holds_open PID PATH: process PID has PATH open (how the guest knows a reader is really listening).
holds_open() { ls -l "/proc/$1/fd" 2>/dev/null | grep -q " -> $2\$"; }
capture_dump() {
    settle "/tmp/$1.bin"
    kill "$(cat "/tmp/$1.pid")" 2>/dev/null
    echo "=== RESULT BEGIN ==="
    echo "CAPTURE $1"
    dump_events "/tmp/$1.bin"
    echo "=== RESULT END ==="
}

# settle FILE...: waits (at most 5 s) until the files stop growing for 0.3 s, so keys the host
# has already sent but the guest has not yet read are not cut off.
settle() {
    local before after i=0
    before=$(wc -c "$@" 2>/dev/null | tail -n1)
    while [ $i -lt 50 ]; do
        sleep 0.3
        after=$(wc -c "$@" 2>/dev/null | tail -n1)
        [ "$after" = "$before" ] && return 0
        before=$after
        i=$((i + 3))
    done
}
