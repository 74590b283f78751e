"""No traceback ever reaches the user: unexpected errors become a crash report file."""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from hamstring_coach import __version__
from hamstring_coach.format.errors import SessionFileError
from hamstring_coach.system.messages import error_line, print_error


def write_crash_report(exc: BaseException) -> Path | None:
    """Write the traceback to a file in the data directory; return its path (None if unwritable)."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.system.paths import data_dir

    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = (
        f"hamstring-coach {__version__} crash report {stamp}\n"
        f"python {sys.version}\nargv {sys.argv!r}\n\n"
        + "".join(traceback.format_exception(exc))
    )
    for folder in (data_dir() / "crash-reports", Path.cwd()):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{stamp}.txt"
            # deferred: --help and the other commands start without it
            from hamstring_coach.system.files import write_regular

            write_regular(path, text.encode("utf-8", "replace"))
            return path
        except OSError:
            continue
    return None


def report_problems(error: SessionFileError, command: str | None = None) -> int:
    """Print every problem of an invalid file to stderr, one line each; exit status 2.

    ``hamstring-coach run: my.yaml:3:5: steps[0].hold: ...``: begun like every error.
    """
    for problem in error.problems:
        print(error_line(command, problem), file=sys.stderr)
    return 2


# Errors of the machine or of what the user asked for (a full disk, a folder
# given as a file, a name too long, no permission): one line, not a crash.
ORDINARY_ERRNOS = frozenset(
    getattr(errno, name) for name in (
        "ENOSPC", "EDQUOT", "EFBIG", "EISDIR", "ENOTDIR", "ENAMETOOLONG", "EACCES", "EPERM",
        "EROFS", "ENOENT", "ELOOP", "EEXIST", "EIO", "ENXIO", "ETXTBSY")
    if hasattr(errno, name))


def guard(action: Callable[[], int], command: str | None = None) -> int:
    """Run a command: invalid files exit 2, Ctrl+C exits 130, anything else is a crash report.

    An ordinary I/O error (see :data:`ORDINARY_ERRNOS`) on any path is exit 1
    and one line, ``hamstring-coach COMMAND: PATH: reason``. Standard output
    is flushed here, so a full disk behind ``> file`` is reported the same way.
    """
    try:
        status = action()
        sys.stdout.flush()
        return status
    except (KeyboardInterrupt, Exception) as error:
        return handle(error, command)


def handle(error: BaseException, command: str | None = None) -> int:
    """The exit status for ``error`` raised by a command, after telling the user (see guard).

    ``cli.main`` runs the command itself and imports this module only when
    something was raised, so a run that goes well never loads it.
    """
    if isinstance(error, SessionFileError):
        return report_problems(error, command)
    if isinstance(error, LookupError):  # library.SessionNotFoundError: SESSION names nothing
        if type(error).__name__ != "SessionNotFoundError":
            return _crash(error, command)
        return print_error(command, error.args[0] if error.args else error)
    if isinstance(error, KeyboardInterrupt):
        return 130
    if isinstance(error, BrokenPipeError):
        return 0
    if isinstance(error, OSError):
        if error.errno not in ORDINARY_ERRNOS:
            return _crash(error, command)
        return io_error(error, command)
    if isinstance(error, Exception):  # the whole point: never a traceback
        return _crash(error, command)
    raise error


def _shown(text: object) -> str:
    """A path or message as one line of plain text (control characters escaped)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def io_error(error: OSError, command: str | None) -> int:
    """``hamstring-coach COMMAND: PATH: reason`` on stderr; exit status 1."""
    where = []
    if error.filename is not None:
        where.append(_shown(os.fsdecode(error.filename)))
    elif _stdout_broken():
        where.append("standard output")
    reason = error.strerror or str(error)
    return print_error(command, *where, _shown(reason), status=1)


def _stdout_broken() -> bool:
    """True when standard output is what failed: it cannot be flushed, or its disk is full.

    Its data is then dropped: the descriptor is pointed at nothing, so the
    flush at exit does not fail again with a traceback.
    """
    try:
        fileno = sys.stdout.fileno()
        full = os.fstatvfs(fileno).f_bavail == 0
    except (OSError, ValueError, AttributeError):
        return False
    try:
        sys.stdout.flush()
    except OSError:
        full = True
    if full:
        with contextlib.suppress(OSError, ValueError):
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fileno)
            os.close(null)
    return full


def _crash(exc: BaseException, command: str | None = None) -> int:
    """Write the crash report and print one line naming it; exit status 70."""
    path = write_crash_report(exc)
    where = f"; report written to {path}" if path else ""
    return print_error(command, "unexpected error",
                       f"{exc.__class__.__name__}: {exc}{where}", status=70)
