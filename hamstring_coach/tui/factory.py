"""make_app: the one factory the CLI, the tests and the snapshot tests build the app with."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen

from hamstring_coach.engine.clock import SleepWatch
from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.run.ports import NullRecorder, Player, Recorder, SilentPlayer
from hamstring_coach.run.session_run import StartRequest
from hamstring_coach.system.terminal import TerminalGuard
from hamstring_coach.tui.app import AppConfig, Clock, CoachApp, RecorderFactory, history_recorder


def make_app(*, session_spec: str | None = None, timeline: Timeline | None = None,
             clock: Clock | None = None, speed: float = 1.0, player: Player | None = None,
             recorder_factory: RecorderFactory | None = None, events_path: Path | None = None,
             start_index: int = 0, resumed_from: int | None = None,
             sleep_watch: bool | SleepWatch = True,
             editor: str | None = None, guard: TerminalGuard | None = None,
             home: Callable[[], Screen[None]] | None = None) -> CoachApp:
    """The app: the picker, or straight into ``session_spec`` (or a compiled ``timeline``).

    ``session_spec`` (a built-in id, user id or path) is loaded and compiled
    here, so an invalid file raises ``SessionFileError`` (or
    ``SessionNotFoundError``) before any screen opens. ``clock`` defaults to
    the real monotonic clock sped up ``speed`` times; tests pass a
    ``FakeClock``. ``player`` defaults to silence and ``recorder_factory`` to
    the SQLite history.
    """
    start: StartRequest | None = None
    if timeline is None and session_spec is not None:
        from hamstring_coach.history.outcomes import next_timeline
        from hamstring_coach.run.library import load

        timeline = next_timeline(load(session_spec))[0]  # the prescription, as run runs it
    if timeline is not None:
        start = StartRequest(timeline, session_spec or timeline.session.id,
                             start_index=start_index, resumed_from=resumed_from)
    config = AppConfig(
        clock=clock, speed=speed, player=player if player is not None else SilentPlayer(),
        recorder_factory=recorder_factory or history_recorder, events_path=events_path,
        sleep_watch=sleep_watch, editor=editor, guard=guard,
        home=home if home is not None or start is not None else _picker)
    return CoachApp(config, start)


def null_recorder(timeline: Timeline, spec: str, resumed_from: int | None,
                  start_index: int) -> Recorder:
    """A recorder factory that keeps nothing (history off)."""
    return NullRecorder()


def _picker() -> Screen[None]:
    from hamstring_coach.tui.screens.picker import PickerScreen

    return PickerScreen()
