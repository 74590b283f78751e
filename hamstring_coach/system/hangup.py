"""When the terminal goes away (its window closed, the pty hung up), the app still ends.

A hang-up normally reaches the app as SIGHUP, but the terminal can go without the
signal (the app in a session of its own, as under ``setsid``), and Textual copes with
neither half of a dead terminal: its input thread spins on end-of-file, and its writer
thread ends on the first failed write (EIO) and leaves its queue of 30 writes
undrained, so the app's next writes (its shutdown's among them) wait forever, and
the audio worker, which ends with the app, waits with it.

- :class:`HangUpWatch` waits on a thread for the hang-up itself: ``poll()`` with no
  events asked for still reports POLLHUP, and takes no input from Textual;
- :class:`TerminalOutput` is what Textual's writer thread writes to: after a failed
  write it drops what follows, so the writer goes on draining its queue.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
from collections.abc import Callable
from typing import IO


class HangUpWatch:
    """Calls ``hung_up`` (on its own thread) once the terminal ``fd`` hangs up."""

    def __init__(self, fd: int, hung_up: Callable[[], None]) -> None:
        self._wake, self._waker = os.pipe()  # ends the wait at stop()
        self._thread = threading.Thread(target=self._run, args=(fd, hung_up), daemon=True,
                                        name="terminal-hangup")
        self._thread.start()

    def _run(self, fd: int, hung_up: Callable[[], None]) -> None:
        poll = select.poll()
        poll.register(fd, 0)  # POLLHUP comes unasked
        poll.register(self._wake, select.POLLIN)
        try:
            events = dict(poll.poll())
        except OSError:
            return
        finally:
            os.close(self._wake)
        # Only POLLHUP: where a tty cannot be polled (POLLNVAL) the watch just ends.
        if events.get(fd, 0) & select.POLLHUP:
            hung_up()

    def stop(self) -> None:
        """End the watch (never raises)."""
        with contextlib.suppress(OSError):
            os.write(self._waker, b"x")
        os.close(self._waker)
        self._thread.join(timeout=1.0)


class TerminalOutput:
    """A terminal stream whose writes never fail: once one has (EIO: the pty hung up),
    what follows is dropped."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.lost = False

    def write(self, text: str) -> int:
        """Write ``text`` while the terminal is there."""
        self._safely(self._file.write, text)
        return len(text)

    def flush(self) -> None:
        """Flush while the terminal is there."""
        self._safely(self._file.flush)

    def fileno(self) -> int:
        """The terminal's file descriptor."""
        return self._file.fileno()

    def _safely(self, call: Callable[..., object], *args: str) -> None:
        if self.lost:
            return
        try:
            call(*args)
        except (OSError, ValueError):
            self.lost = True
