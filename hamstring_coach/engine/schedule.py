"""Where things are in a timeline, precomputed once (a helper of the engine).

The engine asks these on every tick and every skip, so they are arrays
rather than sums over the phases: a 24-hour timeline has 20,000 of them.
"""

from __future__ import annotations

from hamstring_coach.plan.timeline import Timeline


class Schedule:
    """Scheduled starts (waits count 0) and step boundaries of a timeline's phases."""

    __slots__ = ("_next_step", "_starts")

    def __init__(self, timeline: Timeline) -> None:
        phases = timeline.phases
        # From the durations rather than Phase.start, so the engine's sums
        # agree with themselves to the last bit.
        self._starts = [0.0]
        for phase in phases:
            self._starts.append(self._starts[-1] + (phase.duration or 0.0))
        self._next_step = [len(phases)] * len(phases)
        for i in range(len(phases) - 2, -1, -1):
            same = phases[i + 1].step_index == phases[i].step_index
            self._next_step[i] = self._next_step[i + 1] if same else i + 1

    @property
    def total(self) -> float:
        """The timed length of the whole timeline."""
        return self._starts[-1]

    def start(self, index: int) -> float:
        """Scheduled start of phase ``index`` (``total`` for ``len(phases)``)."""
        return self._starts[index]

    def between(self, first: int, last: int) -> float:
        """Scheduled length of phases ``first`` to ``last``, both included."""
        return self._starts[last + 1] - self._starts[first]

    def after(self, index: int) -> float:
        """Scheduled length of the phases after phase ``index``."""
        return self._starts[-1] - self._starts[index + 1]

    def next_step(self, index: int) -> int:
        """Index of the first phase of the step after phase ``index``'s (or ``len(phases)``)."""
        return self._next_step[index]
