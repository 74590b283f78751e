"""No command: the session picker (choose, start, edit sessions)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The picker takes no arguments (it is what runs when no command is given)."""


def run(args: argparse.Namespace) -> int:
    """Open the picker; returns the exit status (0, or 3 when history was not saved)."""
    from hamstring_coach.tui.launch import LaunchOptions, launch

    return launch(LaunchOptions())
