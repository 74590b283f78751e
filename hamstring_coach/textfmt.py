"""Small text formatting helpers shared by the commands and the TUI (no I/O)."""

from __future__ import annotations

import math


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
