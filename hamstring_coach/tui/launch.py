"""Run the app for the CLI: player, terminal guard, exit status, crash reports.

``run`` and the picker command both end here. The app runs inside a
:class:`~hamstring_coach.system.terminal.TerminalGuard`, so SIGTERM and SIGHUP
quit it cleanly (the history records the run as quit) and the terminal is
put back even if Textual could not do it. An error inside the app is
re-raised after the terminal is restored, so the CLI's ``guard`` writes a
crash report and prints one line instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.run.ports import Player, SilentPlayer
from hamstring_coach.run.session_run import StartRequest
from hamstring_coach.system.messages import print_error, print_warning
from hamstring_coach.system.records import frozen
from hamstring_coach.system.terminal import TerminalGuard, terminal_problem

if TYPE_CHECKING:
    from hamstring_coach.tui.app import CoachApp


@frozen
class LaunchOptions:
    """The ``run`` options that shape the app (the picker uses the defaults)."""

    speed: float = 1.0
    sound: bool = True
    audio: str | None = None  # backend name for --audio
    voice: bool = False
    events: Path | None = None
    theme: str | None = None  # a Textual theme name; None: the app's default
    command: str | None = None  # what errors are said for: "run", "hold" (None: the picker)


def open_app_player(options: LaunchOptions, timeline: Timeline | None) -> Player:
    """The real player (sound off: a silent one); a session's own sounds are passed on."""
    if not options.sound:
        return SilentPlayer()
    # the audio package only when sound is on
    from hamstring_coach.audio import open_player

    overrides = dict(timeline.session.sounds) if timeline is not None else None
    return open_player(enabled=True, backend=options.audio, voice=options.voice,
                       overrides=overrides)


def no_terminal(command: str | None = None) -> int | None:
    """Exit status 2 (and why, on stderr) when stdin or stdout is not a terminal; else None.

    A full-screen app on a pipe would spin, draw into a file or wait for keys
    that never come; the commands that print work in pipes instead.
    """
    problem = terminal_problem()
    if problem is None:
        return None
    return print_error(command, problem)


def launch(options: LaunchOptions, start: StartRequest | None = None) -> int:
    """Run the app (the picker when ``start`` is None); returns the exit status."""
    # Textual loads only once an app is launched (commands import this module)
    from hamstring_coach.tui.app import AppConfig
    from hamstring_coach.tui.factory import make_app

    if (status := no_terminal(options.command)) is not None:
        return status
    player = open_app_player(options, start.timeline if start is not None else None)
    return run_guarded(player, lambda guard: make_app(AppConfig(
        speed=options.speed, player=player, events_path=options.events, guard=guard,
        theme=options.theme), start), options.command)


def run_guarded(player: Player, build: Callable[[TerminalGuard], CoachApp],
                command: str | None = None) -> int:
    """Build and run an app inside the terminal guard; always close the player.

    An exception the app caught (``app.crash``) is raised again here, outside
    Textual, so the CLI's guard turns it into a crash report and one line.
    Once the screen is gone, what was not saved is said on stderr, one line
    each (:func:`exit_report`).
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
    status = result if isinstance(result, int) else app.exit_status()
    # also said on screen; kept where it can be read
    for line in exit_report(app.history_problems(), status):
        print_warning(command, line)
    return status


def exit_report(problems: list[str], status: int) -> list[str]:
    """What stderr says once the screen is gone (or a plain run is over): why a run (or
    its --events file) was not saved; after exit status 3, the history not saved, never
    nothing."""
    if status == 3 and not problems:
        return ["History not saved (exit status 3)"]
    return problems
