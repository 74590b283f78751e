"""Shared pieces of the break-mode tests: fake clocks of a machine, recording edges,
a short break session, and the app built by make_break_app on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hamstring_coach.engine.break_scheduler import BreakKind
from hamstring_coach.engine.clock import FakeClock, SleepWatch
from hamstring_coach.format import load_session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Sound, Timeline
from hamstring_coach.run.break_mode import BreakSettings
from hamstring_coach.tui.app import AppConfig, CoachApp
from hamstring_coach.tui.break_app import BreakConfig, make_break_app
from hamstring_coach.tui.factory import null_recorder

EVERY = 45 * 60.0
SNOOZE = 5 * 60.0
DAY = dt.date(2024, 10, 27)  # the day Europe leaves summer time

SHORT_BREAK = """\
name: Tiny break
steps:
  - exercise: Standing heel pull
    hold: 4
    prepare: 1
"""


@dataclass
class Recorded:
    """What reached the edges: sounds, history rows, desktop notifications."""

    played: list[Sound] = field(default_factory=list)
    breaks: list[BreakKind] = field(default_factory=list)
    desktop: list[tuple[str, str]] = field(default_factory=list)

    # the Player protocol, recording only what was played
    warning: str | None = None
    muted: bool = False
    volume: int = 80
    backend: str = "miniaudio"
    on_visual: Callable[[Sound], None] | None = None

    def play(self, sound: Sound) -> None:
        self.played.append(sound)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def set_volume(self, volume: int) -> None:
        self.volume = volume

    def say(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass

    def record(self, kind: BreakKind) -> str | None:
        self.breaks.append(kind)
        return None

    def notify(self, summary: str, body: str) -> bool:
        self.desktop.append((summary, body))
        return True


class Machine:
    """The fake clocks of one machine: the app's clock, monotonic and boot time."""

    def __init__(self) -> None:
        self.clock = FakeClock(1000.0)  # drives the scheduler and the session
        self.mono = FakeClock(50.0)  # the sleep watch's real monotonic clock
        self.boot = FakeClock(80.0)  # CLOCK_BOOTTIME: runs on through a suspend
        self.day = DAY

    def advance(self, seconds: float) -> None:
        """Time passes with the machine awake."""
        self.clock.advance(seconds)
        self.mono.advance(seconds)
        self.boot.advance(seconds)

    def suspend(self, seconds: float) -> None:
        """The machine sleeps: only boot time moves (Linux monotonic stands still)."""
        self.boot.advance(seconds)

    def watch(self, gap: float | None = None) -> SleepWatch:
        """A sleep watch on these clocks. Without ``gap``, only boot time reveals a
        suspend (Linux's sign), so the tests may jump minutes between two wakes."""
        return SleepWatch(monotonic=self.mono, boottime=self.boot, session_clock=self.clock,
                          gap_threshold=gap)


def short_timeline(folder: Path) -> Timeline:
    """SHORT_BREAK written to ``folder`` and compiled by the real loader and plan."""
    path = folder / "tiny.yaml"
    path.write_text(SHORT_BREAK, encoding="utf-8")
    return compile_session(load_session(path))


def build(timeline: Timeline, machine: Machine, rec: Recorded, *, every: float = EVERY,
          max_snoozes: int | None = None, watch: SleepWatch | None = None) -> CoachApp:
    return make_break_app(timeline, "tiny", BreakConfig(
        BreakSettings(every=every, snooze=SNOOZE, max_snoozes=max_snoozes),
        app_config(machine, rec), record=rec.record, notify_desktop=rec.notify,
        today=lambda: machine.day, break_watch=watch or machine.watch()))


def app_config(machine: Machine, rec: Recorded) -> AppConfig:
    """The break session's app: on the machine's clock, recording sounds, no history,
    no sleep watch of its own (the waiting screen's watch is the one under test)."""
    return AppConfig(clock=machine.clock, player=rec, recorder_factory=null_recorder,
                     sleep_watch=False)
