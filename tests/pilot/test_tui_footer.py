"""The Footer at 40x12 and 80x24: the keys that matter are shown whole, Quit always.

Textual's Footer cut its row at 40 columns and drew its command-palette hint
over the last keys (no "Quit"; bits of "^p palette" left behind when the keys
changed). Each key's region must lie inside the screen, with no palette hint
below 80 columns, on the first frame and after the keys change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey, FooterLabel
from tui_support import rig, write_session

SIZES = [(40, 12), (80, 24)]


async def footer(pilot: Pilot[Any], expect: str | None = None) -> list[str]:
    """The Footer's keys and labels as shown, checked to fit inside the screen.

    With ``expect``, waits (up to 2 s) for a key reading so: the Footer is
    rebuilt after the keys change, later on a busy machine.
    """
    for _ in range(100):
        keys = pilot.app.screen.query(FooterKey)
        if keys and (expect is None or any(
                f"{k.key_display} {k.description}".strip() == expect for k in keys)):
            break
        await pilot.pause(0.02)
    await pilot.pause()
    width = pilot.app.size.width
    shown = []
    for widget in pilot.app.screen.query("FooterKey, FooterLabel"):
        region = widget.region
        assert region.right <= width, (widget, region)
        if isinstance(widget, FooterKey):
            shown.append(f"{widget.key_display} {widget.description}".strip())
        elif isinstance(widget, FooterLabel):
            shown.append(str(widget.content))
    right = [w.region.right for w in pilot.app.screen.query(FooterKey)]
    assert len(right) == len(set(right)), "two keys drawn over each other"
    return shown


@pytest.mark.parametrize("size", SIZES)
async def test_the_session_footer_keeps_quit_and_fits(tmp_path: Path,
                                                      size: tuple[int, int]) -> None:
    r = rig(str(write_session(tmp_path)))
    async with r.app.run_test(size=size) as pilot:
        first = await footer(pilot)
        assert "q Quit" in first and "Continue" in " ".join(first)
        assert not any("palette" in key for key in first)
        await pilot.press("enter")
        r.move(6.0)
        await pilot.press("space")  # the keys change: Resume instead of Pause
        paused = await footer(pilot)
        assert "q Quit" in paused and any("Resume" in key for key in paused)
        assert not any("palette" in key for key in paused)
        if size == (80, 24):
            assert {"b Back", "r Restart", "m Mute"} <= set(paused)


@pytest.mark.parametrize("size", SIZES)
async def test_the_picker_and_summary_footers_fit(tmp_path: Path,
                                                  size: tuple[int, int]) -> None:
    r = rig()
    async with r.app.run_test(size=size) as pilot:
        keys = await footer(pilot)
        assert "^q Quit" in keys and "⏎ Start" in keys
        assert any("palette" in key for key in keys) == (size[0] >= 80)
        await pilot.press("tab")  # the list's keys
        keys = await footer(pilot, expect="e Edit")
        assert "q Quit" in keys and "e Edit" in keys
    s = rig(str(write_session(tmp_path)))
    async with s.app.run_test(size=size) as pilot:
        await pilot.press("enter")
        s.move(200.0)
        keys = await footer(pilot, expect="q Quit")
        assert "q Quit" in keys
