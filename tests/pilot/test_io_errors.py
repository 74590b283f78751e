"""Ordinary I/O errors are one clear line and exit 1, never the crash report.

Real conditions only: a real full disk (a 64 KiB tmpfs mounted for the test;
skipped where mounting is not allowed), a real name too long for the
file system, a folder where a file is expected, and a folder the user may
not write (the command run as ``nobody`` when the tests run as root).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_support import RecordingPlayer, write_session
from unprivileged_support import unprivileged

from hamstring_coach.cli import main
from hamstring_coach.run.eventlog import EventLog
from hamstring_coach.run.session_run import StartRequest
from hamstring_coach.tui.app import AppConfig
from hamstring_coach.tui.factory import make_app, null_recorder

LONG = "n" * 300  # past NAME_MAX (255) on every Linux file system


@pytest.fixture
def full_disk() -> Iterator[Path]:
    """A real file system with no space left: a tiny tmpfs, filled."""
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    folder = Path(tempfile.mkdtemp(prefix="hc-full-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        fill(folder / "filler")
        yield folder
    finally:
        # Lazily, if a file there is still open: the mount never outlives the test.
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        folder.rmdir()


def fill(path: Path, block: int = 4096) -> None:
    """Write to ``path`` until the disk is full."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(fd, b"\0" * block)
    except OSError:
        pass
    finally:
        os.close(fd)


def no_crash_report(isolated: Path) -> None:
    assert not (isolated / "data" / "crash-reports").exists()


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_schema_to_a_full_disk(full_disk: Path, capsys: pytest.CaptureFixture[str],
                               isolated_user_dirs: Path) -> None:
    target = full_disk / "schema.json"
    assert main(["schema", "-o", str(target)]) == 1
    assert one_line(capsys.readouterr().err) == (
        f"hamstring-coach schema: {target}: No space left on device")
    no_crash_report(isolated_user_dirs)


@pytest.mark.parametrize("argv", [["list"], ["schema"], ["history", "--format", "csv"]])
def test_standard_output_to_a_full_disk(full_disk: Path, argv: list[str],
                                        isolated_user_dirs: Path) -> None:
    out = full_disk / "out.txt"
    with open(out, "wb") as handle:
        done = subprocess.run([sys.executable, "-m", "hamstring_coach", *argv], stdout=handle,
                              stderr=subprocess.PIPE, text=True, timeout=60,
                              env=dict(os.environ))
    assert done.returncode == 1, done.stderr
    assert one_line(done.stderr) == (
        f"hamstring-coach {argv[0]}: standard output: No space left on device")
    no_crash_report(isolated_user_dirs)


def test_render_to_a_full_disk(full_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = full_disk / "track.wav"
    assert main(["render", "activation", str(target)]) == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith("hamstring-coach render: ") and str(target) in line
    assert line.endswith("No space left on device")


@pytest.mark.parametrize("argv", [
    ["schema", "-o", "{tmp}/" + LONG + ".json"],
    ["render", "activation", "{tmp}/" + LONG + ".wav"],
    ["show", "{tmp}/" + LONG + ".yaml"],
    ["run", "{tmp}/" + LONG + ".yaml"],
    ["new", LONG],
], ids=["schema", "render", "show", "run", "new"])
def test_a_name_too_long(tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str],
                         isolated_user_dirs: Path) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(args) in (1, 2)
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"hamstring-coach {argv[0]}: ") or line.startswith(str(tmp_path))
    assert "File name too long" in line and LONG in line
    assert "unexpected error" not in line
    no_crash_report(isolated_user_dirs)


def test_a_folder_given_as_the_schema_file(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    # A folder is not a regular file: refused before anything is opened (exit 2,
    # issue 9 item 3), not an I/O error half-way (exit 1).
    assert main(["schema", "-o", str(tmp_path)]) == 2
    assert one_line(capsys.readouterr().err).startswith(f"hamstring-coach schema: {tmp_path}: ")


def test_a_folder_the_user_may_not_write(shared_dir: Path) -> None:
    shared_dir.chmod(0o555)
    target = shared_dir / "schema.json"

    def in_child() -> list[object]:
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(["schema", "-o", str(target)])
        return [status, err.getvalue()]

    status, err = unprivileged(in_child)  # type: ignore[misc]
    assert status == 1
    assert one_line(str(err)) == f"hamstring-coach schema: {target}: Permission denied"


async def test_a_full_disk_under_events_warns_and_the_session_goes_on(
        full_disk: Path, tmp_path: Path) -> None:
    """--events on a disk that fills up mid-session: the session runs to the summary,
    the top bar says so, and the exit status is 1."""
    from hamstring_coach.plan.compiler import compile_session
    from hamstring_coach.run.library import load
    from hamstring_coach.tui.screens.summary import SummaryScreen

    # room for the file to be created (the filler gives a little back), not for events
    (full_disk / "filler").write_bytes(b"\0" * (60 * 1024))
    events = full_disk / "events.jsonl"
    events.write_text("")
    fill(full_disk / "filler2", 512)
    path = write_session(tmp_path, "one.yaml", "name: One\nsteps:\n  - rest: 2\n")
    timeline = compile_session(load(str(path)))
    config = AppConfig(player=RecordingPlayer(), recorder_factory=null_recorder,
                       sleep_watch=False, speed=1000.0, events_path=events)
    app = make_app(config, StartRequest(timeline, str(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if isinstance(app.screen, SummaryScreen):
                break
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
    assert app.crash is None
    assert app.exit_status() == 1
    [line] = app.history_problems()
    assert line == f"Events not written: {events}: No space left on device"


def test_an_event_log_that_fails_keeps_the_reason(full_disk: Path) -> None:
    log = EventLog(full_disk / "e.jsonl")
    from hamstring_coach.engine.events import Finished
    for _ in range(100):
        log.write(Finished(at=1.0, scheduled=1.0))
    log.close()
    assert log.error is not None and log.warning is not None
    assert "No space left on device" in log.warning
