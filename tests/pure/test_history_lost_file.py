"""No run is lost: a history file deleted, replaced or made unwritable mid-run.

Each test records a real run into a real SQLite file and does to the file
what a user (``rm``, ``cp backup``, ``chmod``) or another instance would do
between two sets; then it reads the history as the next program would.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from history_support import SESSION_SETS, events, timeline
from unprivileged_support import unprivileged

from hamstring_coach.engine.events import SetEnded
from hamstring_coach.history import open_recorder
from hamstring_coach.history.recorder import HistoryRecorder
from hamstring_coach.history.stats import read
from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.messages import NOTICE_WIDTH, Notice
from hamstring_coach.system.paths import history_file


def run_with(tl: Timeline, after_sets: int, action: object,
             path: Path | None = None) -> HistoryRecorder:
    """Record a whole run of ``tl``, calling ``action()`` once ``after_sets`` sets ended."""
    rec = open_recorder(tl, session_spec="strength", path=path)
    done = 0
    for event in events(tl):
        rec.record(event)
        if isinstance(event, SetEnded):
            done += 1
            if done == after_sets:
                action()  # type: ignore[operator]
    rec.close(status=RunStatus.FINISHED)
    return rec


def remove_all(path: Path) -> None:
    """``rm history.sqlite3*``"""
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        if (path.parent / name).exists():
            os.remove(path.parent / name)


def stored(path: Path | None = None) -> tuple[list[tuple[object, ...]], int]:
    """(runs as (session_id, status), number of sets) as another process reads them."""
    conn = sqlite3.connect(path or history_file())
    try:
        runs = conn.execute("SELECT session_id, status FROM runs ORDER BY id").fetchall()
        sets = conn.execute("SELECT count(*) FROM sets").fetchone()[0]
        return runs, int(sets)
    finally:
        conn.close()


def test_a_history_deleted_after_two_sets_is_made_again_with_the_whole_run(
        tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    path = history_file()
    rec = run_with(tl, 2, lambda: remove_all(path))
    assert path.exists()
    assert rec.saved
    assert rec.warning is not None and "was deleted during the run" in rec.warning
    assert isinstance(rec.warning, Notice) and rec.warning.path == str(path)
    assert stored() == ([("strength", "finished")], SESSION_SETS)
    data, note = read()
    assert note is None and len(data.sets) == SESSION_SETS


def test_only_the_database_deleted_keeps_every_set(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    path = history_file()
    rec = run_with(tl, 3, lambda: os.remove(path))
    assert rec.saved and rec.warning is not None and "deleted" in rec.warning
    assert stored() == ([("strength", "finished")], SESSION_SETS)


def test_only_the_wal_deleted_keeps_every_set(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    path = history_file()
    wal = path.with_name(path.name + "-wal")
    rec = run_with(tl, 2, lambda: os.remove(wal))
    assert rec.saved
    assert stored() == ([("strength", "finished")], SESSION_SETS)


def test_a_history_replaced_by_another_gets_the_run_and_keeps_its_own(
        tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    path = history_file()
    other = tmp_path / "other.sqlite3"
    earlier = open_recorder(tl, session_spec="strength", path=other)
    for event in events(tl, stop=8):
        earlier.record(event)
    earlier.close(status=RunStatus.QUIT)
    _, earlier_sets = stored(other)
    assert earlier_sets > 0

    def replace() -> None:
        remove_all(path)
        shutil.copy(other, path)

    rec = run_with(tl, 2, replace)
    assert rec.saved and rec.warning is not None and "was replaced" in rec.warning
    runs, sets = stored()
    assert runs == [("strength", "quit"), ("strength", "finished")]
    assert sets == earlier_sets + SESSION_SETS  # its sets, and every set of this run


def test_a_restored_copy_that_holds_the_run_is_not_given_it_twice(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    path = history_file()
    backup = tmp_path / "backup.sqlite3"

    def take_copy() -> None:  # after one set, as a backup tool would (sqlite3 .backup)
        source = sqlite3.connect(path)
        target = sqlite3.connect(backup)
        source.backup(target)
        source.close()
        target.close()

    rec = open_recorder(tl, session_spec="strength")
    done = 0
    for event in events(tl):
        rec.record(event)
        if isinstance(event, SetEnded):
            done += 1
            if done == 1:
                take_copy()
            if done == 4:
                remove_all(path)
                shutil.copy(backup, path)  # the backup is put back mid-run
    rec.close(status=RunStatus.FINISHED)
    assert rec.saved
    assert stored() == ([("strength", "finished")], SESSION_SETS)


def test_a_history_deleted_after_the_last_set_is_made_again_at_close(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    path = history_file()
    rec = open_recorder(tl, session_spec="strength")
    for event in events(tl):
        rec.record(event)
    remove_all(path)  # while the summary screen is up
    rec.close(status=RunStatus.QUIT)
    assert rec.saved and rec.warning is not None and "deleted" in rec.warning
    assert stored() == ([("strength", "finished")], SESSION_SETS)


def test_a_resumed_run_whose_history_went_away_is_saved_on_its_own(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    path = history_file()
    first = open_recorder(tl, session_spec="strength")
    for event in events(tl, stop=6):
        first.record(event)
    first.close(status=RunStatus.QUIT)
    assert first.run_id is not None
    rec = open_recorder(tl, session_spec="strength", resumed_from=first.run_id)
    for event in events(tl, start=6):
        rec.record(event)
        if isinstance(event, SetEnded):
            remove_all(path)
    rec.close(status=RunStatus.FINISHED)
    assert rec.saved
    conn = sqlite3.connect(path)
    [(status, resumed_from, chain)] = conn.execute(
        "SELECT status, resumed_from, chain_id FROM runs").fetchall()
    conn.close()
    assert (status, resumed_from, chain) == ("finished", None, None)


def test_deleted_where_it_cannot_be_made_again_says_so_and_is_not_saved(
        tmp_path: Path, shared_dir: Path) -> None:
    tl = timeline(tmp_path)
    data = shared_dir / "data"
    data.mkdir()
    data.chmod(0o777)
    path = data / "history.sqlite3"

    def in_child() -> dict[str, object]:
        def lock_out() -> None:
            remove_all(path)
            data.chmod(0o555)  # the folder can no longer be written

        rec = open_recorder(tl, session_spec="strength", path=path)
        done = 0
        for event in events(tl):
            rec.record(event)
            if isinstance(event, SetEnded):
                done += 1
                if done == 2:
                    lock_out()
        rec.close(status=RunStatus.FINISHED)
        return {"saved": rec.saved, "warning": rec.warning}

    if os.geteuid() == 0:  # the child (nobody) owns the folder it locks itself out of
        os.chown(data, 65534, 65534)
    result = unprivileged(in_child)
    assert isinstance(result, dict)
    assert result["saved"] is False
    warning = str(result["warning"])
    assert warning.startswith("History not saved: ")
    # why it could not be made again first, within the top bar's 80 columns
    assert warning.startswith(
        "History not saved: its folder is read-only; file deleted during the run")
    assert len(warning) <= NOTICE_WIDTH
    data.chmod(0o755)


def test_a_history_made_read_only_mid_run_still_gets_every_set(
        tmp_path: Path, shared_dir: Path) -> None:
    """``chmod 444`` on the file: the open file is still written, the run is all there."""
    tl = timeline(tmp_path)
    path = shared_dir / "history.sqlite3"
    shared_dir.chmod(0o777)

    def in_child() -> dict[str, object]:
        rec = run_with(tl, 2, lambda: path.chmod(0o444), path)
        return {"saved": rec.saved, "warning": rec.warning}

    result = unprivileged(in_child)
    assert result == {"saved": True, "warning": None}
    path.chmod(0o644)
    assert stored(path) == ([("strength", "finished")], SESSION_SETS)
