"""make_app: the one factory the CLI, the tests and the snapshot tests build the app with."""

from __future__ import annotations

from dataclasses import replace

from textual.screen import Screen

from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.run.ports import NullRecorder, Recorder
from hamstring_coach.run.session_run import StartRequest
from hamstring_coach.tui.app import AppConfig, CoachApp


def make_app(config: AppConfig | None = None, start: StartRequest | None = None) -> CoachApp:
    """The app: straight into the session ``start`` names, or its home screen.

    ``config`` says how sessions run (clock, speed, player, recorder,
    events file, sleep watch, editor, terminal guard, home screen); its
    defaults are the real clock, silence and the SQLite history. Without a
    ``start`` and a ``config.home`` the home screen is the picker.
    """
    config = config if config is not None else AppConfig()
    if config.home is None and start is None:
        config = replace(config, home=_picker)
    return CoachApp(config, start)


def null_recorder(timeline: Timeline, spec: str, resumed_from: int | None,
                  start_index: int) -> Recorder:
    """A recorder factory that keeps nothing (history off)."""
    return NullRecorder()


def _picker() -> Screen[None]:
    # the picker screen only when no session is given (run starts faster)
    from hamstring_coach.tui.screens.picker import PickerScreen

    return PickerScreen()
