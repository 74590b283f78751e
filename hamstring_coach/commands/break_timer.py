"""The ``break`` command: a desk stretch-break timer.

``hamstring-coach break [--every 45m] [--session desk-break] [--snooze 5m]
[--max-snoozes N] [--speed F]`` waits on a calm screen, says when a break is
due (sound, terminal bell, desktop notification), and on Enter runs the
break session on the same coaching screen as ``run``. Time away from the
computer (a suspend) for a whole interval counts as a break taken.
"""

from __future__ import annotations

import argparse
import math
import sys

from hamstring_coach.commands.hold import duration_value
from hamstring_coach.commands.options import add_run_options, launch_options

MIN_EVERY = 1.0  # seconds; shorter is a typo, not a schedule
MAX_EVERY = 24 * 3600.0


def zero_or_more(text: str) -> int:
    """A whole number of 0 or more (``--max-snoozes 0`` turns snoozing off)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def interval_value(text: str) -> float:
    """A break interval with its unit: ``45m``, ``1h``, ``90s``, ``1h30m``.

    A bare number is refused: ``--every 45`` most likely means minutes, and
    reading it as seconds (as ``hold 30`` does) would ring every 45 s.
    """
    try:
        bare = math.isfinite(float(text))
    except ValueError:
        bare = False
    if bare:
        raise argparse.ArgumentTypeError("give a unit, e.g. 45m, 1h or 90s")
    return duration_value(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("--every", type=interval_value, default=45 * 60.0, metavar="DURATION",
                        help="time between breaks, with a unit: 45m (default), 1h, 30m, 90s")
    parser.add_argument("--session", default="desk-break", metavar="SESSION",
                        help="the break session: a built-in id, your id or a path "
                             "(default: desk-break)")
    parser.add_argument("--snooze", type=interval_value, default=5 * 60.0, metavar="DURATION",
                        help="how long s puts a due break off, with a unit (default 5m)")
    parser.add_argument("--max-snoozes", type=zero_or_more, default=None, metavar="N",
                        help="snoozes allowed per break (default: no limit; 0: none)")
    add_run_options(parser)


def _error(message: str) -> int:
    print(f"hamstring-coach break: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Load the break session and run break mode."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.run.break_mode import BreakSettings
    from hamstring_coach.run.library import SessionNotFoundError, load_timeline
    from hamstring_coach.tui.break_app import launch_breaks

    if not MIN_EVERY <= args.every <= MAX_EVERY:
        return _error("--every must be between 1 s and 24 h")
    if args.snooze <= 0:
        return _error("--snooze must be more than 0 s")
    try:
        timeline = load_timeline(args.session)
    except SessionNotFoundError as error:
        return _error(str(error))
    settings = BreakSettings(every=args.every, snooze=args.snooze,
                             max_snoozes=args.max_snoozes)
    return launch_breaks(timeline, args.session, settings, launch_options(args))
