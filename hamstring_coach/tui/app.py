"""The Textual app and :func:`make_app`, the one factory the CLI and the tests use.

The app is a thin shell: it holds the run's settings (:class:`AppConfig`),
starts sessions (engine + player + recorder + event log, wired by
:class:`~hamstring_coach.run.session_run.SessionRun`) and moves between the
picker, session and summary screens. Everything a screen shows comes from
the engine through that screen.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from hamstring_coach.engine.clock import ScaledClock, SleepWatch
from hamstring_coach.engine.machine import Engine
from hamstring_coach.plan.leadin import lead_in
from hamstring_coach.plan.timeline import Sound, Timeline
from hamstring_coach.run.eventlog import EventLog
from hamstring_coach.run.ports import Player, Recorder, RunStatus, SilentPlayer
from hamstring_coach.run.session_run import DeferredRecorder, SessionRun, StartRequest
from hamstring_coach.system.terminal import TerminalGuard, guarded_driver_class
from hamstring_coach.tui.nexttime import next_time
from hamstring_coach.tui.plain import escape_controls
from hamstring_coach.tui.screens.session import SessionScreen

# (timeline, session_spec, resumed_from, start_index) -> Recorder
RecorderFactory = Callable[[Timeline, str, int | None, int], Recorder]
Clock = Callable[[], float]


def history_recorder(timeline: Timeline, spec: str, resumed_from: int | None,
                     start_index: int) -> Recorder:
    """The real recorder: the SQLite history (never raises; ``saved`` False on failure)."""
    # the history (sqlite3) opens after the first frame, not before it
    from hamstring_coach.history import open_recorder

    return open_recorder(timeline, session_spec=spec, resumed_from=resumed_from,
                         start_index=start_index)


@dataclass(slots=True)
class AppConfig:
    """How sessions run in this app (see :func:`make_app`)."""

    clock: Clock | None = None  # None: the real monotonic clock, scaled by ``speed``
    speed: float = 1.0
    player: Player = field(default_factory=SilentPlayer)
    recorder_factory: RecorderFactory = history_recorder
    events_path: Path | None = None
    # Watch for the machine sleeping: True builds a SleepWatch on the real clocks;
    # tests pass one with fake clocks, or False.
    sleep_watch: bool | SleepWatch = True
    editor: str | None = None  # the picker's ``e``; None: $VISUAL, $EDITOR, nano, vi
    guard: TerminalGuard | None = None
    # The first screen when no session is given: the picker (tui.factory.make_app
    # sets it), or break mode's waiting screen.
    home: Callable[[], Screen[None]] | None = None
    # The calendar day the programme is read for (the picker's and break mode's
    # "today"); tests pass a fixed day.
    today: Callable[[], date] = date.today
    theme: str | None = None  # a registered Textual theme; None: textual-dark


def settle_gc() -> None:
    """Once the first frame is up: keep what exists out of collections, and collect again.

    The commands switch the collector off while they import and build the
    app (fewer, pointless passes over objects that live as long as the app:
    a faster first frame); this turns it back on.
    """
    gc.freeze()
    gc.enable()


class VisualCue(Message):
    """The player (on its own thread) asks for a visual cue in place of ``sound``."""

    def __init__(self, sound: Sound) -> None:
        super().__init__()
        self.sound = sound


class CoachApp(App[int]):
    """The hamstring coach; ``run()`` returns the exit status (see ``exit_status``)."""

    TITLE = "hamstring-coach"
    # Every screen's stylesheet is read with the app's, before anything is parsed:
    # a screen bringing a stylesheet the app has not read makes Textual parse every
    # stylesheet again from scratch (Stylesheet.reparse, no cache) and restyle every
    # node, the first time it is shown: before the session's first frame, and once
    # more for the summary at its end. Each screen still names its own (CSS_PATH).
    # ``run`` (no home screen) shows only the session and its summary: it reads
    # those two (RUN_CSS_PATH), and parses 40% less before its first frame.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        Path(__file__).with_name("app.tcss"),
        *(Path(__file__).parent / "screens" / name for name in (
            "session.tcss", "summary.tcss", "picker.tcss", "break_wait.tcss"))]
    RUN_CSS_PATH: ClassVar[list[str | PurePath]] = CSS_PATH[:3]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "quit_now", "Quit", show=False, priority=True),
        # As in other terminal apps (the tty is raw, so Ctrl+Z comes as a key): see
        # action_suspend_process. Priority: the picker's filter has no say.
        Binding("ctrl+z", "suspend_process", "Suspend (fg brings it back)", show=False,
                priority=True),
    ]

    def __init__(self, config: AppConfig, start: StartRequest | None = None) -> None:
        self.config = config
        self.start = start
        self.runs: list[SessionRun] = []
        self.crash: BaseException | None = None
        self.signal_received: int | None = None
        self.interrupted = False  # Ctrl+C: exit status 130, like a shell's SIGINT
        self.warnings_shown: set[str] = set()  # player/history warnings: once per app run
        super().__init__(css_path=self.CSS_PATH if config.home is not None else self.RUN_CSS_PATH)
        if config.guard is not None:
            self.driver_class = guarded_driver_class(self.driver_class, config.guard)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every toast is plain text: messages quote files, paths and warnings.

        ``markup`` is accepted (Textual's signature) and ignored: no toast of
        this app uses markup, so a session name in one never becomes a link
        or an action.
        """
        super().notify(escape_controls(message), title=escape_controls(title),
                       severity=severity, timeout=timeout, markup=False)

    # -- start and end ----------------------------------------------------
    def on_mount(self) -> None:
        """Route signals to a clean exit; open the session or the picker."""
        from hamstring_coach.tui.themes import THEMES

        for theme in THEMES:
            self.register_theme(theme)
        self.theme = self.config.theme or "textual-dark"
        guard = self.config.guard
        if guard is not None:
            loop = asyncio.get_running_loop()

            def request_exit(signum: int) -> None:
                loop.call_soon_threadsafe(self.on_signal, signum)

            guard.attach(request_exit)
        def on_visual(sound: Sound) -> None:  # called from the audio thread
            # A Message, not loop.call_soon_threadsafe: its handler runs
            # inside the app's context, where the flash's timer can start
            # (a bare loop callback has no active app, so the timer died
            # and the app crashed when the screen went).
            self.post_message(VisualCue(sound))

        self.config.player.on_visual = on_visual
        self.app_resume_signal.subscribe(self, self._back_from_suspend)
        # Everything built so far (Textual, the stylesheet, the screens) lives
        # as long as the app: keep it out of the collector's full passes, whose
        # pauses would otherwise land on phase boundaries now and then.
        self.call_after_refresh(settle_gc)
        if self.start is not None:
            request = self.start
            self.start_session(request.timeline, request.spec, start_index=request.start_index,
                               resumed_from=request.resumed_from)
        elif self.config.home is not None:
            self.push_screen(self.config.home())

    def start_session(self, timeline: Timeline, spec: str, *, start_index: int = 0,
                      resumed_from: int | None = None,
                      on_end: Callable[[SessionRun, RunStatus], None] | None = None,
                      ) -> SessionRun:
        """Start running ``timeline`` on a new session screen.

        ``on_end`` replaces the usual ending (summary, then back or exit):
        break mode goes straight back to its waiting screen.
        """
        config = self.config
        clock = config.clock if config.clock is not None else ScaledClock(config.speed)
        # A resumed run opens with a get-ready that says where it picks up (plan.leadin).
        lead = lead_in(timeline, start_index) if resumed_from is not None else None
        engine = Engine(timeline, clock, start_index=start_index, lead_in=lead)
        recorder = DeferredRecorder(
            lambda: config.recorder_factory(timeline, spec, resumed_from, start_index))
        log = EventLog(config.events_path) if config.events_path is not None else None
        run = SessionRun(engine, clock=clock, player=config.player, recorder=recorder,
                         event_log=log, speed=config.speed)
        self.runs.append(run)
        sleep_check = None
        if config.sleep_watch is not False:
            watch = (config.sleep_watch if isinstance(config.sleep_watch, SleepWatch)
                     else SleepWatch(session_clock=clock))

            def sleep_check() -> float | None:
                slept = watch.check()
                return None if slept is None else slept.session_since

        self.push_screen(SessionScreen(run, on_end=on_end or self._session_ended,
                                       sleep_check=sleep_check))
        self.call_after_refresh(recorder.open)  # the history opens once the screen is up
        return run

    def action_suspend_process(self) -> None:
        """Ctrl+Z: stop the process, as a shell's job, until ``fg``.

        A session still going pauses first: the time away is not exercise
        (and it is there, paused, when you come back). Textual gives the
        terminal back and stops the process (SIGTSTP); on SIGCONT it takes
        the terminal again and :meth:`_back_from_suspend` repaints it.
        """
        screen = self.screen
        if isinstance(screen, SessionScreen):
            screen.pause_for_suspend()
        super().action_suspend_process()

    def _back_from_suspend(self, _app: App[int]) -> None:
        """Back from Ctrl+Z (``fg``, SIGCONT): the terminal was someone else's, draw it all."""
        self.refresh(repaint=True, layout=True)

    def on_visual_cue(self, message: VisualCue) -> None:
        """A sound the player could only show: see :meth:`visual_cue`."""
        self.visual_cue(message.sound)

    def visual_cue(self, sound: Sound) -> None:
        """No sound device: flash the session screen (and ring the bell if that is the backend)."""
        if self.config.player.backend == "bell":
            self.bell()
        if isinstance(self.screen, SessionScreen):
            self.screen.flash()

    def _session_ended(self, run: SessionRun, status: RunStatus) -> None:
        if status is RunStatus.FINISHED:
            from hamstring_coach.tui.screens.summary import SummaryScreen  # at the end only

            session = run.engine.timeline.session
            self.switch_screen(SummaryScreen(run.summary(), on_close=self._summary_closed,
                                             on_log=run.log,
                                             next_time=lambda: next_time(session)))
        else:
            self._leave_session()

    def _summary_closed(self, quit_app: bool) -> None:
        if quit_app:
            self.exit(self.exit_status())
        else:
            self._leave_session()

    def _leave_session(self) -> None:
        """Back to the picker when the session came from it, else exit."""
        if self.start is None and len(self.screen_stack) > 2:
            self.pop_screen()
            picker = self.screen
            refresh = getattr(picker, "reload", None)
            if callable(refresh):
                refresh()
        else:
            self.exit(self.exit_status())

    def exit_status(self) -> int:
        """0 done or quit; 3 history not saved; 1 --events unwritten; 130 Ctrl+C; 128+N signal N."""
        if self.signal_received is not None:
            return 128 + self.signal_received
        if self.interrupted:
            return 130
        if any(not run.recorder.saved for run in self.runs):
            return 3
        if any(run.event_log is not None and run.event_log.error for run in self.runs):
            return 1  # the --events file asked for could not be written
        return 0

    def history_problems(self) -> list[str]:
        """Why a run (or its --events file) was not saved, one line each, for stderr."""
        lines = [run.recorder.warning for run in self.runs  # a Notice: refitted for stderr
                 if not run.recorder.saved and run.recorder.warning]
        return lines + [run.event_log.warning for run in self.runs
                        if run.event_log is not None and run.event_log.warning]

    def _end_runs(self, status: RunStatus) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, SessionScreen):
                screen.end_now(status)
        for run in self.runs:
            run.close(status)

    def action_quit_now(self) -> None:
        """Ctrl+C: stop at once, keeping what was done in the history (exit status 130)."""
        self.interrupted = True
        self._end_runs(RunStatus.QUIT)
        self.exit(self.exit_status())

    def on_signal(self, signum: int) -> None:
        """SIGTERM / SIGHUP: record the run as quit and exit cleanly."""
        self.signal_received = signum
        if self.config.guard is not None:
            self.config.guard.detach()
        self._end_runs(RunStatus.QUIT)
        self.exit(self.exit_status())

    # -- errors -----------------------------------------------------------
    def _handle_exception(self, error: Exception) -> None:
        """Keep the error for a crash report; close the history as crashed."""
        if self.crash is None:
            self.crash = error
        for run in self.runs:
            run.close(RunStatus.CRASHED)
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        """The CLI prints one line naming a crash report instead of a traceback."""
        if self.crash is None:
            super()._print_error_renderables()
        else:
            self._exit_renderables.clear()

    # -- command palette --------------------------------------------------
    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The screen's key bindings, then Textual's own commands."""
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not active.enabled or not binding.description or binding.action in seen:
                continue
            if binding.action == "quit_now":
                continue
            seen.add(binding.action)
            shown = binding.key_display or key

            def run_action(action: str = binding.action,
                           namespace: object = active.node) -> None:
                self.call_later(self.run_action, action, namespace)

            # A short Footer label ("Restart") has its long form as the tooltip.
            yield SystemCommand(binding.tooltip or binding.description, f"Key: {shown}",
                                run_action)
        yield from super().get_system_commands(screen)
