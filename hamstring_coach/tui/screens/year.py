"""A year at a glance (``c`` on the stats screen): the last 52 weeks as a grid of days.

The grid of :mod:`hamstring_coach.history.year`, as many weeks as fit the
width (52 from 59 columns; fewer, the latest, on a narrow terminal), with a
programme's missed days where there is one. ``escape`` or ``q`` goes back.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import Footer, Static

from hamstring_coach.format.programme import Programme
from hamstring_coach.history.records import HistoryData
from hamstring_coach.history.stats import local_now, read
from hamstring_coach.history.store import HistoryUnavailable
from hamstring_coach.history.year import grid

YEAR = 52


class YearScreen(Screen[None]):
    """The last weeks as a grid of days."""

    DEFAULT_CSS = """
    YearScreen { layout: vertical; }
    YearScreen #year-title {
        height: 1; padding: 0 1; background: $primary; color: $text; text-style: bold;
    }
    YearScreen #year-body { height: 1fr; padding: 0 0 0 1; }
    YearScreen #year-grid { width: auto; text-wrap: nowrap; text-overflow: clip; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
        Binding("q", "close", "Back", show=False),
    ]

    def __init__(self, *, now: datetime | None = None, tz: tzinfo | None = None,
                 path: Path | None = None, programme: Programme | None = None) -> None:
        super().__init__()
        self._now, self._tz, self._path = now, tz, path
        self._programme = programme
        self._data = HistoryData()
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        """Title, the grid, the keys."""
        yield Static(id="year-title")
        with ScrollableContainer(id="year-body"):
            yield Static(id="year-grid")
        yield Footer()

    def on_mount(self) -> None:
        """Read the history once and draw."""
        try:
            self._data, _ = read(None, self._path)
        except HistoryUnavailable as error:
            self.problem = f"Cannot read the history: {error}"
        self._draw()

    def on_resize(self, event: events.Resize) -> None:
        """Show as many weeks as fit."""
        self._draw()

    def weeks_shown(self) -> int:
        """52, or as many as fit beside the day names."""
        return max(4, min(YEAR, self.size.width - 7))  # names, padding, a scroll bar

    def _draw(self) -> None:
        weeks = self.weeks_shown()
        self.query_one("#year-title", Static).update(
            Text("A year at a glance" if weeks == YEAR else f"The last {weeks} weeks"))
        body = self.query_one("#year-grid", Static)
        if self.problem is not None:
            body.update(Text(self.problem))
            return
        now = local_now(self._now, self._tz)
        lines = grid(self._data, now.date(), weeks=weeks, programme=self._programme)
        body.update(Text("\n".join(lines), no_wrap=True, overflow="crop"))

    def action_close(self) -> None:
        """Back to the stats screen."""
        self.dismiss()
