"""Small text formatting helpers shared by the commands and the TUI (no I/O)."""

from __future__ import annotations

import math
import re

# C0 controls but tab and newline, DEL and C1: what a terminal would act on.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def duration_text(seconds: float) -> str:
    """Seconds as ``m:ss`` under an hour, ``h:mm:ss`` from an hour on: the one formatter.

    The one rounding rule: to the nearest whole second, half up (Python's
    round() goes to even: 0.5 -> 0), then the hour is decided, so 3599.6 s
    reads ``1:00:00``, never ``60:00``. A running clock gives it whole
    seconds: a countdown rounded up (:func:`countdown_text`), time gone by
    rounded down (:func:`elapsed_text`). Negative input is shown with a
    leading minus so a bug is visible, not hidden.
    """
    if seconds < 0:
        return "-" + duration_text(-seconds)
    total = math.floor(seconds + 0.5)
    if total < 3600:
        return f"{total // 60}:{total % 60:02d}"
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


def countdown_text(seconds: float) -> str:
    """A countdown: whole seconds rounded up, so ``0:00`` shows only at the very end."""
    return duration_text(max(0.0, math.ceil(seconds - 1e-6)))


def elapsed_text(seconds: float) -> str:
    """Time gone by, as a stopwatch shows it: whole seconds rounded down."""
    return duration_text(max(0.0, math.floor(seconds + 1e-6)))


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
