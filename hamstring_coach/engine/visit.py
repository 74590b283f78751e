"""One visit of a phase: its anchor, its (adjustable) length, pause and sounds.

A helper of :mod:`hamstring_coach.engine.machine`. The *anchor* is the clock time
the visit started, moved on by every pause, so the deadline is always
``anchor + duration`` and the time in the phase ``now - anchor``: computed
from the clock, never counted.

A phase's :class:`~hamstring_coach.plan.timeline.SoundCue` offsets count from its
start against its scheduled length. When the person adds or takes time
(``Engine.adjust``), the countdown must still land in the last seconds, so
offsets are mapped onto the new length:

- ``TICK`` cues, and any cue at the very end, keep their distance to the end;
- ``HALFWAY`` stays at the same fraction of the phase;
- every other cue keeps its distance to the start.

Cues that fall before the point already reached are dropped (never played
late). A tick already played that moves into the future (time was added)
is armed again, so the countdown is heard before the new end.
"""

from __future__ import annotations

from collections.abc import Iterator

from hamstring_coach.plan.timeline import Phase, Sound, SoundCue


def effective_offset(cue: SoundCue, scheduled: float | None, duration: float | None) -> float:
    """Where ``cue`` falls in a phase scheduled for ``scheduled`` s that now lasts ``duration``."""
    if scheduled is None or duration is None:  # a wait: offsets count from its start
        return max(cue.offset, 0.0)
    if duration == scheduled:
        return min(max(cue.offset, 0.0), duration)
    if _end_anchored(cue, scheduled):
        offset = duration - (scheduled - cue.offset)
    elif cue.sound is Sound.HALFWAY and scheduled > 0:
        offset = cue.offset * duration / scheduled
    else:
        offset = cue.offset
    return min(max(offset, 0.0), duration)


def _end_anchored(cue: SoundCue, scheduled: float | None) -> bool:
    return cue.sound is Sound.TICK or (scheduled is not None and cue.offset >= scheduled)


class Visit:
    """The engine's current stay in one phase, from its start (or restart) to its end."""

    __slots__ = ("_played", "_queue", "anchor", "duration", "paused_at", "phase")

    def __init__(self, phase: Phase, anchor: float, *, paused_at: float | None = None) -> None:
        self.phase = phase
        self.anchor = anchor  # clock time the visit started, moved on by pauses
        self.duration = phase.duration  # None for a wait; changed by adjust()
        self.paused_at = paused_at  # clock time of the pause in force, if any
        self._played: set[int] = set()
        # (offset, cue index), latest first, so the next due is popped from the end.
        self._queue = sorted(((effective_offset(c, phase.duration, phase.duration), i)
                              for i, c in enumerate(phase.sounds)), reverse=True)

    @property
    def deadline(self) -> float | None:
        """The clock time a timed phase ends; None for a wait."""
        return None if self.duration is None else self.anchor + self.duration

    def elapsed(self, now: float) -> float:
        """Seconds spent in the phase by clock time ``now``, pauses excluded."""
        return max((self.paused_at if self.paused_at is not None else now) - self.anchor, 0.0)

    def resume(self, now: float) -> float:
        """End the pause at ``now``; returns how long it lasted."""
        paused = now - self.paused_at if self.paused_at is not None else 0.0
        self.anchor += paused
        self.paused_at = None
        return paused

    def due(self, until: float) -> Iterator[tuple[float, Sound]]:
        """Pop the cues due by clock time ``until``: ``(scheduled clock time, sound)``."""
        queue = self._queue
        while queue and self.anchor + queue[-1][0] <= until:
            offset, index = queue.pop()
            self._played.add(index)
            yield self.anchor + offset, self.phase.sounds[index].sound

    def adjust(self, seconds: float, now: float, min_remaining: float) -> float:
        """Lengthen (or shorten) a timed visit, leaving at least ``min_remaining``.

        Returns the change actually made (0 for a wait, or when less is left).
        """
        if self.duration is None:
            return 0.0
        elapsed = self.elapsed(now)
        new = max(self.duration + seconds, min(self.duration, elapsed + min_remaining))
        change, self.duration = new - self.duration, new
        if change:
            self._rearm(elapsed)
        return change

    def _rearm(self, elapsed: float) -> None:
        """Map the cues onto the new duration, ``elapsed`` seconds into the visit."""
        scheduled = self.phase.duration
        queue: list[tuple[float, int]] = []
        for index, cue in enumerate(self.phase.sounds):
            offset = effective_offset(cue, scheduled, self.duration)
            if index not in self._played:
                if offset >= elapsed:
                    queue.append((offset, index))
            elif _end_anchored(cue, scheduled) and offset > elapsed:
                queue.append((offset, index))
        queue.sort(reverse=True)
        self._queue = queue
