"""Planned against done per programme week: ``history`` and the stats screen.

Real runs recorded into a real SQLite file at chosen local times; the
programme is a real file in the config folder.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from hamstring_coach.cli import main
from hamstring_coach.engine.events import SetEnded
from hamstring_coach.history import open_recorder
from hamstring_coach.history.programme_report import programme_lines
from hamstring_coach.history.stats import read
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.run import library, programmes
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system import paths

STRENGTH = ("name: Strength\nsteps:\n  - {exercise: Curl, function: knee-flexion, sets: 3, "
            "reps: 8, tempo: 3-1-1-0, rest: 60}\n  - {exercise: Hinge, function: "
            "hip-extension, sets: 4, reps: 8, tempo: 3-1-1-0, rest: 60}\n")


def _setup(start: date) -> None:
    folder = paths.user_sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "strength.yaml").write_text(STRENGTH, encoding="utf-8")
    paths.programme_file().write_text(
        f"name: Test plan\nstart: {start.isoformat()}\nweeks: 6\ndays: {{mon: strength, "
        "thu: strength}\ndeload: [3]\n", encoding="utf-8")


def _run(day: date, *, sets: int = 7, status: str = "finished") -> None:
    """A run of strength at 18:00 local on ``day`` with ``sets`` working sets done."""
    timeline = compile_session(library.load("strength"))
    start = datetime.combine(day, datetime.min.time()).replace(hour=18).astimezone()
    times = iter([start + timedelta(minutes=i) for i in range(sets + 2)])
    recorder = open_recorder(timeline, session_spec="strength", wall_clock=lambda: next(times))
    for n in range(sets):
        step, set_no = (0, n + 1) if n < 3 else (1, n - 2)
        recorder.record(SetEnded(step_index=step, exercise="x", exercise_id=None,
                                 function=("knee-flexion",) if step == 0 else ("hip-extension",),
                                 set_no=set_no, set_count=3 if step == 0 else 4, side=None,
                                 reps=8, seconds=40.0, load=None, skipped=False, at=float(n)))
    recorder.close(status=RunStatus(status))
    assert recorder.saved


START = date(2027, 3, 1)  # a Monday


def test_planned_against_done_per_week_by_hand() -> None:
    _setup(START)
    _run(date(2027, 3, 1))  # week 1: Mon done
    _run(date(2027, 3, 4))  # week 1: Thu done -> 6 KF, 8 HE
    _run(date(2027, 3, 8))  # week 2: Mon done; Thu missed
    _run(date(2027, 3, 15), sets=4, status="quit")  # week 3 (deload): quit, not done
    _run(date(2027, 3, 18))  # week 3: Thu done
    data, _ = read()
    lines = programme_lines(programmes.load(None), data, date(2027, 3, 23))  # Tue of week 4
    assert lines[0] == ("Programme: Test plan (week 4 of 6); sets aim 10–20 per function "
                        "(deload weeks: half)")
    rows = [line.split() for line in lines[2:-1]]
    assert rows == [
        ["1", "01", "Mar", "2/2", "8", "low", "6", "low"],
        ["2", "08", "Mar", "1/2,", "1", "missed", "4", "low", "3", "low"],
        # the quit run's 4 sets count as sets done (3 KF + 1 HE), not as a session
        ["3", "15", "Mar", "1/2,", "1", "missed", "5", "6", "deload"],
        # on Tuesday, Monday's session is already missed
        ["4", "22", "Mar", "0/2", "so", "far,", "1", "missed", "0", "low", "0", "low"],
    ]
    assert lines[-1] == "  Programme weeks kept in a row: 0 (every session due done on its day)."
    assert programme_lines(programmes.load(None), data, date(2027, 3, 4))[-1] == \
        "  Programme weeks kept in a row: 1 (every session due done on its day)."


def test_the_history_command_shows_the_programme(capsys: pytest.CaptureFixture[str]) -> None:
    today = date.today()
    start = today - timedelta(days=today.weekday(), weeks=1)  # last week's Monday
    _setup(start)
    for day in (start + timedelta(days=n) for n in range(14)):
        if day.weekday() in (0, 3) and day <= today:
            _run(day)  # every session due so far, done on its day
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "Programme: Test plan (week 2 of 6)" in out
    row = next(line for line in out.splitlines() if line.startswith("     1  "))
    assert row.split()[3:8] == ["2/2", "8", "low", "6", "low"]
    assert "Programme weeks kept in a row: 1" in out
