"""Plain mode's loop: run a session, write lines, read keys (no Textual, no redraws).

The loop never counts time: it asks the engine (on its injected clock) how
long until the next milestone or phase end, and hands that many engine
seconds, divided by ``speed``, to a *key source* as the longest it may
wait for a key. Two real key sources:

- :class:`TerminalKeys` when stdin is a terminal: single keys in cbreak
  mode (Enter or Space ends a wait, ``p`` pauses and goes on, ``s`` skips a
  phase, ``q`` quits); the terminal's settings are put back on the way out.
- :class:`LineKeys` when stdin is a pipe or a file: each line is a key (an
  empty line is Enter; a line starting with ``p``, ``s`` or ``q`` is that
  key). At the end of input a timed phase runs on, but a wait or a pause
  can never end, so the run is quit there (and kept in the history as quit):
  nothing hangs.

Tests pass their own source that moves a fake clock instead of sleeping.
"""

from __future__ import annotations

import os
import selectors
import time
from collections.abc import Callable
from enum import StrEnum
from typing import IO, Protocol

from hamstring_coach.engine.machine import EngineState
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.run.session_run import SessionRun
from hamstring_coach.tui.narrator import PlainNarrator, session_line


class Key(StrEnum):
    """What a key press or an input line asks for."""

    CONTINUE = "continue"
    PAUSE = "pause"
    SKIP = "skip"
    QUIT = "quit"
    END = "end"  # no more input will ever come


class KeySource(Protocol):
    """Waits up to ``timeout`` real seconds (None: for ever) for a key; None on time-out."""

    def wait(self, timeout: float | None) -> Key | None:
        """The next key, or None when the time ran out first."""


def key_of(char: str) -> Key | None:
    """The key a character (or a line's first character) stands for."""
    if char in ("", "\n", "\r", " "):
        return Key.CONTINUE
    return {"p": Key.PAUSE, "s": Key.SKIP, "q": Key.QUIT}.get(char[:1].lower())


class LineKeys:
    """Keys from a pipe or file, one per line; after the end, only time-outs (or END)."""

    def __init__(self, stream: IO[str], sleep: Callable[[float], None] = time.sleep) -> None:
        self._fd = stream.fileno()
        self._buffer = b""
        self._ended = False
        self._sleep = sleep
        self._selector = selectors.DefaultSelector()
        try:
            self._selector.register(self._fd, selectors.EVENT_READ)
        except (ValueError, PermissionError):  # a regular file: always readable
            self._selector.close()
            self._selector = None  # type: ignore[assignment]

    def wait(self, timeout: float | None) -> Key | None:
        """The next line's key; END once input is over and nothing timed is left."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            if b"\n" in self._buffer:
                line, self._buffer = self._buffer.split(b"\n", 1)
                key = key_of(line.decode("utf-8", "replace").strip() or "\n")
                if key is not None:
                    return key
                continue
            if self._ended:
                if timeout is None:
                    return Key.END
                self._sleep(max(0.0, deadline - time.monotonic()) if deadline else 0.0)
                return None
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if self._selector is not None and not self._selector.select(left):
                return None
            chunk = os.read(self._fd, 4096)
            if not chunk:
                self._ended = True
                if self._buffer:
                    self._buffer += b"\n"
                continue
            self._buffer += chunk


class TerminalKeys:
    """Single keys from a terminal in cbreak mode (signals still work: Ctrl+C is Ctrl+C)."""

    def __init__(self, stream: IO[str]) -> None:
        import termios
        import tty

        self._fd = stream.fileno()
        self._saved = termios.tcgetattr(self._fd)
        tty.setcbreak(self._fd)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._fd, selectors.EVENT_READ)

    def wait(self, timeout: float | None) -> Key | None:
        """The next key that means something, or None on time-out."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not self._selector.select(left):
                return None
            data = os.read(self._fd, 64)
            if not data:
                return Key.END
            for char in data.decode("utf-8", "replace"):
                key = key_of(char)
                if key is not None:
                    return key

    def close(self) -> None:
        """Put the terminal's settings back."""
        import termios

        termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)
        self._selector.close()


def keys_hint(terminal: bool) -> tuple[str, str]:
    """(how a wait ends, how a pause goes on) for this kind of input."""
    if terminal:
        return "wait: press Enter", "press p to go on"
    return "wait: an empty line on input goes on", "a line p on input goes on"


def run_plain(run: SessionRun, keys: KeySource, out: IO[str], *, terminal: bool) -> RunStatus:
    """Run the session to its end or a quit; returns how it ended (the run is closed)."""
    wait_hint, pause_hint = keys_hint(terminal)
    narrator = PlainNarrator(keys_hint=wait_hint, pause_hint=pause_hint)
    engine = run.engine

    def say(lines: list[str]) -> None:
        for line in lines:
            out.write(line + "\n")
        out.flush()

    say([session_line(run.timeline),
         "Keys: Enter or Space ends a wait, p pauses, s skips, q quits." if terminal else
         "Input: an empty line ends a wait; p pauses, s skips, q quits."])
    status = RunStatus.QUIT
    held = 0  # Enter lines read from a pipe during timed phases: each ends a later wait
    try:
        while True:
            say(narrator.events(run.advance()))
            if run.finished:
                status = RunStatus.FINISHED
                break
            say(narrator.milestones(engine))
            if held and engine.state is EngineState.WAITING:
                held -= 1
                engine.continue_()
                continue
            due = narrator.next_due(engine)
            key = keys.wait(None if due is None else due / run.speed)
            if key is None:
                continue
            if key is Key.END:
                say(["Input ended at a wait: quitting (kept in the history as quit)."])
                break
            if key is Key.QUIT:
                say(["Quit."])
                break
            if key is Key.PAUSE:
                engine.toggle_pause()
            elif key is Key.SKIP:
                engine.skip_phase()
            elif key is Key.CONTINUE and engine.state is EngineState.WAITING:
                engine.continue_()
            elif key is Key.CONTINUE and not terminal:
                held += 1
    finally:
        run.close(status if run.closed_status is None else run.closed_status)
    return run.closed_status or status
