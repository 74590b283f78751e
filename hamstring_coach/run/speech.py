"""What ``--voice`` says: one function, :func:`speech_for`, for every engine event.

The run (:class:`~hamstring_coach.run.session_run.SessionRun`) asks it for
each event and hands the words to the player's ``say``; what is said is
decided here only. Pure: no I/O, no speech engine.
"""

from __future__ import annotations

from hamstring_coach.engine.events import Event, Finished, PhaseStarted
from hamstring_coach.plan.timeline import PhaseKind

SESSION_COMPLETE = "Session complete"
SWITCH_SIDES = "Switch sides"


def speech_for(event: Event) -> str | None:
    """The words for ``event``, or None when it is left to the beeps.

    A phase start says its name: the exercise and "Get ready" before it,
    "Hold", "Stretch", "Work" or "Set" as the work begins, "Switch sides",
    "Rest", a cue's own text, and in a superset "Next: <exercise>" as the change
    to the next exercise begins. Tempo phases have their tones instead.
    The end of the session says "Session complete".
    """
    if isinstance(event, Finished):
        return SESSION_COMPLETE
    if not isinstance(event, PhaseStarted):
        return None
    phase = event.phase
    if phase.position.tempo_count:
        return None
    if phase.kind is PhaseKind.PREPARE and phase.exercise:
        return f"{phase.exercise.name}. {phase.label}"
    if phase.kind is PhaseKind.SWITCH:
        return SWITCH_SIDES
    if phase.kind is PhaseKind.CUE:
        return phase.text or phase.label
    if phase.kind is PhaseKind.BETWEEN and phase.exercise:
        return f"Next: {phase.exercise.name}"
    return phase.label
