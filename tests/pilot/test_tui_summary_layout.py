"""The summary at 40x12: the names have the room, the totals line never wraps."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Static
from tui_support import rig, write_session

from hamstring_coach.run.session_run import ExerciseTally, RunSummary
from hamstring_coach.tui.screens.summary import SummaryScreen

# Two catalogue exercises with long names, one short set each.
NAMES = """\
name: Long names
steps:
  - use: standing-heel-pull
    sets: 1
    hold: 2
  - use: supine-hamstring-stretch
    sets: 1
    hold: 2
"""


async def test_at_40x12_the_summary_shows_whole_names(tmp_path: Path) -> None:
    """Not "Standing heel p…" beside numbers that waste the room: short headings, and in
    the set list each name over its sets."""
    r = rig(str(write_session(tmp_path, "names.yaml", NAMES)))
    async with r.app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        for _ in range(100):  # to the end, a phase at a time
            if isinstance(r.app.screen, SummaryScreen):
                break
            r.move(15.0)
            await pilot.pause()
        screen = r.app.screen
        assert isinstance(screen, SummaryScreen)
        await pilot.pause()
        for selector in ("#table", "#setlog"):  # the lines as drawn
            text = "\n".join(drawn(screen.query_one(selector, Static)))
            assert "Standing heel pull" in text and "Supine hamstring stretch" in text
            assert "…" not in text, text


def drawn(widget: Static) -> list[str]:
    return [strip.text for strip in widget.render_lines(widget.region.reset_offset)]


def summary(total: float, paused: float, skipped: float) -> RunSummary:
    return RunSummary(session_name="Long day", exercises=(ExerciseTally("Curl", 3, 2),),
                      total_time=total, done_time=total - paused - skipped,
                      skipped_time=skipped, paused_time=paused, finished=False)


class Host(App[None]):
    """A bare app that shows the summary, as the app does at a session's end."""

    def __init__(self, screen: SummaryScreen) -> None:
        super().__init__()
        self.summary = screen

    def on_mount(self) -> None:
        self.push_screen(self.summary)


async def test_the_totals_line_never_wraps() -> None:
    """An hour's run with long pauses and skips at 40 columns: one line, every time in it."""
    for times, shown in (((3753.0, 720.0, 2700.0), ("1:02:33", "12:00", "45:00")),
                         ((3753.0, 0.0, 2700.0), ("1:02:33", "45:00")),
                         ((87.0, 20.0, 53.0), ("1:27", "paused 0:20", "skipped 0:53"))):
        app = Host(SummaryScreen(summary(*times), on_close=lambda quit_app: None))
        async with app.run_test(size=(40, 12)) as pilot:
            await pilot.pause()
            line = app.screen.query_one("#times", Static)
            text = drawn(line)
            assert len(text) == 1 and "…" not in text[0]
            assert all(time in text[0] for time in shown), text
