"""Host half of 'report': every enrolled card is swiped once; the weekly report (JSON) counts
those visits and visitors, and the municipality export (CSV) for that week carries the total
(above the suppression threshold) and no nickname or card number."""

import csv
import datetime
import json
import zoneinfo

from common import expect
from daemon import CARDS, collect, expect_recorded, swipe

NEEDS_DAEMON = True
READERS = ("reader", "reader2")


def numbers_named(obj, word, path=""):
    """(path, value) of every number in nested JSON whose key contains `word`."""
    found = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            sub = f"{path}.{key}"
            if isinstance(value, (int, float)) and not isinstance(value, bool) and word in key.lower():
                found.append((sub, value))
            found += numbers_named(value, word, sub)
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found += numbers_named(value, word, f"{path}[{i}]")
    return found


def run(vm, report):
    # The guest's clock is the host's (narvaro.epoch); the venue's week is Stockholm's.
    now = datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Stockholm"))
    year, week, _ = now.isocalendar()
    period = f"{year}-W{week:02d}"
    vm.wait_for("READY-FOR-SWIPES", 60)
    for card, _nick, reader in CARDS:
        swipe(vm, reader, card)
    total = len(CARDS)
    vm.tell(f"typed {total} {period}")

    _log, db = collect(vm)
    expect_recorded(db, [(reader, nick) for _card, nick, reader in CARDS])

    text = "\n".join(vm.result())
    try:
        weekly = json.loads(text)
    except ValueError:
        expect(False, f"report --week {period} is not JSON: {text[:200]!r}")
    visits = numbers_named(weekly, "visit")
    report(f"report {period}: " + ", ".join(f"{p}={v}" for p, v in visits[:6]))
    expect(any(v == total for _p, v in visits), f"no visit count of {total} in the {period} report")

    exported = "\n".join(vm.result())
    rows = list(csv.reader(exported.lstrip("\ufeff").splitlines(), delimiter=";" if
                           exported.count(";") > exported.count(",") else ","))
    report(f"export {period}: {len(rows)} rows, header {rows[0] if rows else []}")
    expect(len(rows) >= 2, f"export for {period} has no data rows: {exported[:200]!r}")
    cells = {cell.strip() for row in rows for cell in row}
    expect(str(total) in cells, f"export for {period} has no cell with the total {total}")
    leaked = [s for card, nick, _r in CARDS for s in (card, nick) if s.lower() in exported.lower()]
    expect(not leaked, f"export leaks nicknames or card numbers: {leaked}")
