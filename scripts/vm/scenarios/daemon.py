"""What the host expects back from narvaro/narvarod in the daemon scenarios: the cards (from
cards.txt), the log line, the check-ins JSON. The one host file to edit when their output changes;
the guest's invocations are in scripts/vm/guest/narvaro-commands.sh."""

import json
import os
import re

from common import expect

# Reader names in the database -> QEMU device ids (see nv_setup).
READER_DEVICE = {"entre": "reader", "cafe": "reader2"}
# Which reader types which card format.
FORMAT_READER = {"decimal": "entre", "hex": "cafe"}


def load_cards():
    """cards.txt -> list of (card, nickname, reader name)."""
    cards = []
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cards.txt")) as f:
        for line in f:
            fields = line.split()
            if len(fields) == 3 and not line.startswith("#"):
                cards.append((fields[0], fields[1], FORMAT_READER[fields[2]]))
    return cards


CARDS = load_cards()
NICK = {card: nick for card, nick, _ in CARDS}


def cards_for(reader):
    """The (card, nickname) pairs swiped on that reader."""
    return [(card, nick) for card, nick, r in CARDS if r == reader]


def swipe(vm, reader, card):
    """One swipe: the card's characters and Enter, on the reader's USB keyboard."""
    vm.type_text(READER_DEVICE[reader], card + "\n")


# narvarod's line after each commit: "checkin id=12 reader=entre outcome=counted ..." (a systemd
# priority prefix like "<6>" may stand before it).
LOG_LINE = re.compile(r"checkin\s+(.*)$")
FIELD = re.compile(r"(\w+)=(\"[^\"]*\"|\S+)")


def parse_log(lines):
    """The check-ins narvarod logged, as dicts of their key=value fields."""
    logged = []
    for line in lines:
        m = LOG_LINE.search(line)
        if m and "id=" in m.group(1):
            logged.append({k: v.strip('"') for k, v in FIELD.findall(m.group(1))})
    return logged


# Check-in JSON: names tried in order for each thing the scenarios need.
JSON_FIELDS = {
    "id": ("id", "checkin_id", "checkinId"),
    "reader": ("reader", "reader_name", "readerName", "reader.name"),
    "visitor": ("nickname", "visitor.nickname", "visitor_nickname", "visitorNickname", "visitor"),
    "outcome": ("outcome",),
}


def _flatten(obj, prefix=""):
    flat = {}
    for key, value in obj.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def parse_checkins(lines):
    """`narvaro checkins --format json` (a list, or an object holding one) -> list of dicts with
    id, reader, visitor (nickname or None), outcome; the raw object stays under 'raw'."""
    text = "\n".join(lines)
    try:
        data = json.loads(text)
    except ValueError as err:
        raise AssertionError(f"checkins JSON does not parse ({err}): {text[:200]!r}") from err
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [])
    checkins = []
    for obj in data:
        flat = _flatten(obj) if isinstance(obj, dict) else {}
        row = {"raw": obj}
        for want, names in JSON_FIELDS.items():
            row[want] = next((flat[n] for n in names if n in flat and not isinstance(flat[n], dict)),
                             None)
        if row["id"] is not None:
            row["id"] = str(row["id"])
        checkins.append(row)
    return checkins


def collect(vm, timeout=60):
    """Reads the guest's daemon_results: (logged check-ins, check-ins in the database)."""
    log = vm.result(timeout)
    db = vm.result(timeout)
    try:
        return parse_log(log), parse_checkins(db)
    except AssertionError as err:
        expect(False, str(err))


def expect_recorded(db, expected):
    """The database holds exactly the expected (reader, nickname) swipes, per reader in order."""
    if all(c["id"] is not None and c["id"].isdigit() for c in db):
        db = sorted(db, key=lambda c: int(c["id"]))
    for reader in READER_DEVICE:
        got = [c["visitor"] for c in db if c["reader"] == reader]
        want = [nick for r, nick in expected if r == reader]
        expect(got == want, f"reader {reader}: database has visitors {got}, swiped {want}")
    expect(len(db) == len(expected), f"database has {len(db)} check-ins, {len(expected)} swiped"
           f" (readers seen: {sorted({str(c['reader']) for c in db})})")
