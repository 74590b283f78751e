"""What past runs of a session did, as plain frozen data: the replay's input.

The history adapter (:mod:`hamstring_coach.history.outcomes`) reads these from
SQLite; tests write them by hand. An exercise is known by its name and which
of the session's steps with that name it is (:data:`ExerciseKey`), so editing
other steps, or the order of steps, keeps its progression.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from hamstring_coach.format.model import ExerciseStep, Session
from hamstring_coach.system.records import frozen

ExerciseKey = tuple[str, int]  # (exercise name as shown, 1 for its first step, 2, ...)


@frozen
class SetOutcome:
    """One set (per side) as the history has it: what was asked and what was done.

    ``reps``, ``seconds`` and ``load`` are the timer's record of the set (reps
    whose phases all ran, work seconds, the load shown); ``reps_done``,
    ``load_done``, ``rir`` and ``pain`` are the person's answers, None when
    not given: "as planned" for the first two, "unknown" for the others.
    """

    set_no: int
    side: str | None = None
    reps: int | None = None
    seconds: float | None = None
    load: str | None = None
    reps_done: int | None = None
    load_done: str | None = None
    rir: int | None = None
    pain: int | None = None
    skipped: bool = False


@frozen
class ExerciseOutcome:
    """The sets one run recorded for one exercise step."""

    key: ExerciseKey
    sets: tuple[SetOutcome, ...]


@frozen
class RunOutcome:
    """One run (a resumed chain counts once) of the session, with what it reached.

    ``deload`` marks a run in a programme's deload week: it neither advances
    a progression nor counts a stall (COACHING.md section 5).
    """

    started_at: datetime
    exercises: tuple[ExerciseOutcome, ...]
    deload: bool = False

    def of(self, key: ExerciseKey) -> ExerciseOutcome | None:
        """This run's record of the exercise, or None when it did not reach it."""
        return next((e for e in self.exercises if e.key == key), None)


@frozen
class Reset:
    """``progress reset``: from here on the exercise (every one when None) starts as written."""

    at: datetime
    exercise: str | None = None


HistoryItem = RunOutcome | Reset
History = Sequence[HistoryItem]


def exercise_keys(session: Session) -> dict[int, ExerciseKey]:
    """The key of every exercise step, by step index."""
    seen: dict[str, int] = {}
    keys: dict[int, ExerciseKey] = {}
    for index, step in enumerate(session.steps):
        if isinstance(step, ExerciseStep):
            seen[step.name] = seen.get(step.name, 0) + 1
            keys[index] = (step.name, seen[step.name])
    return keys
