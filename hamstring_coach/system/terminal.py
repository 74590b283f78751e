"""Leave the terminal as we found it, whatever ends the program.

Textual restores the terminal when its app exits normally, but a SIGTERM,
SIGHUP or SIGQUIT kills the process by default, leaving the alternate screen
on, the cursor hidden and mouse reporting on. :class:`TerminalGuard` wraps
``app.run()``:

- it installs SIGTERM, SIGHUP, SIGQUIT (and SIGINT: ``kill -INT``, or
  Ctrl+C while the editor has the terminal) handlers; while the app runs
  they ask it to exit cleanly through the callback the app registers with
  :meth:`TerminalGuard.attach` (which must be safe from a signal handler,
  such as ``loop.call_soon_threadsafe``); before or after that they unwind
  the program with ``SystemExit(128 + signal)``;
- while the app waits for a program it handed the terminal to (the
  picker's editor), :meth:`TerminalGuard.interruptible` makes a signal stop
  that wait too (:class:`Interrupted`), so the app can end the program and
  then itself instead of waiting for the editor to be closed;
- a closed terminal window (the pty hung up) ends the app as SIGHUP does,
  even where the signal never comes, and Textual's shutdown cannot wait
  forever on the dead terminal (see :mod:`hamstring_coach.system.hangup`);
- it learns from the driver (see :func:`guarded_driver_class`) whether
  Textual is in application mode, and if the program leaves while it still
  is, it writes the escape sequences that leave the alternate screen, show
  the cursor and switch mouse reporting and bracketed paste off, and puts the
  saved tty modes back;
- with ``keeper=True`` (the CLI), a :class:`~hamstring_coach.system.keeper.TerminalKeeper`
  does the same if the program is killed with SIGKILL, which nothing in it
  can catch.

This module imports nothing from Textual at module level.
"""

from __future__ import annotations

import contextlib
import select
import signal
import sys
from collections.abc import Callable, Iterator
from types import FrameType, TracebackType
from typing import IO, TYPE_CHECKING, Any

from hamstring_coach.system.hangup import HangUpWatch, TerminalOutput

if TYPE_CHECKING:
    from hamstring_coach.system.keeper import TerminalKeeper

# Leave the alternate screen, show the cursor, every mouse mode and bracketed
# paste off: what a shell prompt expects.
RESTORE_SEQUENCE = (
    "\x1b[<u"  # pop the kitty keyboard protocol flags Textual pushed
    "\x1b[?1049l\x1b[?25h\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l"
    "\x1b[?1015l\x1b[?1016l\x1b[?1004l\x1b[?2004l"
)

HANDLED_SIGNALS: tuple[signal.Signals, ...] = (
    signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT)


class Interrupted(Exception):
    """A handled signal arrived while the app was waiting in :meth:`TerminalGuard.interruptible`."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"signal {signum}")
        self.signum = signum


def terminal_problem(stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> str | None:
    """Why a full-screen app cannot run here (TERM=dumb, stdin or stdout not a terminal),
    or None."""
    dumb = screen_refusal()
    if dumb is not None:
        return dumb
    for name, stream in (("input", stdin if stdin is not None else sys.__stdin__),
                         ("output", stdout if stdout is not None else sys.__stdout__)):
        try:
            ok = stream is not None and stream.isatty()
        except (OSError, ValueError):
            ok = False
        if not ok:
            return (f"this needs a terminal, and the standard {name} is not one (list, "
                    "show, validate, history and render work in pipes)")
    return None


# Terminals that cannot draw a screen (no cursor addressing, no colours): Emacs'
# shell-mode and M-x compile, many CI logs, `TERM=dumb` set on purpose.
DUMB_TERMINALS = frozenset({"dumb"})


def screen_refusal(environ: dict[str, str] | None = None) -> str | None:
    """Why no screen can be shown in this terminal, or None when one can."""
    import os

    term = (os.environ if environ is None else environ).get("TERM", "")
    if term.strip().lower() in DUMB_TERMINALS:
        return (f"this terminal (TERM={term}) cannot show the coaching screen; "
                "run it in a terminal such as xterm, or set TERM=xterm-256color "
                "(list, show, validate, history and render work here)")
    return None


class TerminalGuard:
    """Context manager that restores the terminal and turns signals into a clean exit."""

    def __init__(self, stream: IO[str] | None = None, stdin: IO[str] | None = None, *,
                 keeper: bool = False) -> None:
        self._stream = stream if stream is not None else sys.__stderr__
        self._want_keeper = keeper
        self.keeper: TerminalKeeper | None = None
        self._stdin = stdin if stdin is not None else sys.__stdin__
        self.signum: int | None = None  # the last signal received, if any
        self.app_mode = False  # True while Textual has the terminal in application mode
        self._request_exit: Callable[[int], None] | None = None
        self._old_handlers: dict[int, Any] = {}
        self._tty_attrs: list[Any] | None = None
        self._blocked = False  # inside interruptible()
        self._watch: HangUpWatch | None = None
        self._hung_up = False  # the watch saw the terminal hang up

    # -- the app's side -------------------------------------------------
    def attach(self, request_exit: Callable[[int], None]) -> None:
        """Route signals to ``request_exit(signum)`` while the app runs (signal-safe and
        thread-safe callback); a hang-up that came before is passed on now."""
        self._request_exit = request_exit
        if self.signum is not None:
            request_exit(self.signum)

    def detach(self) -> None:
        """Stop routing signals to the app (it is shutting down)."""
        self._request_exit = None

    def hung_up(self) -> None:
        """The terminal hung up (from the watch's thread): the app exits as on SIGHUP."""
        self._hung_up = True
        if self.signum is None:
            self.signum = signal.SIGHUP
            if (request_exit := self._request_exit) is not None:
                request_exit(signal.SIGHUP)

    @contextlib.contextmanager
    def interruptible(self) -> Iterator[None]:
        """A blocking wait (for a child program) that a handled signal ends with Interrupted.

        The app's exit is requested as usual; it happens once the loop runs again.
        """
        if self.signum is not None:  # a signal came already: the app is on its way out
            raise Interrupted(self.signum)
        self._blocked = True
        try:
            yield
        finally:
            self._blocked = False

    # -- context manager ------------------------------------------------
    def __enter__(self) -> TerminalGuard:
        self._tty_attrs = _get_tty_attrs(self._stdin)
        if self._tty_attrs is not None and self._stdin is not None and hasattr(select, "poll"):
            self._watch = HangUpWatch(self._stdin.fileno(), self.hung_up)
        if self._want_keeper:
            # the keeper only when a terminal is guarded
            from hamstring_coach.system.keeper import TerminalKeeper

            self.keeper = TerminalKeeper.start(self._stream, RESTORE_SEQUENCE)
        for signum in HANDLED_SIGNALS:
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                self._old_handlers[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._request_exit = None
        if self._watch is not None:
            self._watch.stop()
            self._watch = None
        if self.app_mode:
            self.restore()
        if self.keeper is not None:
            self.keeper.bye()
            self.keeper = None
        for signum, handler in self._old_handlers.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(signum, handler)
        self._old_handlers.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGHUP and self._hung_up and not self._blocked:
            return  # the hang-up the watch told the app of: it is on its way out already
        self.signum = signum
        if self._request_exit is not None:
            self._request_exit(signum)
            if self._blocked:  # the loop is stuck in a wait: end the wait too
                self._blocked = False
                raise Interrupted(signum)
            return
        raise SystemExit(128 + signum)

    # -- restoring --------------------------------------------------------
    def restore(self) -> None:
        """Write the restore sequence and put the saved tty modes back (never raises)."""
        self.app_mode = False
        stream = self._stream
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                if stream.isatty():
                    stream.write(RESTORE_SEQUENCE)
                    stream.flush()
        if self._tty_attrs is not None:
            _set_tty_attrs(self._stdin, self._tty_attrs)


def _get_tty_attrs(stdin: IO[str] | None) -> list[Any] | None:
    try:
        # POSIX only, and only with a terminal to restore
        import termios

        if stdin is None or not stdin.isatty():
            return None
        return termios.tcgetattr(stdin.fileno())
    except (ImportError, OSError, ValueError):
        return None


def _set_tty_attrs(stdin: IO[str] | None, attrs: list[Any]) -> None:
    try:
        # POSIX only, and only with a terminal to restore
        import termios

        if stdin is not None:
            termios.tcsetattr(stdin.fileno(), termios.TCSANOW, attrs)
    except (ImportError, OSError, ValueError):
        pass


def guarded_driver_class(base: type[Any], guard: TerminalGuard) -> type[Any]:
    """A subclass of Textual driver ``base`` that tells ``guard`` when it holds the terminal
    and writes through a :class:`TerminalOutput` (Textual's ``_file``, where it has one)."""

    class GuardedDriver(base):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            file = getattr(self, "_file", None)
            if file is not None:
                self._file = TerminalOutput(file)

        def start_application_mode(self) -> None:
            guard.app_mode = True
            super().start_application_mode()

        def stop_application_mode(self) -> None:
            super().stop_application_mode()
            guard.app_mode = False

    GuardedDriver.__name__ = f"Guarded{base.__name__}"
    return GuardedDriver
