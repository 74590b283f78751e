"""Checking single values of a composed file, and :func:`parse_duration`.

A :class:`Checker` collects problems for one file; each ``check`` method
returns the value, or None after recording why it is not acceptable.
Types are strict: a boolean is never a number and a number is never text,
so a typo is reported instead of silently meaning something else.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Collection, Iterable

from hamstring_coach.format.errors import Problem
from hamstring_coach.format.nodes import Map, Node, Scalar, Seq, describe
from hamstring_coach.format.plaintext import describe_control, first_control

_NUM = r"(?:\d+(?:\.\d+)?|\.\d+)"
# The unit words a time may use, longest first (shared with the JSON Schema).
_HOURS = r"(?:hours|hour|hrs|hr|h)"
_MINUTES = r"(?:minutes|minute|mins|min|m)"
_SECONDS = r"(?:seconds|second|secs|sec|s)"
_FRACTION = r"(?:\.\d+)?"
# m:ss or h:mm:ss, as a clock shows it ("1:30", "0:45", "1:05:00").
_CLOCK = rf"\d+:[0-5]\d{_FRACTION}|\d+:[0-5]\d:[0-5]\d{_FRACTION}"
_UNITS = (rf"(?=\S)(?:{_NUM}\s*{_HOURS})?\s*(?:{_NUM}\s*{_MINUTES})?\s*"
          rf"(?:{_NUM}\s*{_SECONDS})?")
# The forms a time may take as text; shared with the JSON Schema (so no \Z here).
TIME_PATTERN = rf"^\s*(?:{_NUM}|{_CLOCK}|{_UNITS})\s*$"
_PLAIN = re.compile(rf"^\s*({_NUM})\s*\Z")
_CLOCK_PARTS = re.compile(rf"^\s*(?:(\d+):)?(\d+):([0-5]\d{_FRACTION})\s*\Z")
_UNIT_PARTS = re.compile(rf"^\s*(?:({_NUM})\s*{_HOURS})?\s*(?:({_NUM})\s*{_MINUTES})?\s*"
                         rf"(?:({_NUM})\s*{_SECONDS})?\s*\Z")
TIME_EXAMPLES = '30, "90 s", "1 min", "1m30s", "1:30" or "1 h"'


def parse_duration(value: object) -> float:
    """Seconds from a number or a text such as ``"90 s"``, ``"1 min"``, ``"1:30"``, ``"1h"``.

    The one reader of times, for every file and option: a number of seconds;
    a clock ``m:ss`` or ``h:mm:ss``; or hours, minutes and seconds in that
    order, each at most once, with the unit as a letter or a word (``h``,
    ``hr``, ``hour(s)``; ``m``, ``min(s)``, ``minute(s)``; ``s``, ``sec(s)``,
    ``second(s)``), spaces optional: ``"1m30s"``, ``"1 min 30 s"``.
    Raises ValueError (with a message fit for a user) for anything else,
    including booleans, negative, infinite and not-a-number values.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"expected a time such as {TIME_EXAMPLES}")
    if isinstance(value, str):
        seconds = _parse_time_text(value)
    else:
        try:
            seconds = float(value)
        except OverflowError:
            raise ValueError("is far too long for a time") from None
    if math.isnan(seconds):
        raise ValueError("a time must be a number of seconds, not NaN")
    if math.isinf(seconds):
        raise ValueError("a time must be finite")
    if seconds < 0:
        raise ValueError("a time must be 0 or more")
    return seconds


def _parse_time_text(text: str) -> float:
    plain = _PLAIN.match(text)
    if plain:
        return float(plain.group(1))
    clock = _CLOCK_PARTS.match(text)
    if clock:
        hours, minutes, seconds = clock.groups()
        if hours is None or (len(minutes) == 2 and int(minutes) < 60):  # h:mm:ss
            return float(hours or 0) * 3600 + float(minutes) * 60 + float(seconds)
    parts = _UNIT_PARTS.match(text)
    if not text.strip() or parts is None or not any(parts.groups()):
        shown = text if len(text) <= 30 else text[:27] + "..."
        raise ValueError(f'expected a time such as {TIME_EXAMPLES}, got "{shown}"')
    hours_, minutes_, seconds_ = (float(g) if g else 0.0 for g in parts.groups())
    return hours_ * 3600 + minutes_ * 60 + seconds_


def suggest(word: str, known: Iterable[str]) -> str:
    """``; did you mean "x"?`` for the nearest known word, or an empty string."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f'; did you mean "{close[0]}"?' if close else ""


def join(path: str, key: str | int) -> str:
    """A key path one level down: ``steps`` + 3 -> ``steps[3]``, + ``tempo`` -> ``.tempo``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Checker:
    """Collects the problems of one file and checks values against their rules."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []

    def add(self, node: Node, path: str, message: str) -> None:
        """Record a problem at ``node``."""
        self.problems.append(Problem(self.filename, node.line, node.col, path or "(file)",
                                     message))

    def wrong(self, node: Node, path: str, expected: str) -> None:
        """Record ``expected X, got Y`` unless the node was already reported."""
        if not node.invalid:
            self.add(node, path, f"expected {expected}, got {describe(node)}")

    # -- structure -------------------------------------------------------------
    def mapping(self, node: Node, path: str, what: str = "a mapping") -> Map | None:
        """The node as a mapping, or None after a problem."""
        if isinstance(node, Map):
            return node
        self.wrong(node, path, what)
        return None

    def keys(self, node: Map, path: str, allowed: Collection[str], where: str,
             hints: dict[str, str] | None = None, otherwise: str = "") -> None:
        """Report every key of ``node`` not in ``allowed``, suggesting the nearest one.

        ``hints`` gives a fixed explanation for some keys; ``otherwise`` is
        added when there is nothing better to say.
        """
        for name, entry in node.entries.items():
            if name in allowed:
                continue
            hint = (hints or {}).get(name) or suggest(name, allowed) or otherwise
            self.add(entry.key, join(path, name),
                     f'unknown key "{name}" in {where}{hint}')

    def plain(self, node: Node, path: str, text: str) -> bool:
        """True for text with no control character; else a problem naming the first.

        Control characters (ESC, the C1 range, bidi overrides, ...) would act on
        the terminal or reorder what is shown instead of being shown; a file
        that holds them is broken (see :mod:`~hamstring_coach.format.plaintext`).
        """
        at = first_control(text)
        if at is None:
            return True
        self.add(node, path, f"contains the control character {describe_control(text[at])} "
                             f"at character {at + 1}; text may not hold control characters")
        return False

    # -- scalars ---------------------------------------------------------------
    def text(self, node: Node, path: str, *, empty_ok: bool = False) -> str | None:
        """Text (a YAML string); numbers, booleans and null are refused."""
        if isinstance(node, Scalar) and isinstance(node.value, str) and not node.invalid:
            if not empty_ok and not node.value.strip():
                self.add(node, path, "must not be empty")
                return None
            if not self.plain(node, path, node.value):
                return None
            return node.value
        self.wrong(node, path, "text" + ("" if empty_ok else " (quote it if it looks "
                                         "like a number or yes/no)"))
        return None

    def texts(self, node: Node, path: str) -> tuple[str, ...] | None:
        """A text or a list of texts."""
        if isinstance(node, Seq):
            out = [self.text(item, join(path, i)) for i, item in enumerate(node.items)]
            if any(t is None for t in out):
                return None
            return tuple(t for t in out if t is not None)
        if isinstance(node, Scalar) and isinstance(node.value, str):
            return (value,) if (value := self.text(node, path)) is not None else None
        self.wrong(node, path, "text or a list of texts")
        return None

    def time(self, node: Node, path: str) -> float | None:
        """A time in seconds (number or unit string), >= 0 and finite."""
        if not isinstance(node, Scalar) or node.invalid:
            self.wrong(node, path, f"a time such as {TIME_EXAMPLES}")
            return None
        if isinstance(node.value, bool) or node.value is None:
            self.wrong(node, path, f"a time such as {TIME_EXAMPLES}")
            return None
        try:
            return parse_duration(node.value)
        except ValueError as error:
            message = str(error)
            if isinstance(node.value, int | float) and not message.startswith("expected"):
                message += f", got {node.text}"
            self.add(node, path, message)
            return None

    def count(self, node: Node, path: str, minimum: int = 1, what: str = "") -> int | None:
        """A whole number >= ``minimum`` (booleans and fractions refused)."""
        noun = what or ("a whole number of 1 or more" if minimum == 1
                        else f"a whole number of {minimum} or more")
        if (isinstance(node, Scalar) and isinstance(node.value, int)
                and not isinstance(node.value, bool) and not node.invalid):
            if node.value < minimum:
                self.add(node, path, f"must be {minimum} or more, got {node.text}")
                return None
            return node.value
        self.wrong(node, path, noun)
        return None

    def choice(self, node: Node, path: str, choices: Collection[str]) -> str | None:
        """One of ``choices`` (text)."""
        shown = ", ".join(choices)
        if isinstance(node, Scalar) and isinstance(node.value, str) and not node.invalid:
            if node.value in choices:
                return node.value
            self.add(node, path, f'"{node.value}" is not one of {shown}'
                     + suggest(node.value, choices))
            return None
        self.wrong(node, path, f"one of {shown}")
        return None
