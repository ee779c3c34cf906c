# Guest half of 'report': after the host's swipes, prints the check-ins, the weekly report and the
# municipality export for the week the host names (inside the guest, with the guest's own clock).
daemon_begin '*-1/input0' '*-2/input0' || return
mark READY-FOR-SWIPES
wait_host typed || return
set -- $HOST_ARGS
wait_checkins "$1" 30
daemon_results
result nv_report_week "$2"
result nv_export_csv "$2"
