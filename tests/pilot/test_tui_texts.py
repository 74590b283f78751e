"""What the coaching screen's texts look like on a real (Pilot) screen: cut cues end in "…",
an instruction (a cue that waits for you) is shown whole, texts do not say a thing twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import Rig, rig, write_session

LONG = (
    "Lie face down, legs long · Bend one knee a little · Press that heel down and "
    "leave an imprint in the mat · Keep the hips heavy and relaxed all the way · "
    "Breathe out slowly as you press and let the thigh do the work"
)
SESSION = f"""\
name: Long cues
steps:
  - cue: "{LONG}"
    duration: 20
"""
WAITING = SESSION.replace("    duration: 20\n", "")


@pytest.mark.parametrize(("size", "lines"), [((40, 12), 1), ((80, 24), 2)])
async def test_a_long_timed_cue_is_cut_at_a_word_with_an_ellipsis(
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


def drawn(r: Rig, selector: str) -> list[str]:
    """The rows of a widget as drawn on the screen (blank rows left out)."""
    widget = r.app.screen.query_one(selector)
    return [row for row in (strip.text.strip() for strip in widget.render_lines(
        widget.region.reset_offset)) if row]


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_an_instruction_that_waits_is_shown_whole(tmp_path: Path,
                                                        size: tuple[int, int]) -> None:
    """Issue 16: at 40x12 an untimed cue was cut to one line ("Lie face down, legs…").
    It waits for you and has nothing to count: it takes the countdown's room, wrapped."""
    r = rig(str(write_session(tmp_path, text=WAITING)))
    async with r.app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        rows = r.text("#cue").split("\n")
        assert " ".join(rows) == LONG and "…" not in r.text("#cue")
        box = r.app.screen.query_one("#cue-box")
        assert box.max_scroll_y == 0  # it fits: nothing to scroll to
        assert drawn(r, "#cue") == rows
        assert box.region.bottom <= r.app.screen.query_one("#bottom").region.y
        assert r.text("#status") == "Press Enter or Space to continue"


async def test_an_instruction_longer_than_the_screen_scrolls(tmp_path: Path) -> None:
    text = WAITING.replace(LONG, " · ".join([LONG] * 3))
    r = rig(str(write_session(tmp_path, text=text)))
    async with r.app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert "…" not in r.text("#cue")
        box = r.app.screen.query_one("#cue-box")
        assert box.max_scroll_y > 0 and box.scroll_y == 0
        await pilot.press("down", "down")
        await pilot.pause()
        assert box.scroll_y == 2
        await pilot.press("up")
        await pilot.pause()
        assert box.scroll_y == 1


STEPS = """\
name: Said once
steps:
  - exercise: Heel press
    hold: 20
    sets: 2
    sides: each
    rest: 10
    prepare: 5
"""


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_the_strip_does_not_repeat_the_banner_and_next_reads_the_same(
        tmp_path: Path, size: tuple[int, int]) -> None:
    """GET READY in the banner and "Get ready" in the strip below said it twice; during
    the rest the middle said "Next: set 2/2" and the bottom "Next: Hold 0:20 · set 2/2 ·
    left side". Now the strip of a lone phase is unlabelled, and the rest says what is
    next once, in the bottom line's words."""
    r = rig(str(write_session(tmp_path, text=STEPS)))
    async with r.app.run_test(size=size) as pilot:
        await pilot.pause()
        assert r.text("#banner").replace(" ", "") == "GETREADY"
        view = r.screen.view
        assert view is not None and [s.label for s in view.strip] == [""]
        assert not any("Get ready" in row for row in drawn(r, "#strip"))
        before = r.text("#next")
        assert before == "Next: Hold 0:20 · set 1/2 · left side"
        r.move(5.0 + 20 + 5 + 20 + 2)  # into the rest before set 2
        await pilot.pause()
        assert r.text("#banner").replace(" ", "") == "REST"
        assert r.text("#cue") == "Next: Hold 0:20 · set 2/2 · left side"
        assert r.text("#next") == ""  # said in the middle, once
        r.move(8.0)  # the hold: the bottom line again, in the same words
        await pilot.pause()
        assert r.text("#next").startswith("Next: Switch side")


@pytest.mark.parametrize("size", [(40, 12), (80, 24)])
async def test_a_long_top_bar_warning_never_runs_into_the_sound_indicator(
        tmp_path: Path, size: tuple[int, int]) -> None:
    r = rig(str(write_session(tmp_path, text=STEPS)))
    r.player.warning = ("No sound device: using the terminal bell, as ALSA has no card at all "
                        "and PulseAudio is not running either")
    async with r.app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = r.app.screen
        name, sound = screen.query_one("#session-name"), screen.query_one("#sound")
        assert r.text("#session-name").startswith("⚠ No sound device")
        assert drawn(r, "#session-name")[0].endswith("…")  # cut, with its sign
        assert drawn(r, "#sound")[0] == "♪ on"
        # The "…" is the name's last column; the sound's text starts a blank column later.
        assert sound.content_region.x - name.region.right >= 1
