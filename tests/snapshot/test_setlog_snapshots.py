"""Snapshots of the rest prompt with values typed in, and of last time's figures, at
80x24 and 40x12 (the real history on a fake clock). Update with
``pytest tests/snapshot/test_setlog_snapshots.py --snapshot-update`` after looking.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from setlog_support import FIRST_REST, LOG_SESSION, history_rig
from test_tui_snapshots import SIZES, SnapCompare
from textual.pilot import Pilot
from tui_support import footer_ready, write_session


@pytest.fixture
def session_file(tmp_path: Path) -> str:
    return str(write_session(tmp_path, "log-test.yaml", LOG_SESSION))


@pytest.mark.parametrize("size", SIZES)
def test_rest_prompt_typed(snap_compare: SnapCompare, session_file: str, tmp_path: Path,
                           size: tuple[int, int]) -> None:
    r = history_rig(session_file, tmp_path / "e.jsonl")

    async def before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await footer_ready(pilot)
        r.move(FIRST_REST + 7)
        await pilot.press("9", "tab", "4", "2", "full_stop", "5", "tab")
        await pilot.pause()

    assert snap_compare(r.app, terminal_size=size, run_before=before)
