"""The ``ctl`` command: steer the running break timer from anywhere.

``hamstring-coach ctl start|snooze|skip|pause DURATION|resume|quit`` sends
one request over the control socket (:mod:`hamstring_coach.system.control`)
and prints what the timer says; a tmux key binding or a window-manager
shortcut can run it. Exit 0 when done, 1 when the timer refused (the reason
is printed) or none runs.
"""

from __future__ import annotations

import argparse

from hamstring_coach.system.messages import print_error

ACTIONS = ("start", "snooze", "skip", "pause", "resume", "quit", "status")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""
    parser.add_argument("action", choices=ACTIONS, help="what to do: " + ", ".join(ACTIONS))
    parser.add_argument("duration", nargs="?", metavar="DURATION",
                        help="for pause: how long, with a unit (30m, 1h); default 1h")


def run(args: argparse.Namespace) -> int:
    """Send the action; print the answer."""
    from hamstring_coach.commands.status import short_text
    from hamstring_coach.system.control import Command, ControlError, NotRunning, request

    seconds = None
    if args.action == "pause":
        from hamstring_coach.commands.break_timer import interval_value

        try:
            seconds = interval_value(args.duration or "1h")
        except argparse.ArgumentTypeError as error:
            return print_error("ctl", "pause", error)
    elif args.duration is not None:
        return print_error("ctl", f"{args.action} takes no duration")
    try:
        reply = request(Command(args.action), seconds)
    except NotRunning:
        return print_error("ctl", "no break timer is running "
                           "(start one with `hamstring-coach break`)", status=1)
    except ControlError as error:
        return print_error("ctl", error, status=1)
    status = reply.get("status")
    now = short_text(status) if isinstance(status, dict) else ""
    if not reply["ok"]:
        error_text = "".join(ch for ch in str(reply.get("error")) if ch.isprintable())
        return print_error("ctl", error_text[:200], status=1)
    print(f"{args.action}: ok" + (f" ({now})" if now else ""))
    return 0
