"""A screen has its size classes before it is first styled.

Textual adds the breakpoint classes (``-w-full``, ``-h-compact``, ...) on the
screen's first Resize, after every widget in it was styled: each class then
restyled the whole screen once more before the first frame. The screens give
themselves the same classes when they are built (``CoachScreen.__init__``), so
that Resize changes nothing; a later resize still sets them.
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
