"""End to end: a real ``hamstring-coach run`` in tmux is SIGKILLed mid-session; its
completed sets are in the history, ``history`` shows it killed, and
``run --resume`` finishes it from the interrupted set.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tmux_driver import Tmux, command

from hamstring_coach.history import last_unfinished

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (installed by .ci/run)"),
]

SESSION = """\
name: Kill test
steps:
  - exercise: Hamstring hold
    function: [knee-flexion, hip-extension]
    hold: 20
    sets: 6
    rest: 20
    prepare: 5
"""
SETS = 6


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    env = dict(os.environ, TERM="xterm-256color")
    server = Tmux(tmp_path / "tmux.sock", env)
    yield server
    server.stop()


def query(path: Path, sql: str) -> list[tuple[Any, ...]]:
    """Read the history as another process does, while the app writes it."""
    if not path.exists():
        return []
    conn = sqlite3.connect(path, timeout=5)
    try:
        return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:  # the app has not created the tables yet
        return []
    finally:
        conn.close()


def wait_for(check: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def pid_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_killed_session_keeps_its_sets_and_resumes(tmp_path: Path, tmux: Tmux) -> None:
    session = tmp_path / "kill-test.yaml"
    session.write_text(SESSION)
    history = Path(os.environ["HAMSTRING_COACH_DATA_DIR"]) / "history.sqlite3"
    run = [*command(), "run", str(session), "--speed", "20", "--no-sound"]
    tmux.start(run, name="first")

    wait_for(lambda: query(history, "SELECT count(*) FROM sets")[0:1] >= [(2,)],
             "two sets in the history")
    [(pid,)] = query(history, "SELECT pid FROM runs")
    before = query(history, "SELECT id, set_no, skipped FROM sets ORDER BY id")
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: pid_gone(pid), "the app to die")

    after = query(history, "SELECT id, set_no, skipped, reps, seconds, function, done_at "
                           "FROM sets ORDER BY id")
    assert [row[:3] for row in after[:len(before)]] == before  # nothing lost
    done = len(after)
    assert 2 <= done < SETS, "the run was killed before its end"
    assert all(row[2] == 0 and row[4] == 20.0 and row[5] == "knee-flexion,hip-extension"
               for row in after)
    assert query(history, "SELECT status, ended_at FROM runs") == [("running", None)]

    shown = subprocess.run([*command(), "history", "--format", "json"], capture_output=True,
                           text=True, check=True).stdout
    [exported] = json.loads(shown)["runs"]
    assert exported["shown_status"] == "killed" and len(exported["sets"]) == done
    table = subprocess.run([*command(), "history"], capture_output=True, text=True,
                           check=True).stdout
    assert "killed" in table and f"{done}/{SETS}" in table

    point = last_unfinished()
    assert point is not None and point.status == "killed" and point.source == session
    assert point.sets_done == done

    tmux.start([*command(), "run", "--resume", "--speed", "20", "--no-sound"], name="resumed")
    wait_for(lambda: query(history, "SELECT status FROM runs ORDER BY id")
             == [("running",), ("finished",)], "the resumed run to finish")
    chain = query(history, "SELECT run_id, set_no FROM sets WHERE skipped = 0 ORDER BY id")
    assert sorted(set_no for _, set_no in chain) == list(range(1, SETS + 1))  # each set once
    assert {run_id for run_id, _ in chain} == {1, 2}
    assert query(history, "SELECT resumed_from, start_phase > 0 FROM runs WHERE id = 2") == [
        (1, 1)]
    table = subprocess.run([*command(), "history"], capture_output=True, text=True,
                           check=True).stdout
    assert "finished*" in table and f"{SETS}/{SETS}" in table and "100%" in table
    assert last_unfinished() is None


def test_an_unwritable_history_warns_the_session_runs_and_the_exit_status_says_so(
        tmp_path: Path, tmux: Tmux) -> None:
    """A data folder that cannot be made (a file is in its way), as a real run meets it."""
    session = tmp_path / "short.yaml"
    session.write_text("name: Short\nsteps:\n  - exercise: Hold\n    hold: 100\n"
                       "    prepare: 1\n    function: knee-flexion\n")
    blocker = tmp_path / "data-is-a-file"
    blocker.write_text("")
    status = tmp_path / "status"
    argv = " ".join([*command(), "run", str(session), "--speed", "20", "--no-sound"])
    line = f"env HAMSTRING_COACH_HISTORY={blocker}/history.sqlite3 {argv}; echo $? > {status}"
    tmux.start(["sh", "-c", line + "; sleep 60"], name="unsaved")
    wait_for(lambda: "History not saved" in tmux.screen("unsaved"), "the warning on screen")
    wait_for(lambda: "Quit" in tmux.screen("unsaved") and "Done" in tmux.screen("unsaved"),
             "the summary after the whole session ran")
    subprocess.run(["tmux", "-S", str(tmux.socket), "send-keys", "-t", "unsaved", "q"],
                   check=True, env=tmux.env)
    wait_for(lambda: status.exists() and status.read_text().strip() != "", "the exit status")
    assert status.read_text().strip() == "3"
    assert blocker.read_text() == ""  # nothing written anywhere
