"""Host half of 'interleaved': swipes alternate between the two readers (a decimal card with
leading zeros on one, hex cards typed with Shift on the other), then both readers are swiped at
the same moment with their keys interleaved. Every swipe is recorded once, on its own reader,
for the right visitor."""

from common import expect
from daemon import READER_DEVICE, cards_for, collect, expect_recorded, swipe

NEEDS_DAEMON = True
READERS = ("reader", "reader2")


def run(vm, report):
    entre, cafe = cards_for("entre"), cards_for("cafe")
    plan = [("entre", entre[0]), ("cafe", cafe[0]), ("entre", entre[1]), ("cafe", cafe[1]),
            ("entre", entre[2])]
    vm.wait_for("READY-FOR-SWIPES", 60)
    for reader, (card, _nick) in plan:
        swipe(vm, reader, card)
    together = [("entre", entre[3]), ("cafe", cafe[2])]
    vm.type_together([(READER_DEVICE[r], card + "\n") for r, (card, _n) in together])
    expected = [(r, nick) for r, (_card, nick) in plan + together]
    vm.tell(f"typed {len(expected)}")

    # STATS <counted through> <latest check-in> <visits> <visits in the day totals>, read while
    # narvarod runs: every swipe is a different visitor's first visit that day.
    stats = " ".join(vm.result(60)).split()
    report("statistics while serving: " + " ".join(stats))
    log, db = collect(vm)
    expect(len(stats) == 5 and stats[0] == "STATS", f"no statistics line: {stats}")
    expect(stats[1] == stats[2], f"narvarod has not counted every check-in while serving: {stats}")
    expect(stats[3:] == [str(len(expected))] * 2, f"{len(expected)} visits expected in visits and day totals: {stats}")
    report("outcomes logged: " + ", ".join(sorted({c.get("outcome", "?") for c in log})))
    expect(len(log) == len(expected), f"narvarod logged {len(log)} check-ins, {len(expected)} swiped")
    expect_recorded(db, expected)
    expect({c.get("id") for c in log} <= {c["id"] for c in db}, "a logged check-in is not in the database")
