"""evemu text for card swipes typed by a keyboard-style reader (digits, then Enter), as
`narvarod --replay - --reader NAME` reads it. Times are offsets in seconds from the replay's start."""

KEYS = {"1": 2, "2": 3, "3": 4, "4": 5, "5": 6, "6": 7, "7": 8, "8": 9, "9": 10, "0": 11}
ENTER = 28


def swipe(card, at=0.0):
    """The events of one swipe of `card` starting `at` seconds after the replay's start."""
    lines, t = [], at
    for code in [KEYS[c] for c in card] + [ENTER]:
        for value in (1, 0):
            lines.append(f"E: {t:.6f} 0001 {code:04x} {value:04x}")
            lines.append(f"E: {t:.6f} 0000 0000 0000")
            t += 0.004
    return "\n".join(lines) + "\n"


HEADER = "N: Test reader\nI: 0003 ffff 0035 0110\n"
