"""Desktop notifications through ``notify-send``, where it exists.

Best effort and never blocking: the command is started in the background
with its output thrown away, and a missing ``notify-send`` (a server, a
container, macOS) or one that fails (no notification daemon) is silently
nothing. The terminal bell and the break sound are the alerts that always
work; this one helps when the terminal is hidden.
"""

from __future__ import annotations

import shutil
import subprocess

APP_NAME = "hamstring-coach"

# Children not yet reaped; polled on the next call so none stays a zombie.
_running: list[subprocess.Popen[bytes]] = []


def notify(summary: str, body: str = "", *, urgency: str = "normal") -> bool:
    """Show a desktop notification; True if ``notify-send`` was started."""
    _running[:] = [p for p in _running if p.poll() is None]
    exe = shutil.which("notify-send")
    if exe is None:
        return False
    argv = [exe, f"--app-name={APP_NAME}", f"--urgency={urgency}", "--", summary]
    if body:
        argv.append(body)
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # a Ctrl+C in the terminal is not for it
        )
    except OSError:
        return False
    _running.append(proc)
    return True
