"""The ``validate`` command: check session (or catalogue) files without running them.

Prints ``FILE: ok (name, m:ss, N waits)`` for a good file and every
problem of a bad one on stderr as ``hamstring-coach validate:
FILE:LINE:COL: key.path: message`` (begun like every error); exits 2 when
any file is invalid. Imports no Textual, so it is quick in an editor hook.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("files", nargs="+", metavar="FILE", help="session files to check")
    parser.add_argument("--catalogue", action="store_true",
                        help="check the files as exercise catalogues instead of sessions")


def run(args: argparse.Namespace) -> int:
    """Check every file; 0 when all are valid, 2 when any is not."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.format import SessionFileError, load_catalogue
    from hamstring_coach.format.plaintext import one_line
    from hamstring_coach.run.library import compile_file
    from hamstring_coach.system.messages import print_error
    from hamstring_coach.textfmt import duration_text, plural

    status = 0
    for file in args.files:
        try:
            if args.catalogue:
                catalogue = load_catalogue(file, explicit=True)
                print(one_line(f"{file}: ok ({plural(len(catalogue), 'exercise')})"))
                continue
            timeline = compile_file(file, explicit=True)
        except SessionFileError as error:
            status = 2
            for problem in error.problems:
                print_error("validate", problem)
            continue
        print(one_line(f"{file}: ok ({timeline.session.name}, {duration_text(timeline.total)}, "
                       f"{plural(timeline.waits, 'wait')})"))
    return status
