"""The ``run`` command: bad input refused before any screen, exit statuses, crash reports."""

from __future__ import annotations

import functools
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App
from tui_support import rig, write_session

from hamstring_coach import cli
from hamstring_coach.system import paths
from hamstring_coach.tui.screens.summary import SummaryScreen

SESSIONS = Path(__file__).resolve().parents[2] / "sessions"
BAD = "name: Bad\nsteps:\n  - exercise: Curl\n    reps: 10\n    tempo: 3-1-1\n    sets: two\n"


def hamstring(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process with pipes (no terminal): what a script sees."""
    return subprocess.run([sys.executable, "-m", "hamstring_coach", *args], text=True,
                          capture_output=True, timeout=60, env={**os.environ, **env})


def test_an_invalid_session_prints_every_problem_and_exits_2_without_a_screen(
        tmp_path: Path) -> None:
    bad = write_session(tmp_path, "bad.yaml", BAD)
    done = hamstring("run", str(bad), "--no-sound")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"hamstring-coach run: {bad}:5:") and "tempo" in lines[0]
    assert lines[1].startswith(f"hamstring-coach run: {bad}:6:") and "sets" in lines[1]
    assert "\x1b[" not in done.stdout + done.stderr  # no screen was started
    assert "Traceback" not in done.stderr


def test_an_unknown_session_suggests_the_nearest_id() -> None:
    done = hamstring("run", "activaton", "--no-sound")
    assert done.returncode == 2
    assert 'no session called "activaton". Did you mean "activation"?' in done.stderr


@pytest.mark.parametrize("speed", ["0", "-1", "abc", "inf", "nan"])
def test_a_bad_speed_is_refused(speed: str) -> None:
    done = hamstring("run", "activation", "--speed", speed)
    assert done.returncode == 2
    assert "--speed" in done.stderr


@pytest.mark.parametrize("command", [["run", "activation"], ["hold", "30s"], ["break"]])
@pytest.mark.parametrize("speed", ["0.0000001", "1e-300", "0.09", "1000.5", "1e9"])
def test_a_speed_out_of_bounds_names_the_bounds(command: list[str], speed: str) -> None:
    """A session 10 million times slower would outlast its user: refused, bounds named."""
    done = hamstring(*command, "--no-sound", f"--speed={speed}")
    assert done.returncode == 2
    assert (f"argument --speed: {speed} is out of range: from 0.1 (10 times slower) "
            "to 1000 (1000 times faster)") in done.stderr
    assert "\x1b[" not in done.stdout + done.stderr  # refused before any screen


def test_an_existing_events_file_is_kept_unless_forced(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text("last week's measurements\n")
    done = hamstring("run", "activation", "--no-sound", "--events", str(events))
    assert done.returncode == 2
    assert done.stderr == (f"hamstring-coach run: the events file {events} already exists; "
                           "add --force to overwrite it\n")
    assert events.read_text() == "last week's measurements\n"
    dangling = tmp_path / "link.jsonl"
    dangling.symlink_to(tmp_path / "elsewhere.jsonl")
    done = hamstring("run", "activation", "--no-sound", "--events", str(dangling))
    assert done.returncode == 2 and "already exists" in done.stderr
    assert not (tmp_path / "elsewhere.jsonl").exists()


@pytest.mark.parametrize("command", [["run", "activation"], ["hold", "30s"], ["break"], []])
def test_a_dumb_terminal_gets_a_reason_and_exit_2_not_a_screen(command: list[str]) -> None:
    done = hamstring(*command, "--no-sound", TERM="dumb")
    assert done.returncode == 2
    begins = f"hamstring-coach {command[0]}: " if command else "hamstring-coach: "
    assert done.stderr.startswith(
        f"{begins}this terminal (TERM=dumb) cannot show the coaching screen; ")
    assert done.stderr.count("\n") == 1
    assert "\x1b" not in done.stdout + done.stderr


def test_a_dumb_terminal_still_lists_and_shows() -> None:
    for command in (["list"], ["show", "activation"],
                    ["validate", str(SESSIONS / "activation.yaml")]):
        done = hamstring(*command, TERM="dumb")
        assert done.returncode == 0, (command, done.stderr)
        assert done.stdout and not done.stderr


def test_an_unwritable_events_file_is_refused_before_the_screen(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = hamstring("run", "activation", "--no-sound", "--events", str(blocker / "ev.jsonl"))
    assert done.returncode == 2
    assert "cannot write the events file" in done.stderr
    assert "\x1b[" not in done.stderr


def test_resume_with_nothing_to_resume_says_so() -> None:
    done = hamstring("run", "--resume", "--no-sound")
    assert done.returncode == 2
    assert "Nothing to resume" in done.stderr


def test_no_session_and_no_resume_asks_which() -> None:
    done = hamstring("run")
    assert done.returncode == 2
    assert "which session?" in done.stderr


def test_a_crash_inside_the_app_prints_one_line_naming_a_report(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    session = write_session(tmp_path)

    def broken(engine: object) -> object:
        raise RuntimeError("the view broke")

    # A bug in drawing the screen, inside the real app started by the real command.
    monkeypatch.setattr("hamstring_coach.tui.screens.session.describe", broken)
    monkeypatch.setattr(App, "run", functools.partialmethod(App.run, headless=True))
    # Headless, so the missing terminal is no reason to stop (a user has one).
    monkeypatch.setattr("hamstring_coach.tui.launch.terminal_problem", lambda: None)
    status = cli.main(["run", str(session), "--no-sound"])
    err = capsys.readouterr().err
    assert status == 70
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "RuntimeError: the view broke" in lines[0]
    assert "Traceback" not in err
    report = Path(lines[0].rsplit("report written to ", 1)[1])
    assert report.is_file() and "the view broke" in report.read_text()
    assert report.parent == paths.data_dir() / "crash-reports"
    with sqlite3.connect(paths.history_file()) as conn:
        assert conn.execute("SELECT status FROM runs").fetchall() == [("crashed",)]


async def test_exit_status_3_when_the_history_cannot_be_saved(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(blocker / "history.sqlite3"))
    r = rig(str(write_session(tmp_path)), start_index=15, history=True)
    async with r.app.run_test(size=(80, 24)) as pilot:
        # The history opens just after the first frame; its warning shows on a tick,
        # in the top bar.
        for _ in range(100):
            r.screen.tick()
            if "History not saved" in r.text("#session-name"):
                break
            await pilot.pause(0.02)
        else:
            raise AssertionError("no warning that the history is not saved")
        r.move(1.0)
        await pilot.pause()
        assert isinstance(r.app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
    assert r.app.return_value == 3


async def test_exit_status_0_when_finished_and_saved(tmp_path: Path) -> None:
    r = rig(str(write_session(tmp_path)), start_index=15, history=True)
    async with r.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        r.move(1.0)
        await pilot.press("enter")
        await pilot.pause()
    assert r.app.return_value == 0
    with sqlite3.connect(paths.history_file()) as conn:
        assert conn.execute("SELECT status FROM runs").fetchall() == [("finished",)]
