# Guest half of 'kill9': narvarod is killed with SIGKILL while the host types swipes, and started
# again; prints both runs' logs and what the database holds afterwards.
daemon_begin '*-1/input0' '*-2/input0' || return
mark READY-FOR-SWIPES
wait_host kill || return
kill -9 "$NV_PID"
# Its lock goes only once it has exited: SIGKILL waits out a sync in progress (CI, stop 24: the
# restarted daemon found the killed one still holding the database).
wait "$NV_PID" 2>/dev/null
nv_daemon_start
wait_daemon_on '*-1/input0' 20 || return
wait_daemon_on '*-2/input0' 20 || return
mark RESTARTED
wait_host typed || return
poll 30 checkins_since_start "$HOST_ARGS"
settle "$NV_LOG"
daemon_results
