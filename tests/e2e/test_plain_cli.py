"""``run --plain`` through the installed command: pipes, no terminal, a terminal in tmux,
and NO_COLOR for the app and the printers."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from test_e2e_tmux import COMMAND, exited, open_terminal

SESSION = """\
name: "Short [red]one"
steps:
  - exercise: "Bridge [@click=app.quit] hold"
    sets: 2
    hold: 12
    rest: 6
  - cue: Stand up
"""

HOLD = ["10 seconds left", "5 seconds left", "3", "2", "1", "End of Hold."]
EXPECTED = [
    "Session: Short [red]one, 0:35 plus 1 wait.",
    "Input: an empty line ends a wait; p pauses, s skips, q quits.",
    "Bridge [@click=app.quit] hold, Get ready, 5 seconds. Get into position · 2 × 12 s hold.",
    "3", "2", "1", "End of Get ready.",
    "Bridge [@click=app.quit] hold, Hold, set 1 of 2, 12 seconds. Hold it, breathe.",
    *HOLD,
    "Bridge [@click=app.quit] hold, Rest, 6 seconds. Next: set 2/2.",
    "5 seconds left", "3", "2", "1", "End of Rest.",
    "Bridge [@click=app.quit] hold, Hold, set 2 of 2, 12 seconds. Hold it, breathe.",
    *HOLD,
    "Stand up. Wait: an empty line on input goes on.",
]


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
            "HAMSTRING_COACH_CONFIG_DIR": str(home / "config"),
            "HAMSTRING_COACH_DATA_DIR": str(home / "data"), **extra}


def _plain(home: Path, stdin: Any, input: str | None = None) -> subprocess.CompletedProcess[str]:
    session = home / "short.yaml"
    session.write_text(SESSION)
    return subprocess.run([str(COMMAND), "run", "--plain", "--speed", "1000", "--no-sound",
                           str(session)], stdin=stdin, input=input, capture_output=True,
                          text=True, timeout=60, env=_env(home), check=False)


def _statuses(home: Path) -> list[str]:
    with sqlite3.connect(home / "data" / "history.sqlite3") as conn:
        return [row[0] for row in conn.execute("SELECT status FROM runs ORDER BY id")]


@pytest.fixture(autouse=True)
def _installed() -> None:
    if not COMMAND.exists():
        pytest.skip(f"{COMMAND} is not installed")


def test_a_pipe_drives_the_session_line_by_line_and_the_run_is_kept(tmp_path: Path) -> None:
    done = _plain(tmp_path, None, input="\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [*EXPECTED, "Session finished."]
    assert "\x1b" not in done.stdout  # no colour, no cursor movement, no title change
    assert _statuses(tmp_path) == ["finished"]


def test_no_input_at_all_runs_the_timed_part_and_quits_at_the_wait(tmp_path: Path) -> None:
    with open(os.devnull) as devnull:  # as under cron
        done = _plain(tmp_path, devnull)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        *EXPECTED, "Input ended at a wait: quitting (kept in the history as quit)."]
    assert _statuses(tmp_path) == ["quit"]


def test_q_on_input_quits_at_once(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SESSION)
    done = subprocess.run([str(COMMAND), "run", "--plain", "--no-sound",
                           str(tmp_path / "s.yaml")], input="q\n", capture_output=True,
                          text=True, timeout=30, env=_env(tmp_path), check=False)
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "Quit."
    assert _statuses(tmp_path) == ["quit"]


def test_the_setting_plain_true_makes_run_plain(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.json").write_text('{"plain": true}')
    (tmp_path / "short.yaml").write_text(SESSION)
    done = subprocess.run([str(COMMAND), "run", "--speed", "1000", "--no-sound",
                           str(tmp_path / "short.yaml")], input="\n", capture_output=True,
                          text=True, timeout=60, env=_env(tmp_path), check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Session finished."


def test_sigterm_quits_cleanly_with_128_plus_15(tmp_path: Path) -> None:
    (tmp_path / "short.yaml").write_text(SESSION)
    proc = subprocess.Popen([str(COMMAND), "run", "--plain", "--no-sound",
                             str(tmp_path / "short.yaml")], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=_env(tmp_path))
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("Session: ")
    proc.terminate()
    assert proc.wait(timeout=20) == 128 + 15
    assert _statuses(tmp_path) == ["quit"]


@pytest.mark.slow
def test_in_a_terminal_keys_are_single_presses(tmp_path: Path) -> None:
    (tmp_path / "short.yaml").write_text(SESSION)
    term = open_terminal(tmp_path)
    try:
        term.type_line(f"{COMMAND} run --plain --speed 1000 --no-sound "
                       f"{tmp_path / 'short.yaml'}; echo EXIT=$?")
        term.wait_for(lambda s: "Wait: press Enter." in s)
        term.keys("Space")  # one key, no Enter: the wait ends
        term.wait_for(exited)
        screen = term.tmux("capture-pane", "-p", "-S", "-100", "-t", term.window)  # scrolled too
        assert "Keys: Enter or Space ends a wait, p pauses, s skips, q quits." in screen
        assert "Session finished." in screen and "EXIT=0" in screen
        assert term.flag("alternate_on") == "0"  # never a full-screen app
    finally:
        term.stop()
    assert _statuses(tmp_path) == ["finished"]


COLOUR = re.compile(r"\x1b\[((?:[0-9]+;)*[0-9]*)m")


def _grey_256(index: int) -> bool:
    """An xterm-256 index that is a grey: the grey ramp, the cube's diagonal, black/white."""
    if index >= 232 or index in (0, 7, 8, 15):
        return True
    if 16 <= index <= 231:
        r, g, b = (index - 16) // 36, (index - 16) // 6 % 6, (index - 16) % 6
        return r == g == b
    return False


def _colours(painted: str) -> list[int]:
    """Every 256-colour index the screen uses (tmux maps true colour to them)."""
    found = []
    for params in COLOUR.findall(painted):
        parts = [int(p) for p in params.split(";") if p]
        for i, code in enumerate(parts):
            if code in (38, 48) and parts[i + 1:i + 2] == [5]:
                found.append(parts[i + 2])
            elif 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 107:
                found.append(code)  # a named colour: never a grey here
    return found


@pytest.mark.slow
@pytest.mark.parametrize("no_color", [True, False], ids=["NO_COLOR", "colour"])
def test_no_color_the_app_draws_in_greys_only(tmp_path: Path, no_color: bool) -> None:
    term = open_terminal(tmp_path)
    prefix = "NO_COLOR=1 " if no_color else ""
    try:
        term.type_line(f"{prefix}{COMMAND} run --speed 0.1 --no-sound activation;"
                       " echo EXIT=$?")
        term.wait_for(lambda s: "Prone heel press" in s)
        time.sleep(0.5)  # a frame or two after the first (real terminal, real app)
        painted = term.screen(colours=True)
        colours = _colours(painted)
        term.keys("q")
        term.wait_for(lambda s: "Quit this session?" in s)
        term.keys("y")
        term.wait_for(exited)
    finally:
        term.stop()
    assert colours, "the capture has no colour codes to judge"
    if no_color:
        assert [c for c in colours if not _grey_256(c)] == []
    else:  # the same screen with colour: the check above can fail
        assert [c for c in colours if not _grey_256(c)] != []


def test_no_color_and_force_color_the_printers_emit_no_escapes(tmp_path: Path) -> None:
    _plain(tmp_path, subprocess.DEVNULL)  # one run on record, with an ESC in its name
    for env in ({"NO_COLOR": "1"}, {"FORCE_COLOR": "1", "TERM": "xterm-256color"}):
        for command in (["list"], ["show", "activation"], ["history"], ["exercises"],
                        ["validate", str(tmp_path / "short.yaml")], ["--help"]):
            done = subprocess.run([str(COMMAND), *command], capture_output=True, text=True,
                                  timeout=60, env=_env(tmp_path, **env), check=False)
            assert "\x1b" not in done.stdout + done.stderr, (command, env)
