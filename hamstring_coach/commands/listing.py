"""The ``list`` command: built-in and user sessions with their length and tags.

``list --exercises`` lists the exercise catalogue instead: the ids a step
can ``use:``, built-in and from the user's ``catalogue.yaml``.
"""

from __future__ import annotations

import argparse
import sys

from hamstring_coach.format.plaintext import one_line
from hamstring_coach.system.messages import columns, pad, print_error
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
            return print_error("list", "--tag lists sessions, not exercises")
        return print_catalogue(sys.stdout)
    wanted = set(args.tag)
    entries = [e for e in discover() if wanted <= set(e.tags)]
    # Ids (file names), names and tags come from files: escaped before they are lined up.
    ids = {e.path: one_line(e.id) for e in entries}
    names = {e.path: one_line(e.name) for e in entries}
    # Lined up in terminal columns: a Chinese or Japanese letter takes two.
    width_id = max((columns(i) for i in ids.values()), default=0)
    width_name = max((columns(names[e.path]) for e in entries if e.error is None), default=0)
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
            sid = ids[e.path]
            if e.error is not None:
                print(f"  {pad(sid, width_id)}  BROKEN  {e.error}", file=out)
                continue
            length = duration_text(e.length) if e.length is not None else ""
            tags = one_line(", ".join(e.tags))
            line = (f"  {pad(sid, width_id)}  {pad(names[e.path], width_name)}  "
                    f"{length:>{width_len}} {_waits(e.waits):<{width_waits}}  {tags}")
            if e.shadowed:
                line += f"  (hidden by your own {sid})"
            print(line.rstrip(), file=out)
    return 0
