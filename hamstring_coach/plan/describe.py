"""A step in words: what ``show``, ``progress`` and the exercise list print for it.

``describe_step`` gives the one line a step asks for (``3 × 10 each side @
4-1-1-0``), from its sets, sides, work and tempo; ``tempo_text`` and
``reps_text`` are its parts. ``effective_tempo`` is the tempo as performed
(0 s phases dropped), which the compiler also builds a rep's phases from.
Pure: nothing here reads a clock or a file.
"""

from __future__ import annotations

from dataclasses import replace

from hamstring_coach.format.model import (
    CueStep,
    ExerciseStep,
    RestStep,
    Sides,
    Step,
    TempoKind,
    TempoPhase,
    WorkKind,
)
from hamstring_coach.format.tempo import FOUR_FIELDS, in_order, is_four_fields
from hamstring_coach.textfmt import plural, secs


def effective_tempo(step: ExerciseStep) -> tuple[TempoPhase, ...]:
    """The tempo phases actually performed, in that order (0 s phases dropped; empty =
    self-paced)."""
    return tuple(p for p in in_order(step.tempo or (), step.start) if p.seconds > 0)


def lift_first(step: ExerciseStep) -> bool:
    """True when the step performs its four-field tempo from the lift (``start: lift``)."""
    return step.start is TempoKind.LIFT and is_four_fields(step.tempo or ())


def tempo_text(tempo: tuple[TempoPhase, ...]) -> str:
    """A tempo as the four-field ``E-B-C-T`` notation when it is one, else its phases.

    ``"4-1-1-0"`` or ``"Drive up 1 s · Squeeze 2 s · Lower 3 s"``.
    """
    fields = [0.0, 0.0, 0.0, 0.0]
    slot = 0
    for phase in tempo:
        while slot < 4 and (phase.label, phase.kind) != FOUR_FIELDS[slot]:
            slot += 1
        if slot == 4:
            return " · ".join(f"{p.label} {secs(p.seconds)} s" for p in tempo)
        fields[slot] = phase.seconds
        slot += 1
    return "-".join(secs(f) for f in fields)


def reps_text(step: ExerciseStep, *, written: bool) -> str:
    """The reps of a step: ``10``; a range as written ``8–12``, as run ``9 (8–12)``."""
    if step.rep_range is None:
        return str(step.reps or 0)
    low, high = step.rep_range
    return f"{low}–{high}" if written else f"{step.reps or 0} ({low}–{high})"


def describe_step(step: Step, *, written: bool = False) -> str:
    """One line saying what a step asks for, as ``show`` prints it.

    ``"3 × 10 each side @ 4-1-1-0"``, ``"3 × 30 s hold each side"``,
    ``"2 × 30 s"``, ``"3 × 12, own pace"``, ``"rest 60 s"``, ``"cue, waits for you"``.
    A reps range reads ``3 × 8–12`` ``written`` (the file), else ``3 × 9 (8–12)``.
    """
    if isinstance(step, RestStep):
        return f"rest {secs(step.seconds)} s"
    if isinstance(step, CueStep):
        return "cue, waits for you" if step.duration is None else f"cue, {secs(step.duration)} s"
    sets = f"{step.sets} × " if step.sets != 1 else ""
    each = " each side" if step.sides is Sides.EACH else ""
    if step.work is WorkKind.HOLD:
        return f"{sets}{secs(step.hold or 0.0)} s hold{each}"
    if step.work is WorkKind.DURATION:
        return f"{sets}{secs(step.duration or 0.0)} s{each}"
    if sets:
        reps = f"{sets}{reps_text(step, written=written)}{each}"
    elif step.rep_range is not None and written:
        reps = f"{reps_text(step, written=True)} reps{each}"
    else:
        span = f" ({reps_text(step, written=True)})" if step.rep_range else ""
        reps = plural(step.reps or 0, "rep") + span + each
    if not effective_tempo(step):
        return f"{reps}, own pace"
    # the tempo as written (its 0 s phases too), so "3-1-1-0" reads back as "3-1-1-0"
    order = ", lift first" if lift_first(step) else ""
    return f"{reps} @ {tempo_text(step.tempo or ())}{order}"


def one_round(step: ExerciseStep) -> str:
    """What one round of a superset asks of ``step`` (``10 reps @ 4-1-1-0``)."""
    return describe_step(replace(step, sets=1))
