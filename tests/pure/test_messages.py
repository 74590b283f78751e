"""The words of errors and warnings (issue 16, item 7).

Every error a command prints begins ``hamstring-coach COMMAND: ``; a
history or settings warning says its problem first and fits in 80 columns,
the file's path shortened sensibly (``~`` for home, middle folders as ``…``).
The warnings come from the real recorder, the real settings loader and the
real CLI, on real files.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from hamstring_coach.cli import main
from hamstring_coach.format import load_session
from hamstring_coach.history import open_recorder, record_break
from hamstring_coach.history.store import describe_error
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.system.messages import (
    NOTICE_WIDTH,
    Notice,
    columns,
    error_line,
    short_path,
)
from hamstring_coach.system.paths import settings_file
from hamstring_coach.system.settings import load_settings
from hamstring_coach.tui.launch import exit_report

HOLD = "name: Words\nsteps:\n  - exercise: Heel press\n    hold: 1\n    prepare: 0\n"


def deep(base: Path) -> Path:
    """A folder deep enough that its path alone is wider than a terminal."""
    folder = base.joinpath(*(f"folder-number-{n}" for n in range(6)))
    folder.mkdir(parents=True)
    return folder


# -- how every error begins -----------------------------------------------------------

def test_an_error_line_names_the_program_and_the_command() -> None:
    assert error_line("run", "sessions/x.yaml:3:5: steps[0].hold: expected a time") == (
        "hamstring-coach run: sessions/x.yaml:3:5: steps[0].hold: expected a time")
    assert error_line(None, "no such thing") == "hamstring-coach: no such thing"
    assert error_line("ctl", "pause", "bad time") == "hamstring-coach ctl: pause: bad time"
    assert error_line("show", "a\nb") == "hamstring-coach show: a\\nb"  # one line, always


BAD = "name: Bad\nsteps:\n  - exercise: Heel press\n    hold: soon\n"


@pytest.mark.parametrize(("command", "argv"), [
    ("run", ["run", "{bad}"]),
    ("run", ["run", "no-such-session"]),
    ("run", ["run", "activation", "--no-sound"]),  # not a terminal: no screen
    ("show", ["show", "{bad}"]),
    ("show", ["show", "no-such-session"]),
    ("validate", ["validate", "{bad}"]),
    ("validate", ["validate", "{tmp}/missing.yaml"]),
    ("render", ["render", "{bad}", "{tmp}/out.wav"]),
    ("render", ["render", "activation", "{tmp}/out.mp3"]),
    ("new", ["new", "!!!"]),
    ("new", ["new", "x", "--from", "no-such-session"]),
    ("list", ["list", "--exercises", "--tag", "x"]),
    ("programme show", ["programme", "no-such-programme"]),
    ("programme check", ["programme", "check", "no-such-programme"]),
    ("schema", ["schema", "--catalogue", "--programme"]),
    ("schema", ["schema", "-o", "{tmp}"]),
    ("ctl", ["ctl", "start", "1h"]),
    ("ctl", ["ctl", "pause", "soon"]),
    ("report", ["report", "-o", "{tmp}/report.txt"]),
    ("today", ["today", "no-such-programme"]),
    ("progress", ["progress", "reset", "no-such-session"]),
    ("break", ["break", "--session", "activation", "--minutes", "2"]),
    ("break", ["break", "--no-sound"]),
    ("hold", ["hold", "30", "--no-sound"]),
    (None, ["--no-sound"]),  # the picker has no command
], ids=lambda v: " ".join(v) if isinstance(v, list) else str(v))
def test_every_error_begins_with_the_program_and_its_command(
        command: str | None, argv: list[str], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    status = main([arg.format(bad=bad, tmp=tmp_path) for arg in argv])
    err = capsys.readouterr().err
    assert status in (1, 2), err
    lines = err.splitlines()
    assert lines, "no error said"
    begins = f"hamstring-coach {command}: " if command else "hamstring-coach: "
    for line in lines:
        assert line.startswith(begins), err
    if "{bad}" in argv:  # a file's problem: at its place, after the command
        assert f"hamstring-coach {command}: {bad}:4:11: steps[0].hold: " in err, err


# -- a warning about a file in 80 columns ----------------------------------------------

def test_a_path_is_shortened_in_its_middle_keeping_home_and_the_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/u")
    full = "/home/u/.local/share/hamstring-coach/history.sqlite3"
    assert short_path(full, 80) == "~/.local/share/hamstring-coach/history.sqlite3"
    assert short_path(full, 40) == "~/.local/…/history.sqlite3"
    assert short_path(full, 22) == "~/…/history.sqlite3"
    assert short_path("/srv/a/b/c/d/e/f/g/history.sqlite3", 26) == "/srv/…/f/g/history.sqlite3"
    assert columns(short_path("/x/" + "n" * 90, 30)) == 30  # a name too long is cut at its end
    assert short_path("/home/uu/x", 80) == "/home/uu/x"  # not the home folder: as it is


def test_a_notice_says_the_problem_first_and_fits_every_width(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/u")
    notice = Notice("History not saved: disk full",
                    "/home/u/.local/share/hamstring-coach/history.sqlite3")
    assert notice == "History not saved: disk full (~/.local/…/hamstring-coach/history.sqlite3)"
    assert columns(notice) <= NOTICE_WIDTH
    assert notice.fit(58) == "History not saved: disk full (~/.local/…/history.sqlite3)"
    assert notice.fit(40) == "History not saved: disk full"  # no room for a useful path
    assert notice.fit(10) == "History not saved: disk full"  # the problem is never cut
    # the last part of an error line is laid out for what is left of 80 columns
    line = error_line("break", notice)
    assert line.startswith("hamstring-coach break: History not saved: disk full (")
    assert columns(line) <= 80


def test_a_history_that_is_a_folder_is_said_first_within_80_columns(tmp_path: Path) -> None:
    history = deep(tmp_path) / "history.sqlite3"
    history.mkdir()
    timeline = compile_session(load_session(_session(tmp_path)))
    recorder = open_recorder(timeline, session_spec="words", path=history)
    warning = recorder.warning
    assert not recorder.saved and warning is not None
    assert warning.startswith("History not saved: a folder, not a regular file (")
    assert warning.endswith("/history.sqlite3)") and columns(warning) <= NOTICE_WIDTH
    assert isinstance(warning, Notice) and warning.path == str(history)
    broken = record_break("taken", datetime.now().astimezone(), path=history)
    assert broken is not None and broken.startswith("History not saved: a folder, not a regular")
    assert columns(broken) <= NOTICE_WIDTH


def test_a_full_disk_is_said_as_disk_full(tmp_path: Path) -> None:
    path = deep(tmp_path) / "history.sqlite3"
    said = describe_error(sqlite3.OperationalError("database or disk is full"), path)
    assert said.startswith("disk full (") and said.path == str(path)
    assert describe_error(OSError(28, "No space left on device"), path).problem == "disk full"


def test_a_broken_settings_file_is_said_first_within_80_columns(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMSTRING_COACH_CONFIG_DIR", str(deep(tmp_path)))
    path = settings_file()
    path.write_text("{not json", encoding="utf-8")
    _, warning = load_settings()
    assert warning is not None
    assert warning.startswith("Settings: not valid JSON (line 1, column 2); using defaults (")
    assert warning.endswith("/config.json)") and columns(warning) <= NOTICE_WIDTH
    assert warning.path == str(path) and path.with_name("config.json.broken").is_file()
    path.write_text(json.dumps({"volume": "loud", "theme": "pink"}), encoding="utf-8")
    _, warning = load_settings()
    assert warning is not None and columns(warning) <= NOTICE_WIDTH
    assert warning.startswith("Settings: volume 'loud' not 0-100; theme 'pink' unknown; defaults")


# -- exit status 3 says why ------------------------------------------------------------

def test_a_plain_run_whose_history_is_lost_exits_3_and_says_why_in_one_line(
        tmp_path: Path) -> None:
    """``run --plain`` needs no terminal: the real command, a real folder as the history."""
    history = deep(tmp_path) / "history.sqlite3"
    history.mkdir()
    env = {**os.environ, "HAMSTRING_COACH_HISTORY": str(history), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "hamstring_coach", "run", "--plain",
                           "--speed", "1000", "--no-sound", str(_session(tmp_path))],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=60, env=env, check=False)
    assert done.returncode == 3, done.stderr
    assert done.stdout.splitlines()[-1] == "Session finished."
    assert done.stderr.splitlines() == [
        "hamstring-coach run: History not saved: a folder, not a regular file"]


def test_after_exit_status_3_stderr_never_says_nothing() -> None:
    assert exit_report([], 3) == ["History not saved (exit status 3)"]
    assert exit_report(["History not saved: disk full"], 3) == ["History not saved: disk full"]
    assert exit_report([], 0) == []


def _session(folder: Path) -> Path:
    path = folder / "words.yaml"
    path.write_text(HOLD, encoding="utf-8")
    return path
