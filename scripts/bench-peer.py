#!/usr/bin/env python3
# The replay benchmark's peer (scripts/bench --replay): what a plain script does with the same
# evemu text — evdev-style key decoding, one SQLite transaction per swipe (WAL, synchronous=FULL)
# inserting a check-in row and upserting the daily visit. usage: bench-peer.py RECORDING DB START_UNIX
import hashlib, hmac, sqlite3, sys
from datetime import datetime
from zoneinfo import ZoneInfo

recording, path, start = sys.argv[1], sys.argv[2], int(sys.argv[3]) * 1_000_000
KEY = b"bench-peer card key"
DIGITS = {2: "1", 3: "2", 4: "3", 5: "4", 6: "5", 7: "6", 8: "7", 9: "8", 10: "9", 11: "0"}
ENTER = (28, 96)            # KEY_ENTER, KEY_KPENTER
TIMEOUT = 100_000           # µs between key presses of one swipe, as CardDecoder
zone = ZoneInfo("Europe/Stockholm")

db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.executescript("""
CREATE TABLE IF NOT EXISTS checkins(id INTEGER PRIMARY KEY, time_us INTEGER NOT NULL, card_hash BLOB NOT NULL,
    local_day INTEGER NOT NULL, swipe_key BLOB NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS visits(local_day INTEGER NOT NULL, card_hash BLOB NOT NULL, swipes INTEGER NOT NULL,
    first_us INTEGER NOT NULL, last_us INTEGER NOT NULL, PRIMARY KEY(local_day, card_hash)) WITHOUT ROWID;
""")

def record(card, t):
    card_hash = hmac.new(KEY, card.encode(), hashlib.sha256).digest()
    day = datetime.fromtimestamp(t / 1e6, zone).date().toordinal()
    key = hashlib.sha256(b"entre|" + card_hash + t.to_bytes(8, "little", signed=True)).digest()
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT OR IGNORE INTO checkins(time_us, card_hash, local_day, swipe_key) VALUES (?,?,?,?)", (t, card_hash, day, key))
    db.execute("""INSERT INTO visits VALUES (?,?,1,?,?) ON CONFLICT(local_day, card_hash)
                  DO UPDATE SET swipes = swipes + 1, last_us = excluded.last_us""", (day, card_hash, t, t))
    db.execute("COMMIT")

swipes = rejected = 0
buf, last = "", None
with open(recording, "rb") as f:
    for line in f:
        if not line.startswith(b"E:"):
            continue                               # header lines and comments
        sec_usec, etype, code, value = line[2:].split(b"#", 1)[0].split()
        sec, usec = sec_usec.split(b".")
        t = int(sec) * 1_000_000 + int(usec.ljust(6, b"0"))
        if t < 1_000_000_000_000_000:
            t += start                             # small times are offsets from the start
        if int(etype, 16) != 1 or int(value) != 1:
            continue                               # only key presses count
        code = int(code, 16)
        if buf and t - last > TIMEOUT:
            buf, rejected = "", rejected + 1       # a pause ends a half-typed swipe
        if code in ENTER:
            if len(buf) >= 4:
                record(buf, t); swipes += 1
            elif buf:
                rejected += 1
            buf = ""
        elif code in DIGITS:
            buf += DIGITS[code]
        last = t
print(f"peer: {swipes} swipes recorded, {rejected} rejected")
