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
  (so a screen can say "next: set 2 of 3"), SWITCH also the side it leads to.
- Countdown ticks: one at ``duration - k`` for k = 1..countdown in PREPARE,
  HOLD, WORK, SWITCH and REST phases, keeping only offsets > 0. A phase
  shorter than the countdown therefore gets only the ticks that fit, and no
  tick ever lands on a phase's first instant, where the start sound plays.
- GO sounds at offset 0 of the first work phase of every set and side. In a
  tempo set GO replaces that first phase's tempo tone (one sound, not two at
  once); every later tempo phase starts with the tone of its kind.
- REST at offset 0 of every REST phase, SWITCH at offset 0 of every SWITCH
  phase, HALFWAY at the middle of HOLD phases of 30 s or more; the timeline's
  final sound is DONE.
- A tempo whose phases are all 0 s counts as no tempo (a self-paced set).

Limits: a session that would compile to more than :data:`MAX_PHASES` phases
or last longer than :data:`MAX_TOTAL` seconds is refused with a
:class:`SessionFileError` before any phase is built, so a typo such as
``reps: 100000`` is an error, not a hang.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from hamstring_coach.format.errors import Problem, SessionFileError
from hamstring_coach.format.model import (
    CueStep,
    ExerciseStep,
    RestStep,
    Session,
    Sides,
    Step,
    TempoKind,
    TempoPhase,
    WorkKind,
)
from hamstring_coach.textfmt import plural, secs
from hamstring_coach.timeline import Phase, PhaseKind, Sound, SoundCue, Timeline

MAX_PHASES = 50_000
MAX_TOTAL = 24 * 3600.0  # one day; no hamstring session is longer

HALFWAY_MIN_HOLD = 30.0
TICKED_KINDS = frozenset(
    {PhaseKind.PREPARE, PhaseKind.HOLD, PhaseKind.WORK, PhaseKind.SWITCH, PhaseKind.REST}
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
# Shown when a tempo phase has no cue of its own.
_TEMPO_DEFAULT_TEXT = {
    TempoKind.LOWER: "Lower slowly, under control",
    TempoKind.PAUSE: "Hold still, keep the tension",
    TempoKind.LIFT: "Lift with the hamstrings",
}
_FOUR_FIELD = (
    ("Lower", TempoKind.LOWER),
    ("Pause", TempoKind.PAUSE),
    ("Lift", TempoKind.LIFT),
    ("Squeeze", TempoKind.PAUSE),
)


@dataclass(frozen=True, slots=True)
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
    phases: list[Phase] = []
    start = 0.0
    for step_index, step in enumerate(session.steps):
        for draft in _step_phases(step, step_index, session):
            phase = replace(draft, index=len(phases), start=start)
            phases.append(phase)
            start += phase.duration or 0.0
    waits = sum(1 for p in phases if p.is_wait)
    return Timeline(session=session, phases=tuple(phases), total=start, waits=waits)


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


def effective_tempo(step: ExerciseStep) -> tuple[TempoPhase, ...]:
    """The tempo phases actually performed (0 s phases dropped; empty = self-paced)."""
    return tuple(p for p in step.tempo or () if p.seconds > 0)


def tempo_text(tempo: tuple[TempoPhase, ...]) -> str:
    """A tempo as the four-field ``E-B-C-T`` notation when it is one, else its phases.

    ``"4-1-1-0"`` or ``"Drive up 1 s · Squeeze 2 s · Lower 3 s"``.
    """
    fields = [0.0, 0.0, 0.0, 0.0]
    slot = 0
    for phase in tempo:
        while slot < 4 and (phase.label, phase.kind) != _FOUR_FIELD[slot]:
            slot += 1
        if slot == 4:
            return " · ".join(f"{p.label} {secs(p.seconds)} s" for p in tempo)
        fields[slot] = phase.seconds
        slot += 1
    return "-".join(secs(f) for f in fields)


def describe_step(step: Step) -> str:
    """One line saying what a step asks for, as ``show`` prints it.

    ``"3 × 10 each side @ 4-1-1-0"``, ``"3 × 30 s hold each side"``,
    ``"2 × 30 s"``, ``"3 × 12, own pace"``, ``"rest 60 s"``, ``"cue, waits for you"``.
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
    reps = f"{sets}{step.reps or 0}{each}" if sets else plural(step.reps or 0, "rep") + each
    if not effective_tempo(step):
        return f"{reps}, own pace"
    # the tempo as written (its 0 s phases too), so "3-1-1-0" reads back as "3-1-1-0"
    return f"{reps} @ {tempo_text(step.tempo or ())}"


# --- limits ---------------------------------------------------------------------------


def _count_and_length(step: Step) -> tuple[int, float]:
    """Phases and seconds a step compiles to, by arithmetic (nothing is built)."""
    if isinstance(step, RestStep):
        return int(step.seconds > 0), step.seconds
    if isinstance(step, CueStep):
        if step.duration is None:
            return 1, 0.0
        return int(step.duration > 0), step.duration
    sides = 2 if step.sides is Sides.EACH else 1
    tempo = effective_tempo(step)
    if step.work is WorkKind.REPS and tempo:
        work_phases = (step.reps or 0) * len(tempo)
        work_time = (step.reps or 0) * sum(p.seconds for p in tempo)
    else:
        work_phases = 1
        work_time = (step.hold if step.work is WorkKind.HOLD else step.duration) or 0.0
    switch = (sides - 1) * int(step.side_switch > 0)
    rests = (step.sets - 1) * int(step.rest > 0)
    count = int(step.prepare > 0) + step.sets * (sides * work_phases + switch) + rests
    length = (step.prepare + step.sets * (sides * work_time + (sides - 1) * step.side_switch)
              + (step.sets - 1) * step.rest)
    return count, length


def _check_limits(session: Session) -> None:
    count, length = 0, 0.0
    for index, step in enumerate(session.steps):
        step_count, step_length = _count_and_length(step)
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


def _sorted(cues: list[SoundCue]) -> tuple[SoundCue, ...]:
    return tuple(sorted(cues, key=lambda c: c.offset))


def _step_phases(step: Step, step_index: int, session: Session) -> Iterator[Phase]:
    """A step's phases with ``index`` and ``start`` still 0 (compile_session sets them)."""
    blank = Phase(index=0, kind=PhaseKind.CUE, label="", duration=0.0, start=0.0,
                  step_index=step_index)
    countdown = session.defaults.countdown
    if isinstance(step, RestStep):
        if step.seconds > 0:
            cues = [SoundCue(0.0, Sound.REST), *_ticks(step.seconds, countdown)]
            yield replace(blank, kind=PhaseKind.REST, label="Rest", duration=step.seconds,
                          text=step.cue or "Rest", sounds=_sorted(cues))
    elif isinstance(step, CueStep):
        if step.duration is None or step.duration > 0:
            yield replace(blank, label="Cue", duration=step.duration, text=step.text)
    else:
        yield from _exercise_phases(step, replace(
            blank, notes=step.notes, exercise=step.name, exercise_id=step.catalogue_id,
            function=step.function, load=step.load, set_count=step.sets))


def _exercise_phases(step: ExerciseStep, base: Phase) -> Iterator[Phase]:
    setup = " · ".join(step.cue)
    if step.prepare > 0:
        yield replace(base, kind=PhaseKind.PREPARE, label="Get ready", duration=step.prepare,
                      text=setup or describe_step(step),
                      sounds=_sorted(_ticks(step.prepare, step.countdown)))
    sides: tuple[str | None, ...] = ("left", "right") if step.sides is Sides.EACH else (None,)
    for set_no in range(1, step.sets + 1):
        for side_no, side in enumerate(sides):
            if side_no > 0 and step.side_switch > 0:
                cues = [SoundCue(0.0, Sound.SWITCH), *_ticks(step.side_switch, step.countdown)]
                yield replace(base, kind=PhaseKind.SWITCH, label="Switch side",
                              duration=step.side_switch, set_no=set_no, side=side,
                              text=f"Switch to the {side} side", sounds=_sorted(cues))
            work = [replace(p, set_no=set_no, side=side)
                    for p in _work_phases(step, replace(base, text=setup))
                    if p.duration != 0]
            if work:
                work[-1] = replace(work[-1], ends_set=True)
            yield from work
        if set_no < step.sets and step.rest > 0:
            cues = [SoundCue(0.0, Sound.REST), *_ticks(step.rest, step.countdown)]
            yield replace(base, kind=PhaseKind.REST, label="Rest", duration=step.rest,
                          set_no=set_no + 1, text=f"Next: set {set_no + 1} of {step.sets}",
                          sounds=_sorted(cues))


def _work_phases(step: ExerciseStep, base: Phase) -> Iterator[Phase]:
    """The work of one set on one side; the first phase starts with GO."""
    go = SoundCue(0.0, Sound.GO)
    if step.work is WorkKind.HOLD:
        hold = step.hold or 0.0
        cues = [go, *_ticks(hold, step.countdown)]
        if hold >= HALFWAY_MIN_HOLD:
            cues.append(SoundCue(hold / 2, Sound.HALFWAY))
        label = "Stretch" if "stretch" in step.function else "Hold"
        yield replace(base, kind=PhaseKind.HOLD, label=label, duration=hold,
                      sounds=_sorted(cues))
        return
    if step.work is WorkKind.DURATION:
        duration = step.duration or 0.0
        yield replace(base, kind=PhaseKind.WORK, label="Work", duration=duration,
                      sounds=_sorted([go, *_ticks(duration, step.countdown)]))
        return
    reps = step.reps or 0
    tempo = effective_tempo(step)
    if not tempo:
        yield replace(base, kind=PhaseKind.SET, label="Set", duration=None,
                      text=f"{plural(reps, 'rep')} at your own pace — Enter when done",
                      sounds=(go,))
        return
    for rep_no in range(1, reps + 1):
        for tempo_index, tp in enumerate(tempo):
            first = rep_no == 1 and tempo_index == 0
            sound = go if first else SoundCue(0.0, _TEMPO_SOUND[tp.kind])
            yield replace(base, kind=_TEMPO_PHASE_KIND[tp.kind], label=tp.label,
                          duration=tp.seconds, text=tp.cue or _TEMPO_DEFAULT_TEXT[tp.kind],
                          rep_no=rep_no, rep_count=reps, tempo_index=tempo_index,
                          tempo_count=len(tempo), sounds=(sound,))
