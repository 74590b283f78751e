"""The programme file (COACHING.md section 5): which session on which day.

```yaml
name: Twelve weeks of hamstrings
start: 2026-12-07        # the day week 1 begins
weeks: 12                # optional; without it the programme repeats forever
days:
  mon: tone
  thu: strengthen-lengthen
  daily: activation      # every day (a list for twice a day)
deload: [4, 8, 12]       # weeks with fewer sets and no progression
```

Checked as strictly as a session file, by the same composer (marks on every
node): every problem is ``FILE:LINE:COL: key.path: message``, unknown keys get
a suggestion, and an unknown session id, an unknown weekday, a start that is
not a date and a deload week past ``weeks`` are errors at their line.

The calendar is pure date arithmetic on :class:`Programme` (calendar days,
never hours, so a daylight-saving change moves nothing): week ``n`` is the
seven days from ``start + 7 (n - 1)``. :meth:`Programme.is_deload` is the
hook the progression uses (COACHING.md section 5: a deload week halves the
sets and neither advances nor counts stalls).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Collection
from datetime import date, timedelta
from pathlib import Path

from hamstring_coach.format.errors import Problem, SessionFileError
from hamstring_coach.format.nodes import Node, Scalar, Seq
from hamstring_coach.format.source import document, read_bytes
from hamstring_coach.format.values import Checker, join, suggest
from hamstring_coach.system.records import frozen

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAILY = "daily"
DAY_KEYS = (*WEEKDAYS, DAILY)
TOP_KEYS = ("name", "description", "start", "weeks", "days", "deload")
PROGRAMME_FILE_NAME = "programme.yaml"
MAX_WEEKS = 520  # ten years: a typo such as weeks: 12000 is an error, not a huge calendar
MAX_PER_DAY = 6
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WHAT = "a programme file is a mapping with name, start and days"
_FULL_NAMES = {"monday": "mon", "tuesday": "tue", "wednesday": "wed", "thursday": "thu",
               "friday": "fri", "saturday": "sat", "sunday": "sun", "everyday": DAILY,
               "every-day": DAILY}


@frozen
class Programme:
    """A valid programme: what is due on which calendar day."""

    name: str
    start: date  # the first day of week 1
    weekly: tuple[tuple[str, ...], ...]  # per weekday (Monday = 0): session ids, in order
    daily: tuple[str, ...] = ()  # due every day, before the weekday's sessions
    weeks: int | None = None  # None: repeats forever
    deload: frozenset[int] = frozenset()
    description: str = ""
    source: Path | None = None

    @property
    def end(self) -> date | None:
        """The first day after the last week (None when it repeats forever)."""
        return None if self.weeks is None else self.start + timedelta(weeks=self.weeks)

    def week_of(self, day: date) -> int | None:
        """The programme week (1, 2, ...) of ``day``; None before the start or after the end."""
        if day < self.start:
            return None
        week = (day - self.start).days // 7 + 1
        return None if self.weeks is not None and week > self.weeks else week

    def week_days(self, week: int) -> tuple[date, ...]:
        """The seven days of programme week ``week``."""
        first = self.start + timedelta(weeks=week - 1)
        return tuple(first + timedelta(days=i) for i in range(7))

    def is_deload(self, day: date) -> bool:
        """Whether ``day`` falls in a deload week of the programme (the progression's hook)."""
        week = self.week_of(day)
        return week is not None and week in self.deload

    def due_on(self, day: date) -> tuple[str, ...]:
        """The session ids due on ``day`` (daily first), empty outside the programme."""
        if self.week_of(day) is None:
            return ()
        return self.daily + self.weekly[day.weekday()]

    def sessions(self) -> tuple[str, ...]:
        """Every session id the programme names, once, in the order first written."""
        found = [*self.daily, *(s for day in self.weekly for s in day)]
        return tuple(dict.fromkeys(found))

    def per_week(self) -> dict[str, int]:
        """How many times a week each session is due."""
        counts: dict[str, int] = {}
        for sid in [*self.daily * 7, *(s for day in self.weekly for s in day)]:
            counts[sid] = counts.get(sid, 0) + 1
        return counts


def deload_sets(sets: int) -> int:
    """An exercise's sets in a deload week: half, rounded up (COACHING.md section 5)."""
    return (sets + 1) // 2


def load_programme(path: str | Path, known: Collection[str]) -> Programme:
    """Load and check a programme file; ``known`` is every session id ``list`` shows.

    Raises :class:`SessionFileError` with every problem found. Only a regular
    file is opened (a FIFO or a device is refused before it is read).
    """
    path = Path(path)
    shown = str(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise SessionFileError([Problem(shown, 1, 1, "(file)", "no such file")]) from None
    except OSError as error:
        raise SessionFileError([Problem(shown, 1, 1, "(file)",
                                        f"cannot read: {error.strerror or error}")]) from None
    if stat.S_ISDIR(mode):
        raise SessionFileError([Problem(shown, 1, 1, "(file)",
                                        "is a folder, not a programme file")])
    if not stat.S_ISREG(mode):
        raise SessionFileError([Problem(shown, 1, 1, "(file)",
                                        "is not a regular file (a FIFO, socket or device)")])
    return parse_programme(read_bytes(path, shown), shown, known, source=path.resolve())


def parse_programme(data: bytes, shown: str, known: Collection[str], *,
                    source: Path | None = None) -> Programme:
    """Check a programme file's bytes (``shown`` names it in problems)."""
    root, problems = document(data, shown, _WHAT)
    checker = Checker(shown)
    checker.problems.extend(problems)
    entries = root.entries
    checker.keys(root, "", TOP_KEYS, "a programme file",
                 hints={"steps": " (this looks like a session file)"})
    name = None
    if "name" in entries:
        name = checker.text(entries["name"].value, "name")
    else:
        checker.add(root, "name", 'a programme needs a "name"')
    description = ""
    if "description" in entries:
        description = checker.text(entries["description"].value, "description",
                                  empty_ok=True) or ""
    start = None
    if "start" in entries:
        start = _date(checker, entries["start"].value, "start")
    else:
        checker.add(root, "start", 'a programme needs a "start", the day week 1 begins '
                                   "(YYYY-MM-DD)")
    weeks = None
    if "weeks" in entries:
        weeks = checker.count(entries["weeks"].value, "weeks")
        if weeks is not None and weeks > MAX_WEEKS:
            checker.add(entries["weeks"].value, "weeks",
                        f"at most {MAX_WEEKS} weeks (leave weeks out to repeat forever)")
            weeks = None
    weekly: list[tuple[str, ...]] = [() for _ in WEEKDAYS]
    daily: tuple[str, ...] = ()
    if "days" in entries:
        daily = _days(checker, entries["days"].value, known, weekly)
    else:
        checker.add(root, "days", 'a programme needs "days", such as {mon: tone, thu: full}')
    deload: frozenset[int] = frozenset()
    if "deload" in entries:
        deload = _deload(checker, entries["deload"].value, weeks)
    if checker.problems:
        raise SessionFileError(sorted(checker.problems, key=lambda p: (p.line, p.col)))
    assert name is not None and start is not None
    return Programme(name=name.strip(), start=start, weekly=tuple(weekly), daily=daily,
                     weeks=weeks, deload=deload, description=description.strip(),
                     source=source)



def _date(checker: Checker, node: Node, path: str) -> date | None:
    if (not isinstance(node, Scalar) or node.invalid or node.value is None
            or isinstance(node.value, bool | int | float)):
        checker.wrong(node, path, "a date such as 2026-12-07")
        return None
    text = node.text
    if not _DATE.match(text.strip()):
        checker.add(node, path, f'"{text}" is not a date; write it as YYYY-MM-DD, such as '
                                "2026-12-07")
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        checker.add(node, path, f'"{text}" is not a date: {error}')
        return None


def _days(checker: Checker, node: Node, known: Collection[str],
          weekly: list[tuple[str, ...]]) -> tuple[str, ...]:
    body = checker.mapping(node, "days", "a mapping of weekday (mon ... sun, daily) to "
                                         "session ids")
    if body is None:
        return ()
    daily: tuple[str, ...] = ()
    for key, entry in body.entries.items():
        path = join("days", key)
        if key not in DAY_KEYS:
            near = _FULL_NAMES.get(key.strip().lower()) or (
                key.strip().lower() if key.strip().lower() in DAY_KEYS else None)
            hint = f'; did you mean "{near}"?' if near else suggest(key, DAY_KEYS)
            checker.add(entry.key, path, f'unknown weekday "{key}"{hint} (days are '
                                         f"{', '.join(DAY_KEYS)})")
            continue
        ids = _session_ids(checker, entry.value, path, known)
        if key == DAILY:
            daily = ids
        else:
            weekly[WEEKDAYS.index(key)] = ids
    if not body.entries:
        checker.add(body, "days", "a programme needs at least one day with a session")
    return daily


def _session_ids(checker: Checker, node: Node, path: str,
                 known: Collection[str]) -> tuple[str, ...]:
    items: list[tuple[Node, str]]
    if isinstance(node, Seq):
        if not node.items:
            checker.add(node, path, "an empty list: name a session id, or leave the day out")
        if len(node.items) > MAX_PER_DAY:
            checker.add(node, path, f"at most {MAX_PER_DAY} sessions a day")
            return ()
        items = [(item, join(path, i)) for i, item in enumerate(node.items)]
    else:
        items = [(node, path)]
    found: list[str] = []
    for item, where in items:
        text = checker.text(item, where)
        if text is None:
            continue
        sid = text.strip()
        if sid not in known:
            checker.add(item, where, f'unknown session id "{sid}"' + suggest(sid, known)
                        + " (see: hamstring-coach list)")
            continue
        found.append(sid)
    return tuple(found)


def _deload(checker: Checker, node: Node, weeks: int | None) -> frozenset[int]:
    items = node.items if isinstance(node, Seq) else [node] if isinstance(node, Scalar) \
        else None
    if items is None:
        checker.wrong(node, "deload", "a list of week numbers such as [4, 8, 12]")
        return frozenset()
    found: set[int] = set()
    for i, item in enumerate(items):
        where = join("deload", i) if isinstance(node, Seq) else "deload"
        week = checker.count(item, where, 1, "a week number, 1 or more")
        if week is None:
            continue
        if weeks is not None and week > weeks:
            checker.add(item, where, f"week {week} is past the end of the programme "
                                     f"(weeks: {weeks})")
            continue
        found.add(week)
    return frozenset(found)
