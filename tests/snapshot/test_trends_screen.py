"""The trends screen under the real Textual app, from a fixed six-week history."""

from __future__ import annotations

from typing import Any

import pytest
from progress_example import (  # noqa: F401  (the fixtures)
    EXPECTED,
    FIXED_NOW,
    NOW,
    fixed_progress_example,
    progress_example,
)
from textual.app import App
from textual.widgets import Sparkline, Static

from hamstring_coach.tui.screens.stats import StatsScreen
from hamstring_coach.tui.screens.trends import TrendsScreen
from hamstring_coach.tui.screens.year import YearScreen


class Host(App[None]):
    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.first = screen

    def on_mount(self) -> None:
        self.push_screen(self.first)


def text(app: App[Any], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@pytest.mark.usefixtures("progress_example")
@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_keys_move_between_exercises_and_the_figures_match(size: tuple[int, int]) -> None:
    app = Host(StatsScreen(now=NOW))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        seen = {}
        for _ in EXPECTED:
            name = text(app, "#trend-title").split(" · ")[0]
            seen[name] = text(app, "#trend-figures").splitlines()[0]
            assert screen.query_one("#trend-chart", Sparkline).region.height == 3
            await pilot.press("down")
            await pilot.pause()
        assert seen == {
            "Romanian deadlift": "kg × reps · first 240 · best 360 · latest 360",
            "Prone heel press": "s held · first 10 · best 30 · latest 30",
            "Nordic curl": "reps · first 3 · best 6 · latest 6",
        }
        assert text(app, "#trend-title").startswith("Romanian deadlift · 1/3")  # wrapped
        await pilot.press("up")
        await pilot.pause()
        assert text(app, "#trend-title").startswith("Nordic curl · 3/3")
        assert "11 sets, 1 skipped" in text(app, "#trend-figures")
        assert text(app, "#trend-pain-label") == "Pain: none logged"
        # everything but the list is on screen at 40x12 too
        for selector in ("#trend-title", "#trend-chart", "#trend-figures"):
            region = screen.query_one(selector).region
            assert region.bottom <= size[1] - 1 and region.right <= size[0]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)


@pytest.mark.usefixtures("fixed_progress_example")
def test_snapshot_80x24(snap_compare: Any) -> None:
    assert snap_compare(Host(TrendsScreen(weeks=6, now=FIXED_NOW)), terminal_size=(80, 24))


@pytest.mark.usefixtures("fixed_progress_example")
def test_snapshot_40x12(snap_compare: Any) -> None:
    assert snap_compare(Host(TrendsScreen(weeks=6, now=FIXED_NOW)), terminal_size=(40, 12))


@pytest.mark.usefixtures("fixed_progress_example")
@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
def test_year_snapshot(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(Host(YearScreen(now=FIXED_NOW)), terminal_size=size)


@pytest.mark.usefixtures("progress_example")
async def test_c_on_the_stats_screen_opens_the_year_fitted_to_the_width() -> None:
    app = Host(StatsScreen(now=NOW))
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, YearScreen)
        assert text(app, "#year-title") == "The last 33 weeks"
        rows = text(app, "#year-grid").splitlines()
        assert rows[1].startswith("Mo ") and rows[1].count("■") == 5
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
