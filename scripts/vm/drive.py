#!/usr/bin/env python3
"""Runs the QEMU end-to-end scenarios: one fresh guest per scenario, the scenario's host half
(scripts/vm/scenarios/NAME.py) typing, unplugging and checking while its guest half (NAME.sh) runs
inside. A scenario with DISK = True gets a disk image instead and boots as many guests from it as
it likes (the power cuts). Prints PASS/FAIL/SKIP per scenario with timings and ends with
'N passed, M failed'.
Python standard library only."""

import argparse
import importlib
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "scenarios"))

from disk import DiskRig  # noqa: E402
from qemu import VM, ScenarioFailed, ScenarioSkipped  # noqa: E402

# The order they run in: the rig first, then the daemon's scenarios, the power cuts last.
ORDER = ["plumbing", "interleaved", "desk_keyboard", "unplug", "late_plug", "kill9", "report",
         "power_cut", "power_cut_retention"]


def daemon_serves_readers(narvarod):
    """The daemon scenarios need a narvarod that serves readers from a database; until then its
    --help does not mention --database and those scenarios are skipped (same binary as the guest's)."""
    try:
        out = subprocess.run([narvarod, "--help"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "--database" in out.stdout + out.stderr


def run_one(name, args, report):
    """Boots a guest for one scenario and runs its host half; returns (boot s, total s)."""
    module = importlib.import_module(name)
    if getattr(module, "DISK", False):
        return run_disk(name, module, args, report)
    log_path = os.path.join(args.logs, f"{name}.log") if args.logs else None
    started = time.monotonic()
    with VM(args.kernel, args.initrd, name, readers=module.READERS,
            inputs=getattr(module, "INPUTS", None), log_path=log_path, pidfile=args.pidfile) as vm:
        try:
            vm.wait_for("INPUTS-READY", args.boot_timeout)
            boot = time.monotonic() - started
            module.run(vm, report)
            vm.wait_for("END", 60)
        except ScenarioFailed:
            tail = vm.lines[-15:]
            if tail:
                report("last guest lines:\n      " + "\n      ".join(tail))
            raise
    return boot, time.monotonic() - started


def run_disk(name, module, args, report):
    """A scenario on a disk image: its host half boots the guests itself (rig.boot()); returns
    (seconds spent booting, total s)."""
    started = time.monotonic()
    rig = DiskRig(name, args, module, report)
    try:
        module.run(rig, report)
        if rig.vm is not None and rig.vm.cut_at is None:
            rig.vm.wait_for("END", 60)
    except ScenarioFailed:
        tail = rig.vm.lines[-15:] if rig.vm is not None else []
        if tail:
            report("last guest lines:\n      " + "\n      ".join(tail))
        raise
    finally:
        rig.close()
    report(f"{rig.boots} boots, {rig.boot_seconds / max(1, rig.boots):.1f} s each to INPUTS-READY")
    return rig.boot_seconds, time.monotonic() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kernel", required=True)
    parser.add_argument("--initrd", required=True)
    parser.add_argument("--narvarod", required=True, help="host copy of the guest's narvarod")
    parser.add_argument("--scenario", action="append", help="run only these (repeatable)")
    parser.add_argument("--logs", help="folder for one console log per scenario")
    parser.add_argument("--boot-timeout", type=float, default=60)
    parser.add_argument("--pidfile", help="where QEMU writes its pid")
    parser.add_argument("--work", help="folder for the power-cut scenarios' disk images (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the disk images")
    args = parser.parse_args()

    # SIGTERM/SIGHUP unwind through the VM context managers, so QEMU is killed.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: sys.exit(143))
    if args.logs:
        os.makedirs(args.logs, exist_ok=True)
    if not args.work:
        args.work = tempfile.mkdtemp(prefix="narvaro-disk-")
    # The host's narvaro beside the guest's narvarod: the retention scenario's reference run.
    args.narvaro = os.path.join(os.path.dirname(os.path.abspath(args.narvarod)), "narvaro")

    names = args.scenario or ORDER
    unknown = [n for n in names if n not in ORDER]
    if unknown:
        print(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(ORDER)}")
        return 2
    daemon_ready = daemon_serves_readers(args.narvarod)
    passed = failed = 0
    total_start = time.monotonic()
    for name in names:
        module = importlib.import_module(name)
        if module.NEEDS_DAEMON and not daemon_ready:
            print(f"SKIP {name}: narvarod does not serve readers yet (its --help has no --database)")
            continue
        notes = []
        try:
            boot, total = run_one(name, args, notes.append)
            print(f"PASS {name}")
            passed += 1
            notes.append(f"time: boot {boot:.1f} s, scenario {total - boot:.1f} s, total {total:.1f} s")
        except ScenarioSkipped as err:
            print(f"SKIP {name}: {err}")
        except ScenarioFailed as err:
            print(f"FAIL {name}: {err}")
            failed += 1
        except Exception as err:  # a bug in a scenario is a failure, not a crash of the run
            print(f"FAIL {name}: {type(err).__name__}: {err}")
            failed += 1
        for note in notes:
            print(f"    {note}")
        sys.stdout.flush()
    print(f"    all scenarios: {time.monotonic() - total_start:.1f} s")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
