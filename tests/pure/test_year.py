"""A year at a glance: the grid of days from the fixed history, and through the CLI."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from progress_example import FIXED_FIRST, FIXED_NOW, fixed_progress_example  # noqa: F401

from hamstring_coach.history.stats import read
from hamstring_coach.history.year import ASCII, grid


@pytest.mark.usefixtures("fixed_progress_example")
def test_each_session_day_is_marked_in_its_weekday_row() -> None:
    data, _ = read(None)
    lines = grid(data, FIXED_NOW.date(), weeks=8, marks=ASCII)
    assert lines[0] == "   O N    D"  # weeks from Mondays 19 Oct, 2 Nov, 7 Dec
    # Mondays: two empty weeks, then finished, finished, finished, quit, finished, finished
    assert lines[1] == "Mo ..###+##"
    assert lines[2] == "Tu ........"  # today (a Tuesday) is the last day shown
    # this week's days to come are blank
    assert lines[3:8] == [f"{day} ......." for day in ("We", "Th", "Fr", "Sa", "Su")]
    assert lines[8:] == ["# finished  + started  . none",
                         "5 days done in 8 weeks"]
    assert FIXED_FIRST.date() - timedelta(weeks=2) == FIXED_NOW.date() - timedelta(
        days=1, weeks=7)  # the window's first Monday, two weeks before the first session


def test_the_cli_prints_it_in_a_pipe() -> None:
    command = str(Path(sys.executable).with_name("hamstring-coach"))
    done = subprocess.run([command, "history", "--calendar"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("Mo ")
    assert len(done.stdout.splitlines()) == 10
