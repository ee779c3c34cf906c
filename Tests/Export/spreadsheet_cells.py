#!/usr/bin/python3
"""Compares the cells of .xlsx files (written by LibreOffice Calc from our CSV) with what each CSV
record should have become: {"n": 12} a number cell, {"s": "<5"} a text cell, {"d": "2026-09-01"}
or {"d": "15:00"} a date or time cell. Reads the sheet XML with zipfile, nothing else.

usage: /usr/bin/python3 Tests/Export/spreadsheet_cells.py EXPECTED.json
EXPECTED: [{"xlsx": FILE, "rows": [[cell, ...], ...]}]  (record i is spreadsheet row i + 1)
Prints what it compared and every mismatch; exits 1 when any."""

import datetime, json, re, sys, zipfile
import xml.etree.ElementTree as ET

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def cells(path):
    z = zipfile.ZipFile(path)
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(M + "si"):
            shared.append("".join(t.text or "" for t in si.iter(M + "t")))
    out = {}
    for c in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter(M + "c"):
        col, row = re.fullmatch(r"([A-Z]+)(\d+)", c.get("r")).groups()
        index = 0
        for ch in col:
            index = index * 26 + ord(ch) - 64
        kind, v = c.get("t", "n"), c.find(M + "v")
        if kind == "s":
            value = shared[int(v.text)]
        elif kind == "inlineStr":
            value = "".join(t.text or "" for t in c.iter(M + "t"))
        else:
            value = v.text if v is not None else None
        out[(int(row), index - 1)] = ("s" if kind in ("s", "str", "inlineStr") else kind, value)
    return out


def matches(want, got):
    if want == {"s": ""}:  # an empty field is an empty cell
        return got is None or got[1] in (None, "")
    if got is None:
        return False
    kind, value = got
    if "n" in want:
        return kind == "n" and float(value) == want["n"]
    if "s" in want:
        return kind == "s" and value == want["s"]
    text = want["d"]
    if kind != "n":
        return False
    serial = float(value)
    if ":" in text:
        hours, minutes = map(int, text.split(":"))
        return round(serial * 1440) == hours * 60 + minutes
    return (datetime.date(1899, 12, 30) + datetime.timedelta(days=int(serial))).isoformat() == text


def main():
    failures = 0
    for sheet in json.load(open(sys.argv[1], encoding="utf-8")):
        got = cells(sheet["xlsx"])
        expected = {}
        for r, row in enumerate(sheet["rows"]):
            for c, want in enumerate(row):
                expected[(r + 1, c)] = want
        counts = {"n": 0, "s": 0, "d": 0}
        for key, want in expected.items():
            counts[next(iter(want))] += 1
            if not matches(want, got.get(key)):
                failures += 1
                print(f"FAIL {sheet['xlsx']} row {key[0]} column {key[1] + 1}: want {want}, got {got.get(key)}")
        for key in sorted(set(got) - set(expected)):
            if got[key][1] not in (None, ""):
                failures += 1
                print(f"FAIL {sheet['xlsx']} row {key[0]} column {key[1] + 1}: unexpected cell {got[key]}")
        print(f"{sheet['xlsx']}: {counts['n']} number cells, {counts['s']} text cells, {counts['d']} date/time cells compared")
    print(f"spreadsheet cells: {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
