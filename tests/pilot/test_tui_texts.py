"""What the coaching screen's texts look like on a real (Pilot) screen: cut cues end in "…"."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import rig, write_session

LONG = (
    "Lie face down, legs long · Bend one knee a little · Press that heel down and "
    "leave an imprint in the mat · Keep the hips heavy and relaxed all the way · "
    "Breathe out slowly as you press and let the thigh do the work"
)
SESSION = f"""\
name: Long cues
steps:
  - cue: "{LONG}"
"""


@pytest.mark.parametrize(("size", "lines"), [((40, 12), 1), ((80, 24), 2)])
async def test_a_long_cue_is_cut_at_a_word_with_an_ellipsis(
        tmp_path: Path, size: tuple[int, int], lines: int) -> None:
    r = rig(str(write_session(tmp_path, text=SESSION)))
    async with r.app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        cue = r.text("#cue")
        rows = cue.split("\n")
        width = r.app.screen.query_one("#cue").content_size.width
        assert len(rows) == lines
        assert rows[-1].endswith("…")
        assert all(len(row) <= width for row in rows)
        assert LONG.startswith(" ".join(row.rstrip("…") for row in rows).rstrip())
        # Drawn as given: every row of the cue is on screen, the last with its "…".
        widget = r.app.screen.query_one("#cue")
        text = [strip.text.strip() for strip in widget.render_lines(widget.region.reset_offset)]
        assert [row for row in text if row] == rows
