"""The half-way mark of a hold or timed work: where it sits, and the notice once reached.

A phase is marked when the plan gave it a HALFWAY sound (``halfway:`` in the
file, holds and timed work of 30 s or more by default). The session screen
draws the mark across the phase's bar (:mod:`~hamstring_coach.tui.widgets.strip`)
for the whole phase and, for :data:`NOTICE_SECONDS` from the moment it is
reached, says :data:`NOTICE` under the countdown. Computed from the engine's
state alone, so it follows ``+``/``-`` (the point stays at the same fraction
of the phase, as its sound does), pauses and restarts. Pure: no Textual.
"""

from __future__ import annotations

import math

from hamstring_coach.engine.machine import Engine
from hamstring_coach.plan.timeline import Phase, Sound

NOTICE = "Half way"
NOTICE_SECONDS = 3.0  # engine seconds the notice stays


def mark_fraction(phase: Phase) -> float | None:
    """Where in ``phase`` its half-way mark sits (0..1), or None when it has none."""
    if not phase.duration or phase.duration <= 0:
        return None
    for cue in phase.sounds:
        if cue.sound is Sound.HALFWAY:
            return min(1.0, max(0.0, cue.offset / phase.duration))
    return None


def _point(engine: Engine) -> float | None:
    """Seconds into the current phase at which its half-way falls, or None."""
    phase, duration = engine.phase, engine.phase_duration()
    fraction = mark_fraction(phase) if phase is not None else None
    if fraction is None or duration is None:
        return None
    return fraction * duration


def notice_on(engine: Engine) -> bool:
    """True from the half-way point for :data:`NOTICE_SECONDS`."""
    point = _point(engine)
    return point is not None and point <= engine.phase_elapsed() < point + NOTICE_SECONDS


def to_notice_change(engine: Engine) -> float:
    """Engine seconds until the notice appears or goes (``inf``: it will not change)."""
    point = _point(engine)
    if point is None:
        return math.inf
    elapsed = engine.phase_elapsed()
    ahead = [t - elapsed for t in (point, point + NOTICE_SECONDS) if t > elapsed]
    return min(ahead, default=math.inf)
