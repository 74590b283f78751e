"""A set of an each-side exercise counts once, when both sides are done.

Runs of the test session (its first exercise, the single-leg bridge, is
2 sets x left and right, knee flexion and hip extension) recorded by the
real recorder into a real SQLite file, then read back as the ``history``
command and the stats screen read them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from history_support import SESSION_SETS, SESSION_WORKING_SETS, WallClock, feed, timeline

from hamstring_coach.history import open_recorder
from hamstring_coach.history.recorder import set_layout
from hamstring_coach.history.report import render, summaries
from hamstring_coach.history.setgroups import data_groups
from hamstring_coach.history.stats import compute_weeks, read
from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.run.ports import RunStatus

START = datetime(2024, 4, 2, 18, 0).astimezone()
KF, HE = "knee-flexion", "hip-extension"


def record(tl: Timeline, status: str, **kw: object) -> None:
    rec = open_recorder(tl, session_spec="strength", wall_clock=WallClock(START))
    feed(rec, tl, **kw)  # type: ignore[arg-type]
    rec.close(status=status)
    assert rec.saved


def test_both_sides_done_is_one_working_set(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    record(tl, "quit", stop=set_layout(tl).first[2])  # bridge set 1: left, then right
    data, _ = read()
    assert [(s.side, s.skipped) for s in data.sets] == [("left", False), ("right", False)]
    [week] = compute_weeks(data, 1, START + timedelta(hours=1))
    assert (week.working(KF), week.working(HE), week.skipped_sets) == (1, 1, 0)
    [session] = summaries(data)
    assert (session.sets_done, session.sets_skipped, session.planned_sets) == (
        1, 0, SESSION_WORKING_SETS)
    assert "1/5" in render(data, weeks=1, now=START + timedelta(hours=1)).splitlines()[2]


def test_only_the_left_side_done_is_no_working_set(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    record(tl, "quit", stop=set_layout(tl).first[1])  # quit before the right side
    data, _ = read()
    assert [(s.side, s.skipped) for s in data.sets] == [("left", False)]  # the log keeps it
    [group] = data_groups(data)
    assert not group.completed and group.partial and group.sides_done == ("left",)
    [week] = compute_weeks(data, 1, START + timedelta(hours=1))
    assert (week.working(KF), week.working(HE), week.skipped_sets) == (0, 0, 1)
    assert week.sessions == 0 and week.other_sessions == 0  # no working set: no session
    [session] = summaries(data)
    assert (session.sets_done, session.sets_skipped) == (0, 1)
    text = render(data, weeks=1, now=START + timedelta(hours=1))
    assert "0/5" in text.splitlines()[2] and "0%" in text.splitlines()[2]
    assert "  1 skipped or part-done set (not counted above)." in text.splitlines()


def test_a_skipped_right_side_makes_the_set_part_done(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    right_of_set_1 = set_layout(tl).first[1]
    record(tl, "finished", skip_sets=frozenset({right_of_set_1}))
    data, _ = read()
    assert len(data.sets) == SESSION_SETS  # every side is on record
    groups = data_groups(data)
    assert [(g.step_index, g.set_no, g.completed, g.partial) for g in groups] == [
        (0, 1, False, True), (0, 2, True, False), (1, 1, True, False), (1, 2, True, False),
        (2, 1, True, False)]
    [week] = compute_weeks(data, 1, START + timedelta(hours=1))
    # bridge set 2 (KF + HE), two deadlift sets (HE), the stretch
    assert (week.working(KF), week.working(HE), week.working("stretch")) == (1, 3, 1)
    assert week.skipped_sets == 1 and week.sessions == 1
    [session] = summaries(data)
    assert (session.sets_done, session.planned_sets) == (4, SESSION_WORKING_SETS)
    assert "4/5" in render(data, weeks=1, now=START + timedelta(hours=1)).splitlines()[2]


def test_a_set_split_by_a_resume_is_still_one_set(tmp_path: Path) -> None:
    """Left side before the quit, right side after ``run --resume``: one working set."""
    tl = timeline(tmp_path)
    first = set_layout(tl).first
    first_run = open_recorder(tl, session_spec="strength", wall_clock=WallClock(START))
    feed(first_run, tl, stop=first[1])
    first_run.close(status=RunStatus.QUIT)
    resumed = open_recorder(tl, session_spec="strength", resumed_from=first_run.run_id,
                            start_index=first[1],
                            wall_clock=WallClock(START + timedelta(minutes=5)))
    feed(resumed, tl, start=first[1])
    resumed.close(status=RunStatus.FINISHED)
    data, _ = read()
    [session] = summaries(data)
    assert (session.sets_done, session.sets_skipped, session.planned_sets) == (5, 0, 5)
    [week] = compute_weeks(data, 1, START + timedelta(hours=1))
    assert (week.working(KF), week.working(HE), week.skipped_sets) == (2, 4, 0)
