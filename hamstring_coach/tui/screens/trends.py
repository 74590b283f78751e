"""The trends screen: one exercise at a time, its weekly best over the weeks.

Opened from the stats screen with ``t``. Per exercise: the weekly best set
(load × reps, reps, or seconds held: :mod:`hamstring_coach.history.progress`)
as a Textual :class:`~textual.widgets.Sparkline`, first, best and latest;
the pain trend (highest logged per week) as a second sparkline where pain
was logged; sets done and skipped. ``↑``/``↓`` (or ``←``/``→``, ``k``/``j``)
move between exercises; ``escape`` or ``q`` goes back. Everything fits
40×12: the exercise list is the part that shrinks.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Sparkline, Static

from hamstring_coach.history.progress import ExerciseProgress, exercise_progress
from hamstring_coach.history.report_doc import number, unit_label
from hamstring_coach.history.stats import local_now, read
from hamstring_coach.history.store import HistoryUnavailable
from hamstring_coach.textfmt import printable

TREND_WEEKS = 12


def figures_line(item: ExerciseProgress) -> str:
    """``kg × reps · first 240 · best 360 · latest 360``."""
    return (f"{unit_label(item)} · first {number(item.first)} · best {number(item.best)} · "
            f"latest {number(item.latest)}")


def sets_line(item: ExerciseProgress, weeks: list[date]) -> str:
    """``12 sets, 1 skipped · 26 Oct–30 Nov``."""
    skipped = f", {item.sets_skipped} skipped" if item.sets_skipped else ""
    return f"{item.sets_done} sets{skipped} · {weeks[0]:%d %b}–{weeks[-1]:%d %b}"


def pain_line(item: ExerciseProgress) -> str:
    """``Pain (0-10): 4 → 1`` or that none was logged."""
    pains = [p for p in item.pain if p is not None]
    if not pains:
        return "Pain: none logged"
    return f"Pain (0–10, highest a week): {pains[0]} → {pains[-1]}"


class TrendsScreen(Screen[None]):
    """Per-exercise trends over the last weeks, one exercise at a time."""

    DEFAULT_CSS = """
    TrendsScreen { layout: vertical; }
    TrendsScreen #trend-title {
        height: 1; padding: 0 1; background: $primary; color: $text; text-style: bold;
    }
    TrendsScreen #trend-chart { height: 3; margin: 0 1; }
    TrendsScreen #trend-pain { height: 1; margin: 0 1; }
    TrendsScreen #trend-pain > .sparkline--max-color { color: $error; }
    TrendsScreen #trend-pain > .sparkline--min-color { color: $error 50%; }
    TrendsScreen .trend-line { height: auto; padding: 0 1; }
    TrendsScreen #trend-list { height: 1fr; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right,j", "move(1)", "Next"),
        Binding("up,left,k", "move(-1)", "Previous"),
        Binding("escape", "close", "Back"),
        Binding("q", "close", "Back", show=False),
    ]

    def __init__(self, weeks: int = TREND_WEEKS, *, now: datetime | None = None,
                 tz: tzinfo | None = None, path: Path | None = None) -> None:
        super().__init__()
        self.weeks = weeks
        self._now, self._tz, self._path = now, tz, path
        self.items: list[ExerciseProgress] = []
        self.current = 0
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        """Title, the chart, its figures, pain, the list of exercises, the keys."""
        yield Static(id="trend-title")
        yield Sparkline([], id="trend-chart", summary_function=max)
        yield Static(id="trend-figures", classes="trend-line")
        yield Static(id="trend-pain-label", classes="trend-line")
        yield Sparkline([], id="trend-pain", summary_function=max)
        yield Static(id="trend-list")
        yield Footer()

    def on_mount(self) -> None:
        """Read the history once and show the first exercise."""
        now = local_now(self._now, self._tz)
        try:
            data, _ = read(None, self._path)
            self.items = exercise_progress(data, self.weeks, now.date())
        except HistoryUnavailable as error:
            self.problem = f"Cannot read the history: {error}"
        self._draw()

    def _draw(self) -> None:
        title = self.query_one("#trend-title", Static)
        figures = self.query_one("#trend-figures", Static)
        chart = self.query_one("#trend-chart", Sparkline)
        pain = self.query_one("#trend-pain", Sparkline)
        pain_label = self.query_one("#trend-pain-label", Static)
        listing = self.query_one("#trend-list", Static)
        if not self.items:
            title.update(Text(f"Trends · the last {self.weeks} weeks"))
            figures.update(Text(self.problem or "No sets recorded in these weeks yet."))
            for widget in (chart, pain, pain_label, listing):
                widget.display = False
            return
        item = self.items[self.current]
        title.update(Text(f"{printable(item.name)} · {self.current + 1}/{len(self.items)}",
                          no_wrap=True, overflow="ellipsis"))
        chart.data = [v or 0.0 for v in item.values]
        figures.update(Text(f"{figures_line(item)}\n{sets_line(item, item.weeks)}"))
        pains = [float(p) if p is not None else 0.0 for p in item.pain]
        pain.display = any(p is not None for p in item.pain)
        pain.data = pains
        pain_label.update(Text(pain_line(item)))
        lines = Text(no_wrap=True, overflow="ellipsis")
        for i, other in enumerate(self.items):
            mark = "▸ " if i == self.current else "  "
            lines.append(f"{mark}{printable(other.name)}\n", "bold" if i == self.current else "")
        lines.rstrip()
        listing.update(lines)

    def action_move(self, step: int) -> None:
        """The next or previous exercise (wrapping round)."""
        if self.items:
            self.current = (self.current + step) % len(self.items)
            self._draw()

    def action_close(self) -> None:
        """Back to the stats screen."""
        self.dismiss()
