"""Snapshots of break mode's waiting screen, waiting and due, at 80x24 and 40x12.

Built with make_break_app on fake clocks, so each picture is exactly
reproducible. Update with ``pytest tests/snapshot/test_breaks_snapshots.py
--snapshot-update`` after looking at the new pictures.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from breaks_support import Machine, Recorded, build, short_timeline
from textual.pilot import Pilot

from hamstring_coach.tui.screens.break_wait import BreakScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((40, 12), id="40x12")]
SnapCompare = Callable[..., bool]


def after(machine: Machine, seconds: float, *keys: str) -> Callable[[Pilot[Any]], Any]:
    """A run_before that lets ``seconds`` pass, wakes the screen and presses keys."""

    async def before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        machine.advance(seconds)
        screen = pilot.app.screen
        assert isinstance(screen, BreakScreen)
        screen.tick()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return before


@pytest.mark.parametrize("size", SIZES)
def test_waiting(snap_compare: SnapCompare, tmp_path: Path, size: tuple[int, int]) -> None:
    machine = Machine()
    app = build(short_timeline(tmp_path), machine, Recorded())
    assert snap_compare(app, terminal_size=size, run_before=after(machine, 12 * 60 + 5))


@pytest.mark.parametrize("size", SIZES)
def test_due_after_a_snooze(snap_compare: SnapCompare, tmp_path: Path,
                            size: tuple[int, int]) -> None:
    machine = Machine()
    app = build(short_timeline(tmp_path), machine, Recorded(), max_snoozes=2)

    async def before(pilot: Pilot[Any]) -> None:
        await after(machine, 45 * 60, "s")(pilot)
        await after(machine, 5 * 60 + 61)(pilot)

    assert snap_compare(app, terminal_size=size, run_before=before)
