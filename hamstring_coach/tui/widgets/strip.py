"""The tempo strip: this rep's phases side by side, the current one filling up.

Outside a tempo set it shows the current phase alone, so a hold or a rest
fills the same bar. Widths follow the phases' seconds, so a 3 s lowering is
three times as wide as a 1 s lift, and the strip reads as the rep's rhythm.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from hamstring_coach.tui.kinds import DARK_TEXT, KIND_COLOURS
from hamstring_coach.tui.view import StripSegment

EMPTY_BG = "#3a3a3a"
DONE_DIM = 0.55  # done phases keep their colour, darker


def _darken(colour: str, factor: float) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * factor) for c in (red, green, blue)))


def widths(segments: tuple[StripSegment, ...], total: int, gap: int = 1) -> list[int]:
    """Column widths proportional to seconds, each at least 1, summing to the space left."""
    count = len(segments)
    if count == 0:
        return []
    room = max(count, total - gap * (count - 1))
    seconds = [max(s.seconds, 0.01) for s in segments]
    whole = sum(seconds)
    raw = [room * s / whole for s in seconds]
    cols = [max(1, int(r)) for r in raw]
    # Hand the leftover columns to the segments that lost most to rounding.
    order = sorted(range(count), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    i = 0
    while sum(cols) < room and order:
        cols[order[i % count]] += 1
        i += 1
    while sum(cols) > room and max(cols) > 1:
        cols[cols.index(max(cols))] -= 1
    return cols


class TempoStrip(Widget):
    """Draws :class:`StripSegment` boxes; set them with :meth:`show`."""

    DEFAULT_CSS = """
    TempoStrip {
        width: 1fr;
        height: 3;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._segments: tuple[StripSegment, ...] = ()
        self._columns = -1  # filled columns last drawn, to skip needless refreshes

    def show(self, segments: tuple[StripSegment, ...]) -> None:
        """Show these segments; refreshes only when a visible column changes."""
        width = max(1, self.size.width)
        cols = widths(segments, width)
        filled = sum(round(c * s.fill) for c, s in zip(cols, segments, strict=True))
        if segments == self._segments:
            return
        same_shape = [(s.label, s.kind, s.current) for s in segments] == [
            (s.label, s.kind, s.current) for s in self._segments]
        self._segments = segments
        if same_shape and filled == self._columns:
            return
        self._columns = filled
        self.refresh()

    def render(self) -> RenderResult:
        """One line per row; the label sits on the middle row."""
        width = self.size.width
        height = max(1, self.size.height)
        segments = self._segments
        if not segments or width <= 0:
            return Text("")
        cols = widths(segments, width)
        middle = height // 2
        lines = []
        for row in range(height):
            line = Text(no_wrap=True, overflow="crop")
            for n, (segment, col) in enumerate(zip(segments, cols, strict=True)):
                if n:
                    line.append(" ")
                colour = KIND_COLOURS[segment.kind]
                done = round(col * segment.fill)
                full = colour if segment.current else _darken(colour, DONE_DIM)
                label = segment.label if len(segment.label) <= col else segment.label[:col]
                text = (label.center(col) if row == middle else " " * col)
                for i, char in enumerate(text):
                    if i < done:
                        style = Style(bgcolor=full, color=DARK_TEXT, bold=segment.current)
                    else:
                        style = Style(bgcolor=EMPTY_BG, color=colour, bold=segment.current)
                    line.append(char, style)
            lines.append(line)
        return Text("\n").join(lines)
