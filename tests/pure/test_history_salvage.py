"""A damaged history: kept aside, and every run still readable carried into the new one.

The files are real histories written by the recorder, then damaged the way
a disk or a stray write does it: whole pages overwritten in the middle of
the file, the first page (the header and the schema) destroyed, a table's
root page destroyed. Where each table's pages are is asked of SQLite itself
(the ``dbstat`` table) before the damage.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from history_support import SESSION_SETS, events, feed, timeline
from test_history_robust import kept_files

from hamstring_coach.history import open_recorder, record_break
from hamstring_coach.history.stats import read
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.messages import Notice
from hamstring_coach.system.paths import history_file

RUNS = 60
PAGE = 4096


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A real history of RUNS finished runs (7 sets each) and a few breaks, all in the file."""
    tl = timeline(tmp_path)
    for _ in range(RUNS):
        rec = open_recorder(tl, session_spec="strength")
        feed(rec, tl)
        rec.close(status=RunStatus.FINISHED)
    for kind in ("taken", "skipped", "away"):
        assert record_break(kind, datetime.now().astimezone()) is None
    path = history_file()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def pages(path: Path, table: str, kind: str) -> list[int]:
    """Page numbers of ``table``'s ``leaf`` or ``internal`` pages."""
    conn = sqlite3.connect(path)
    try:
        return [int(row[0]) for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno",
            (table, kind))]
    finally:
        conn.close()


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def overwrite(path: Path, numbers: list[int]) -> None:
    """Fill whole pages with junk, as a stray write would."""
    data = bytearray(path.read_bytes())
    for number in numbers:
        data[(number - 1) * PAGE:number * PAGE] = b"\x5a" * PAGE
    path.write_bytes(bytes(data))


RUN_SQL = "SELECT * FROM runs ORDER BY id"
SET_SQL = "SELECT * FROM sets ORDER BY id"


def test_every_run_outside_a_destroyed_page_is_carried_over_as_it_was(
        history: Path, tmp_path: Path) -> None:
    good_runs, good_sets = rows(history, RUN_SQL), rows(history, SET_SQL)
    leaves = pages(history, "runs", "leaf")
    assert len(leaves) >= 3
    middle = leaves[len(leaves) // 2]
    overwrite(history, [middle])
    conn = sqlite3.connect(history)
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM runs WHERE session_name != ''").fetchall()
    conn.close()
    rec = open_recorder(timeline(tmp_path), session_spec="strength")
    [kept] = kept_files(history)
    assert rec.saved and isinstance(rec.warning, Notice) and rec.warning.path == str(kept)
    rec.close(status=RunStatus.QUIT)
    carried_runs = rows(history, RUN_SQL)[:-1]  # the last is the run just started
    lost_ids = {row[0] for row in good_runs} - {row[0] for row in carried_runs}
    assert 0 < len(lost_ids) < RUNS // 2  # one page of runs is gone, no more
    assert f"History file damaged: {len(carried_runs)} runs (" in rec.warning
    assert carried_runs == [row for row in good_runs if row[0] not in lost_ids]
    assert rows(history, SET_SQL) == [row for row in good_sets if row[1] not in lost_ids]
    assert len(rows(history, "SELECT * FROM breaks")) == 3
    assert rows(history, "PRAGMA integrity_check") == [("ok",)]


def test_a_destroyed_first_page_and_root_pages_lose_nothing(history: Path) -> None:
    good_runs, good_sets = rows(history, RUN_SQL), rows(history, SET_SQL)
    roots = pages(history, "runs", "internal") + pages(history, "sets", "internal")
    assert roots
    overwrite(history, [1, *roots])
    data, note = read()  # the history command reads it as it is
    [kept] = kept_files(history)
    assert isinstance(note, Notice) and note.path == str(kept)
    assert note.startswith(f"History file damaged: {RUNS} runs ({RUNS * SESSION_SETS} sets) "
                           "carried to a new one")
    assert len(data.runs) == RUNS and len(data.sets) == RUNS * SESSION_SETS
    assert rows(history, RUN_SQL) == good_runs
    assert rows(history, SET_SQL) == good_sets


def test_sets_of_a_lost_run_stay_in_the_kept_file_and_are_counted(
        history: Path) -> None:
    overwrite(history, pages(history, "runs", "leaf")[:1])
    data, note = read()
    assert note is not None
    assert "sets whose run was lost stay in the kept file" in note
    assert len(data.runs) < RUNS
    assert len(data.sets) == len(data.runs) * SESSION_SETS  # no set without its run


def test_a_run_continuing_a_lost_run_no_longer_refers_to_it(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    first = open_recorder(tl, session_spec="strength")
    for event in events(tl, stop=6):
        first.record(event)
    first.close(status=RunStatus.QUIT)
    for _ in range(40):  # push the first run onto a page of its own
        rec = open_recorder(tl, session_spec="strength")
        feed(rec, tl)
        rec.close(status=RunStatus.FINISHED)
    second = open_recorder(tl, session_spec="strength", resumed_from=first.run_id)
    for event in events(tl, start=6):
        second.record(event)
    second.close(status=RunStatus.FINISHED)
    path = history_file()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    overwrite(path, pages(path, "runs", "leaf")[:1])
    data, _ = read()
    ids = {run.id for run in data.runs}
    assert first.run_id not in ids and second.run_id in ids
    assert rows(path, f"SELECT resumed_from FROM runs WHERE id = {second.run_id}") == [(None,)]
