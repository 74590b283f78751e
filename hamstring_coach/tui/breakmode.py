"""Break mode wired up: the scheduler, the waiting screen and the app around them.

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

from hamstring_coach.engine.break_scheduler import BreakKind, BreakScheduler, DayCounts
from hamstring_coach.engine.clock import ScaledClock, SleepWatch
from hamstring_coach.engine.hours import WorkingHours
from hamstring_coach.engine.idle import IdleWatch
from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.run.session_run import SessionRun
from hamstring_coach.system.control import Claim
from hamstring_coach.tui.app import AppConfig, CoachApp
from hamstring_coach.tui.factory import make_app
from hamstring_coach.tui.screens.breaks import (
    WATCH_GAP,
    BreakScreen,
    Notify,
    RecordBreak,
    SessionEnded,
    StartBreak,
)

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class BreakSettings:
    """The ``break`` command's timing options, in seconds."""

    every: float = 45 * 60.0
    snooze: float = 5 * 60.0
    max_snoozes: int | None = None
    hours: WorkingHours | None = None  # None: breaks at any time
    pause: float = 3600.0  # what p (and ctl pause without a time) pauses for


def history_break_recorder(spec: str) -> RecordBreak:
    """Records each break in the SQLite history; returns its warning, if any."""

    def record(kind: BreakKind) -> str | None:
        from hamstring_coach.history import record_break

        return record_break(kind.value, _dt.datetime.now().astimezone(), session_id=spec)

    return record


def todays_counts(today: _dt.date) -> DayCounts | None:
    """Today's breaks already in the history (break mode restarted mid-day); None if unreadable."""
    from hamstring_coach.history.stats import breaks_on, read
    from hamstring_coach.history.store import HistoryUnavailable

    start = _dt.datetime.combine(today, _dt.time()).astimezone()
    try:
        data, _ = read(since=start)
    except HistoryUnavailable:
        return None
    counts = breaks_on(data, today)
    return DayCounts(today, taken=counts.get("taken", 0), snoozed=counts.get("snoozed", 0),
                     skipped=counts.get("skipped", 0), away=counts.get("away", 0))


def desktop_notifier() -> Notify:
    """``notify-send`` where it exists, silently nothing elsewhere."""
    from hamstring_coach.system.notify import notify

    def send(summary: str, body: str) -> bool:
        return notify(summary, body)

    return send


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
    scheduler = BreakScheduler(every=settings.every, snooze=settings.snooze,
                               max_snoozes=settings.max_snoozes, clock=scheduler_clock,
                               today=config.today, counts=config.counts,
                               hours=settings.hours, wall=config.wall)
    watch: SleepWatch | None
    if isinstance(config.break_watch, SleepWatch):
        watch = config.break_watch
    else:
        watch = (SleepWatch(session_clock=scheduler_clock, gap_threshold=WATCH_GAP)
                 if config.break_watch else None)

    def start_break(done: SessionEnded) -> object:
        def ended(run: SessionRun, status: RunStatus) -> None:
            app.pop_screen()  # the session screen; the waiting screen is back
            # Taken only with a set completed (the summary's count: every side done).
            done(status, any(tally.done for tally in run.summary().exercises))

        return app.start_session(timeline, spec, on_end=ended)

    starter: StartBreak = start_break
    if config.popup:
        from hamstring_coach.tui.popup import popup_starter

        starter = popup_starter(spec, start_break, sound=config.sound, speed=speed)

    def home() -> BreakScreen:
        return BreakScreen(
            scheduler, timeline, start_break=starter, auto_start=config.popup,
            player=config.app.player,
            record=config.record if config.record is not None else history_break_recorder(spec),
            notify_desktop=(config.notify_desktop if config.notify_desktop is not None
                            else desktop_notifier()),
            sleep_watch=watch, speed=speed, control=config.control, spec=spec,
            pause_seconds=settings.pause, idle=config.idle)

    app = make_app(replace(config.app, home=home))
    return app


def launch_breaks(timeline: Timeline, spec: str, settings: BreakSettings, *,
                  speed: float = 1.0, sound: bool = True, audio: str | None = None,
                  idle: bool = True, popup: bool = False) -> int:
    """Run break mode for the CLI (real player, clocks, history, control socket).

    Returns the exit status; 1 with a message when another timer runs.
    """
    import sys

    from hamstring_coach.system.control import ControlError
    from hamstring_coach.tui.launch import LaunchOptions, open_app_player, run_guarded

    try:
        claim = Claim()
    except ControlError as error:
        print(f"hamstring-coach break: {error}", file=sys.stderr)
        return 1
    watch = None
    if idle:
        import time

        from hamstring_coach.engine.idle import choose
        from hamstring_coach.system.idle import default_sources

        source = choose(default_sources()).source
        watch = IdleWatch(source, time.monotonic) if source is not None else None
    try:
        player = open_app_player(LaunchOptions(speed=speed, sound=sound, audio=audio),
                                 timeline)
        return run_guarded(player, lambda guard: make_break_app(timeline, spec, BreakConfig(
            settings, AppConfig(speed=speed, player=player, guard=guard),
            counts=todays_counts(_dt.date.today()), control=claim, idle=watch,
            popup=popup, sound=sound)))
    finally:
        claim.release()
