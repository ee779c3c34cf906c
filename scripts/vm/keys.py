"""Keyboard text for the QEMU end-to-end test: characters to QEMU key codes (what the host types)
and raw evdev records back to text (what the guest saw), so a scenario can compare the two."""

import struct

# Characters a card reader (or the desk) types, as QEMU qcodes; upper-case letters add Shift.
_QCODES = {str(d): str(d) for d in range(10)}
_QCODES.update({c: c for c in "abcdefghijklmnopqrstuvwxyz"})
_QCODES.update({"\n": "ret", " ": "spc", "-": "minus", ".": "dot", "/": "slash", ";": "semicolon"})


def key_strokes(text):
    """Splits text into (qcode, shifted) pairs; raises ValueError for a character we cannot type."""
    strokes = []
    for ch in text:
        shifted = ch.isalpha() and ch.isupper()
        qcode = _QCODES.get(ch.lower() if shifted else ch)
        if qcode is None:
            raise ValueError(f"cannot type {ch!r}")
        strokes.append((qcode, shifted))
    return strokes


# Linux input-event-codes.h: the keys above, by evdev code. Tests/NarvaroTests/InputKeyTableTests.swift
# checks this table against KeyLayout (Sources/NarvaroCore/Input/KeyLayout.swift), the one source.
EV_KEY = 1
KEY_LEFTSHIFT, KEY_RIGHTSHIFT = 42, 54
_KEYCODES = {2: "1", 3: "2", 4: "3", 5: "4", 6: "5", 7: "6", 8: "7", 9: "8", 10: "9", 11: "0",
             28: "\n", 57: " ", 12: "-", 52: ".", 53: "/", 39: ";"}
for _code, _ch in zip([16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 30, 31, 32, 33, 34, 35, 36, 37, 38,
                       44, 45, 46, 47, 48, 49, 50], "qwertyuiopasdfghjklzxcvbnm"):
    _KEYCODES[_code] = _ch

# struct input_event on x86_64: timeval (two longs), type u16, code u16, value s32.
_RECORD = struct.Struct("<qqHHi")


def parse_records(hex_lines):
    """Turns `od -An -tx1 -w24` lines (spaces removed) into (sec, usec, type, code, value) tuples."""
    records = []
    for line in hex_lines:
        line = line.strip()
        if len(line) != 2 * _RECORD.size:
            continue
        try:
            records.append(_RECORD.unpack(bytes.fromhex(line)))
        except ValueError:
            continue
    return records


def records_to_text(records):
    """Replays key presses (value 1; auto-repeat 2 is ignored) with Shift into the typed text."""
    text, shift = [], 0
    for _sec, _usec, etype, code, value in records:
        if etype != EV_KEY:
            continue
        if code in (KEY_LEFTSHIFT, KEY_RIGHTSHIFT):
            shift = value != 0
            continue
        if value != 1:
            continue
        ch = _KEYCODES.get(code, f"<{code}>")
        text.append(ch.upper() if shift else ch)
    return "".join(text)
