# scripts/bench --replay and --memory (sourced by scripts/bench): narvarod against a plain Python
# peer on the same generated recording, paired and alternating; resident memory as swipes stream in.
# Each writes its table to bench-out/results/ and its section of docs/benchmarks.md.

replay_start="2026-01-05T00:00:00+01:00"   # a Monday; the recording's times are offsets from it

# A fresh database with venue, reader `entre` (decimal10) and the recording's 2,000 cards enrolled.
replay_database() {
    rm -rf "$1"; mkdir -p "$1"
    NARVARO_DATABASE="$1/narvaro.db" NARVARO_CARD_KEY="$1/card-key" "$bin/narvaro" venue add bench --name Bench --timezone Europe/Stockholm >/dev/null
    NARVARO_DATABASE="$1/narvaro.db" NARVARO_CARD_KEY="$1/card-key" "$bin/narvaro" reader add entre --venue bench --usb ffff:0035 --card-format decimal10 >/dev/null
    NARVARO_DATABASE="$1/narvaro.db" NARVARO_CARD_KEY="$1/card-key" "$bin/narvaro-bench" enrol >/dev/null
}

# Replaces (or appends) the section of docs/benchmarks.md starting at heading $1 with file $2.
replace_section() {
    python3 - "$1" "$2" docs/benchmarks.md <<'PY'
import sys
heading, body_file, doc = sys.argv[1:]
text = open(doc).read()
body = open(body_file).read().rstrip("\n") + "\n"
start = text.find("\n" + heading + "\n")
if start < 0:
    text = text.rstrip("\n") + "\n\n" + body
else:
    end = text.find("\n## ", start + 1)
    text = text[:start + 1] + body + ("\n" + text[end + 1:] if end >= 0 else "")
open(doc, "w").write(text)
PY
}

# One timed run: "<wall s> <user s> <sys s> <max RSS KiB>" appended to $1.
timed() { local log="$1"; shift; /usr/bin/time -f "%e %U %S %M" -a -o "$log" "$@" >/dev/null 2>>"$out/replay-stderr.log"; }

replay_bench() {
    local swipes="${REPLAY_SWIPES:-20000}" runs="${REPLAY_RUNS:-3}" daemon="${NARVAROD:-$bin/narvarod}"
    local rec="$out/replay-$swipes.evemu" results="$out/results/replay" start_unix
    start_unix="$(date -d "$replay_start" +%s)"
    mkdir -p "$results"; rm -f "$results"/*.times "$out/replay-stderr.log"
    [ -f "$rec" ] || "$bin/narvaro-bench" recording --swipes "$swipes" --out "$rec"
    echo "evemu parser alone:" >&2
    "$bin/narvaro-bench" parse "$rec" | tee "$results/parse.txt" >&2
    for ((i = 1; i <= runs; i++)); do
        # Alternate who goes first so neither always meets the other's write-back.
        for who in $( ((i % 2)) && echo "narvarod peer" || echo "peer narvarod"); do
            replay_database "$out/replay-db"; sync
            echo "replay run $i/$runs: $who" >&2
            if [ "$who" = narvarod ]; then
                NARVARO_DATABASE="$out/replay-db/narvaro.db" NARVARO_CARD_KEY="$out/replay-db/card-key" \
                    timed "$results/narvarod.times" "$daemon" --replay "$rec" --reader entre --start "$replay_start"
            else
                timed "$results/peer.times" python3 scripts/bench-peer.py "$rec" "$out/replay-db/peer.db" "$start_unix"
            fi
        done
    done
    rm -rf "$out/replay-db"
    python3 - "$results" "$swipes" "$runs" > "$results/replay.md" <<'PY'
import statistics, sys
results, swipes, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def load(name):
    rows = [list(map(float, l.split())) for l in open(f"{results}/{name}.times") if l.strip() and l[0].isdigit()]
    return [statistics.median(col) for col in zip(*rows)]
d, p = load("narvarod"), load("peer")
parse = open(f"{results}/parse.txt").read().strip()
print("### Replay against the Python peer (medians of", runs, "paired runs, alternating)\n")
print(f"{swipes:,} swipes of a decimal10 reader (2 000 enrolled cards, 1 in 20 unknown), one transaction per swipe, WAL + `synchronous=FULL`; the machine was loaded (2 cores shared with other builds).".replace(",", " ", 1))
print("\n| | wall | CPU (user+sys) | CPU per swipe | peak RSS |\n|---|---|---|---|---|")
for name, (wall, user, sys_, rss) in (("narvarod --replay", d), ("Python peer", p)):
    print(f"| {name} | {wall:.2f} s | {user + sys_:.2f} s | {(user + sys_) / swipes * 1e6:.0f} µs | {rss / 1024:.1f} MiB |")
print(f"| narvarod / peer | ×{d[0] / p[0]:.2f} | ×{(d[1] + d[2]) / (p[1] + p[2]):.2f} | | ×{d[3] / p[3]:.2f} |")
print(f"\nParser alone (`narvaro-bench parse`, in memory): {parse}")
PY
    cat "$results/replay.md"
}

memory_bench() {
    local results="$out/results/memory" db="/dev/shm/narvaro-bench-memory.$$"
    mkdir -p "$results"
    # On tmpfs: growth, not fsync, is measured here, and a million fsyncs would take an hour.
    replay_database "$db"
    NARVARO_DATABASE="$db/narvaro.db" NARVARO_CARD_KEY="$db/card-key" \
        python3 scripts/bench-memory.py "$bin/narvaro-bench" "$bin/narvarod" "$replay_start" 100000 1000000 | tee "$results/growth.txt" >&2
    rm -rf "$db"
}

# VmRSS (KiB) of a command 3 s after it started, its standard input an open, silent pipe.
idle_rss() {
    local fifo="$out/idle.fifo" pid rss
    rm -f "$fifo"; mkfifo "$fifo"
    "$@" < "$fifo" >/dev/null 2>&1 &
    pid=$!
    exec 3>"$fifo"
    sleep 3
    rss="$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")"
    kill "$pid" 2>/dev/null; exec 3>&-; wait "$pid" 2>/dev/null || true
    rm -f "$fifo"
    echo "$rss"
}

# Idle narvarod (serving two configured, absent readers; `--replay -` on a silent pipe) against
# minimal programs that only import Foundation, FoundationEssentials, or nothing (static stdlib).
idle_bench() {
    local daemon="${NARVAROD:-$bin/narvarod}" db="$out/idle-db" results="$out/results/memory" kind
    mkdir -p "$results" "$out/minimal"
    replay_database "$db"
    NARVARO_DATABASE="$db/narvaro.db" NARVARO_CARD_KEY="$db/card-key" "$bin/narvaro" reader add cafe --venue bench --usb 08ff:0009 --card-format hex >/dev/null
    {
        echo "narvarod serving two absent readers: $(NARVARO_DATABASE="$db/narvaro.db" NARVARO_CARD_KEY="$db/card-key" \
            NARVARO_DEV_ROOT="$db/dev" NARVARO_SYS_ROOT="$db/sys" idle_rss "$daemon") KiB"
        echo "narvarod --replay - on a silent pipe: $(NARVARO_DATABASE="$db/narvaro.db" NARVARO_CARD_KEY="$db/card-key" \
            idle_rss "$daemon" --replay - --reader entre) KiB"
        for kind in Foundation FoundationEssentials static; do
            if [ ! -x "$out/minimal/$kind" ]; then
                { [ "$kind" = static ] || echo "import $kind"; echo '_ = readLine()'; } > "$out/minimal/$kind.swift"
                swiftc -O -module-name Minimal $([ "$kind" = static ] && echo -static-stdlib) "$out/minimal/$kind.swift" -o "$out/minimal/$kind"
            fi
            echo "minimal program ($kind): $(idle_rss "$out/minimal/$kind") KiB"
        done
    } | tee "$results/idle.txt" >&2
    rm -rf "$db"
}
