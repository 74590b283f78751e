"""A fixed six-week history for the trends, the report and the calendar (no tests here).

Six weekly sessions (Mondays at 06:00, the current week's and the five before) recorded by the
real recorder into a real SQLite file: a Romanian deadlift climbing 30 -> 45 kg x 8, a
prone heel press held 10 -> 30 s, Nordic curls 3 -> 6 reps with one set skipped in week 3,
and one session quit half-way. The expected figures are written out by hand below.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hamstring_coach.engine.events import SetEnded
from hamstring_coach.format import load_session
from hamstring_coach.history import open_recorder
from hamstring_coach.plan.compiler import compile_session

UTC1 = timezone(timedelta(hours=1))
# The weeks end in this one, so the installed command (which reads the real clock) sees
# them all; the figures do not depend on the dates.
_TODAY = datetime.now(UTC1)
FIRST = datetime.combine(_TODAY.date() - timedelta(days=_TODAY.weekday(), weeks=5),
                         datetime.min.time(), UTC1) + timedelta(hours=6)
NOW = max(_TODAY, FIRST + timedelta(weeks=5, hours=1))
WEEKS = 6
# per week: (rdl kg, heel press seconds, nordic reps, nordic skipped, finished)
PLAN = [
    (30, 10, 3, False, True),
    (35, 15, 3, False, True),
    (35, 20, 4, True, True),
    (40, 20, 5, False, False),
    (40, 25, 5, False, True),
    (45, 30, 6, False, True),
]
EXPECTED = {  # name: (unit, first, latest, best, sets done, sets skipped)
    "Romanian deadlift": ("kg × reps", 240, 360, 360, 12, 0),
    "Prone heel press": ("s held", 10, 30, 30, 12, 0),
    "Nordic curl": ("reps", 3, 6, 6, 11, 1),
}


class Script:
    def __init__(self, times: list[datetime]) -> None:
        self.times: Iterator[datetime] = iter(times)

    def __call__(self) -> datetime:
        return next(self.times)


def _sets(kg: int, hold: int, nordic: int, skip: bool) -> list[SetEnded]:
    out = []
    for n in (1, 2):
        out.append(SetEnded(step_index=0, exercise="Romanian deadlift",
                            exercise_id="romanian-deadlift", function=("hip-extension",),
                            set_no=n, set_count=2, side=None, reps=8, seconds=40.0,
                            load=f"{kg} kg", skipped=False, at=float(n)))
    for n in (1, 2):
        out.append(SetEnded(step_index=1, exercise="Prone heel press",
                            exercise_id="prone-heel-press", function=("knee-flexion",),
                            set_no=n, set_count=2, side=None, reps=None, seconds=float(hold),
                            load=None, skipped=False, at=float(n)))
    for n in (1, 2):
        skipped = skip and n == 2
        out.append(SetEnded(step_index=2, exercise="Nordic curl", exercise_id="nordic-curl",
                            function=("knee-flexion",), set_no=n, set_count=2, side=None,
                            reps=None if skipped else nordic, seconds=0.0 if skipped else 20.0,
                            load="bodyweight", skipped=skipped, at=float(n)))
    return out


SESSION = """\
name: Strength <b>& co</b>
steps:
  - exercise: Romanian deadlift
    reps: 8
    sets: 2
    load: 30 kg
  - exercise: Prone heel press
    hold: 10
    sets: 2
  - exercise: Nordic curl
    reps: 3
    sets: 2
"""


# For pictures (snapshots, the README): the same six weeks on fixed dates.
FIXED_FIRST = datetime(2026, 11, 2, 6, 0, tzinfo=UTC1)
FIXED_NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC1)


def record_example(folder: Path, first: datetime = FIRST) -> None:
    """Record the six sessions (the isolated_user_dirs fixture sets where)."""
    path = folder / "strength.yaml"
    path.write_text(SESSION)
    tl = compile_session(load_session(path))
    for week, (kg, hold, nordic, skip, finished) in enumerate(PLAN):
        start = first + timedelta(weeks=week)
        sets = _sets(kg, hold, nordic, skip)
        times = [start + timedelta(minutes=i) for i in range(len(sets) + 2)]
        rec = open_recorder(tl, session_spec="strength", wall_clock=Script(times))
        for event in sets:
            rec.record(event)
        rec.close(status="finished" if finished else "quit")
        assert rec.saved


@pytest.fixture
def progress_example(tmp_path: Path) -> None:
    record_example(tmp_path)


@pytest.fixture
def fixed_progress_example(tmp_path: Path) -> None:
    record_example(tmp_path, FIXED_FIRST)
