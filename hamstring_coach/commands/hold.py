"""The ``hold`` command: a quick hold or stretch timer, no session file needed.

``hamstring-coach hold 30s --sides each`` builds a one-exercise session in
memory (:mod:`hamstring_coach.plan.adhoc`) and runs it on the same coaching
screen, with the same sounds and history, as ``run``.
"""

from __future__ import annotations

import argparse

from hamstring_coach.commands.options import add_run_options, launch_options
from hamstring_coach.system.messages import print_error


def duration_value(text: str) -> float:
    """A time on the command line, read as in a file: ``30``, ``30 s``, ``1:30``, ``45 min``."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.format import parse_duration

    try:
        return parse_duration(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r}: {error}") from None


def count_value(text: str) -> int:
    """A whole number of 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("duration", type=duration_value, metavar="DURATION",
                        help="how long to hold: 30, 30s, 1:30, 1 min, 1m30s")
    parser.add_argument("--sides", choices=("both", "each"), default="both",
                        help="each: left, then right (default: both, one hold)")
    parser.add_argument("--sets", type=count_value, default=1, metavar="N",
                        help="how many times (per side), default 1")
    parser.add_argument("--rest", type=duration_value, default=30.0, metavar="DURATION",
                        help="rest between sets (default 30s)")
    parser.add_argument("--stretch", action="store_true",
                        help='call it a stretch (shown as "Stretch", counted as stretching)')
    add_run_options(parser)


def run(args: argparse.Namespace) -> int:
    """Build the hold session and run it on the coaching screen."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.format.model import Sides
    from hamstring_coach.plan.adhoc import hold_session
    from hamstring_coach.plan.compiler import compile_session
    from hamstring_coach.run.session_run import StartRequest
    from hamstring_coach.tui.launch import launch

    try:
        session = hold_session(args.duration, sides=Sides(args.sides), sets=args.sets,
                               rest=args.rest, stretch=args.stretch)
    except ValueError as error:
        return print_error("hold", error)
    timeline = compile_session(session)
    return launch(launch_options(args), StartRequest(timeline, session.id))
