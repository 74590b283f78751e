"""The current phase's name, large and in its kind's colour."""

from __future__ import annotations

from textual.widgets import Static

from hamstring_coach.timeline import PhaseKind
from hamstring_coach.tui.kinds import (
    ALL_KIND_CLASSES,
    DARK_TEXT,
    PAUSED_COLOUR,
    kind_class,
    kind_css,
)


class PhaseBanner(Static):
    """A coloured band with the phase label (or PAUSED) spaced out in capitals."""

    DEFAULT_CSS = (
        """
    PhaseBanner {
        width: 1fr;
        height: 3;
        content-align: center middle;
        text-style: bold;
        color: """ + DARK_TEXT + """;
        background: $panel;
    }
    PhaseBanner.-paused {
        background: """ + PAUSED_COLOUR + """;
        color: """ + DARK_TEXT + """;
    }
    """ + kind_css("PhaseBanner", "background: {colour};")
        + "\nPhaseBanner.-flash { background: white; }"  # last: wins over the kind colour
    )

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._shown: tuple[str, PhaseKind | None, bool] | None = None

    def show(self, label: str, kind: PhaseKind | None, paused: bool) -> None:
        """Show ``label`` in ``kind``'s colour (red-ish when paused); no-op when unchanged."""
        key = (label, kind, paused)
        if key == self._shown:
            return
        self._shown = key
        self.remove_class(*ALL_KIND_CLASSES)
        if kind is not None and not paused:
            self.add_class(kind_class(kind))
        self.set_class(paused, "-paused")
        self.update(spaced(label))


def spaced(label: str) -> str:
    """``LOWER`` as ``L O W E R``: capitals with air between them read as bigger."""
    words = label.upper().split()
    return "   ".join(" ".join(word) for word in words)
