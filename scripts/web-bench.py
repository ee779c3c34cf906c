#!/usr/bin/python3
"""narvaro-web's speed and load through nginx + fcgiwrap on a benchmark database (run by
`scripts/bench --web`; never a test). Prints one JSON object.

1. Latency: a fixed number of sequential requests each for the desk page, its poll, the report page
   (one venue and all venues) and the report JSON; median and p95 in ms.
2. Daemon alone: `narvarod --replay -` fed 10 swipes/s; time from a swipe's last key event written
   to its `checkin` log line (committed), p50/p99.
3. Load: the same swipes for LOAD seconds while 20 desks poll /desk/events every second and a
   report is asked for every second: 5xx count, swipes lost, commit p99 against step 2, WAL size.

usage: scripts/web-bench.py --bin DIR --database GENERATED.db [--requests 200] [--baseline 30] [--load 300]"""

import argparse, json, os, shutil, statistics, subprocess, sys, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Tests", "Web"))
import swipes  # noqa: E402
from website import Site  # noqa: E402

BENCH_KEY = b"narvaro-benchmark-key-not-secret"  # NarvaroBench's fixed, public card key


def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    return round(s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))], 2)


def timed(site, path, user="anna"):
    start = time.perf_counter()
    status, _, body = site.http(path, user=user)
    return (time.perf_counter() - start) * 1000, status, body


class Swiper:
    """narvarod --replay - on `reader`, fed swipes at a rate; measures swipe → committed."""

    def __init__(self, site, reader, first_card):
        self.card = first_card
        self.sent, self.latencies, self.pending = 0, [], []
        self.lock = threading.Lock()
        self.start = time.time()
        iso = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(self.start))
        self.proc = subprocess.Popen([f"{site.bin}/narvarod", "--replay", "-", "--reader", reader, "--start", iso],
                                     stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=site.env, text=True, bufsize=1)
        self.proc.stdin.write(swipes.HEADER)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stderr:
            if "checkin id=" in line:
                now = time.perf_counter()
                with self.lock:
                    if self.pending:
                        self.latencies.append((now - self.pending.pop(0)) * 1000)

    def run(self, seconds, rate=10):
        begin = time.time()
        n = 0
        while time.time() - begin < seconds:
            target = begin + n / rate
            delay = target - time.time()
            if delay > 0:
                time.sleep(delay)
            text = swipes.swipe(f"{self.card:010d}", at=time.time() - self.start)
            self.card += 1
            with self.lock:
                self.proc.stdin.write(text)
                self.proc.stdin.flush()
                self.pending.append(time.perf_counter())
            n += 1
        self.sent += n

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(60)
        self.reader.join(5)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--database", required=True)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--baseline", type=int, default=30)
    ap.add_argument("--load", type=int, default=300)
    ap.add_argument("--desks", type=int, default=20)
    ap.add_argument("--markdown", help="also write the docs/benchmarks.md section to this file")
    if sys.argv[1:2] == ["--render"]:  # the section again from a saved result: --render RESULT.json
        print(markdown(json.load(open(sys.argv[2]))), end="")
        return
    args = ap.parse_args()
    site = Site(os.path.abspath(args.bin))
    result = {"requests": args.requests, "load_seconds": args.load, "desks": args.desks,
              "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    try:
        db = f"{site.t}/n.db"
        shutil.copy(args.database, db)
        subprocess.run(["sync"])
        with open(f"{site.t}/card-key", "wb") as f:
            f.write(BENCH_KEY)
        os.chmod(f"{site.t}/card-key", 0o600)
        site.env["NARVARO_DATABASE"] = db
        readers = json.loads(site.narvaro("reader", "list", "--format", "json"))
        reader = next(r for r in readers if r.get("card_format", "decimal10") == "decimal10" and not r.get("activity"))
        venue = reader["venue"]
        last = json.loads(site.narvaro("checkins", "--limit", "1", "--format", "json"))[0]
        week = subprocess.run(["date", "-u", "-d", last["time"], "+%G-W%V"], capture_output=True, text=True).stdout.strip()
        result.update(venue=venue, reader=reader["name"], week=week)
        site.serve(workers=4)
        count = lambda: int(subprocess.run(["sqlite3", db, "SELECT count(*) FROM checkins"], capture_output=True, text=True).stdout)
        result["checkins_before"] = count()

        _, _, body = site.http(f"/desk/events?venue={venue}&after=0")
        after = json.loads(body)["last_id"]
        pages = {"desk": f"/desk?venue={venue}", "poll": f"/desk/events?venue={venue}&after={after}",
                 "report_venue": f"/report?period={week}&venue={venue}", "report_all": f"/report?period={week}",
                 "report_json": f"/report?period={week}&venue={venue}&format=json"}
        latency = {}
        for name, path in pages.items():
            for _ in range(5):
                timed(site, path)
            times, bad = [], 0
            for _ in range(args.requests):
                ms, status, _ = timed(site, path)
                times.append(ms)
                bad += status != 200
            latency[name] = {"median_ms": pct(times, 50), "p95_ms": pct(times, 95), "non_200": bad}
            print(f"{name}: median {latency[name]['median_ms']} ms, p95 {latency[name]['p95_ms']} ms", file=sys.stderr)
        result["latency"] = latency

        baseline = Swiper(site, reader["name"], 3_000_000_000)
        baseline.run(args.baseline)
        baseline.stop()
        result["daemon_alone"] = {"swipes": baseline.sent, "commit_p50_ms": pct(baseline.latencies, 50),
                                  "commit_p99_ms": pct(baseline.latencies, 99)}
        print(f"daemon alone: {result['daemon_alone']}", file=sys.stderr)

        stop = threading.Event()
        statuses, polls, reports, wal = {}, [], [], []
        lock = threading.Lock()

        def desk(i):
            last_id = after
            while not stop.is_set():
                begin = time.time()
                ms, status, body = timed(site, f"/desk/events?venue={venue}&after={last_id}")
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
                    polls.append(ms)
                if status == 200:
                    last_id = max(last_id, json.loads(body)["last_id"])
                stop.wait(max(0, 1 - (time.time() - begin)))

        def reporter():
            kinds = [f"/report?period={week}&venue={venue}", f"/report?period={week}&venue={venue}&by=day",
                     f"/report?period={week[:4]}-H{1 if int(week[6:]) <= 26 else 2}&venue={venue}", f"/report?period={week}&format=json"]
            n = 0
            while not stop.is_set():
                begin = time.time()
                ms, status, _ = timed(site, kinds[n % len(kinds)], user="kim")
                n += 1
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
                    reports.append(ms)
                stop.wait(max(0, 1 - (time.time() - begin)))

        def sampler():
            while not stop.is_set():
                try:
                    wal.append(os.path.getsize(db + "-wal"))
                except OSError:
                    pass
                stop.wait(1)

        threads = [threading.Thread(target=desk, args=(i,)) for i in range(args.desks)]
        threads += [threading.Thread(target=reporter), threading.Thread(target=sampler)]
        for t in threads:
            t.start()
        loaded = Swiper(site, reader["name"], 3_500_000_000)
        loaded.run(args.load)
        loaded.stop()
        stop.set()
        for t in threads:
            t.join()
        added = count() - result["checkins_before"] - baseline.sent
        result["load"] = {
            "swipes_sent": loaded.sent, "checkins_added": added, "swipes_lost": loaded.sent - added,
            "responses": {str(k): v for k, v in sorted(statuses.items())},
            "5xx": sum(v for k, v in statuses.items() if k >= 500),
            "poll_median_ms": pct(polls, 50), "poll_p95_ms": pct(polls, 95), "polls": len(polls),
            "report_median_ms": pct(reports, 50), "report_p95_ms": pct(reports, 95), "reports": len(reports),
            "commit_p50_ms": pct(loaded.latencies, 50), "commit_p99_ms": pct(loaded.latencies, 99),
            "wal_max_bytes": max(wal) if wal else 0, "wal_last_bytes": wal[-1] if wal else 0,
            "wal_first_minute_max_bytes": max(wal[:60]) if wal else 0,
        }
        alone = result["daemon_alone"]["commit_p99_ms"] or 0
        result["load"]["commit_p99_ratio"] = round(result["load"]["commit_p99_ms"] / alone, 2) if alone else None
        print(f"load: {result['load']}", file=sys.stderr)
    finally:
        site.stop()
    print(json.dumps(result, indent=2))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(markdown(result))


def markdown(r):
    lat, load, alone = r["latency"], r["load"], r["daemon_alone"]
    rows = "\n".join(f"| {name} | {v['median_ms']} | {v['p95_ms']} |" for name, v in lat.items())
    return f"""## narvaro-web through nginx (`scripts/bench --web`)

Measured {r.get('measured', '')} on the 1m database (venue `{r['venue']}`, week {r['week']}),
nginx-light + fcgiwrap (4 workers) on 127.0.0.1 with auth_basic, release build; each request is a new
`narvaro-web` process. {r['requests']} sequential requests per page after 5 warm-up requests:

| page | median ms | p95 ms |
|---|---:|---:|
{rows}

Load: {r['desks']} desks polling `/desk/events` every second and one report per second (rotating
week / by day / half-year / all-venue JSON) for {r['load_seconds']} s while `narvarod --replay -` committed
10 swipes per second:

| | figure |
|---|---:|
| responses | {', '.join(f'{k}: {v}' for k, v in load['responses'].items())} |
| 5xx | {load['5xx']} |
| swipes sent / check-ins added / lost | {load['swipes_sent']} / {load['checkins_added']} / {load['swipes_lost']} |
| poll median / p95 under load (ms) | {load['poll_median_ms']} / {load['poll_p95_ms']} |
| report median / p95 under load (ms) | {load['report_median_ms']} / {load['report_p95_ms']} |
| daemon swipe → committed p50 / p99, alone ({alone['swipes']} swipes) | {alone['commit_p50_ms']} / {alone['commit_p99_ms']} ms |
| daemon swipe → committed p50 / p99, under load | {load['commit_p50_ms']} / {load['commit_p99_ms']} ms (p99 × {load['commit_p99_ratio']}) |
| WAL file: max in the first minute / max / at the end | {load['wal_first_minute_max_bytes']:,} / {load['wal_max_bytes']:,} / {load['wal_last_bytes']:,} bytes |

Findings (this text lives in scripts/web-bench.py; the figures above are refreshed by every run):
- **A process per request is cheap when the runtime is static.** `narvaro-web` built like the
  installed one (`--static-swift-stdlib`) spends ~5 ms CPU on a 404 and ~7–9 ms on a poll or a
  report JSON (`perf stat`); with the toolchain's shared libraries the dynamic loader alone cost
  ~20 ms more per request. The rest of a page's time is nginx, fcgiwrap's fork and the client.
- **The desk's "today" scanned a whole venue's history.** ~50 ms of every `/desk/events` poll on
  this database (74 ms median in the first run) went to one query until `Store.checkIns` added `local_day >= day(since)` next to `time_us >= since`:
  the condition is redundant, but lets SQLite range-scan `checkins_day (venue_id, local_day)`
  instead of reading all ~100,000 check-ins of the venue (~50 ms → under 1 ms in `sqlite3`).
- **Readers do not starve checkpoints**: every request is a short read transaction in its own
  process, so the WAL file stays at SQLite's auto-checkpoint size (~4 MB, 1,000 pages) for the
  whole run instead of growing.
- **Under load the machine, not the database, is the limit**: 20 polls + 1 report per second is
  ~21 processes per second on 2 cores shared with other builds; latencies under load follow the
  CPU available. No request failed and no swipe was lost; the daemon's commit p99 is compared with
  its own run alone on the same machine minutes earlier (both vary ±30 % with the shared disk).
- **Pages yield to swipes.** Before `narvaro-web.service` ran at `Nice=10` / `CPUWeight=20` (the
  test site's fcgiwrap likewise), one full run measured the daemon's p99 at 9.8 ms alone and 14.8 ms
  under load (× 1.51); with the pages niced the ratio above is the figure, and the pages' own
  latency under load is what gives.
"""


if __name__ == "__main__":
    main()
