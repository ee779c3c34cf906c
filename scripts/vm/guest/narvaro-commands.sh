# ============================================================================================
#  THE GUEST'S ONLY CALLS TO narvaro AND narvarod. Edit this file when their command line changes;
#  every daemon scenario (scripts/vm/scenarios/*.sh) goes through these functions and nothing else.
#  What the host expects back (JSON field names, the log line) is in scripts/vm/scenarios/daemon.py.
# ============================================================================================
DB=/data/n.db
NV_LOG=/tmp/narvarod.log
# The card key lives beside the database in the guest (created on first use).
export NARVARO_CARD_KEY=/data/card-key

# nv_daemon_ready: true when this narvarod serves readers from a database (not the early stub).
nv_daemon_ready() { narvarod --help 2>&1 | grep -q -- '--database'; }

# nv_setup: one venue, two readers told apart by USB port (same vid:pid: QEMU's usb-kbd), and one
# visitor per line of /scenarios/cards.txt. reader = port 1 = "entre" (decimal cards),
# reader2 = port 2 = "cafe" (hex cards, letters typed with Shift).
nv_setup() {
    narvaro --database "$DB" venue add tingshuset --name "Gamla Tingshuset" &&
    narvaro --database "$DB" reader add entre --venue tingshuset --usb 0627:0001 --phys-pattern '*-1/input0' &&
    narvaro --database "$DB" reader add cafe --venue tingshuset --usb 0627:0001 --phys-pattern '*-2/input0' --card-format hex &&
    nv_enrol_cards
}

# nv_enrol_cards: cards.txt lines are "CARD NICKNAME FORMAT"; the card is given as the reader types it.
nv_enrol_cards() {
    local card nick format
    grep -v '^#' /scenarios/cards.txt | while read -r card nick format; do
        [ -n "$card" ] || continue
        # "decimal" cards are swiped on entre (raw format), "hex" ones on cafe (hex format).
        narvaro --database "$DB" visitor add --nickname "$nick" --card "$card" --reader "$([ "$format" = hex ] && echo cafe || echo entre)" >/dev/null || return 1
    done
}

# nv_daemon_start: narvarod in the background, serving every configured reader (hotplug by inotify),
# logging "checkin id=… reader=… outcome=…" to stderr after each commit. Sets NV_PID.
nv_daemon_start() {
    echo "# narvarod started $(date +%s)" >> "$NV_LOG"
    narvarod --database "$DB" < /dev/null >> "$NV_LOG" 2>&1 &
    NV_PID=$!
}

# Read-outs the host parses (scripts/vm/scenarios/daemon.py).
nv_checkins_json() { narvaro --database "$DB" checkins --limit 100000 --format json; }
nv_report_week() { narvaro --database "$DB" report --week "$1" --format json; }
nv_export_csv() { narvaro --database "$DB" export --period "$1" --format csv; }

# The power-cut scenarios (the database, its WAL, the spool and the card key are on the virtio disk).
# nv_daemon_start_console: like nv_daemon_start, but every log line also goes to the serial console
# at once, so the host holds the daemon's log when the power is cut (the guest's /tmp is lost).
nv_daemon_start_console() {
    echo "# narvarod started $(date +%s)" >> "$NV_LOG"
    narvarod --database "$DB" < /dev/null 2>&1 | tee -a "$NV_LOG" &
    poll 10 pidof narvarod > /dev/null
    NV_PID=$(pidof narvarod)
}
nv_stats_verify() { narvaro --database "$DB" stats verify; }
# nv_bench_generate SIZE: a history of SIZE check-ins from 2009 on (the benchmark's generator and
# its public card key) in a new database.
# narvaro-bench is on the disk (scripts/vm/disk.py, DISK_TOOLS), not in the initramfs.
nv_bench_generate() { /data/tools/narvaro-bench --database "$DB" generate --size "$1" --seed 1; }
nv_retention_run() { narvaro --database "$DB" retention run ${1:+--days "$1"}; }
# nv_report PERIOD: the attendance report for an old period, as JSON.
nv_report() { narvaro --database "$DB" report --period "$1" --format json; }
