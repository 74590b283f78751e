"""The big countdown: a Digits that redraws only when its text changes."""

from __future__ import annotations

from textual.widgets import Digits

from hamstring_coach.plan.timeline import PhaseKind
from hamstring_coach.tui.kinds import colour_of, dimmed


class Countdown(Digits):
    """``m:ss`` in 3x3 digits, in the phase kind's colour; dimmed while paused or waiting."""

    DEFAULT_CSS = """
    Countdown {
        width: 1fr;
        height: 3;
        text-align: center;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._look: tuple[PhaseKind | None, bool] | None = None

    def show(self, text: str, kind: PhaseKind | None, dim: bool) -> None:
        """Show ``text`` (fixed width per phase, see SessionView); cheap when nothing changed."""
        look = (kind, dim)
        if look != self._look:
            self._look = look
            colour = colour_of(kind)
            self.styles.color = dimmed(colour) if dim else colour
        if text != self.value:
            self.update(text)
