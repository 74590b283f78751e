"""Break mode without Textual: its settings, the scheduler and sleep watch it runs on,
and the shape of the edges it reports to (the history's break log, desktop notices).

The waiting screen (tui/screens/break_wait.py) shows what the scheduler says;
tui/break_app.py builds the app around both.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from hamstring_coach.engine.break_scheduler import BreakKind, BreakScheduler, DayCounts
from hamstring_coach.engine.clock import SleepWatch
from hamstring_coach.engine.hours import WorkingHours
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.records import frozen

Clock = Callable[[], float]
RecordBreak = Callable[[BreakKind], str | None]  # returns a warning, or None when saved
Notify = Callable[[str, str], object]  # (summary, body): the desktop notification
ProgrammeNote = Callable[[], "str | None"]  # the programme's undone daily session, if any


@frozen
class BreakSettings:
    """The ``break`` command's timing options, in seconds."""

    every: float = 45 * 60.0
    snooze: float = 5 * 60.0
    max_snoozes: int | None = None
    hours: WorkingHours | None = None  # None: breaks at any time
    pause: float = 3600.0  # what p (and ctl pause without a time) pauses for


def open_scheduler(settings: BreakSettings, clock: Clock, *,
                   today: Callable[[], _dt.date] = _dt.date.today,
                   counts: DayCounts | None = None,
                   wall: Callable[[], _dt.datetime] | None = None) -> BreakScheduler:
    """The break scheduler for ``settings`` on ``clock`` (``counts``: today's so far;
    ``wall``: the local wall clock working hours are read on)."""
    return BreakScheduler(every=settings.every, snooze=settings.snooze,
                          max_snoozes=settings.max_snoozes, clock=clock, today=today,
                          counts=counts, hours=settings.hours, wall=wall)


def waiting_watch(watch: SleepWatch | bool, clock: Clock, gap: float) -> SleepWatch | None:
    """The sleep watch while waiting: the one given, one on the real clocks (True), or none.

    ``gap`` is the longest quiet time between two looks that is not a sleep.
    """
    if isinstance(watch, SleepWatch):
        return watch
    return SleepWatch(session_clock=clock, gap_threshold=gap) if watch else None


def outcome_message(status: RunStatus, taken: bool) -> str:
    """What the waiting screen says when a break session ends, matching how it is counted.

    ``taken`` is the count's rule (at least one set completed): a session
    finished with every set skipped is a skipped break, never "Break done".
    """
    if not taken:
        return "No set completed: this break counts as skipped."
    if status is RunStatus.FINISHED:
        return "Break done. Back to work!"
    return "Break ended early: it counts as taken (a set was completed)."
