"""The tempo strip: this rep's phases side by side, the current one filling up.

Outside a tempo set it shows the current phase alone, so a hold or a rest
fills the same bar. Widths follow the phases' seconds, so a 3 s lowering is
three times as wide as a 1 s lift, and the strip reads as the rep's rhythm.
A hold or timed work marked half-way has a :data:`MARK` across its box at
that point (its label moves beside it), the cell that fills as half-way is
reached.

Drawn line by line from a few cached styles (a run per filled or empty
part, not a style per cell): during tempo reps it repaints on most ticks.
"""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from hamstring_coach.tui.kinds import DARK_TEXT, colour_of, dimmed
from hamstring_coach.tui.plain import one_line
from hamstring_coach.tui.view import StripSegment

EMPTY_BG = "#3a3a3a"
DONE_DIM = 0.55  # done phases keep their colour, darker
GAP = Segment(" ")
MARK = "┃"  # the half-way mark, on every row of the box


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


def mark_cell(cells: int, mark: float) -> int:
    """The column of a box ``cells`` wide that holds the mark at fraction ``mark``.

    The last cell of the part before the mark: it fills as the mark is reached.
    """
    return min(cells - 1, max(0, round(cells * mark) - 1))


def box_text(label: str, cells: int, *, label_row: bool, mark: float | None) -> str:
    """One row of a box: its label centred on the label row, and the half-way mark.

    A label that would cover the mark ends just before it (or, with no room
    there, starts just after it).
    """
    label = label[:cells]
    if mark is None or cells < 1:
        return label.center(cells) if label_row else " " * cells
    at = mark_cell(cells, mark)
    row = [" "] * cells
    if label_row and label:
        start = (cells - len(label)) // 2
        if start <= at < start + len(label):
            start = at - 1 - len(label) if at - 1 - len(label) >= 0 else at + 2
        for i, char in enumerate(label[:max(0, cells - start)]):
            row[start + i] = char
    row[at] = MARK
    return "".join(row)


@lru_cache(maxsize=64)
def _styles(colour: str, current: bool) -> tuple[Style, Style]:
    """(filled, empty) styles of a segment of this colour."""
    full = colour if current else dimmed(colour, DONE_DIM)
    return (Style(bgcolor=full, color=DARK_TEXT, bold=current),
            Style(bgcolor=EMPTY_BG, color=colour, bold=current))


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
        # what the last paint showed: label, current, filled cells, mark
        self._drawn: tuple[tuple[str, bool, int, float | None], ...] = ()

    def columns(self) -> list[int]:
        """The current segments' widths at the widget's width."""
        return widths(self._segments, max(1, self.size.width))

    def current_cells(self) -> int:
        """Width of the current phase's box (0 when there is none)."""
        for segment, cells in zip(self._segments, self.columns(), strict=True):
            if segment.current:
                return cells
        return 0

    def show(self, segments: tuple[StripSegment, ...]) -> None:
        """Show these segments; repaints only when a visible cell changes."""
        self._segments = segments
        cols = self.columns()
        drawn = tuple((s.label, s.current, round(c * s.fill), s.mark)
                      for s, c in zip(segments, cols, strict=True))
        if drawn != self._drawn:
            self._drawn = drawn
            self.refresh()

    def render_line(self, y: int) -> Strip:
        """One row; the labels sit on the middle row."""
        width = self.size.width
        segments = self._segments
        if not segments or width <= 0:
            return Strip.blank(width)
        middle = max(1, self.size.height) // 2
        parts: list[Segment] = []
        for n, (segment, col) in enumerate(zip(segments, self.columns(), strict=True)):
            if n:
                parts.append(GAP)
            filled_style, empty_style = _styles(colour_of(segment.kind), segment.current)
            # a label from a file: its text only
            text = box_text(one_line(segment.label), col, label_row=y == middle,
                            mark=segment.mark)
            done = round(col * segment.fill)
            if done:
                parts.append(Segment(text[:done], filled_style))
            if done < col:
                parts.append(Segment(text[done:], empty_style))
        return Strip(parts).adjust_cell_length(width)
