"""End to end: every signal that ends the app gives the terminal back, in every state.

The installed ``hamstring-coach`` in tmux (80x24). For each handled signal
(TERM, HUP, INT, QUIT) and each state a person can be in when it comes (a
hold, a tempo rep, a rest, the quit dialog, the picker, the picker's editor,
break mode waiting), the app is brought to that state, sent the signal with
``kill``, and then: the shell prints ``EXIT=128+N``, tmux reads
``#{alternate_on}#{mouse_any_flag}#{cursor_flag}`` as ``001`` (main screen,
no mouse reporting, cursor shown), the process is gone, and a session that
was running is in the history as quit. One tmux server for the module, a
window per case, short sessions at high ``--speed``. SIGKILL, which nothing
can catch, is handled by the terminal keeper (``system/keeper.py``). Closing
the terminal window (``tmux kill-server``: the pty hangs up) ends the app and
its audio worker and keeps the run (``system/hangup.py``).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from alsa_capture import ASOUNDRC, alsa_available
from matrix import crossed
from tmux_driver import Tmux, wait_for_screen

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

COMMAND = Path(sys.executable).with_name("hamstring-coach")
PROMPT = "PROMPT$ "
HANDLED = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT)
RESTORED = "001"  # alternate screen off, mouse reporting off, cursor on

HOLD = "name: Long hold\ndefaults: {prepare: 1}\nsteps:\n  - exercise: Wall hold\n    hold: 600\n"
TEMPO = ("name: Slow reps\ndefaults: {prepare: 1}\nsteps:\n  - exercise: Slow curl\n"
         "    reps: 50\n    tempo: 5-5-5-5\n")
REST = "name: Long rest\nsteps:\n  - rest: 600\n  - exercise: After\n    hold: 5\n"
# A fake $EDITOR: says what it edits and its pid, then waits (as an editor would).
EDITOR = ('#!/bin/sh\necho "$$" > "$(dirname "$0")/editor.pid"\necho "FAKE-EDITOR $1"\n'
          "exec sleep 600\n")


class Server:
    """One tmux server of our own; each case gets a window with a clean shell of its own."""

    def __init__(self) -> None:
        self.socket = f"hc-signals-{os.getpid()}-{time.monotonic_ns()}"
        self.tmux("new-session", "-d", "-s", "sig", "-x", "80", "-y", "24", "sh")
        self.tmux("set-option", "-g", "status", "off")

    def tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, timeout=10, check=True)
        return done.stdout

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@dataclass
class Pane:
    """One window of the server: a shell with the case's own HOME and user folders."""

    server: Server
    name: str
    home: Path

    def send(self, *keys: str) -> None:
        self.server.tmux("send-keys", "-t", f"sig:{self.name}", *keys)

    def type_line(self, line: str) -> None:
        self.send("-l", line)
        self.send("Enter")

    def screen(self) -> str:
        return self.server.tmux("capture-pane", "-p", "-t", f"sig:{self.name}")

    def flags(self) -> str:
        return self.server.tmux("display-message", "-p", "-t", f"sig:{self.name}",
                                "#{alternate_on}#{mouse_any_flag}#{cursor_flag}").strip()

    def wait_for(self, check: Callable[[str], bool], timeout: float = 20.0) -> str:
        return wait_for_screen(self.screen, check, timeout=timeout)

    def app_pid(self) -> int:
        """The app's process: the shell's descendant running ``hamstring-coach``."""
        todo = [int(self.server.tmux("display-message", "-p", "-t", f"sig:{self.name}",
                                     "#{pane_pid}").strip())]
        deadline = time.monotonic() + 5
        while todo and time.monotonic() < deadline:
            pid = todo.pop(0)
            try:
                argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if any(arg.endswith(b"/hamstring-coach") for arg in argv):
                return pid
            found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
            todo.extend(int(child) for child in found.stdout.split())
        raise AssertionError("no hamstring-coach process in this pane")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    if not COMMAND.exists():
        pytest.skip(f"{COMMAND} is not installed")
    tmux = Server()
    try:
        yield tmux
    finally:
        tmux.close()


@pytest.fixture
def pane(server: Server, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Pane]:
    name = re.sub(r"\W", "-", request.node.name)[-60:]
    env = {
        "HOME": str(tmp_path),
        "HAMSTRING_COACH_CONFIG_DIR": str(tmp_path / "config"),
        "HAMSTRING_COACH_DATA_DIR": str(tmp_path / "data"),
        "TERM": "xterm-256color",
        "PS1": PROMPT,
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "EDITOR": str(tmp_path / "editor"),
    }
    shell = ["env", "-i", *(f"{k}={v}" for k, v in env.items()), "sh"]
    server.tmux("new-window", "-d", "-t", "sig", "-n", name, shlex.join(shell))
    the_pane = Pane(server, name, tmp_path)
    the_pane.wait_for(lambda s: PROMPT.strip() in s)
    try:
        yield the_pane
    finally:
        server.tmux("kill-window", "-t", f"sig:{name}")


def file_of(pane: Pane, name: str, text: str) -> Path:
    path = pane.home / name
    path.write_text(text, encoding="utf-8")
    return path


def run_line(pane: Pane, *args: str) -> str:
    return f"{COMMAND} {shlex.join(args)}; echo EXIT=$?"


# state -> how to get there (returns the line typed, waits until the state shows)
def in_hold(pane: Pane) -> None:
    pane.type_line(run_line(pane, "run", str(file_of(pane, "hold.yaml", HOLD)), "--speed",
                            "20", "--no-sound"))
    pane.wait_for(lambda s: "H O L D" in s)


def in_tempo(pane: Pane) -> None:
    pane.type_line(run_line(pane, "run", str(file_of(pane, "tempo.yaml", TEMPO)), "--speed",
                            "4", "--no-sound"))
    pane.wait_for(lambda s: any(w in s for w in ("L O W E R", "P A U S E", "L I F T")))


def in_rest(pane: Pane) -> None:
    pane.type_line(run_line(pane, "run", str(file_of(pane, "rest.yaml", REST)), "--speed",
                            "20", "--no-sound"))
    pane.wait_for(lambda s: "R E S T" in s)


def in_quit_dialog(pane: Pane) -> None:
    in_hold(pane)
    pane.send("q")
    pane.wait_for(lambda s: "Quit this session?" in s)


def in_picker(pane: Pane) -> None:
    pane.type_line(f"{COMMAND} --no-sound; echo EXIT=$?")
    pane.wait_for(lambda s: "Choose a session" in s)


def in_editor(pane: Pane) -> None:
    editor = file_of(pane, "editor", EDITOR)
    editor.chmod(0o755)
    in_picker(pane)
    pane.wait_for(lambda s: "7 sessions" in s)  # the built-ins are listed
    pane.send("C-e")  # edit the highlighted session (Ctrl+E works from the filter)
    pane.wait_for(lambda s: "FAKE-EDITOR" in s and "activation.yaml" in s)


def in_break_wait(pane: Pane) -> None:
    pane.type_line(run_line(pane, "break", "--every", "30m", "--no-sound"))
    pane.wait_for(lambda s: "Next stretch break in" in s)


STATES: dict[str, Callable[[Pane], None]] = {
    "hold": in_hold, "tempo": in_tempo, "rest": in_rest, "quit-dialog": in_quit_dialog,
    "picker": in_picker, "editor": in_editor, "break-waiting": in_break_wait,
}
SESSIONS = {"hold": "hold", "tempo": "tempo", "rest": "rest", "quit-dialog": "hold"}


def keeper_of(app: int) -> int:
    """The app's terminal keeper (system/keeper.py): its ``sh`` child."""
    found = subprocess.run(["pgrep", "-P", str(app)], capture_output=True, text=True)
    for child in found.stdout.split():
        if b"keeper" in Path(f"/proc/{child}/cmdline").read_bytes():
            return int(child)
    raise AssertionError("the app has no terminal keeper")


def wait_gone(pid: int, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while not gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return gone(pid)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


# Every state meets a signal and every signal a state; the whole 7 x 4 with -m soak.
@pytest.mark.parametrize("state, sig", crossed(list(STATES), HANDLED,
                                               column_ids=[s.name for s in HANDLED]))
def test_a_signal_in_any_state_ends_the_app_and_gives_the_terminal_back(
        pane: Pane, state: str, sig: signal.Signals) -> None:
    STATES[state](pane)
    # The app holds the terminal (the editor has it back from the app for now).
    assert pane.flags() == (RESTORED if state == "editor" else "110")
    pid = pane.app_pid()
    keeper = keeper_of(pid)
    os.kill(pid, sig)
    after = pane.wait_for(lambda s: re.search(r"^EXIT=\d+", s, re.MULTILINE) is not None)
    assert f"EXIT={128 + sig}" in after, after
    assert "Traceback" not in after and "unexpected error" not in after
    assert pane.flags() == RESTORED
    assert wait_gone(pid)
    assert wait_gone(keeper)  # told "bye": it ends without writing anything
    if state == "editor":  # the editor was asked to stop too, not left on the terminal
        editor = int((pane.home / "editor.pid").read_text())
        assert gone(editor)
    if state in SESSIONS:
        with sqlite3.connect(pane.home / "data" / "history.sqlite3") as conn:
            rows = conn.execute("SELECT session_id, status FROM runs").fetchall()
        assert rows == [(SESSIONS[state], "quit")]
    # The shell still reads lines: the tty modes are back too.
    pane.type_line("echo still-here")
    pane.wait_for(lambda s: "\nstill-here" in s)


def test_a_session_through_process_substitution_runs(pane: Pane) -> None:
    """``run <(cat f.yaml)`` (a pipe named on the command line) runs like the file itself."""
    hold = file_of(pane, "hold.yaml", HOLD)
    pane.type_line(f"bash -c {shlex.quote(f'{COMMAND} run <(cat {hold}) --no-sound')}; "
                   "echo EXIT=$?")
    pane.wait_for(lambda s: "Long hold" in s and "Wall hold" in s)
    os.kill(pane.app_pid(), signal.SIGTERM)
    after = pane.wait_for(lambda s: "EXIT=" in s)
    assert "no such session file" not in after
    assert pane.flags() == RESTORED


@pytest.mark.parametrize("state", ["hold", "picker"])
def test_after_sigkill_the_keeper_gives_the_terminal_back(pane: Pane, state: str) -> None:
    """SIGKILL cannot be caught: the keeper process restores the screen and the tty modes."""
    STATES[state](pane)
    assert pane.flags() == "110"
    pid = pane.app_pid()
    keeper = keeper_of(pid)
    os.kill(pid, signal.SIGKILL)
    # The shell's "EXIT=137" may land on the alternate screen just before the keeper
    # leaves it, so the terminal's own state is what is waited for.
    deadline = time.monotonic() + 10
    while pane.flags() != RESTORED and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pane.flags() == RESTORED, pane.screen()
    assert wait_gone(keeper)
    pane.type_line("echo still-here")  # echoed and read as a line: the modes are back
    pane.wait_for(lambda s: "echo still-here\nstill-here" in s)


def ended(pid: int) -> bool:
    """Gone, or a zombie nobody has reaped yet (an orphan waits for init here)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def wait_ended(pids: list[int], seconds: float = 15.0) -> list[int]:
    """Those of ``pids`` still running after ``seconds`` (a hang guard, not a pause)."""
    deadline = time.monotonic() + seconds
    while not all(ended(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [pid for pid in pids if not ended(pid)]


def worker_of(app: int, seconds: float = 15.0) -> int:
    """The app's audio worker process, once it is there."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = subprocess.run(["pgrep", "-f", "-P", str(app), "hamstring_coach.audio.worker"],
                               capture_output=True, text=True).stdout.split()
        if found:
            return int(found[0])
        time.sleep(0.05)
    raise AssertionError("the app has no audio worker")


@pytest.mark.skipif(not alsa_available(), reason="needs ALSA (alsa-utils)")
def test_closing_the_terminal_ends_the_app_and_its_audio_worker_and_keeps_the_run(
        term: Tmux, tmp_path: Path) -> None:
    """``tmux kill-server`` under a session with sound is a terminal window closed: the
    pty hangs up, the app and its audio worker end, the history has the run as quit."""
    (tmp_path / "pcm").mkdir()  # HOME is tmp_path: ALSA's default writes into a file
    (tmp_path / ".asoundrc").write_text(ASOUNDRC.format(path=tmp_path / "pcm" / "out.raw"))
    (tmp_path / "hold.yaml").write_text(HOLD, encoding="utf-8")
    term.type_line(f"{COMMAND} run {tmp_path / 'hold.yaml'} --speed 20 --audio miniaudio")
    term.wait_for(lambda s: "H O L D" in s and "♪ on" in s, "the hold, with sound")
    app = term.child_pid()
    pids = [app, worker_of(app)]
    term.stop()
    left = wait_ended(pids)
    for pid in left:  # never leave them running
        os.kill(pid, signal.SIGKILL)
    assert left == [], "still running after the terminal closed"
    with sqlite3.connect(tmp_path / "data" / "history.sqlite3") as conn:
        assert conn.execute("SELECT session_id, status FROM runs").fetchall() == [
            ("hold", "quit")]
