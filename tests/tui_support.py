"""Shared pieces of the TUI tests: a session file on disk, recording fakes, app builders.

The app is always built with :func:`hamstring_coach.tui.app.make_app`, the
factory the CLI uses, on a :class:`FakeClock` so nothing sleeps and every
screen is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.events import Event
from hamstring_coach.history.prescription import next_timeline
from hamstring_coach.plan.timeline import Side, Sound, Timeline
from hamstring_coach.run import library
from hamstring_coach.run.actuals import Actuals, PastSet
from hamstring_coach.run.ports import Player, RunStatus
from hamstring_coach.run.session_run import StartRequest
from hamstring_coach.system.terminal import TerminalGuard
from hamstring_coach.tui.app import AppConfig, CoachApp, history_recorder
from hamstring_coach.tui.factory import make_app
from hamstring_coach.tui.screens.session import SessionScreen

START = 1000.0

# Phases of TEST_SESSION (see the compiled layout in test_tui_view.py):
# 0 cue wait, 1 prepare 5, 2 hold L 20, 3 switch 5, 4 hold R 20, 5 rest 10,
# 6 hold L 20, 7 switch 5, 8 hold R 20, 9 prepare 5, 10-15 two reps of
# lower 3 / pause 1 / lift 1. Timed length 120 s.
TEST_SESSION = """\
name: Test session
description: A short session for the tests, with every kind of phase.
tags: [test, short]
defaults: {prepare: 5, rest: 10, side_switch: 5}
steps:
  - cue: Lie face down on a mat
  - exercise: Heel press
    hold: 20
    sets: 2
    sides: each
    cue: Press the heel down
    notes: [Barely move, Hips stay relaxed]
  - exercise: Slow curl
    reps: 2
    tempo: "3-1-1-0"
    load: 10 kg
"""


def write_session(folder: Path, name: str = "test-session.yaml",
                  text: str = TEST_SESSION) -> Path:
    """Write a session file and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class RecordingPlayer:
    """A Player that remembers what it was asked to play and say."""

    played: list[Sound] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    muted: bool = False
    volume: int = 80
    warning: str | None = None
    closed: bool = False
    backend: str = "miniaudio"
    on_visual: Callable[[Sound], None] | None = None

    def play(self, sound: Sound) -> None:
        """Remember the sound."""
        self.played.append(sound)

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute."""
        self.muted = muted

    def set_volume(self, volume: int) -> None:
        """Set the volume."""
        self.volume = volume

    def say(self, text: str) -> None:
        """Remember the words."""
        self.said.append(text)

    def close(self) -> None:
        """Remember it was closed."""
        self.closed = True


@dataclass
class RecordingRecorder:
    """A Recorder that keeps the events and how it was closed."""

    events: list[Event] = field(default_factory=list)
    status: RunStatus | None = None
    warning: str | None = None
    saved: bool = True
    logged: list[tuple[tuple[int, int, Side | None], Actuals]] = field(default_factory=list)

    def record(self, event: Event) -> None:
        """Keep the event."""
        self.events.append(event)

    def close(self, *, status: RunStatus) -> None:
        """Keep the status."""
        self.status = status

    def log_set(self, key: tuple[int, int, Side | None], values: Actuals) -> None:
        """Keep what was logged."""
        self.logged.append((key, values))

    def past_set(self, exercise: str, set_no: int, side: str | None) -> PastSet | None:
        """Nothing is known of last time."""
        return None


@dataclass
class Rig:
    """An app on a fake clock with a recording player and recorder."""

    app: CoachApp
    clock: FakeClock
    player: RecordingPlayer
    recorders: list[RecordingRecorder]

    @property
    def recorder(self) -> RecordingRecorder:
        """The last run's recorder."""
        return self.recorders[-1]

    @property
    def screen(self) -> SessionScreen:
        """The session screen (fails if another screen is on top)."""
        screen = self.app.screen
        assert isinstance(screen, SessionScreen), type(screen)
        return screen

    def move(self, seconds: float) -> None:
        """Move the clock on and let the session screen notice at once."""
        self.clock.advance(seconds)
        self.screen.tick()

    def text(self, selector: str) -> str:
        """The plain text of a Static on the current screen."""
        return str(self.app.screen.query_one(selector, Static).content)


def rig(session: str | None = None, *, timeline: Timeline | None = None, start_index: int = 0,
        player: Player | None = None, history: bool = False, editor: str | None = None,
        guard: TerminalGuard | None = None, today: Callable[[], date] = date.today,
        events_path: Path | None = None, resumed_from: int | None = None) -> Rig:
    """Build the app with :func:`make_app` on a fake clock (picker when no session).

    ``today`` is the calendar day the programme is read for (the picker's marks).

    Runs are kept by recording recorders (``Rig.recorders``), or with
    ``history`` by the real SQLite history; ``events_path`` is ``run --events``.

    ``resumed_from`` starts the run as ``run --resume`` continues run that id (it opens
    with its get-ready).

    ``session`` (a built-in id, user id or path) is loaded and compiled the
    way ``run`` does it, so a bad file raises before any screen opens.
    """
    clock = FakeClock(START)
    recording = RecordingPlayer()
    recorders: list[RecordingRecorder] = []

    def recording_factory(tl: Timeline, spec: str, resumed_from: int | None,
                          start_index: int) -> RecordingRecorder:
        recorder = RecordingRecorder()
        recorders.append(recorder)
        return recorder

    if timeline is None and session is not None:
        timeline = next_timeline(library.load(session))[0]
    start = (StartRequest(timeline, session or timeline.session.id, start_index=start_index,
                          resumed_from=resumed_from) if timeline is not None else None)
    config = AppConfig(clock=clock, player=player if player is not None else recording,
                       recorder_factory=history_recorder if history else recording_factory,
                       sleep_watch=False, editor=editor, guard=guard, today=today,
                       events_path=events_path)
    return Rig(make_app(config, start), clock, recording, recorders)


async def until(pilot: Pilot[object], condition: Callable[[], bool], *, pauses: int = 100) -> bool:
    """Pause until ``condition()`` holds; False after ``pauses`` idle cycles (a hang guard).

    A busy machine can leave a pane one refresh behind the key that changed it.
    """
    for _ in range(pauses):
        if condition():
            return True
        await pilot.pause()
    return condition()


async def footer_ready(pilot: Pilot[object]) -> None:
    """Wait for the session screen's Footer, which is added just after the first frame,
    to have its keys (drawn, unless the terminal is too small)."""
    from hamstring_coach.tui.widgets.footer import CoachFooter

    for _ in range(100):
        if any(footer.keys for footer in pilot.app.screen.query(CoachFooter)):
            return
        await pilot.pause(0.02)
    raise AssertionError("the Footer never showed its keys")
