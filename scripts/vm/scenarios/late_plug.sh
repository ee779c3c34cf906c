# Guest half of 'late_plug': narvarod starts with reader 1 absent; the host plugs it in later.
daemon_begin '*-2/input0' || return
mark READY-FOR-SWIPES
wait_host plugged || return
wait_daemon_on '*-1/input0' 20 || return
mark REOPENED
wait_host typed || return
wait_checkins "$HOST_ARGS" 20
daemon_results
