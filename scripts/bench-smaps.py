#!/usr/bin/env python3
# Where a process's resident memory is (for docs/benchmarks.md, Memory): /proc/PID/smaps summed by
# mapping (library, binary, [heap], anonymous), largest first, in KiB. Not a test.
# usage: scripts/bench-smaps.py PID [MIN_KIB]
import collections, sys

pid, floor = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100
rss, name = collections.Counter(), None
with open(f"/proc/{pid}/smaps") as f:
    for line in f:
        fields = line.split()
        if "-" in fields[0] and len(fields) >= 5 and not fields[0].endswith(":"):
            path = fields[5] if len(fields) > 5 else "[anonymous]"
            name = path.rsplit("/", 1)[-1]
        elif fields[0] == "Rss:":
            rss[name] += int(fields[1])
total = sum(rss.values())
print(f"total {total} KiB: " + ", ".join(f"{n} {k}" for n, k in rss.most_common() if k >= floor)
      + f", {len([k for k in rss.values() if k < floor])} others {sum(k for k in rss.values() if k < floor)}")
