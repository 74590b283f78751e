"""The desk-break scheduler: when the next stretch break is due, and today's tally.

Pure: no Textual, no I/O. Time comes from an injected monotonic ``clock``
(``time.monotonic`` in the app, a fake clock in tests). The countdown is
computed, never counted: ``remaining()`` is a deadline minus ``clock()``,
so a late or missed UI tick changes nothing and a change of the wall clock
or of daylight saving time cannot move a break. The wall clock is only
used, through the injected ``today`` function, to decide which day the
tally belongs to (it starts at zero on a new day; a clock set back across
midnight does not bring back yesterday).

States: ``WAITING`` (counting down to the next break), ``DUE`` (the break
is due; the person starts it, snoozes it or skips it), ``IN_SESSION``
(the break session is running on the coaching screen), ``PAUSED`` (for a
meeting: the countdown stands still until the pause ends by itself or is
resumed) and ``OFF_HOURS`` (outside the working hours, if any are set: no
break comes due; when they begin the countdown starts a full interval).
Working hours are read on the injected ``wall`` clock (local, aware
datetimes); pauses and the countdown on the monotonic ``clock``.

A break is counted when its session ends, not when it starts: ``taken``
when at least one set of it was completed (not skipped), else ``skipped``
(started, then quit at once or every set skipped).

Time away from the desk (see :meth:`BreakScheduler.away`):

- away for at least one interval (``every``) counts as a break taken, kind
  ``away``, and the countdown restarts from the return;
- a shorter absence is not a break, but it is not sitting either: the
  countdown stands still while away and carries on from where it stood.
  On Linux ``time.monotonic`` already stands still during a suspend, so a
  short suspend needs no correction; time that the clock did count (a
  locked screen, or a platform whose monotonic clock runs during sleep) is
  passed as ``clock_counted`` and moves the deadline later by that much.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable
from enum import StrEnum

from hamstring_coach.engine.hours import WorkingHours
from hamstring_coach.system.records import frozen


class BreakState(StrEnum):
    """Where the break cycle stands."""

    WAITING = "waiting"  # counting down to the next break
    DUE = "due"  # a break is due: start, snooze or skip it
    IN_SESSION = "in-session"  # the break session is running
    PAUSED = "paused"  # paused for a while (a meeting); resumes by itself
    OFF_HOURS = "off-hours"  # outside working hours: no break comes due


class BreakKind(StrEnum):
    """What happened to a break; the values are what the history stores."""

    TAKEN = "taken"  # the break session ended with at least one set completed
    SNOOZED = "snoozed"  # put off by the snooze time
    SKIPPED = "skipped"  # dismissed, or its session ended with no set completed
    AWAY = "away"  # away from the desk (suspend, lock) for a whole interval


@frozen
class BreakDue:
    """The countdown reached zero: alert the person (sound, bell, notification)."""

    at: float  # clock time the scheduler noticed it
    scheduled: float  # clock time it was due
    snoozes: int  # snoozes already used on this break


@frozen
class BreakCounted:
    """A break was taken, snoozed, skipped or spent away; the history records it."""

    kind: BreakKind
    at: float  # clock time
    day: _dt.date  # the day whose tally it went to


BreakEvent = BreakDue | BreakCounted


@frozen
class DayCounts:
    """Today's tally. ``away`` breaks are also breaks taken, shown apart."""

    day: _dt.date
    taken: int = 0
    snoozed: int = 0
    skipped: int = 0
    away: int = 0

    def plus(self, kind: BreakKind) -> DayCounts:
        """These counts with one more ``kind``."""
        return DayCounts(
            self.day,
            self.taken + (kind is BreakKind.TAKEN),
            self.snoozed + (kind is BreakKind.SNOOZED),
            self.skipped + (kind is BreakKind.SKIPPED),
            self.away + (kind is BreakKind.AWAY),
        )


def _local_now() -> _dt.datetime:
    return _dt.datetime.now().astimezone()


class SnoozeRefused(Exception):
    """Snoozing is not possible now; the message says why, for the person."""


class BreakScheduler:
    """Decides when breaks are due; the UI calls the methods and renders the state.

    Every action queues the events it causes; :meth:`poll` returns them
    (and notices a break coming due), in order, like ``Engine.advance``.
    """

    def __init__(
        self,
        *,
        every: float,
        clock: Callable[[], float],
        snooze: float = 300.0,
        max_snoozes: int | None = None,
        today: Callable[[], _dt.date] = _dt.date.today,
        counts: DayCounts | None = None,
        hours: WorkingHours | None = None,
        wall: Callable[[], _dt.datetime] | None = None,
    ) -> None:
        """``counts``: today's tally so far (from the history), kept if it is today's.

        ``hours``: working hours (None: always); ``wall``: the local wall clock.
        """
        if every <= 0 or snooze <= 0:
            raise ValueError("every and snooze must be positive")
        if max_snoozes is not None and max_snoozes < 0:
            raise ValueError("max_snoozes must be 0 or more")
        self.every = every
        self.snooze_seconds = snooze
        self.max_snoozes = max_snoozes
        self._clock = clock
        self._today = today
        self.state = BreakState.WAITING
        self.started_at = clock()  # clock time the current countdown started
        self.deadline = self.started_at + every
        self.snoozes = 0  # snoozes used on the current break
        day = today()
        self._counts = counts if counts is not None and counts.day == day else DayCounts(day)
        self._events: list[BreakEvent] = []
        self.hours = hours
        self._wall = wall if wall is not None else _local_now
        self.paused_until: float | None = None  # clock time a pause ends
        self._paused_left = 0.0  # the countdown's remaining time when paused
        self._sync()

    # -- reading -------------------------------------------------------------
    def now(self) -> float:
        """The scheduler's clock."""
        return self._clock()

    def remaining(self) -> float:
        """Seconds to the next break (0 unless waiting); never negative."""
        self._sync()
        if self.state is not BreakState.WAITING:
            return 0.0
        return max(0.0, self.deadline - self._clock())

    def overdue(self) -> float:
        """Seconds since the break came due (0 unless ``DUE``)."""
        if self.state is not BreakState.DUE:
            return 0.0
        return max(0.0, self._clock() - self.deadline)

    @property
    def counts(self) -> DayCounts:
        """Today's tally (zero again once the wall-clock day has moved on).

        The day only moves forward: a clock set back across midnight (or the
        hour repeated when daylight saving time ends) keeps today's tally.
        """
        day = self._today()
        if day > self._counts.day:
            self._counts = DayCounts(day)
        return self._counts

    @property
    def snoozes_left(self) -> int | None:
        """Snoozes still allowed on this break (None: unlimited)."""
        if self.max_snoozes is None:
            return None
        return max(0, self.max_snoozes - self.snoozes)

    @property
    def snoozed(self) -> bool:
        """True while waiting out a snooze (rather than a full interval)."""
        return self.state is BreakState.WAITING and self.snoozes > 0

    def pause_left(self) -> float:
        """Seconds until a pause ends by itself (0 unless paused)."""
        self._sync()
        if self.state is not BreakState.PAUSED or self.paused_until is None:
            return 0.0
        return max(0.0, self.paused_until - self._clock())

    def paused_countdown(self) -> float:
        """Where the countdown stands during a pause (what it carries on from)."""
        return self._paused_left if self.state is BreakState.PAUSED else self.remaining()

    def until_hours(self) -> float:
        """Real seconds until working hours begin (0 inside them, or with none set)."""
        if self.hours is None:
            return 0.0
        return self.hours.seconds_until_start(self._wall())

    def next_start_text(self) -> str:
        """``Mon 09:00``: when working hours next begin ("" with none set)."""
        if self.hours is None:
            return ""
        return f"{self.hours.next_start(self._wall()):%a %H:%M}"

    def poll(self) -> list[BreakEvent]:
        """Everything that happened since the last call; notices a break coming due."""
        self.poll_due()
        events, self._events = self._events, []
        return events

    # -- actions -------------------------------------------------------------
    def snooze(self) -> None:
        """Put a due break off by the snooze time; raises SnoozeRefused when not allowed."""
        self.poll_due()
        if self.state is not BreakState.DUE:
            raise SnoozeRefused("No break is due yet.")
        left = self.snoozes_left
        if left is not None and left <= 0:
            used = "once" if self.snoozes == 1 else f"{self.snoozes} times"
            if self.max_snoozes == 0:
                raise SnoozeRefused("Snoozing is off: start the break or skip it.")
            raise SnoozeRefused(f"Already snoozed {used}: start the break or skip it.")
        now = self._clock()
        self.snoozes += 1
        self.state = BreakState.WAITING
        self.deadline = now + self.snooze_seconds
        self._count(BreakKind.SNOOZED, now)

    def skip(self) -> None:
        """Skip the due break (counted); the countdown starts again from now."""
        self.poll_due()
        if self.state is not BreakState.DUE:
            raise ValueError("no break is due")
        now = self._clock()
        self._count(BreakKind.SKIPPED, now)
        self._restart(now)

    def start(self) -> None:
        """Start the break session: due, or early (counted when it ends); ends a pause."""
        if self.state is BreakState.IN_SESSION:
            raise ValueError("the break session is already running")
        self.paused_until = None
        self.state = BreakState.IN_SESSION

    def pause_for(self, seconds: float) -> None:
        """Pause for ``seconds`` (a meeting): no break comes due; resumes by itself.

        The countdown stands still and carries on from where it stood (a
        break that was due is due again). Pausing while paused sets a new end.
        """
        if not math.isfinite(seconds) or seconds <= 0:
            raise ValueError("pause for more than 0 s")
        self._sync()
        if self.state is BreakState.IN_SESSION:
            raise SnoozeRefused("The break session is running.")
        now = self._clock()
        if self.state is not BreakState.PAUSED:
            self._paused_left = (max(0.0, self.deadline - now)
                                 if self.state is BreakState.WAITING else 0.0)
            if self.state is BreakState.OFF_HOURS:
                self._paused_left = self.every
        self.state = BreakState.PAUSED
        self.paused_until = now + seconds

    def resume(self) -> None:
        """End a pause now."""
        if self.state is not BreakState.PAUSED:
            raise SnoozeRefused("Not paused.")
        self._unpause(self._clock())
        self._sync()

    def finish(self, *, taken: bool) -> None:
        """The break session ended (finished or quit): back to waiting a full interval.

        ``taken``: at least one set of it was completed; the break counts as
        taken, else as skipped.
        """
        if self.state is not BreakState.IN_SESSION:
            raise ValueError("no break session is running")
        now = self._clock()
        self._count(BreakKind.TAKEN if taken else BreakKind.SKIPPED, now)
        self._restart(now)

    def away(self, seconds: float, *, clock_counted: float = 0.0) -> bool:
        """The person was away (machine asleep, screen locked) for ``seconds``, just now.

        ``clock_counted`` is how much of that time this scheduler's clock
        counted (0 for a suspend under Linux's ``time.monotonic``; all of it
        for a locked screen). Returns True when it counted as a break.
        While the break session runs nothing changes: the session pauses
        itself on a suspend.
        """
        if seconds < 0 or clock_counted < 0:
            raise ValueError("away time must be >= 0")
        self._sync()
        if self.state in (BreakState.IN_SESSION, BreakState.OFF_HOURS, BreakState.PAUSED):
            return False
        now = self._clock()
        if seconds >= self.every:
            self._count(BreakKind.AWAY, now)
            self._restart(now)
            return True
        # Not a break, not sitting either: the countdown stood still while away.
        if self.state is BreakState.WAITING:
            self.deadline += clock_counted
        return False

    # -- helpers -------------------------------------------------------------
    def poll_due(self) -> None:
        """Move to ``DUE`` if the deadline has passed (the event still comes from poll)."""
        self._sync()
        now = self._clock()
        if self.state is BreakState.WAITING and now >= self.deadline:
            self.state = BreakState.DUE
            self._events.append(BreakDue(now, self.deadline, self.snoozes))

    def _sync(self) -> None:
        """End a pause that ran out; step into or out of working hours."""
        until = self.paused_until
        if self.state is BreakState.PAUSED and until is not None and self._clock() >= until:
            self._unpause(until)
        if self.hours is None or self.state in (BreakState.IN_SESSION, BreakState.PAUSED):
            return
        inside = self.hours.contains(self._wall())
        if self.state is BreakState.OFF_HOURS and inside:
            self._restart(self._clock())
        elif not inside and self.state is not BreakState.OFF_HOURS:
            self.state = BreakState.OFF_HOURS
            self.snoozes = 0

    def _unpause(self, at: float) -> None:
        self.paused_until = None
        self.state = BreakState.WAITING
        self.deadline = at + self._paused_left

    def _restart(self, now: float) -> None:
        self.state = BreakState.WAITING
        self.started_at = now
        self.deadline = now + self.every
        self.snoozes = 0

    def _count(self, kind: BreakKind, at: float) -> None:
        counts = self.counts.plus(kind)
        self._counts = counts
        self._events.append(BreakCounted(kind, at, counts.day))
