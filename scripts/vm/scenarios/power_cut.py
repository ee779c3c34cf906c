"""Host half of 'power_cut': ten power cuts (SIGKILL to QEMU) under a running narvarod whose database,
WAL, spool and card key are on an ext4 disk image. Swipes are typed on both readers; beside the
daemon runs nothing, a checkpoint loop, or a second process holding the write lock (swipes go to the
spool, which is then released or not). Each cut lands at a seeded random moment. After each cut
e2fsck -p runs on the image and a fresh guest boots from it: the database passes integrity_check,
every check-in a daemon logged before a cut is there (same reader and outcome, exactly once), every
swipe the daemon acknowledged (logged, or counted in a spool backlog it logged) is committed by the
restarted daemon, each reader's recorded swipes are the order it was swiped in, with nothing missing
but an unacknowledged tail and swipes the daemon itself rejected (logged), and `stats verify` passes."""

import random
import re
import time
from collections import Counter

import keys
from common import expect
from cuts import cut_after_marker, cut_later
from daemon import CARDS, FIELD, READER_DEVICE, parse_log
from qemu import ScenarioFailed

NEEDS_DAEMON = True
DISK = True
DISK_MB = 64
READERS = ("reader", "reader2")
# What runs beside the daemon in each round (the cut point inside it is random).
KINDS = ["swipes", "checkpoint", "spool", "spool_drain", "checkpoint",
         "swipes", "spool", "checkpoint", "spool_drain", "spool"]
# A swipe whose Enter was sent this long before the cut must have been acknowledged by then.
ACK_LIMIT = 8.0
DEFERRED = re.compile(r"swipe-deferred\s+(.*)$")


class Round:
    """One round's swipes and what the daemon said about them before the cut."""

    def __init__(self, number, kind):
        self.number = number
        self.kind = kind
        self.swipes = []       # dicts: reader, card, nick, enter (monotonic time of Enter, or None)
        self.max_id = 0        # highest check-in id before the round's first swipe
        self.started = None    # monotonic time of READY-FOR-SWIPES
        self.cut = None
        self.plan = ""
        self.logged = []       # check-ins the daemon logged in this boot
        self.pending = 0       # swipes in the spool backlog it logged last, not committed since
        self.deferrals = 0
        self.rejected = Counter()  # reader -> swipe-rejected lines other than reason=dropped
        self.dropped = {}          # reader -> when its last events-dropped line reached the host
        self.drops = Counter()     # reader -> events-dropped lines
        self.reasons = Counter()   # why the daemon rejected swipes (timeout, dropped, ...)
        self.what = ""
        self.hit = None            # "checkpoint" or "spool" when the cut caught one at work


def run(rig, report):
    report(f"seed {rig.seed} (NARVARO_VM_SEED={rig.seed} repeats the cut points); {rig.describe()}")
    known = {}        # check-in id -> (reader, outcome), from every daemon log before a cut
    previous = None
    totals = Counter()
    hits = Counter()
    for number in range(len(KINDS) + 1):
        kind = KINDS[number] if number < len(KINDS) else "final"
        vm = rig.boot()
        vm.tell(f"round {number} {kind}")
        if previous is not None:
            status, output = rig.fscks[-1]
            survived = vm.result(120)
        rows = parse_rows(vm.result(180))
        verify = vm.result(180)
        startup = daemon_lines(vm.lines)
        if previous is not None:
            check_round(previous, survived, rows, startup, known, totals, report, status, output)
        expect(any(line.strip() == "VERIFY-EXIT 0" for line in verify),
               f"boot {number + 1}: stats verify failed: {' | '.join(verify[-5:])}")
        for c in parse_log(startup):
            known.setdefault(c["id"], (c.get("reader"), c.get("outcome")))
        if kind == "final":
            vm.tell("finish")
            break
        current = Round(number, kind)
        current.max_id = max((r["id"] for r in rows), default=0)
        vm.wait_for("READY-FOR-SWIPES", 60)
        current.started = time.monotonic()
        # Per round, so a round's cut point does not depend on how many swipes earlier rounds typed.
        play(vm, current, random.Random(f"{rig.seed}/{number}/cut"), random.Random(f"{rig.seed}/{number}/cards"))
        settle_log(vm, current, len(startup))
        for c in current.logged:
            if c.get("replayed") != "already-recorded":
                known[c["id"]] = (c.get("reader"), c.get("outcome"))
        report(f"round {number} {kind}: cut {1000 * (current.cut - vm.started):.0f} ms after QEMU start, "
               f"{1000 * (current.cut - current.started):.0f} ms after READY ({current.plan}); {current.what}")
        hits[current.hit] += 1
        previous = current
    report(f"all rounds: {totals['typed']} swipes typed whole, {totals['recorded']} recorded "
           f"({totals['spooled']} through the spool after a cut, {totals['replayed']} spool lines already "
           f"committed), {totals['lost']} never acknowledged and lost with the power "
           + (f" (Enter sent {totals['lost_ms_min']}–{totals['lost_ms_max']} ms before the cut)" if totals["lost"] else "")
           + (f"; {totals['rejected']} swipes not recorded because the daemon REJECTED them, not the power cut ("
              + ", ".join(f"{k[9:]} {n}" for k, n in sorted(totals.items()) if k.startswith("rejected "))
              + " rejection lines)" if totals["rejected"] else ""))
    report(f"cuts during a checkpoint: {hits['checkpoint']} of {KINDS.count('checkpoint')}; with a swipe waiting "
           f"on the lock or its spool write in flight: {hits['spool']} of "
           f"{sum(1 for k in KINDS if k.startswith('spool'))} spool rounds")
    journal = Counter(status for status, _ in rig.fscks)
    report("e2fsck -p before each boot: " + ", ".join(f"exit {s} ×{n}" for s, n in sorted(journal.items())))


# -- one round: swipes and the cut ---------------------------------------------------------------

def play(vm, rnd, rng, cards):
    """Types swipes (cards from `cards`) until the power is cut; the cut is scheduled by the
    round's kind, its point drawn from `rng`."""
    if rnd.kind == "swipes":
        delay = rng.uniform(0.3, 4.0)
        rnd.plan = f"{delay * 1000:.0f} ms into the typing"
        cut_later(vm, delay)
    elif rnd.kind == "checkpoint":
        # A checkpoint of a few swipes' pages takes about 10 ms here (BEGIN to END as the host
        # sees them): cut within that.
        nth, delay = rng.randint(2, 3), rng.uniform(0, 0.01)
        rnd.plan = f"{delay * 1000:.0f} ms after CKPT-BEGIN {nth} reached the host"
        cut_after_marker(vm, f"CKPT-BEGIN {nth}", delay, fallback=30)
    locked_swipes = rng.randint(2, 6)
    # Locked: a swipe waits 100 ms on the lock, then is spooled (write, fsync) and logged.
    delay = rng.uniform(0.05, 0.25) if rnd.kind == "spool" else rng.uniform(0, 1.5)
    count = 0
    try:
        while vm.cut_at is None and count < 80:
            count += 1
            type_swipe(vm, rnd, cards)
            if rnd.kind == "spool" and count == locked_swipes:
                rnd.plan = f"{delay * 1000:.0f} ms after the Enter of swipe {count}, database locked"
                cut_later(vm, delay)
            if rnd.kind == "spool_drain" and count == locked_swipes:
                vm.tell("unlock")
                rnd.plan = (f"{delay * 1000:.0f} ms after UNLOCKED reached the host, "
                            f"{count} swipes typed while locked")
                cut_after_marker(vm, "UNLOCKED", delay, fallback=30)
        if vm.cut_at is None:
            rnd.plan += "; no cut after 80 swipes, cut now"
            vm.cut_power()
    except (ScenarioFailed, OSError):
        if vm.cut_at is None:
            raise
    while vm.cut_at is None:  # the timer thread is cutting
        time.sleep(0.01)
    rnd.cut = vm.cut_at


def type_swipe(vm, rnd, cards):
    """One swipe of a random card on its reader; now and then two readers at once."""
    first = cards.choice(CARDS)
    swipes = [first]
    if cards.random() < 0.25:
        swipes.append(cards.choice([c for c in CARDS if c[2] != first[2]]))
    entries = []
    for card, nick, reader in swipes:
        entry = {"reader": reader, "card": card, "nick": nick, "enter": None}
        rnd.swipes.append(entry)
        entries.append((entry, keys.key_strokes(card + "\n")))
    while any(strokes for _, strokes in entries):
        for entry, strokes in entries:
            if strokes:
                qcode, shifted = strokes.pop(0)
                if not strokes:  # the Enter: from the moment it is sent, the guest may have it
                    entry["enter"] = time.monotonic()
                vm.press(READER_DEVICE[entry["reader"]], qcode, shifted)


# -- what the guest and the daemon said ----------------------------------------------------------

def daemon_lines(lines):
    """narvarod's log lines on the console (priority prefix <N>)."""
    return [line for line in lines if re.match(r"^<\d>", line)]


def settle_log(vm, rnd, skip):
    """The daemon's lines of the round (after its startup lines), the spool backlog it had
    acknowledged when the power went, and what was going on at the cut."""
    timed = [(line, t) for line, t in zip(vm.lines, vm.times) if re.match(r"^<\d>", line)][skip:]
    lines = [line for line, _ in timed]
    pending = 0
    for line, when in timed:
        deferred = DEFERRED.search(line)
        if deferred:
            fields = dict(FIELD.findall(deferred.group(1)))
            if fields.get("error", "").strip('"').startswith("spool"):
                continue  # the spool write failed: nothing more is on disk
            pending = int(fields.get("backlog", "0"))
            rnd.deferrals += 1
        elif parse_log([line]) and pending > 0:
            pending -= 1
        elif "swipe-rejected" in line:
            fields = dict(FIELD.findall(line))
            reason = fields.get("reason", "?").strip('"')
            rnd.reasons["card format" if "card format" in reason else reason] += 1
            if reason != "dropped":
                rnd.rejected[fields.get("reader", "?")] += 1
        elif "events-dropped" in line:
            reader = dict(FIELD.findall(line)).get("reader", "?")
            rnd.dropped[reader] = when
            rnd.drops[reader] += 1
    rnd.logged = parse_log(lines)
    rnd.pending = pending
    before = [i for i, t in enumerate(vm.times) if t <= rnd.cut]
    markers = [vm.lines[i] for i in before if vm.lines[i].startswith("=== CKPT-") or
               vm.lines[i] in ("=== LOCKED ===", "=== UNLOCKED ===")]
    last_marker = ""
    if markers:
        i = max(i for i in before if vm.lines[i] == markers[-1])
        last_marker = f"last marker {markers[-1].strip('= ')} {1000 * (rnd.cut - vm.times[i]):.0f} ms before; "
    typing = next((s for s in rnd.swipes if s["enter"] is None or s["enter"] > rnd.cut), None)
    entered = [s for s in rnd.swipes if s["enter"] is not None and s["enter"] <= rnd.cut]
    last_enter = (f"last Enter {1000 * (rnd.cut - entered[-1]['enter']):.0f} ms before" if entered else "no Enter yet")
    unacknowledged = len(entered) - sum(1 for c in rnd.logged if c.get("replayed") != "already-recorded") \
        - rnd.pending - sum(rnd.reasons.values())
    happening = ""
    if rnd.kind == "checkpoint" and markers:
        happening = ("a checkpoint was running (its END not printed); " if markers[-1].startswith("=== CKPT-BEGIN")
                     else "between checkpoints; ")
        rnd.hit = "checkpoint" if markers[-1].startswith("=== CKPT-BEGIN") else None
    elif rnd.kind.startswith("spool") and unacknowledged > 0:
        rnd.hit = "spool"
        happening = f"{unacknowledged} swipes typed whole not yet acknowledged (busy wait or spool write in flight); "
    rnd.what = (f"{happening}{last_marker}{len(entered)} swipes typed whole, {last_enter}"
                + (f", mid-swipe on {typing['reader']}" if typing else "")
                + f"; daemon logged {len(rnd.logged)} check-ins, {rnd.deferrals} deferrals, "
                  f"spool backlog acknowledged {rnd.pending}"
                + (f", rejected {dict(rnd.reasons)}" if rnd.reasons else "")
                + (f"; its last line: {lines[-1][3:]}" if lines else ""))


def parse_rows(lines):
    """`ROW id reader time_us nickname outcome swipe_key` lines from the guest's pc_checkins."""
    rows = []
    for line in lines:
        f = line.split()
        if len(f) == 7 and f[0] == "ROW":
            rows.append({"id": int(f[1]), "reader": f[2], "time": int(f[3]), "nick": f[4],
                         "outcome": f[5], "key": f[6]})
    return rows


def match_reader(rnd, reader, mine, typed, where):
    """One reader's recorded swipes of a round against what was typed on it: the typed order, with
    only these missing: an unacknowledged tail (Enter sent less than ACK_LIMIT before the cut), and
    swipes the daemon rejected: one per rejection line (timeout, too short, card format: a swipe
    whose keys came too slowly) or unknown card recorded (the tail of a swipe cut in two), or any
    typed before an `events-dropped` line (the kernel discards its whole buffer when it overflows:
    the daemon was not reading, waiting on a locked database). Returns (lost tail, rejected count)."""
    got = [r["nick"] for r in mine if r["nick"] != "-"]
    unknown = len(mine) - len(got)
    expect(unknown <= rnd.rejected.get(reader, 0) + rnd.drops[reader],
           f"{where}: reader {reader} recorded {unknown} unknown cards, but the daemon rejected only "
           f"{rnd.rejected.get(reader, 0)} swipes and dropped events {rnd.drops[reader]} times there")
    # Each unknown card recorded is the tail of a typed swipe, which is then missing by name.
    budget = rnd.rejected.get(reader, 0) + unknown
    dropped_until = rnd.dropped.get(reader)
    i, skipped, tail = 0, 0, []
    for s in typed:
        if i < len(got) and s["nick"] == got[i]:
            i += 1
            continue
        if dropped_until is not None and s["enter"] <= dropped_until:
            skipped += 1
        elif i == len(got) and rnd.cut - s["enter"] < ACK_LIMIT:
            tail.append(s)
        elif budget > 0:
            budget -= 1
            skipped += 1
        else:
            expect(False, f"{where}: reader {reader} recorded {[r['nick'] for r in mine]}, typed "
                   f"{[s['nick'] for s in typed]}: {s['nick']}, typed {rnd.cut - s['enter']:.1f} s before the cut, "
                   f"is missing (the daemon rejected {rnd.rejected.get(reader, 0)} swipes there"
                   + (", dropped events" if dropped_until else "") + ")")
    expect(i == len(got), f"{where}: reader {reader} recorded {[r['nick'] for r in mine]}, "
           f"not in the order typed {[s['nick'] for s in typed]}")
    return tail, skipped


def check_round(rnd, survived, rows, startup, known, totals, report, fsck_status, fsck_output):
    """The checks after the cut of round `rnd`, on the boot that followed it."""
    where = f"after cut {rnd.number} ({rnd.kind})"
    integrity = next((line for line in survived if line.startswith("INTEGRITY ")), "INTEGRITY (none)")
    expect(integrity.split()[1:] == ["ok"], f"{where}: PRAGMA integrity_check says {integrity[10:]!r}")
    before = parse_rows(survived)
    spool = [line.split("\t") for line in survived if line.startswith("SPOOL ")]
    spooled = [(f[1], int(f[0][len("SPOOL "):])) for f in spool if len(f) >= 3]  # time, reader, hash[, crc]
    by_id = {r["id"]: r for r in before}
    missing = [i for i in known if int(i) not in by_id]
    expect(not missing, f"{where}: check-ins a daemon logged are not in the database: {sorted(missing)[:10]}")
    changed = [i for i, (reader, outcome) in known.items()
               if (by_id[int(i)]["reader"], by_id[int(i)]["outcome"]) != (reader, outcome)]
    expect(not changed, f"{where}: logged check-ins changed reader or outcome: {changed[:10]}")
    for name, rows_ in (("before the restart", before), ("after the restart", rows)):
        twice = [k for k, n in Counter((r["reader"], r["time"]) for r in rows_).items() if n > 1]
        expect(not twice, f"{where}: one swipe recorded twice {name}: {twice[:5]}")
    # An acknowledged spooled swipe is in the spool or, when the backlog drained just before the cut,
    # already in the database: the drain commits, empties the spool and then logs, and the power can
    # go before those log lines reach the host. Unlogged rows of the round count, each swipe once.
    logged_ids = {c["id"] for c in rnd.logged}
    drained = {(r["reader"], r["time"]) for r in before if r["id"] > rnd.max_id and str(r["id"]) not in logged_ids}
    kept_or_drained = set(spooled) | drained
    expect(len(kept_or_drained) >= rnd.pending,
           f"{where}: the daemon had acknowledged {rnd.pending} swipes in the spool; the spool holds "
           f"{len(spooled)} and {len(drained)} unlogged check-ins of the round are in the database")
    # The restarted daemon commits the spool: each spooled swipe is in the database exactly once.
    after = Counter((r["reader"], r["time"]) for r in rows)
    lost = [s for s in spooled if after[s] != 1]
    expect(not lost, f"{where}: spooled swipes not committed once by the restarted daemon: {lost[:5]}")
    kept = {r["id"] for r in rows}
    expect(all(r["id"] in kept for r in before), f"{where}: check-ins vanished when the daemon restarted")
    replayed = sum(1 for c in parse_log(startup) if c.get("replayed") == "already-recorded")
    # Each reader's swipes of the round: in the order typed, only an unacknowledged tail and
    # swipes the daemon rejected missing.
    ours = [r for r in rows if r["id"] > rnd.max_id]
    whole = [s for s in rnd.swipes if s["enter"] is not None and s["enter"] <= rnd.cut]
    recorded = 0
    lost_ms = []
    unrecorded = 0
    for reader in READER_DEVICE:
        mine = [r for r in sorted(ours, key=lambda r: r["time"]) if r["reader"] == reader]
        typed = [s for s in whole if s["reader"] == reader]
        lost, skipped = match_reader(rnd, reader, mine, typed, where)
        recorded += len(mine)
        unrecorded += skipped
        lost_ms += [round(1000 * (rnd.cut - s["enter"])) for s in lost]
    acknowledged = sum(1 for c in rnd.logged if c.get("replayed") != "already-recorded") + rnd.pending
    expect(recorded >= acknowledged,
           f"{where}: {recorded} swipes of the round recorded, the daemon had acknowledged {acknowledged}")
    from_spool = len([r for r in rows if r["id"] not in by_id])
    totals.update(typed=len(whole), recorded=recorded, spooled=from_spool, replayed=replayed, lost=len(lost_ms),
                  rejected=unrecorded, **{f"rejected {k}": n for k, n in rnd.reasons.items()})
    if lost_ms:
        totals["lost_ms_min"] = min([totals["lost_ms_min"] or lost_ms[0]] + lost_ms)
        totals["lost_ms_max"] = max([totals["lost_ms_max"]] + lost_ms)
    report(f"  boot after cut {rnd.number}: e2fsck exit {fsck_status} ({fsck_output[:90]}); integrity ok; "
           f"{len(whole)} typed whole, {recorded} recorded ({len(rnd.logged)} logged before the cut, "
           f"{len(spooled)} spool lines: {from_spool} committed now, {replayed} already in), "
           f"{len(lost_ms)} lost unacknowledged {lost_ms}; verify ok"
           + (f"; {unrecorded} swipes not recorded because the daemon REJECTED them before the cut "
              f"({dict(rnd.reasons)})" if rnd.reasons else ""))
