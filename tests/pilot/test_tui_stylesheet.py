"""The app parses its stylesheets once: no screen makes Textual parse them all again.

A screen with a stylesheet the app has not read (its ``CSS_PATH``) makes
Textual re-parse every stylesheet from scratch (``Stylesheet.reparse``, no
cache) and restyle every node, the first time it is shown: it cost the
session screen before its first frame and the summary at the end of each
run. The app reads every screen's stylesheet with its own (``CoachApp.CSS_PATH``).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path, PurePath

import pytest
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from tui_support import rig, write_session

from hamstring_coach.tui import screens
from hamstring_coach.tui.app import CoachApp
from hamstring_coach.tui.screens.summary import SummaryScreen

HOLD = "name: Short\nsteps:\n  - exercise: Heel press\n    hold: 3\n    prepare: 0\n"


@pytest.fixture
def reparses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts every full re-parse of a stylesheet (Textual's ``Stylesheet.reparse``)."""
    calls: list[int] = []
    original = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        calls.append(1)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    return calls


async def test_a_run_from_its_countdown_to_its_summary_parses_no_stylesheet_again(
        tmp_path: Path, reparses: list[int]) -> None:
    r = rig(str(write_session(tmp_path, "short.yaml", HOLD)))
    # a run reads only the stylesheets of what it shows: its session and summary
    assert [Path(p).name for p in r.app.css_path] == ["app.tcss", "session.tcss", "summary.tcss"]
    async with r.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        r.move(3.5)
        for _ in range(50):  # hang guard: the summary follows at once
            if isinstance(r.app.screen, SummaryScreen):
                break
            await pilot.pause()
        assert isinstance(r.app.screen, SummaryScreen)
        await pilot.pause()
    assert reparses == []


async def test_the_picker_parses_no_stylesheet_again(reparses: list[int]) -> None:
    r = rig()
    assert {Path(p) for p in r.app.css_path} == {Path(p) for p in CoachApp.CSS_PATH}
    async with r.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(r.app.screen).__name__ == "PickerScreen"
    assert reparses == []


def test_every_screen_stylesheet_is_read_with_the_apps() -> None:
    named: set[Path] = set()
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.__name__ and cls.CSS_PATH:
                assert isinstance(cls.CSS_PATH, PurePath), cls  # one file per screen
                named.add(Path(cls.CSS_PATH))
    assert len(named) >= 4  # session, summary, picker, break mode's waiting screen
    assert named <= {Path(p) for p in CoachApp.CSS_PATH}
