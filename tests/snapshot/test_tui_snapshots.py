"""Snapshots of every screen at 80x24 and 40x12 (pytest-textual-snapshot).

The app comes from ``make_app`` on a fake clock, so each picture is exactly
reproducible. Update with ``pytest tests/snapshot/test_tui_snapshots.py --snapshot-update``
after looking at the new pictures (``snapshot_report.html``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from tui_support import TEST_SESSION, Rig, footer_ready, rig, write_session

from hamstring_coach.system import paths

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((40, 12), id="40x12")]
SnapCompare = Callable[..., bool]


@pytest.fixture
def session_file(tmp_path: Path) -> str:
    return str(write_session(tmp_path))


def at(r: Rig, seconds: float, *keys: str) -> Callable[[Pilot[Any]], Any]:
    """A run_before that moves the fake clock and presses keys."""

    async def before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await footer_ready(pilot)
        r.move(seconds)
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return before


@pytest.mark.parametrize("size", SIZES)
def test_picker(snap_compare: SnapCompare, size: tuple[int, int]) -> None:
    write_session(paths.user_sessions_dir(), "my-session.yaml")
    write_session(paths.user_sessions_dir(), "broken.yaml", "name: Broken\nsteps: []\n")
    r = rig()
    assert snap_compare(r.app, terminal_size=size, run_before=steady_cursor, press=["down"])


async def steady_cursor(pilot: Pilot[Any]) -> None:
    """The filter's cursor stays on: its 0.5 s blink would put it in the picture or not
    depending on how busy the machine is (a snapshot that failed under load)."""
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


@pytest.mark.parametrize("size", SIZES)
def test_session_hold(snap_compare: SnapCompare, session_file: str,
                      size: tuple[int, int]) -> None:
    r = rig(session_file, start_index=2)
    assert snap_compare(r.app, terminal_size=size, run_before=at(r, 7.3))


@pytest.mark.parametrize("size", SIZES)
def test_session_halfway(snap_compare: SnapCompare, tmp_path: Path,
                         size: tuple[int, int]) -> None:
    """The 20 s holds marked half-way (``halfway: 20``), just past it: the mark and the notice."""
    text = TEST_SESSION.replace("side_switch: 5}", "side_switch: 5, halfway: 20}")
    assert text != TEST_SESSION
    r = rig(str(write_session(tmp_path, text=text)), start_index=2)
    assert snap_compare(r.app, terminal_size=size, run_before=at(r, 10.4))


@pytest.mark.parametrize("size", SIZES)
def test_session_tempo_rep(snap_compare: SnapCompare, session_file: str,
                           size: tuple[int, int]) -> None:
    r = rig(session_file, start_index=13)  # rep 2, lowering
    assert snap_compare(r.app, terminal_size=size, run_before=at(r, 1.6))


@pytest.mark.parametrize("size", SIZES)
def test_session_rest(snap_compare: SnapCompare, session_file: str,
                      size: tuple[int, int]) -> None:
    r = rig(session_file, start_index=5)
    assert snap_compare(r.app, terminal_size=size, run_before=at(r, 3.5))


@pytest.mark.parametrize("size", SIZES)
def test_session_paused(snap_compare: SnapCompare, session_file: str,
                        size: tuple[int, int]) -> None:
    r = rig(session_file, start_index=6)
    assert snap_compare(r.app, terminal_size=size, run_before=at(r, 11.0, "space"))


@pytest.mark.parametrize("size", SIZES)
def test_session_wait(snap_compare: SnapCompare, session_file: str,
                      size: tuple[int, int]) -> None:
    r = rig(session_file)
    assert snap_compare(r.app, terminal_size=size, run_before=at(r, 4.0))


@pytest.mark.parametrize("size", SIZES)
def test_session_resumed(snap_compare: SnapCompare, session_file: str,
                         size: tuple[int, int]) -> None:
    """A resumed run opens with a get-ready saying where it picks up (issue 16)."""
    r = rig(session_file, start_index=6, resumed_from=1)  # set 2, left: after the rest
    assert snap_compare(r.app, terminal_size=size, run_before=at(r, 1.3))


@pytest.mark.parametrize("size", SIZES)
def test_quit_dialog(snap_compare: SnapCompare, session_file: str,
                     size: tuple[int, int]) -> None:
    r = rig(session_file, start_index=2)
    assert snap_compare(r.app, terminal_size=size, run_before=at(r, 3.0, "q"))


@pytest.mark.parametrize("size", SIZES)
def test_summary(snap_compare: SnapCompare, session_file: str,
                 size: tuple[int, int]) -> None:
    r = rig(session_file, start_index=1)

    async def before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await footer_ready(pilot)
        r.move(52.0)  # set 1 done, into the rest
        await pilot.press("space")
        r.move(20.0)  # paused 20 s
        await pilot.press("space", "x")  # resume, skip the rest of Heel press
        r.move(20.0)  # the curl to the end
        await pilot.pause()

    assert snap_compare(r.app, terminal_size=size, run_before=before)


def test_too_small(snap_compare: SnapCompare, session_file: str) -> None:
    r = rig(session_file, start_index=2)
    assert snap_compare(r.app, terminal_size=(36, 10), run_before=at(r, 1.0))
