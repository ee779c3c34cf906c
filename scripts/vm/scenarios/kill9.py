"""Host half of 'kill9': swipes before, during and after a SIGKILL of narvarod and its restart.
Every check-in the daemon logged (so had committed) is in the database, no check-in is in it
twice, and every swipe typed after the restart is recorded."""

from collections import Counter

from common import expect
from daemon import CARDS, READER_DEVICE, collect, swipe

NEEDS_DAEMON = True
READERS = ("reader", "reader2")


def run(vm, report):
    by_reader = {r: [(c, n) for c, n, rr in CARDS if rr == r] for r in READER_DEVICE}
    entre, cafe = by_reader["entre"], by_reader["cafe"]
    before = [("entre", *entre[0]), ("cafe", *cafe[0]), ("entre", *entre[1])]
    during = [("entre", *entre[2]), ("cafe", *cafe[1])]
    after = [("entre", *entre[3]), ("cafe", *cafe[2]), ("entre", *entre[4])]
    vm.wait_for("READY-FOR-SWIPES", 60)
    for reader, card, _nick in before:
        swipe(vm, reader, card)
    # SIGKILL lands in the middle of a swipe; the rest of it and one more swipe follow at once,
    # whether or not a daemon is there to read them.
    reader, card, _nick = during[0]
    vm.type_text(READER_DEVICE[reader], card[:5])
    vm.tell("kill")
    vm.type_text(READER_DEVICE[reader], card[5:] + "\n")
    swipe(vm, during[1][0], during[1][1])
    vm.wait_for("RESTARTED", 90)  # the guest waits up to 2 × 20 s for the restarted daemon; TCG under load is slow
    for reader, card, _nick in after:
        swipe(vm, reader, card)
    vm.tell(f"typed {len(after)}")

    log, db = collect(vm)
    ids = Counter(c["id"] for c in db)
    report(f"{len(db)} check-ins in the database, {len(log)} logged, "
           f"{len(before + during + after)} swiped ({len(during)} around the kill); outcomes: "
           + ", ".join(sorted({str(c["outcome"]) for c in db})))
    twice = [i for i, n in ids.items() if n > 1]
    expect(not twice, f"check-in ids twice in the database: {twice}")
    missing = [c.get("id") for c in log if c.get("id") not in ids]
    expect(not missing, f"logged but not in the database: {missing}")
    # A swipe cut by the kill may reach the new daemon as its tail: an unknown card, no visitor.
    visitors = Counter(c["visitor"] for c in db if c["visitor"])
    again = [v for v, n in visitors.items() if n > 1]
    expect(not again, f"recorded twice (each card was swiped once): {again}")
    for _reader, _card, nick in after:
        expect(visitors[nick] == 1, f"{nick}, swiped after the restart, is not recorded")
