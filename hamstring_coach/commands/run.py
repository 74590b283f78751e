"""The ``run`` command: coach one session in the terminal.

``hamstring-coach run SESSION [--speed F] [--no-sound] [--audio NAME] [--voice]
[--events FILE] [--resume] [--as-written]``. The session runs at next time's
prescription (its ``progress:`` rules replayed over the history), or as
written with ``--as-written``. An invalid session prints its problems and
exits 2 before any screen opens. Exit status: 0 when the session finished or
was quit, 3 when the history could not be saved, 1 when the --events file
could not be written (or another ordinary I/O error), 128+N after signal N.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hamstring_coach.run.session_run import StartRequest

AUDIO_BACKENDS = ("simpleaudio", "miniaudio", "system", "bell", "silent")
MAX_SPEED = 1000.0


def speed_value(text: str) -> float:
    """``--speed``: a finite number above 0 (at most 1000)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not (math.isfinite(value) and 0 < value <= MAX_SPEED):
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most {MAX_SPEED:g}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("session", nargs="?", metavar="SESSION",
                        help="a built-in id, your session's id, or a path to a YAML file")
    parser.add_argument("--speed", type=speed_value, default=1.0, metavar="F",
                        help="run the session clock F times faster (demos, tests)")
    parser.add_argument("--no-sound", action="store_true", help="play no sounds")
    parser.add_argument("--audio", choices=AUDIO_BACKENDS, metavar="NAME",
                        help="audio backend: " + ", ".join(AUDIO_BACKENDS))
    parser.add_argument("--voice", action="store_true",
                        help="also speak the phase names (needs espeak-ng, espeak or say)")
    parser.add_argument("--events", type=Path, metavar="FILE",
                        help="write every engine event to FILE as a JSON line")
    parser.add_argument("--resume", action="store_true",
                        help="continue the last unfinished run (of SESSION, when given)")
    parser.add_argument("--as-written", action="store_true",
                        help="run the file as written, ignoring the prescription that progress "
                             "rules derive from your history")


def _error(message: str) -> int:
    print(f"hamstring-coach run: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Load the session (or the resume point) and run the app."""
    import gc

    gc.disable()  # until the app's first frame (tui.app.settle_gc): a faster start
    from hamstring_coach.history.outcomes import next_timeline
    from hamstring_coach.run.library import SessionNotFoundError, load
    from hamstring_coach.run.session_run import StartRequest
    from hamstring_coach.tui.launch import LaunchOptions, launch

    if args.resume:
        from hamstring_coach.history.resume import resume_request

        request, message = resume_request()
        if request is None:
            return _error(message or "nothing to resume")
        if args.session is not None and not _same_session(args.session, request):
            return _error(f"the last unfinished run is {request.timeline.session.name!r} "
                          f"({request.spec}), not {args.session}")
        start = request
    else:
        if args.session is None:
            return _error("which session? give SESSION (see: hamstring-coach list)")
        try:
            timeline, warning = next_timeline(load(args.session), as_written=args.as_written)
        except SessionNotFoundError as error:
            return _error(str(error))
        if warning:
            print(f"hamstring-coach run: {warning}", file=sys.stderr)
        start = StartRequest(timeline, args.session)
    if args.events is not None:
        from hamstring_coach.system.files import NotRegularFile, create_regular

        try:
            args.events.parent.mkdir(parents=True, exist_ok=True)
            create_regular(args.events).close()
        except NotRegularFile as error:  # a FIFO, a device: refused before it is opened
            return _error(f"{args.events}: --events: {error.strerror}")
        except OSError as error:
            return _error(f"cannot write the events file {args.events}: {error.strerror}")
    options = LaunchOptions(speed=args.speed, sound=not args.no_sound, audio=args.audio,
                            voice=args.voice, events=args.events)
    return launch(options, start)


def _same_session(spec: str, request: StartRequest) -> bool:
    """True when SESSION names the same file or id as the run being resumed."""
    from hamstring_coach.run.library import SessionNotFoundError, resolve

    source = request.timeline.session.source
    if spec == request.spec or spec == request.timeline.session.id:
        return True
    try:
        return source is not None and resolve(spec).resolve() == source.resolve()
    except SessionNotFoundError:
        return False
