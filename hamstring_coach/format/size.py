"""How big a session would compile to, worked out arithmetically.

``reps: 1000000`` must be a quick error, not a timeline of millions of
phases, so the phase count and length are computed from sets, sides, reps
and tempo before :mod:`hamstring_coach.plan.compiler` builds anything. The count is
an upper bound (0 s phases, which plan leaves out, are counted).
"""

from __future__ import annotations

from hamstring_coach.format.limits import MAX_PHASES, MAX_TOTAL_SECONDS
from hamstring_coach.format.model import CueStep, ExerciseStep, RestStep, Sides, Step, WorkKind
from hamstring_coach.format.progress import top_of
from hamstring_coach.format.values import Checker
from hamstring_coach.format.yamlnodes import Node, Seq


def step_size(step: Step) -> tuple[int, float]:
    """(phases, seconds) a step compiles to; seconds is 0 when phases pass the limit."""
    if isinstance(step, CueStep):
        return 1, step.duration or 0.0
    if isinstance(step, RestStep):
        return 1, step.seconds
    assert isinstance(step, ExerciseStep)
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


def check_bounds(checker: Checker, steps_node: Node, steps: list[Step]) -> None:
    """Report the step where the session passes the phase or length limit."""
    assert isinstance(steps_node, Seq) and len(steps_node.items) == len(steps)
    phases, seconds = 0, 0.0
    for index, (step, node) in enumerate(zip(steps, steps_node.items, strict=True)):
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
