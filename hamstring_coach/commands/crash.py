"""No traceback ever reaches the user: unexpected errors become a crash report file."""

from __future__ import annotations

import datetime as _dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from hamstring_coach import __version__
from hamstring_coach.format.errors import SessionFileError


def write_crash_report(exc: BaseException) -> Path | None:
    """Write the traceback to a file in the data directory; return its path (None if unwritable)."""
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
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


def report_problems(error: SessionFileError) -> int:
    """Print every problem of an invalid file to stderr; exit status 2."""
    for problem in error.problems:
        print(problem, file=sys.stderr)
    return 2


def guard(action: Callable[[], int]) -> int:
    """Run a command: invalid files exit 2, Ctrl+C exits 130, anything else is a crash report."""
    try:
        return action()
    except SessionFileError as error:
        return report_problems(error)
    except LookupError as error:  # library.SessionNotFoundError: SESSION names nothing known
        if type(error).__name__ != "SessionNotFoundError":
            return _crash(error)
        print(f"hamstring-coach: {error.args[0] if error.args else error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the whole point: never a traceback
        return _crash(exc)


def _crash(exc: BaseException) -> int:
    """Write the crash report and print one line naming it; exit status 70."""
    path = write_crash_report(exc)
    where = f"; report written to {path}" if path else ""
    print(f"hamstring-coach: unexpected error: {exc.__class__.__name__}: {exc}{where}",
          file=sys.stderr)
    return 70
