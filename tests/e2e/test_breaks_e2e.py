"""End to end: the installed ``hamstring-coach break`` and ``hold`` in tmux.

``break --every 4s`` with a short session comes due (screen, desktop
notification), Enter starts the session on the coaching screen, and when it
ends the screen is back to waiting with the break counted, in the history
too. ``hold`` runs a stretch each side to its summary.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_driver import Tmux, command

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (installed by .ci/run)"),
]

SHORT_BREAK = """\
name: Tiny break
steps:
  - exercise: Standing heel pull
    hold: 2
    prepare: 1
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The test's user folders, and a notify-send on PATH that logs its calls."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "notify.log"
    script = bin_dir / "notify-send"
    script.write_text(f'#!/bin/sh\nprintf "%s|" "$@" >> "{log}"\necho >> "{log}"\n')
    script.chmod(0o755)
    return dict(os.environ, TERM="xterm-256color", PATH=f"{bin_dir}:{os.environ['PATH']}")


@pytest.fixture
def tmux(tmp_path: Path, env: dict[str, str]) -> Iterator[Tmux]:
    server = Tmux(tmp_path / "tmux.sock", env)
    yield server
    server.stop()


def history_breaks(env: dict[str, str]) -> list[str]:
    path = Path(env["HAMSTRING_COACH_DATA_DIR"]) / "history.sqlite3"
    if not path.exists():
        return []
    conn = sqlite3.connect(path, timeout=5)
    try:
        return [row[0] for row in conn.execute("SELECT kind FROM breaks ORDER BY id")]
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


def test_break_comes_due_and_enter_starts_it(tmp_path: Path, tmux: Tmux,
                                             env: dict[str, str]) -> None:
    session = tmp_path / "tiny.yaml"
    session.write_text(SHORT_BREAK, encoding="utf-8")
    tmux.start([*command(), "break", "--every", "4s", "--session", str(session),
                "--no-sound"], keep=True)
    waiting = tmux.wait_for(lambda s: "Next stretch break in" in s, "the waiting screen")
    assert "Tiny break · 0:03" in waiting
    assert "Today: 0 taken · 0 snoozed · 0 skipped" in waiting
    assert "Start now" in waiting and "Quit" in waiting

    # What the user sees: a big countdown in seconds from --every's 4 s, then the
    # break due (the wait is a hang guard: it only fires if the break never comes).
    assert "every 4 s · Enter starts it now" in waiting
    assert re.search(r"Next stretch break in\n(.*\n){1,4}\s+seconds\n", waiting), waiting
    tmux.wait_for(lambda s: "Stretch break due" in s, "the break to come due", 30)
    # the Footer follows a frame later with the keys a due break has
    tmux.wait_for(lambda s: "Start " in s and "Snooze" in s and "Skip" in s,
                  "the due keys in the footer", 5)
    notified = (tmp_path / "notify.log").read_text()
    assert "Stretch break|Time for Tiny break (0:03).|" in notified

    tmux.keys("Enter")
    tmux.wait_for(lambda s: "Standing heel pull" in s, "the coaching screen", 10)
    back = tmux.wait_for(lambda s: "Next stretch break in" in s, "back to waiting", 20)
    assert "Today: 1 taken · 0 snoozed · 0 skipped" in back
    assert history_breaks(env) == ["taken"]

    tmux.keys("q")
    assert "EXIT=0" in tmux.wait_for(lambda s: "EXIT=" in s, "the app to exit", 10)


def test_hold_each_side_runs_to_its_summary(tmux: Tmux) -> None:
    tmux.start([*command(), "hold", "2s", "--sides", "each", "--stretch", "--no-sound",
                "--speed", "2"], keep=True)
    tmux.wait_for(lambda s: "Stretch 2 s each side" in s, "the hold session")
    tmux.wait_for(lambda s: "S T R E T C H" in s and "Left" in s, "the left stretch", 10)
    tmux.wait_for(lambda s: "S T R E T C H" in s and "Right" in s, "the right stretch", 10)
    summary = tmux.wait_for(lambda s: "Session complete" in s, "the summary", 15)
    assert "Stretch 2 s each side" in summary and "1/1" in summary
    tmux.keys("q")
    assert "EXIT=0" in tmux.wait_for(lambda s: "EXIT=" in s, "the app to exit", 10)


@pytest.mark.parametrize(("argv", "message"), [
    (["hold", "0"], "hold: the hold must be more than 0 s"),
    (["hold", "2 fortnights"], "argument DURATION: '2 fortnights'"),
    (["hold", "30s", "--sets", "0"], "must be 1 or more"),
    (["break", "--every", "0s"], "--every must be between 1 s and 24 h"),
    (["break", "--session", "no-such-session"], "no-such-session"),
    (["break", "--max-snoozes", "-1"], "argument --max-snoozes: must be 0 or more"),
    (["break", "--snooze", "soon"], "argument --snooze: 'soon'"),
    (["break", "--every", "45"], "argument --every: give a unit, e.g. 45m, 1h or 90s"),
])
def test_bad_arguments_are_clear_errors(argv: list[str], message: str,
                                        env: dict[str, str]) -> None:
    result = subprocess.run([*command(), *argv], capture_output=True, text=True, env=env,
                            timeout=30)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
