"""The morning-after question, asked in one line before the app starts (run and picker).

Only on a terminal (stdin and stdout both), only once per run (see
:mod:`hamstring_coach.history.checkin`): 0-10 stores the answer with that
run; Enter, or anything that is not 0-10, skips it; Ctrl+C or Ctrl+D skips
it too and the app starts as usual.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime

from hamstring_coach.system.messages import print_warning


def ask(*, read: Callable[[str], str] = input, now: datetime | None = None,
        interactive: bool | None = None, command: str | None = "run") -> None:
    """Ask about the latest unasked run of a pain-logging session, if one is due.

    ``command`` names the command in a warning (None: the picker).
    """
    from hamstring_coach.system.paths import history_file

    if interactive is None:
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if not interactive or not history_file().exists():
        return  # nothing recorded yet: nothing to ask, and SQLite stays unloaded
    from hamstring_coach.history.checkin import answer, due, question

    moment = now or datetime.now().astimezone()
    checkin = due(moment.date())
    if checkin is None:
        return
    try:
        reply = read(question(checkin, moment.date())).strip()
    except (EOFError, KeyboardInterrupt):
        print()
        reply = ""
    pain = int(reply) if reply.isascii() and reply.isdigit() and int(reply) <= 10 else None
    warning = answer(checkin, pain, moment)
    if warning:
        print_warning(command, warning)
    elif pain is None:
        print("Skipped; it will not be asked again." if not reply else
              f"{reply[:20]!r} is not 0-10: skipped; it will not be asked again.")
    else:
        print(f"Noted: {pain}/10, kept with that session.")
