"""The one line that says why a prescription is what it is (COACHING.md section 3).

``3 × 9 @ 40 kg: all 3 sets reached 8, last set 2 in reserve``,
``hold 25 s: both sides held 20 s``, ``stays 3 × 9: set 3 reached 7 (stall 2 of 3)``,
``deload: 36 kg after 3 stalls``, ``at the top of 8–12 @ 60 kg: try single-leg-rdl``.
The part before the colon is next time; the part after, what the last run did.
"""

from __future__ import annotations

from hamstring_coach.format.model import ExerciseStep, Progress, RuleKind, Sides, WorkKind
from hamstring_coach.textfmt import secs


def range_text(step: ExerciseStep) -> str:
    """``8–12`` for a range (an en dash, as the screen shows it), else the reps."""
    if step.rep_range is None:
        return str(step.reps or 0)
    return f"{step.rep_range[0]}–{step.rep_range[1]}"


def rir_text(rir: int) -> str:
    """Reps in reserve as answered: ``0``..``2``, and ``3+`` for "3 or more"."""
    return "3+" if rir >= 3 else str(rir)


def where(set_no: int, side: str | None, sets: int) -> str:
    """``set 3``, ``the set``, ``set 2 (right side)``, ``the right side``."""
    base = f"set {set_no}" if sets > 1 else "the set"
    if side is None:
        return base
    return f"{base} ({side} side)" if sets > 1 else f"the {side} side"


def brief(step: ExerciseStep, rule: Progress) -> str:
    """Next time in a few words: ``3 × 9 @ 40 kg``, ``hold 25 s``, ``Lower 4 s``."""
    if rule.kind is RuleKind.HOLD:
        return f"hold {secs(step.hold or 0.0)} s"
    if rule.kind is RuleKind.DURATION:
        return f"{secs(step.duration or 0.0)} s of work"
    if rule.kind is RuleKind.TEMPO:
        seconds = next((p.seconds for p in step.tempo or () if p.label == rule.phase), 0.0)
        return f"{step.sets} × {step.reps} with {rule.phase} {secs(seconds)} s"
    text = f"{step.sets} × {step.reps}" if step.sets > 1 else f"{step.reps} reps"
    return text + (f" @ {step.load}" if step.load else "")


def all_reached(step: ExerciseStep, reps: int | None, seconds: float | None,
                rir: int | None) -> str:
    """What a success at ``reps`` (or ``seconds``) did: ``all 3 sets reached 8, ...``."""
    each = step.sides is Sides.EACH
    if step.work is WorkKind.REPS:
        did = f"reached {reps if reps is not None else step.reps}"
    else:
        did = f"held {secs(seconds or 0.0)} s"
    if step.sets > 1:
        text = f"all {step.sets} sets {did}" + (" on both sides" if each else "")
    elif each:
        text = f"both sides {did}"
    else:
        text = did
    if rir is not None and step.work is WorkKind.REPS:
        text += f", last set {rir_text(rir)} in reserve"
    return text


def held_short(step: ExerciseStep, seconds: float, target: float) -> str:
    """``held 20 s of 25 s`` (a hold) or ``worked 20 s of 25 s`` (a duration)."""
    verb = "held" if step.work is WorkKind.HOLD else "worked"
    return f"{verb} {secs(round(seconds, 1))} s of {secs(target)} s"


def top_text(step: ExerciseStep, rule: Progress) -> str:
    """``the top of 8–12 @ 60 kg`` or ``the top (hold 45 s)``."""
    if rule.kind in (RuleKind.LOAD, RuleKind.REPS) and step.rep_range is not None:
        return f"the top of {range_text(step)}" + (f" @ {step.load}" if step.load else "")
    return f"the top ({brief(step, rule)})"


def success(step: ExerciseStep, rule: Progress, nxt: ExerciseStep, at_top: bool,
            why: str) -> str:
    """A success: the next step up, or the top (and the harder exercise to try)."""
    if at_top:
        return f"at {top_text(nxt, rule)}: " + (f"try {rule.then}" if rule.then else why)
    return f"{brief(nxt, rule)}: {why}"


def deloaded(nxt: ExerciseStep, rule: Progress, stalls: int) -> str:
    """``deload: 36 kg after 3 stalls`` (or one step back: ``deload: hold 20 s ...``)."""
    what = nxt.load if rule.kind is RuleKind.LOAD and nxt.load else brief(nxt, rule)
    return f"deload: {what} after {stalls} stalls"
