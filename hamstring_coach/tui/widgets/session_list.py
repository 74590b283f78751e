"""The picker's two widgets: the filter field and the list of sessions.

:class:`SessionList` draws one row per :class:`~hamstring_coach.run.library.SessionEntry`
(see :func:`~hamstring_coach.tui.entries.entry_prompt`) with today's marks,
knows which marks its rows show (the picker's legend says what they mean) and
keeps the highlight on the same session as the rows change. The picker screen
owns the keys and the filter's text.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from hamstring_coach.run.library import SessionEntry
from hamstring_coach.tui.entries import entry_prompt, row_marks
from hamstring_coach.tui.today import TodayView


class FilterInput(Input, inherit_bindings=False):
    """The filter: an Input without the keys the picker uses (Enter, Ctrl+E, Home, End).

    Left out here (not just overridden by the screen's priority keys), the
    Footer lists the picker's keys in the picker's order.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        binding for binding in Input.BINDINGS
        if isinstance(binding, Binding) and not {"enter", "ctrl+e", "home", "end"}
        & set(binding.key.split(","))]

    def on_mount(self) -> None:
        """A steady cursor: no repaint twice a second while the picker waits, and a
        screen that looks the same whenever it is looked at (snapshots under load)."""
        self.cursor_blink = False


class SessionList(OptionList):
    """The sessions the filter lets through, one row each."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: list[SessionEntry] = []
        self.marks: set[str] = set()  # every mark the rows show (for the legend)

    def show(self, entries: list[SessionEntry], today: TodayView | None,
             keep: Path | None = None) -> None:
        """Rows for ``entries``; the highlight stays on ``keep``'s row (else the first)."""
        self.shown = entries
        width = max(20, self.size.width - 2) if self.size.width else 44
        marks = [today.mark(e.id) if today and not e.shadowed else "" for e in entries]
        self.set_options(Option(entry_prompt(e, width, mark), id=str(i))
                         for i, (e, mark) in enumerate(zip(entries, marks, strict=True)))
        self.marks = set().union(*(row_marks(e, mark) for e, mark in zip(entries, marks,
                                                                          strict=True)))
        # Today's programme: "Today · week 3 · 1 to do", or "Nothing due today".
        self.border_title = today.headline if today else ""
        index = 0
        if keep is not None:
            for i, entry in enumerate(entries):
                if entry.path == keep:
                    index = i
                    break
        if entries:
            self.highlighted = index

    @property
    def selected(self) -> SessionEntry | None:
        """The highlighted session, if any."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.shown):
            return None
        return self.shown[index]

    def move(self, step: int) -> None:
        """Move the highlight ``step`` rows, stopping at the ends."""
        if not self.shown:
            return
        current = self.highlighted if self.highlighted is not None else 0
        self.highlighted = max(0, min(len(self.shown) - 1, current + step))

    def page(self, direction: int) -> None:
        """A list's height at a time (Page Up / Page Down)."""
        self.move(direction * max(1, self.scrollable_content_region.height - 1))
