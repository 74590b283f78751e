"""No command: the session picker (choose, start, edit sessions)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The picker takes no arguments (it is what runs when no command is given)."""


def run(args: argparse.Namespace) -> int:
    """Open the picker; returns the exit status (0, or 3 when history was not saved)."""
    import gc

    gc.disable()  # until the app's first frame (tui.app.settle_gc): a faster start
    from hamstring_coach.commands import morning
    from hamstring_coach.tui.launch import LaunchOptions, launch

    morning.ask()

    return launch(LaunchOptions(sound=not getattr(args, "picker_no_sound", False),
                                audio=getattr(args, "picker_audio", None),
                                voice=getattr(args, "picker_voice", False)))
