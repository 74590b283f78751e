"""End to end in tmux (80x24): a superset on the real screen, and ``today`` for a fixed file.

The installed ``hamstring-coach`` in a real terminal, read back with
``tmux capture-pane`` (the server is our own, on its own socket).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from test_e2e_tmux import COMMAND, exited, terminal_restored
from tmux_driver import Tmux

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

SUPERSET = """\
name: Pair in tmux
defaults: {prepare: 3, countdown: 0}
steps:
  - superset:
      rounds: 3
      rest: 6
      between: 6
      exercises:
        - exercise: Romanian deadlift
          function: hip-extension
          reps: 2
          tempo: "1-0-1-0"
        - exercise: Ball curl
          function: knee-flexion
          hold: 3
"""
PROGRAMME = """\
name: Fixed plan
start: 2026-12-07
weeks: 12
days:
  mon: tone
  thu: strengthen-lengthen
deload: [4, 8, 12]
"""




def test_a_superset_shows_the_round_and_the_next_exercise_between(
        term: Tmux, tmp_path: Path) -> None:
    session = tmp_path / "pair.yaml"
    session.write_text(SUPERSET, encoding="utf-8")
    term.type_line(f"{COMMAND} run {session} --speed 3 --no-sound; echo EXIT=$?")
    between = term.wait_for(lambda s: "N E X T   E X E R C I S E" in s and "Ball curl" in s)
    assert "Round 1/3" in between
    assert "3 s hold" in between  # what the next exercise asks
    second = term.wait_for(lambda s: "Round 2/3" in s and "Romanian deadlift" in s)
    assert "Rep " in second  # the hinge's tempo reps, round 2
    again = term.wait_for(lambda s: "N E X T   E X E R C I S E" in s and "Round 2/3" in s)
    assert "Ball curl" in again
    term.wait_for(lambda s: "Round 3/3" in s)
    summary = term.wait_for(lambda s: "Session complete" in s, timeout=40)
    # the summary groups the superset's sets by exercise: 3 of each
    # (the table's rows: name, sets done, skipped; the set list below has a row per set)
    rows = [line.split() for line in summary.splitlines()
            if ("Romanian deadlift" in line or "Ball curl" in line)
            and line.split()[-1].isdigit()]
    assert [row[-2:] for row in rows] == [["3/3", "0"], ["3/3", "0"]], summary
    term.keys("Enter")
    assert "EXIT=0" in term.wait_for(exited)
    terminal_restored(term)
    with sqlite3.connect(tmp_path / "data" / "history.sqlite3") as conn:
        sets = conn.execute("SELECT exercise, COUNT(*) FROM sets GROUP BY step_index "
                            "ORDER BY step_index").fetchall()
    assert sets == [("Romanian deadlift", 3), ("Ball curl", 3)]


def test_today_names_the_session_and_the_week(term: Tmux, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PROGRAMME, encoding="utf-8")
    term.type_line(f"{COMMAND} today {plan} --date 2026-12-31; echo EXIT=$?")
    screen = term.wait_for(exited)
    assert "Fixed plan · week 4 of 12 (deload) · Thu 2026-12-31" in screen
    assert "A deload week: half the sets, and no progression." in screen
    assert "to do   strengthen-lengthen" in screen
    assert "missed  Mon 28  tone" in screen
    assert "EXIT=0" in screen
    term.type_line("clear")
    term.type_line(f"{COMMAND} today {plan} --date 2026-12-08; echo EXIT=$?")
    screen = term.wait_for(lambda s: "EXIT=" in s and "week 1 of 12" in s)
    assert "Fixed plan · week 1 of 12 · Tue 2026-12-08" in screen
    assert "Nothing due today: a rest day." in screen
