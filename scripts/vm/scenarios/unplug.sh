# Guest half of 'unplug': reader 1 is pulled out mid-swipe and put back, then pulled and put back
# 20 more times. The guest confirms each step: GONE once the node has vanished, REOPENED once a
# new device is there and narvarod has its node open.
daemon_begin '*-1/input0' '*-2/input0' || return
fds_before=$(settled_fd_targets "$NV_PID")
last=$(input_of '*-1/input0')
mark READY-FOR-SWIPES
while wait_host next 120; do
    set -- $HOST_ARGS
    case $1 in
        unplugged)
            wait_no_phys '*-1/input0' 10 || { mark "GUEST-ERROR reader 1 still there after unplug"; return; }
            mark GONE ;;
        replugged)
            poll 20 replaced '*-1/input0' "$last" || { mark "GUEST-ERROR reader 1 did not come back"; return; }
            wait_daemon_on '*-1/input0' 20 || return
            last=$(input_of '*-1/input0')
            mark REOPENED ;;
        typed) wait_checkins "$2" 30; break ;;
    esac
done
alive=no
kill -0 "$NV_PID" 2>/dev/null && alive=yes
fds_after=$(settled_fd_targets "$NV_PID")
result fd_verdict "$alive" "$fds_before" "$fds_after"
daemon_results
