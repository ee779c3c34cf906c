"""Host half of 'late_plug': reader 1 is not there when narvarod starts; the daemon runs anyway
(reader 2 works), and picks reader 1 up by hotplug when it is plugged in later."""

from daemon import cards_for, collect, expect_recorded, swipe
from common import expect

NEEDS_DAEMON = True
READERS = ("reader2",)


def run(vm, report):
    entre, cafe = cards_for("entre"), cards_for("cafe")
    vm.wait_for("READY-FOR-SWIPES", 60)
    swipe(vm, "cafe", cafe[0][0])
    vm.plug("reader")
    vm.tell("plugged")
    vm.wait_for("REOPENED", 30)
    swipe(vm, "entre", entre[0][0])
    vm.tell("typed 2")
    log, db = collect(vm)
    expect(len(log) == 2, f"narvarod logged {len(log)} check-ins, 2 swiped")
    expect_recorded(db, [("cafe", cafe[0][1]), ("entre", entre[0][1])])
