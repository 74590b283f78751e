"""The ``validate`` command: check session (or catalogue) files without running them.

Prints ``FILE: ok (name, m:ss, N waits)`` for a good file and every
problem of a bad one as ``FILE:LINE:COL: key.path: message``; exits 2 when
any file is invalid. Imports no Textual, so it is quick in an editor hook.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("files", nargs="+", metavar="FILE", help="session files to check")
    parser.add_argument("--catalogue", action="store_true",
                        help="check the files as exercise catalogues instead of sessions")


def run(args: argparse.Namespace) -> int:
    """Check every file; 0 when all are valid, 2 when any is not."""
    from hamstring_coach.format import SessionFileError, load_catalogue, load_session
    from hamstring_coach.plan.compiler import compile_session
    from hamstring_coach.textfmt import mmss, plural

    status = 0
    for file in args.files:
        try:
            if args.catalogue:
                catalogue = load_catalogue(file, explicit=True)
                print(f"{file}: ok ({plural(len(catalogue), 'exercise')})")
                continue
            session = load_session(file, explicit=True)
            timeline = compile_session(session)
        except SessionFileError as error:
            status = 2
            for problem in error.problems:
                print(problem, file=sys.stderr)
            continue
        print(f"{file}: ok ({session.name}, {mmss(timeline.total)}, "
              f"{plural(timeline.waits, 'wait')})")
    return status
