# Guest half of 'power_cut_retention': the first boot generates a long history on the disk (the
# benchmark's generator, seeded) and keeps a copy of it, times `retention run` on another copy, then
# runs it on the database until the host cuts the power. Each later boot prints what survived
# (integrity, the tables' counts, the old periods' reports, `stats verify`), puts the copy back when
# the last run had folded everything, and runs retention again for the next cut.
wait_host round || return
set -- $HOST_ARGS
round=$1 size=$2 keep=$3   # keep: retention's --days (the host picks it; see the .py)
shift 3
periods=$*
PRISTINE=/data/pristine.db

pr_sql() { sqlite3 -cmd '.timeout 5000' -separator ' ' "$1" "$2"; }
# pr_state DB: what retention changes, counted (the host compares it with its own reference run).
pr_state() {
    pr_sql "$1" "SELECT 'STATE', (SELECT count(*) FROM checkins), (SELECT count(*) FROM visits),
                (SELECT count(*) FROM visitors), (SELECT count(*) FROM cards), (SELECT count(*) FROM first_visits),
                (SELECT count(*) FROM day_totals), (SELECT count(*) FROM folded_periods),
                (SELECT count(*) FROM period_totals), (SELECT total(unique_visitors) + total(new_visitors) FROM period_totals)"
}
pr_reports() {
    local p
    for p in $periods; do
        echo "REPORT $p"
        nv_report "$p"
        echo "REPORT-EXIT $?"
    done
}
pr_verify() {
    nv_stats_verify
    echo "VERIFY-EXIT $?"
}
folded() { [ "$(pr_sql "$DB" 'SELECT count(*) FROM folded_periods')" != 0 ]; }

if [ "$round" = 0 ]; then
    mark GENERATE-START
    if ! nv_bench_generate "$size" > /tmp/generate.log 2>&1; then
        result cat /tmp/generate.log
        if grep -q 'unsupported' /tmp/generate.log; then
            mark "SKIP power_cut_retention needs narvaro's benchmark generator (not the rig's fake)"
        else
            mark "GUEST-ERROR bench generate failed: $(tail -n1 /tmp/generate.log)"
        fi
        return
    fi
    mark GENERATE-DONE
    cp "$DB" "$PRISTINE" && cp "$DB" /data/probe.db && sync
    result pr_state "$DB"
    result pr_reports
    result pr_verify
    # How long one uncut run takes here, on the same disk: the host spreads the cuts over it.
    mark PROBE-START
    narvaro --database /data/probe.db retention run --days "$keep"
    mark PROBE-DONE
    result pr_state /data/probe.db
    rm -f /data/probe.db /data/probe.db-wal /data/probe.db-shm
else
    result echo "INTEGRITY $(pr_sql "$DB" 'PRAGMA integrity_check' | tr '\n' ' ')"
    result pr_state "$DB"
    result pr_reports
    result pr_verify
    if folded; then
        # Everything was folded before the cut: the next cut needs the history back.
        rm -f "$DB-wal" "$DB-shm" && cp "$PRISTINE" "$DB" && sync
    fi
fi
wait_host go || return
if [ "$HOST_ARGS" = cut ]; then
    mark RETENTION-START
    nv_retention_run "$keep"
    mark RETENTION-DONE
fi
while read -r word rest; do
    [ "$word" = finish ] && break
done
