"""The ``history`` command: recent sessions, weekly sets against the guidance, exports.

``--format table`` (default) prints recent sessions with their completion,
weekly working sets per function against 10-20 sets, sessions per week
against 1-3, the streak and desk breaks; with a programme, planned against
done for each of its weeks and the programme weeks kept in a row. ``csv`` and
``json`` export the recorded data (see :mod:`hamstring_coach.history.export`).
``history edit`` lists a run's sets and corrects what was logged; ``history
import FILE`` reads an export or a plain training log back (see
:mod:`hamstring_coach.commands.history_log`).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from hamstring_coach.system.messages import print_error, print_warning

if TYPE_CHECKING:
    from datetime import date

    from hamstring_coach.history.records import HistoryData
    from hamstring_coach.history.report import Glyphs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("--weeks", type=_positive, default=None, metavar="N",
                        help="weeks to show (table: default 8) or export (default: all)")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="table for reading (default), csv or json to export")
    parser.add_argument("--calendar", action="store_true",
                        help="the last 52 weeks as a grid of days (a year at a glance)")
    parser.add_argument("--table", choices=("sets", "runs", "breaks", "checkins"),
                        default="sets",
                        help="with --format csv: which records, one row each (default sets)")
    from hamstring_coach.commands import history_log

    history_log.add_actions(parser)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of weeks, got {text!r}") from None
    if not 1 <= value <= 520:
        raise argparse.ArgumentTypeError("weeks must be between 1 and 520")
    return value


def run(args: argparse.Namespace) -> int:
    """Print the history table or an export; 1 when the history cannot be read."""
    # deferred: --help and the other commands start without these
    if getattr(args, "action", None):
        from hamstring_coach.commands import history_log

        return history_log.run(args)
    from hamstring_coach.history import export, report
    from hamstring_coach.history.stats import first_day, local_now, read
    from hamstring_coach.history.store import HistoryUnavailable, cannot_read
    from hamstring_coach.system.paths import history_file
    from hamstring_coach.textfmt import printable

    now = local_now(None, None)
    path = history_file()
    table_weeks = args.weeks or 8
    since = None
    if args.format != "table" and args.weeks:
        since = first_day(args.weeks, now)  # runs started from that Monday on
    try:
        # The table reads everything: the streak may reach further back than the weeks shown.
        data, note = read(since, path)
    except HistoryUnavailable as error:
        return print_error("history", cannot_read(error), status=1)
    if note:
        print_warning("history", note)
    if args.calendar:
        from hamstring_coach.history.year import ASCII, UNICODE, grid
        from hamstring_coach.run.programmes import user_programme

        marks = UNICODE if _can_show_text("■▫×·") else ASCII
        for line in grid(data, now.date(), weeks=args.weeks or 52, marks=marks,
                         programme=user_programme()):
            print(line)
    elif args.format == "json":
        sys.stdout.write(export.to_json(data))
    elif args.format == "csv":
        sys.stdout.write(export.to_csv(data, args.table))
    elif not data.runs and not data.breaks:
        print(f"No sessions recorded yet (history file: {path}).")
    else:
        glyphs = report.UNICODE if _can_show(report.UNICODE) else report.ASCII
        # Names come from session files: shown as text, never as terminal control.
        sys.stdout.write(printable(report.render(data, weeks=table_weeks, now=now,
                                                 glyphs=glyphs)))
        for line in _programme_lines(data, now.date(), glyphs.dash):
            print(printable(line))
        hint = _resume_hint()
        if hint:
            print(printable(hint))
        print(f"History file: {path}")
    return 0


def _programme_lines(data: HistoryData, today: date, dash: str) -> list[str]:
    """Planned against done per week of the user's programme (none without one)."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.history.programme_report import programme_lines
    from hamstring_coach.run.programmes import user_programme

    programme = user_programme()
    if programme is None:
        return []
    return ["", *programme_lines(programme, data, today, dash)]


def _resume_hint() -> str | None:
    """A line naming the run ``run --resume`` would continue, if any."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.history import HistoryUnavailable, last_unfinished

    try:
        point = last_unfinished()
    except HistoryUnavailable:
        return None
    if point is None:
        return None
    from hamstring_coach.format.plaintext import one_line

    when = point.started_at.strftime("%a %d %b %H:%M")
    name = one_line(point.session_name)
    return (f"Unfinished: {name} ({point.status} {when}, {point.sets_done} of "
            f"{point.planned_sets} sets); continue it with: hamstring-coach run --resume")


def _can_show_text(text: str) -> bool:
    """True when stdout's encoding can write ``text``."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _can_show(glyphs: Glyphs) -> bool:
    """True when stdout's encoding can write the bar characters."""
    # deferred: --help and the other commands start without it
    import dataclasses

    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "".join(dataclasses.astuple(glyphs)).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
