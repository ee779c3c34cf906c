#!/usr/bin/env python3
# Resident memory of narvarod for scripts/bench --memory: streams a generated recording through
# `narvarod --replay -` and samples VmRSS/VmHWM (/proc/PID/status) after each checkpoint's swipes
# have gone in, then once more idle on the open pipe.
# usage: bench-memory.py NARVARO_BENCH NARVAROD START CHECKPOINT... (the database comes from the environment)
import subprocess, sys, time

bench, narvarod, start = sys.argv[1:4]
checkpoints = [int(n) for n in sys.argv[4:]]
ENTER_PRESS = b" 0001 001c 0001"      # each swipe ends with exactly one Enter press

def status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0])   # KiB
    return fields

def settle(proc):
    # The pipe holds at most 64 KiB (~25 swipes): once it is written, the daemon is that close behind.
    # Wait until its CPU time stops moving, i.e. it has drained the pipe and sleeps in read().
    last = None
    while True:
        with open(f"/proc/{proc.pid}/stat") as f:
            ticks = sum(int(x) for x in f.read().rsplit(")", 1)[1].split()[11:13])
        if ticks == last:
            return
        last = ticks
        time.sleep(0.5)

gen = subprocess.Popen([bench, "recording", "--swipes", str(checkpoints[-1])], stdout=subprocess.PIPE)
daemon = subprocess.Popen([narvarod, "--replay", "-", "--reader", "entre", "--start", start],
                          stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
swipes, pending = 0, list(checkpoints)
carry = b""
while pending:
    block = gen.stdout.read(1 << 20)
    if not block:
        break
    # Count Enter presses across block boundaries; stop exactly at a checkpoint's last line.
    data = carry + block
    cut = data.rfind(b"\n") + 1
    data, carry = data[:cut], data[cut:]
    while pending and swipes + data.count(ENTER_PRESS) >= pending[0]:
        need, at = pending[0] - swipes, 0
        for _ in range(need):
            at = data.index(ENTER_PRESS, at) + len(ENTER_PRESS)
        at = data.index(b"\n", at) + 1
        daemon.stdin.write(data[:at]); daemon.stdin.flush()
        data, swipes = data[at:], pending.pop(0)
        settle(daemon)
        s = status(daemon.pid)
        print(f"after {swipes} swipes: VmRSS {s['VmRSS']} KiB, VmHWM {s['VmHWM']} KiB", flush=True)
    daemon.stdin.write(data); swipes += data.count(ENTER_PRESS)
time.sleep(3)
s = status(daemon.pid)
print(f"idle on the open pipe: VmRSS {s['VmRSS']} KiB, VmHWM {s['VmHWM']} KiB", flush=True)
daemon.stdin.close(); gen.stdout.close(); gen.wait(); daemon.wait()
