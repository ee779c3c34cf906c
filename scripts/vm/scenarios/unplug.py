"""Host half of 'unplug': half a swipe, then reader 1 is unplugged; a swipe on reader 2 meanwhile;
reader 1 is replugged and swiped. The half swipe is not recorded (nor glued to the next card),
and after 20 more unplug/replug cycles the daemon still runs, holds no more descriptors than
before, and records swipes on the replugged reader."""

from common import expect
from daemon import cards_for, collect, expect_recorded, swipe

NEEDS_DAEMON = True
READERS = ("reader", "reader2")
CYCLES = 20
SWIPE_AFTER = {7, 14, 20}


def unplug(vm):
    """Pulls reader 1 and waits until the guest has seen it go (as a person takes a moment)."""
    vm.unplug("reader")
    vm.tell("next unplugged")
    vm.wait_for("GONE", 20)


def plug(vm):
    """Puts reader 1 back and waits until narvarod has the new device open."""
    vm.plug("reader")
    vm.tell("next replugged")
    vm.wait_for("REOPENED", 45)


def run(vm, report):
    entre, cafe = cards_for("entre"), cards_for("cafe")
    vm.wait_for("READY-FOR-SWIPES", 60)
    swipe(vm, "entre", entre[0][0])
    vm.type_text("reader", entre[1][0][:5])   # half a swipe, then the reader is pulled out
    unplug(vm)
    swipe(vm, "cafe", cafe[0][0])
    plug(vm)
    swipe(vm, "entre", entre[1][0])
    expected = [("entre", entre[0][1]), ("cafe", cafe[0][1]), ("entre", entre[1][1])]

    later = iter(entre[2:])
    for cycle in range(1, CYCLES + 1):
        unplug(vm)
        plug(vm)
        if cycle in SWIPE_AFTER:
            card, nick = next(later)
            swipe(vm, "entre", card)
            expected.append(("entre", nick))
    vm.tell(f"next typed {len(expected)}")

    lines = vm.result(60)
    state = lines[0] if lines else ""
    report(" ".join(lines))      # the verdict, then any descriptor that went or came
    log, db = collect(vm)
    expect("alive=yes" in state, f"narvarod died: {state}")
    fields = dict(f.split("=") for f in state.split()[1:])
    expect(fields.get("fds_before") == fields.get("fds_after"),
           f"descriptors leaked over {CYCLES + 1} replugs: {' | '.join(lines)}")
    expect(len(log) == len(expected), f"narvarod logged {len(log)} check-ins, {len(expected)} swiped")
    expect_recorded(db, expected)
