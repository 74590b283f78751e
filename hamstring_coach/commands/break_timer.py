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
import os
from typing import TYPE_CHECKING

from hamstring_coach.commands.hold import duration_value
from hamstring_coach.commands.options import add_run_options, launch_options
from hamstring_coach.system.messages import print_error

if TYPE_CHECKING:
    from hamstring_coach.engine.hours import WorkingHours

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


# The built-in standing routines by the minutes they need, longest first.
DESK_ROUTINES = ((5, "desk-5min"), (2, "desk-2min"))


def minutes_value(text: str) -> int:
    """Whole minutes available for a break, 2 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of minutes: {text!r}") from None
    if value < DESK_ROUTINES[-1][0]:
        raise argparse.ArgumentTypeError(f"the shortest desk routine takes "
                                         f"{DESK_ROUTINES[-1][0]} minutes")
    return value


def routine_for(minutes: int) -> str:
    """The longest built-in desk routine that fits in ``minutes``."""
    return next(sid for need, sid in DESK_ROUTINES if need <= minutes)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("--every", type=interval_value, default=45 * 60.0, metavar="DURATION",
                        help="time between breaks, with a unit: 45m (default), 1h, 30m, 90s")
    parser.add_argument("--session", default=None, metavar="SESSION",
                        help="the break session: a built-in id, your id or a path "
                             "(default: desk-break)")
    parser.add_argument("--minutes", type=minutes_value, default=None, metavar="N",
                        help="the time you have for each break: the longest built-in desk "
                             "routine that fits (2: desk-2min, 5 or more: desk-5min)")
    parser.add_argument("--snooze", type=interval_value, default=5 * 60.0, metavar="DURATION",
                        help="how long s puts a due break off, with a unit (default 5m)")
    parser.add_argument("--max-snoozes", type=zero_or_more, default=None, metavar="N",
                        help="snoozes allowed per break (default: no limit; 0: none)")
    parser.add_argument("--hours", metavar="DAYS,HH:MM-HH:MM",
                        help="working hours, e.g. mon-fri,09:00-17:30: no break comes due "
                             "outside them (default: the settings' break_hours, else always)")
    parser.add_argument("--pause", type=interval_value, default=3600.0, metavar="DURATION",
                        help="how long p pauses breaks for, e.g. a meeting (default 1h)")
    parser.add_argument("--idle", choices=("auto", "off"), default="auto",
                        help="watch time away from the keyboard (auto: the first source "
                             "found; off: no)")
    parser.add_argument("--popup", action="store_true",
                        help="inside tmux: open a due break in a tmux popup over the pane you "
                             "are in (needs tmux 3.2 or later)")
    parser.add_argument("--check", action="store_true",
                        help="say which idle source would be used and why others were "
                             "passed over, then exit")
    add_run_options(parser)


def _error(message: str) -> int:
    return print_error("break", message)


def check_idle() -> int:
    """``break --check``: the idle source used here, and why each other one is not."""
    # deferred: the other commands start without it
    from hamstring_coach.engine.idle import choose
    from hamstring_coach.system.idle import default_sources

    sources = default_sources()
    choice = choose(sources)
    if choice.source is not None:
        print(f"Idle source: {choice.source.name}")
    else:
        print("Idle source: none here; time away is noticed only as a suspend")
    for name, reason in choice.passed:
        print(f"  passed over {name}: {reason}")
    later = sources[len(choice.passed) + 1:] if choice.source is not None else []
    for source in later:
        why = source.unavailable()
        print(f"  not needed {source.name}" + (f" (also unavailable: {why})" if why else ""))
    return 0


def working_hours(args: argparse.Namespace) -> tuple[WorkingHours | None, str | None]:
    """--hours, else the settings' break_hours; (hours, error message)."""
    # deferred: --help and the other commands start without them
    from hamstring_coach.engine.hours import HoursError, parse_hours
    from hamstring_coach.system.settings import load_settings

    text = args.hours if args.hours is not None else load_settings()[0].break_hours
    if text is None:
        return None, None
    try:
        return parse_hours(text), None
    except HoursError as error:
        where = "--hours" if args.hours is not None else "settings break_hours"
        return None, f"{where}: {text!r}: {error}"


def run(args: argparse.Namespace) -> int:
    """Load the break session and run break mode."""
    if args.check:
        return check_idle()
    # deferred: --help and the other commands start without it
    from hamstring_coach.run.break_mode import BreakSettings
    from hamstring_coach.run.library import SessionNotFoundError, load_timeline
    from hamstring_coach.tui.break_app import launch_breaks

    if args.minutes is not None and args.session is not None:
        return _error("give --session or --minutes, not both")
    if args.popup and not os.environ.get("TMUX"):
        return _error("--popup works inside tmux ($TMUX is not set)")
    spec = args.session or (routine_for(args.minutes) if args.minutes else "desk-break")
    hours, problem = working_hours(args)
    if problem is not None:
        return _error(problem)

    if not MIN_EVERY <= args.every <= MAX_EVERY:
        return _error("--every must be between 1 s and 24 h")
    if args.snooze <= 0:
        return _error("--snooze must be more than 0 s")
    try:
        timeline = load_timeline(spec)
    except SessionNotFoundError as error:
        return _error(str(error))
    settings = BreakSettings(every=args.every, snooze=args.snooze,
                             max_snoozes=args.max_snoozes, hours=hours, pause=args.pause)
    return launch_breaks(timeline, spec, settings, launch_options(args),
                         idle=args.idle == "auto", popup=args.popup)
