"""The Footer at 40x12 and 80x24: the keys that matter are shown whole, Quit always.

Textual's Footer cut its row at 40 columns and drew its command-palette hint
over the last keys (no "Quit"; bits of "^p palette" left behind when the keys
changed). Each key's region must lie inside the screen, with no palette hint
below 80 columns, on the first frame and after the keys change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey, FooterLabel
from tui_support import rig, until, write_session

SIZES = [(40, 12), (80, 24)]


async def footer(pilot: Pilot[Any], expect: str | None = None) -> list[str]:
    """The Footer's keys and labels as shown, checked to fit inside the screen.

    Waits until the keys are there, laid out and the same a frame later (a hang
    guard, not a timing: on a busy machine the layout can come several frames
    after the keys are mounted, and the Footer may recompose once more); with
    ``expect``, also until a key reads so (the Footer is rebuilt after the keys
    change, later on a busy machine).
    """
    before: list[Any] = []
    for _ in range(500):
        keys = list(pilot.app.screen.query(FooterKey))
        if (keys and keys == before and all(key.region.width > 0 for key in keys)
                and (expect is None or any(
                    f"{k.key_display} {k.description}".strip() == expect for k in keys))):
            break
        before = keys
        await pilot.pause(0.02)
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


async def test_a_footer_mounted_after_the_keys_settled_still_shows_them() -> None:
    """Textual's Footer fills in on a bindings update only: one that came before the
    Footer listened (as on a busy machine) left the picker's Footer empty."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Static

    from hamstring_coach.tui.widgets.footer import CoachFooter

    class Keys(App[None]):
        BINDINGS: ClassVar[list[Any]] = [Binding("q", "quit", "Quit")]

        def compose(self) -> ComposeResult:
            yield Static("body")

    app = Keys()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        await app.screen.mount(CoachFooter())
        shown: list[str] = []
        for _ in range(500):  # a hang guard: the keys come a frame or two later
            shown = [f"{k.key_display} {k.description}" for k in app.screen.query(FooterKey)]
            if shown:
                break
            await pilot.pause(0.02)
        assert "q Quit" in shown


# Issue 16: the same Footer however the session was started. The screen's padding
# made an 80-column terminal 78 wide, and sessions started from the picker or from
# break mode lost Back, Restart and ±10s at 80x24 (``run`` escaped by chance).
TIMED_FIRST = """\
name: Timed first
steps:
  - exercise: Heel press
    hold: 20
    sets: 2
    rest: 10
"""
FULL = {"b Back", "r Restart", "±10s", "n Next", "x Skip exercise", "q Quit"}


async def test_a_session_from_the_picker_has_the_whole_footer_at_80x24() -> None:
    from hamstring_coach.system import paths
    from hamstring_coach.tui.screens.picker import PickerScreen

    write_session(paths.user_sessions_dir(), "timed.yaml", TIMED_FIRST)
    r = rig()
    async with r.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        picker = r.app.screen
        assert isinstance(picker, PickerScreen)
        await pilot.press(*"Timed first", "enter")
        keys = await footer(pilot, expect="r Restart")
        assert set(keys) >= FULL, keys


async def test_a_break_session_has_the_whole_footer_at_80x24(tmp_path: Path) -> None:
    from breaks_support import EVERY, Machine, Recorded, build, short_timeline

    from hamstring_coach.tui.screens.break_wait import BreakScreen

    machine, rec = Machine(), Recorded()
    app = build(short_timeline(tmp_path), machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        machine.advance(EVERY)
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        screen.tick()
        await pilot.pause()
        await pilot.press("enter")  # the due break starts on the coaching screen
        keys = await footer(pilot, expect="r Restart")
        assert set(keys) >= FULL, keys


@pytest.mark.parametrize("size", SIZES)
async def test_keys_that_do_nothing_now_are_not_offered(tmp_path: Path,
                                                        size: tuple[int, int]) -> None:
    """An untimed cue has no time to give or take and restarts as it is: no ±10s, no
    Restart, and on the first phase no Back; the hold after it offers them again."""
    r = rig(str(write_session(tmp_path)))  # opens on an untimed cue
    async with r.app.run_test(size=size) as pilot:
        cue = await footer(pilot, expect="space Continue")
        assert not {"±10s", "r Restart", "b Back"} & set(cue), cue
        assert "n Next" in cue and "q Quit" in cue
        await pilot.press("enter")  # the get-ready: a timed phase
        timed = await footer(pilot, expect="space Pause")
        if size == (80, 24):
            assert set(timed) >= FULL, timed
        else:  # 40 columns: the essential keys, whole
            assert {"space Pause", "n Next", "m Mute", "q Quit"} <= set(timed), timed


@pytest.mark.parametrize("size", SIZES)
async def test_the_two_skips_have_two_labels(tmp_path: Path, size: tuple[int, int]) -> None:
    r = rig(str(write_session(tmp_path)), start_index=2)
    async with r.app.run_test(size=size) as pilot:
        keys = await footer(pilot, expect="n Next")
        assert "Skip" not in keys  # the old shared label of "n x Skip"
        assert ("x Skip exercise" in keys) == (size == (80, 24))  # at 40: x works, unlisted
        await pilot.press("n")
        assert r.screen.run.engine.index == 3
        await pilot.press("x")
        assert r.screen.run.engine.index == 9


async def test_each_screen_composes_its_footer_once_with_its_keys(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's Footer composes empty, then again in full on the first bindings update
    (every key built and styled twice): ours draws the keys the screen has at once,
    and on the session screen only after the first frame (the band has been drawn)."""
    from hamstring_coach.tui.screens.session import SessionScreen
    from hamstring_coach.tui.screens.summary import SummaryScreen
    from hamstring_coach.tui.widgets.banner import PhaseBanner
    from hamstring_coach.tui.widgets.footer import CoachFooter

    composed: list[tuple[str, int]] = []
    compose = CoachFooter.compose

    painted: list[bool] = []

    def recording(self: CoachFooter) -> Any:
        made = list(compose(self))
        composed.append((type(self.screen).__name__, len(made)))
        if isinstance(self.screen, SessionScreen):  # keys only once the band is drawn
            painted.append(self.screen.query_one(PhaseBanner).after_first_paint is None)
        return iter(made)

    monkeypatch.setattr(CoachFooter, "compose", recording)
    hold = "name: Short\nsteps:\n  - exercise: Heel press\n    hold: 3\n    prepare: 0\n"
    r = rig(str(write_session(tmp_path, "short.yaml", hold)))
    async with r.app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: bool(r.app.screen.query(FooterKey)))
        r.move(3.5)
        assert await until(pilot, lambda: isinstance(r.app.screen, SummaryScreen)
                           and bool(r.app.screen.query(FooterKey)))
        for _ in range(5):  # any late bindings update would recompose now
            await pilot.pause()
    assert [screen for screen, _ in composed] == ["SessionScreen", "SummaryScreen"], composed
    assert all(keys > 0 for _, keys in composed)
    assert painted == [True]
