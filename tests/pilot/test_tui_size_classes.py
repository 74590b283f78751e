"""What Textual spends on a screen beyond drawing it, kept to what it needs.

- A screen has its size classes before it is first styled. Textual adds the
  breakpoint classes (``-w-full``, ``-h-compact``, ...) on the screen's first
  Resize, after every widget in it was styled: each class then restyled the
  whole screen once more before the first frame. The screens give themselves
  the same classes when they are built (``CoachScreen.__init__``), so that
  Resize changes nothing; a later resize still sets them.
- A pushed screen is styled once, not again as it first comes to the top.
- A session lets Rich's memo of measured strings go as each phase starts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.screen import Screen
from tui_support import rig, write_session

from hamstring_coach.tui.screens.session import SessionScreen

HOLD = "name: Short\nsteps:\n  - exercise: Heel press\n    hold: 30\n    prepare: 0\n"


def _size_classes(screen: Screen[object]) -> set[str]:
    return {name for name in screen.classes if name.startswith(("-w-", "-h-"))}


@pytest.mark.parametrize("size", [(80, 24), (50, 14), (30, 8)])
async def test_the_session_screen_is_composed_with_the_classes_textual_gives_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]) -> None:
    at_compose: list[set[str]] = []
    compose = SessionScreen.compose

    def recording(self: SessionScreen):  # type: ignore[no-untyped-def]
        at_compose.append(_size_classes(self))
        return compose(self)

    monkeypatch.setattr(SessionScreen, "compose", recording)
    r = rig(str(write_session(tmp_path, "short.yaml", HOLD)))
    async with r.app.run_test(size=size) as pilot:
        await pilot.pause()
        given = _size_classes(r.app.screen)  # after Textual's first Resize
        assert len(given) == 2
        assert at_compose == [given]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert _size_classes(r.app.screen) == {"-w-full", "-h-full"}


async def test_a_pushed_screen_is_styled_once_not_again_as_it_comes_to_the_top(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual restyles every widget of a screen as it resumes, and a pushed screen
    resumes just after it was styled as it mounted: the session screen and the
    summary were each styled twice. A screen that comes back later (here the
    session, from under its quit dialog) is still restyled as Textual does."""
    from collections import Counter

    from textual.css.stylesheet import Stylesheet
    from tui_support import until

    from hamstring_coach.tui.screens.summary import SummaryScreen
    from hamstring_coach.tui.widgets.footer import CoachFooter

    styled: Counter[str] = Counter()
    apply = Stylesheet.apply

    def counting(self: Stylesheet, node: object, *args: object, **kwargs: object) -> None:
        styled[type(node).__name__ + (f"#{node.id}" if getattr(node, "id", None) else "")] += 1
        apply(self, node, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "apply", counting)
    hold = "name: Short\nsteps:\n  - exercise: Heel press\n    hold: 3\n    prepare: 0\n"
    r = rig(str(write_session(tmp_path, "short.yaml", hold)))
    async with r.app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: any(f.drawn for f in r.app.screen.query(CoachFooter)))
        assert styled["SessionScreen"] == 1 and styled["Countdown#countdown"] == 1, styled
        await pilot.press("q")  # the quit dialog, then back
        await pilot.pause()
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(r.app.screen, SessionScreen))
        await pilot.pause()
        assert styled["SessionScreen"] > 1, styled  # restyled as Textual does on coming back
        r.move(3.5)
        assert await until(pilot, lambda: isinstance(r.app.screen, SummaryScreen))
        for _ in range(3):
            await pilot.pause()
        assert styled["SummaryScreen"] == 1 and styled["Static#times"] == 1, styled


async def test_each_phase_start_lets_the_text_memo_of_the_last_go(tmp_path: Path) -> None:
    """Rich keeps the cell width of the last 4096 strings measured, and a session draws
    new ones every second (its times): a long session grew by them for twenty minutes.
    The session screen clears that memo as each phase starts."""
    from rich.cells import cached_cell_len, cell_len
    from tui_support import until

    hold = ("name: Short\nsteps:\n  - exercise: Heel press\n    hold: 5\n    sets: 2\n"
            "    rest: 5\n    prepare: 0\n")
    r = rig(str(write_session(tmp_path, "short.yaml", hold)))
    async with r.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        start = r.screen.run.engine.index
        for n in range(3000):  # what earlier phases left behind
            cell_len(f"left behind {n}")
        assert cached_cell_len.cache_info().currsize >= 3000
        r.move(5.5)  # into the rest: a new phase
        assert await until(pilot, lambda: r.screen.run.engine.index != start)
        await pilot.pause()
        assert cached_cell_len.cache_info().currsize < 500
