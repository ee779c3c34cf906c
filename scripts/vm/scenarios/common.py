"""Helpers shared by the scenarios' host halves: checks, and parsing what the guest prints."""

import keys
from qemu import ScenarioFailed


def expect(condition, why):
    """Fails the scenario with `why` unless condition holds."""
    if not condition:
        raise ScenarioFailed(why)


def inputs(lines):
    """Parses describe_inputs lines ('INPUT event1|0627|0001|usb-...-1/input0|QEMU ...') by node."""
    devices = {}
    for line in lines:
        if not line.startswith("INPUT "):
            continue
        fields = line[len("INPUT "):].split("|", 4)
        if len(fields) == 5:
            node, vendor, product, phys, name = fields
            devices[node] = {"node": node, "vendor": vendor, "product": product,
                             "phys": phys, "name": name}
    return devices


def captures(vm, count, timeout=30):
    """Reads `count` CAPTURE blocks (guest capture_dump) and returns {name: typed text}."""
    seen = {}
    for _ in range(count):
        lines = vm.result(timeout)
        expect(lines and lines[0].startswith("CAPTURE "), f"expected a capture, got {lines[:1]}")
        seen[lines[0].split(" ", 1)[1]] = keys.records_to_text(keys.parse_records(lines[1:]))
    return seen
