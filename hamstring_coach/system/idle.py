"""The real idle sources, in the order break mode tries them.

Each is used only where it exists, and nothing here is ever required:

1. tmux's ``client_activity`` (``tmux list-clients``): inside tmux, also
   over SSH; the newest activity of any client attached to this server.
2. X11's screensaver idle time: ``xprintidle``, or python-xlib's
   screensaver extension, only when ``$DISPLAY`` is set and one is present.
3. logind's ``IdleHint`` (``loginctl show-session``, which asks logind over
   D-Bus): only where systemd runs and ``loginctl`` exists.
4. Wayland's ``ext-idle-notify``: needs a Wayland client; none is bundled,
   so it is reported as unavailable with the reason.

Every command runs with a short timeout; a failed reading is None.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping

Run = Callable[[list[str]], str | None]  # a command's stdout, None when it failed
TIMEOUT = 1.0


def run_command(argv: list[str]) -> str | None:
    """Run ``argv`` briefly; its output, or None on any failure."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


class TmuxIdle:
    """Seconds since the last key in any tmux client of this server."""

    name = "tmux client_activity"

    def __init__(self, env: Mapping[str, str] = os.environ, run: Run = run_command,
                 which: Callable[[str], str | None] = shutil.which,
                 wall: Callable[[], float] = time.time) -> None:
        self.env, self.run, self.which, self.wall = env, run, which, wall

    def unavailable(self) -> str | None:
        if not self.env.get("TMUX"):
            return "not inside tmux ($TMUX is not set)"
        if self.which("tmux") is None:
            return "tmux is not on PATH"
        return None

    def idle_seconds(self) -> float | None:
        out = self.run(["tmux", "list-clients", "-F", "#{client_activity}"])
        if out is None:
            return None
        stamps = [int(line) for line in out.split() if line.isdigit()]
        return max(0.0, self.wall() - max(stamps)) if stamps else None


class X11Idle:
    """The X screensaver's idle time: ``xprintidle`` or python-xlib."""

    name = "X11 screensaver idle time"

    def __init__(self, env: Mapping[str, str] = os.environ, run: Run = run_command,
                 which: Callable[[str], str | None] = shutil.which,
                 has_module: Callable[[str], bool] | None = None) -> None:
        self.env, self.run, self.which = env, run, which
        self.has_module = has_module or (lambda m: importlib.util.find_spec(m) is not None)

    def unavailable(self) -> str | None:
        if not self.env.get("DISPLAY"):
            return "no X display ($DISPLAY is not set)"
        if self.which("xprintidle") is None and not self.has_module("Xlib"):
            return "neither xprintidle nor python-xlib is installed"
        return None

    def idle_seconds(self) -> float | None:
        if self.which("xprintidle") is not None:
            out = self.run(["xprintidle"])
            return int(out.strip()) / 1000 if out and out.strip().isdigit() else None
        try:  # pragma: no cover - only where python-xlib is installed
            from Xlib import display  # type: ignore[import-untyped,import-not-found,unused-ignore]
            from Xlib.ext import screensaver  # type: ignore[import-untyped,import-not-found,unused-ignore]

            screen = display.Display().screen()
            return float(screensaver.query_info(screen.root).idle) / 1000
        except Exception:
            return None


class LogindIdle:
    """logind's IdleHint and IdleSinceHintMonotonic for this session, via loginctl."""

    name = "logind IdleHint (D-Bus)"

    def __init__(self, env: Mapping[str, str] = os.environ, run: Run = run_command,
                 which: Callable[[str], str | None] = shutil.which,
                 booted: Callable[[], bool] = lambda: os.path.isdir("/run/systemd/system"),
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.env, self.run, self.which = env, run, which
        self.booted, self.monotonic = booted, monotonic

    def unavailable(self) -> str | None:
        if not self.booted():
            return "systemd is not running here (no /run/systemd/system)"
        if self.which("loginctl") is None:
            return "loginctl is not on PATH"
        if not self.env.get("XDG_SESSION_ID"):
            return "no logind session ($XDG_SESSION_ID is not set)"
        return None

    def idle_seconds(self) -> float | None:
        out = self.run(["loginctl", "show-session", self.env.get("XDG_SESSION_ID", ""),
                        "-p", "IdleHint", "-p", "IdleSinceHintMonotonic"])
        if out is None:
            return None
        values = dict(line.partition("=")[::2] for line in out.splitlines())
        if values.get("IdleHint") != "yes":
            return 0.0
        since = values.get("IdleSinceHintMonotonic", "")
        return max(0.0, self.monotonic() - int(since) / 1e6) if since.isdigit() else None


class WaylandIdle:
    """ext-idle-notify: a Wayland protocol this program has no client for."""

    name = "Wayland ext-idle-notify"

    def __init__(self, env: Mapping[str, str] = os.environ) -> None:
        self.env = env

    def unavailable(self) -> str | None:
        if not self.env.get("WAYLAND_DISPLAY"):
            return "not a Wayland session ($WAYLAND_DISPLAY is not set)"
        return "needs a Wayland client for ext-idle-notify, which is not built in"

    def idle_seconds(self) -> float | None:
        return None


def default_sources() -> list[TmuxIdle | X11Idle | LogindIdle | WaylandIdle]:
    """The real sources, in order."""
    return [TmuxIdle(), X11Idle(), LogindIdle(), WaylandIdle()]
