"""The coaching screen's keys: which are offered in each phase, and what each does.

:class:`SessionKeys` is the base of
:class:`~hamstring_coach.tui.screens.session.SessionScreen`: the bindings,
``check_action`` (the Footer offers only the keys that do something now)
and the controls, each applied to the engine and redrawn at once. The
screen itself supplies the loop (:meth:`SessionKeys.tick`), the ending
(:meth:`SessionKeys.end_now`) and the sound indicator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType

from hamstring_coach.engine.events import PauseReason
from hamstring_coach.engine.machine import EngineState
from hamstring_coach.plan.timeline import PhaseKind
from hamstring_coach.run.ports import RunStatus, SilentPlayer
from hamstring_coach.run.session_run import SessionRun
from hamstring_coach.textfmt import duration_text
from hamstring_coach.tui.screens.base import CoachScreen
from hamstring_coach.tui.screens.confirm import ConfirmScreen

TIME = Binding.Group("±10s", compact=True)
# Left out of the Footer below 80 columns (the keys still work; the palette lists them).
NARROW_HIDDEN = frozenset({"skip_exercise", "back", "restart_phase", "adjust"})
# Every key, in full, takes about 88 columns: below that they are drawn compact.
TIGHT_FOOTER_WIDTH = 90

SleepCheck = Callable[[], float | None]  # returns the engine-clock time sleep began, or None


class SessionKeys(CoachScreen):
    """The session screen's bindings and controls over ``run``'s engine."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("space", "continue", "Continue"),
        Binding("enter", "continue", "Continue", show=False),
        Binding("enter", "resume", "Resume", show=False),
        # Two skips, two words (they were "n x Skip"): n goes on to what the
        # "Next:" line names, x leaves the exercise. The palette says "Skip phase".
        Binding("n", "skip_phase", "Next", tooltip="Skip phase"),
        Binding("x,N", "skip_exercise", "Skip exercise", key_display="x"),
        Binding("b", "back", "Back"),
        Binding("r", "restart_phase", "Restart", tooltip="Restart phase"),
        Binding("plus,equals_sign", "adjust(10)", "Add 10 s", key_display="+", group=TIME),
        Binding("minus", "adjust(-10)", "Take 10 s", key_display="-", group=TIME),
        Binding("m", "mute(True)", "Mute"),
        Binding("m", "mute(False)", "Unmute"),
        Binding("q", "quit_session", "Quit"),
        # An instruction too long for its box scrolls (and with the wheel).
        Binding("down", "scroll_cue(1)", "Scroll down", show=False),
        Binding("up", "scroll_cue(-1)", "Scroll up", show=False),
    ]

    def __init__(self, run: SessionRun, sleep_check: SleepCheck | None) -> None:
        super().__init__()
        self.run = run
        self.sleep_check = sleep_check
        self._ended = False
        self._asking = False

    # -- supplied by the screen ---------------------------------------------
    def tick(self) -> None:
        """Advance the engine to now and redraw (the screen's loop)."""
        raise NotImplementedError

    def end_now(self, status: RunStatus = RunStatus.QUIT) -> None:
        """Stop the session at once."""
        raise NotImplementedError

    def show_sound(self) -> None:
        """Redraw the sound indicator."""
        raise NotImplementedError

    def controlled(self) -> None:
        """A control changed what is shown without an event: redraw everything."""
        raise NotImplementedError

    # -- keys -------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that make sense now (space is Pause, Resume or Continue)."""
        state = self.run.engine.state
        waiting = state is EngineState.WAITING
        paused = state is EngineState.PAUSED
        if action == "pause":
            return state is EngineState.RUNNING
        if action == "resume":
            return paused
        if action == "continue":
            return waiting
        if action == "mute":
            if isinstance(self.run.player, SilentPlayer):
                return False  # --no-sound: nothing to mute
            return bool(parameters and parameters[0]) != self.run.player.muted
        finished, timed, cue, first = self._phase_facts()
        if finished and action in ("adjust", "skip_phase", "skip_exercise", "back",
                                   "restart_phase"):
            return None
        if action == "scroll_cue":
            return cue  # only an instruction's box scrolls
        if action == "adjust":
            return timed  # a wait has no time to give or take
        if action == "restart_phase":
            return not cue  # an instruction starts again as it is
        if action == "back":
            return not (cue and first)  # back from the first phase restarts it
        return True

    def _phase_facts(self) -> tuple[bool, bool, bool, bool]:
        """(finished, timed, an untimed cue, the first phase): what the keys depend on."""
        engine = self.run.engine
        phase = engine.phase
        if phase is None:
            return True, False, False, False
        timed = engine.phase_duration() is not None
        return (False, timed, not timed and phase.kind is PhaseKind.CUE,
                engine.index == 0 and not engine.leading_in)

    def offered(self) -> tuple[object, ...]:
        """What the offered keys depend on: the Footer is rebuilt when this changes."""
        return (self.run.engine.state, *self._phase_facts())

    def _control(self, operation: Callable[[], None]) -> None:
        """Apply a control, then advance and redraw at once (not at the next tick)."""
        if self._ended:
            return
        if self.run.engine.state is EngineState.PAUSED and self.sleep_check is not None:
            # No ticks ran while paused: re-arm the watch so the pause itself
            # does not look like the machine sleeping.
            self.sleep_check()
        operation()
        self.controlled()
        self.tick()
        self.refresh_bindings()

    def action_pause(self) -> None:
        """Pause the session (space)."""
        self._control(self.run.engine.pause)

    def action_resume(self) -> None:
        """Resume after a pause (space, enter); "Welcome back" goes with a sleep's pause."""
        if self.run.engine.paused_reason is PauseReason.SUSPEND:
            self.app.clear_notifications()  # older than the sleep, every one of them
        self._control(self.run.engine.resume)

    def action_continue(self) -> None:
        """End a wait: a cue or a self-paced set (enter, space)."""
        self._control(self.run.engine.continue_)

    def action_skip_phase(self) -> None:
        """Skip the rest of this phase (n)."""
        self._control(self.run.engine.skip_phase)

    def action_skip_exercise(self) -> None:
        """Skip the rest of this exercise (x or N)."""
        self._control(self.run.engine.skip_exercise)

    def action_back(self) -> None:
        """Go back to the previous phase (b)."""
        self._control(self.run.engine.back)

    def action_restart_phase(self) -> None:
        """Start this phase again (r)."""
        self._control(self.run.engine.restart_phase)

    def action_adjust(self, seconds: float) -> None:
        """Give or take time in this phase (+ / -)."""
        self._control(lambda: self.run.engine.adjust(float(seconds)))

    def action_scroll_cue(self, lines: int) -> None:
        """Scroll a long instruction (down / up)."""
        self.query_one("#cue-box").scroll_relative(y=int(lines), animate=False)

    def action_mute(self, muted: bool) -> None:
        """Mute or unmute the sounds (m)."""
        self.run.player.set_muted(bool(muted))
        self.show_sound()
        self.refresh_bindings()

    def pause_for_suspend(self) -> None:
        """Before the process stops (Ctrl+Z): a session running or waiting pauses."""
        if self.run.engine.state in (EngineState.RUNNING, EngineState.WAITING):
            self._control(lambda: self.run.engine.pause(PauseReason.USER))

    def action_quit_session(self) -> None:
        """Ask before quitting a session that is still going (q)."""
        if self._ended or self._asking:
            return
        engine = self.run.engine
        was_running = engine.state in (EngineState.RUNNING, EngineState.WAITING)
        if engine.state is EngineState.RUNNING:
            self._control(lambda: engine.pause(PauseReason.USER))
        self._asking = True

        def answered(quit_: bool | None) -> None:
            self._asking = False
            if quit_:
                self.end_now(RunStatus.QUIT)
            elif was_running and engine.state is EngineState.PAUSED:
                self._control(engine.resume)

        self.app.push_screen(ConfirmScreen(
            "Quit this session?",
            # The time actually exercised: not what was skipped, nor paused.
            f"{duration_text(engine.done_time)} done. Your history keeps what you did.",
            yes="Quit", no="Keep going"), answered)
