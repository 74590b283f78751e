"""What the real app loads before its first frame, and what its audio worker loads at all.

The installed ``hamstring-coach`` runs in a fresh interpreter on a
pseudo-terminal (80x24) with ``tests/import_probe`` on ``PYTHONPATH``: its
``sitecustomize`` writes ``sys.modules`` at the moment Textual's driver first
writes the countdown's banner to the terminal, and logs every import of every
process (the audio worker included) for its whole life. Nothing here is
timed: a later change that loads something heavy early (the history, PyYAML
for ``hold``, a second command, the crash handler) fails by name.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time
from pathlib import Path

import pytest
from alsa_capture import AlsaCapture, alsa_available

pytestmark = [pytest.mark.slow]

APP = Path(sys.executable).with_name("hamstring-coach")
PROBE = Path(__file__).resolve().parent.parent / "import_probe"
HOLD = "name: Probe\nsteps:\n  - exercise: Long hold\n    hold: 2\n    prepare: 0\n"
# Loaded only after the first frame, or only when needed at all. ``run`` compiles
# next time's prescription before the screen (issue 12), but a session without a
# ``progress:`` rule has nothing to replay: the history (SQLite) opens after the frame.
# (With a history already there, the morning-after question reads it first: it is asked
# in one line before the screen.)
NOT_BEFORE_FIRST_FRAME = (
    "hamstring_coach.commands.crash",  # only when something went wrong
    "hamstring_coach.commands.listing",  # one command's module, not all thirteen
    "hamstring_coach.commands.validate",
    "hamstring_coach.commands.history",
    "hamstring_coach.commands.break_timer",
    "hamstring_coach.tui.screens.summary",  # the end of the session
    "hamstring_coach.tui.screens.picker",
    "sqlite3",  # the history opens once the countdown is up
    "hamstring_coach.history.store",
    "hamstring_coach.history.outcomes",  # the replay: only for a session that progresses
    "hamstring_coach.plan.progression",  # and the rules it replays
    "hamstring_coach.plan.outcomes",
    "hamstring_coach.run.programmes",  # no programme file: nothing to load
    "hamstring_coach.format.programme",
    "hamstring_coach.history.recorder",
    "hamstring_coach.history.resume",  # run --resume and the picker only
    "_hashlib",  # OpenSSL: the session's digest is CPython's own (system/digest.py)
    "_ssl",  # OpenSSL again, by asyncio: no network here, refused (cli.entry); 4.5 MiB RSS
)
WORKER_NEVER = ("textual", "rich", "yaml", "sqlite3", "hamstring_coach.tui",
                "hamstring_coach.format.yamlnodes", "hamstring_coach.history")


class Run:
    """The app on a pseudo-terminal, with the import probe on."""

    def __init__(self, tmp: Path, args: list[str], marker: str,
                 env: dict[str, str] | None = None) -> None:
        self.tmp = tmp
        self.frame = tmp / "first-frame.txt"
        self.logs = tmp / "imports"
        self.logs.mkdir()
        self.env = {**(env or os.environ), "TERM": "xterm-256color", "LANG": "C.UTF-8",
                    "PYTHONPATH": str(PROBE), "HC_FIRST_FRAME": str(self.frame),
                    "HC_FIRST_FRAME_MARKER": marker, "HC_IMPORT_LOG": str(self.logs),
                    "HAMSTRING_COACH_CONFIG_DIR": str(tmp / "config"),
                    "HAMSTRING_COACH_DATA_DIR": str(tmp / "data")}
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.args = [str(APP), *args]
        self.output = b""

    def __enter__(self) -> Run:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the app, in the temporary folder
            os.chdir(self.tmp)
            os.execve(self.args[0], self.args, self.env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        return self

    def wait_for(self, text: bytes, timeout: float = 20.0) -> None:
        end = time.monotonic() + timeout
        while text not in self.output:
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} never shown; got {self.output[-500:]!r}")
            if select.select([self.fd], [], [], 0.05)[0]:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:
                    break

    def press(self, key: bytes) -> None:
        os.write(self.fd, key)

    def __exit__(self, *exc: object) -> None:
        end = time.monotonic() + 10
        while time.monotonic() < end:
            if select.select([self.fd], [], [], 0.05)[0]:
                with contextlib.suppress(OSError):  # EIO once the app has gone
                    self.output += os.read(self.fd, 65536)
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
        else:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        os.close(self.fd)

    def first_frame(self) -> set[str]:
        assert self.frame.exists(), "the probe saw no first frame"
        return set(self.frame.read_text().split())

    def imported_by(self, argv_part: str) -> set[str]:
        for log in self.logs.glob("*.log"):
            lines = log.read_text().splitlines()
            if lines and argv_part in lines[0]:
                return set(lines[1:])
        raise AssertionError(f"no process ran {argv_part}")


def loaded(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


def test_run_shows_the_countdown_before_the_history_the_summary_and_the_other_commands(
        tmp_path: Path) -> None:
    session = tmp_path / "probe.yaml"
    session.write_text(HOLD)
    with Run(tmp_path, ["run", str(session), "--no-sound"], "H O L D") as run:
        run.wait_for(b"Session complete")
        run.press(b"q")
    modules = run.first_frame()
    assert "hamstring_coach.tui.screens.session" in modules  # the probe saw the real screen
    assert [name for name in NOT_BEFORE_FIRST_FRAME if loaded(modules, name)] == []
    whole_run = run.imported_by("hamstring-coach")
    assert "sqlite3" in whole_run  # the run was still recorded
    assert not loaded(whole_run, "_hashlib")  # nor later: nothing here needs OpenSSL
    assert not loaded(whole_run, "_ssl")


def test_hold_never_loads_the_yaml_library(tmp_path: Path) -> None:
    with Run(tmp_path, ["hold", "2", "--no-sound", "--speed", "4"], "H O L D") as run:
        run.wait_for(b"Session complete")
        run.press(b"q")
    assert not loaded(run.first_frame(), "yaml")
    assert not loaded(run.imported_by("hamstring-coach"), "yaml")


@pytest.mark.skipif(not alsa_available(), reason="needs ALSA (libasound, aplay)")
def test_the_audio_worker_loads_no_textual_and_no_yaml(tmp_path: Path) -> None:
    capture = AlsaCapture(tmp_path / "alsa")
    session = tmp_path / "probe.yaml"
    session.write_text(HOLD)
    with Run(tmp_path, ["run", str(session), "--audio", "miniaudio"], "H O L D",
             env=capture.env()) as run:
        run.wait_for(b"Session complete")
        assert capture.wait_for(2)  # the worker really played: the start and the end
        run.press(b"q")
    worker = run.imported_by("hamstring_coach.audio.worker")
    assert "hamstring_coach.audio.worker" in worker or "hamstring_coach.audio.backends" in worker
    assert [name for name in WORKER_NEVER if loaded(worker, name)] == []
