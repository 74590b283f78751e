"""The one tmux driver of the end-to-end tests: a tmux server of the test's own.

Its socket is a file under the test's temporary folder (``-S``), so no two tests
(or helpers on the same machine) share a server, and the environment given here
is the one the server, and so every program it starts, runs with. Each window
is 80x24 unless asked otherwise; what a person sees is read back with
``capture-pane``, the terminal's own state with ``display-message`` formats
(``man tmux``, FORMATS). ``stop()`` kills the server and all it started.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def command() -> list[str]:
    """The installed command beside this interpreter (what a user runs)."""
    script = Path(sys.executable).with_name("hamstring-coach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hamstring_coach"]


class Tmux:
    """A private tmux server; ``window`` is the one the methods act on by default."""

    def __init__(self, socket: Path, env: dict[str, str], *, window: str = "app") -> None:
        self.socket = socket
        self.env = env
        self.window = window

    def tmux(self, *args: str, check: bool = False) -> str:
        """Run a tmux command on this server; its output."""
        done = subprocess.run(["tmux", "-S", str(self.socket), *args], capture_output=True,
                              text=True, env=self.env, timeout=10, check=check)
        return done.stdout

    def start(self, argv: list[str], *, name: str | None = None, keep: bool = False,
              size: tuple[int, int] = (80, 24)) -> None:
        """Run ``argv`` in a new window (``name``, default :attr:`window`).

        ``keep``: the pane stays after the program ends and says ``EXIT=<status>``.
        """
        line = shlex.join(argv)
        if keep:
            line += "; echo EXIT=$?; sleep 60"
        width, height = size
        self.tmux("new-session", "-d", "-s", name or self.window, "-x", str(width),
                  "-y", str(height), line, check=True)

    def keys(self, *keys: str, name: str | None = None) -> None:
        """Send keys (tmux key names, or ``-l`` and literal text)."""
        self.tmux("send-keys", "-t", name or self.window, *keys)

    def type_line(self, line: str, name: str | None = None) -> None:
        """Type ``line`` literally, then Enter."""
        self.keys("-l", line, name=name)
        self.keys("Enter", name=name)

    def screen(self, name: str | None = None, *, colours: bool = False) -> str:
        """The pane's text as shown (with ``colours``, its escape sequences too)."""
        return self.tmux("capture-pane", *(["-e"] if colours else []), "-p", "-t",
                         name or self.window)

    def flag(self, variable: str, name: str | None = None) -> str:
        """A tmux format variable of the pane, such as ``alternate_on``."""
        return self.tmux("display-message", "-p", "-t", name or self.window,
                         f"#{{{variable}}}").strip()

    def wait_for(self, check: Callable[[str], bool], what: str = "the screen",
                 timeout: float = 30.0, name: str | None = None) -> str:
        """The screen once ``check`` accepts it (see :func:`wait_for_screen`)."""
        return wait_for_screen(lambda: self.screen(name), check, what, timeout)

    def child_pid(self, name: str | None = None) -> int:
        """The pid of the program the pane's shell started."""
        shell = self.flag("pane_pid", name)
        found = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True)
        return int(found.stdout.split()[0])

    def stop(self) -> None:
        """Kill the server and everything running in it."""
        subprocess.run(["tmux", "-S", str(self.socket), "kill-server"], capture_output=True,
                       env=self.env)


def wait_for_screen(capture: Callable[[], str], check: Callable[[str], bool],
                    what: str = "the screen", timeout: float = 30.0) -> str:
    """The screen ``capture`` gives once ``check`` accepts it; fails after ``timeout`` s
    showing it.

    A frame can reach the pane in parts (tmux reads the pty in chunks, and a busy
    machine gives it the rest a little later), so a capture ``check`` accepts is
    taken again until two in a row are the same, while ``check`` still accepts
    them (for at most half a second): a test reading more from the screen than
    ``check`` looked at reads a whole frame. A screen that moves on at once (a fast
    session) is returned as first accepted.
    """
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = capture()
        if check(screen):
            settle = time.monotonic() + 0.5
            while time.monotonic() < settle:
                time.sleep(0.02)
                again = capture()
                if again == screen or not check(again):
                    break
                screen = again
            return screen
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}; the screen was:\n{screen}")
