"""Small text formatting helpers shared by the commands and the TUI (no I/O)."""

from __future__ import annotations

import math
import re

# C0 controls but tab and newline, DEL and C1: what a terminal would act on.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _whole(seconds: float) -> int:
    """Round half up to whole seconds (Python's round() goes to even: 0.5 -> 0)."""
    return math.floor(seconds + 0.5)


def mmss(seconds: float) -> str:
    """Seconds as ``m:ss`` (``0:05``, ``12:30``, ``75:00``); minutes are not capped at 60.

    Negative input is shown with a leading minus so a bug is visible, not hidden.
    """
    if seconds < 0:
        return "-" + mmss(-seconds)
    total = _whole(seconds)
    return f"{total // 60}:{total % 60:02d}"


def secs(seconds: float) -> str:
    """A number of seconds without a useless ``.0``: ``10``, ``2.5``, ``0.25``."""
    if float(seconds).is_integer():
        return str(int(seconds))
    return f"{seconds:g}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 wait``, ``2 waits`` (``many`` for irregular plurals)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def printable(text: str) -> str:
    """``text`` with terminal control characters shown as ``\\x1b`` instead of acted on.

    A double-quoted YAML string can hold them (``"\\e[31m"``); a name from a
    file is printed as text, never as terminal control.
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
