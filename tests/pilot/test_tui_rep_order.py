"""The session screen shows a rep in the order it is performed: a curl's four-field tempo
starts with the lift (issue 16, item 2; the catalogue marks it ``start: lift``)."""

from __future__ import annotations

from pathlib import Path

from tui_support import Rig, rig, write_session

CURL = """\
name: Curl
steps:
  - use: seated-leg-curl
    sets: 1
    reps: 2
    prepare: 0
    tempo: "3-1-1-0"
"""


def shown(r: Rig, selector: str) -> str:
    widget = r.app.screen.query_one(selector)
    return " ".join(" ".join(strip.text.split())
                    for strip in widget.render_lines(widget.region.reset_offset)).strip()


async def test_a_curl_rep_starts_with_the_lift_on_screen(tmp_path: Path) -> None:
    r = rig(str(write_session(tmp_path, text=CURL)))
    async with r.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(r, "#banner") == "L I F T"
        assert shown(r, "#strip") == "Lift Lower Pause"  # the rep, in order
        assert shown(r, "#next") == "Next: Lower 0:03"
        r.move(1.0)  # the lift (1 s) is done: the lowering follows
        await pilot.pause()
        assert shown(r, "#banner") == "L O W E R"
