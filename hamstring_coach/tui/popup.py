"""``break --popup``: the break session in a ``tmux display-popup`` over the current pane.

When a break comes due inside tmux, break mode opens ``hamstring-coach run
SESSION --events FILE`` in a popup on the client the person is using (tmux
picks the most recently active one); ``-E`` closes it when the session
ends. The waiting screen meanwhile says "Break in progress" and ``status``
says ``in-session``. The popup's process is awaited on the app's loop
(``asyncio.create_subprocess_exec``), never blocking it. The break counts
as taken when the events file shows a set completed (not skipped), else as
skipped. If the popup cannot open (no client attached, tmux too old), the
session runs on break mode's own screen instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shlex
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from hamstring_coach.run.ports import RunStatus
from hamstring_coach.tui.screens.break_wait import SessionEnded, StartBreak

WIDTH, HEIGHT = "80", "24"
MAX_EVENTS_BYTES = 4 * 1024 * 1024  # a break session's events file is a few KiB


# The popup's shell gets the tmux server's environment, not ours: pass on where the
# user's files are, so the popup's run records to the same history.
PASSED_ON = ("XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "HOME")


def popup_env(environ: Mapping[str, str]) -> list[str]:
    """``-e NAME=VALUE`` options for the variables the popup's run needs."""
    names = [n for n in environ if n.startswith("HAMSTRING_COACH_") or n in PASSED_ON]
    return [arg for name in sorted(names) for arg in ("-e", f"{name}={environ[name]}")]


def popup_argv(spec: str, events: Path, *, sound: bool = True, speed: float = 1.0,
               environ: Mapping[str, str] = os.environ) -> list[str]:
    """The ``tmux display-popup`` command line that runs ``spec`` (quoted for its shell)."""
    run = [sys.executable, "-m", "hamstring_coach", "run", spec, "--events", str(events)]
    if not sound:
        run.append("--no-sound")
    if speed != 1.0:
        run += ["--speed", repr(speed)]
    return ["tmux", "display-popup", "-E", "-w", WIDTH, "-h", HEIGHT, "-T", " stretch break ",
            "-d", os.getcwd(), *popup_env(environ), shlex.join(run)]


def sets_completed(events: Path) -> bool | None:
    """Whether the run in ``events`` completed a set; None when it wrote nothing."""
    try:
        with events.open("rb") as file:
            data = file.read(MAX_EVENTS_BYTES)
    except OSError:
        return None
    if not data.strip():
        return None
    for line in data.splitlines():
        with contextlib.suppress(ValueError):
            event = json.loads(line)
            if isinstance(event, dict) and event.get("event") == "SetEnded" \
                    and event.get("skipped") is False:
                return True
    return False


def popup_starter(spec: str, fallback: StartBreak, *, sound: bool = True,
                  speed: float = 1.0) -> StartBreak:
    """A ``start_break`` that opens the session in a popup (``fallback`` when it cannot)."""

    async def popup(done: SessionEnded) -> None:
        with tempfile.TemporaryDirectory(prefix="hc-popup-") as tmp:
            events = Path(tmp) / "events.jsonl"
            try:
                proc = await asyncio.create_subprocess_exec(
                    *popup_argv(spec, events, sound=sound, speed=speed),
                    stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.DEVNULL)
                code = await proc.wait()
            except OSError:
                code = -1
            taken = sets_completed(events)
        if taken is None and code != 0:
            fallback(done)  # no popup came up: run it here
            return
        done(RunStatus.FINISHED if code == 0 else RunStatus.QUIT, bool(taken))

    def start(done: SessionEnded) -> object:
        return asyncio.get_running_loop().create_task(popup(done))

    return start
