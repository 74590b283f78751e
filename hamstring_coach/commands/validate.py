"""The `validate` command (not yet written)."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare this command's arguments."""


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    print("hamstring-coach: this command is not available yet", file=sys.stderr)
    return 1
