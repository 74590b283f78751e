"""Weekly figures against a hand-computed example across a week boundary,
a daylight-saving change and a change of time zone.

The runs (recorded by the real recorder into a real SQLite file, with the
wall clock each set was done at):

======  =========================  =================================  ======
run     set done at (local)        functions                          week
======  =========================  =================================  ======
A       Sun 31 Mar 01:35 +01:00    knee-flexion, hip-extension        W13
A       Sun 31 Mar 01:40 +01:00    knee-flexion, hip-extension        W13
A       Sun 31 Mar 01:45 +01:00    hip-extension, SKIPPED             W13
        (clocks go forward at 02:00: CET +01:00 -> CEST +02:00)
B       Sun 31 Mar 23:30 +02:00    hip-extension                      W13
B       Mon  1 Apr 00:30 +02:00    hip-extension (22:30 UTC, Sunday)  W14
B       Mon  1 Apr 00:40 +02:00    stretch                            W14
C       Sun  7 Apr 23:30 +01:00    knee-flexion (London, 22:30 UTC)   W14
D       Mon  8 Apr 00:30 +02:00    knee-flexion (Berlin, 22:30 UTC)   W15
D       Mon  8 Apr 00:35 +02:00    activation                         W15
E       Mon  8 Apr 08:05 +02:00    stretch                            W15
======  =========================  =================================  ======

Breaks: taken Sun 31 Mar 23:59 +02:00 (W13); taken and snoozed Mon 8 Apr (W15).

By hand, for the three weeks up to Mon 8 Apr 09:00 +02:00:

- W13: hip-extension 3 (A, A, B), knee-flexion 2 (A, A), 1 skipped,
  sessions 2 (A and B both started in W13), 1 break taken.
- W14: hip-extension 1, knee-flexion 1 (C), stretch 1, sessions 1 (C started
  Sunday 7 Apr local time).
- W15: knee-flexion 1, activation 1, stretch 1, sessions 1 (D) and 1 other
  (E: stretch only), breaks 1 taken, 1 snoozed.
- Streak: 3 weeks.

Bucketing by UTC would put B's 00:30 set in W13 (hip-extension 4); bucketing
by the reader's zone (+02:00) would move C's set into W15 (W14 knee-flexion 0).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from history_support import timeline
from stats_example import CEST, CET, HE, KF, NOW, RUNS, Script, at, example  # noqa: F401

from hamstring_coach.engine.events import SetEnded
from hamstring_coach.history import open_recorder
from hamstring_coach.history.stats import current_streak, weekly_stats
from hamstring_coach.run.ports import RunStatus


def figures(weeks: list) -> list[tuple[object, ...]]:  # type: ignore[type-arg]
    return [(w.label, w.working(HE), w.working(KF), w.working("activation"),
             w.working("stretch"), w.skipped_sets, w.sessions, w.other_sessions,
             w.breaks["taken"], w.breaks["snoozed"]) for w in weeks]


@pytest.mark.usefixtures("example")
def test_weekly_figures_match_the_hand_computed_example() -> None:
    weeks = weekly_stats(3, now=NOW)
    assert figures(weeks) == [
        # week       HE KF act str skip sess other taken snoozed
        ("2024-W13", 3, 2, 0, 0, 1, 2, 0, 1, 0),
        ("2024-W14", 1, 1, 0, 1, 0, 1, 0, 0, 0),
        ("2024-W15", 0, 1, 1, 1, 0, 1, 1, 1, 1),
    ]
    assert [w.start.isoformat() for w in weeks] == ["2024-03-25", "2024-04-01", "2024-04-08"]
    assert [w.verdict(HE) for w in weeks] == ["low", "low", "low"]
    assert weeks[0].verdict("stretch") is None  # no guidance for stretch sets
    assert [w.sessions_verdict for w in weeks] == ["ok", "ok", "ok"]


@pytest.mark.usefixtures("example")
def test_the_current_week_follows_the_readers_time_zone() -> None:
    # Sunday 7 Apr 23:00 UTC is already Monday 01:00 in Berlin.
    moment = datetime(2024, 4, 7, 23, 0, tzinfo=UTC)
    assert [w.label for w in weekly_stats(3, now=moment, tz=CEST)] == [
        "2024-W13", "2024-W14", "2024-W15"]
    in_utc = weekly_stats(3, now=moment, tz=UTC)
    assert [w.label for w in in_utc] == ["2024-W12", "2024-W13", "2024-W14"]
    # ... but each set stays in the week of its own local time, whoever reads it
    assert figures(in_utc)[1:] == figures(weekly_stats(3, now=NOW))[:2]


@pytest.mark.usefixtures("example")
def test_the_streak_counts_weeks_with_a_session() -> None:
    assert current_streak(now=NOW) == 3
    # the next week has no session yet: not over, so the streak holds
    assert current_streak(now=NOW + timedelta(weeks=1)) == 3
    # a whole week without one breaks it
    assert current_streak(now=NOW + timedelta(weeks=2)) == 0
    assert current_streak(now=at(22, 3, 12, 0, CET)) == 0  # the week before any session


def test_no_history_gives_empty_weeks() -> None:
    weeks = weekly_stats(8, now=NOW)
    assert len(weeks) == 8 and weeks[-1].label == "2024-W15"
    assert all(w.working(HE) == 0 and w.sessions == 0 for w in weeks)
    assert current_streak(now=NOW) == 0


def test_a_resumed_session_counts_once(tmp_path: Path) -> None:
    tl = timeline(tmp_path)
    first = open_recorder(tl, session_spec="strength",
                          wall_clock=Script([at(2, 4, 18, 0, CEST), at(2, 4, 18, 5, CEST)]))
    first.record(SetEnded(step_index=0, exercise="x", exercise_id=None, function=(HE,),
                          set_no=1, set_count=2, side=None, reps=5, seconds=30.0, load=None,
                          skipped=False, at=1.0))
    # killed: never closed; then resumed
    second = open_recorder(tl, session_spec="strength", resumed_from=first.run_id,
                           wall_clock=Script([at(2, 4, 19, 0, CEST), at(2, 4, 19, 5, CEST),
                                              at(2, 4, 19, 10, CEST)]))
    second.record(SetEnded(step_index=0, exercise="x", exercise_id=None, function=(HE,),
                           set_no=2, set_count=2, side=None, reps=5, seconds=30.0, load=None,
                           skipped=False, at=1.0))
    second.close(status=RunStatus.FINISHED)
    [week] = weekly_stats(1, now=at(3, 4, 12, 0, CEST))
    assert (week.working(HE), week.sessions) == (2, 1)
