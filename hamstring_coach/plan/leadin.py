"""Where a resumed run starts, and the get-ready it starts with.

A run is resumed at the start of its interrupted set, or after the last set
it ended (see :mod:`hamstring_coach.history.resume`). Coming back to it, a
rest, a side switch or a superset's change of exercise before that set
means nothing any more (the break was the rest), so :func:`resume_start`
goes past them and past the exercise's own get-ready (a rest step of its
own stays: it is often an instruction); the run then opens
with :func:`lead_in`, a get-ready countdown that is not in the timeline and
says where the session picks up: "Resuming Tone and build, round 2 of 4".
Pure: no clock, no I/O.
"""

from __future__ import annotations

from hamstring_coach.format.model import ExerciseStep
from hamstring_coach.plan.compiler import phase_sounds
from hamstring_coach.plan.timeline import Phase, PhaseKind, Position, Timeline

# The get-ready of a resumed run whose exercise has none (``prepare: 0``), or
# that resumes at a cue or a rest step.
LEAD_IN_SECONDS = 5.0
# Between an exercise's sets and sides; a rest step of its own (an instruction,
# often: "set up the leg-curl machine") is kept.
PASSED_ON_RESUME = frozenset({PhaseKind.REST, PhaseKind.SWITCH, PhaseKind.BETWEEN,
                              PhaseKind.PREPARE})
SETUP_KINDS = frozenset({PhaseKind.PREPARE, PhaseKind.BETWEEN})  # they carry setup cues


def resume_start(timeline: Timeline, index: int) -> int:
    """The phase a run resumed at ``index`` starts with: the next one that is not an
    exercise's rest, switch, between or get-ready (``index`` when only those are left)."""
    phases = timeline.phases
    start = index
    while (start < len(phases) and phases[start].kind in PASSED_ON_RESUME
           and phases[start].exercise is not None):
        start += 1
    return start if start < len(phases) else index


def lead_in(timeline: Timeline, index: int) -> Phase | None:
    """The get-ready before phase ``index`` of a resumed run (None past the last phase).

    Its text says the session and the set (round in a superset, side when
    each side is done) it picks up at; when the exercise's own get-ready (or a
    superset's change to it) is just before, that one's setup cues follow. Its length is the
    exercise's ``prepare`` (:data:`LEAD_IN_SECONDS` without one), its ticks
    the exercise's countdown.
    """
    if not 0 <= index < len(timeline.phases):
        return None
    target = timeline.phases[index]
    session = timeline.session
    step = session.steps[target.step_index] if 0 <= target.step_index < len(
        session.steps) else None
    exercise = step if isinstance(step, ExerciseStep) else None
    seconds = float(exercise.prepare) if exercise is not None and exercise.prepare > 0 \
        else LEAD_IN_SECONDS
    countdown = exercise.countdown if exercise is not None else 3
    at = target.position
    text = f"Resuming {session.name}"
    if at.set_no and at.set_count > 1:
        text += f", {'round' if at.rounds else 'set'} {at.set_no} of {at.set_count}"
    if at.side:
        text += f", {at.side} side"
    before = timeline.phases[index - 1] if index > 0 else None
    if (before is not None and before.kind in SETUP_KINDS
            and before.step_index == target.step_index and before.text):
        text += f" · {before.text}"
    return Phase(index=index, kind=PhaseKind.PREPARE, label="Get ready", duration=seconds,
                 start=target.start, step_index=target.step_index, text=text,
                 exercise=target.exercise,
                 position=Position(set_no=at.set_no, set_count=at.set_count, side=at.side,
                                   rounds=at.rounds),
                 sounds=phase_sounds(None, seconds, countdown))
