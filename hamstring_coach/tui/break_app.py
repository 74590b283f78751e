"""Break mode's app: the waiting screen as home, the break session on the coaching screen.

:func:`make_break_app` is the one factory the ``break`` command and the
tests use. It builds the app with :func:`~hamstring_coach.tui.factory.make_app`
(so the break session runs on the very same coaching screen, engine,
player and history recorder as ``run``) and gives it the waiting screen as
its home screen instead of the picker.
"""

from __future__ import annotations

import datetime as _dt
import time
from collections.abc import Callable
from dataclasses import field, replace

from hamstring_coach.engine.break_scheduler import DayCounts
from hamstring_coach.engine.clock import ScaledClock, SleepWatch
from hamstring_coach.engine.idle import IdleWatch, choose
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
from hamstring_coach.system.control import Claim, ControlError
from hamstring_coach.system.idle import default_sources
from hamstring_coach.system.messages import print_error
from hamstring_coach.system.records import frozen
from hamstring_coach.tui.app import AppConfig, CoachApp
from hamstring_coach.tui.factory import make_app
from hamstring_coach.tui.launch import LaunchOptions, no_terminal, open_app_player, run_guarded
from hamstring_coach.tui.popup import popup_starter
from hamstring_coach.tui.screens.break_wait import (
    WATCH_GAP,
    BreakScreen,
    SessionEnded,
    StartBreak,
)
from hamstring_coach.tui.today import daily_note, load_today


def desktop_notifier() -> Notify:
    """``notify-send`` where it exists, silently nothing elsewhere.

    The texts name a session from a file: one line, no control characters,
    and the body's markup (notification servers read ``<b>``, ``<a href>``)
    escaped.
    """
    import html

    from hamstring_coach.format.plaintext import one_line
    from hamstring_coach.system.notify import notify

    def send(summary: str, body: str) -> bool:
        return notify(one_line(summary), html.escape(one_line(body), quote=False))

    return send


@frozen
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
    wall: Callable[[], _dt.datetime] | None = None  # local wall clock (None: the real one)
    control: Claim | None = None  # the control socket to serve (None: none)
    idle: IdleWatch | None = None  # time away from the keyboard (None: not watched)
    popup: bool = False  # open a due break in a tmux popup over the current pane
    sound: bool = True  # for the popup's own run


def make_break_app(timeline: Timeline, spec: str, config: BreakConfig) -> CoachApp:
    """The app for break mode, its home the waiting screen for ``timeline``."""
    settings, speed = config.settings, config.app.speed
    clock = config.app.clock
    scheduler_clock: Clock = clock if clock is not None else ScaledClock(speed)
    scheduler = open_scheduler(settings, scheduler_clock, today=config.today,
                               counts=config.counts, wall=config.wall)
    watch = waiting_watch(config.break_watch, scheduler_clock, WATCH_GAP)

    def start_break(done: SessionEnded) -> object:
        def ended(run: SessionRun, status: RunStatus) -> None:
            app.pop_screen()  # the session screen; the waiting screen is back
            # Taken only with a set completed (the summary's count: every side done).
            done(status, any(tally.done for tally in run.summary().exercises))

        return app.start_session(timeline, spec, on_end=ended)

    starter: StartBreak = start_break
    if config.popup:
        starter = popup_starter(spec, start_break, sound=config.sound, speed=speed)

    def home() -> BreakScreen:
        return BreakScreen(
            scheduler, timeline, start_break=starter, player=config.app.player,
            record=config.record if config.record is not None else break_recorder(spec),
            notify_desktop=(config.notify_desktop if config.notify_desktop is not None
                            else desktop_notifier()),
            sleep_watch=watch, speed=speed,
            programme_note=config.programme_note if config.programme_note is not None
            else lambda: daily_note(load_today(config.today())),
            control=config.control, spec=spec, pause_seconds=settings.pause, idle=config.idle,
            auto_start=config.popup)

    app = make_app(replace(config.app, home=home, today=config.today))
    return app


def idle_watch() -> IdleWatch | None:
    """The first idle source that exists here, on the real monotonic clock (None: none)."""
    source = choose(default_sources()).source
    return IdleWatch(source, time.monotonic) if source is not None else None


def launch_breaks(timeline: Timeline, spec: str, settings: BreakSettings,
                  options: LaunchOptions, *, idle: bool = True, popup: bool = False) -> int:
    """Run break mode for the CLI (real player, clocks, history, control socket).

    Returns the exit status; 1 with a message when another timer runs.
    """
    if (status := no_terminal("break")) is not None:
        return status
    try:
        claim = Claim()
    except ControlError as error:
        return print_error("break", error, status=1)
    try:
        player = open_app_player(options, timeline)
        return run_guarded(player, lambda guard: make_break_app(timeline, spec, BreakConfig(
            settings, AppConfig(speed=options.speed, player=player, guard=guard),
            counts=todays_counts(_dt.date.today()), control=claim,
            idle=idle_watch() if idle else None, popup=popup, sound=options.sound)), "break")
    finally:
        claim.release()
