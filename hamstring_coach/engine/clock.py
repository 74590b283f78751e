"""Clocks for the engine, and a watch that notices the machine slept.

The engine reads time only through a ``Callable[[], float]`` it is given:

- :func:`monotonic` in the app;
- :class:`ScaledClock` for ``--speed F`` (the session runs F times faster);
- :class:`FakeClock` in tests, moved by hand instead of sleeping.

:class:`SleepWatch` tells the UI that the machine was suspended, so it can
pause the session (:meth:`hamstring_coach.engine.Engine.suspended`) instead
of letting it run on, or jump, through the time the person was away.
It must watch the *real* clocks, never a scaled one: wire it like this,
on every tick and before ``engine.advance()``::

    watch = SleepWatch(session_clock=engine_clock)   # real monotonic + boottime
    ...
    slept = watch.check()
    if slept is not None:
        engine.suspended(since=slept.session_since)
    events = engine.advance()

``session_since`` is the engine's clock read at the previous check, so the
same code serves ``--speed`` (where the engine clock is a ScaledClock).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from hamstring_coach.system.records import frozen

Clock = Callable[[], float]


def monotonic() -> float:
    """Seconds on the monotonic clock (``time.monotonic``): the app's session clock."""
    return time.monotonic()


class ScaledClock:
    """A clock running ``speed`` times faster than ``base`` (for ``--speed``).

    It reads ``base()`` at construction and counts from there, so its values
    start near the base's and grow ``speed`` times as fast.
    """

    def __init__(self, speed: float, base: Clock = time.monotonic) -> None:
        if not speed > 0 or speed == float("inf"):
            raise ValueError(f"speed must be a positive number, not {speed!r}")
        self.speed = speed
        self._base = base
        self._origin = base()

    def __call__(self) -> float:
        """The scaled time."""
        return self._origin + (self._base() - self._origin) * self.speed


class FakeClock:
    """A clock for tests: stands still until moved with :meth:`advance` or :meth:`set`."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def __call__(self) -> float:
        """The current fake time."""
        return self._now

    def advance(self, seconds: float) -> float:
        """Move forward by ``seconds`` (>= 0); returns the new time."""
        if seconds < 0:
            raise ValueError("a monotonic clock cannot go back")
        self._now += seconds
        return self._now

    def set(self, t: float) -> None:
        """Jump to time ``t`` (not earlier than now)."""
        if t < self._now:
            raise ValueError("a monotonic clock cannot go back")
        self._now = t


def _platform_boottime() -> Clock | None:
    """``CLOCK_BOOTTIME`` (Linux: counts suspended time) when the platform has it."""
    clock_id = getattr(time, "CLOCK_BOOTTIME", None)
    if clock_id is None:
        return None
    try:
        time.clock_gettime(clock_id)
    except OSError:  # declared but refused by the kernel
        return None
    return lambda: time.clock_gettime(clock_id)


BOOTTIME: Clock | None = _platform_boottime()


@frozen
class Slept:
    """The machine slept (or the program was stopped) between two checks."""

    since: float  # monotonic time of the previous check (the last one before the gap)
    seconds: float  # how long it was away
    session_since: float  # the session clock at the previous check (== since without one)


class SleepWatch:
    """Notices that the machine slept, from one :meth:`check` to the next.

    Two signs, either is enough:

    - where ``boottime`` is given (Linux ``CLOCK_BOOTTIME``, the default
      there): ``boottime - monotonic`` grows by more than ``jump_threshold``.
      ``CLOCK_MONOTONIC`` stands still during suspend, ``CLOCK_BOOTTIME``
      does not, so the difference grows by exactly the time slept;
    - the monotonic time between two checks is more than ``gap_threshold``
      (``None`` turns this off). This is the only sign where there is no
      boot-time clock (monotonic clocks there count suspended time), and it
      also catches a program stopped with Ctrl-Z: both mean nobody was
      being coached. The UI ticks every 0.1-0.2 s, so 5 s is far outside
      normal jitter.

    Call ``check()`` on every tick. The clocks are injectable for tests.
    """

    def __init__(self, *, monotonic: Clock = time.monotonic,
                 boottime: Clock | None = BOOTTIME, gap_threshold: float | None = 5.0,
                 jump_threshold: float = 2.0, session_clock: Clock | None = None) -> None:
        self._monotonic = monotonic
        self._boottime = boottime
        self._gap_threshold = gap_threshold
        self._jump_threshold = jump_threshold
        self._session_clock = session_clock
        self._last: tuple[float, float, float] | None = None  # monotonic, boot offset, session

    def check(self) -> Slept | None:
        """Read the clocks; a :class:`Slept` when a sleep happened since the last check."""
        mono = self._monotonic()
        offset = self._boottime() - mono if self._boottime is not None else 0.0
        session = self._session_clock() if self._session_clock is not None else mono
        last, self._last = self._last, (mono, offset, session)
        if last is None:
            return None
        last_mono, last_offset, last_session = last
        jump = offset - last_offset
        gap = mono - last_mono
        slept = 0.0
        if self._boottime is not None and jump > self._jump_threshold:
            slept = jump  # exactly the time suspended
        if self._gap_threshold is not None and gap > self._gap_threshold:
            slept = max(slept, gap)
        if slept == 0.0:
            return None
        return Slept(since=last_mono, seconds=slept, session_since=last_session)
