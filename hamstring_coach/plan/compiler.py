"""Compile a :class:`Session` into a flat, immutable :class:`Timeline`.

Pure and deterministic: the same session always gives the same timeline, and
nothing here reads a clock or a file. SESSION_FORMAT.md ("How a session
becomes a timeline", "Sounds") is the specification; the choices it leaves
open are decided here:

- An exercise is: PREPARE (label "Get ready", the setup cues as text), then
  per set and side the work (tempo phases for every rep, one HOLD, one WORK,
  or one self-paced SET wait), a SWITCH between left and right, and a REST
  between sets (none after the last). Phases of 0 s are left out.
- PREPARE carries ``set_no`` 0; SWITCH and REST carry the set they lead into
  (so a screen can say "next: set 2/3"), SWITCH also the side it leads to.
- Countdown ticks: one at ``duration - k`` for k = 1..countdown in PREPARE,
  HOLD, WORK, SWITCH and REST phases, keeping only offsets > 0. A phase
  shorter than the countdown therefore gets only the ticks that fit, and no
  tick ever lands on a phase's first instant, where the start sound plays.
- GO sounds at offset 0 of the first work phase of every set and side. In a
  tempo set GO replaces that first phase's tempo tone (one sound, not two at
  once); every later tempo phase starts with the tone of its kind.
- REST at offset 0 of every REST phase, SWITCH at offset 0 of every SWITCH
  phase, HALFWAY at the middle of HOLD and WORK phases at least the step's
  ``halfway`` long; the timeline's final sound is DONE. A self-paced SET
  carries its reps as ``rep_count`` (with ``rep_no`` 0: no rep is current).
- A tempo whose phases are all 0 s counts as no tempo (a self-paced set).
- A rep's phases are in the order performed: the four-field notation starts
  with the lowering, or with the lift for an exercise with ``start: lift``
  (Lift, Squeeze, Lower, Pause); a tempo list is performed as written.

Limits: a session that would compile to more than :data:`MAX_PHASES` phases
or last longer than :data:`MAX_TOTAL` seconds is refused with a
:class:`SessionFileError` before any phase is built, so a typo such as
``reps: 100000`` is an error, not a hang.
"""

from __future__ import annotations

from dataclasses import replace

from hamstring_coach.format import limits
from hamstring_coach.format.errors import Problem, SessionFileError
from hamstring_coach.format.model import (
    CueStep,
    ExerciseStep,
    RestStep,
    Session,
    Side,
    Sides,
    Step,
    TempoKind,
    WorkKind,
)
from hamstring_coach.format.size import step_size
from hamstring_coach.plan.describe import (
    describe_step,
    effective_tempo,
    lift_first,
    one_round,
    reps_text,
    tempo_text,
)
from hamstring_coach.plan.timeline import (
    NOWHERE,
    ExerciseRef,
    Phase,
    PhaseKind,
    Position,
    Sound,
    SoundCue,
    Timeline,
)
from hamstring_coach.system.records import frozen
from hamstring_coach.textfmt import plural, secs

# How a step reads in words lives in plan.describe; these names stay importable from here.
__all__ = ["MAX_PHASES", "MAX_TOTAL", "TICKED_KINDS", "StepTotal", "compile_session",
           "describe_step", "effective_tempo", "lift_first", "phase_sounds", "reps_text",
           "step_totals", "tempo_text"]

# The loader's bounds, applied again here for sessions built in Python (the hold
# command's ad-hoc sessions, tests), so compile_session can never be made to hang.
MAX_PHASES = limits.MAX_PHASES
MAX_TOTAL = limits.MAX_TOTAL_SECONDS

TICKED_KINDS = frozenset(
    {PhaseKind.PREPARE, PhaseKind.HOLD, PhaseKind.WORK, PhaseKind.SWITCH, PhaseKind.BETWEEN,
     PhaseKind.REST}
)
_TEMPO_PHASE_KIND = {
    TempoKind.LOWER: PhaseKind.LOWER,
    TempoKind.PAUSE: PhaseKind.PAUSE,
    TempoKind.LIFT: PhaseKind.LIFT,
}
_TEMPO_SOUND = {
    TempoKind.LOWER: Sound.LOWER,
    TempoKind.PAUSE: Sound.PAUSE,
    TempoKind.LIFT: Sound.LIFT,
}
# Shown during a hold (by its label) when the exercise has no cue of its own.
_HOLD_TEXT = {"Hold": "Hold it, breathe", "Stretch": "Ease into the stretch, breathe"}

# Shown when a tempo phase has no cue of its own.
_TEMPO_DEFAULT_TEXT = {
    TempoKind.LOWER: "Lower slowly, under control",
    TempoKind.PAUSE: "Hold still, keep the tension",
    TempoKind.LIFT: "Lift with the hamstrings",
}


@frozen
class StepTotal:
    """How long one step takes: the sum of its timed phases, and its waits."""

    step_index: int
    length: float
    waits: int
    phases: int


def compile_session(session: Session) -> Timeline:
    """Compile ``session`` into its timeline (see the module docstring for the rules).

    Raises :class:`SessionFileError` when the session passes :data:`MAX_PHASES`
    phases or :data:`MAX_TOTAL` seconds.
    """
    _check_limits(session)
    builder = _Builder()
    for step_index, step in enumerate(session.steps):
        if isinstance(step, ExerciseStep) and step.superset is not None:
            group = step.superset
            if group.position == 0:
                members = session.steps[step_index:step_index + group.size]
                builder.superset(tuple(m for m in members if isinstance(m, ExerciseStep)),
                                 step_index)
            continue  # the later exercises were built with the first
        builder.step(step, step_index, session.defaults.countdown)
    phases = tuple(builder.phases)
    waits = sum(1 for p in phases if p.is_wait)
    return Timeline(session=session, phases=phases, total=builder.start, waits=waits)


def step_totals(timeline: Timeline) -> tuple[StepTotal, ...]:
    """Length, waits and phase count of every step of the timeline's session, in order."""
    length = [0.0] * len(timeline.session.steps)
    waits = [0] * len(length)
    count = [0] * len(length)
    for phase in timeline.phases:
        length[phase.step_index] += phase.duration or 0.0
        waits[phase.step_index] += phase.is_wait
        count[phase.step_index] += 1
    return tuple(StepTotal(i, length[i], waits[i], count[i]) for i in range(len(length)))


# --- limits ---------------------------------------------------------------------------


def _check_limits(session: Session) -> None:
    count, length = 0, 0.0
    for index, step in enumerate(session.steps):
        step_count, step_length = step_size(step)
        count += step_count
        length += step_length
        problem = None
        if count > MAX_PHASES:
            problem = f"the session would have more than {MAX_PHASES} phases"
        elif length > MAX_TOTAL:
            problem = f"the session would last longer than {secs(MAX_TOTAL / 3600)} hours"
        if problem:
            where = str(session.source) if session.source else session.id
            line = max(getattr(step, "line", 0), 1)
            raise SessionFileError([Problem(where, line, 1, f"steps[{index}]",
                                            problem + "; lower sets, reps or times")])


# --- building phases ------------------------------------------------------------------


def _ticks(duration: float, countdown: int) -> list[SoundCue]:
    """Countdown ticks at duration-k, k=1..countdown, offsets > 0 only."""
    return [SoundCue(duration - k, Sound.TICK) for k in range(countdown, 0, -1)
            if duration - k > 0]


def _halfway(duration: float, step: ExerciseStep) -> tuple[SoundCue, ...]:
    """The HALFWAY cue of a hold or timed work at least ``step.halfway`` long, else none."""
    return (SoundCue(duration / 2, Sound.HALFWAY),) if duration >= step.halfway else ()


def _sounds(first: Sound | None, duration: float, countdown: int,
            extra: tuple[SoundCue, ...] = ()) -> tuple[SoundCue, ...]:
    """A start sound (if any), the countdown ticks and ``extra`` cues, by offset."""
    cues = [SoundCue(0.0, first)] if first else []
    cues += _ticks(duration, countdown)
    cues += extra
    return tuple(sorted(cues, key=lambda c: c.offset))


phase_sounds = _sounds  # the same cues for a phase made outside a timeline (plan.leadin)


class _Builder:
    """Appends phases with their index and scheduled start (each Phase built once)."""

    def __init__(self) -> None:
        self.phases: list[Phase] = []
        self.start = 0.0

    def add(self, kind: PhaseKind, label: str, duration: float | None, step_index: int, *,
            text: str = "", sounds: tuple[SoundCue, ...] = (), exercise: ExerciseRef | None = None,
            position: Position = NOWHERE, ends_set: bool = False) -> None:
        """Append one phase at the current scheduled start."""
        self.phases.append(Phase(
            index=len(self.phases), kind=kind, label=label, duration=duration,
            start=self.start, step_index=step_index, text=text, exercise=exercise,
            position=position, sounds=sounds, ends_set=ends_set))
        self.start += duration or 0.0

    def step(self, step: Step, step_index: int, countdown: int) -> None:
        """Append the phases of one step (0 s phases left out)."""
        if isinstance(step, RestStep):
            if step.seconds > 0:
                self.add(PhaseKind.REST, "Rest", step.seconds, step_index,
                         text=step.cue or "Rest",
                         sounds=_sounds(Sound.REST, step.seconds, countdown))
        elif isinstance(step, CueStep):
            if step.duration is None or step.duration > 0:
                self.add(PhaseKind.CUE, "Cue", step.duration, step_index, text=step.text)
        else:
            self.exercise(step, step_index)

    def exercise(self, step: ExerciseStep, step_index: int) -> None:
        """Prepare, then per set and side the work, switches between sides, rests between sets."""
        setup = " · ".join(step.cue)
        ref = ExerciseRef.of(step)
        if step.prepare > 0:
            self.add(PhaseKind.PREPARE, "Get ready", step.prepare, step_index, exercise=ref,
                     position=Position(set_count=step.sets),
                     text=setup or f"Get into position · {describe_step(step)}",
                     sounds=_sounds(None, step.prepare, step.countdown))
        for set_no in range(1, step.sets + 1):
            self.one_set(step, step_index, ref, Position(set_no=set_no, set_count=step.sets),
                         setup)
            if set_no < step.sets and step.rest > 0:
                self.add(PhaseKind.REST, "Rest", step.rest, step_index, exercise=ref,
                         position=Position(set_no=set_no + 1, set_count=step.sets),
                         text=f"Next: set {set_no + 1}/{step.sets}",
                         sounds=_sounds(Sound.REST, step.rest, step.countdown))

    def one_set(self, step: ExerciseStep, step_index: int, ref: ExerciseRef, at: Position,
                setup: str) -> None:
        """One set (``at`` without a side): each side's work, a switch between the sides."""
        sides: tuple[Side | None, ...] = (
            (Side.LEFT, Side.RIGHT) if step.sides is Sides.EACH else (None,))
        for side_no, side in enumerate(sides):
            here = replace(at, side=side)
            if side_no > 0 and step.side_switch > 0:
                self.add(PhaseKind.SWITCH, "Switch side", step.side_switch, step_index,
                         exercise=ref, position=here, text=f"Switch to the {side} side",
                         sounds=_sounds(Sound.SWITCH, step.side_switch, step.countdown))
            self.work(step, step_index, ref, here, setup)

    def superset(self, members: tuple[ExerciseStep, ...], first_index: int) -> None:
        """COACHING.md section 4: the first exercise's get-ready; then each round, each
        exercise's set with a ``between`` (showing the next exercise) after all but the
        round's last; a rest between rounds, none after the last."""
        first = members[0]
        group = first.superset
        assert group is not None
        refs = [ExerciseRef.of(m) for m in members]
        rounds = group.rounds

        def at(round_no: int = 0, side: Side | None = None) -> Position:
            return Position(set_no=round_no, set_count=rounds, side=side, rounds=rounds)

        names = " + ".join(m.name for m in members)
        if first.prepare > 0:
            self.add(PhaseKind.PREPARE, "Get ready", first.prepare, first_index,
                     exercise=refs[0], position=at(),
                     text=" · ".join(first.cue) or f"Get into position · {one_round(first)}"
                     f" · superset of {names}",
                     sounds=_sounds(None, first.prepare, first.countdown))
        for round_no in range(1, rounds + 1):
            for place, step in enumerate(members):
                self.one_set(step, first_index + place, refs[place], at(round_no),
                             " · ".join(step.cue))
                if place + 1 < len(members) and group.between > 0:
                    upcoming = members[place + 1]
                    side = Side.LEFT if upcoming.sides is Sides.EACH else None
                    self.add(PhaseKind.BETWEEN, "Next exercise", group.between,
                             first_index + place + 1, exercise=refs[place + 1],
                             position=at(round_no, side),
                             text=" · ".join(upcoming.cue) or one_round(upcoming),
                             sounds=_sounds(Sound.SWITCH, group.between, upcoming.countdown))
            if round_no < rounds and group.rest > 0:
                self.add(PhaseKind.REST, "Rest", group.rest, first_index, exercise=refs[0],
                         position=at(round_no + 1),
                         text=f"Next: round {round_no + 1}/{rounds} · {first.name}",
                         sounds=_sounds(Sound.REST, group.rest, first.countdown))

    def work(self, step: ExerciseStep, step_index: int, ref: ExerciseRef, at: Position,
             setup: str) -> None:
        """One set on one side (``at``); its first phase starts with GO, its last ends the set."""
        def add(kind: PhaseKind, label: str, duration: float | None, text: str,
                sounds: tuple[SoundCue, ...], *, ends_set: bool,
                position: Position = at) -> None:
            self.add(kind, label, duration, step_index, exercise=ref, position=position,
                     text=text, sounds=sounds, ends_set=ends_set)

        if step.work is WorkKind.HOLD:
            hold = step.hold or 0.0
            if hold > 0:
                label = "Stretch" if "stretch" in step.function else "Hold"
                # Without a cue of its own the hold says what to do now, not the setup again.
                add(PhaseKind.HOLD, label, hold, setup or _HOLD_TEXT[label],
                    _sounds(Sound.GO, hold, step.countdown, _halfway(hold, step)), ends_set=True)
            return
        if step.work is WorkKind.DURATION:
            duration = step.duration or 0.0
            if duration > 0:
                add(PhaseKind.WORK, "Work", duration, setup,
                    _sounds(Sound.GO, duration, step.countdown, _halfway(duration, step)),
                    ends_set=True)
            return
        reps = step.reps or 0
        tempo = effective_tempo(step)
        if not tempo:
            span = f" (range {reps_text(step, written=True)})" if step.rep_range else ""
            add(PhaseKind.SET, "Set", None,
                f"{plural(reps, 'rep')} at your own pace{span}",
                (SoundCue(0.0, Sound.GO),), ends_set=True, position=replace(at, rep_count=reps))
            return
        last = len(tempo) - 1
        for rep_no in range(1, reps + 1):
            for tempo_index, tp in enumerate(tempo):
                first = rep_no == 1 and tempo_index == 0
                sound = Sound.GO if first else _TEMPO_SOUND[tp.kind]
                add(_TEMPO_PHASE_KIND[tp.kind], tp.label, tp.seconds,
                    tp.cue or _TEMPO_DEFAULT_TEXT[tp.kind], (SoundCue(0.0, sound),),
                    position=replace(at, rep_no=rep_no, rep_count=reps,
                                     tempo_index=tempo_index, tempo_count=len(tempo)),
                    ends_set=rep_no == reps and tempo_index == last)
