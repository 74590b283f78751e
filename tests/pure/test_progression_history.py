"""The prescription from a real SQLite history: runs recorded, read back, replayed.

Runs are recorded by the real recorder from the events of running the
prescribed timeline, read back by the history adapter, and shown by
``hamstring-coach show`` as a user would run it.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from history_support import WallClock, events

from hamstring_coach.cli import main
from hamstring_coach.format import load_session
from hamstring_coach.format.model import ExerciseStep, Session
from hamstring_coach.history import open_recorder
from hamstring_coach.history.outcomes import read_outcomes
from hamstring_coach.history.prescription import prescription_for
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.outcomes import RunOutcome
from hamstring_coach.plan.timeline import PhaseKind, Timeline
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.paths import history_file

# Runs a month ago, so that a reset made now (progress reset) comes after them.
START = (datetime.now(timezone(timedelta(hours=1))) - timedelta(days=30)).replace(
    hour=18, minute=0, second=0, microsecond=0)
TEXT = """\
name: Climb
steps:
  - use: romanian-deadlift
    sets: 2
    reps: 8-10
    load: 40 kg
    tempo: 1-0-1-0
    rest: 5
    progress: {load: +2.5 kg}
  - use: prone-heel-press
    sets: 1
    hold: 10
    progress: {hold: +5s, up_to: 20s}
  - use: supine-hamstring-stretch
"""


def session_file(tmp_path: Path, text: str = TEXT, name: str = "climb") -> Session:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return load_session(path)


def record(tl: Timeline, day: int, *, status: RunStatus = RunStatus.FINISHED,
           stop: int | None = None,
           skip: frozenset[int] = frozenset()) -> None:
    rec = open_recorder(tl, session_spec="climb.yaml",
                        wall_clock=WallClock(START + timedelta(days=day)))
    for event in events(tl, stop=stop, skip_sets=skip):
        rec.record(event)
    rec.close(status=status)
    assert rec.saved, rec.warning


def next_time(session: Session) -> Timeline:
    prescription, warning = prescription_for(session)
    assert warning is None
    return compile_session(prescription.session)


def reps_of(tl: Timeline, name: str) -> tuple[int, str | None]:
    phase = next(p for p in tl.phases
                 if p.exercise_name == name and p.kind is PhaseKind.LOWER)
    assert phase.exercise is not None
    return phase.position.rep_count, phase.exercise.load


def test_each_run_of_the_prescription_moves_it_on(tmp_path: Path) -> None:
    session = session_file(tmp_path)
    tl = next_time(session)
    assert reps_of(tl, "Romanian deadlift") == (8, "40 kg")
    for day, expected in enumerate([(9, "40 kg"), (10, "40 kg"), (8, "42.5 kg")]):
        record(tl, day)
        tl = next_time(session)
        assert reps_of(tl, "Romanian deadlift") == expected
    hold = next(p for p in tl.phases if p.exercise_name == "Prone heel press" and
                p.kind is PhaseKind.HOLD)
    assert hold.duration == 20.0  # 10 -> 15 -> 20 (up_to), both sides held each time


def test_runs_that_did_not_reach_an_exercise_change_nothing(tmp_path: Path) -> None:
    session = session_file(tmp_path)
    tl = next_time(session)
    record(tl, 0)
    before = prescription_for(session)[0]
    tl = next_time(session)
    quit_early = next(p.index for p in tl.phases if p.kind is PhaseKind.REST)
    record(tl, 1, status=RunStatus.QUIT, stop=quit_early)  # one RDL set, then quit: a stall
    after = prescription_for(session)[0]
    rdl = after.of(0)
    assert rdl is not None and rdl.reason == "stays 2 × 9 @ 40 kg: set 2 was not done " \
                                             "(stall 1 of 3)"
    hold_before, hold_after = before.of(1), after.of(1)
    assert hold_before is not None and hold_after is not None
    assert (hold_after.next, hold_after.reason) == (hold_before.next, hold_before.reason)


def test_other_sessions_runs_do_not_count(tmp_path: Path) -> None:
    session = session_file(tmp_path)
    record(compile_session(session_file(tmp_path, name="other")), 0)  # same steps, other id
    rdl = prescription_for(session)[0].of(0)
    assert rdl is not None and rdl.reason == "as written: no run reached it yet"


def test_the_adapter_reads_one_outcome_per_run_oldest_first(tmp_path: Path) -> None:
    session = session_file(tmp_path)
    tl = next_time(session)
    record(tl, 1)
    record(tl, 0, skip=frozenset({next(p.index for p in tl.phases
                                       if p.kind is PhaseKind.HOLD)}))
    conn = sqlite3.connect(history_file())
    try:
        items = read_outcomes(conn, "climb")
    finally:
        conn.close()
    runs = [i for i in items if isinstance(i, RunOutcome)]
    assert [r.started_at.date() for r in runs] == [START.date(),
                                                    (START + timedelta(days=1)).date()]
    first = runs[0].of(("Prone heel press", 1))
    assert first is not None and [s.skipped for s in first.sets] == [True, False]
    rdl = runs[1].of(("Romanian deadlift", 1))
    assert rdl is not None and [(s.set_no, s.reps, s.load) for s in rdl.sets] == [
        (1, 8, "40 kg"), (2, 8, "40 kg")]


def test_an_unreadable_history_runs_as_written_and_says_so(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    session = session_file(tmp_path)
    bad = tmp_path / "history.sqlite"
    bad.mkdir()  # a folder where the file should be
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(bad))
    prescription, warning = prescription_for(session)
    assert warning is not None and warning.startswith("History not read, running as written")
    assert all(not e.changed for e in prescription.exercises)
    assert main(["show", str(tmp_path / "climb.yaml")]) == 0
    assert "History not read, running as written" in capsys.readouterr().err


def test_show_prints_the_written_plan_and_next_time_beside_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = session_file(tmp_path)
    record(next_time(session), 0)
    path = str(tmp_path / "climb.yaml")
    assert main(["show", path]) == 0
    out = capsys.readouterr().out.splitlines()
    rdl = out.index(next(line for line in out if "Romanian deadlift (40 kg)" in line))
    assert out[rdl].endswith("— 2 × 8–10 @ 1-0-1-0")
    assert out[rdl + 1].split("  next: ")[1] == "2 × 9 @ 40 kg: all 2 sets reached 8"
    press = out.index(next(line for line in out if "Prone heel press" in line))
    assert out[press + 1].split("  next: ")[1] == "hold 15 s: both sides held 10 s"
    stretch = next(line for line in out if "Supine hamstring stretch" in line)
    assert "next:" not in out[out.index(stretch) + 1]
    total = next(line for line in out if line.startswith("Total "))
    upcoming = next(line for line in out if line.startswith("Next time "))
    written_tl, next_tl = compile_session(session), next_time(session)
    assert next_tl.total > written_tl.total
    from hamstring_coach.textfmt import duration_text
    assert total.startswith(f"Total {duration_text(written_tl.total)}")
    assert upcoming == f"Next time {duration_text(next_tl.total)}"


def test_show_phases_lists_next_times_phases_and_as_written_the_files(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = session_file(tmp_path)
    record(next_time(session), 0)
    path = str(tmp_path / "climb.yaml")
    assert main(["show", "--phases", path]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line.split() for line in lines if " lower " in line and "Romanian" in line]
    assert len(rows) == 2 * 9 and rows[0][5:8] == ["1/2", "-", "1/9"]
    assert main(["show", "--phases", "--as-written", path]) == 0
    written = [line for line in capsys.readouterr().out.splitlines()
               if " lower " in line and "Romanian" in line]
    assert len(written) == 2 * 8
    step = session.steps[0]
    assert isinstance(step, ExerciseStep) and step.reps == 8


def test_progress_reset_starts_one_exercise_again_as_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = session_file(tmp_path)
    record(next_time(session), 0)
    path = str(tmp_path / "climb.yaml")
    assert main(["progress", "reset", path, "Romanian deadlift"]) == 0
    out = capsys.readouterr().out
    assert out == "Romanian deadlift (climb): next time as written, 2 × 8 (8–10) @ 1-0-1-0 " \
                  "· 40 kg\n"
    prescription = prescription_for(session)[0]
    rdl, hold = prescription.of(0), prescription.of(1)
    assert rdl is not None and hold is not None
    assert not rdl.changed and rdl.reason.startswith("as written since the reset on ")
    assert hold.changed  # the other exercise keeps its progression
    record(next_time(session), 31)  # runs after the reset (tomorrow) count again
    rdl = prescription_for(session)[0].of(0)
    assert rdl is not None and rdl.next.reps == 9


def test_progress_reset_of_a_whole_session(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    session = session_file(tmp_path)
    record(next_time(session), 0)
    assert main(["progress", "reset", str(tmp_path / "climb.yaml")]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert not any(e.changed for e in prescription_for(session)[0].exercises)


@pytest.mark.parametrize(("args", "message"), [
    (["Romanian deadlif"], 'no exercise "Romanian deadlif" with a progress rule (did you mean '
                           '"Romanian deadlift"?); these have one: Romanian deadlift, Prone '
                           "heel press"),
    (["Supine hamstring stretch"], "these have one"),
])
def test_progress_reset_refuses_an_exercise_without_a_rule(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
        message: str) -> None:
    session_file(tmp_path)
    assert main(["progress", "reset", str(tmp_path / "climb.yaml"), *args]) == 2
    assert message in capsys.readouterr().err
    assert not history_file().exists()  # nothing recorded


def test_progress_reset_of_a_session_with_no_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["progress", "reset", "desk-break"]) == 2
    assert "Desk break has no exercise with a progress rule" in capsys.readouterr().err


def test_a_reset_that_cannot_be_saved_says_so_and_exits_3(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    session_file(tmp_path)
    bad = tmp_path / "history.sqlite"
    bad.mkdir()
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(bad))
    assert main(["progress", "reset", str(tmp_path / "climb.yaml")]) == 3
    assert "not saved:" in capsys.readouterr().err


def test_a_programmes_deload_week_halves_the_sets_and_its_runs_do_not_count() -> None:
    from hamstring_coach.system import paths

    folder = paths.user_sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    session = session_file(folder)
    monday = START.date() - timedelta(days=START.weekday())
    # Week 2 of the programme (the week of START + 7 days) is a deload week.
    paths.programme_file().write_text(
        f"name: Block\nstart: {monday.isoformat()}\nweeks: 8\ndays: {{mon: climb}}\n"
        "deload: [2]\n", encoding="utf-8")
    record(next_time(session), 0)  # week 1: 8 -> 9
    record(next_time(session), 7)  # week 2, a deload week: changes nothing
    in_week_3 = monday + timedelta(days=14)
    rdl = prescription_for(session, today=in_week_3)[0].of(0)
    assert rdl is not None and (rdl.next.reps, rdl.next.sets) == (9, 2)
    assert rdl.reason == "stays 2 × 9 @ 40 kg: deload week"
    deload = prescription_for(session, today=monday + timedelta(days=8))[0]
    rdl, stretch = deload.of(0), deload.of(2)
    assert rdl is not None and (rdl.next.reps, rdl.next.sets) == (9, 1)
    assert rdl.reason == "deload week: 1 of 2 sets, no progression"
    assert stretch is not None and stretch.reason.startswith("deload week")  # rule or not


PLAIN = """\
name: Plain
steps:
  - use: romanian-deadlift
    sets: 4
    reps: 8
    tempo: 1-0-1-0
    rest: 5
"""


def _work_sets(timeline: Timeline) -> int:
    return sum(phase.ends_set for phase in timeline.phases)


def test_run_halves_a_plain_sessions_sets_in_its_programmes_deload_week_only() -> None:
    # next_timeline is what `run` runs. A session with no progress rule skips the
    # replay (and its imports) only when there is no programme file: with one that
    # names it, a deload week still halves its sets.
    from hamstring_coach.history.prescription import next_timeline
    from hamstring_coach.system import paths

    folder = paths.user_sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    session = session_file(folder, PLAIN, name="plain")
    assert _work_sets(next_timeline(session)[0]) == 4  # no programme file
    this_monday = datetime.now().date() - timedelta(days=datetime.now().weekday())
    paths.programme_file().write_text(
        f"name: Block\nstart: {this_monday.isoformat()}\nweeks: 4\ndays: {{mon: plain}}\n"
        "deload: [1]\n", encoding="utf-8")
    assert _work_sets(next_timeline(session)[0]) == 2  # week 1 is a deload week
    assert _work_sets(next_timeline(session, as_written=True)[0]) == 4
    paths.programme_file().write_text(
        f"name: Block\nstart: {this_monday.isoformat()}\nweeks: 4\ndays: {{mon: plain}}\n"
        "deload: [2]\n", encoding="utf-8")
    assert _work_sets(next_timeline(session)[0]) == 4
