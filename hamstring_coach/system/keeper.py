"""A terminal keeper: gives the terminal back even when the app is killed with SIGKILL.

SIGKILL cannot be caught, so the app itself cannot leave the alternate
screen, switch mouse reporting off or put the tty modes back (a plain ``sh``
then echoes nothing and reads no lines). While the app runs, a tiny ``sh``
waits on a pipe from it, holding the terminal: the app says ``bye`` when it
has restored the terminal itself; if the pipe closes without that, the app
is gone, and the keeper writes the restore sequence and puts back the tty
modes the terminal had before the app started (``stty -g``), then exits.

Why not the audio worker: it runs only with sound on and a working device,
and it is in a session of its own, away from the terminal, on purpose (so
Ctrl+C and a hang-up never reach the sound device). The keeper costs one
``sh`` process sleeping in ``read``.

It ignores INT, QUIT and TSTP (Ctrl+C in the editor must not end it) and
TTIN/TTOU (after the app dies the shell owns the terminal, and ``stty`` from
the keeper's now-background group must not be stopped); a hang-up ends it.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from typing import IO

_SCRIPT = ('trap "" INT QUIT TSTP TTIN TTOU; read -r word; [ "$word" = bye ] && exit 0; '
           'printf "%s" "$1"; [ -n "$2" ] && stty "$2" <&1; exit 0')


class TerminalKeeper:
    """The keeper process for the terminal behind ``stream``; :meth:`bye` ends it."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self._proc = proc

    @property
    def pid(self) -> int:
        """The keeper's process id."""
        return self._proc.pid

    @classmethod
    def start(cls, stream: IO[str] | None, restore: str) -> TerminalKeeper | None:
        """A keeper for ``stream``'s terminal, or None (not a terminal, no ``sh``)."""
        sh, stty = shutil.which("sh"), shutil.which("stty")
        if stream is None or sh is None or stty is None:
            return None
        try:
            if not stream.isatty():
                return None
            fd = stream.fileno()
            saved = subprocess.run([stty, "-g"], stdin=fd, capture_output=True, text=True,
                                   timeout=2).stdout.strip()
            proc = subprocess.Popen([sh, "-c", _SCRIPT, "keeper", restore, saved],
                                    stdin=subprocess.PIPE, stdout=fd,
                                    stderr=subprocess.DEVNULL)
        except (OSError, ValueError, subprocess.SubprocessError):
            return None
        return cls(proc)

    def bye(self) -> None:
        """The terminal is restored: let the keeper go without touching it (never raises)."""
        proc = self._proc
        with contextlib.suppress(OSError, ValueError):
            assert proc.stdin is not None
            proc.stdin.write(b"bye\n")
            proc.stdin.close()
        try:
            proc.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
