"""The ``run`` command: coach one session in the terminal.

``hamstring-coach run SESSION [--speed F] [--no-sound] [--audio NAME] [--voice]
[--events FILE] [--resume]``. An invalid session prints its problems and
exits 2 before any screen opens. Exit status: 0 when the session finished or
was quit, 3 when the history could not be saved, 1 when the --events file
could not be written (or another ordinary I/O error), 128+N after signal N.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hamstring_coach.commands.options import add_run_options, launch_options

if TYPE_CHECKING:
    from hamstring_coach.run.session_run import StartRequest

def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("session", nargs="?", metavar="SESSION",
                        help="a built-in id, your session's id, or a path to a YAML file")
    add_run_options(parser)
    parser.add_argument("--events", type=Path, metavar="FILE",
                        help="write every engine event to FILE as a JSON line")
    parser.add_argument("--resume", action="store_true",
                        help="continue the last unfinished run (of SESSION, when given)")


def _error(message: str) -> int:
    print(f"hamstring-coach run: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Load the session (or the resume point) and run the app."""
    gc.disable()  # until the app's first frame (tui.app.settle_gc): a faster start
    # deferred: --help and the other commands start without it
    from hamstring_coach.run.library import SessionNotFoundError, load_timeline
    from hamstring_coach.run.session_run import StartRequest
    from hamstring_coach.tui.launch import launch

    if args.resume:
        # deferred: --help and the other commands start without it
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
            timeline = load_timeline(args.session)
        except SessionNotFoundError as error:
            return _error(str(error))
        start = StartRequest(timeline, args.session)
    if args.events is not None:
        # deferred: --help and the other commands start without it
        from hamstring_coach.system.files import NotRegularFile, create_regular

        try:
            args.events.parent.mkdir(parents=True, exist_ok=True)
            create_regular(args.events).close()
        except NotRegularFile as error:  # a FIFO, a device: refused before it is opened
            return _error(f"{args.events}: --events: {error.strerror}")
        except OSError as error:
            return _error(f"cannot write the events file {args.events}: {error.strerror}")
    return launch(launch_options(args, events=args.events), start)


def _same_session(spec: str, request: StartRequest) -> bool:
    """True when SESSION names the same file or id as the run being resumed."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.run.library import SessionNotFoundError, resolve

    source = request.timeline.session.source
    if spec == request.spec or spec == request.timeline.session.id:
        return True
    try:
        return source is not None and resolve(spec).resolve() == source.resolve()
    except SessionNotFoundError:
        return False
