"""The current prescription: a replay of a session's runs through its ``progress:`` rules.

Pure and deterministic (COACHING.md section 3): the same session and history
always give the same prescription, and nothing is written back anywhere. For
each exercise with a rule, the replay starts from the file as written and
takes the runs oldest first:

- a run that did not reach the exercise, or skipped every set of it, changes
  nothing; so does a run in a programme's deload week;
- a *success* (:func:`judge`: every planned set and side done, none skipped,
  each at the target, the last set's reps in reserve and every set's pain
  within the gate) grows the rule by one step, up to its top;
- anything else is a *stall*; ``deload.after`` stalls in a row take
  ``deload.by`` off the load (a whole number of load steps, at least one) or
  go back one step, and the count starts again;
- a :class:`Reset` puts the exercise back as written.

Every prescription comes with one line saying why (:mod:`hamstring_coach.plan.reasons`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

import hamstring_coach.plan.reasons as reasons
from hamstring_coach.format.loads import load_text, parse_load
from hamstring_coach.format.model import ExerciseStep, Progress, RuleKind, Session, WorkKind
from hamstring_coach.plan.outcomes import (
    ExerciseKey,
    ExerciseOutcome,
    History,
    Reset,
    exercise_keys,
)
from hamstring_coach.system.records import frozen

HELD_TOLERANCE = 0.5  # seconds: a hold timed to its end may be a hair short in floats


@frozen
class Level:
    """Where an exercise's rule stands: its target values and the stalls in a row."""

    reps: int | None
    load: float | None  # in the rule's load unit
    seconds: float | None  # hold, duration or the tempo phase's seconds
    stalls: int = 0
    at_top: bool = False  # the top was reached and succeeded at


@frozen
class Verdict:
    """How one run did on one exercise: a success, or the first thing that fell short."""

    success: bool
    why: str  # "all 3 sets reached 8, last set 2 in reserve" / "set 3 reached 7"


@frozen
class ExercisePrescription:
    """What one exercise step asks for next time, and why."""

    step_index: int
    key: ExerciseKey
    written: ExerciseStep
    next: ExerciseStep
    reason: str
    stalls: int = 0
    suggest: str | None = None  # a harder catalogue entry (``then:``) to try
    reached: bool = False  # a run (since the last reset) reached the exercise

    @property
    def changed(self) -> bool:
        """True when next time differs from the file as written."""
        return self.next != self.written


@frozen
class Prescription:
    """A session as it will run next time: the steps with their prescriptions applied."""

    written: Session
    session: Session
    exercises: tuple[ExercisePrescription, ...]

    def of(self, step_index: int) -> ExercisePrescription | None:
        """The prescription of one step (None for cues, rests and steps with no rule)."""
        return next((e for e in self.exercises if e.step_index == step_index), None)


def start_level(step: ExerciseStep) -> Level:
    """The level of ``step`` as written."""
    rule = step.progress
    load = parse_load(step.load)
    seconds: float | None = None
    if rule is not None and rule.kind is RuleKind.TEMPO:
        seconds = next((p.seconds for p in step.tempo or () if p.label == rule.phase), None)
    elif step.work is WorkKind.HOLD:
        seconds = step.hold
    elif step.work is WorkKind.DURATION:
        seconds = step.duration
    return Level(step.reps, load.amount if load else None, seconds)


def apply_level(step: ExerciseStep, level: Level) -> ExerciseStep:
    """``step`` with the level's targets in place of the written values."""
    rule = step.progress
    if rule is None:
        return step
    changes: dict[str, object] = {}
    if level.reps is not None and step.work is WorkKind.REPS:
        changes["reps"] = level.reps
    if rule.kind is RuleKind.LOAD and level.load is not None and rule.load is not None:
        changes["load"] = load_text(level.load, rule.load.unit)
    if level.seconds is not None:
        if rule.kind is RuleKind.HOLD:
            changes["hold"] = level.seconds
        elif rule.kind is RuleKind.DURATION:
            changes["duration"] = level.seconds
        elif rule.kind is RuleKind.TEMPO and step.tempo:
            changes["tempo"] = tuple(
                dataclasses.replace(p, seconds=level.seconds) if p.label == rule.phase else p
                for p in step.tempo)
    return dataclasses.replace(step, **changes) if changes else step  # type: ignore[arg-type]


def judge(step: ExerciseStep, level: Level, outcome: ExerciseOutcome) -> Verdict:
    """Did this run succeed at ``level``? Every set and side at the target, and the gate."""
    rule = step.progress
    sides: tuple[str | None, ...] = ("left", "right") if step.sides.value == "each" else (None,)
    rows = {(s.set_no, s.side): s for s in outcome.sets}
    for set_no in range(1, step.sets + 1):
        for side in sides:
            row = rows.get((set_no, side))
            where = reasons.where(set_no, side, step.sets)
            if row is None:
                return Verdict(False, f"{where} was not done")
            if row.skipped:
                cut = "skipped" if step.work is WorkKind.REPS else "cut short"
                return Verdict(False, f"{where} was {cut}")
            short = _short(step, level, row.reps_done if row.reps_done is not None else row.reps,
                           row.seconds, row.load_done if row.load_done is not None else row.load)
            if short:
                return Verdict(False, f"{where} {short}")
    gate = rule.gate if rule is not None else None
    last = [rows[(step.sets, side)] for side in sides]
    answered = [r.rir for r in last if r.rir is not None]
    rir = min(answered) if answered else None
    if step.work is not WorkKind.REPS:
        rir = None  # reps in reserve mean nothing for a hold or timed work
    if gate is not None and rir is not None and rir < gate.rir:
        return Verdict(False, f"last set {reasons.rir_text(rir)} in reserve (needs {gate.rir})")
    if gate is not None and gate.pain is not None:
        for row in outcome.sets:
            if row.pain is not None and row.pain > gate.pain:
                where = reasons.where(row.set_no, row.side, step.sets)
                return Verdict(False, f"{where} hurt {row.pain}/10 (limit {gate.pain})")
    return Verdict(True, reasons.all_reached(step, level.reps, level.seconds, rir))


def _short(step: ExerciseStep, level: Level, reps: int | None, seconds: float | None,
           load: str | None) -> str:
    """Why one set fell short of ``level`` ("reached 7", "held 20 s of 25 s"), or ""."""
    rule = step.progress
    if step.work is WorkKind.REPS:
        if level.reps is not None and reps is not None and reps < level.reps:
            return f"reached {reps}"
        if rule is not None and rule.kind is RuleKind.LOAD and rule.load and load is not None:
            used = parse_load(load)
            if (used is not None and used.unit == rule.load.unit and level.load is not None
                    and used.amount < level.load - 1e-9):
                return f"was at {used}"
        return ""
    if level.seconds is not None and seconds is not None \
            and seconds < level.seconds - HELD_TOLERANCE:
        return reasons.held_short(step, seconds, level.seconds)
    return ""


def advance(step: ExerciseStep, level: Level) -> Level:
    """The level after a success: one step up, up to the rule's top."""
    rule = step.progress
    assert rule is not None
    if rule.kind is RuleKind.LOAD:
        reps, load = level.reps, level.load
        if step.rep_range is not None and reps is not None and reps < step.rep_range[1]:
            return Level(reps + 1, load, level.seconds)
        assert load is not None
        if rule.up_to is not None and load >= rule.up_to - 1e-9:
            return dataclasses.replace(level, stalls=0, at_top=True)
        top = rule.up_to if rule.up_to is not None else math.inf
        bottom = step.rep_range[0] if step.rep_range else reps
        return Level(bottom, round(min(load + rule.step, top), 3), level.seconds)
    if rule.kind is RuleKind.REPS:
        assert level.reps is not None
        top = step.rep_range[1] if step.rep_range else int(rule.up_to or level.reps)
        if level.reps >= top:
            return dataclasses.replace(level, stalls=0, at_top=True)
        return Level(min(level.reps + int(rule.step), top), level.load, level.seconds)
    assert level.seconds is not None and rule.up_to is not None
    if level.seconds >= rule.up_to - 1e-9:
        return dataclasses.replace(level, stalls=0, at_top=True)
    return Level(level.reps, level.load, round(min(level.seconds + rule.step, rule.up_to), 3))


def deload(step: ExerciseStep, level: Level) -> Level:
    """The level after ``deload.after`` stalls: lighter, or one step back (not below the start)."""
    rule = step.progress
    assert rule is not None
    start = start_level(step)
    if rule.kind is RuleKind.LOAD:
        assert level.load is not None
        steps = max(1, round(level.load * rule.deload.by / rule.step))
        return Level(level.reps, round(max(0.0, level.load - steps * rule.step), 3),
                     level.seconds)
    if rule.kind is RuleKind.REPS:
        assert level.reps is not None and start.reps is not None
        return Level(max(start.reps, level.reps - int(rule.step)), level.load, level.seconds)
    assert level.seconds is not None and start.seconds is not None
    return Level(level.reps, level.load,
                 round(max(start.seconds, level.seconds - rule.step), 3))


def replay(step: ExerciseStep, key: ExerciseKey,
           history: History) -> tuple[Level, str, bool]:
    """The level of ``step`` after every run in ``history`` (oldest first), why, and
    whether any run (since the last reset) reached it."""
    level = start_level(step)
    rule = step.progress
    reached = False
    if rule is None:
        return level, "as written (no progress rule)", reached
    # Only the last event's reason is shown: each is worded when the replay is over.
    reason = _said("as written: no run reached it yet")
    for item in history:
        if isinstance(item, Reset):
            if item.exercise is None or item.exercise == key[0]:
                level, reached = start_level(step), False
                reason = _said(f"as written since the reset on {item.at.date().isoformat()}")
            continue
        outcome = item.of(key)
        if outcome is None or all(s.skipped for s in outcome.sets):
            continue  # not reached, or skipped as a whole: changes nothing
        reached = True
        if item.deload:
            reason = _deload_week(step, rule, level)
            continue
        level, reason = _step(step, rule, level, judge(step, level, outcome))
    return level, reason(), reached


def _said(text: str) -> Callable[[], str]:
    return lambda: text


def _deload_week(step: ExerciseStep, rule: Progress, level: Level) -> Callable[[], str]:
    return lambda: f"stays {reasons.brief(apply_level(step, level), rule)}: deload week"


def _step(step: ExerciseStep, rule: Progress, level: Level,
          verdict: Verdict) -> tuple[Level, Callable[[], str]]:
    """The level after one run's verdict, and how to say why."""
    if verdict.success:
        after = advance(step, level)
        return after, lambda: reasons.success(step, rule, apply_level(step, after),
                                              after.at_top, verdict.why)
    stalls = level.stalls + 1
    if stalls >= rule.deload.after:
        lighter = deload(step, level)
        return lighter, lambda: reasons.deloaded(apply_level(step, lighter), rule, stalls)
    return (dataclasses.replace(level, stalls=stalls, at_top=False),
            lambda: f"stays {reasons.brief(apply_level(step, level), rule)}: {verdict.why} "
                    f"(stall {stalls} of {rule.deload.after})")


def prescribe(session: Session, history: History, *, deload_week: bool = False) -> Prescription:
    """Next time's session: every exercise's rule replayed over ``history`` (oldest first).

    ``deload_week`` (from a programme): each exercise runs half its sets,
    rounded up, at its current level (COACHING.md section 5).
    """
    session = session.as_written
    keys = exercise_keys(session)
    steps = list(session.steps)
    found: list[ExercisePrescription] = []
    for index, key in keys.items():
        step = steps[index]
        assert isinstance(step, ExerciseStep)
        if step.progress is None and not deload_week:
            continue
        level, reason, reached = replay(step, key, history)
        nxt = apply_level(step, level)
        suggest = step.progress.then if step.progress is not None and level.at_top else None
        if deload_week:
            sets = math.ceil(step.sets / 2)
            nxt = dataclasses.replace(nxt, sets=sets)
            reason = f"deload week: {sets} of {step.sets} sets, no progression"
        steps[index] = nxt
        found.append(ExercisePrescription(index, key, step, nxt, reason, level.stalls, suggest,
                                          reached))
    prescribed = dataclasses.replace(session, steps=tuple(steps), written=session)
    return Prescription(session, prescribed, tuple(found))


def as_written(session: Session) -> Prescription:
    """The prescription ``run --as-written`` uses: the file as it is."""
    return Prescription(session, session, ())


__all__ = ["ExercisePrescription", "Level", "Prescription", "Progress", "Verdict",
           "advance", "apply_level", "as_written", "deload", "judge", "prescribe", "replay",
           "start_level"]
