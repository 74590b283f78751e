"""The ``run`` command: coach one session in the terminal.

``hamstring-coach run SESSION [--speed F] [--no-sound] [--audio NAME] [--voice]
[--events FILE [--force]] [--resume | --dismiss] [--as-written] [--plain] [--theme NAME]``. The
session runs at next time's prescription (its ``progress:`` rules replayed over the
history), or as written with ``--as-written``. ``--plain`` (or the setting
``"plain": true``) writes the session as lines instead of a screen
(:mod:`hamstring_coach.commands.plain_run`); it is the one mode that runs
without a terminal. An invalid session prints its problems and
exits 2 before any screen opens. Exit status: 0 when the session finished or
was quit, 3 when the history could not be saved, 1 when the --events file
could not be written (or another ordinary I/O error), 128+N after signal N.
"""

from __future__ import annotations

import argparse
import gc
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from hamstring_coach.commands.options import add_run_options, launch_options
from hamstring_coach.system.messages import print_error, print_warning
from hamstring_coach.system.settings import THEMES

if TYPE_CHECKING:
    from hamstring_coach.run.session_run import StartRequest

def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("session", nargs="?", metavar="SESSION",
                        help="a built-in id, your session's id, or a path to a YAML file")
    add_run_options(parser)
    parser.add_argument("--events", type=Path, metavar="FILE",
                        help="write every engine event to FILE as a JSON line "
                             "(a new file, unless --force)")
    parser.add_argument("--force", action="store_true",
                        help="let --events overwrite an existing FILE")
    parser.add_argument("--resume", action="store_true",
                        help="continue the last unfinished run (of SESSION, when given)")
    parser.add_argument("--dismiss", action="store_true",
                        help="forget the last unfinished run: it is no longer offered for "
                             "resuming (when its file changed before where it stopped)")
    parser.add_argument("--as-written", action="store_true",
                        help="run the file as written, ignoring the prescription that progress "
                             "rules derive from your history")
    parser.add_argument("--plain", action="store_true", default=None,
                        help="one line per phase and count-down milestone, no screen "
                             "(screen readers, braille, pipes, cron)")
    parser.add_argument("--theme", choices=THEMES, metavar="NAME",
                        help="colour theme: " + ", ".join(THEMES) + " (default: the setting)")


def _error(message: str) -> int:
    return print_error("run", message)


def run(args: argparse.Namespace) -> int:
    """Load the session (or the resume point) and run the app."""
    gc.disable()  # until the app's first frame (tui.app.settle_gc): a faster start
    # deferred: --help and the other commands start without it
    from hamstring_coach.history.prescription import next_timeline
    from hamstring_coach.run.library import SessionNotFoundError, load
    from hamstring_coach.run.session_run import StartRequest
    from hamstring_coach.tui.launch import launch

    if args.dismiss:
        return _dismiss()
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
            timeline, warning = next_timeline(load(args.session), as_written=args.as_written)
        except SessionNotFoundError as error:
            return _error(str(error))
        if warning:
            print_warning("run", warning)
        start = StartRequest(timeline, args.session)
    if args.events is not None:
        # deferred: --help and the other commands start without it
        from hamstring_coach.system.files import NotRegularFile, create_regular

        # A file (or a link to one, or a dangling link) is the user's: kept unless
        # --force. A FIFO or a device is left to create_regular, which refuses it.
        events = args.events
        if not args.force and (events.is_file() or (events.is_symlink() and not events.exists())):
            return _error(f"the events file {args.events} already exists; "
                          "add --force to overwrite it")
        try:
            args.events.parent.mkdir(parents=True, exist_ok=True)
            create_regular(args.events).close()
        except NotRegularFile as error:  # a FIFO, a device: refused before it is opened
            return _error(f"{args.events}: --events: {error.strerror}")
        except OSError as error:
            return _error(f"cannot write the events file {args.events}: {error.strerror}")
    from hamstring_coach.system.settings import load_settings

    settings, _warning = load_settings()  # the app says the warning on screen
    if args.plain or settings.plain:
        return _plain(args, start)
    from hamstring_coach.commands import morning  # deferred: only a screen run asks it

    morning.ask()
    options = replace(launch_options(args, events=args.events),
                      theme=args.theme or settings.theme)
    return launch(options, start)


def _dismiss() -> int:
    """``run --dismiss``: the last unfinished run is never offered again (0; 3 unsaved)."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.format.plaintext import one_line
    from hamstring_coach.history import HistoryUnavailable, last_unfinished, mark_resumed

    try:
        point = last_unfinished()
    except HistoryUnavailable as error:
        return _error(f"History unavailable: {error}")
    if point is None:
        print("Nothing to dismiss: no unfinished session in the history.")
        return 0
    warning = mark_resumed(point.run_id)
    if warning is not None:
        return print_error("run", warning, status=3)
    when = point.started_at.strftime("%a %d %b %H:%M")
    print(f"Dismissed {one_line(point.session_name)} ({point.status} {when}, "
          f"{point.sets_done} of {point.planned_sets} sets): no longer offered for resuming.")
    return 0


def _plain(args: argparse.Namespace, start: StartRequest) -> int:
    from hamstring_coach.commands.plain_run import run_plain_command
    from hamstring_coach.run.eventlog import EventLog

    events = EventLog(args.events) if args.events is not None else None
    return run_plain_command(start, speed=args.speed, sound=not args.no_sound,
                             audio=args.audio, voice=args.voice, events=events)


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
