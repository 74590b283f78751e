"""The rest prompt, under the Pilot on a fake clock, with the real SQLite history.

Typing in the rest after a set stores what was done and never moves the
clock: the engine's events (the ``--events`` file) are the same as in a run
where nothing was typed.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from setlog_support import FIRST_REST, LOG_SESSION, history_rig
from tui_support import Rig, write_session

from hamstring_coach.system.paths import history_file
from hamstring_coach.tui.screens.confirm import ConfirmScreen
from hamstring_coach.tui.screens.summary import SummaryScreen

SIZE = (80, 24)



@pytest.fixture
def session_file(tmp_path: Path) -> str:
    return str(write_session(tmp_path, "log-test.yaml", LOG_SESSION))


def sets_in_history() -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(history_file())
    try:
        return conn.execute("SELECT exercise, set_no, reps, reps_done, load, load_done, rir, "
                            "pain FROM sets ORDER BY id").fetchall()
    finally:
        conn.close()


async def run_through(r: Rig, pilot: Any, typing: dict[int, tuple[str, ...]],
                      quit_at: int | None = None) -> None:
    """Run the whole session; ``typing[n]`` are the keys pressed in the n-th rest."""
    await pilot.pause()
    r.move(FIRST_REST)
    for rest in (1, 2):  # the two RDL rests, then set 3
        await pilot.press(*typing.get(rest, ()))
        if quit_at == rest:
            return
        r.move(10.0)
        await pilot.pause()
        r.move(20.0)
        r.move(6.0)
    r.move(5.0)  # prepare the curl
    await pilot.press("enter")  # the self-paced set 1 is done
    await pilot.press(*typing.get(3, ()))
    r.move(20.0)
    await pilot.press("enter")  # set 2 done: the end
    await pilot.pause()


def events_of(path: Path) -> list[dict[str, Any]]:
    """The engine's events on its clock (without the real clock reading the log adds)."""
    events = [json.loads(line) for line in path.read_text().splitlines()]
    for event in events:
        event.pop("monotonic", None)
    return events


async def test_typing_in_rests_leaves_every_event_on_schedule(session_file: str,
                                                              tmp_path: Path) -> None:
    quiet = history_rig(session_file, tmp_path / "quiet.jsonl")
    async with quiet.app.run_test(size=SIZE) as pilot:
        await run_through(quiet, pilot, {})
        assert isinstance(quiet.app.screen, SummaryScreen)
    typed = history_rig(session_file, tmp_path / "typed.jsonl")
    async with typed.app.run_test(size=SIZE) as pilot:
        await run_through(typed, pilot, {
            1: ("9", "tab", "4", "2", "full_stop", "5", "tab", "2", "enter"),
            2: ("1", "tab", "backspace", "tab", "3"),  # not saved: stored when the rest ends
            3: ("4", "tab", "tab", "6", "enter"),
        })
        assert isinstance(typed.app.screen, SummaryScreen)
    assert events_of(tmp_path / "typed.jsonl") == events_of(tmp_path / "quiet.jsonl")
    rests = [e for e in events_of(tmp_path / "typed.jsonl")
             if e["event"] == "PhaseEnded" and e["phase"]["kind"] == "rest"]
    assert [(e["at"], e["scheduled"], e["skipped"]) for e in rests][:2] == [
        (1000.0 + 41, 1000.0 + 41, False), (1000.0 + 77, 1000.0 + 77, False)]
    quiet_rows, typed_rows = sets_in_history()[:5], sets_in_history()[5:]
    assert [row[3:] for row in quiet_rows] == [(None, "40 kg", None, None, None)] * 3 + [
        (None, None, None, None, None)] * 2
    assert typed_rows == [
        ("Romanian deadlift", 1, 2, 9, "40 kg", "42.5 kg", 2, None),
        ("Romanian deadlift", 2, 2, 1, "40 kg", None, 3, None),  # stored as the rest ended
        ("Romanian deadlift", 3, 2, None, "40 kg", None, None, None),  # the summary's to enter
        ("Nordic curl", 1, 5, 4, None, None, None, 6),  # self-paced: reps asked; pain asked
        ("Nordic curl", 2, 5, None, None, None, None, None),
    ]


async def test_skipping_the_prompt_records_the_plan(session_file: str, tmp_path: Path) -> None:
    r = history_rig(session_file, tmp_path / "e.jsonl")
    async with r.app.run_test(size=SIZE) as pilot:
        await run_through(r, pilot, {})
        await pilot.press("enter")  # leave the summary
    assert sets_in_history() == [
        ("Romanian deadlift", 1, 2, None, "40 kg", None, None, None),
        ("Romanian deadlift", 2, 2, None, "40 kg", None, None, None),
        ("Romanian deadlift", 3, 2, None, "40 kg", None, None, None),
        ("Nordic curl", 1, 5, None, None, None, None, None),
        ("Nordic curl", 2, 5, None, None, None, None, None),
    ]


async def test_a_quit_while_typing_keeps_what_was_saved(session_file: str,
                                                        tmp_path: Path) -> None:
    r = history_rig(session_file, tmp_path / "e.jsonl")
    async with r.app.run_test(size=SIZE) as pilot:
        await run_through(r, pilot, {1: ("8", "enter", "tab", "tab", "1")}, quit_at=1)
        assert "✓ saved" not in r.text("#log")
        await pilot.press("q")
        assert isinstance(r.app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    rows = sets_in_history()
    assert rows == [("Romanian deadlift", 1, 2, 8, "40 kg", None, None, None)]


async def test_the_summary_enters_the_last_sets_and_corrects_any(session_file: str,
                                                                 tmp_path: Path) -> None:
    r = history_rig(session_file, tmp_path / "e.jsonl")
    async with r.app.run_test(size=SIZE) as pilot:
        await run_through(r, pilot, {1: ("9", "enter")})
        screen = r.app.screen
        assert isinstance(screen, SummaryScreen)
        lines = r.text("#setlog").splitlines()
        assert [line.split()[:3] for line in lines] == [
            ["Romanian", "deadlift", "1/3"], ["2/3", "reps", "2"], ["▸", "3/3", "reps"],
            ["Nordic", "curl", "1/2"], ["2/2", "reps", "5"]]
        assert lines[0].endswith("reps 9 · kg 40 · RIR –")  # saved in the rest
        assert lines[2].endswith("← enter") and lines[4].endswith("← enter")
        await pilot.press("7", "tab", "tab", "1", "enter")  # the last RDL set
        assert "reps 7 · kg 40 · RIR  1  ✓ saved" in r.text("#setlog").splitlines()[2]
        await pilot.press("up", "up", "backspace", "8", "enter")  # correct set 1: 9 -> 8
        await pilot.press("down", "down", "down", "down", "3", "tab", "tab", "tab", "5")
        assert "Enter save · Esc drop" in r.text("#setlog-keys")
        await pilot.press("escape")  # drops the typing, stays on the summary
        assert isinstance(r.app.screen, SummaryScreen)
        await pilot.press("3", "enter")
        await pilot.press("enter")  # nothing typed: done
        await pilot.pause()
    rows = sets_in_history()
    assert [row[3:] for row in rows] == [
        (8, "40 kg", None, None, None), (None, "40 kg", None, None, None),
        (7, "40 kg", None, 1, None), (None, None, None, None, None),
        (3, None, None, None, None)]


async def test_a_set_shows_what_was_done_last_time(session_file: str, tmp_path: Path) -> None:
    first = history_rig(session_file, tmp_path / "1.jsonl")
    async with first.app.run_test(size=SIZE) as pilot:
        await run_through(first, pilot, {1: ("9", "tab", "4", "5", "tab", "2", "enter")})
        await pilot.press("enter")
    second = history_rig(session_file, tmp_path / "2.jsonl")
    async with second.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        second.move(1.0)
        assert second.text("#log") == "last: 9 @ 45 kg, 2 in reserve"  # getting ready
        second.move(5.0)
        assert second.text("#log") == "last: 9 @ 45 kg, 2 in reserve"  # set 1 itself
        second.move(5.0 + 30.0 + 1.0)
        assert second.text("#log") == "last: 2 @ 40 kg"  # set 2: as planned
        second.move(5.0 + 30.0 + 5.0 + 5.0)
        assert second.text("#log") == "last: 5 reps"  # the self-paced curl


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_the_prompt_fits_the_screen(session_file: str, tmp_path: Path,
                                          size: tuple[int, int]) -> None:
    r = history_rig(session_file, tmp_path / "e.jsonl")
    async with r.app.run_test(size=size) as pilot:
        await pilot.pause()
        r.move(FIRST_REST)
        await pilot.pause()
        shown = r.text("#log")
        await pilot.press("1", "2")
        typed = r.text("#log")
        line = r.app.screen.query_one("#log")
        assert line.region.width <= size[0] and line.region.height == 1
    if size[0] >= 60:
        assert shown == "Set 1/3 done  reps  2 · kg 40 · RIR –   digits · Tab"
        assert typed == "Set 1/3 done  reps 12 · kg 40 · RIR –   Tab next · Enter save"
    else:
        assert shown == "Set 1/3  reps 2 kg 40 RIR –"
        assert typed == "Set 1/3  reps 12 kg 40 RIR –"
