# Guest half of 'power_cut': one boot of one round. Boots after a cut first print what survived on
# the disk (integrity, check-ins, spool) before anything writes to it, then start narvarod, wait
# until it has committed the spool and print the check-ins and `stats verify` again. Then, beside
# the daemon, either nothing, a checkpoint loop or a second process holding the write lock, until
# the host cuts the power. Only the last boot is told to finish.
wait_host round || return
set -- $HOST_ARGS
round=$1 kind=$2

# pc_sql SQL: one query on the database with sqlite3 (the shell, not narvaro: nothing of Närvaro's
# runs before the host has seen what survived).
pc_sql() { sqlite3 -cmd '.timeout 5000' -separator ' ' "$DB" "$1"; }
pc_checkins() {
    pc_sql "SELECT 'ROW', c.id, r.name, c.time_us, coalesce(v.nickname, '-'), c.outcome, hex(c.swipe_key)
            FROM checkins c JOIN readers r ON r.id = c.reader_id LEFT JOIN visitors v ON v.id = c.visitor_id
            ORDER BY c.id"
}
pc_survived() {
    ls -l /data | sed 's/^/FILE /'
    echo "INTEGRITY $(pc_sql 'PRAGMA integrity_check' | tr '\n' ' ')"
    [ -f "$DB.spool" ] && sed 's/^/SPOOL /' "$DB.spool"
    pc_checkins
}
pc_verify() {
    nv_stats_verify
    echo "VERIFY-EXIT $?"
}
spool_empty() { [ ! -s "$DB.spool" ]; }
daemon_ready() { grep -q 'ready readers=' "$NV_LOG"; }

if [ "$round" = 0 ]; then
    if ! nv_setup > /tmp/setup.log 2>&1; then
        result cat /tmp/setup.log
        mark "GUEST-ERROR setting up the database failed: $(tail -n1 /tmp/setup.log)"
        return
    fi
    # The rig's fake daemon keeps text files: this scenario needs SQLite on the disk.
    if ! pc_sql 'SELECT 1' > /dev/null 2>&1; then
        mark "SKIP power_cut needs a SQLite database (not the rig's fake daemon)"
        return
    fi
else
    result pc_survived
fi

nv_daemon_start_console
[ -n "$NV_PID" ] || { mark "GUEST-ERROR narvarod did not start"; return; }
wait_daemon_on '*-1/input0' 30 || return
wait_daemon_on '*-2/input0' 30 || return
poll 30 daemon_ready || { mark "GUEST-ERROR narvarod did not say ready"; return; }
poll 30 spool_empty || { mark "GUEST-ERROR the restarted narvarod did not empty the spool"; return; }
result pc_checkins
result pc_verify

case $kind in
    checkpoint)
        # A checkpoint every 1.5 s: TRUNCATE copies the WAL (the swipes committed since the last
        # one) into the database and empties the WAL, each step fsynced, while the daemon commits.
        i=1
        while [ $i -le 200 ]; do
            echo ".print === CKPT-BEGIN $i ==="
            echo "PRAGMA wal_checkpoint(TRUNCATE);"
            echo ".print === CKPT-END $i ==="
            echo ".shell sleep 1.5"
            i=$((i + 1))
        done > /tmp/checkpoints.sql
        sqlite3 -cmd '.timeout 2000' "$DB" < /tmp/checkpoints.sql &
        ;;
    spool|spool_drain)
        # A second writer holds the database's write lock: the daemon's swipes wait in the spool
        # until the host says unlock.
        printf '%s\n' '.timeout 5000' 'BEGIN IMMEDIATE;' '.print === LOCKED ===' '.shell touch /tmp/locked' \
            '.shell while [ ! -e /tmp/unlock ]; do sleep 0.05; done' 'COMMIT;' '.print === UNLOCKED ===' \
            | sqlite3 "$DB" &
        poll 20 test -e /tmp/locked || { mark "GUEST-ERROR the second writer did not get the lock"; return; }
        ;;
esac
mark READY-FOR-SWIPES
while read -r word rest; do
    case $word in
        unlock) touch /tmp/unlock ;;
        finish) break ;;
    esac
done
