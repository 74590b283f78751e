"""The ``programme`` command: show a programme, check it against the guidance, export it.

``programme [PROGRAMME]`` shows it (weeks, days, deloads, the sessions'
lengths); ``programme check [PROGRAMME]`` compares a normal week's working sets
per function and strength sessions with the guidance (warnings, exit 0);
``programme ics -o FILE [PROGRAMME]`` writes the dated sessions as iCalendar.
PROGRAMME is a path or a built-in example id; without it, ``programme.yaml``
in the config folder. The schema of the file: ``hamstring-coach schema --programme``.
"""

from __future__ import annotations

import argparse
import os
import re
import stat
import sys
import tempfile
from datetime import UTC, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from hamstring_coach.system.messages import print_error

if TYPE_CHECKING:
    from hamstring_coach.format.programme import Programme
    from hamstring_coach.run.programmes import SessionInfo

_WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _clock_time(text: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise argparse.ArgumentTypeError(f"expected a time of day such as 18:00, got {text!r}")
    return time(int(match.group(1)), int(match.group(2)))


def _minutes(text: str) -> int:
    if not text.isdigit() or int(text) > 24 * 60:
        raise argparse.ArgumentTypeError(f"expected minutes from 0 to 1440, got {text!r}")
    return int(text)


def _weeks(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 520:
        raise argparse.ArgumentTypeError(f"expected a number of weeks from 1 to 520, got "
                                         f"{text!r}")
    return int(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's actions (``show`` when none is named: see cli.DEFAULT_ACTIONS)."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    where = ("a programme file or a built-in example (twelve-weeks, desk-daily); default: "
             "programme.yaml in your config folder")
    show = actions.add_parser("show", help="weeks, days, deloads and the sessions' lengths "
                                           "(the default)")
    check = actions.add_parser("check", help="working sets a week per function and sessions "
                                             "a week against the guidance (warnings)")
    ics = actions.add_parser("ics", help="write the dated sessions as an iCalendar file")
    for sub in (show, check, ics):
        sub.add_argument("programme", nargs="?", metavar="PROGRAMME", help=where)
    ics.add_argument("-o", "--output", metavar="FILE", type=Path, required=True,
                     help="the iCalendar file to write")
    ics.add_argument("--force", action="store_true",
                     help="replace FILE if it already exists (a regular file only)")
    ics.add_argument("--at", type=_clock_time, default=time(18, 0), metavar="HH:MM",
                     help="the time of day sessions start (default 18:00)")
    ics.add_argument("--reminder", type=_minutes, default=15, metavar="MINUTES",
                     help="the reminder, minutes before (default 15)")
    ics.add_argument("--weeks", type=_weeks, metavar="N",
                     help="weeks to export of a programme without an end (default 12)")


def run(args: argparse.Namespace) -> int:
    """Show, check or export the programme; 2 when it cannot be found or is invalid."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.run import programmes

    action = args.action or "show"
    try:
        programme = programmes.load(args.programme)
    except programmes.ProgrammeNotFoundError as error:
        return print_error(f"programme {action}", error)
    # SessionFileError propagates: the CLI guard prints every problem and exits 2.
    infos = {sid: programmes.session_info(sid) for sid in programme.sessions()}
    if action == "show":
        sys.stdout.write(show_text(programme, infos))
        return 0
    if action == "check":
        sys.stdout.write(check_text(programme, infos))
        return 0
    return _ics(programme, infos, args)


def _length(info: SessionInfo) -> str:
    # deferred: --help and the other commands start without it
    from hamstring_coach.textfmt import duration_text

    if info.length is None:
        return "broken"
    return duration_text(info.length) + (f" + {info.waits} wait{'s' if info.waits != 1 else ''}"
                                if info.waits else "")


def show_text(programme: Programme, infos: dict[str, SessionInfo]) -> str:
    """The programme as ``programme`` prints it."""
    # deferred: --help and the other commands start without it
    import textwrap

    # deferred: --help and the other commands start without it
    from hamstring_coach.textfmt import printable

    out = [programme.name + (f"  ({programme.source})" if programme.source else "")]
    if programme.description:
        out.append(textwrap.fill(programme.description, width=78))
    start = programme.start
    when = f"Starts {_WEEKDAY_NAMES[start.weekday()]} {start.isoformat()}"
    if programme.weeks is None:
        out.append(when + ", repeats every week (no end)")
    else:
        last = programme.start + timedelta(weeks=programme.weeks, days=-1)
        out.append(f"{when}, {programme.weeks} weeks, last day "
                   f"{_WEEKDAY_NAMES[last.weekday()]} {last.isoformat()}")
    if programme.deload:
        out.append("Deload weeks (half the sets, no progression): "
                   + ", ".join(str(w) for w in sorted(programme.deload)))
    out.append("")
    width = max(len(s) for s in programme.sessions())
    rows = [("Every day", sid) for sid in programme.daily]
    rows += [(_WEEKDAY_NAMES[i], sid) for i, day in enumerate(programme.weekly) for sid in day]
    for label, sid in rows:
        info = infos[sid]
        out.append(f"  {label:<9}  {sid:<{width}}  {_length(info):>8}  {printable(info.name)}")
    week_length = sum((infos[sid].length or 0.0) * n for sid, n in programme.per_week().items())
    count = sum(programme.per_week().values())
    # deferred: --help and the other commands start without it
    from hamstring_coach.textfmt import duration_text

    sessions = f"{count} session{'s' if count != 1 else ''}"
    out.append(f"\nA week: {sessions}, {duration_text(week_length)}")
    if programme.weeks is not None:
        out.append("")
        for week in range(1, programme.weeks + 1):
            days = programme.week_days(week)
            mark = "  deload" if week in programme.deload else ""
            out.append(f"  Week {week:>{len(str(programme.weeks))}}  {days[0].isoformat()} to "
                       f"{days[-1].isoformat()}{mark}")
    return "\n".join(out) + "\n"


def check_text(programme: Programme, infos: dict[str, SessionInfo]) -> str:
    """``programme check``: the figures, then a warning per figure outside the guidance."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.run.programmes import GUIDED, SESSIONS_GUIDANCE, SETS_GUIDANCE, check

    result = check(programme, infos)
    low, high = SETS_GUIDANCE
    out = [f"{programme.name}: a normal week"]
    out.append(f"  {'strength sessions':<19} {result.sessions:>3}   (guidance "
               f"{SESSIONS_GUIDANCE[0]}-{SESSIONS_GUIDANCE[1]})")
    for function in GUIDED:
        out.append(f"  {function + ' sets':<19} {result.sets[function]:>3}   (guidance "
                   f"{low}-{high} working sets)")
    if result.other_sessions:
        out.append(f"  {'other sessions':<19} {result.other_sessions:>3}   (activation, desk, "
                   "stretch: not counted as training)")
    out += [f"note: {n}" for n in result.notes]
    out += [f"warning: {w}" for w in result.warnings]
    out.append("No warnings." if not result.warnings else
               f"{len(result.warnings)} warning{'s' if len(result.warnings) != 1 else ''}.")
    return "\n".join(out) + "\n"


def _ics(programme: Programme, infos: dict[str, SessionInfo], args: argparse.Namespace) -> int:
    # deferred: --help and the other commands start without it
    from datetime import datetime

    # deferred: --help and the other commands start without it
    from hamstring_coach.plan.ics import SessionFacts, calendar_text

    broken = [sid for sid, info in infos.items() if info.length is None]
    if broken:
        return print_error("programme ics", f"cannot load {', '.join(broken)}; fix it first "
                           "(see: hamstring-coach validate)")
    facts = {sid: SessionFacts(info.name, info.length or 0.0, info.waits)
             for sid, info in infos.items()}
    text = calendar_text(programme, facts, now=datetime.now(UTC), at=args.at,
                         reminder=timedelta(minutes=args.reminder), weeks=args.weeks)
    problem = write_file(args.output, text, force=args.force)
    if problem:
        return print_error("programme ics", problem, status=1)
    events = text.count("BEGIN:VEVENT")
    print(f"Wrote {args.output}: {events} event{'s' if events != 1 else ''}")
    return 0


def write_file(path: Path, text: str, *, force: bool) -> str | None:
    """Write ``text`` to ``path`` only if it is a regular file (with ``force``) or absent.

    Never follows a symbolic link and never opens a FIFO or a device; a new
    file is created exclusively, a replaced one through a temporary file
    renamed over it. Returns why it was not written, or None.
    """
    try:
        mode: int | None = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        return f"cannot use {path}: {error.strerror or error}"
    if mode is not None:
        if stat.S_ISLNK(mode):
            return f"{path} is a symbolic link; not written (name the file itself)"
        if stat.S_ISDIR(mode):
            return f"{path} is a folder; give a file name such as programme.ics"
        if not stat.S_ISREG(mode):
            return f"{path} is not a regular file (a FIFO, socket or device); not written"
        if not force:
            return f"{path} already exists; not overwritten (add --force to replace it)"
    data = text.encode("utf-8")
    try:
        if mode is None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(path, flags, 0o644)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            return None
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(temp, stat.S_IMODE(mode))
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except FileExistsError:
        return f"{path} already exists; not overwritten (add --force to replace it)"
    except OSError as error:
        return f"cannot write {path}: {error.strerror or error}"
    return None
