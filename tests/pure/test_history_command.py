"""The ``history`` command as a user runs it: the table, its text bars, errors."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from history_support import SESSION_WORKING_SETS, WallClock, events, feed, timeline

from hamstring_coach.cli import main
from hamstring_coach.history import open_recorder, record_break
from hamstring_coach.history.recorder import set_layout
from hamstring_coach.history.report import ASCII, break_lines, render, text_bar
from hamstring_coach.history.stats import read
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system.paths import history_file


def test_no_history_yet(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No sessions recorded yet") and str(history_file()) in out


def test_the_table_shows_recent_sessions_weeks_streak_and_breaks(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tl = timeline(tmp_path)
    now = datetime.now().astimezone()
    start = now - timedelta(seconds=30)  # the run's ~20 clock readings are 1 s apart
    if start.isocalendar()[:2] != now.isocalendar()[:2]:
        start = now  # just after midnight on a Monday: stay in this week
    rec = open_recorder(tl, session_spec="strength",
                        wall_clock=WallClock(start, timedelta(seconds=1)))
    feed(rec, tl)
    rec.close(status=RunStatus.FINISHED)
    quit_run = open_recorder(tl, session_spec="strength")
    feed(quit_run, tl, stop=set_layout(tl).first[3])
    quit_run.close(status=RunStatus.QUIT)
    assert record_break("taken", now) is None
    assert main(["history", "--weeks", "2"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "Recent sessions"
    newest, older = lines[2], lines[3]
    # quit during set 2's right side of the bridge: set 1 done, set 2 half done (not a set)
    assert "Strength" in newest and "quit" in newest and "1/5" in newest and "20%" in newest
    assert "finished" in older and f"{SESSION_WORKING_SETS}/{SESSION_WORKING_SETS}" in older
    assert "100%" in older
    # this week: 2 + 2 + 1 bridge/RDL hip-extension sets done, 2 + 1 knee-flexion
    [this_week] = [line for line in lines if line.startswith(f"  W{now.isocalendar()[1]:02d}")]
    assert "   5 low" in this_week and "   3 low" in this_week and "2 ok" in this_week
    assert "  1 skipped or part-done set (not counted above)." in lines
    assert "Streak: 1 week in a row" in out
    assert "Desk breaks today: 1 taken; this week: 1 taken." in out
    week = f"W{now.isocalendar()[1]:02d}"
    assert "Desk breaks taken per week: " in out and f"{week} 1." in out
    assert f"History file: {history_file()}" in out
    assert ("Unfinished: Strength (quit " in out
            and ", 1 of 5 sets); continue it with: hamstring-coach run --resume" in out)
    assert max(len(line) for line in lines
               if not line.startswith(("History file", "Unfinished"))) <= 80


def test_break_lines_fit_in_80_columns() -> None:
    assert break_lines({"taken": 1}, {"taken": 1}) == [
        "Desk breaks today: 1 taken; this week: 1 taken."]
    assert break_lines({}, {"taken": 2, "away": 1}) == [
        "Desk breaks today: none; this week: 2 taken, 1 away."]
    busy = {"taken": 12, "away": 1, "snoozed": 10, "skipped": 3}
    lines = break_lines(busy, busy)
    assert lines == ["Desk breaks today: 12 taken, 1 away, 10 snoozed, 3 skipped;",
                     "  this week: 12 taken, 1 away, 10 snoozed, 3 skipped."]
    assert max(map(len, lines)) <= 80


def test_text_bars_mark_ten_and_twenty_sets() -> None:
    assert text_bar(0, ASCII) == ".....|.....| "
    assert text_bar(3, ASCII) == "#:...|.....| "
    assert text_bar(10, ASCII) == "#####|.....| "
    assert text_bar(20, ASCII) == "#####|#####| "
    assert text_bar(23, ASCII) == "#####|#####|>"


def test_a_killed_and_resumed_session_is_one_line(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    start = datetime(2024, 4, 2, 18, 0).astimezone()
    killed = open_recorder(tl, session_spec="strength", wall_clock=WallClock(start))
    feed(killed, tl, stop=set_layout(tl).first[2])
    import sqlite3
    conn = sqlite3.connect(history_file())
    conn.execute("UPDATE runs SET pid = 999999999")
    conn.commit()
    conn.close()
    data, _ = read()
    line = render(data, weeks=1, now=start + timedelta(hours=1)).splitlines()[2]
    assert "killed" in line and "1/5" in line and "≥" in line  # time up to the last set
    resumed = open_recorder(tl, session_spec="strength", resumed_from=killed.run_id,
                            wall_clock=WallClock(start + timedelta(minutes=30)))
    for event in events(tl, start=set_layout(tl).first[2]):
        resumed.record(event)
    resumed.close(status=RunStatus.FINISHED)
    data, _ = read()
    text = render(data, weeks=1, now=start + timedelta(hours=1))
    lines = text.splitlines()
    assert "finished*" in lines[2] and "5/5" in lines[2] and "100%" in lines[2]
    assert "Strength" not in lines[3]  # one session, not two
    assert "* continued with run --resume" in text


def test_the_table_falls_back_to_ascii(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    rec = open_recorder(tl, session_spec="strength")
    feed(rec, tl)
    rec.close(status=RunStatus.FINISHED)
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    out = subprocess.run([sys.executable, "-m", "hamstring_coach", "history"], env=env,
                         capture_output=True, text=True, check=True).stdout
    assert "Weekly working sets (aim: 10-20 each" in out
    assert "|" in out and "█" not in out


def test_bad_arguments_and_unreadable_history(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["history", "--weeks", "0"])
    assert exited.value.code == 2
    assert "weeks must be between 1 and 520" in capsys.readouterr().err
    folder = tmp_path / "a-folder"
    folder.mkdir()
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(folder))  # a folder, not a file
    assert main(["history"]) == 1
    err = capsys.readouterr().err
    assert err == "hamstring-coach history: cannot read the history: a folder, not a regular file\n"
