"""The summary at the end of a session: sets done and skipped per exercise, times."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from hamstring_coach.run.session_run import RunSummary
from hamstring_coach.textfmt import duration_text
from hamstring_coach.tui.screens.base import CoachScreen
from hamstring_coach.tui.widgets.footer import CoachFooter
from hamstring_coach.tui.widgets.too_small import TooSmall

NARROW = 60  # columns below which the times line is shortened


def sets_table(summary: RunSummary) -> Table:
    """Exercise | done | skipped, one row per exercise step."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("Exercise", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Sets done", justify="right", no_wrap=True)
    table.add_column("Skipped", justify="right", no_wrap=True)
    for tally in summary.exercises:
        done = Text(f"{tally.done}/{tally.planned}",
                    style="bold green" if tally.done == tally.planned else "bold")
        skipped = Text(str(tally.skipped), style="yellow" if tally.skipped else "dim")
        table.add_row(tally.name, done, skipped)
    return table


def times_text(summary: RunSummary, *, narrow: bool = False) -> Text:
    """``Total 12:04 · paused 0:31 · skipped 1:00`` (one line even at 40 columns)."""
    # Spaces in unstyled runs: a dim run's leading space after a bold one was lost
    # on screen ("1:27·  paused").
    text = Text()
    text.append("Took" if narrow else "Total", "dim")
    text.append(" ")
    text.append(duration_text(summary.total_time), "bold")
    for label, seconds in (("paused", summary.paused_time),
                           ("skipped", summary.skipped_time)):
        text.append(" ")
        text.append("·", "dim")
        text.append(" ")
        text.append(label, "dim")
        text.append(" ")
        text.append(duration_text(seconds), "bold")
    return text


class SummaryScreen(CoachScreen):
    """Shown when a session finishes; Enter goes back (or exits), q or Escape exits."""

    CSS_PATH = Path(__file__).with_name("summary.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Done"),
        Binding("q,escape", "quit", "Quit", key_display="q"),
    ]

    def __init__(self, summary: RunSummary, *, on_close: Callable[[bool], None]) -> None:
        super().__init__()
        self.summary = summary
        self.on_close = on_close

    def compose(self) -> ComposeResult:
        """Title, the sets table and the times."""
        summary = self.summary
        heading = "Session complete" if summary.finished else "Session stopped"
        yield Static(summary.session_name, id="session-name")
        yield Static(heading, id="heading")
        if summary.history_warning:
            yield Static(Text(f"⚠ {summary.history_warning}"), id="history-warning")
        with VerticalScroll(id="sets"):
            yield Static(sets_table(summary), id="table")
        yield Static(times_text(summary), id="times")
        yield CoachFooter()
        yield TooSmall()

    def on_resize(self, event: events.Resize) -> None:
        """Tighter separators when narrow, so the times stay on one line."""
        self.query_one("#times", Static).update(
            times_text(self.summary, narrow=event.size.width < NARROW))

    def action_close(self) -> None:
        """Enter: back to the picker (or exit when started with ``run``)."""
        self.on_close(False)

    def action_quit(self) -> None:
        """q: leave the app (the session is over: nothing to confirm)."""
        self.on_close(True)
