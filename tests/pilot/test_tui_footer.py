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
from tui_support import rig, until, write_session

from hamstring_coach.tui.widgets.footer import CoachFooter

SIZES = [(40, 12), (80, 24)]


def shown_keys(bar: CoachFooter) -> list[str]:
    """What ``bar`` drew, key by key ("q Quit"), with each group's label after its keys,
    each checked against the line it renders."""
    line = bar.render().plain
    drawn = {id(d.key): d for d in bar.drawn}
    shown: list[str] = []
    for label, _compact, keys in bar.keys:
        for key in keys:
            if id(key) in drawn:
                at = drawn[id(key)]
                text = f"{key.display} {key.description}".strip()
                assert " ".join(line[at.start:at.end].split()) == text, (line, at)
                shown.append(text)
        if label is not None and any(id(key) in drawn for key in keys):
            assert label in line, (line, label)
            shown.append(label)
    return shown


async def footer(pilot: Pilot[Any], expect: str | None = None) -> list[str]:
    """The Footer's keys and labels as drawn, checked to fit inside the screen.

    Waits until the keys are drawn and the same a frame later (a hang guard, not
    a timing: on a busy machine the Footer is added a frame or two after the
    first, and the keys change again as the screen settles); with ``expect``,
    also until a key reads so (the keys are redrawn after they change).
    """
    before: tuple[Any, ...] = ()
    bar: CoachFooter | None = None
    for _ in range(500):
        bars = list(pilot.app.screen.query(CoachFooter))
        bar = bars[0] if bars else None
        drawn = bar.drawn if bar is not None else ()
        if (drawn and drawn == before and bar is not None and bar.region.width > 0
                and (expect is None or expect in shown_keys(bar))):
            break
        before = drawn
        await pilot.pause(0.02)
    assert bar is not None, "no Footer"
    width = pilot.app.size.width
    assert bar.region.right <= width, bar.region
    ends = [0]
    for at in bar.drawn:  # left to right, inside the line, none over another
        assert ends[-1] <= at.start < at.end <= bar.region.width, bar.drawn
        ends.append(at.end)
    return shown_keys(bar)


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
            shown = [f"{d.key.display} {d.key.description}" for d in app.screen.query_one(
                CoachFooter).drawn]
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


async def test_each_screen_draws_its_footer_once_with_its_keys(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The screens publish several bindings updates in a row (four as the session
    screen's Footer came up, seven as the summary's did): the Footer works its keys
    out once for them all, draws them at once, on the session screen only after the
    first frame (the band has been drawn), and is one widget, not one per key."""
    from hamstring_coach.tui.screens.session import SessionScreen
    from hamstring_coach.tui.screens.summary import SummaryScreen
    from hamstring_coach.tui.widgets.banner import PhaseBanner

    changed: list[tuple[str, int]] = []
    painted: list[bool] = []
    update = CoachFooter._update

    def recording(self: CoachFooter) -> None:
        before = self.keys
        update(self)
        if self.keys != before:
            changed.append((type(self.screen).__name__, len(self.keys)))
            if isinstance(self.screen, SessionScreen):  # keys only once the band is drawn
                painted.append(self.screen.query_one(PhaseBanner).after_first_paint is None)

    monkeypatch.setattr(CoachFooter, "_update", recording)
    hold = "name: Short\nsteps:\n  - exercise: Heel press\n    hold: 3\n    prepare: 0\n"
    r = rig(str(write_session(tmp_path, "short.yaml", hold)))

    def drawn() -> bool:
        return any(bar.drawn for bar in r.app.screen.query(CoachFooter))

    async with r.app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, drawn)
        assert not r.app.screen.query_one(CoachFooter).children
        r.move(3.5)
        assert await until(pilot, lambda: isinstance(r.app.screen, SummaryScreen) and drawn())
        for _ in range(5):  # any late bindings update would draw the keys again now
            await pilot.pause()
    assert [screen for screen, _ in changed] == ["SessionScreen", "SummaryScreen"], changed
    assert all(keys > 0 for _, keys in changed)
    assert painted == [True]


async def test_a_click_presses_the_key_under_it_and_the_pointer_shows_its_tooltip() -> None:
    """As on Textual's Footer: a click on a key runs it, a click on a key that does
    nothing now rings the bell, and resting on a key lights it and shows its tooltip."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Static

    class Keys(App[None]):
        BINDINGS: ClassVar[list[Any]] = [
            Binding("m", "mute", "Mute", tooltip="Sound on or off"),
            Binding("d", "nothing", "Dim"), Binding("q", "quit", "Quit")]

        def __init__(self) -> None:
            super().__init__()
            self.ran: list[str] = []
            self.bells = 0

        def compose(self) -> ComposeResult:
            yield Static("body")
            yield CoachFooter()

        def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
            return None if action == "nothing" else True

        def action_mute(self) -> None:
            self.ran.append("mute")

        def action_nothing(self) -> None:
            self.ran.append("nothing")

        def bell(self) -> None:
            self.bells += 1

    app = Keys()
    async with app.run_test(size=(80, 10)) as pilot:
        bar = app.query_one(CoachFooter)
        assert await until(pilot, lambda: len(bar.drawn) == 4)  # and the palette's
        at = {d.key.key: d for d in bar.drawn}
        assert at["m"].end <= at["d"].start < at["d"].end <= at["q"].start
        await pilot.click(CoachFooter, offset=(at["m"].start + 1, 0))
        assert app.ran == ["mute"]
        await pilot.click(CoachFooter, offset=(at["d"].start + 1, 0))
        assert app.ran == ["mute"] and app.bells == 1
        await pilot.click(CoachFooter, offset=(at["q"].end + 5, 0))  # past the keys
        assert app.ran == ["mute"] and app.bells == 1 and app.is_running
        await pilot.hover(CoachFooter, offset=(at["m"].start + 1, 0))
        await pilot.pause()
        assert bar.tooltip == "Sound on or off"
        row = app.screen._compositor.render_strips()[-1]
        backgrounds = [segment.style.bgcolor for segment in row if segment.style
                       for _ in segment.text]
        lit = set(backgrounds[at["m"].start:at["m"].end])
        assert len(lit) == 1 and lit.isdisjoint(backgrounds[at["d"].start:at["d"].end])
        await pilot.hover(CoachFooter, offset=(at["q"].end + 5, 0))
        await pilot.pause()
        assert bar.tooltip is None
        await pilot.click(CoachFooter, offset=(at["q"].start + 1, 0))
        await pilot.pause()
    assert not app.is_running


async def test_the_same_keys_are_spaced_anew_as_the_terminal_narrows(tmp_path: Path) -> None:
    """Between 80 and 90 columns the session's keys all stay but are drawn compact: the
    row is redrawn though the keys did not change, and fits."""
    r = rig(str(write_session(tmp_path)), start_index=2)
    async with r.app.run_test(size=(100, 24)) as pilot:
        wide = await footer(pilot, expect="q Quit")
        wide_end = pilot.app.screen.query_one(CoachFooter).drawn[-1].end
        await pilot.resize_terminal(84, 24)
        bar = pilot.app.screen.query_one(CoachFooter)
        assert await until(pilot, lambda: bool(bar.drawn) and bar.drawn[-1].end < wide_end)
        assert bar.compact and not bar.narrow
        assert await footer(pilot) == wide
        assert bar.drawn[-1].end <= 84
