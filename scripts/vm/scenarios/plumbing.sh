# Guest half of 'plumbing': proves the test rig without the daemon. Starts the binaries, reports
# the input devices' sysfs attributes, captures each keyboard's events while the host types on one
# at a time, and watches reader 1's node vanish on unplug and come back on replug.
# The binaries under test start in the guest (their shared libraries and loader are in the image).
binaries() {
    local b out rc
    for b in narvarod narvaro; do
        out=$("$b" --help 2>&1); rc=$?
        echo "BINARY $b exit=$rc $(echo "$out" | head -n1)"
    done
}
result binaries
result describe_inputs
r1=$(node_by_phys '*-1/input0')
r2=$(node_by_phys '*-2/input0')
desk=$(node_by_phys 'isa0060/*')
capture "$r1" reader
capture "$r2" reader2
capture "$desk" desk
mark READY-FOR-SWIPES
wait_host typed || return
capture_dump reader
capture_dump reader2
capture_dump desk

mark READY-FOR-UNPLUG
wait_host unplugged || return
if wait_no_phys '*-1/input0' 10 && [ ! -e "$r1" ]; then gone=yes; else gone=no; fi
result echo "UNPLUGGED $r1 gone=$gone nodes=$(count_nodes)"

mark READY-FOR-REPLUG
wait_host replugged || return
wait_phys '*-1/input0' 10
r1=$(node_by_phys '*-1/input0')
result echo "REPLUGGED node=${r1:-none} nodes=$(count_nodes)"
[ -n "$r1" ] || return
capture "$r1" reader-again
mark READY-AFTER-REPLUG
wait_host typed || return
capture_dump reader-again
