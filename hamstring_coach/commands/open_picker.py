"""No command: the session picker (choose, start, edit sessions)."""

from __future__ import annotations

import argparse
import gc


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The picker takes no arguments (it is what runs when no command is given)."""


def run(args: argparse.Namespace) -> int:
    """Open the picker; returns the exit status (0, or 3 when history was not saved)."""
    gc.disable()  # until the app's first frame (tui.app.settle_gc): a faster start
    # deferred: --help and the other commands start without it
    from hamstring_coach.commands import morning
    from hamstring_coach.commands.options import PICKER, launch_options
    from hamstring_coach.tui.launch import launch

    morning.ask(command=None)
    return launch(launch_options(args, prefix=PICKER))
