"""The words of errors and warnings: how each begins, and how one fits in 80 columns.

Every line the program writes to stderr about something that went wrong
begins the same way, ``hamstring-coach COMMAND: ...`` (``hamstring-coach:``
for the picker, which has no command): :func:`error_line` is the one place
that lays it out, for every command and for the screens after they close.

A warning about a file (the history not saved, the settings unreadable) is
a :class:`Notice`: the problem first, then the file in brackets, with the
path shortened (``~`` for the home folder, then middle folders as ``…``) so
the whole fits in :data:`NOTICE_WIDTH` columns, or left out when even its
name would not fit; :meth:`Notice.fit` lays it out again for a narrower
place (a line on stderr after ``hamstring-coach run:``). The problem itself
is never cut: its words are kept short instead.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path, PurePath

PROGRAM = "hamstring-coach"
# A warning read in the session's top bar at 80 columns (after "⚠ "), and in toasts.
NOTICE_WIDTH = 76
TERMINAL_WIDTH = 80  # a line on stderr is meant to fit this
ELLIPSIS = "…"


def error_line(command: str | None, *parts: object) -> str:
    """``hamstring-coach COMMAND: part: part``, one line (a line break is shown as ``\\n``).

    A :class:`Notice` as the last part is laid out again for the columns left
    of :data:`TERMINAL_WIDTH`, so the problem and its file fit on the line.
    """
    head = f"{PROGRAM} {command}" if command else PROGRAM
    texts = [_one_line(str(part)) for part in (head, *parts) if str(part)]
    last = parts[-1] if parts else None
    if isinstance(last, Notice) and len(texts) > 1:
        used = columns(": ".join(texts[:-1])) + 2
        texts[-1] = _one_line(last.fit(TERMINAL_WIDTH - used))
    return ": ".join(texts)


def print_error(command: str | None, *parts: object, status: int = 2) -> int:
    """Write :func:`error_line` to stderr; returns ``status`` (the command's exit status)."""
    print(error_line(command, *parts), file=sys.stderr)
    return status


def print_warning(command: str | None, *parts: object) -> None:
    """Write a warning to stderr, begun like every error (see :func:`error_line`)."""
    print(error_line(command, *parts), file=sys.stderr)


def _one_line(text: str) -> str:
    return text.replace("\r", "\\r").replace("\n", "\\n")


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes (wide East Asian letters take two)."""
    return sum(0 if unicodedata.combining(char) else
               2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` terminal columns (see :func:`columns`)."""
    return text + " " * max(0, width - columns(text))


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` columns, its end replaced by ``…`` when cut."""
    if columns(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        size = columns(char)
        if used + size > width - 1:
            break
        out.append(char)
        used += size
    return "".join(out).rstrip() + ELLIPSIS


def home_relative(path: str | PurePath) -> str:
    """``path`` with the home folder written as ``~``."""
    text = str(path)
    home = os.path.expanduser("~")
    if home not in ("", "/", "~") and (text == home or text.startswith(home.rstrip("/") + "/")):
        return "~" + text[len(home.rstrip("/")):]
    return text


def short_path(path: str | PurePath, width: int) -> str:
    """``path`` in at most ``width`` columns: ``~`` for home, then middle folders as ``…``.

    The file's name and the first folder stay as long as they fit:
    ``/home/u/.local/share/hamstring-coach/history.sqlite3`` at 30 columns is
    ``~/.local/…/history.sqlite3``. A name too long even alone is cut at its end.
    """
    text = home_relative(path)
    if columns(text) <= width:
        return text
    parts = text.split("/")
    head, middle, name = parts[:2], parts[2:-1], parts[-1]
    if len(parts) >= 3:
        # Drop folders from the middle, next to the first one first: those
        # nearest the file's name stay longest.
        while middle:
            middle.pop(0)
            candidate = "/".join([*head, ELLIPSIS, *middle, name])
            if columns(candidate) <= width:
                return candidate
        candidate = "/".join([*head[:1], ELLIPSIS, name])
        if columns(candidate) <= width:
            return candidate
    return _cut(ELLIPSIS + "/" + name if len(parts) > 1 else name, width)


class Notice(str):
    """A warning about a file: ``problem (path)``, the path shortened to fit.

    It is a ``str`` (the text for :data:`NOTICE_WIDTH` columns), so it goes
    wherever a warning goes; :attr:`problem` and :attr:`path` stay, so
    :func:`fit` can lay it out again for a narrower place.
    """

    problem: str
    path: str | None

    def __new__(cls, problem: str, path: str | PurePath | None = None,
                width: int = NOTICE_WIDTH) -> Notice:
        """The notice for ``problem`` about the file at ``path`` (None: no file)."""
        full = None if path is None else str(path)
        notice = super().__new__(cls, _layout(problem, full, width))
        notice.problem = problem
        notice.path = full
        return notice

    def fit(self, width: int) -> str:
        """The notice laid out again for ``width`` columns (the problem kept first)."""
        return _layout(self.problem, self.path, width)


def _layout(problem: str, path: str | None, width: int) -> str:
    """``problem (path)`` in ``width`` columns, the path shortened, or the problem alone."""
    if path is None:
        return problem
    room = width - columns(problem) - 3  # " (" and ")"
    if room < columns(Path(path).name) + 2:  # not even "…/NAME": the problem alone
        return problem
    return f"{problem} ({short_path(path, room)})"
