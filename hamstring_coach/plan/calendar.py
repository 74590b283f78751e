"""A programme on the calendar: what is due on a day, what of it is done, what was missed.

Pure: the programme (:mod:`hamstring_coach.format.programme`) and what was
done, as plain data (:data:`Done`: per calendar day, how many finished runs
of each session), go in; frozen reports come out. Days are calendar dates in
the person's own time zone, decided by whoever reads the history, so a
daylight-saving change (a 23- or 25-hour day) moves no session to another
day or week.

A session due twice on a day (``daily: [activation, activation]``) needs two
runs that day. A run on another day than the one it was due does not count
for it: COACHING.md section 5 says done means "runs of that session that day".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from hamstring_coach.format.programme import Programme
from hamstring_coach.system.records import frozen

Done = Mapping[date, Counter[str]]  # day -> session id -> finished runs that day


class Standing(StrEnum):
    """Where a day stands in the programme."""

    BEFORE = "before"  # the programme has not started yet
    ON = "on"  # the day is in one of its weeks
    ENDED = "ended"  # after its last week


@frozen
class Due:
    """One session due on one day, and whether it was done that day."""

    day: date
    session_id: str
    done: bool


@frozen
class DayReport:
    """``today``'s answer for one day."""

    day: date
    standing: Standing
    week: int | None  # the programme week, None outside it
    deload: bool
    today: tuple[Due, ...]  # due that day
    earlier: tuple[Due, ...]  # due earlier in the same programme week, done or not

    @property
    def missed(self) -> tuple[Due, ...]:
        """What was due earlier this week and not done on its day."""
        return tuple(d for d in self.earlier if not d.done)

    @property
    def rest_day(self) -> bool:
        """Nothing is due on the day itself."""
        return not self.today


def due_on(programme: Programme, day: date, done: Done) -> tuple[Due, ...]:
    """The sessions due on ``day``, each marked done when a run of it finished that day."""
    left = Counter(done.get(day, Counter()))
    found = []
    for sid in programme.due_on(day):
        ok = left[sid] > 0
        if ok:
            left[sid] -= 1
        found.append(Due(day, sid, ok))
    return tuple(found)


def day_report(programme: Programme, day: date, done: Done) -> DayReport:
    """What is due on ``day``, what of it is done, and what of its week came before."""
    week = programme.week_of(day)
    if week is None:
        standing = Standing.BEFORE if day < programme.start else Standing.ENDED
        return DayReport(day, standing, None, False, (), ())
    earlier = tuple(d for before in programme.week_days(week) if before < day
                    for d in due_on(programme, before, done))
    return DayReport(day, Standing.ON, week, week in programme.deload,
                     due_on(programme, day, done), earlier)


@frozen
class WeekTally:
    """One programme week: sessions planned and done (so far, up to a day)."""

    week: int
    first: date
    deload: bool
    planned: int  # due in the whole week
    done: int  # done on their day, up to the day asked about
    missed: int  # due before the day asked about and not done on their day
    over: bool  # the week ended before the day asked about

    @property
    def kept(self) -> bool:
        """The week is over and nothing in it was missed (a week with nothing due is kept)."""
        return self.over and self.missed == 0


def week_tallies(programme: Programme, up_to: date, done: Done) -> list[WeekTally]:
    """Every programme week that has begun by ``up_to``, oldest first."""
    last = programme.week_of(up_to)
    if last is None:
        if up_to < programme.start or programme.weeks is None:
            return []
        last = programme.weeks
    tallies = []
    for week in range(1, last + 1):
        days = programme.week_days(week)
        planned = sum(len(programme.due_on(d)) for d in days)
        marks = [m for d in days if d <= up_to for m in due_on(programme, d, done)]
        missed = sum(1 for m in marks if not m.done and m.day < up_to)
        tallies.append(WeekTally(week, days[0], week in programme.deload, planned,
                                 sum(m.done for m in marks), missed, days[-1] < up_to))
    return tallies


def weeks_kept(tallies: list[WeekTally]) -> int:
    """The streak in programme weeks: consecutive weeks kept, back from the latest.

    The week still running counts once everything due in it is done; until
    then it continues the streak without breaking it, unless a session in it
    was already missed (like the history's streak of ISO weeks).
    """
    streak = 0
    for index, tally in enumerate(reversed(tallies)):
        if tally.kept or (not tally.over and tally.missed == 0
                          and tally.done >= tally.planned):
            streak += 1
        elif index == 0 and not tally.over and tally.missed == 0:
            continue  # this week is not over: it can still be kept
        else:
            break
    return streak
