"""A year at a glance: the last 52 weeks as a grid of days (no I/O, no Textual).

Seven rows (Monday to Sunday), one column per week, the current week on the
right, a month initial above the first week of each month. Each day:

- ``■`` (``#`` in ASCII) a session finished that day (a chain counts on the
  day it started, as everywhere in the history);
- ``▫`` (``+``) a session started but not finished;
- ``×`` (``x``) with a programme: a session was due and not done that day;
- ``·`` (``.``) nothing; a space for days still to come this week.

``history --calendar`` prints it; the stats screen shows it with ``c``.
"""

from __future__ import annotations

from datetime import date, timedelta

from hamstring_coach.format.programme import Programme
from hamstring_coach.history.programme import done_by_day
from hamstring_coach.history.progress import days_done
from hamstring_coach.history.records import HistoryData
from hamstring_coach.history.stats import monday
from hamstring_coach.plan.calendar import due_on
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.records import frozen

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


@frozen
class Marks:
    """The characters of the grid."""

    done: str
    started: str
    missed: str
    empty: str


UNICODE = Marks("■", "▫", "×", "·")
ASCII = Marks("#", "+", "x", ".")


def missed_days(programme: Programme | None, data: HistoryData, first: date,
                today: date) -> set[date]:
    """Days before today when a programme session was due and not done on its day."""
    if programme is None:
        return set()
    done = done_by_day(data)
    missed = set()
    day = first
    while day < today:
        if any(not due.done for due in due_on(programme, day, done)):
            missed.add(day)
        day += timedelta(days=1)
    return missed


def grid(data: HistoryData, today: date, *, weeks: int = 52, marks: Marks = UNICODE,
         programme: Programme | None = None) -> list[str]:
    """The grid's lines: month initials, seven day rows, then the key."""
    last = monday(today)
    mondays = [last - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    days = days_done(data)
    missed = missed_days(programme, data, mondays[0], today)
    header = "   "
    for i, start in enumerate(mondays):
        new_month = i == 0 or start.month != mondays[i - 1].month
        header += start.strftime("%b")[0] if new_month else " "
    lines = [header.rstrip()]
    for weekday, name in enumerate(DAYS):
        row = name + " "
        for start in mondays:
            day = start + timedelta(days=weekday)
            status = days.get(day)
            if day > today:
                row += " "
            elif status is RunStatus.FINISHED:
                row += marks.done
            elif status is not None:
                row += marks.started
            elif day in missed:
                row += marks.missed
            else:
                row += marks.empty
        lines.append(row.rstrip())
    finished = sum(1 for day, s in days.items()
                   if s is RunStatus.FINISHED and mondays[0] <= day <= today)
    key = (f"{marks.done} finished  {marks.started} started  "
           + (f"{marks.missed} missed  " if programme is not None else "")
           + f"{marks.empty} none")
    lines.extend([key, f"{finished} days done in {weeks} weeks"])
    return lines
