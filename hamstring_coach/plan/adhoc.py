"""Sessions built in memory, with no file: the ``hold`` command's quick timer.

``hamstring-coach hold 30s --sides each`` becomes a one-exercise
:class:`~hamstring_coach.format.model.Session` (a HOLD of 30 s, left then
right), which :func:`hamstring_coach.plan.compile_session` turns into the
same timeline, screen and sounds as a session file. Pure: no I/O.
"""

from __future__ import annotations

from hamstring_coach.format.model import Defaults, ExerciseStep, Session, Sides, WorkKind
from hamstring_coach.textfmt import plural, secs

MAX_HOLD = 3600.0  # one hour: nobody holds a stretch longer; a typo, not a plan
MAX_SETS = 100
MAX_REST = 3600.0
PREPARE = 5.0  # time to get into position after pressing the key


def _seconds_text(seconds: float) -> str:
    """``30 s``, ``1 min``, ``1 min 30 s`` for the session's title."""
    minutes, rest = divmod(seconds, 60.0)
    if minutes and rest:
        return f"{int(minutes)} min {secs(rest)} s"
    if minutes:
        return f"{int(minutes)} min"
    return f"{secs(rest)} s"


def hold_session(
    hold: float,
    *,
    sides: Sides = Sides.BOTH,
    sets: int = 1,
    rest: float = 30.0,
    stretch: bool = False,
    prepare: float = PREPARE,
) -> Session:
    """A session of one hold exercise; ValueError (with a message for the person) if out of range.

    With ``stretch`` the exercise is a "Stretch" (function ``stretch``, so the
    phase is labelled Stretch and the history counts it as stretching),
    otherwise a "Hold" (an isometric hold, function unknown).
    """
    if not 0 < hold <= MAX_HOLD:
        raise ValueError(f"the hold must be more than 0 s and at most {_seconds_text(MAX_HOLD)}")
    if not 1 <= sets <= MAX_SETS:
        raise ValueError(f"sets must be between 1 and {MAX_SETS}")
    if not 0 <= rest <= MAX_REST:
        raise ValueError(f"the rest must be between 0 s and {_seconds_text(MAX_REST)}")
    if not 0 <= prepare <= MAX_REST:
        raise ValueError("the get-ready time must be 0 s or more")
    name = "Stretch" if stretch else "Hold"
    title = f"{name} {_seconds_text(hold)}"
    if sides is Sides.EACH:
        title += " each side"
    if sets > 1:
        title += f", {plural(sets, 'set')}"
    step = ExerciseStep(
        name=name,
        work=WorkKind.HOLD,
        hold=float(hold),
        sets=sets,
        sides=sides,
        rest=float(rest),
        prepare=float(prepare),
        side_switch=Defaults().side_switch,
        countdown=Defaults().countdown,
        # No cue: the get-ready phase then says "Get into position · 30 s hold" and
        # the hold "Hold it, breathe" (a cue would be shown during both).
        function=("stretch",) if stretch else (),
    )
    return Session(
        id="hold",
        name=title,
        steps=(step,),
        description="A quick hold timer from the command line.",
        tags=("adhoc",),
        defaults=Defaults(prepare=float(prepare), rest=float(rest)),
    )
