"""Host half of 'plumbing': the rig itself, without the daemon. Typing on reader 1, reader 2 and
the desk keyboard reaches only that keyboard's event node (Shift included); device_del removes
reader 1's node and device_add brings it back; the sysfs identity of each keyboard is reported;
narvarod and narvaro start in the guest (their libraries are in the image)."""

from common import captures, expect, inputs

NEEDS_DAEMON = False
READERS = ("reader", "reader2")

CARD1 = "0012345678\n"   # leading zeros, as a decimal reader types them
CARD2 = "00AB12CD\n"     # a hex reader: letters come with Shift
DESK = "hello\n"


def run(vm, report):
    for line in vm.result():
        report(line)
        expect("exit=127" not in line and "error while loading" not in line,
               f"a binary does not start in the guest: {line}")
    devices = inputs(vm.result())
    for d in devices.values():
        report(f"input {d['node']} {d['vendor']}:{d['product']} phys={d['phys']} name=\"{d['name']}\"")
    usb = [d for d in devices.values() if d["vendor"] == "0627" and d["product"] == "0001"]
    expect(len(usb) == 2, f"expected two 0627:0001 USB keyboards, saw {len(usb)}")
    expect(any(d["name"] == "AT Translated Set 2 keyboard" for d in devices.values()),
           "no PS/2 desk keyboard")

    vm.wait_for("READY-FOR-SWIPES", 20)
    vm.type_text("reader", CARD1)
    vm.type_text("reader2", CARD2)
    vm.type_text(None, DESK)
    vm.tell("typed")
    seen = captures(vm, 3)
    expect(seen["reader"] == CARD1, f"reader 1 node saw {seen['reader']!r}, typed {CARD1!r}")
    expect(seen["reader2"] == CARD2, f"reader 2 node saw {seen['reader2']!r}, typed {CARD2!r}")
    expect(seen["desk"] == DESK, f"desk node saw {seen['desk']!r}, typed {DESK!r}")

    vm.wait_for("READY-FOR-UNPLUG", 20)
    vm.unplug("reader")
    vm.tell("unplugged")
    line = " ".join(vm.result())
    report(line)
    expect("gone=yes" in line, f"reader 1's node did not vanish: {line}")

    vm.wait_for("READY-FOR-REPLUG", 20)
    vm.plug("reader")
    vm.tell("replugged")
    line = " ".join(vm.result())
    report(line)
    expect("node=/dev/input/event" in line, f"reader 1 did not come back: {line}")
    vm.wait_for("READY-AFTER-REPLUG", 20)
    vm.type_text("reader", CARD1)
    vm.tell("typed")
    seen = captures(vm, 1)
    expect(seen["reader-again"] == CARD1, f"replugged reader saw {seen['reader-again']!r}")
