"""The stats screen: weekly working sets per function as a bar chart, sessions, streak.

Pushed from the picker (its key is the picker's business); ``escape`` or
``q`` closes it. It reads the history once when shown (the figures of
:func:`hamstring_coach.history.stats.compute_weeks`, the same as the
``history`` command). Each bar has one cell per set (two per cell when the
terminal is narrow), ``│`` marks at 10 and 20 sets (the weekly aim for hip
extension and knee flexion), cells below 10 in the warning colour and from
10 in the success colour; ``▸`` means more than 20.
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

from hamstring_coach.format.plaintext import one_line
from hamstring_coach.history.records import HistoryData
from hamstring_coach.history.report import break_lines, summaries, week_label
from hamstring_coach.history.stats import (
    GUIDED_FUNCTIONS,
    SESSIONS_GUIDANCE,
    SETS_GUIDANCE,
    WeekStats,
    breaks_on,
    compute_streak,
    compute_weeks,
    local_now,
    read,
)
from hamstring_coach.history.store import HistoryUnavailable
from hamstring_coach.textfmt import duration_text

WIDE = 78  # below this many columns, one cell stands for two sets
NARROW = 60  # below this many columns, the counts without bars (40 columns fit)
LABELS = {"hip-extension": "Hip extension", "knee-flexion": "Knee flexion"}

# Colours as Rich styles (Textual's theme variables do not reach Rich Text).
LOW, IN_RANGE, OVER, EMPTY, MARK = "yellow", "green", "bold red", "bright_black", "bold"


def bar(count: int, per_cell: int) -> Text:
    """One function's bar: cells up to 20 sets with marks at 10 and 20, then ``▸``."""
    low, high = SETS_GUIDANCE
    text = Text()
    for first in range(1, high + 1, per_cell):
        filled = count >= first + per_cell - 1 if per_cell > 1 else count >= first
        half = per_cell > 1 and count == first
        style = LOW if first <= low else IN_RANGE
        if filled:
            text.append("█", style)
        elif half:
            text.append("▌", style)
        else:
            text.append("·", EMPTY)
        last = first + per_cell - 1
        if last in (low, high):
            text.append("│", MARK)
    text.append("▸" if count > high else " ", OVER)
    return text


def _style(count: int, guidance: tuple[int, int]) -> str:
    low, high = guidance
    return LOW if count < low else OVER if count > high else IN_RANGE


def chart(weeks: list[WeekStats], per_cell: int = 1) -> Text:
    """The chart: a header row, then one row per week (oldest first)."""
    width = len(bar(0, per_cell)) + 4  # bar, count, a space
    text = Text(no_wrap=True, overflow="crop")
    text.append(f"{'Week':<11}", "bold")
    for function in GUIDED_FUNCTIONS:
        text.append(f"{LABELS[function]:<{width}}", "bold")
    text.append("Act Str Sess\n", "bold")
    for week in weeks:
        text.append(f"{week_label(week):<11}")
        for function in GUIDED_FUNCTIONS:
            n = week.working(function)
            text.append_text(bar(n, per_cell))
            text.append(f"{n:>3}", _style(n, SETS_GUIDANCE))
            text.append(" ")
        text.append(f"{week.working('activation'):>3} {week.working('stretch'):>3} ")
        text.append(f"{week.sessions:>4}", _style(week.sessions, SESSIONS_GUIDANCE))
        text.append("\n")
    text.rstrip()
    return text


def counts(weeks: list[WeekStats]) -> Text:
    """The narrow chart: a week's counts without bars, in the bars' colours (33 columns)."""
    text = Text(no_wrap=True, overflow="crop")
    text.append(f"{'Week':<11} Hip Knee Act Str Sess\n", "bold")
    for week in weeks:
        text.append(f"{week_label(week):<11}")
        for function, width in zip(GUIDED_FUNCTIONS, (4, 5), strict=True):
            n = week.working(function)
            text.append(f"{n:>{width}}", _style(n, SETS_GUIDANCE))
        text.append(f" {week.working('activation'):>3} {week.working('stretch'):>3} ")
        text.append(f"{week.sessions:>4}", _style(week.sessions, SESSIONS_GUIDANCE))
        text.append("\n")
    text.rstrip()
    return text


def summary(data: HistoryData, weeks: list[WeekStats], now: datetime, *,
            narrow: bool = False) -> Text:
    """Streak, guidance and breaks, under the chart (``narrow``: under :func:`counts`)."""
    low, high = SETS_GUIDANCE
    s_low, s_high = SESSIONS_GUIDANCE
    streak = compute_streak(data, now)
    text = Text()
    if narrow:
        text.append(f"Hip extension and knee flexion sets: aim {low}–{high} a week each. ")
    else:
        text.append("│", MARK)
        text.append(f" marks {low} and {high} sets, the weekly aim for each. ")
    text.append(f"Sessions: aim {s_low}–{s_high}.\n")
    text.append(f"Streak: {streak} week{'s' if streak != 1 else ''}", "bold")
    text.append(" in a row with a hip-extension or knee-flexion session.")
    if any(sum(w.breaks.values()) for w in weeks):
        # the same words as the history command's
        lines = break_lines(breaks_on(data, now.date()), weeks[-1].breaks)
        text.append("\n" + "\n".join(lines))
    return text


STATUS_STYLE = {"finished": IN_RANGE, "running": "bold", "quit": LOW, "crashed": OVER,
                "killed": OVER}


def recent(data: HistoryData, limit: int = 5, width: int = 80) -> Text:
    """The latest sessions: start, name, status, sets done of planned, time.

    Below :data:`NARROW` columns: the day, name, status and sets (no hour, no time).
    """
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("Recent sessions", "bold")
    sessions = summaries(data)[:limit]
    if not sessions:
        text.append("\nNone recorded yet.")
    narrow = width < NARROW
    for s in sessions:
        status = s.status + ("*" if s.resumed else "")
        took = ("" if s.ended_known else "≥") + duration_text(s.seconds)
        sets = f"{s.sets_done}/{s.planned_sets}"
        if narrow:  # "08 Apr Strength    finished 2/5": 38 columns keep a 14-letter name
            room = max(6, width - len(f"08 Apr  {status:<9} {sets}"))
            name = one_line(s.name)
            name = name if len(name) <= room else name[:room - 1] + "…"
            text.append(f"\n{s.started_at:%d %b} {name:<{room}} ")
            text.append(f"{status:<9}", STATUS_STYLE.get(s.status, ""))
            text.append(sets)
            continue
        name = one_line(s.name)[:24]  # from the history: shown, never acted on
        text.append(f"\n{s.started_at:%a %d %b %H:%M}  {name:<24}  ")
        text.append(f"{status:<9}", STATUS_STYLE.get(s.status, ""))
        text.append(f" {s.sets_done:>2}/{s.planned_sets:<2}  {took:>7}")
    return text


class StatsScreen(Screen[None]):
    """Weekly sets per function against the guidance, sessions per week, streak."""

    DEFAULT_CSS = """
    StatsScreen {
        layout: vertical;
    }
    StatsScreen #stats-title {
        height: 1;
        padding: 0 1;
        background: $primary;
        color: $text;
        text-style: bold;
    }
    StatsScreen #stats-body {
        height: 1fr;
        padding: 1 0 0 1;
    }
    StatsScreen.-h-compact #stats-body {
        padding: 0 0 0 1;
    }
    StatsScreen #stats-chart {
        width: auto;
    }
    StatsScreen #stats-summary, StatsScreen #stats-recent, StatsScreen #stats-programme {
        margin-top: 1;
    }
    """

    # A short terminal (40x12) loses the blank line over the chart.
    VERTICAL_BREAKPOINTS = [(0, "-h-compact"), (20, "-h-full")]  # noqa: RUF012 (Textual's)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
        Binding("q", "close", "Back", show=False),
        Binding("t", "trends", "Trends"),
        Binding("c", "year", "Year"),
    ]

    def __init__(self, weeks: int = 8, *, now: datetime | None = None, tz: tzinfo | None = None,
                 path: Path | None = None) -> None:
        super().__init__()
        self.weeks = weeks
        self._now = now
        self._tz = tz
        self._path = path
        self._figures: list[WeekStats] = []
        self._data = HistoryData()
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        """Title, the scrollable chart and summary, the key footer."""
        yield Static(f"History · the last {self.weeks} weeks", id="stats-title")
        with ScrollableContainer(id="stats-body"):
            yield Static(id="stats-chart")
            yield Static(id="stats-summary")
            yield Static(id="stats-recent")
            yield Static(id="stats-programme")
        yield Footer()

    def on_mount(self) -> None:
        """Read the history once and draw it."""
        now = local_now(self._now, self._tz)
        try:
            self._data, note = read(None, self._path)
        except HistoryUnavailable as error:
            self.problem = f"Cannot read the history: {error}"
            note = None
        self._figures = compute_weeks(self._data, self.weeks, now)
        self._draw(now)
        if note:
            self.notify(note, severity="warning", timeout=10)

    def on_resize(self, event: events.Resize) -> None:
        """Switch between one and two sets per cell as the width changes."""
        self._draw(local_now(self._now, self._tz))

    def _draw(self, now: datetime) -> None:
        if not self._figures:
            return
        chart_widget = self.query_one("#stats-chart", Static)
        summary_widget = self.query_one("#stats-summary", Static)
        if self.problem is not None:
            chart_widget.update(Text(one_line(self.problem), style="bold red"))
            summary_widget.update("")
            return
        width = self.size.width - 3  # the body's left padding and its scroll bar
        narrow = self.size.width < NARROW
        chart_widget.update(counts(self._figures) if narrow
                            else chart(self._figures, 1 if self.size.width >= WIDE else 2))
        summary_widget.update(summary(self._data, self._figures, now, narrow=narrow))
        self.query_one("#stats-recent", Static).update(recent(self._data, width=width))
        programme = self.query_one("#stats-programme", Static)
        text = self._programme_text(now)
        programme.update(text)
        programme.display = bool(text.plain)

    def _programme_text(self, now: datetime) -> Text:
        """Planned against done per week of the user's programme (nothing without one)."""
        # the programme report only when the stats screen shows a programme
        from hamstring_coach.history.programme_report import programme_lines
        from hamstring_coach.run.programmes import user_programme

        programme = user_programme()
        if programme is None:
            return Text()
        return Text("\n".join(programme_lines(programme, self._data, now.date())))

    def action_trends(self) -> None:
        """Each exercise's weekly best over the weeks (the trends screen)."""
        from hamstring_coach.tui.screens.trends import TrendsScreen

        self.app.push_screen(TrendsScreen(now=self._now, tz=self._tz, path=self._path))

    def action_year(self) -> None:
        """The last 52 weeks as a grid of days."""
        from hamstring_coach.run.programmes import user_programme
        from hamstring_coach.tui.screens.year import YearScreen

        self.app.push_screen(YearScreen(now=self._now, tz=self._tz, path=self._path,
                                        programme=user_programme()))

    def action_close(self) -> None:
        """Back to where it was opened from."""
        self.dismiss()
