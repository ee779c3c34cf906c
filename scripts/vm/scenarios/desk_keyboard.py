"""Host half of 'desk_keyboard': the PS/2 desk keyboard is never grabbed and never read as a card
reader. Typing a valid card number and text on it records nothing and still reaches other readers
of that keyboard; a swipe on a real reader is recorded and does not reach a second reader of it."""

from common import captures, expect
from daemon import cards_for, collect, expect_recorded, swipe

NEEDS_DAEMON = True
READERS = ("reader", "reader2")
DESK = "0012345678\nhej\n"


def run(vm, report):
    report(" ".join(vm.result()))
    vm.wait_for("READY-FOR-SWIPES", 60)
    vm.type_text(None, DESK)
    card, nick = cards_for("entre")[1]
    swipe(vm, "entre", card)
    vm.tell("typed 1")
    seen = captures(vm, 2)
    expect(seen["desk"] == DESK, f"desk keyboard keys did not reach others: {seen['desk']!r}"
           " (is it grabbed?)")
    expect(seen["reader"] == "", f"reader keys leaked past the grab: {seen['reader']!r}")
    log, db = collect(vm)
    expect(len(log) == 1, f"narvarod logged {len(log)} check-ins, 1 swiped on a reader")
    expect_recorded(db, [("entre", nick)])
