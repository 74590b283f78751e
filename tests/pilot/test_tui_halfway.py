"""The half-way mark on the session screen: across the bar, and "Half way" once reached.

The real app (``make_app``) on a fake clock runs a session file from disk;
what is checked is what is drawn: the strip's rows and the line under the
countdown, at 80x24 and 40x12.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import Rig, footer_ready, rig, write_session

from hamstring_coach.tui.halfway import NOTICE
from hamstring_coach.tui.widgets.strip import MARK, TempoStrip

SESSION = """\
name: Half way
defaults: {prepare: 2, rest: 5}
steps:
  - {exercise: Long hold, hold: 40}
  - {exercise: Swings, duration: 20, halfway: 20}
  - {exercise: Short hold, hold: 20}
"""
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((40, 12), id="40x12")]


def strip_rows(r: Rig) -> list[str]:
    strip = r.app.screen.query_one(TempoStrip)
    return [strip.render_line(y).text for y in range(strip.size.height)]


def status(r: Rig) -> str:
    return r.text("#status")


@pytest.mark.parametrize("size", SIZES)
async def test_holds_and_timed_work_show_the_mark_and_say_half_way(
        tmp_path: Path, size: tuple[int, int]) -> None:
    r = rig(str(write_session(tmp_path, "halfway.yaml", SESSION)))
    async with r.app.run_test(size=size) as pilot:
        await footer_ready(pilot)
        r.move(2.0 + 10.0)  # 10 s into the 40 s hold
        await pilot.pause()
        rows = strip_rows(r)
        middle = rows[len(rows) // 2]
        assert all(row.count(MARK) == 1 for row in rows)
        # The banner says HOLD: the lone phase's box has no label of its own (issue 16).
        assert "Hold" not in middle
        width = len(middle)
        assert abs(middle.index(MARK) - width / 2) <= 1.5
        assert status(r) == ""
        r.move(10.1)  # half way
        await pilot.pause()
        assert status(r) == NOTICE
        assert r.player.said[-1] == "Half way"
        r.move(3.0)  # the notice has had its 3 s
        await pilot.pause()
        assert status(r) == ""
        assert MARK in strip_rows(r)[0]  # the mark stays to the end of the hold
        r.move(20.0 - 3.1 + 2.0 + 10.1)  # the swings (their own halfway: 20), half way
        await pilot.pause()
        assert r.text("#exercise") == "Swings"
        assert status(r) == NOTICE and MARK in strip_rows(r)[0]
        r.move(10.0 + 2.0 + 15.0)  # the 20 s hold, under the default 30 s: no mark
        await pilot.pause()
        assert r.text("#exercise") == "Short hold"
        assert status(r) == "" and not any(MARK in row for row in strip_rows(r))


async def test_the_mark_follows_added_time(tmp_path: Path) -> None:
    """+10 s on a 40 s hold: half way is at 25 s now, where the sound is too."""
    r = rig(str(write_session(tmp_path, "halfway.yaml", SESSION)))
    async with r.app.run_test(size=(80, 24)) as pilot:
        await footer_ready(pilot)
        r.move(2.0 + 5.0)
        await pilot.press("plus")
        r.move(15.5)  # 20.5 s in: past the old half way, before the new one
        await pilot.pause()
        assert status(r) == "" and "Half way" not in r.player.said
        r.move(4.6)  # 25.1 s in
        await pilot.pause()
        assert status(r) == NOTICE and r.player.said[-1] == "Half way"
