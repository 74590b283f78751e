"""The current phase's name, large and in its kind's colour."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.app import RenderResult
from textual.widgets import Static

from hamstring_coach.plan.timeline import PhaseKind
from hamstring_coach.tui.kinds import DARK_TEXT, FLASH_COLOUR, PAUSED_COLOUR, colour_of
from hamstring_coach.tui.plain import one_line, plain


class PhaseBanner(Static):
    """A coloured band with the phase label (or PAUSED) spaced out in capitals.

    The colour is set as an inline style rather than a CSS class: a phase
    change then repaints the band without re-matching the stylesheet, which
    matters when tempo phases change every second.
    """

    DEFAULT_CSS = """
    PhaseBanner {
        width: 1fr;
        height: 3;
        content-align: center middle;
        text-style: bold;
        color: """ + DARK_TEXT + """;
        background: $panel;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._shown: tuple[str, PhaseKind | None, bool] | None = None
        self._flashing = False
        # Called once the first frame holding the band has been drawn (the session
        # screen adds its Footer then): queued as the band renders, it runs after
        # that frame is written to the terminal.
        self.after_first_paint: Callable[[], Awaitable[None] | None] | None = None

    def render(self) -> RenderResult:
        """The band; the first time, queue :attr:`after_first_paint`."""
        if self.after_first_paint is not None:
            self.call_after_refresh(self.after_first_paint)
            self.after_first_paint = None
        return super().render()

    def show(self, label: str, kind: PhaseKind | None, paused: bool) -> None:
        """Show ``label`` in ``kind``'s colour (red-ish when paused); no-op when unchanged."""
        key = (label, kind, paused)
        if key == self._shown:
            return
        self._shown = key
        self._paint()
        # A tempo label comes from a file: one line of text, never markup.
        self.update(plain(spaced(one_line(label))), layout=False)  # a fixed-size band

    def flash(self, on: bool) -> None:
        """Turn the white flash (a visual cue in place of a sound) on or off."""
        self._flashing = on
        self._paint()

    def _paint(self) -> None:
        if self._shown is None:
            return
        _, kind, paused = self._shown
        if self._flashing:
            colour = FLASH_COLOUR
        elif paused:
            colour = PAUSED_COLOUR
        else:
            colour = colour_of(kind)
        self.styles.background = colour


def spaced(label: str) -> str:
    """``LOWER`` as ``L O W E R``: capitals with air between them read as bigger."""
    words = label.upper().split()
    return "   ".join(" ".join(word) for word in words)
