"""Valid files never crash: sessions that end within the first frames run to the summary,
and a session with nothing to time or wait for is refused at load.

The apps here run under Pilot on a clock that jumps at every reading (what
``--speed 1000`` does to a short session: it is over before the first frame
is drawn) and on the real clock sped up 1000 times.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static
from tui_support import RecordingPlayer, write_session

from hamstring_coach.cli import main
from hamstring_coach.format.errors import SessionFileError
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.run.library import load
from hamstring_coach.run.session_run import StartRequest
from hamstring_coach.tui.app import AppConfig
from hamstring_coach.tui.factory import make_app, null_recorder
from hamstring_coach.tui.screens.summary import SummaryScreen

ONE_SECOND = "name: One second\nsteps:\n  - rest: 1\n"
TINY_HOLD = "name: Tiny\nsteps:\n  - exercise: Heel press\n    hold: 0.1\n    prepare: 0\n"


class JumpingClock:
    """A fake clock that moves on ``step`` seconds every time it is read."""

    def __init__(self, step: float) -> None:
        self.now = 1000.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.mark.parametrize("text", [ONE_SECOND, TINY_HOLD], ids=["1s-rest", "0.1s-hold"])
@pytest.mark.parametrize("clock", ["jumping", "speed-1000"])
async def test_a_session_over_before_its_first_frame_reaches_the_summary(
        tmp_path: Path, text: str, clock: str) -> None:
    path = write_session(tmp_path, "short.yaml", text)
    timeline = compile_session(load(str(path)))
    config = AppConfig(player=RecordingPlayer(), recorder_factory=null_recorder,
                       sleep_watch=False, speed=1000.0,
                       clock=JumpingClock(5.0) if clock == "jumping" else None)
    app = make_app(config, StartRequest(timeline, str(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if isinstance(app.screen, SummaryScreen):
                break
        assert isinstance(app.screen, SummaryScreen), type(app.screen)
        assert str(app.screen.query_one("#heading", Static).content) == "Session complete"
        await pilot.press("enter")
        await pilot.pause()
    assert app.crash is None
    assert app.return_code == 0 or app.exit_status() == 0


@pytest.mark.parametrize("text", [
    "name: Z\nsteps:\n  - rest: 0\n",
    "name: Z\nsteps:\n  - rest: 0\n  - rest: 0\n",
    "name: Z\nsteps:\n  - exercise: X\n    hold: 0\n    prepare: 0\n",
    "name: Z\nsteps:\n  - cue: Ready\n    duration: 0\n  - rest: 0\n",
], ids=["rest-0", "two-rests-0", "hold-0", "cue-0"])
def test_a_session_with_nothing_to_time_or_wait_for_is_refused_with_its_place(
        tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_session(tmp_path, "empty.yaml", text)
    with pytest.raises(SessionFileError):
        load(str(path))
    assert main(["run", str(path), "--no-sound"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"hamstring-coach run: {path}:3:3: steps: nothing to time and nothing to wait for")


@pytest.mark.parametrize("text", [
    "name: Z\nsteps:\n  - cue: Read this, then press Space\n",
    "name: Z\nsteps:\n  - exercise: X\n    reps: 5\n    prepare: 0\n",
], ids=["untimed-cue", "own-pace-reps"])
def test_a_session_that_only_waits_for_the_user_is_valid(tmp_path: Path, text: str) -> None:
    path = write_session(tmp_path, "waits.yaml", text)
    assert compile_session(load(str(path))).waits == 1
