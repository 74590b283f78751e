"""History v2: a real v1 file upgrades losing nothing, a newer file is refused, and the
recorder keeps what was actually done in each set.

``fixtures/history-v1.sqlite`` was written by the released 0.1 build (commit
16c40ba) running ``fixtures/v1-fixture.yaml`` to the end with ``run --speed 4``,
then a second run quit after skipping an exercise, then two desk breaks;
``fixtures/history-v1.json`` is that build's ``history --format json`` of it.
The 0.1 build opening a v2 file refuses it ("was written by a newer
hamstring-coach (schema 2, this one reads 1); update the program", exit 1)
and leaves it as it was: its ``_migrate`` refuses any higher user_version.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from history_support import WallClock, events, timeline

from hamstring_coach.cli import main
from hamstring_coach.history import open_recorder
from hamstring_coach.history.export import to_json
from hamstring_coach.history.records import load
from hamstring_coach.history.store import SCHEMA_VERSION, HistoryUnavailable, open_store
from hamstring_coach.run.actuals import Actuals
from hamstring_coach.system.paths import history_file

FIXTURES = Path(__file__).parent.parent / "fixtures"
START = datetime(2024, 4, 2, 18, 0, tzinfo=timezone(timedelta(hours=2)))


def v1_copy(tmp_path: Path) -> Path:
    """The 0.1 build's file, copied so the test may upgrade it."""
    target = tmp_path / "history.sqlite"
    shutil.copyfile(FIXTURES / "history-v1.sqlite", target)
    return target


def test_the_fixture_is_a_v1_file_from_the_released_build(tmp_path: Path) -> None:
    conn = sqlite3.connect(v1_copy(tmp_path))
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
        columns = [row[1] for row in conn.execute("PRAGMA table_info(sets)")]
        assert "reps_done" not in columns
        assert conn.execute("SELECT count(*) FROM runs").fetchone() == (2,)
    finally:
        conn.close()


def test_a_v1_file_upgrades_keeping_every_run_set_and_break(tmp_path: Path) -> None:
    path = v1_copy(tmp_path)
    conn, note = open_store(path)
    try:
        assert note is None
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,) == (2,)
        data = load(conn)
    finally:
        conn.close()
    before = json.loads((FIXTURES / "history-v1.json").read_text())
    after = json.loads(to_json(data))
    assert after["version"] == 2
    assert len(after["runs"]) == len(before["runs"]) == 2
    assert sum(len(r["sets"]) for r in after["runs"]) == 21
    assert after["breaks"] == before["breaks"]
    for old, new in zip(before["runs"], after["runs"], strict=True):
        assert new["checkin"] is None
        assert {k: v for k, v in new.items() if k not in ("sets", "checkin")} == {
            k: v for k, v in old.items() if k != "sets"}
        for old_set, new_set in zip(old["sets"], new["sets"], strict=True):
            # every v1 value is there; what was done is "as planned" (null)
            assert {k: new_set[k] for k in old_set} == old_set
            assert [new_set[k] for k in ("reps_done", "load_done", "rir", "pain", "note")] \
                == [None] * 5


def test_the_upgraded_file_takes_actuals_and_checks_them(tmp_path: Path) -> None:
    path = v1_copy(tmp_path)
    conn, _ = open_store(path)
    try:
        conn.execute("UPDATE sets SET reps_done = 9, rir = 3, pain = 2 WHERE id = 5")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE sets SET rir = 4 WHERE id = 5")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE sets SET pain = 11 WHERE id = 5")
        assert conn.execute("SELECT reps_done, rir, pain FROM sets WHERE id = 5").fetchone() \
            == (9, 3, 2)
    finally:
        conn.close()


def test_the_upgrade_happens_once(tmp_path: Path) -> None:
    path = v1_copy(tmp_path)
    for _ in range(2):
        conn, _ = open_store(path)
        conn.close()
    conn = sqlite3.connect(path)
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(sets)")]
    finally:
        conn.close()
    assert columns.count("reps_done") == 1


def test_a_newer_file_is_refused_and_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = v1_copy(tmp_path)
    conn, _ = open_store(path)
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    data = path.read_bytes()
    with pytest.raises(HistoryUnavailable, match=r"written by a newer hamstring-coach "
                                                 r"\(schema 3, this one reads 2\)"):
        open_store(path)
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(path))
    assert main(["history"]) == 1
    assert "newer hamstring-coach (schema 3, this one reads 2); update the program" in \
        capsys.readouterr().err
    rec = open_recorder(timeline(tmp_path), session_spec="strength", path=path)
    assert not rec.saved and "newer hamstring-coach" in (rec.warning or "")
    assert path.read_bytes() == data  # nothing written


def test_the_recorder_stores_actuals_per_set_even_after_closing(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    rec = open_recorder(tl, session_spec="strength", wall_clock=WallClock(START))
    ended = []
    for event in events(tl):
        rec.record(event)
        if type(event).__name__ == "SetEnded":
            ended.append(event)
    rdl = [e for e in ended if e.exercise == "Romanian deadlift"]
    rec.log_set((rdl[0].step_index, 1, None), Actuals(reps_done=1, rir=0, note="tired"))
    rec.close(status="finished")
    # the summary screen logs the last set after the run is closed
    rec.log_set((rdl[1].step_index, 2, None), Actuals(reps_done=2, load_done="22.5 kg", rir=2))
    assert rec.saved and rec.warning is None
    conn = sqlite3.connect(history_file())
    try:
        got = conn.execute("SELECT set_no, reps, reps_done, load, load_done, rir, note FROM sets "
                           "WHERE exercise = 'Romanian deadlift' ORDER BY id").fetchall()
        untouched = conn.execute("SELECT count(*) FROM sets WHERE reps_done IS NULL AND rir IS "
                                 "NULL AND load_done IS NULL AND note IS NULL").fetchone()
    finally:
        conn.close()
    assert got == [(1, 2, 1, "20 kg", None, 0, "tired"), (2, 2, 2, "20 kg", "22.5 kg", 2, None)]
    assert untouched == (5,)  # the other sets: as planned


def test_the_next_run_knows_last_times_sets(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    first = open_recorder(tl, session_spec="strength", wall_clock=WallClock(START))
    for event in events(tl):
        first.record(event)
    step = next(p.step_index for p in tl.phases if p.exercise_name == "Romanian deadlift")
    first.log_set((step, 1, None), Actuals(reps_done=9, load_done="40 kg", rir=2))
    first.close(status="finished")
    second = open_recorder(tl, session_spec="strength",
                           wall_clock=WallClock(START + timedelta(days=2)))
    past = second.previous[("Romanian deadlift", 1, None)]
    assert (past.reps, past.load, past.rir) == (9, "40 kg", 2)
    plan = second.previous[("Romanian deadlift", 2, None)]
    assert (plan.reps, plan.load, plan.rir) == (2, "20 kg", None)  # as planned
    assert ("Single-leg bridge", 1, "left") in second.previous
    second.close(status="quit")


def test_a_damaged_v1_file_is_salvaged_into_v2_with_its_sets(tmp_path: Path) -> None:
    """The 0.1 file with a page of its sets overwritten: what is readable is carried."""
    path = v1_copy(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    [(leaf,)] = conn.execute("SELECT pageno FROM dbstat WHERE name = 'sets' "
                             "AND pagetype = 'leaf'").fetchall()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (leaf - 1) * page_size
    data[start + page_size - 200:start + page_size] = b"\x5a" * 200  # the last set rows
    path.write_bytes(bytes(data))
    conn, note = open_store(path)
    try:
        assert note is not None and "damaged" in note
        assert conn.execute("PRAGMA user_version").fetchone() == (2,)
        got = load(conn)
    finally:
        conn.close()
    assert [r.id for r in got.runs] == [1, 2]
    assert 10 <= len(got.sets) < 21  # the rows outside the damaged bytes
    assert all(s.reps_done is None and s.note is None for s in got.sets)
    assert got.sets[0].exercise == "Prone heel press" and got.sets[0].seconds == 3.0


def test_a_history_deleted_mid_run_keeps_the_logged_values_and_the_checkin(
        tmp_path: Path) -> None:
    from history_support import events as run_events
    from test_format_log import REHAB

    from hamstring_coach.engine.events import SetEnded
    from hamstring_coach.format import load_session
    from hamstring_coach.plan.compiler import compile_session
    from hamstring_coach.run.ports import RunStatus

    session = tmp_path / "rehab.yaml"
    session.write_text(REHAB, encoding="utf-8")
    tl = compile_session(load_session(session))
    rec = open_recorder(tl, session_spec="rehab", wall_clock=WallClock(START))
    path = history_file()
    ended = 0
    for event in run_events(tl):
        rec.record(event)
        if isinstance(event, SetEnded):
            ended += 1
            if ended == 1:
                rec.log_set((event.step_index, 1, event.side), Actuals(pain=3))
            if ended == 2:
                for name in (path.name, path.name + "-wal", path.name + "-shm"):
                    (path.parent / name).unlink(missing_ok=True)
    rec.close(status=RunStatus.FINISHED)
    assert rec.saved and "was deleted during the run" in (rec.warning or "")
    conn = sqlite3.connect(path)
    try:
        pains = conn.execute("SELECT pain FROM sets ORDER BY id").fetchall()
        checkins = conn.execute("SELECT run_id, asked_at FROM checkins").fetchall()
    finally:
        conn.close()
    assert pains == [(3,), (None,), (None,)]  # bridge 1 logged, bridge 2, the curl
    assert checkins == [(1, None)]
