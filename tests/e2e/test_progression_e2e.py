"""End to end: a month of training in a hand-written log, then the next session.

The installed command in tmux (80x24): ``history import`` reads a plain CSV
log of three runs (COACHING.md section 1), ``show`` prints the next
prescription and why, ``run`` runs it (the set count and the reps on screen)
and the summary names the one after.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from test_e2e_tmux import COMMAND, exited, terminal_restored
from tmux_driver import Tmux

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

SESSION = """\
name: Legs
steps:
  - use: romanian-deadlift
    sets: 3
    reps: 8-12
    load: 40 kg
    tempo: 1-0-1-0
    rest: 4
    prepare: 3
    progress: {load: +2.5 kg}
  - use: prone-heel-press
    sets: 1
    hold: 5
    prepare: 2
    side_switch: 2
    progress: {hold: +5s, up_to: 15s}
"""
# Three runs as someone keeps them in a spreadsheet: the first reaches 8 everywhere, the
# second stalls on its last set, the third reaches 9 everywhere with 2 reps in reserve.
LOG = """\
started_at,session,exercise,set,side,reps_done,load_done,rir,pain,note
2026-11-10T18:00:00+01:00,legs,Romanian deadlift,1,,8,40 kg,,,
2026-11-10T18:00:00+01:00,legs,Romanian deadlift,2,,8,40 kg,,,
2026-11-10T18:00:00+01:00,legs,Romanian deadlift,3,,8,40 kg,2,,
2026-11-10T18:00:00+01:00,legs,Prone heel press,1,left,,,,,
2026-11-10T18:00:00+01:00,legs,Prone heel press,1,right,,,,,
2026-11-13T18:00:00+01:00,legs,Romanian deadlift,1,,9,,,,
2026-11-13T18:00:00+01:00,legs,Romanian deadlift,2,,9,,,,
2026-11-13T18:00:00+01:00,legs,Romanian deadlift,3,,7,,1,,grip went
2026-11-17T18:00:00+01:00,legs,Romanian deadlift,1,,9,,,,
2026-11-17T18:00:00+01:00,legs,Romanian deadlift,2,,9,,,,
2026-11-17T18:00:00+01:00,legs,Romanian deadlift,3,,9,,2,,
2026-11-17T18:00:00+01:00,legs,Prone heel press,1,left,,,,,
2026-11-17T18:00:00+01:00,legs,Prone heel press,1,right,,,,,
"""




def command(term: Tmux, line: str, tag: str) -> str:
    """Run one command line on a cleared screen; the screen once its status is printed."""
    term.type_line(f"clear; {COMMAND} {line}; echo {tag}=$?")
    status = re.compile(rf"^{tag}=\d+", re.MULTILINE)
    return term.wait_for(lambda s: status.search(s) is not None)


def test_a_logged_month_gives_the_next_session_and_the_summary_the_one_after(
        term: Tmux, tmp_path: Path) -> None:
    sessions = tmp_path / "config" / "sessions"
    sessions.mkdir(parents=True)
    (sessions / "legs.yaml").write_text(SESSION, encoding="utf-8")
    (tmp_path / "log.csv").write_text(LOG, encoding="utf-8")

    imported = command(term, f"history import {tmp_path / 'log.csv'}", "IMPORTED")
    assert "Imported 3 runs (13 sets)" in imported and "IMPORTED=0" in imported

    shown = command(term, "show legs", "SHOWN")
    assert "Romanian deadlift (40 kg) — 3 × 8–12 @ 1-0-1-0" in shown
    assert "next: 3 × 10 @ 40 kg: all 3 sets reached 9, last set 2 in reserve" in shown
    assert "next: hold 15 s: both sides held 10 s" in shown  # 5 -> 10 -> 15 (up_to)
    assert "Next time " in shown and "SHOWN=0" in shown
    term.type_line("clear")

    term.type_line(f"{COMMAND} run legs --speed 4 --no-sound; echo EXIT=$?")
    rep = term.wait_for(lambda s: "Set 1/3 · Rep 2 of 10, range 8–12" in s)
    assert "Romanian deadlift · 40 kg" in rep
    term.wait_for(lambda s: "Set 3/3 · Rep 10 of 10, range 8–12" in s, timeout=40)
    hold = term.wait_for(lambda s: "H O L D" in s, timeout=20)
    assert "Prone heel press" in hold
    summary = term.wait_for(lambda s: "Session complete" in s and "Next time" in s, timeout=40)
    assert "Romanian deadlift" in summary and "3/3" in summary
    assert "Romanian deadlift: 3 × 11 @ 40 kg: all 3 sets reached 10" in summary
    assert "Prone heel press: at the top (hold 15 s): both sides held 15 s" in summary
    term.keys("Enter")
    after = term.wait_for(exited)
    assert "EXIT=0" in after
    terminal_restored(term)

    again = command(term, "show legs", "AGAIN")
    assert "next: 3 × 11 @ 40 kg: all 3 sets reached 10" in again


def test_the_screen_at_40_columns_keeps_the_range_readable(term: Tmux, tmp_path: Path) -> None:
    sessions = tmp_path / "config" / "sessions"
    sessions.mkdir(parents=True)
    (sessions / "legs.yaml").write_text(textwrap.dedent(SESSION), encoding="utf-8")
    term.tmux("resize-window", "-t", "e2e", "-x", "40", "-y", "12")
    term.type_line(f"{COMMAND} run legs --speed 2 --no-sound; echo EXIT=$?")
    # Narrow: the short form of the position, so the exercise keeps its name.
    screen = term.wait_for(lambda s: "Set 1/3 · Rep 2/8 (8–12)" in s)
    assert "Romanian dead" in screen
    term.keys("C-c")
    assert "EXIT=130" in term.wait_for(exited)
    terminal_restored(term)
