"""The coaching screen: the current phase, a big countdown, cues and progress.

Time is never counted here. The screen wakes on one event-loop timer aimed at
the next moment something is due or something shown changes, whichever is first
(:func:`~hamstring_coach.tui.pacing.next_due`, a sound or a phase boundary, on
time; :func:`~hamstring_coach.tui.pacing.next_change`, the countdown's second,
a step of the tempo strip), then asks the engine to advance to now and redraws
from the engine's state. A paused or finished session sets no timer, so it
costs nothing and stands still.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from hamstring_coach.engine.events import Event, Finished, Paused, PauseReason
from hamstring_coach.engine.machine import EngineState
from hamstring_coach.plan.timeline import PhaseKind
from hamstring_coach.run.ports import RunStatus, SilentPlayer
from hamstring_coach.run.session_run import SessionRun
from hamstring_coach.tui.pacing import next_change, next_due
from hamstring_coach.tui.plain import PlainStatic
from hamstring_coach.tui.restlog import RestLog
from hamstring_coach.tui.screens.all_day import release_text_memo
from hamstring_coach.tui.screens.session_keys import (
    NARROW_HIDDEN,
    TIGHT_FOOTER_WIDTH,
    SessionKeys,
    SleepCheck,
)
from hamstring_coach.tui.topwarning import TopWarning
from hamstring_coach.tui.view import SessionView, clamp_lines, describe, needs_layout
from hamstring_coach.tui.wake import DeadlineWake
from hamstring_coach.tui.widgets.banner import PhaseBanner
from hamstring_coach.tui.widgets.countdown import Countdown
from hamstring_coach.tui.widgets.progress import SessionProgress
from hamstring_coach.tui.widgets.strip import TempoStrip
from hamstring_coach.tui.widgets.too_small import TooSmall

# Real seconds, on the injected clock (the run's, ``speed`` times faster), like the top
# bar's warning: tests move a fake clock instead of waiting.
FLASH_SECONDS = 0.15
AUTO_WIDTH = frozenset({"position", "sound"})  # widgets sized by their text

# Called with the run when it ends, finished or quit.
EndCallback = Callable[[SessionRun, RunStatus], None]


class SessionScreen(SessionKeys):
    """Runs one :class:`SessionRun`; calls ``on_end`` when it finishes or is quit.

    Its keys and controls are :class:`~hamstring_coach.tui.screens.session_keys.SessionKeys`'.
    """

    CSS_PATH = Path(__file__).with_name("session.tcss")

    def __init__(self, run: SessionRun, *, on_end: EndCallback,
                 sleep_check: SleepCheck | None = None) -> None:
        super().__init__(run, sleep_check)
        self.on_end = on_end
        self.view: SessionView | None = None
        # The one wake-up: at the next moment anything shown changes or is due
        # (the countdown's second, a sound, the phase's end, a strip step),
        # computed from the engine's deadlines on its clock; none while paused.
        self._wake = DeadlineWake(self._on_wake)
        self._quiet_until = -math.inf  # engine-clock time before which nothing shown changes
        self._offered: tuple[object, ...] | None = None  # what the Footer's keys were for
        self._memo_index = -1  # the phase whose start last cleared the text memo
        self._top = TopWarning(clock=run.clock, speed=run.speed)
        self._flash_until: float | None = None  # run-clock time the banner's flash ends
        self._log = RestLog(run)  # the rest prompt, or last time's figures

    # -- layout -----------------------------------------------------------
    def compose(self) -> ComposeResult:
        """Top bar, exercise line, banner, countdown, cues, strip, progress, next."""
        with Horizontal(id="top"):
            # Names, cues, notes and labels come from files: PlainStatic shows them as text.
            yield PlainStatic(self.run.timeline.session.name, id="session-name")
            yield PlainStatic("", id="sound")
        with Horizontal(id="exercise-row"):
            yield PlainStatic("", id="exercise")
            yield PlainStatic("", id="position")
        with Vertical(id="main"):
            yield PhaseBanner(id="banner")
            yield Countdown(id="countdown")
            yield PlainStatic("", id="status")
            yield Static("", id="log", markup=False)
            # An instruction (an untimed cue) has the countdown's room and scrolls
            # when even that is too little (see _fit_cue).
            with VerticalScroll(id="cue-box", can_focus=False):
                yield PlainStatic("", id="cue")
            yield PlainStatic("", id="notes")
        with Vertical(id="bottom"):
            yield TempoStrip(id="strip")
            yield SessionProgress(id="progress")
            yield PlainStatic("", id="next")
        yield TooSmall()  # the Footer follows the first frame (see on_mount)

    def on_mount(self) -> None:
        """Start the clock-driven loop and draw the first phase."""
        self._top.shown = getattr(self.app, "warnings_shown", self._top.shown)  # once per app
        self._banner = self.query_one(PhaseBanner)
        self._countdown = self.query_one(Countdown)
        self._strip = self.query_one(TempoStrip)
        self._progress = self.query_one(SessionProgress)
        self._texts = {name: self.query_one(f"#{name}", PlainStatic) for name in (
            "exercise", "position", "status", "cue", "notes", "next", "sound")}
        self._log.widget = self.query_one("#log", Static)
        self._name_bar = self.query_one("#session-name", PlainStatic)
        self.tick()
        self.call_after_refresh(self._refit)  # the cue's width is known after the first layout
        # Building the Footer's keys takes about as long as the rest of the
        # screen: show the countdown first, the key hints once that frame is out
        # (a callback queued now runs before the first frame is drawn).
        if self.too_small:  # only the notice is drawn: no band to wait for
            self.call_after_refresh(self._add_footer)
        else:
            self._banner.after_first_paint = self._add_footer

    async def _add_footer(self) -> None:
        # A session over before its first frame (--speed 1000, a 1 s session) has
        # already handed over to the summary: this screen is being taken down.
        too_small = self.query(TooSmall)
        if self._ended or not too_small or self.query("CoachFooter"):
            return
        from hamstring_coach.tui.widgets.footer import CoachFooter

        # No palette hint here: every key fits in 80 columns without it (Ctrl+P still works).
        # The terminal's width, not the screen's: its padding made an 80-column
        # terminal 78 wide, and a session started from the picker, by resume or
        # from break mode lost Back, Restart and ±10s at 80x24.
        footer = CoachFooter(narrow_hidden=NARROW_HIDDEN, palette=False,
                             width=self.app.size.width, tight_below=TIGHT_FOOTER_WIDTH)
        await self.mount(footer, before=too_small.first())  # it draws the keys there are

    def on_resize(self, event: events.Resize) -> None:
        """Fit the Footer, then cut the cue again to the new width (after the layout)."""
        super().on_resize(event)
        if self.view is not None:
            self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        if not self._ended:
            self._quiet_until = -math.inf
            self.refresh_view()

    def on_unmount(self) -> None:
        """Stop the timers with the screen."""
        self._stop_timers()

    # -- the loop ---------------------------------------------------------
    def tick(self) -> None:
        """Advance the engine to now, route its events, redraw and plan the next wake."""
        if self._ended:
            return
        engine = self.run.engine
        if self.sleep_check is not None and engine.state is not EngineState.FINISHED:
            since = self.sleep_check()
            if since is not None:
                engine.suspended(since=since)
        events = self.run.advance()
        self._handle(events)
        if self._ended:  # handed over to the summary: this screen's widgets may be gone
            return
        self._show_warnings()
        self._end_flash()
        # Nothing happened and nothing shown can have changed yet: skip the redraw.
        if events or self.run.clock() >= self._quiet_until:
            self.refresh_view()
        self._plan_wake()

    def _handle(self, events: list[Event]) -> None:
        # Key hints follow what the keys depend on (SessionKeys.offered) in
        # refresh_view, not every phase: refreshing bindings rebuilds the Footer.
        for event in events:
            if isinstance(event, Paused) and event.reason is PauseReason.SUSPEND:
                self.notify("Paused: the computer was asleep. Press Space to go on.",
                            title="Welcome back", timeout=8)
            if isinstance(event, Finished):
                self._end(RunStatus.FINISHED)
                return

    def _show_warnings(self) -> None:
        """The player's, history's or events file's warning in the top bar (see topwarning)."""
        log = self.run.event_log
        text, warning_on = self._top.text((self.run.player.warning, self.run.recorder.warning,
                                           log.warning if log is not None else None),
                                          self.run.timeline.session.name)
        name = self._name_bar
        # Against the string last given: the content has its controls escaped, so a
        # warning holding one would otherwise be set again, and laid out, every tick.
        if name.is_attached and name.shown != text:  # detached: the app is closing
            name.update(text)
            name.set_class(warning_on, "-warning")

    def flash(self) -> None:
        """A visual cue in place of a sound: the banner blinks white briefly."""
        if self._flash_until is None:  # a flash already on is made longer, not restarted
            self.query_one(PhaseBanner).flash(True)
        self._flash_until = self.run.clock() + FLASH_SECONDS * self.run.speed
        self.set_timer(FLASH_SECONDS, self._end_flash)  # a wake-up; the clock decides

    def _end_flash(self) -> None:
        """Turn the flash off once the run's clock has passed its end."""
        if self._flash_until is not None and self.run.clock() >= self._flash_until - 1e-9:
            self._flash_until = None
            self.query_one(PhaseBanner).flash(False)

    def refresh_view(self) -> None:
        """Redraw every widget from the engine's state (each skips unchanged content)."""
        view = describe(self.run.engine)
        self.view = view
        self._banner.show(view.banner, view.kind, view.paused)
        self._countdown.show(view.countdown, view.kind, dim=view.paused or view.waiting)
        self._set_text("#exercise", view.title)
        compact = self.has_class("-w-compact") or self.has_class("-w-tiny")
        self._set_text("#position", view.position_compact if compact else view.position)
        self._set_text("#status", view.status)
        self.set_class(view.kind is PhaseKind.CUE and view.waiting, "-instruction")
        phase = self.run.engine.phase
        if self.run.engine.index != self._memo_index:  # a new phase: let the old text go
            self._memo_index = self.run.engine.index
            release_text_memo()
        # Between exercises the title is the session's name, as the top bar says already.
        self.set_class(phase is not None and phase.exercise is None, "-no-exercise")
        self._set_text("#cue", self._fit_cue(view.cue))
        self._set_text("#notes", "\n".join(f"· {note}" for note in view.notes))
        self._set_text("#next", view.next_up)
        self._set_text("#sound", self._sound_text())
        self._log.show(self.run.engine.phase, self.size.width)
        self._strip.show(view.strip)
        self._progress.show(view.progress, view.elapsed, view.remaining)
        self.set_class(view.paused, "-paused")
        offered = self.offered()
        if offered != self._offered:  # refreshing the bindings rebuilds the Footer
            self._offered = offered
            self.refresh_bindings()
        self._quiet_until = self.run.clock() + next_change(
            self.run.engine, strip_cells=self._strip.current_cells())

    def on_key(self, event: events.Key) -> None:
        """Digits and the prompt's keys go to the rest prompt while it is open (RestLog)."""
        if not self._ended and self._log.press(event.key, event.character):
            event.stop()
            event.prevent_default()
            self._log.show(self.run.engine.phase, self.size.width)

    def _fit_cue(self, cue: str) -> str:
        """The cue in the lines its box has (2, 1 when short), a cut ending in "…";
        an instruction whole, wrapped at words (its box scrolls if it must)."""
        width = self._texts["cue"].content_size.width
        if self.has_class("-instruction"):
            return "\n".join(textwrap.wrap(cue, width)) if width > 0 else cue
        lines = 1 if self.has_class("-h-compact") else 2
        return clamp_lines(cue, width, lines)

    def _set_text(self, selector: str, text: str) -> None:
        widget = self._texts[selector.lstrip("#")]
        widget.set_class(not text, "-empty")
        old = widget.shown  # as given: the content has its controls escaped
        if old != text:
            layout = needs_layout(old, text, widget.content_size.width,
                                  auto_width=widget.id in AUTO_WIDTH)
            widget.update(text, layout=layout)

    def _sound_text(self) -> str:
        player = self.run.player
        if isinstance(player, SilentPlayer):
            return "sound off"
        return "♪ muted" if player.muted else "♪ on"

    def _plan_wake(self) -> None:
        """Wake at the next due moment or the next change of the picture, whichever is first.

        Both come from the engine's deadlines (:mod:`hamstring_coach.tui.pacing`):
        a hold wakes once a second as its countdown turns over, tempo reps at the
        strip's quarter-second steps, a pause or a finished session not at all.
        """
        clock = self.run.clock()
        due = next_due(self.run.engine)
        wait = min(math.inf if due is None else due, self._quiet_until - clock)
        if not math.isfinite(wait):
            self._wake.cancel()
            return
        wait = max(0.0, wait)
        self._wake.aim(clock + wait, wait / self.run.speed)

    def _on_wake(self) -> None:
        if not self.is_attached:  # the app is closing: nothing to show any more
            return
        try:
            self.tick()
        except Exception as error:  # outside the message pump: report it like Textual would
            self.app._handle_exception(error)

    def _stop_timers(self) -> None:
        self._wake.cancel()

    def _end(self, status: RunStatus) -> None:
        if self._ended:
            return
        self._ended = True
        self._stop_timers()
        self._log.close(keep_typing=status is not RunStatus.QUIT)  # a quit keeps what was saved
        self.run.close(status)
        self.on_end(self.run, status)

    def end_now(self, status: RunStatus = RunStatus.QUIT) -> None:
        """Stop the session at once (quit confirmed, Ctrl+C, a signal)."""
        self._end(status)

    def show_sound(self) -> None:
        """Redraw the sound indicator (after m)."""
        self._set_text("#sound", self._sound_text())

    def controlled(self) -> None:
        """A control may change what is shown without an event: the next tick redraws."""
        self._quiet_until = -math.inf
