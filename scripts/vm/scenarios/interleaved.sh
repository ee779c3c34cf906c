# Guest half of 'interleaved': narvarod serves both readers while the host swipes on them in turn
# and then on both at the same moment; prints the daemon's log and the recorded check-ins.
daemon_begin '*-1/input0' '*-2/input0' || return
mark READY-FOR-SWIPES
wait_host typed || return
wait_checkins "$HOST_ARGS" 30
daemon_results
