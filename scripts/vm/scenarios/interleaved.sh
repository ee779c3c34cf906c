# Guest half of 'interleaved': narvarod serves both readers while the host swipes on them in turn
# and then on both at the same moment; prints the daemon's log and the recorded check-ins.
daemon_begin '*-1/input0' '*-2/input0' || return
mark READY-FOR-SWIPES
wait_host typed || return
wait_checkins "$HOST_ARGS" 30
# The statistics follow the check-ins in narvarod's catch-up (50 ms after the last swipe): read
# them while it still runs, straight from the file.
stats_sql() { sqlite3 -cmd '.timeout 5000' -separator ' ' "$DB" "$1"; }
stats_counted() { [ "$(stats_sql "SELECT (SELECT value FROM meta WHERE key = 'statistics_through') = CAST((SELECT max(id) FROM checkins) AS TEXT)")" = 1 ]; }
poll 5 stats_counted
result stats_sql "SELECT 'STATS', (SELECT value FROM meta WHERE key = 'statistics_through'), (SELECT max(id) FROM checkins),
                  (SELECT count(*) FROM visits), (SELECT coalesce(sum(visits), 0) FROM day_totals)"
daemon_results
