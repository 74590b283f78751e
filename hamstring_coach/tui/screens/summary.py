"""The summary at the end of a session: sets done and skipped per exercise, times, and
every set of the run to log or correct (the last set of each exercise is entered here).

Keys: ↑/↓ choose a set, digits and Tab fill it in (see
:mod:`hamstring_coach.tui.logform`), Enter saves it (with nothing typed: done),
Escape drops what was typed (with nothing typed: quit), q quits.
"""

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

from hamstring_coach.run.actuals import Actuals
from hamstring_coach.run.session_run import RunSummary
from hamstring_coach.textfmt import duration_text
from hamstring_coach.tui.nexttime import NextTime, next_time_text
from hamstring_coach.tui.plain import PlainStatic, plain_text
from hamstring_coach.tui.screens.base import CoachScreen
from hamstring_coach.tui.setlist import SetList, keys_hint
from hamstring_coach.tui.widgets.footer import CoachFooter
from hamstring_coach.tui.widgets.too_small import TooSmall

NARROW = 60  # columns below which the table has short headings


def sets_table(summary: RunSummary, *, narrow: bool = False) -> Table:
    """Exercise | done | skipped, one row per exercise step.

    ``narrow``: short headings ("Done", "Skip") one space apart, so the names get the
    room.
    """
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False,
                  padding=(0, 0) if narrow else (0, 1))  # the box puts a space between
    table.add_column("Exercise", ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column("Done" if narrow else "Sets done", justify="right", no_wrap=True)
    table.add_column("Skip" if narrow else "Skipped", justify="right", no_wrap=True)
    for tally in summary.exercises:
        done = Text(f"{tally.done}/{tally.planned}",
                    style="bold green" if tally.done == tally.planned else "bold")
        skipped = Text(str(tally.skipped), style="yellow" if tally.skipped else "dim")
        table.add_row(plain_text(tally.name), done, skipped)  # Text: never markup
    return table


def times_text(summary: RunSummary, width: int = 80) -> Text:
    """``Total 12:04 · paused 0:31 · skipped 1:00``, shortened until it fits ``width``.

    Narrower: "Took" for "Total", then the zero times left out, then no word
    before the total, then no dots; past that it is cut, never wrapped.
    """
    times = (("paused", summary.paused_time), ("skipped", summary.skipped_time))
    nonzero = tuple((label, s) for label, s in times if round(s) > 0)
    for lead, parts, dot in (("Total", times, True), ("Took", times, True),
                             ("Took", nonzero, True), ("", nonzero, True), ("", nonzero, False)):
        text = _times(duration_text(summary.total_time), lead, parts, dot)
        if text.cell_len <= width:
            break
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def _times(total: str, lead: str, parts: tuple[tuple[str, float], ...], dot: bool) -> Text:
    # Spaces in unstyled runs: a dim run's leading space after a bold one was lost
    # on screen ("1:27·  paused").
    text = Text()
    if lead:
        text.append(lead, "dim")
        text.append(" ")
    text.append(total, "bold")
    for label, seconds in parts:
        text.append(" ")
        if dot:
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
        Binding("q", "quit", "Quit"),
        Binding("escape", "escape", "Quit", show=False),
    ]

    def __init__(self, summary: RunSummary, *, on_close: Callable[[bool], None],
                 on_log: Callable[[int, int, Actuals], None] | None = None,
                 next_time: Callable[[], NextTime] | None = None) -> None:
        super().__init__()
        self.summary = summary
        self.on_close = on_close
        # Read when shown (after the run's sets are in the history), and again by
        # refresh_next_time() when answers change what the run did.
        self._next_time = next_time
        self._on_log = on_log
        self.set_list = SetList(summary.sets, self._log)

    def compose(self) -> ComposeResult:
        """Title, the sets table and the times."""
        summary = self.summary
        heading = "Session complete" if summary.finished else "Session stopped"
        yield PlainStatic(summary.session_name, id="session-name")
        yield Static(heading, id="heading")
        if summary.history_warning:
            yield Static(Text(f"⚠ {summary.history_warning}"), id="history-warning")
        with VerticalScroll(id="sets"):
            yield Static(sets_table(summary), id="table")
            if self.set_list.forms:
                yield Static("", id="setlog", markup=False)
                yield Static(keys_hint(False), id="setlog-keys", markup=False)
            text = self._next_text()
            next_up = Static(text, id="next-time")
            next_up.display = bool(text.plain)  # no room taken when nothing progresses
            yield next_up
        yield Static(times_text(summary), id="times")
        yield CoachFooter()
        yield TooSmall()

    def on_mount(self) -> None:
        """Draw the set list."""
        self._show_sets()

    def _log(self, step: int, set_no: int, values: Actuals) -> None:
        """Store a set's answers, then say again what next time will be (they count)."""
        if self._on_log is not None:
            self._on_log(step, set_no, values)
        if self._next_time is not None and self.is_mounted:
            self.refresh_next_time()

    def _next_text(self) -> Text:
        return next_time_text(self._next_time()) if self._next_time is not None else Text()

    def refresh_next_time(self) -> None:
        """Say again what next time will be (the history changed since the screen opened)."""
        text = self._next_text()
        widget = self.query_one("#next-time", Static)
        widget.update(text)
        widget.display = bool(text.plain)

    def on_resize(self, event: events.Resize) -> None:
        """Short headings when narrow, and the times on one line at any width."""
        width = event.size.width - 2  # the screen's padding
        self.query_one("#times", Static).update(times_text(self.summary, width))
        self.query_one("#table", Static).update(
            sets_table(self.summary, narrow=event.size.width < NARROW))
        self._show_sets()

    def _show_sets(self) -> None:
        if not self.set_list.forms:
            return
        self.query_one("#setlog", Static).update(self.set_list.render(self.size.width - 2))
        hint = keys_hint(self.set_list.dirty, self.size.width)
        self.query_one("#setlog-keys", Static).update(hint)
        cursor = self.set_list.cursor
        if cursor is not None:  # keep the selected set in view
            scroll = self.query_one("#sets", VerticalScroll)
            line = (self.query_one("#table", Static).outer_size.height
                    + self.set_list.line_of(cursor, self.size.width - 2))
            if not scroll.scroll_y <= line < scroll.scroll_y + scroll.size.height:
                scroll.scroll_to(y=max(0, line - scroll.size.height // 2), animate=False)

    def on_key(self, event: events.Key) -> None:
        """↑/↓ move between sets; digits, Tab, Backspace, Enter, Escape go to its prompt."""
        handled = False
        if event.key in ("up", "down"):
            self.set_list.move(-1 if event.key == "up" else 1)
            handled = True
        else:
            handled = self.set_list.press(event.key, event.character)
        if handled:
            event.stop()
            event.prevent_default()
            self._show_sets()
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter and Escape belong to the prompt while something typed is not saved."""
        return not (action in ("close", "escape") and self.set_list.dirty)

    def action_close(self) -> None:
        """Enter: back to the picker (or exit when started with ``run``)."""
        self.set_list.commit()
        self.on_close(False)

    def action_escape(self) -> None:
        """Escape with nothing typed: quit, as q."""
        self.action_quit()

    def action_quit(self) -> None:
        """q: leave the app (the session is over: nothing to confirm); typing is saved."""
        self.set_list.commit()
        self.on_close(True)
