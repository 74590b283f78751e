"""What each set (per side) has done so far, for ``SetEnded`` (a helper of the engine).

A set is keyed by ``(step_index, set_no, side)``. Its work phases (hold,
work, self-paced set, tempo phases) add the time they ran; a rep counts
when its last tempo phase completes (a self-paced set counts all its reps
when the person says it is done). Prepare, switch and rest are not work.

A set ends once: the first time its last phase completes or a skip passes
over it. Going back into a set that already ended and running it again
does not report it a second time (the history stores one row per set).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hamstring_coach.engine.events import SetEnded
from hamstring_coach.format.model import ExerciseStep
from hamstring_coach.plan.timeline import Phase, PhaseKind, Side, Timeline

WORK_KINDS = frozenset({PhaseKind.HOLD, PhaseKind.WORK, PhaseKind.SET, PhaseKind.LOWER,
                        PhaseKind.PAUSE, PhaseKind.LIFT})
REP_KINDS = frozenset({PhaseKind.SET, PhaseKind.LOWER, PhaseKind.PAUSE, PhaseKind.LIFT})

SetKey = tuple[int, int, Side | None]


@dataclass(slots=True)
class _Tally:
    reps: set[int] = field(default_factory=set)  # rep numbers completed
    seconds: float = 0.0


class SetBook:
    """The running tally of every set of a timeline, and which sets have ended."""

    def __init__(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._tallies: dict[SetKey, _Tally] = {}
        self._ended: set[SetKey] = set()

    def record(self, phase: Phase, done_seconds: float, *, completed: bool) -> None:
        """Count a visit of ``phase`` that ran ``done_seconds`` (and completed or not)."""
        if phase.kind not in WORK_KINDS:
            return
        tally = self._tallies.setdefault(_key(phase), _Tally())
        tally.seconds += done_seconds
        if not completed:
            return
        at = phase.position
        if phase.kind is PhaseKind.SET:
            tally.reps.update(range(1, self._set_reps(phase) + 1))
        elif at.tempo_count and at.tempo_index == at.tempo_count - 1:
            tally.reps.add(at.rep_no)

    def end(self, phase: Phase, *, at: float, skipped: bool) -> SetEnded | None:
        """The ``SetEnded`` for the set ``phase`` ends, or None if it already ended."""
        key = _key(phase)
        if key in self._ended:
            return None
        self._ended.add(key)
        tally = self._tallies.pop(key, None) or _Tally()
        exercise, pos = phase.exercise, phase.position
        return SetEnded(
            step_index=phase.step_index, exercise=exercise.name if exercise else phase.label,
            exercise_id=exercise.id if exercise else None,
            function=exercise.function if exercise else (), set_no=pos.set_no,
            set_count=pos.set_count, side=pos.side,
            reps=len(tally.reps) if phase.kind in REP_KINDS else None,
            seconds=tally.seconds, load=exercise.load if exercise else None, skipped=skipped,
            at=at,
        )

    def _set_reps(self, phase: Phase) -> int:
        """Reps asked of a self-paced set (the phase carries none; its step does)."""
        if phase.position.rep_count:
            return phase.position.rep_count
        steps = self._timeline.session.steps
        step = steps[phase.step_index] if 0 <= phase.step_index < len(steps) else None
        return step.reps or 0 if isinstance(step, ExerciseStep) else 0


def _key(phase: Phase) -> SetKey:
    return (phase.step_index, phase.position.set_no, phase.position.side)
