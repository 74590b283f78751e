"""The ``list`` command: built-in and user sessions with their length and tags.

``list --exercises`` lists the exercise catalogue instead: the ids a step
can ``use:``, built-in and from the user's ``catalogue.yaml``.
"""

from __future__ import annotations

import argparse
import sys

from hamstring_coach.textfmt import duration_text, plural


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("--tag", action="append", default=[], metavar="TAG",
                        help="only sessions with this tag (repeat to require several)")
    parser.add_argument("--exercises", action="store_true",
                        help="list the exercise catalogue (the ids a step can use:) instead")


def _waits(waits: int) -> str:
    return f"+ {plural(waits, 'wait')}" if waits else ""


def run(args: argparse.Namespace) -> int:
    """Print the sessions, built-in first, then the user's; broken files with their error."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.run.library import discover
    from hamstring_coach.system import paths

    if args.exercises:
        # deferred: --help and the other commands start without it
        from hamstring_coach.commands.exercises import print_catalogue

        if args.tag:
            print("hamstring-coach list: --tag lists sessions, not exercises", file=sys.stderr)
            return 2
        return print_catalogue(sys.stdout)
    wanted = set(args.tag)
    entries = [e for e in discover() if wanted <= set(e.tags)]
    width_id = max((len(e.id) for e in entries), default=0)
    width_name = max((len(e.name) for e in entries if e.error is None), default=0)
    width_len = max((len(duration_text(e.length)) for e in entries if e.length is not None),
                    default=0)
    width_waits = max((len(_waits(e.waits)) for e in entries), default=0)
    out = sys.stdout
    for builtin in (True, False):
        group = [e for e in entries if e.builtin is builtin]
        folder = paths.builtin_sessions_dir() if builtin else paths.user_sessions_dir()
        if not builtin:
            print(file=out)
        print(f"{'Built-in sessions' if builtin else 'Your sessions'} ({folder})", file=out)
        if not group:
            if wanted:
                print("  none with those tags", file=out)
            elif not builtin:
                print("  none yet; create one with: hamstring-coach new NAME", file=out)
            continue
        for e in group:
            if e.error is not None:
                print(f"  {e.id:<{width_id}}  BROKEN  {e.error}", file=out)
                continue
            length = duration_text(e.length) if e.length is not None else ""
            line = (f"  {e.id:<{width_id}}  {e.name:<{width_name}}  {length:>{width_len}} "
                    f"{_waits(e.waits):<{width_waits}}  {', '.join(e.tags)}")
            if e.shadowed:
                line += f"  (hidden by your own {e.id})"
            print(line.rstrip(), file=out)
    return 0
