"""Break mode's app: the waiting screen as home, the break session on the coaching screen.

:func:`make_break_app` is the one factory the ``break`` command and the
tests use. It builds the app with :func:`~hamstring_coach.tui.factory.make_app`
(so the break session runs on the very same coaching screen, engine,
player and history recorder as ``run``) and gives it the waiting screen as
its home screen instead of the picker.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from hamstring_coach.engine.break_scheduler import DayCounts
from hamstring_coach.engine.clock import ScaledClock, SleepWatch
from hamstring_coach.history.break_log import break_recorder, todays_counts
from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.run.break_mode import (
    BreakSettings,
    Clock,
    Notify,
    ProgrammeNote,
    RecordBreak,
    open_scheduler,
    waiting_watch,
)
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.run.session_run import SessionRun
from hamstring_coach.system.notify import notify
from hamstring_coach.tui.app import AppConfig, CoachApp
from hamstring_coach.tui.factory import make_app
from hamstring_coach.tui.launch import LaunchOptions, no_terminal, open_app_player, run_guarded
from hamstring_coach.tui.screens.break_wait import WATCH_GAP, BreakScreen, SessionEnded
from hamstring_coach.tui.today import daily_note, load_today


@dataclass(frozen=True, slots=True)
class BreakConfig:
    """How break mode runs (see :func:`make_break_app`).

    ``app`` is the app's own config: its clock drives both the break
    countdown and the break session (None: the real monotonic clock,
    ``speed`` times faster), its ``sleep_watch`` is the session screen's;
    its ``home`` is ignored (the waiting screen is home).
    """

    settings: BreakSettings = field(default_factory=BreakSettings)
    app: AppConfig = field(default_factory=AppConfig)
    record: RecordBreak | None = None  # None: the SQLite history
    notify_desktop: Notify | None = None  # None: notify-send
    today: Callable[[], _dt.date] = _dt.date.today
    counts: DayCounts | None = None  # today's breaks already in the history
    # Watch for sleep while waiting: True builds a SleepWatch on the real clocks.
    break_watch: SleepWatch | bool = True
    # The programme's daily session not done today, for the waiting screen
    # (None: read from the user's programme and the history).
    programme_note: ProgrammeNote | None = None


def make_break_app(timeline: Timeline, spec: str, config: BreakConfig) -> CoachApp:
    """The app for break mode, its home the waiting screen for ``timeline``."""
    settings, speed = config.settings, config.app.speed
    clock = config.app.clock
    scheduler_clock: Clock = clock if clock is not None else ScaledClock(speed)
    scheduler = open_scheduler(settings, scheduler_clock, today=config.today,
                               counts=config.counts)
    watch = waiting_watch(config.break_watch, scheduler_clock, WATCH_GAP)

    def start_break(done: SessionEnded) -> object:
        def ended(run: SessionRun, status: RunStatus) -> None:
            app.pop_screen()  # the session screen; the waiting screen is back
            # Taken only with a set completed (the summary's count: every side done).
            done(status, any(tally.done for tally in run.summary().exercises))

        return app.start_session(timeline, spec, on_end=ended)

    def home() -> BreakScreen:
        return BreakScreen(
            scheduler, timeline, start_break=start_break, player=config.app.player,
            record=config.record if config.record is not None else break_recorder(spec),
            notify_desktop=config.notify_desktop if config.notify_desktop is not None else notify,
            sleep_watch=watch, speed=speed,
            programme_note=config.programme_note if config.programme_note is not None
            else lambda: daily_note(load_today(config.today())))

    app = make_app(replace(config.app, home=home, today=config.today))
    return app


def launch_breaks(timeline: Timeline, spec: str, settings: BreakSettings,
                  options: LaunchOptions) -> int:
    """Run break mode for the CLI (real player, clocks, history); returns the exit status."""
    if (status := no_terminal()) is not None:
        return status
    player = open_app_player(options, timeline)
    return run_guarded(player, lambda guard: make_break_app(timeline, spec, BreakConfig(
        settings, AppConfig(speed=options.speed, player=player, guard=guard),
        counts=todays_counts(_dt.date.today()))))
