"""The big countdown: a Digits that redraws only when its text changes."""

from __future__ import annotations

from textual.widgets import Digits

from hamstring_coach.timeline import PhaseKind
from hamstring_coach.tui.kinds import ALL_KIND_CLASSES, kind_class, kind_css


class Countdown(Digits):
    """``m:ss`` in 3x3 digits, in the phase kind's colour; dimmed while paused or waiting."""

    DEFAULT_CSS = (
        """
    Countdown {
        width: 1fr;
        height: 3;
        text-align: center;
        text-style: bold;
    }
    Countdown.-dim {
        text-opacity: 45%;
        text-style: none;
    }
    """ + kind_css("Countdown", "color: {colour};")
    )

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._kind: PhaseKind | None = None

    def show(self, text: str, kind: PhaseKind | None, dim: bool) -> None:
        """Show ``text`` (fixed width per phase, see SessionView); cheap when nothing changed."""
        if kind != self._kind:
            self._kind = kind
            self.remove_class(*ALL_KIND_CLASSES)
            if kind is not None:
                self.add_class(kind_class(kind))
        self.set_class(dim, "-dim")
        if text != self.value:
            self.update(text)
