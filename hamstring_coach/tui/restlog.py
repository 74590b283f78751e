"""The session screen's log line: the rest prompt after a set, else last time's figures.

During the rest between two sets of an exercise the line is the
:class:`~hamstring_coach.tui.logform.LogForm` of the set just done; Enter
stores it at once, and what was typed but not saved is stored when the rest
ends (ran out or skipped). A quit drops unsaved typing and keeps what was
saved. During a set (and its get-ready and side switch) the line shows what
was done in the same set last time, from the history. Nothing here touches
the engine: the prompt never moves the clock.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from hamstring_coach.plan.timeline import Phase, PhaseKind, Side
from hamstring_coach.run.session_run import SessionRun
from hamstring_coach.tui.logform import KeyResult, LogForm, past_text, set_title

NARROW = 60  # below this many columns the prompt drops its key hint
# Textual key names -> the character they type
_CHARACTERS = {"full_stop": ".", "comma": ","}


class RestLog:
    """What the log line shows, and the keys it takes."""

    def __init__(self, run: SessionRun) -> None:
        self.run = run
        self.form: LogForm | None = None
        self._target: tuple[int, int] | None = None
        self.widget: Static | None = None  # the screen's line (set once it is mounted)
        self._shown: tuple[object, ...] = ("", ())

    def show(self, phase: Phase | None, width: int) -> None:
        """Follow the phase and redraw the line when what it shows changed."""
        self.follow(phase)
        if self.widget is None:
            return
        text = self.text(phase, width)
        self.widget.set_class(not text.plain, "-empty")
        key = (text.plain, tuple(text.spans))
        if key != self._shown:
            self._shown = key
            self.widget.update(text)

    def follow(self, phase: Phase | None) -> None:
        """Open the prompt when a rest between sets starts; store and close it when it ends."""
        target = None
        if phase is not None and phase.kind is PhaseKind.REST and phase.exercise is not None \
                and phase.position.set_no > 1:
            ended = self.run.ended_set(phase.step_index, phase.position.set_no - 1)
            if ended is not None and not ended.skipped:
                target = (phase.step_index, phase.position.set_no - 1)
        if target == self._target:
            return
        self.close(keep_typing=True)
        self._target = target
        if target is not None:
            ended = self.run.ended_set(*target)
            assert ended is not None
            form = LogForm(ended, saved=ended.logged)
            self.form = None if form.empty else form

    def close(self, *, keep_typing: bool) -> None:
        """Leave the prompt: store what was typed (``keep_typing``) or drop it (a quit)."""
        form, self.form, self._target = self.form, None, None
        if form is not None and keep_typing and form.commit():
            self._store(form)

    def _store(self, form: LogForm) -> None:
        self.run.log(form.ended.step_index, form.ended.set_no, form.saved)

    def press(self, key: str, character: str | None) -> bool:
        """Take a key for the prompt; False when it is not the prompt's (the screen's keys)."""
        if self.form is None:
            return False
        result = self.form.press(key, character or _CHARACTERS.get(key))
        if result is KeyResult.SAVED:
            self._store(self.form)
        return result is not None

    def text(self, phase: Phase | None, width: int) -> Text:
        """The line: the prompt, or ``last: 10 @ 40 kg, 2 in reserve`` during a set, or nothing."""
        if self.form is not None:
            narrow = width < NARROW
            title = set_title(self.form.ended)
            line = Text((title.split(" · ")[0].removesuffix(" done") if narrow else title) + "  ",
                        "bold")
            line.append_text(self.form.render(hint=not narrow, compact=narrow))
            return line
        if phase is None or phase.exercise is None or phase.kind is PhaseKind.REST:
            return Text()
        set_no = max(1, phase.position.set_no)
        name, side = phase.exercise.name, phase.position.side
        past = self.run.previous(name, set_no, side)
        if past is None and side is None:
            past = self.run.previous(name, set_no, Side.LEFT)  # a get-ready
        return Text(past_text(past), "dim") if past is not None else Text()
