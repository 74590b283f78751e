"""What ``--voice`` says: one function, :func:`speech_for`, for every engine event.

The run (:class:`~hamstring_coach.run.session_run.SessionRun`) asks it for
each event and hands the words to the player's ``say``; what is said is
decided here only. Pure: no I/O, no speech engine.
"""

from __future__ import annotations

from hamstring_coach.engine.events import Event, Finished, PhaseStarted, SoundDue
from hamstring_coach.plan.timeline import Phase, PhaseKind, Sound
from hamstring_coach.textfmt import plural

SESSION_COMPLETE = "Session complete"
SWITCH_SIDES = "Switch sides"
HALF_WAY = "Half way"


def set_words(phase: Phase) -> str:
    """A set of reps as it begins: ``Set 2 of 3: 8 reps``, with the side of an each-side set.

    ``Round 2 of 3`` in a superset; ``8 reps`` alone for a single set.
    """
    at = phase.position
    reps = plural(at.rep_count, "rep")
    noun = "Round" if at.rounds else "Set"
    words = f"{noun} {at.set_no} of {at.set_count}: {reps}" if at.set_count > 1 else reps
    return f"{words}, {at.side} side" if at.side else words


def speech_for(event: Event) -> str | None:
    """The words for ``event``, or None when it is left to the beeps.

    A phase start says its name: the exercise and "Get ready" before it,
    "Hold", "Stretch" or "Work" as the work begins, "Switch sides", "Rest",
    a cue's own text, and in a superset "Next: <exercise>" as the change to
    the next exercise begins. A set of reps says which set and how many reps
    as its first rep begins (:func:`set_words`); the rest of its tempo phases
    have their tones instead. A hold or timed work marked half-way says
    "Half way" there. The end of the session says "Session complete".
    """
    if isinstance(event, Finished):
        return SESSION_COMPLETE
    if isinstance(event, SoundDue):
        return HALF_WAY if event.sound is Sound.HALFWAY else None
    if not isinstance(event, PhaseStarted):
        return None
    phase = event.phase
    at = phase.position
    if at.tempo_count:
        return set_words(phase) if at.rep_no == 1 and at.tempo_index == 0 else None
    if phase.kind is PhaseKind.SET:
        return set_words(phase)
    if phase.kind is PhaseKind.PREPARE and phase.exercise:
        return f"{phase.exercise.name}. {phase.label}"
    if phase.kind is PhaseKind.SWITCH:
        return SWITCH_SIDES
    if phase.kind is PhaseKind.CUE:
        return phase.text or phase.label
    if phase.kind is PhaseKind.BETWEEN and phase.exercise:
        return f"Next: {phase.exercise.name}"
    return phase.label
