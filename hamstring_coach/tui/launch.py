"""Run the app for the CLI: player, terminal guard, exit status, crash reports.

``run`` and the picker command both end here. The app runs inside a
:class:`~hamstring_coach.system.terminal.TerminalGuard`, so SIGTERM and SIGHUP
quit it cleanly (the history records the run as quit) and the terminal is
put back even if Textual could not do it. An error inside the app is
re-raised after the terminal is restored, so the CLI's ``guard`` writes a
crash report and prints one line instead of a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.run.ports import Player, SilentPlayer
from hamstring_coach.run.session_run import StartRequest
from hamstring_coach.system.terminal import TerminalGuard, terminal_problem

if TYPE_CHECKING:
    from hamstring_coach.tui.app import CoachApp


@dataclass(frozen=True, slots=True)
class LaunchOptions:
    """The ``run`` options that shape the app (the picker uses the defaults)."""

    speed: float = 1.0
    sound: bool = True
    audio: str | None = None  # backend name for --audio
    voice: bool = False
    events: Path | None = None


def open_app_player(options: LaunchOptions, timeline: Timeline | None) -> Player:
    """The real player (sound off: a silent one); a session's own sounds are passed on."""
    if not options.sound:
        return SilentPlayer()
    # the audio package only when sound is on
    from hamstring_coach.audio import open_player

    overrides = dict(timeline.session.sounds) if timeline is not None else None
    return open_player(enabled=True, backend=options.audio, voice=options.voice,
                       overrides=overrides)


def no_terminal() -> int | None:
    """Exit status 2 (and why, on stderr) when stdin or stdout is not a terminal; else None.

    A full-screen app on a pipe would spin, draw into a file or wait for keys
    that never come; the commands that print work in pipes instead.
    """
    problem = terminal_problem()
    if problem is None:
        return None
    print(f"hamstring-coach: {problem}", file=sys.stderr)
    return 2


def launch(options: LaunchOptions, start: StartRequest | None = None) -> int:
    """Run the app (the picker when ``start`` is None); returns the exit status."""
    # Textual loads only once an app is launched (commands import this module)
    from hamstring_coach.tui.app import AppConfig
    from hamstring_coach.tui.factory import make_app

    if (status := no_terminal()) is not None:
        return status
    player = open_app_player(options, start.timeline if start is not None else None)
    return run_guarded(player, lambda guard: make_app(AppConfig(
        speed=options.speed, player=player, events_path=options.events, guard=guard), start))


def run_guarded(player: Player, build: Callable[[TerminalGuard], CoachApp]) -> int:
    """Build and run an app inside the terminal guard; always close the player.

    An exception the app caught (``app.crash``) is raised again here, outside
    Textual, so the CLI's guard turns it into a crash report and one line.
    """
    guard = TerminalGuard(keeper=True)
    try:
        app = build(guard)
        with guard:
            result = app.run()
    finally:
        player.close()
    if app.crash is not None:
        raise app.crash
    for line in app.history_problems():  # also said on screen; kept where it can be read
        print(f"hamstring-coach: {line}", file=sys.stderr)
    return result if isinstance(result, int) else app.exit_status()
