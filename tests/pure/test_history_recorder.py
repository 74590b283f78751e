"""The history recorder against a real SQLite file: what a run leaves behind."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from history_support import (
    SESSION_SETS,
    SESSION_WORKING_SETS,
    WallClock,
    events,
    feed,
    timeline,
)

from hamstring_coach.history import open_recorder, record_break
from hamstring_coach.history.recorder import set_layout
from hamstring_coach.history.records import load, shown_status
from hamstring_coach.plan.timeline import PhaseKind
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.messages import Notice
from hamstring_coach.system.paths import history_file

PARIS_SUMMER = timezone(timedelta(hours=2))
START = datetime(2024, 4, 2, 18, 0, tzinfo=PARIS_SUMMER)


def rows(sql: str, path: Path | None = None) -> list[tuple[object, ...]]:
    """Read with a separate connection, as another process would."""
    conn = sqlite3.connect(path or history_file())
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_finished_run_is_recorded_with_every_set(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    rec = open_recorder(tl, session_spec="strength.yaml", wall_clock=WallClock(START))
    assert rec.saved and rec.warning is None
    feed(rec, tl)
    rec.close(status=RunStatus.FINISHED)
    assert rec.saved

    [run] = rows("SELECT session_id, session_name, session_spec, source, sha256, status, "
                 "started_at, started_offset, ended_at IS NOT NULL, planned_sets FROM runs")
    assert run[:3] == ("strength", "Strength", "strength.yaml")
    assert run[3] == str(tl.session.source) and run[4] == tl.session.sha256
    assert run[5] == "finished"
    # UTC text plus the local offset at the time (+02:00 = 7200 s)
    assert run[6:8] == ("2024-04-02T16:00:00.000000Z", 7200)
    assert run[8] == 1 and run[9] == SESSION_WORKING_SETS  # a set's two sides: one set
    sets = rows("SELECT exercise, function, set_no, side, reps, load, skipped FROM sets "
                "ORDER BY id")
    assert len(sets) == SESSION_SETS
    assert sets[0] == ("Single-leg bridge", "knee-flexion,hip-extension", 1, "left", 3,
                       "bodyweight", 0)
    assert sets[1][2:4] == (1, "right")
    assert sets[4] == ("Romanian deadlift", "hip-extension", 1, None, 2, "20 kg", 0)
    assert sets[6][:2] == ("Supine hamstring stretch", "stretch")


def test_each_set_is_committed_at_once(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    rec = open_recorder(tl, session_spec="strength")
    ends = [p.index for p in tl.phases if p.ends_set]
    feed(rec, tl, stop=ends[1] + 1)  # two sets done, the recorder still open
    assert rows("SELECT count(*) FROM sets") == [(2,)]
    assert rows("SELECT status FROM runs") == [("running",)]
    rec.close(status=RunStatus.QUIT)
    assert rows("SELECT status FROM runs") == [("quit",)]


def test_skipped_sets_are_recorded_as_skipped(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    rec = open_recorder(tl, session_spec="strength")
    rdl_first = next(p.index for p in tl.phases if p.exercise_name == "Romanian deadlift"
                     and p.kind is PhaseKind.LOWER)
    feed(rec, tl, skip_sets=frozenset({rdl_first}))
    rec.close(status=RunStatus.FINISHED)
    got = rows("SELECT exercise, set_no, skipped, reps FROM sets WHERE skipped = 1")
    assert got == [("Romanian deadlift", 1, 1, None)]
    assert rows("SELECT count(*) FROM sets") == [(SESSION_SETS,)]


def test_quitting_after_the_end_keeps_the_run_finished(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    rec = open_recorder(tl, session_spec="strength")
    feed(rec, tl)  # ends with Finished: written at once
    assert rows("SELECT status FROM runs") == [("finished",)]
    rec.close(status=RunStatus.QUIT)  # the user leaves the summary screen with q
    rec.close(status=RunStatus.CRASHED)  # a second close does nothing
    assert rows("SELECT status FROM runs") == [("finished",)]


def test_the_resume_point_is_the_start_of_the_interrupted_set(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    layout = set_layout(tl)
    assert len(layout.first) == SESSION_SETS
    third = layout.first[2]  # set 2, left side, of the bridge
    rec = open_recorder(tl, session_spec="strength")
    feed(rec, tl, stop=third + 3)  # part-way through that set
    assert rows("SELECT resume_phase FROM runs") == [(third,)]
    rec.close(status=RunStatus.QUIT)


def test_between_sets_the_resume_point_is_after_the_last_set(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    ends = [p.index for p in tl.phases if p.ends_set]
    rec = open_recorder(tl, session_spec="strength")
    feed(rec, tl, stop=ends[1] + 2)  # the rest after set 1 (both sides) has started
    assert tl.phases[ends[1] + 1].kind is PhaseKind.REST
    assert rows("SELECT resume_phase FROM runs") == [(ends[1] + 1,)]
    rec.close(status=RunStatus.QUIT)


def test_a_killed_run_is_shown_as_killed(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    rec = open_recorder(tl, session_spec="strength")
    feed(rec, tl, stop=5)
    conn = sqlite3.connect(history_file())
    [run] = load(conn).runs
    assert shown_status(run) == "running"  # this very process is alive
    # The same row as left by a process that no longer exists:
    conn.execute("UPDATE runs SET pid = 999999999")
    conn.commit()
    [run] = load(conn).runs
    conn.close()
    assert run.status == "running" and shown_status(run) == "killed"
    rec.close(status=RunStatus.QUIT)


def test_a_history_path_under_a_file_gives_a_warning_and_the_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(blocker / "history.sqlite3"))
    tl = timeline(tmp_path)
    rec = open_recorder(tl, session_spec="strength")
    assert not rec.saved
    assert rec.warning is not None and rec.warning.startswith("History not saved: ")
    assert isinstance(rec.warning, Notice) and rec.warning.path == str(blocker)
    for event in events(tl):
        rec.record(event)  # never raises
    rec.close(status=RunStatus.FINISHED)
    assert not rec.saved


def test_history_from_a_newer_program_is_left_alone(tmp_path: Path) -> None:
    path = history_file()
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    rec = open_recorder(timeline(tmp_path), session_spec="strength")
    assert not rec.saved and rec.warning is not None
    assert "newer hamstring-coach" in rec.warning
    assert rows("PRAGMA user_version") == [(99,)]


def test_the_environment_variable_chooses_the_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elsewhere" / "mine.db"
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(target))
    tl = timeline(tmp_path)
    rec = open_recorder(tl, session_spec="strength")
    feed(rec, tl)
    rec.close(status=RunStatus.FINISHED)
    assert rows("SELECT count(*) FROM sets", target) == [(SESSION_SETS,)]


def test_breaks_are_recorded(tmp_path: Path) -> None:
    at = datetime(2024, 4, 2, 10, 0, tzinfo=PARIS_SUMMER)
    assert record_break("taken", at, session_id="desk-break") is None
    assert record_break("away", at + timedelta(hours=1)) is None
    with pytest.raises(ValueError):
        record_break("forgotten", at)
    got = rows("SELECT kind, at, at_offset, session_id FROM breaks ORDER BY id")
    assert got == [("taken", "2024-04-02T08:00:00.000000Z", 7200, "desk-break"),
                   ("away", "2024-04-02T09:00:00.000000Z", 7200, None)]


def test_a_break_on_an_unwritable_path_returns_a_warning(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(blocker / "h.sqlite3"))
    warning = record_break("taken", datetime.now().astimezone())
    assert warning is not None and warning.startswith("History not saved: ")


def test_the_real_engine_drives_the_recorder(tmp_path: Path) -> None:
    """Engine events on a fake clock: every SetEnded lands in the file, as the engine said."""
    from hamstring_coach.engine.clock import FakeClock
    from hamstring_coach.engine.events import Finished, SetEnded
    from hamstring_coach.engine.machine import Engine

    tl = timeline(tmp_path)
    clock = FakeClock()
    engine = Engine(tl, clock)
    rec = open_recorder(tl, session_spec="strength")
    ended: list[SetEnded] = []
    skipped_rdl = False
    finished = False
    while not finished:
        for event in engine.advance():
            rec.record(event)
            ended += [event] if isinstance(event, SetEnded) else []
            finished = finished or isinstance(event, Finished)
        phase = engine.phase
        if phase is not None and phase.exercise_name == "Romanian deadlift" and not skipped_rdl:
            engine.skip_exercise()  # the user skips the whole exercise
            skipped_rdl = True
            continue
        clock.advance(0.5)
    rec.close(status=RunStatus.FINISHED)
    got = rows("SELECT exercise, set_no, side, reps, seconds, skipped FROM sets ORDER BY id")
    assert got == [(e.exercise, e.set_no, e.side, e.reps, e.seconds, int(e.skipped))
                   for e in ended]
    assert len(got) == SESSION_SETS
    assert [g[0] for g in got if g[5]] == ["Romanian deadlift", "Romanian deadlift"]
    assert rows("SELECT status, skipped_seconds > 0 FROM runs") == [("finished", 1)]
