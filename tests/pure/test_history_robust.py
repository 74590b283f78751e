"""Nothing lost: damaged files are kept and replaced, read-only places warn.

The read-only cases need a user that file permissions apply to. Tests run
as root in CI, and root ignores ``chmod``, so these tests fork a child that
drops to the ``nobody`` user (uid/gid 65534) with ``os.setuid`` before it
touches the history; as an ordinary user the child keeps its own uid and
the same ``chmod`` applies to it. Everything the child needs is imported
before the fork (the interpreter itself may live where ``nobody`` cannot
read).
"""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from history_support import SESSION_SETS, events, feed, timeline
from unprivileged_support import unprivileged

from hamstring_coach.history import open_recorder, record_break
from hamstring_coach.history.stats import read
from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.messages import NOTICE_WIDTH, Notice
from hamstring_coach.system.paths import history_file


def damage(path: Path) -> None:
    """Overwrite the start of a few pages inside a real database file."""
    data = bytearray(path.read_bytes())
    page = 4096
    for n in range(1, len(data) // page):
        data[n * page:n * page + 32] = b"\xff" * 32
    path.write_bytes(bytes(data))


def recorded_run(tl: Timeline) -> None:
    rec = open_recorder(tl, session_spec="strength")
    feed(rec, tl)
    rec.close(status=RunStatus.FINISHED)


def kept_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*"))


def test_a_file_that_is_not_a_database_is_kept_and_a_new_one_started(tmp_path: Path) -> None:
    path = history_file()
    path.parent.mkdir(parents=True)
    garbage = b"these are my notes, not a database\n" * 200
    path.write_bytes(garbage)
    tl = timeline(tmp_path)
    rec = open_recorder(tl, session_spec="strength")
    [kept] = kept_files(path)
    assert kept.read_bytes() == garbage  # kept untouched
    assert kept.name.startswith("history.sqlite3.corrupt-2")
    assert rec.saved  # the run is recorded in the new file
    assert isinstance(rec.warning, Notice) and rec.warning.path == str(kept)
    feed(rec, tl)
    rec.close(status=RunStatus.FINISHED)
    data, note = read()
    assert note is None and len(data.runs) == 1 and len(data.sets) == SESSION_SETS


def test_a_damaged_database_is_kept_and_a_new_one_started(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    for _ in range(30):  # enough rows for several pages
        recorded_run(tl)
    path = history_file()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file
    conn.close()
    damage(path)
    damaged = path.read_bytes()
    rec = open_recorder(tl, session_spec="strength")
    [kept] = kept_files(path)
    assert kept.read_bytes() == damaged
    assert rec.saved and isinstance(rec.warning, Notice) and rec.warning.path == str(kept)
    rec.close(status=RunStatus.QUIT)
    data, _ = read()
    assert [r.status for r in data.runs] == ["quit"]


def test_reading_a_damaged_file_also_keeps_it(tmp_path: Path) -> None:
    path = history_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage" * 1000)
    data, note = read()
    [kept] = kept_files(path)
    assert isinstance(note, Notice) and note.path == str(kept)
    assert data.runs == ()


# --- read-only places, as a user permissions apply to -------------------------------


def run_in_child(tl: Timeline) -> dict[str, object]:
    """A whole run with the history recorder; what the session would see."""
    rec = open_recorder(tl, session_spec="strength")
    for event in events(tl):
        rec.record(event)  # the session goes on
    rec.close(status=RunStatus.FINISHED)
    return {"saved": rec.saved, "warning": rec.warning,
            "break": record_break("taken", __import__("datetime").datetime.now().astimezone())}


def test_a_read_only_folder_warns_and_the_session_still_runs(
        tmp_path: Path, shared_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = shared_dir / "data"
    data.mkdir()
    data.chmod(0o555)  # r-x for everyone, owned by root (or by us: still not writable)
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(data / "history.sqlite3"))
    tl = timeline(tmp_path)
    result = unprivileged(lambda: run_in_child(tl))
    assert isinstance(result, dict)
    assert result["saved"] is False
    assert str(result["warning"]).startswith("History not saved: ")
    assert str(data) in str(result["warning"])
    assert str(result["break"]).startswith("History not saved: ")
    assert list(data.iterdir()) == []


def test_a_read_only_history_file_warns_and_is_not_changed(
        tmp_path: Path, shared_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = shared_dir / "history.sqlite3"
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(path))
    tl = timeline(tmp_path)
    recorded_run(tl)  # one run recorded while writable
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = path.read_bytes()
    shared_dir.chmod(0o777)  # the folder stays writable: only the file is read-only
    path.chmod(0o444)
    result = unprivileged(lambda: run_in_child(tl))
    assert isinstance(result, dict)
    assert result["saved"] is False
    warning = str(result["warning"])  # the text the child's session would show
    assert warning.startswith("History not saved: the file is read-only (")
    assert warning.endswith(f"/{path.name})") and len(warning) <= NOTICE_WIDTH
    assert path.read_bytes() == before
    path.chmod(0o644)
    data, _ = read()
    assert len(data.runs) == 1  # the earlier run is still there, nothing half-written
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_the_history_of_a_read_only_folder_can_still_be_read(
        tmp_path: Path, shared_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = shared_dir / "history.sqlite3"
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(path))
    recorded_run(timeline(tmp_path))
    for name in ("history.sqlite3-wal", "history.sqlite3-shm"):
        assert not (shared_dir / name).exists()  # the last connection closed cleanly
    shared_dir.chmod(0o555)

    def read_it() -> list[object]:
        data, _ = read()
        return [len(data.runs), len(data.sets)]

    assert unprivileged(read_it) == [1, SESSION_SETS]
