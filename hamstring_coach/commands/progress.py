"""The ``progress`` command: ``progress reset SESSION [EXERCISE]``.

A prescription is derived from the history, never written anywhere, so it
is reset by recording in the history that, from now on, the exercise (or
every exercise of the session) starts again as written. Runs before the
reset stay in the history and in its figures; the replay starts after it.
"""

from __future__ import annotations

import argparse

from hamstring_coach.system.messages import print_error


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    reset = sub.add_parser("reset", help="start an exercise's progression again from the file "
                                         "as written (every exercise when none is named)",
                           description="Start the progression of SESSION (or of one of its "
                                       "exercises) again from the file as written. The "
                                       "history keeps every run.")
    reset.add_argument("session", metavar="SESSION",
                       help="a built-in id, one of your session ids, or a path to a file")
    reset.add_argument("exercise", nargs="?", metavar="EXERCISE",
                       help="the exercise's name as show prints it (quote it if it has spaces)")


def _error(message: str) -> int:
    return print_error("progress", message)


def run(args: argparse.Namespace) -> int:
    """Record the reset; exit 2 for an unknown session or exercise, 3 when not saved."""
    from datetime import datetime

    from hamstring_coach.format import load_session
    from hamstring_coach.format.model import ExerciseStep
    from hamstring_coach.format.values import suggest
    from hamstring_coach.history.resets import record_reset
    from hamstring_coach.history.store import HistoryUnavailable, not_saved
    from hamstring_coach.plan.compiler import describe_step
    from hamstring_coach.run import library

    try:
        path = library.resolve(args.session)
    except library.SessionNotFoundError as error:
        return _error(str(error))
    session = load_session(path, session_id=library.session_id(path))
    ruled = [s for s in session.steps if isinstance(s, ExerciseStep) and s.progress]
    if not ruled:
        return _error(f"{session.name} has no exercise with a progress rule: it always runs "
                      "as written")
    chosen = [s for s in ruled if args.exercise is None or s.name == args.exercise]
    if not chosen:
        names = [s.name for s in ruled]
        hint = suggest(args.exercise, names).removeprefix("; ")
        return _error(f'{session.name} has no exercise "{args.exercise}" with a progress '
                      f"rule{' (' + hint + ')' if hint else ''}; these have one: "
                      + ", ".join(dict.fromkeys(names)))
    try:
        record_reset(session.id, args.exercise, datetime.now().astimezone())
    except HistoryUnavailable as error:
        return print_error("progress", not_saved(error.notice), status=3)
    for step in chosen:
        load = f" · {step.load}" if step.load else ""
        print(f"{step.name} ({session.id}): next time as written, "
              f"{describe_step(step, written=False)}{load}")
    return 0
