"""Helpers for the history tests (no tests here): a session on disk, its
timeline, and the engine events of running it, fed to a recorder.

The events are built the way ``hamstring_coach.engine.machine`` emits them
(PhaseStarted, PhaseEnded, SetEnded at the end of a set's last phase,
Finished), so the recorder is tested without depending on the engine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from hamstring_coach.engine.events import Event, Finished, PhaseEnded, PhaseStarted, SetEnded
from hamstring_coach.format.model import (
    ExerciseStep,
    Session,
    Sides,
    TempoKind,
    TempoPhase,
    WorkKind,
)
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Phase, Timeline
from hamstring_coach.run.ports import Recorder

TEMPO = (TempoPhase("Lower", 3, TempoKind.LOWER), TempoPhase("Lift", 1, TempoKind.LIFT))

STEPS = (
    # 2 sets x 2 sides: 4 sets, each counts for knee flexion AND hip extension
    ExerciseStep(name="Single-leg bridge", work=WorkKind.REPS, reps=3, tempo=TEMPO, sets=2,
                 sides=Sides.EACH, rest=20, function=("knee-flexion", "hip-extension"),
                 load="bodyweight", catalogue_id="glute-bridge"),
    # 2 sets, hip extension only
    ExerciseStep(name="Romanian deadlift", work=WorkKind.REPS, reps=2, tempo=TEMPO, sets=2,
                 rest=30, function=("hip-extension",), load="20 kg"),
    # 1 stretch hold
    ExerciseStep(name="Supine hamstring stretch", work=WorkKind.HOLD, hold=30, sets=1,
                 function=("stretch",)),
)
SESSION_SETS = 7  # rows in the history, one per set and side: 4 + 2 + 1
SESSION_WORKING_SETS = 5  # sets as counted (left + right of a bridge set is one): 2 + 2 + 1


def write_session(folder: Path, name: str = "strength", text: str | None = None) -> Session:
    """A session backed by a real file (the sha256 is of its bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(text or f"name: {name}\nsteps: []  # content stands in for the steps\n")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Session(id=name, name=name.title(), steps=STEPS, source=path, sha256=digest)


def timeline(folder: Path, name: str = "strength") -> Timeline:
    """The compiled test session."""
    return compile_session(write_session(folder, name))


class WallClock:
    """A wall clock that moves on by ``step`` at every reading."""

    def __init__(self, start: datetime, step: timedelta = timedelta(seconds=10)) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        moment = self.now
        self.now += self.step
        return moment


def _set_ended(phase: Phase, skipped: bool, at: float) -> SetEnded:
    ref, at_ = phase.exercise, phase.position
    assert ref is not None
    return SetEnded(step_index=phase.step_index, exercise=ref.name, exercise_id=ref.id,
                    function=ref.function, set_no=at_.set_no, set_count=at_.set_count,
                    side=at_.side, reps=None if skipped else (at_.rep_count or None),
                    seconds=0.0 if skipped else float(phase.duration or 0),
                    load=ref.load, skipped=skipped, at=at)


def events(tl: Timeline, *, start: int = 0, stop: int | None = None,
           skip_sets: frozenset[int] = frozenset()) -> Iterator[Event]:
    """Events of running phases ``start``..``stop - 1`` (all: then Finished).

    ``skip_sets`` holds phase indices where the user skips: the set that
    phase belongs to ends there, skipped.
    """
    end = len(tl.phases) if stop is None else stop
    t = 0.0
    index = start
    while index < end:
        phase = tl.phases[index]
        yield PhaseStarted(phase=phase, at=t, scheduled=t)
        t += phase.duration or 1.0
        skipped = index in skip_sets
        yield PhaseEnded(phase=phase, at=t, scheduled=t, skipped=skipped,
                         done_seconds=phase.duration or 0.0, skipped_seconds=0.0)
        if skipped and phase.position.set_no:
            # jump to the set's last phase, which ends it, skipped
            while not tl.phases[index].ends_set:
                index += 1
            yield _set_ended(tl.phases[index], True, t)
        elif phase.ends_set:
            yield _set_ended(phase, False, t)
        index += 1
    if stop is None:
        yield Finished(at=t, scheduled=t)


def feed(recorder: Recorder, tl: Timeline, **kw: object) -> None:
    """Feed the events of :func:`events` to a recorder."""
    for event in events(tl, **kw):  # type: ignore[arg-type]
        recorder.record(event)
