"""Progression in the real app (Pilot, fake clock, the real SQLite history).

The session screen says "Rep 3 of 9, range 8–12"; the summary says what next
time will be; the picker's details pane says it before you start.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static
from tui_support import rig

from hamstring_coach.system import paths
from hamstring_coach.tui.screens.summary import SummaryScreen

SIZE = (80, 24)
TEXT = """\
name: Climb
steps:
  - use: romanian-deadlift
    sets: 2
    reps: 8-12
    load: 40 kg
    tempo: 1-0-1-0
    rest: 5
    prepare: 2
    progress: {load: +2.5 kg}
  - use: supine-hamstring-stretch
    sets: 1
"""


def write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "climb.yaml"
    path.write_text(TEXT, encoding="utf-8")
    return path


async def run_to_the_end(path: Path) -> str:
    """Run the session to its summary; the summary's "next time" text."""
    r = rig(str(path), history=True)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(40):  # big steps: the engine computes every phase passed over
            if isinstance(r.app.screen, SummaryScreen):
                break
            r.move(10.0)
            await pilot.pause()
        assert isinstance(r.app.screen, SummaryScreen)
        text = str(r.app.screen.query_one("#next-time", Static).content)
        await pilot.press("enter")
    return text


async def test_the_screen_shows_the_rep_of_the_target_and_the_range(tmp_path: Path) -> None:
    r = rig(str(write(tmp_path)))
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(2.0 + 2 * 2 + 0.5)  # prepare, two reps of 1 + 1 s: into rep 3
        await pilot.pause()
        assert r.text("#position") == "Set 1/2 · Rep 3 of 8, range 8–12"
        assert r.text("#exercise") == "Romanian deadlift · 40 kg"


async def test_the_summary_says_what_next_time_will_be_and_the_next_run_runs_it(
        tmp_path: Path) -> None:
    path = write(tmp_path)
    text = await run_to_the_end(path)
    assert text == "Next time\nRomanian deadlift: 2 × 9 @ 40 kg: all 2 sets reached 8"
    r = rig(str(path))
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(2.0 + 2 * 2 + 0.5)
        await pilot.pause()
        assert r.text("#position") == "Set 1/2 · Rep 3 of 9, range 8–12"


async def test_a_session_without_rules_says_nothing_about_next_time(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text("name: Plain\nsteps:\n  - use: supine-hamstring-stretch\n    sets: 1\n",
                    encoding="utf-8")
    r = rig(str(path), history=True)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(200.0)
        await pilot.pause()
        assert isinstance(r.app.screen, SummaryScreen)
        assert not r.app.screen.query_one("#next-time", Static).display


async def test_the_pickers_details_pane_says_what_next_time_will_be(tmp_path: Path) -> None:
    path = write(paths.user_sessions_dir())
    await run_to_the_end(path)
    r = rig()
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", "l", "i", "m", "b")
        await pilot.pause()
        details = r.text("#details")
        assert "Next time\nRomanian deadlift: 2 × 9 @ 40 kg: all 2 sets reached 8" in details


def test_the_position_of_a_rep_of_a_range_long_and_compact(tmp_path: Path) -> None:
    from hamstring_coach.format import load_session
    from hamstring_coach.plan.compiler import compile_session
    from hamstring_coach.plan.timeline import PhaseKind
    from hamstring_coach.tui.view import position_text

    timeline = compile_session(load_session(write(tmp_path)))
    rep = next(p for p in timeline.phases if p.kind is PhaseKind.LIFT
               and p.position.rep_no == 3 and p.position.set_no == 2)
    assert position_text(rep) == "Set 2/2 · Rep 3 of 8, range 8–12"
    assert position_text(rep, compact=True) == "Set 2/2 · Rep 3/8 (8–12)"
    plain = next(p for p in compile_session(load_session(write(tmp_path / "x"))).phases
                 if p.kind is PhaseKind.HOLD)
    assert position_text(plain) == position_text(plain, compact=True) == "Left side"
