"""The stats screen under the real Textual app, reading a real history file."""

from __future__ import annotations

from datetime import date, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from stats_example import NOW, example  # noqa: F401  (the fixture)
from textual.app import App
from textual.widgets import Static

from hamstring_coach.history.stats import WeekStats
from hamstring_coach.tui.screens.stats import StatsScreen, bar, chart

CEST = timezone(timedelta(hours=2))


class Host(App[None]):
    """A bare app that opens the stats screen, as the picker does with its key."""

    def __init__(self, screen: StatsScreen) -> None:
        super().__init__()
        self.stats = screen

    def on_mount(self) -> None:
        self.push_screen(self.stats)


def plain(app: App[Any], selector: str) -> str:
    widget = app.screen.query_one(selector, Static)
    return str(widget.render())


@pytest.mark.usefixtures("example")
async def test_the_screen_shows_the_weekly_figures_and_closes() -> None:
    app = Host(StatsScreen(weeks=3, now=NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        rows = plain(app, "#stats-chart").splitlines()
        assert rows[0].split() == ["Week", "Hip", "extension", "Knee", "flexion", "Act", "Str",
                                   "Sess"]
        # hand-computed in test_history_stats: HE 3/1/0, KF 2/1/1, act, str, sessions
        numbers = [[int(t) for t in row.split() if t.isdigit()][1:] for row in rows[1:]]
        assert numbers == [[3, 2, 0, 0, 2], [1, 1, 0, 1, 1], [0, 1, 1, 1, 1]]
        assert [row[:10] for row in rows[1:]] == ["W13 25 Mar", "W14 01 Apr", "W15 08 Apr"]
        summary = plain(app, "#stats-summary")
        assert "Streak: 3 weeks" in summary
        assert "Desk breaks today: 1 taken, 1 snoozed; this week: 1 taken, 1 snoozed." in summary
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)
        app.push_screen(StatsScreen(weeks=3, now=NOW))
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)


def test_bars_have_marks_at_ten_and_twenty() -> None:
    assert bar(0, 1).plain == "··········│··········│ "
    assert bar(12, 1).plain == "██████████│██········│ "
    assert bar(25, 1).plain == "██████████│██████████│▸"
    assert bar(7, 2).plain == "███▌·│·····│ "
    week = WeekStats(start=date(2024, 4, 1), sets={"hip-extension": 12, "knee-flexion": 21})
    row = chart([week]).plain.splitlines()[1]
    assert " 12 " in row and " 21 " in row and "▸" in row


@pytest.mark.usefixtures("example")
async def test_a_narrow_terminal_uses_two_sets_per_cell() -> None:
    app = Host(StatsScreen(weeks=3, now=NOW))
    async with app.run_test(size=(64, 16)) as pilot:
        await pilot.pause()
        row = plain(app, "#stats-chart").splitlines()[1]
        assert "█▌···│·····│" in row  # 3 hip-extension sets, two per cell


@pytest.mark.usefixtures("example")
async def test_at_40x12_every_figure_is_in_view_or_a_scroll_away() -> None:
    """40 columns: the counts without bars, nothing cut or scrolled sideways; the keys
    scroll down to the recent sessions."""
    from textual.containers import ScrollableContainer

    app = Host(StatsScreen(weeks=3, now=NOW))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#stats-body", ScrollableContainer)
        assert body.max_scroll_x == 0  # nothing off to the right
        rows = plain(app, "#stats-chart").splitlines()
        assert rows[0].split() == ["Week", "Hip", "Knee", "Act", "Str", "Sess"]
        assert [row.split()[3:] for row in rows[1:]] == [
            ["3", "2", "0", "0", "2"], ["1", "1", "0", "1", "1"], ["0", "1", "1", "1", "1"]]
        recent = plain(app, "#stats-recent").splitlines()
        assert recent[1:3] == ["08 Apr Strength         finished 1/5",
                               "08 Apr Strength         finished 2/5"]
        assert all(len(line) <= 37 for line in recent)
        assert body.has_focus and body.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y


async def test_an_unreadable_history_is_said(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(tmp_path))  # a folder
    app = Host(StatsScreen(weeks=2, now=NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert plain(app, "#stats-chart").startswith("Cannot read the history: ")


async def test_the_screen_and_the_command_say_the_same_about_breaks(
        capsys: pytest.CaptureFixture[str]) -> None:
    """3 taken, 2 snoozed, 1 skipped today: the same words, within 80 columns."""
    from datetime import datetime

    from hamstring_coach.cli import main
    from hamstring_coach.history import record_break

    now = datetime.now().astimezone()
    for kind in ("taken", "snoozed", "taken", "skipped", "snoozed", "taken"):
        assert record_break(kind, now) is None
    expected = ["Desk breaks today: 3 taken, 2 snoozed, 1 skipped;",
                "  this week: 3 taken, 2 snoozed, 1 skipped."]
    assert main(["history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index(expected[0])
    assert lines[start:start + 2] == expected
    app = Host(StatsScreen(weeks=3))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        summary = plain(app, "#stats-summary").splitlines()
        assert summary[-2:] == expected


@pytest.mark.usefixtures("example")
def test_snapshot_80x24(snap_compare: Any) -> None:
    assert snap_compare(Host(StatsScreen(weeks=8, now=NOW)), terminal_size=(80, 24))


@pytest.mark.usefixtures("example")
def test_snapshot_40x12(snap_compare: Any) -> None:
    assert snap_compare(Host(StatsScreen(weeks=8, now=NOW)), terminal_size=(40, 12))
