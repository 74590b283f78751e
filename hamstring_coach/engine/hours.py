"""Working hours: the days and the time of day when breaks come due.

Pure: the local wall-clock time is passed in (an aware ``datetime`` in the
person's zone), nothing here reads a clock. ``mon-fri,09:00-17:30`` means
Monday to Friday, from 09:00 to 17:30 local time; the end is not inside.
Days may be a range (``mon-fri``, ``fri-mon`` wraps round the week), a list
(``mon+wed+fri``) or one day; times are 24-hour ``HH:MM`` and the end is
after the start (no shift across midnight).

Durations between two wall-clock moments are taken in UTC: Python subtracts
two datetimes that share a zone by their wall-clock readings, which is an
hour wrong across a daylight-saving change.
"""

from __future__ import annotations

import datetime as _dt

from hamstring_coach.system.records import frozen

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class HoursError(ValueError):
    """A working-hours text that cannot be read; the message says why."""


@frozen
class WorkingHours:
    """Which weekdays (0 = Monday) and which local times breaks come due."""

    days: frozenset[int]
    start: _dt.time
    end: _dt.time

    def contains(self, now: _dt.datetime) -> bool:
        """True when ``now`` (local wall clock) is inside working hours."""
        return now.weekday() in self.days and self.start <= now.time() < self.end

    def next_start(self, now: _dt.datetime) -> _dt.datetime:
        """The next moment working hours begin after ``now`` (``now`` itself if it is one)."""
        for offset in range(8):
            day = now.date() + _dt.timedelta(days=offset)
            if day.weekday() not in self.days:
                continue
            begin = _at(now, day, self.start)
            if begin >= now:
                return begin
        raise AssertionError("a week always holds a working day")  # days is never empty

    def seconds_until_start(self, now: _dt.datetime) -> float:
        """Real seconds from ``now`` to :meth:`next_start` (0 while inside)."""
        if self.contains(now):
            return 0.0
        return seconds_between(now, self.next_start(now))

    def text(self) -> str:
        """``mon-fri 09:00-17:30``: how the status and the screen say it."""
        return f"{_days_text(self.days)} {self.start:%H:%M}-{self.end:%H:%M}"


def seconds_between(earlier: _dt.datetime, later: _dt.datetime) -> float:
    """Real seconds between two aware datetimes (right across daylight saving)."""
    utc = _dt.UTC
    return (later.astimezone(utc) - earlier.astimezone(utc)).total_seconds()


def _at(now: _dt.datetime, day: _dt.date, time: _dt.time) -> _dt.datetime:
    """``day`` at ``time`` in ``now``'s zone; a time skipped by a clock change moves on."""
    naive = _dt.datetime.combine(day, time)
    if now.tzinfo is None:
        return naive
    local = naive.replace(tzinfo=now.tzinfo)
    # Round-trip through UTC: a wall time that does not exist (spring forward)
    # comes back as the moment just after the gap.
    return local.astimezone(_dt.UTC).astimezone(now.tzinfo)


def _days_text(days: frozenset[int]) -> str:
    ordered = sorted(days)
    if len(ordered) > 2 and ordered == list(range(ordered[0], ordered[-1] + 1)):
        return f"{DAY_NAMES[ordered[0]]}-{DAY_NAMES[ordered[-1]]}"
    return "+".join(DAY_NAMES[d] for d in ordered)


def _day(name: str) -> int:
    key = name.strip().lower()[:3]
    if key not in DAY_NAMES or not name.strip().isalpha():
        raise HoursError(f"{name.strip()!r} is not a day (mon, tue, wed, thu, fri, sat, sun)")
    return DAY_NAMES.index(key)


def _time(text: str) -> _dt.time:
    parts = text.strip().split(":")
    if len(parts) != 2 or not all(p.isdigit() and len(p) <= 2 for p in parts):
        raise HoursError(f"{text.strip()!r} is not a time like 09:00")
    hour, minute = int(parts[0]), int(parts[1])
    if hour == 24 and minute == 0:
        return _dt.time.max
    if hour > 23 or minute > 59:
        raise HoursError(f"{text.strip()!r} is not a time of day")
    return _dt.time(hour, minute)


def parse_hours(text: str) -> WorkingHours:
    """``mon-fri,09:00-17:30`` -> WorkingHours; raises HoursError with the reason."""
    if len(text) > 100:
        raise HoursError("too long")
    days_text, sep, times_text = text.partition(",")
    if not sep:
        raise HoursError("give days and times, e.g. mon-fri,09:00-17:30")
    days: set[int] = set()
    for part in days_text.split("+"):
        first, dash, last = part.partition("-")
        if not dash:
            days.add(_day(first))
            continue
        a, b = _day(first), _day(last)
        days.update((a + i) % 7 for i in range((b - a) % 7 + 1))
    start_text, dash, end_text = times_text.partition("-")
    if not dash:
        raise HoursError("give a start and an end time, e.g. 09:00-17:30")
    start, end = _time(start_text), _time(end_text)
    if end <= start:
        raise HoursError("the end time must be after the start time (same day)")
    return WorkingHours(frozenset(days), start, end)
