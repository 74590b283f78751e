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
import sys

from hamstring_coach.commands.hold import duration_value
from hamstring_coach.commands.run import AUDIO_BACKENDS, speed_value

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
    parser.add_argument("--speed", type=speed_value, default=1.0, metavar="F",
                        help="run the clocks F times faster (demos, tests)")
    parser.add_argument("--no-sound", action="store_true", help="play no sounds")
    parser.add_argument("--audio", choices=AUDIO_BACKENDS, metavar="NAME",
                        help="audio backend: " + ", ".join(AUDIO_BACKENDS))


def _error(message: str) -> int:
    print(f"hamstring-coach break: {message}", file=sys.stderr)
    return 2


def check_idle() -> int:
    """``break --check``: the idle source used here, and why each other one is not."""
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


def run(args: argparse.Namespace) -> int:
    """Load the break session and run break mode."""
    if args.check:
        return check_idle()
    if args.minutes is not None and args.session is not None:
        return _error("give --session or --minutes, not both")
    if args.popup and not os.environ.get("TMUX"):
        return _error("--popup works inside tmux ($TMUX is not set)")
    spec = args.session or (routine_for(args.minutes) if args.minutes else "desk-break")
    from hamstring_coach.plan.compiler import compile_session
    from hamstring_coach.run.library import SessionNotFoundError, load
    from hamstring_coach.tui.breakmode import BreakSettings, launch_breaks

    if not MIN_EVERY <= args.every <= MAX_EVERY:
        return _error("--every must be between 1 s and 24 h")
    if args.snooze <= 0:
        return _error("--snooze must be more than 0 s")
    try:
        timeline = compile_session(load(spec))
    except SessionNotFoundError as error:
        return _error(str(error))
    hours_text = args.hours
    if hours_text is None:
        from hamstring_coach.system.settings import load_settings

        hours_text = load_settings()[0].break_hours
    hours = None
    if hours_text is not None:
        from hamstring_coach.engine.hours import HoursError, parse_hours

        try:
            hours = parse_hours(hours_text)
        except HoursError as error:
            where = "--hours" if args.hours is not None else "settings break_hours"
            return _error(f"{where}: {hours_text!r}: {error}")
    settings = BreakSettings(every=args.every, snooze=args.snooze,
                             max_snoozes=args.max_snoozes, hours=hours, pause=args.pause)
    return launch_breaks(timeline, spec, settings, speed=args.speed,
                         sound=not args.no_sound, audio=args.audio, idle=args.idle == "auto",
                         popup=args.popup)
