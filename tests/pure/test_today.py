"""``today``: what is due, done and missed, against hand-worked calendars.

The calendar tests are pure (a programme from real YAML text, what was done
as plain data); the history ones record real runs into a real SQLite file
with the wall clock each was started at, then ask ``today`` through the CLI.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from history_support import timeline

from hamstring_coach.cli import main
from hamstring_coach.engine.events import SetEnded
from hamstring_coach.format.programme import Programme, parse_programme
from hamstring_coach.history import open_recorder
from hamstring_coach.history.records import HistoryData
from hamstring_coach.history.stats import read
from hamstring_coach.plan.calendar import Standing, day_report, week_tallies, weeks_kept
from hamstring_coach.run.ports import RunStatus

KNOWN = {"tone", "strengthen-lengthen", "activation", "strength"}
# Week 1 begins on a Wednesday, so programme weeks run Wednesday to Tuesday.
TEXT = """\
name: Plan
start: 2027-03-17
weeks: 3
days:
  mon: tone
  thu: strengthen-lengthen
  daily: [activation, activation]
deload: [2]
"""


def _programme(text: str = TEXT) -> Programme:
    return parse_programme(text.encode(), "plan.yaml", KNOWN)


def D(month: int, day: int, year: int = 2027) -> date:
    return date(year, month, day)


def test_a_day_in_the_first_week() -> None:
    p = _programme()
    done = {D(3, 17): Counter({"activation": 2}), D(3, 18): Counter({"activation": 1})}
    report = day_report(p, D(3, 22), done)  # Monday of week 1
    assert (report.standing, report.week, report.deload) == (Standing.ON, 1, False)
    assert [(d.session_id, d.done) for d in report.today] == [
        ("activation", False), ("activation", False), ("tone", False)]
    # Wed 17 both done; Thu 18 one of two and strengthen-lengthen missed; Fri-Sun none
    missed = [(d.day, d.session_id) for d in report.missed]
    assert missed == [(D(3, 18), "activation"), (D(3, 18), "strengthen-lengthen"),
                      *[(D(3, n), "activation") for n in (19, 19, 20, 20, 21, 21)]]
    assert len(report.earlier) == 2 + 3 + 2 * 3


def test_a_week_boundary_starts_afresh() -> None:
    p = _programme()
    report = day_report(p, D(3, 24), {})  # the second Wednesday: week 2 begins
    assert report.week == 2 and report.earlier == ()
    assert day_report(p, D(3, 23), {}).week == 1  # the Tuesday before is week 1's last day


def test_a_deload_week_is_marked() -> None:
    p = _programme()
    assert day_report(p, D(3, 29), {}).deload  # Monday of week 2
    assert not day_report(p, D(3, 31), {}).deload  # week 3
    assert p.is_deload(D(3, 24)) and p.is_deload(D(3, 30)) and not p.is_deload(D(3, 31))


def test_a_programme_that_has_ended_and_one_not_begun() -> None:
    p = _programme()
    last = D(3, 17) + timedelta(weeks=3, days=-1)
    assert day_report(p, last, {}).week == 3
    after = day_report(p, last + timedelta(days=1), {})
    assert (after.standing, after.week, after.today) == (Standing.ENDED, None, ())
    before = day_report(p, D(3, 16), {})
    assert (before.standing, before.today, before.missed) == (Standing.BEFORE, (), ())


def test_forever_without_weeks() -> None:
    p = _programme(TEXT.replace("weeks: 3\n", "").replace("deload: [2]\n", ""))
    report = day_report(p, D(3, 17) + timedelta(weeks=100), {})
    assert report.week == 101 and report.standing is Standing.ON


def test_a_daylight_saving_change_moves_nothing() -> None:
    # Europe's clocks go forward on Sun 28 Mar 2027 (a 23-hour day): the week of
    # Wed 24 Mar still ends on Tue 30 Mar and Mon 29 Mar is still a Monday.
    p = _programme()
    assert [p.week_of(D(3, n)) for n in (23, 24, 28, 29, 30, 31)] == [1, 2, 2, 2, 2, 3]
    assert p.due_on(D(3, 29))[-1] == "tone"
    report = day_report(p, D(3, 29), {D(3, 28): Counter({"activation": 2})})
    assert [d.day for d in report.missed] == [D(3, n) for n in (24, 24, 25, 25, 25, 26, 26,
                                                               27, 27)]


def test_a_rest_day() -> None:
    p = _programme("name: Two\nstart: 2027-03-15\ndays: {mon: tone, thu: activation}\n")
    report = day_report(p, D(3, 16), {D(3, 15): Counter({"tone": 1})})
    assert report.rest_day and report.missed == ()
    assert [(d.session_id, d.done) for d in report.earlier] == [("tone", True)]


def test_a_run_on_another_day_does_not_count() -> None:
    p = _programme("name: Two\nstart: 2027-03-15\ndays: {mon: tone}\n")
    report = day_report(p, D(3, 17), {D(3, 16): Counter({"tone": 1})})
    assert [d.session_id for d in report.missed] == ["tone"]


def test_weeks_kept_counts_back_from_now() -> None:
    p = _programme("name: Two\nstart: 2027-03-01\ndays: {mon: tone}\n")
    done = {D(3, 1): Counter({"tone": 1}), D(3, 15): Counter({"tone": 1}),
            D(3, 22): Counter({"tone": 1})}
    # weeks 1 kept, 2 missed, 3 kept, 4 (now, done) kept
    tallies = week_tallies(p, D(3, 24), done)
    assert [(t.week, t.planned, t.done, t.missed) for t in tallies] == [
        (1, 1, 1, 0), (2, 1, 0, 1), (3, 1, 1, 0), (4, 1, 1, 0)]
    assert weeks_kept(tallies) == 2
    # this week's Monday not done yet: on that Monday the streak is still 1 (week 3)
    assert weeks_kept(week_tallies(p, D(3, 29), done)) == 2
    # the day after, it was missed: the streak is broken
    assert weeks_kept(week_tallies(p, D(3, 30), done)) == 0


# --- through the history and the CLI -----------------------------------------------------

CET = timezone(timedelta(hours=1))
CEST = timezone(timedelta(hours=2))


def _record(tmp_path: Path, started: datetime, status: str = "finished",
            session: str = "strength") -> None:
    tl = timeline(tmp_path, session)
    times = iter([started, started + timedelta(minutes=5), started + timedelta(minutes=10)])
    rec = open_recorder(tl, session_spec=session, wall_clock=lambda: next(times))
    rec.record(SetEnded(step_index=0, exercise="x", exercise_id=None,
                        function=("knee-flexion",), set_no=1, set_count=1, side=None,
                        reps=5, seconds=30.0, load=None, skipped=False, at=1.0))
    rec.close(status=RunStatus(status))
    assert rec.saved


def _history() -> HistoryData:
    data, _ = read()
    return data


def test_done_days_are_local_at_the_time_even_across_a_dst_change(tmp_path: Path) -> None:
    from hamstring_coach.history.programme import done_by_day

    _record(tmp_path, datetime(2027, 3, 27, 23, 30, tzinfo=CET))  # Sat, 22:30 UTC
    _record(tmp_path, datetime(2027, 3, 29, 0, 30, tzinfo=CEST))  # Mon, Sun 22:30 UTC
    _record(tmp_path, datetime(2027, 3, 29, 18, 0, tzinfo=CEST), status="quit")
    assert done_by_day(_history()) == {D(3, 27): Counter({"strength": 1}),
                                       D(3, 29): Counter({"strength": 1})}


PLAN = """\
name: Fixed plan
start: 2027-03-15
weeks: 4
days:
  mon: strength
  thu: strength
deload: [3]
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    from hamstring_coach.system.paths import user_sessions_dir

    folder = user_sessions_dir()  # "strength" becomes a user session id, as runs record it
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "strength.yaml").write_text(
        "name: Strength\nsteps:\n  - {exercise: Curl, function: knee-flexion, sets: 3, "
        "reps: 8, tempo: 3-1-1-0, prepare: 5, rest: 60}\n", encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_today_names_the_session_week_and_what_was_done(
        plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _record(tmp_path, datetime(2027, 3, 29, 7, 0, tzinfo=CEST))  # Monday of week 3, done
    assert main(["today", str(plan), "--date", "2027-04-01"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Fixed plan · week 3 of 4 (deload) · Thu 2027-04-01"
    assert out[1] == "A deload week: half the sets, and no progression."
    assert out[2] == "Due today:"
    # 5 s + 3 sets of 8 x 5 s + 2 rests of 60 s = 245 s
    assert out[3].split() == ["to", "do", "strength", "4:05", "Strength"]
    assert out[4] == "Earlier this week:"
    assert out[5].split()[:4] == ["done", "Mon", "29", "strength"]
    assert len(out) == 6


def test_today_on_a_rest_day_and_a_missed_session(
        plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["today", str(plan), "--date", "2027-03-20"]) == 0
    out = capsys.readouterr().out
    assert "· week 1 of 4 · Sat 2027-03-20" in out
    assert "Nothing due today: a rest day." in out
    assert "2 missed this week." in out


def test_today_refuses_a_bad_date(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["today", str(plan), "--date", "2027-02-30"])
    assert stop.value.code == 2
    assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err
