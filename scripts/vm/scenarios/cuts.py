"""Cutting the power at a chosen moment while the host half goes on typing: after a delay, or a
delay after a console marker arrives. Both cut from a thread of their own (VM.cut_power: SIGKILL)."""

import threading
import time


def cut_later(vm, delay):
    timer = threading.Timer(delay, vm.cut_power)
    timer.daemon = True
    timer.start()


def cut_after_marker(vm, marker, delay, fallback):
    """Cuts `delay` s after the console line `=== marker ===` arrives (or after `fallback` s)."""
    def watch():
        deadline = time.monotonic() + fallback
        with vm.cond:
            index = 0  # the marker may have come before the cut was planned; it is unique per boot
            while time.monotonic() < deadline and not vm.exited:
                while index < len(vm.lines):
                    if vm.lines[index] == f"=== {marker} ===":
                        seen = vm.times[index]
                        break
                    index += 1
                else:
                    vm.cond.wait(0.05)
                    continue
                break
            else:
                seen = None
        if seen is None:
            if vm.cut_at is None and not vm.exited:
                vm.cut_power()
            return
        time.sleep(max(0.0, seen + delay - time.monotonic()))
        if vm.cut_at is None:
            vm.cut_power()

    threading.Thread(target=watch, daemon=True).start()
