"""The app with the REAL player on its fallbacks (``--audio silent`` / ``bell``).

With no sound device the player flashes the banner instead, calling the app
from its own thread. These run the real app with the real
``open_player(backend=...)`` through a whole session to the summary, and
through a quit, and check the app ends cleanly with the banner's colour back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.color import Color
from textual.pilot import Pilot
from tui_support import Rig, rig, write_session

from hamstring_coach.audio import open_player
from hamstring_coach.plan.timeline import Sound
from hamstring_coach.run.ports import Player
from hamstring_coach.tui.app import VisualCue
from hamstring_coach.tui.kinds import FLASH_COLOUR
from hamstring_coach.tui.screens.confirm import ConfirmScreen
from hamstring_coach.tui.screens.session import FLASH_SECONDS, SessionScreen
from hamstring_coach.tui.screens.summary import SummaryScreen
from hamstring_coach.tui.widgets.banner import PhaseBanner

SIZE = (80, 24)


@pytest.fixture(params=["silent", "bell"])
def player(request: pytest.FixtureRequest) -> Iterator[Player]:
    real = open_player(backend=request.param)
    yield real
    real.close()


@pytest.fixture
def flashes(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every flash on/off the banner receives (the real method still runs)."""
    seen: list[bool] = []
    original = PhaseBanner.flash

    def flash(self: PhaseBanner, on: bool) -> None:
        seen.append(on)
        original(self, on)

    monkeypatch.setattr(PhaseBanner, "flash", flash)
    return seen


async def settle(r: Rig, pilot: Pilot[object], flashes: list[bool]) -> None:
    """Move the app's clock on a flash's length at a time until every flash started is off.

    A flash ends on the injected clock, not after real time; only the player's
    own thread, which asks for the flashes, is waited for (a few ms each).
    """
    for _ in range(40):
        await pilot.pause(0.01)
        if flashes and flashes.count(True) == flashes.count(False):
            return
        if not isinstance(r.app.screen, SessionScreen):
            return  # a flash still on when the session screen went dies with it
        r.move(FLASH_SECONDS)


async def run_through(r: Rig, pilot: Pilot[object], flashes: list[bool]) -> None:
    """Enter past the opening cue, then a second at a time to the end.

    Half-way, the flashes must have been turned off again: the banner is
    back to its own colour.
    """
    await pilot.press("enter")
    for step in range(200):
        if not isinstance(r.app.screen, SessionScreen):
            return
        r.move(1.0)
        await pilot.pause(0.01)
        if step == 30:
            await settle(r, pilot, flashes)
            assert flashes.count(True) == flashes.count(False) > 0
            banner = r.app.screen.query_one(PhaseBanner)
            assert banner.styles.background != Color.parse(FLASH_COLOUR)


async def test_a_whole_session_with_the_real_fallback_player_ends_on_the_summary(
        tmp_path: Path, player: Player, flashes: list[bool]) -> None:
    r = rig(str(write_session(tmp_path)), player=player)
    async with r.app.run_test(size=SIZE) as pilot:
        await run_through(r, pilot, flashes)
        assert isinstance(r.app.screen, SummaryScreen)
        await settle(r, pilot, flashes)
        await pilot.press("q")
        await pilot.pause()
    assert r.app.crash is None
    assert r.app.return_value == 0
    assert flashes.count(True) >= 5  # the session's sounds were shown
    # (a flash still on when the session screen went away dies with it, harmlessly)


async def test_quit_mid_session_with_the_real_fallback_player_exits_cleanly(
        tmp_path: Path, player: Player, flashes: list[bool]) -> None:
    r = rig(str(write_session(tmp_path)), player=player)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        for _ in range(6):  # into the first hold: the countdown ticks and GO flash
            r.move(1.0)
            await pilot.pause(0.01)
        await settle(r, pilot, flashes)
        banner = r.app.screen.query_one(PhaseBanner)
        assert flashes and flashes[-1] is False
        assert banner.styles.background != Color.parse(FLASH_COLOUR)  # its colour is back
        # A flash still on when the screen goes must not break the exit either.
        r.app.post_message(VisualCue(Sound.DONE))
        await pilot.pause()
        await pilot.press("q")
        assert isinstance(r.app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert r.app.crash is None
    assert r.recorder.status == "quit"
