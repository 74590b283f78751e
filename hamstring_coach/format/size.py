"""How big a session would compile to, worked out arithmetically.

``reps: 1000000`` must be a quick error, not a timeline of millions of
phases, so the phase count and length are computed from sets, sides, reps
and tempo before :mod:`hamstring_coach.plan.compiler` builds anything. The count is
an upper bound (0 s phases, which plan leaves out, are counted).
"""

from __future__ import annotations

from hamstring_coach.format.limits import MAX_PHASES, MAX_TOTAL_SECONDS
from hamstring_coach.format.model import CueStep, ExerciseStep, RestStep, Sides, Step, WorkKind
from hamstring_coach.format.nodes import Node
from hamstring_coach.format.progress import top_of
from hamstring_coach.format.values import Checker


def step_size(step: Step) -> tuple[int, float]:
    """(phases, seconds) a step compiles to; seconds is 0 when phases pass the limit."""
    if isinstance(step, CueStep):
        return 1, step.duration or 0.0
    if isinstance(step, RestStep):
        return 1, step.seconds
    assert isinstance(step, ExerciseStep)
    if step.superset is not None:
        return _superset_size(step)
    sides = 2 if step.sides is Sides.EACH else 1
    tempo = [p.seconds for p in step.tempo or () if p.seconds > 0]
    if step.work is WorkKind.REPS and tempo:
        reps = step.reps or 0
        per_side, work_seconds = reps * len(tempo), None
    else:
        per_side, work_seconds = 1, (step.hold or step.duration or 0.0)
    sets = step.sets
    phases = 1 + sets * sides * per_side + sets * (sides - 1) + (sets - 1)
    if phases > MAX_PHASES:
        return phases, 0.0
    if work_seconds is None:  # tempo reps: the counts are small now, so floats are safe
        work_seconds = (step.reps or 0) * sum(tempo)
    seconds = (step.prepare + sets * sides * work_seconds + sets * (sides - 1) * step.side_switch
               + (sets - 1) * step.rest)
    return phases, seconds


def waits(step: Step) -> bool:
    """True when a phase of the step ends on the user's key (untimed cue, own-pace reps)."""
    if isinstance(step, CueStep):
        return step.duration is None
    if isinstance(step, ExerciseStep) and step.work is WorkKind.REPS:
        return not any(p.seconds > 0 for p in step.tempo or ())
    return False


def _work(step: ExerciseStep) -> tuple[int, float | None]:
    """(phases, seconds) of one set on one side; seconds None for tempo reps."""
    tempo = [p.seconds for p in step.tempo or () if p.seconds > 0]
    if step.work is WorkKind.REPS and tempo:
        return (step.reps or 0) * len(tempo), None
    return 1, (step.hold or step.duration or 0.0)


def _superset_size(step: ExerciseStep) -> tuple[int, float]:
    """One exercise of a superset: its rounds, and the get-ready, the rests between
    rounds (counted with the first exercise) and the ``between`` after it in each
    round (all but the last exercise)."""
    group = step.superset
    assert group is not None
    sides = 2 if step.sides is Sides.EACH else 1
    per_side, work_seconds = _work(step)
    rounds = group.rounds
    first = group.position == 0
    last = group.position == group.size - 1
    phases = (first + rounds * sides * per_side + rounds * (sides - 1)
              + (0 if last else rounds) + (rounds - 1 if first else 0))
    if phases > MAX_PHASES:
        return phases, 0.0
    if work_seconds is None:
        work_seconds = (step.reps or 0) * sum(p.seconds for p in step.tempo or ()
                                              if p.seconds > 0)
    seconds = (rounds * sides * work_seconds + rounds * (sides - 1) * step.side_switch
               + (0.0 if last else rounds * group.between))
    if first:
        seconds += step.prepare + (rounds - 1) * group.rest
    return phases, seconds


def check_bounds(checker: Checker, steps_node: Node, nodes: list[Node],
                 steps: list[Step]) -> None:
    """Report the step where the session passes the phase or length limit.

    ``nodes[i]`` is where ``steps[i]`` is written (a superset's exercises share one).
    A session with nothing to time and nothing to wait for (``rest: 0``
    alone, every length 0) would end before its first frame: refused too.
    """
    assert len(nodes) == len(steps)
    phases, seconds = 0, 0.0
    index = -1
    for step, node in zip(steps, nodes, strict=True):
        if not (isinstance(step, ExerciseStep) and step.superset is not None
                and step.superset.position > 0):
            index += 1  # the step's place in the file
        # A step is as big as its progress rule can make it, so every prescription fits.
        step_phases, step_seconds = step_size(top_of(step) if isinstance(step, ExerciseStep)
                                              else step)
        phases += step_phases
        path = f"steps[{index}]"
        if phases > MAX_PHASES:
            checker.add(node, path, f"the session would have more than {MAX_PHASES} phases "
                                    f"(this step alone: {step_phases}); lower sets, reps or "
                                    "tempo phases")
            return
        seconds += step_seconds
        if seconds > MAX_TOTAL_SECONDS:
            hours = seconds / 3600
            checker.add(node, path, f"the session would last {hours:.4g} h by this step, "
                                    f"longer than the limit of {MAX_TOTAL_SECONDS / 3600:g} h")
            return
    if seconds <= 0 and not any(waits(step) for step in steps):
        checker.add(steps_node, "steps", "nothing to time and nothing to wait for: every step "
                                         "lasts 0 s; give a rest, hold or cue a length")
