"""Time away from the keyboard: idle sources behind a protocol, and what an absence is.

Pure: a source says whether it can be used here and, when asked, how long
the person has not touched the keyboard or mouse; the real ones (tmux, X11,
logind, Wayland) live in :mod:`hamstring_coach.system.idle`, tests use fakes.
:func:`choose` takes the first usable source in order and keeps why each
earlier one was passed over (``break --check`` prints it).

:class:`AbsenceTracker` turns readings into absences: once the idle time
reaches ``threshold`` the person is away since their last input; the first
reading after they are back (idle time below the threshold again) reports
how long they were away, from their last input before to their first input
after. The scheduler then counts it like a suspend
(:meth:`~hamstring_coach.engine.break_scheduler.BreakScheduler.away`): as long
as an interval it is a break taken, shorter it pauses the countdown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from hamstring_coach.system.records import frozen

AWAY_AFTER = 120.0  # seconds without input before the person counts as away


class IdleSource(Protocol):
    """Somewhere that knows how long the person has been idle."""

    name: str  # "tmux client_activity", for the person

    def unavailable(self) -> str | None:
        """None when this source can be used here, else why not."""

    def idle_seconds(self) -> float | None:
        """Seconds since the last input now, or None when it could not be read."""


@frozen
class IdleChoice:
    """The source used (None: none here) and why each earlier one was passed over."""

    source: IdleSource | None
    passed: tuple[tuple[str, str], ...]  # (name, reason)


def choose(sources: Sequence[IdleSource]) -> IdleChoice:
    """The first source in order that can be used here."""
    passed: list[tuple[str, str]] = []
    for source in sources:
        reason = source.unavailable()
        if reason is None:
            return IdleChoice(source, tuple(passed))
        passed.append((source.name, reason))
    return IdleChoice(None, tuple(passed))


class AbsenceTracker:
    """Readings of idle time in, absences out (see the module's notes)."""

    def __init__(self, threshold: float = AWAY_AFTER) -> None:
        if threshold <= 0:
            raise ValueError("threshold must be positive")
        self.threshold = threshold
        self.away_since: float | None = None  # clock time of the last input before leaving

    @property
    def away(self) -> bool:
        """True while the person is away (the last reading was idle long enough)."""
        return self.away_since is not None

    def observe(self, idle: float | None, now: float) -> float | None:
        """One reading (``idle`` seconds at clock time ``now``); the absence just ended, if any.

        A failed reading (None) changes nothing.
        """
        if idle is None or idle < 0:
            return None
        last_input = now - idle
        if idle >= self.threshold:
            if self.away_since is None or last_input < self.away_since:
                self.away_since = last_input
            return None
        if self.away_since is None:
            return None
        length = max(0.0, last_input - self.away_since)
        self.away_since = None
        return length if length >= self.threshold else None


# Read a source at most this often (seconds): the waiting screen wakes each
# second in the last minute, and a reading may run a command (tmux, loginctl).
MIN_READ_GAP = 20.0


class IdleWatch:
    """A source read on an injected clock through an :class:`AbsenceTracker`."""

    def __init__(self, source: IdleSource, clock: Callable[[], float],
                 threshold: float = AWAY_AFTER, min_gap: float = MIN_READ_GAP) -> None:
        self.source = source
        self.clock = clock
        self.tracker = AbsenceTracker(threshold)
        self.min_gap = min_gap
        self.reads = 0
        self._last_read: float | None = None

    def check(self) -> float | None:
        """Read the source (at most every ``min_gap`` s); seconds away if the person
        just came back, else None."""
        now = self.clock()
        if self._last_read is not None and now - self._last_read < self.min_gap:
            return None
        self._last_read = now
        self.reads += 1
        return self.tracker.observe(self.source.idle_seconds(), now)
