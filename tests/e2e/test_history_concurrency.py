"""Several instances at once: eight real processes, 100 sessions each, no row lost."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from pathlib import Path

import pytest
from history_support import SESSION_SETS, feed, timeline

from hamstring_coach.run.ports import RunStatus

PROCESSES = 8
SESSIONS = 100


def _writer(folder: str, history: str, number: int, start: object) -> None:
    """One instance: records SESSIONS whole runs, as fast as it can."""
    import os

    os.environ["HAMSTRING_COACH_HISTORY"] = history
    from hamstring_coach.history import open_recorder

    tl = timeline(Path(folder), f"writer{number}")
    start.wait()  # type: ignore[attr-defined]  # all begin together, on a file that does not exist yet
    for _ in range(SESSIONS):
        rec = open_recorder(tl, session_spec=f"writer{number}")
        if not rec.saved:
            raise SystemExit(f"writer {number}: {rec.warning}")
        feed(rec, tl)
        rec.close(status=RunStatus.FINISHED)
        if not rec.saved:
            raise SystemExit(f"writer {number}: {rec.warning}")


@pytest.mark.slow
def test_eight_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    history = tmp_path / "data" / "history.sqlite3"  # created by the race itself
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES)
    workers = [context.Process(target=_writer, args=(str(tmp_path / f"s{n}"), str(history), n,
                                                      start))
               for n in range(PROCESSES)]
    began = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=240)
    elapsed = time.monotonic() - began
    assert [w.exitcode for w in workers] == [0] * PROCESSES, f"after {elapsed:.1f} s"

    conn = sqlite3.connect(history)
    per_writer = conn.execute(
        "SELECT session_id, count(*), sum(status = 'finished') FROM runs GROUP BY session_id "
        "ORDER BY session_id").fetchall()
    sets = conn.execute(
        "SELECT runs.session_id, count(*) FROM sets JOIN runs ON runs.id = sets.run_id "
        "GROUP BY runs.session_id").fetchall()
    empty_runs = conn.execute(
        "SELECT count(*) FROM runs WHERE id NOT IN (SELECT run_id FROM sets)").fetchone()
    check = conn.execute("PRAGMA integrity_check").fetchone()
    conn.close()
    assert per_writer == [(f"writer{n}", SESSIONS, SESSIONS) for n in range(PROCESSES)]
    assert sorted(sets) == [(f"writer{n}", SESSIONS * SESSION_SETS) for n in range(PROCESSES)]
    assert empty_runs == (0,) and check == ("ok",)
