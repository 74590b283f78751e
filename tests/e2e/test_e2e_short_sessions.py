"""End to end, the installed command in tmux: sessions over within the first frames.

``--speed 1000`` and a 1 s session end before the screen has finished
coming up; they reach the summary, exit 0 and give the terminal back.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_e2e_tmux import COMMAND, exited, terminal_restored
from tmux_driver import Tmux

pytestmark = [pytest.mark.slow]

SESSIONS = {
    "one-second": "name: One second\nsteps:\n  - rest: 1\n",
    "tiny-hold": "name: Tiny\nsteps:\n  - exercise: Heel press\n    hold: 0.1\n    prepare: 0\n",
}




@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
@pytest.mark.parametrize("case", [
    ("activation", "--speed 1000"),
    ("one-second", ""),
    ("one-second", "--speed 1000"),
    ("tiny-hold", "--speed 1000"),
], ids=["activation-x1000", "1s", "1s-x1000", "0.1s-x1000"])
def test_a_session_over_within_the_first_frames_reaches_the_summary(
        term: Tmux, tmp_path: Path, case: tuple[str, str], size: tuple[int, int]) -> None:
    name, options = case
    term.tmux("resize-window", "-t", "e2e", "-x", str(size[0]), "-y", str(size[1]))
    spec = name
    if name in SESSIONS:
        spec = str(tmp_path / f"{name}.yaml")
        Path(spec).write_text(SESSIONS[name])
    term.type_line(f"{COMMAND} run {spec} {options} --no-sound; echo EXIT=$?")
    summary = term.wait_for(lambda s: "complete" in s or exited(s), timeout=30)
    assert not exited(summary), summary
    assert "Session" in summary
    term.keys("Enter")
    after = term.wait_for(exited)
    assert "EXIT=0" in after, after
    terminal_restored(term)
