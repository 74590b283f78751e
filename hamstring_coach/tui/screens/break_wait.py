"""Break mode's waiting screen: a calm countdown to the next stretch break.

The countdown is computed by :class:`~hamstring_coach.engine.break_scheduler.BreakScheduler`
(deadline minus now), never counted here. It shows whole minutes (the last
minute in seconds), which is calm to look at and cheap: the screen wakes
on a one-shot timer aimed just past the moment the shown number changes,
so once a minute while waiting (a redraw of Textual's ``Digits`` costs a
few milliseconds; once a second would cost more than the whole budget of
0.15 s of CPU per minute), and not at all while the break session runs on
top of it. Each wake also asks the :class:`~hamstring_coach.engine.clock.SleepWatch`
whether the machine slept, so a suspend as long as one interval counts as
a break taken ("away").

When a break comes due the screen says so, plays the break sound, rings
the terminal bell and sends a desktop notification. Enter starts the break
session on the same coaching screen as ``run``; when that ends, the screen
is back to waiting a full interval, and the break is counted: taken when at
least one set of it was completed, else skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.timer import Timer
from textual.widgets import Digits, Footer, Static

from hamstring_coach.engine.break_scheduler import (
    BreakCounted,
    BreakDue,
    BreakScheduler,
    BreakState,
    SnoozeRefused,
)
from hamstring_coach.engine.break_view import describe, next_change, status_of
from hamstring_coach.engine.clock import SleepWatch
from hamstring_coach.engine.idle import IdleWatch
from hamstring_coach.plan.timeline import Sound, Timeline
from hamstring_coach.run.break_mode import Notify, ProgrammeNote, RecordBreak, outcome_message
from hamstring_coach.run.ports import Player, RunStatus
from hamstring_coach.system.control import Claim, Request
from hamstring_coach.textfmt import duration_text, plural
from hamstring_coach.tui.control_server import ControlServer
from hamstring_coach.tui.plain import PlainStatic, escape_controls
from hamstring_coach.tui.screens.all_day import prune_footer, release_render_caches
from hamstring_coach.tui.screens.base import CoachScreen
from hamstring_coach.tui.screens.break_control import answer
from hamstring_coach.tui.widgets.too_small import TooSmall

# Longest real time between two wakes (the shown number changes at most once
# a minute while more than a minute remains).
MAX_WAKE = 60.0
# The sleep watch of this screen sees a gap of up to MAX_WAKE between two
# checks when all is well, so only a longer one means the process was
# stopped or the clock ran through a sleep (Linux's suspend shows in boot
# time whatever the gap).
WATCH_GAP = MAX_WAKE + 30.0
# Just past the second boundary, so the shown second has changed when we look.
BOUNDARY_SLACK = 0.005
# Under --speed the seconds fly by; redraw at most this often (real seconds).
MIN_WAKE_FAST = 0.1

# Called with how the break session ended and whether at least one set was completed.
SessionEnded = Callable[[RunStatus, bool], None]
# Starts the break session on the coaching screen; calls back when it ends.
StartBreak = Callable[[SessionEnded], object]


class BreakScreen(CoachScreen):
    """Waits for the next break, alerts when it is due, starts the break session."""

    CSS_PATH = Path(__file__).with_name("break_wait.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start"),
        Binding("enter", "start_now", "Start now"),
        Binding("s", "snooze", "Snooze"),  # offered while a snooze is left
        Binding("s", "snooze(True)", "Snooze", show=False),  # then says why it is refused
        Binding("k", "skip", "Skip"),
        Binding("p", "pause", "Pause"),
        Binding("p", "resume", "Resume"),
        Binding("q", "quit_breaks", "Quit"),
    ]

    def __init__(self, scheduler: BreakScheduler, timeline: Timeline, *,
                 start_break: StartBreak, player: Player, record: RecordBreak,
                 notify_desktop: Notify, sleep_watch: SleepWatch | None = None,
                 speed: float = 1.0, programme_note: ProgrammeNote | None = None,
                 control: Claim | None = None, spec: str = "",
                 pause_seconds: float = 3600.0, idle: IdleWatch | None = None,
                 auto_start: bool = False) -> None:
        super().__init__()
        self.idle = idle
        self.auto_start = auto_start  # start the session as soon as it is due (--popup)
        self.server = ControlServer(control, self.answer) if control is not None else None
        self._serving: asyncio.Task[None] | None = None
        self.spec = spec
        self.pause_seconds = pause_seconds
        # Names a daily session of the programme not done yet today (None: none);
        # read again when the state changes (a break session may have been it).
        self.programme_note = programme_note
        self._note_for: BreakState | None = None
        self.scheduler = scheduler
        self.timeline = timeline
        self.start_break = start_break
        self.player = player
        self.record = record
        self.notify_desktop = notify_desktop
        self.sleep_watch = sleep_watch
        self.speed = speed
        self._wake: Timer | None = None
        self._warned: set[str] = set()
        self._shown: dict[str, str] = {}
        self._bindings_for: BreakState | None = None
        self._planned = 0.0  # real seconds to the wake last planned
        self.wakes = 0  # how many times the screen woke (the benchmark reads it)

    # -- layout -----------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Session line, heading, big countdown, what the keys do, today's tally."""
        timeline = self.timeline
        length = duration_text(timeline.total)
        if timeline.waits:
            length += f" + {plural(timeline.waits, 'wait')}"
        yield PlainStatic(f"{timeline.session.name} · {length}", id="break-session")
        with Vertical(id="break-main"):
            yield PlainStatic("", id="break-heading")
            with Center(id="break-digits"):
                yield Digits("", id="break-countdown")
            yield PlainStatic("", id="break-unit")
            yield PlainStatic("", id="break-status")
            yield PlainStatic("", id="break-today")
            yield PlainStatic("", id="break-programme").set_styles("display: none;")
        yield Footer(compact=True)
        yield TooSmall()

    def on_mount(self) -> None:
        """Take the sleep watch's first reading and draw."""
        if self.sleep_watch is not None:
            self.sleep_watch.check()
        if self.server is not None:
            self._serving = asyncio.get_running_loop().create_task(self.server.start())
        self.tick()

    def on_unmount(self) -> None:
        """Stop the timer and the control socket with the screen."""
        self._cancel_wake()
        if self.server is not None:
            self.server.close()

    # -- the control socket ----------------------------------------------
    def status(self) -> dict[str, Any]:
        """The timer's state as ``status`` prints it."""
        data = status_of(self.scheduler)
        data.update(session=self.spec, session_name=self.timeline.session.name,
                    length=round(self.timeline.total))
        return data

    def answer(self, request: Request) -> dict[str, Any]:
        """One ``ctl``/``status`` request, on the app's loop (see break_control)."""
        return answer(self, request)

    def quit_later(self) -> None:
        """Leave break mode once the reply is on its way."""
        self.app.call_later(self.action_quit_breaks)

    def pause_for(self, seconds: float) -> str:
        """Pause breaks for ``seconds``; the reason when refused, else ""."""
        try:
            self.scheduler.pause_for(seconds)
        except SnoozeRefused as refused:
            return str(refused)
        self.tick()
        return ""

    # -- the loop ---------------------------------------------------------
    def tick(self) -> None:
        """Notice a sleep, route the scheduler's events, redraw, plan the next wake."""
        self.wakes += 1
        if self.scheduler.state is BreakState.IN_SESSION:
            self._cancel_wake()
            return  # the session screen is on top; it watches the clock
        self._check_sleep()
        self._check_idle()
        for event in self.scheduler.poll():
            if isinstance(event, BreakDue):
                self._alert()
                if self.auto_start:
                    self.call_later(self.action_start)
            elif isinstance(event, BreakCounted):
                self._warn(self.record(event.kind))
        self._warn(self.player.warning)  # no sound device...: say so once
        self.refresh_view()
        self._plan_wake()

    def _check_sleep(self) -> None:
        if self.sleep_watch is None:
            return
        slept = self.sleep_watch.check()
        if slept is None:
            return
        scheduler = self.scheduler
        away = slept.seconds * self.speed
        # The scheduler clock ran this much between the two checks; beyond the
        # wake that was planned, that is the part of the absence it counted (a
        # stopped process, or a platform whose monotonic clock runs in sleep).
        ran = scheduler.now() - slept.session_since
        counted = max(0.0, min(away, ran - self._planned * self.speed))
        if scheduler.away(away, clock_counted=counted):
            self.notify(f"Away {duration_text(slept.seconds)}: that counts as a break.",
                        title="Welcome back", timeout=8)

    def _check_idle(self) -> None:
        """Back from time away from the keyboard: a break if long enough, else a pause."""
        if self.idle is None:
            return
        absence = self.idle.check()
        if absence is None:
            return
        away = absence * self.speed  # the scheduler's clock counted all of it
        if self.scheduler.away(away, clock_counted=away):
            self.notify(f"Away {duration_text(absence)}: that counts as a break.",
                        title="Welcome back", timeout=8)

    def _alert(self) -> None:
        self.player.play(Sound.BREAK)
        self.app.bell()
        name = self.timeline.session.name
        length = duration_text(self.timeline.total)
        self.notify_desktop("Stretch break", f"Time for {name} ({length}).")

    def _warn(self, warning: str | None) -> None:
        """The player's or the history's warning, once each per app run.

        The record is the app's (``warnings_shown``), shared with the session
        screen: a warning toasted here is not shown again in a break's top bar.
        """
        shown: set[str] = getattr(self.app, "warnings_shown", self._warned)
        if warning and warning not in shown:
            shown.add(warning)
            self.notify(escape_controls(warning), severity="warning", timeout=10, markup=False)

    def refresh_view(self) -> None:
        """Redraw from the scheduler; widgets change only when their text does."""
        view = describe(self.scheduler, duration_text(self.timeline.total))
        self.set_class(view.due, "-due")
        self._set("#break-heading", view.heading)
        digits = self.query_one("#break-countdown", Digits)
        if digits.value != view.countdown:
            digits.update(view.countdown)
        self._set("#break-unit", view.unit)
        self._set("#break-status", view.status)
        self._set("#break-today", view.today)
        state = self.scheduler.state
        if self.programme_note is not None and state is not self._note_for:
            self._note_for = state
            note = self.programme_note() or ""
            shown = self.query_one("#break-programme", Static)
            shown.update(Text(escape_controls(note)))  # ids are file names: text only
            shown.display = bool(note)
        if state is not self._bindings_for:
            # The Footer rebuilds itself on this: only when the keys change.
            self._bindings_for = state
            prune_footer(self)
            self.refresh_bindings()

    def _set(self, selector: str, text: str) -> None:
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self.query_one(selector, Static).update(text)

    def _plan_wake(self) -> None:
        """One timer, aimed just past the next change of the shown text."""
        self._cancel_wake()
        delay = min(MAX_WAKE, next_change(self.scheduler) / self.speed + BOUNDARY_SLACK)
        if self.speed > 1:
            delay = max(delay, MIN_WAKE_FAST)
        self._planned = delay
        self._wake = self.set_timer(delay, self.tick, name="break-wake")

    def _cancel_wake(self) -> None:
        if self._wake is not None:
            self._wake.stop()
            self._wake = None

    # -- keys -------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter reads "Start" when due, "Start now" while waiting; k only when due, s while
        a snooze is left (after the last, s is not offered and says why)."""
        state = self.scheduler.state
        if state is BreakState.IN_SESSION and action != "quit_breaks":
            return False
        if action == "snooze":
            return state is BreakState.DUE and bool(parameters) == (
                self.scheduler.snoozes_left == 0)
        if action in ("start", "skip"):
            return state is BreakState.DUE
        if action == "start_now":
            return state in (BreakState.WAITING, BreakState.PAUSED, BreakState.OFF_HOURS)
        if action == "pause":
            return state in (BreakState.WAITING, BreakState.DUE)
        if action == "resume":
            return state is BreakState.PAUSED
        return True

    def action_pause(self) -> None:
        """Pause for a meeting (an hour by default); resumes by itself."""
        error = self.pause_for(self.pause_seconds)
        if error:
            self.notify(error, severity="warning", timeout=5)

    def action_resume(self) -> None:
        """End the pause now."""
        if self.scheduler.state is BreakState.PAUSED:
            self.scheduler.resume()
            self.tick()

    def action_start_now(self) -> None:
        """Start the break session early, while waiting."""
        self.action_start()

    def action_start(self) -> None:
        """Start the break session now (due, or early)."""
        if self.scheduler.state is BreakState.IN_SESSION:
            return
        self.scheduler.start()
        self.tick()  # redraws; no wake is planned while in session
        self._cancel_wake()
        self.start_break(self.session_over)

    def session_over(self, status: RunStatus, sets_done: bool) -> None:
        """The break session finished or was quit: counted (taken when ``sets_done``,
        else skipped), then back to waiting a full interval."""
        if self.scheduler.state is not BreakState.IN_SESSION:
            return
        self.scheduler.finish(taken=sets_done)
        release_render_caches()
        if self.sleep_watch is not None:
            self.sleep_watch.check()  # a fresh reading: the session time was no sleep
        # Said as it is counted: "Break done" only for a break taken.
        self.notify(outcome_message(status, sets_done), timeout=5)
        self.tick()

    def action_snooze(self, refused: bool = False) -> None:
        """Put the due break off by the snooze time (refused past --max-snoozes)."""
        try:
            self.scheduler.snooze()
        except SnoozeRefused as refused:
            self.notify(escape_controls(str(refused)), severity="warning", timeout=5,
                        markup=False)
            return
        self.tick()

    def action_skip(self) -> None:
        """Skip the due break (counted as skipped)."""
        if self.scheduler.state is BreakState.DUE:
            self.scheduler.skip()
            self.tick()

    def action_quit_breaks(self) -> None:
        """Leave break mode."""
        exit_status = getattr(self.app, "exit_status", None)
        self.app.exit(exit_status() if callable(exit_status) else 0)
