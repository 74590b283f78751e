"""The engine's time accounts of the visits already ended (a helper of the engine).

When a visit of a phase ends it is booked here by how it ended: the time it
ran (``done``, and ``wait`` for the part in waits), the scheduled time it
skipped, and the pause in force at its end, which the next visit carries on
from there. The engine adds the current visit's share on top, so its totals
hold at any moment (the two balances in :mod:`hamstring_coach.engine.machine`).
"""

from __future__ import annotations

from enum import StrEnum

from hamstring_coach.engine.visit import Visit


class VisitEnd(StrEnum):
    """How a visit of a phase ends."""

    COMPLETED = "completed"
    SKIPPED = "skipped"
    BACK = "back"  # left by back/restart: the rest will be run again


class Ledger:
    """Done, waiting, paused and skipped seconds of the visits already ended."""

    __slots__ = ("done", "paused", "skipped", "wait")

    def __init__(self) -> None:
        self.done = 0.0  # done time of visits already ended
        self.wait = 0.0  # the part of it in waits
        self.paused = 0.0  # pauses already ended (or carried into a new visit)
        self.skipped = 0.0  # scheduled time skipped over

    def close(self, visit: Visit, how: VisitEnd, *, end: float) -> tuple[float, float]:
        """Book ``visit``, ended ``how`` at clock time ``end``: its (done, skipped) seconds.

        A completed timed visit ran exactly its length; one left early ran no
        more than it. A pause in force is booked up to ``end`` and goes on from
        there in the next visit.
        """
        duration = visit.duration
        done = visit.elapsed(end)
        if duration is not None:  # a completed timed phase ran exactly its length
            done = duration if how is VisitEnd.COMPLETED else min(done, duration)
        skipped = duration - done if how is VisitEnd.SKIPPED and duration is not None else 0.0
        self.done += done
        if duration is None:
            self.wait += done
        self.skipped += skipped
        if visit.paused_at is not None:  # carried on from ``end`` by the next visit
            self.paused += end - visit.paused_at
            visit.paused_at = end
        return done, skipped
