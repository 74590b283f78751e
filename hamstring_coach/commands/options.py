"""The run options, declared once: ``--speed``, ``--no-sound``, ``--audio``, ``--voice``.

``run``, ``hold``, ``break`` and the picker (no command) all offer them, with
the same names, checks and help; :func:`launch_options` reads them back into
the :class:`~hamstring_coach.tui.launch.LaunchOptions` the app is launched with.
Light to import (``--help`` loads it): no Textual, no audio library.
"""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING

from hamstring_coach.run.ports import BACKENDS

if TYPE_CHECKING:
    from pathlib import Path

    from hamstring_coach.tui.launch import LaunchOptions

# Ten times slower (a 5-minute session in 50) to a thousand times faster (in 0.3 s):
# below that a session would outlast the user, above it a frame holds many phases.
MIN_SPEED = 0.1
MAX_SPEED = 1000.0
PICKER = "picker_"  # the prefix of the picker's options on the main parser


def speed_value(text: str) -> float:
    """``--speed``: a number from 0.1 to 1000."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not (math.isfinite(value) and MIN_SPEED <= value <= MAX_SPEED):
        raise argparse.ArgumentTypeError(
            f"{text} is out of range: from {MIN_SPEED:g} (10 times slower) "
            f"to {MAX_SPEED:g} (1000 times faster)")
    return value


def add_run_options(parser: argparse.ArgumentParser | argparse._ArgumentGroup, *,
                    prefix: str = "") -> None:
    """Declare the run options on ``parser``, stored as ``{prefix}speed`` and so on.

    The main parser uses a prefix so that its picker options never shadow a
    sub-command's own values (argparse fills both namespaces into one).
    """
    parser.add_argument("--speed", dest=f"{prefix}speed", type=speed_value, default=1.0,
                        metavar="F", help="run the clock F times faster (demos, tests)")
    parser.add_argument("--no-sound", dest=f"{prefix}no_sound", action="store_true",
                        help="play no sounds")
    parser.add_argument("--audio", dest=f"{prefix}audio", choices=BACKENDS, metavar="NAME",
                        help="audio backend: " + ", ".join(BACKENDS))
    parser.add_argument("--voice", dest=f"{prefix}voice", action="store_true",
                        help="also speak the phase names (needs espeak-ng, espeak or say)")


def launch_options(args: argparse.Namespace, *, prefix: str = "",
                   events: Path | None = None) -> LaunchOptions:
    """The run options of ``args`` (declared with :func:`add_run_options`)."""
    # deferred: --help and the other commands start without it
    from hamstring_coach.tui.launch import LaunchOptions

    return LaunchOptions(speed=getattr(args, f"{prefix}speed"),
                         sound=not getattr(args, f"{prefix}no_sound"),
                         audio=getattr(args, f"{prefix}audio"),
                         voice=getattr(args, f"{prefix}voice"), events=events,
                         command=getattr(args, "command", None))
