"""The history read against a programme: what was done on which day, per programme week.

The adapter between the SQLite history and the pure calendar
(:mod:`hamstring_coach.plan.calendar`):

- a session counts as done on the LOCAL day its chain (a run and its
  ``run --resume`` continuations) started, at the offset recorded with it
  (as the weekly figures count), once its last run finished; a session quit
  half-way is not done;
- working sets (see :mod:`hamstring_coach.history.setgroups`) count in the
  programme week of the local day they were done.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from hamstring_coach.format.programme import Programme
from hamstring_coach.history.records import HistoryData
from hamstring_coach.history.setgroups import data_groups
from hamstring_coach.history.stats import GUIDED_FUNCTIONS, chains
from hamstring_coach.plan.calendar import WeekTally, week_tallies, weeks_kept
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.records import frozen


def done_by_day(data: HistoryData) -> dict[date, Counter[str]]:
    """Finished sessions per local day and session id."""
    done: dict[date, Counter[str]] = defaultdict(Counter)
    for runs in chains(data).values():
        if runs[-1].status == RunStatus.FINISHED:
            done[runs[0].started_at.date()][runs[0].session_id] += 1
    return dict(done)


@frozen
class ProgrammeWeek:
    """One programme week as the history and the stats screen show it."""

    tally: WeekTally
    sets: dict[str, int]  # working sets done per guided function


def programme_weeks(programme: Programme, data: HistoryData,
                    up_to: date) -> list[ProgrammeWeek]:
    """Every programme week begun by ``up_to``: sessions planned and done, sets done."""
    tallies = week_tallies(programme, up_to, done_by_day(data))
    sets: dict[int, Counter[str]] = defaultdict(Counter)
    for group in data_groups(data):
        week = programme.week_of(group.done_at.date())
        if group.completed and week is not None:
            sets[week].update(f for f in group.function if f in GUIDED_FUNCTIONS)
    return [ProgrammeWeek(t, {f: sets[t.week][f] for f in GUIDED_FUNCTIONS})
            for t in tallies]


def programme_streak(programme: Programme, data: HistoryData, up_to: date) -> int:
    """Programme weeks kept in a row, back from the week of ``up_to``."""
    return weeks_kept(week_tallies(programme, up_to, done_by_day(data)))
