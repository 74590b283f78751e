"""The ``report`` command: a one-page report of your training for a physio or coach.

``hamstring-coach report [--weeks N] [-o FILE.html|FILE.md]``: sessions (or
the programme's planned against done), adherence, each exercise's weekly
progression as a small chart, pain during and the morning after where
logged, notes and skipped sets. Without ``-o`` the Markdown goes to stdout.
``.html`` (or ``.htm``) writes one self-contained page (inline SVG, no
scripts, no network; A4 when printed). Exit status: 0, 1 when the history
cannot be read or the file written, 2 for a bad option or a path that is
not a regular file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hamstring_coach.commands.history import _positive
from hamstring_coach.system.messages import print_error, print_warning

FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("--weeks", type=_positive, default=8, metavar="N",
                        help="weeks to cover, this one included (default 8)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write FILE.html (a page to print or send) or FILE.md; "
                             "default: Markdown on stdout")


def _error(message: object, status: int = 2) -> int:
    return print_error("report", message, status=status)


def run(args: argparse.Namespace) -> int:
    """Gather the history and write the report."""
    from hamstring_coach.history.programme_report import programme_lines
    from hamstring_coach.history.report_doc import gather, to_html, to_markdown
    from hamstring_coach.history.stats import local_now, read
    from hamstring_coach.history.store import HistoryUnavailable, cannot_read
    from hamstring_coach.run.programmes import user_programme
    from hamstring_coach.system.files import NotRegularFile, write_regular

    kind = "md"
    if args.output is not None:
        kind = FORMATS.get(args.output.suffix.lower(), "")
        if not kind:
            return _error(f"{args.output}: the name must end in .html or .md")
    now = local_now(None, None)
    try:
        data, note = read(None)
    except HistoryUnavailable as error:
        return print_error("report", cannot_read(error), status=1)
    if note:
        print_warning("report", note)
    programme = user_programme()
    lines = tuple(programme_lines(programme, data, now.date(), "–")) if programme else ()
    report = gather(data, args.weeks, now, lines)
    text = to_html(report) if kind == "html" else to_markdown(report)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_regular(args.output, text.encode("utf-8"))
    except NotRegularFile as error:  # a FIFO, a device, a folder: never opened
        return _error(f"{args.output}: {error.strerror}")
    except OSError as error:
        return _error(f"{args.output}: {error.strerror or error}", 1)
    print(args.output)
    return 0
