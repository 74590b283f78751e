"""The ``today`` command: what the programme has due on a day, what is done, what was missed.

Done comes from the history: a finished run of that session on that day
(see :mod:`hamstring_coach.history.programme`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from hamstring_coach.system.messages import print_error, print_warning

if TYPE_CHECKING:
    from hamstring_coach.format.programme import Programme
    from hamstring_coach.plan.calendar import DayReport
    from hamstring_coach.run.programmes import SessionInfo

_DAY = "%a %Y-%m-%d"


def _date(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date as YYYY-MM-DD, such as 2026-12-07, got {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("programme", nargs="?", metavar="PROGRAMME",
                        help="a programme file or built-in example (default: programme.yaml "
                             "in your config folder)")
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                        help="the day to ask about (default: today)")


def run(args: argparse.Namespace) -> int:
    """Print the day's report; 2 without a (valid) programme, 1 if the history is unreadable."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.history.programme import done_by_day
    from hamstring_coach.history.stats import read
    from hamstring_coach.history.store import HistoryUnavailable, cannot_read
    from hamstring_coach.plan.calendar import day_report
    from hamstring_coach.run import programmes

    try:
        programme = programmes.load(args.programme)
    except programmes.ProgrammeNotFoundError as error:
        return print_error("today", error)
    day = args.date or date.today()
    since = datetime.combine(day - timedelta(days=9), datetime.min.time()).astimezone()
    try:
        data, note = read(since)
    except HistoryUnavailable as error:
        return print_error("today", cannot_read(error), status=1)
    if note:
        print_warning("today", note)
    report = day_report(programme, day, done_by_day(data))
    names = {sid: programmes.session_info(sid) for sid in programme.sessions()}
    sys.stdout.write(report_text(programme, report, names))
    return 0


def report_text(programme: Programme, report: DayReport, infos: dict[str, SessionInfo]) -> str:
    """The report as ``today`` prints it."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.plan.calendar import Standing
    from hamstring_coach.textfmt import duration_text, printable

    day = report.day
    if report.standing is Standing.BEFORE:
        days = (programme.start - day).days
        first = programme.due_on(programme.start)
        begins = f"; it begins with {', '.join(first)}" if first else ""
        return (f"{programme.name}: starts {programme.start.strftime(_DAY)}, in {days} "
                f"day{'s' if days != 1 else ''}{begins}.\nNothing due {day.strftime(_DAY)}.\n")
    if report.standing is Standing.ENDED:
        assert programme.end is not None
        last = programme.end - timedelta(days=1)
        return (f"{programme.name}: ended {last.strftime(_DAY)}, after {programme.weeks} "
                f"weeks.\nNothing due {day.strftime(_DAY)}. Write the next programme, or "
                "remove weeks: to repeat this one.\n")
    of = f" of {programme.weeks}" if programme.weeks else ""
    deload = " (deload)" if report.deload else ""
    out = [f"{programme.name} · week {report.week}{of}{deload} · {day.strftime(_DAY)}"]
    if report.deload:
        out.append("A deload week: half the sets, and no progression.")

    width = max(len(s) for s in programme.sessions())

    def row(mark: str, sid: str, when: str = "") -> str:
        info = infos[sid]
        length = duration_text(info.length) if info.length is not None else "broken"
        return f"  {mark:<6}  {when}{sid:<{width}}  {length:>6}  {printable(info.name)}"

    if report.rest_day:
        out.append("Nothing due today: a rest day.")
    else:
        out.append("Due today:")
        out += [row("done" if d.done else "to do", d.session_id) for d in report.today]
    if report.earlier:
        out.append("Earlier this week:")
        out += [row("done" if d.done else "missed", d.session_id, d.day.strftime("%a %d  "))
                for d in report.earlier]
    missed = len(report.missed)
    if missed:
        out.append(f"{missed} missed this week.")
    return "\n".join(out) + "\n"
