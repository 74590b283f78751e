"""Timelines for the engine tests and benchmark, compiled by the real plan compiler.

Steps are the session model's own dataclasses; :func:`timeline` wraps them in
a Session and compiles it, so what the engine is tested on is what the app
runs. :func:`every_kind` has one phase of each kind the engine must handle;
:func:`forty_minutes` and :func:`one_day` are realistic long sessions.
"""

from __future__ import annotations

from typing import Any

from hamstring_coach.format.model import (
    CueStep,
    Defaults,
    ExerciseStep,
    RestStep,
    Session,
    Sides,
    Step,
    TempoKind,
    TempoPhase,
    WorkKind,
)
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Phase, PhaseKind, Timeline


def tempo(lower: float = 3, pause: float = 1, lift: float = 1, squeeze: float = 0
          ) -> tuple[TempoPhase, ...]:
    """A four-field tempo ``lower-pause-lift-squeeze`` as the loader would resolve it."""
    return (TempoPhase("Lower", lower, TempoKind.LOWER),
            TempoPhase("Pause", pause, TempoKind.PAUSE),
            TempoPhase("Lift", lift, TempoKind.LIFT),
            TempoPhase("Squeeze", squeeze, TempoKind.PAUSE))


def hold(name: str, seconds: float, **kw: Any) -> ExerciseStep:
    """An isometric hold (or a stretch with ``function=("stretch",)``)."""
    return ExerciseStep(name=name, work=WorkKind.HOLD, hold=seconds, **kw)


def reps(name: str, count: int, pace: tuple[TempoPhase, ...] | None = None,
         **kw: Any) -> ExerciseStep:
    """``count`` reps at ``pace`` (None: self-paced, a wait per set)."""
    return ExerciseStep(name=name, work=WorkKind.REPS, reps=count, tempo=pace, **kw)


def work(name: str, seconds: float, **kw: Any) -> ExerciseStep:
    """Timed work with no reps."""
    return ExerciseStep(name=name, work=WorkKind.DURATION, duration=seconds, **kw)


def cue(text: str, duration: float | None = None) -> CueStep:
    """An instruction; a wait when ``duration`` is None."""
    return CueStep(text=text, duration=duration)


def rest(seconds: float, text: str | None = None) -> RestStep:
    """A standalone rest."""
    return RestStep(seconds=seconds, cue=text)


def timeline(*steps: Step, countdown: int = 3) -> Timeline:
    """Compile ``steps`` as a session."""
    return compile_session(Session(id="test", name="Test session", steps=steps,
                                   defaults=Defaults(countdown=countdown)))


def every_kind() -> Timeline:
    """A short session with at least one phase of every kind, each with phases around it."""
    return timeline(
        cue("Lie face down"),  # CUE, untimed
        hold("Prone heel press", 10, sets=2, sides=Sides.EACH, rest=8, prepare=5,
             side_switch=4, function=("knee-flexion",)),  # PREPARE HOLD SWITCH REST
        reps("Glute bridge", 2, tempo(3, 3, 3, 0), sets=2, rest=6, prepare=4,
             function=("hip-extension",), load="bodyweight"),  # LOWER PAUSE LIFT
        reps("Ball curl", 12, sets=2, rest=6, prepare=3),  # SET (self-paced)
        work("Hip swings", 12, sets=1, prepare=3),  # WORK
        cue("Breathe", 6),  # CUE, timed
        rest(10),
    )


def first_of(tl: Timeline, kind: PhaseKind, *, wait: bool | None = None) -> Phase:
    """The first phase of ``kind`` (a wait or not, when ``wait`` is given)."""
    for phase in tl.phases:
        if phase.kind is kind and (wait is None or phase.is_wait is wait):
            return phase
    raise LookupError(f"no {kind} phase")


def forty_minute_steps(*, waits: bool = True) -> tuple[Step, ...]:
    """A realistic 40-minute session (about 2400 s of timed phases)."""
    steps: list[Step] = [
        cue("Lie face down, legs straight") if waits else cue("Lie face down", 10),
        hold("Prone heel press", 15, sets=3, sides=Sides.EACH, rest=20,
             function=("activation", "knee-flexion")),
        reps("Glute bridge", 12, tempo(1, 2, 3, 0), sets=4, rest=60,
             function=("hip-extension",), load="bodyweight"),
        reps("Romanian deadlift", 8, tempo(4, 1, 1, 1), sets=4, rest=90,
             function=("hip-extension",), load="20 kg"),
        (reps("Stability ball curl", 12, sets=2, rest=60, function=("knee-flexion",))
         if waits else reps("Stability ball curl", 12, tempo(2, 0, 1, 0), sets=2, rest=60)),
        work("Hip swings", 30, sets=2, sides=Sides.EACH, rest=15, function=("activation",)),
        reps("Single-leg RDL", 6, tempo(3, 1, 1, 0), sets=4, sides=Sides.EACH, rest=60),
        reps("Good morning", 10, tempo(3, 1, 1, 0), sets=3, rest=60, load="15 kg"),
        rest(120, "Walk around, shake the legs out"),
        hold("Supine hamstring stretch", 60, sets=2, sides=Sides.EACH, rest=15,
             function=("stretch",)),
        cue("Well done", 10),
    ]
    return tuple(steps)


def forty_minutes(*, waits: bool = True) -> Timeline:
    """The 40-minute session compiled."""
    return timeline(*forty_minute_steps(waits=waits))


def one_day() -> Timeline:
    """Twenty-four hours (less a little, the compiler's limit) of the timed 40-minute steps."""
    steps = forty_minute_steps(waits=False)
    single = timeline(*steps).total
    return timeline(*(steps * int(24 * 3600 // single)))
