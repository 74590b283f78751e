"""The pure break scheduler on a fake clock: due, snooze, skip, sessions, time away, days."""

from __future__ import annotations

import datetime as dt

import pytest

from hamstring_coach.engine.break_scheduler import (
    BreakCounted,
    BreakDue,
    BreakScheduler,
    BreakState,
    DayCounts,
    SnoozeRefused,
)
from hamstring_coach.engine.break_view import describe, next_change
from hamstring_coach.engine.clock import FakeClock

MIN = 60.0
EVERY = 45 * MIN
SNOOZE = 5 * MIN
DAY = dt.date(2024, 3, 30)


class Wall:
    """An injected wall-clock day that tests can move (a clock change, midnight)."""

    def __init__(self, day: dt.date = DAY) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


def make(clock: FakeClock, wall: Wall | None = None, *, max_snoozes: int | None = None,
         every: float = EVERY) -> BreakScheduler:
    return BreakScheduler(every=every, snooze=SNOOZE, max_snoozes=max_snoozes, clock=clock,
                          today=wall or Wall())


def kinds(events: list[BreakDue | BreakCounted]) -> list[str]:
    return ["due" if isinstance(e, BreakDue) else e.kind.value for e in events]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1000.0)


def test_countdown_is_deadline_minus_now(clock: FakeClock) -> None:
    s = make(clock)
    assert s.state is BreakState.WAITING
    assert s.remaining() == EVERY
    clock.advance(10 * MIN)
    assert s.remaining() == 35 * MIN
    assert s.poll() == []
    clock.advance(35 * MIN - 0.5)
    assert s.poll() == []
    assert s.remaining() == pytest.approx(0.5)


def test_due_snooze_due_again_start_finish_back_to_waiting(clock: FakeClock) -> None:
    s = make(clock)
    clock.advance(EVERY)
    events = s.poll()
    assert events == [BreakDue(at=1000.0 + EVERY, scheduled=1000.0 + EVERY, snoozes=0)]
    assert s.state is BreakState.DUE and s.remaining() == 0.0
    assert s.poll() == []  # said once
    clock.advance(20)
    assert s.overdue() == 20

    s.snooze()
    assert s.state is BreakState.WAITING and s.snoozed
    assert s.remaining() == SNOOZE
    assert kinds(s.poll()) == ["snoozed"]
    clock.advance(SNOOZE)
    due = s.poll()
    assert kinds(due) == ["due"] and isinstance(due[0], BreakDue) and due[0].snoozes == 1

    s.start()
    assert s.state is BreakState.IN_SESSION
    assert s.poll() == []  # counted when it ends, not when it starts
    clock.advance(4 * MIN)  # the session runs; no break comes due during it
    assert s.poll() == [] and s.remaining() == 0.0
    s.finish(taken=True)
    assert kinds(s.poll()) == ["taken"]
    assert s.state is BreakState.WAITING and not s.snoozed and s.snoozes == 0
    assert s.remaining() == EVERY  # a full interval from the end of the session
    assert s.counts == DayCounts(DAY, taken=1, snoozed=1)


def test_missed_ticks_do_not_drift(clock: FakeClock) -> None:
    """Nobody polls for an hour: the break is due once, with its scheduled time."""
    s = make(clock)
    clock.advance(60 * MIN)
    (due,) = s.poll()
    assert isinstance(due, BreakDue)
    assert due.scheduled == 1000.0 + EVERY and due.at == 1000.0 + 60 * MIN
    assert s.overdue() == 15 * MIN


def test_skip_is_counted_and_restarts(clock: FakeClock) -> None:
    s = make(clock)
    clock.advance(EVERY + 30)
    s.skip()
    assert kinds(s.poll()) == ["due", "skipped"]
    assert s.state is BreakState.WAITING and s.remaining() == EVERY
    assert s.counts.skipped == 1 and s.counts.taken == 0


def test_skip_and_snooze_need_a_due_break(clock: FakeClock) -> None:
    s = make(clock)
    with pytest.raises(SnoozeRefused, match="No break is due"):
        s.snooze()
    with pytest.raises(ValueError):
        s.skip()
    assert s.poll() == [] and s.counts == DayCounts(DAY)


def test_snooze_limit_refuses_with_a_reason(clock: FakeClock) -> None:
    s = make(clock, max_snoozes=2)
    clock.advance(EVERY)
    assert kinds(s.poll()) == ["due"]
    for left in (2, 1):
        assert s.snoozes_left == left
        s.snooze()
        clock.advance(SNOOZE)
        assert kinds(s.poll()) == ["snoozed", "due"]
    assert s.snoozes_left == 0
    with pytest.raises(SnoozeRefused, match="Already snoozed 2 times"):
        s.snooze()
    assert s.state is BreakState.DUE  # still due: start or skip
    assert s.poll() == []
    s.skip()
    assert s.snoozes_left == 2  # a new break gets its snoozes back
    assert s.counts == DayCounts(DAY, snoozed=2, skipped=1)


def test_snoozing_off(clock: FakeClock) -> None:
    s = make(clock, max_snoozes=0)
    clock.advance(EVERY)
    s.poll()
    with pytest.raises(SnoozeRefused, match="Snoozing is off"):
        s.snooze()


def test_snooze_refused_after_one(clock: FakeClock) -> None:
    s = make(clock, max_snoozes=1)
    clock.advance(EVERY)
    s.snooze()
    clock.advance(SNOOZE)
    with pytest.raises(SnoozeRefused, match="Already snoozed once"):
        s.snooze()


def test_start_early_while_waiting(clock: FakeClock) -> None:
    s = make(clock)
    clock.advance(10 * MIN)
    s.start()
    clock.advance(3 * MIN)
    s.finish(taken=True)
    assert s.remaining() == EVERY and s.counts.taken == 1
    with pytest.raises(ValueError):
        s.finish(taken=True)


def test_a_break_with_no_set_done_counts_as_skipped(clock: FakeClock) -> None:
    """Started, then quit at once (or every set skipped): skipped, not taken."""
    s = make(clock)
    clock.advance(EVERY)
    s.poll()
    s.start()
    clock.advance(3)
    s.finish(taken=False)
    assert kinds(s.poll()) == ["skipped"]
    assert s.counts == DayCounts(DAY, skipped=1)
    assert s.state is BreakState.WAITING and s.remaining() == EVERY


@pytest.mark.parametrize("elapsed", [0.0, 10 * MIN, EVERY - 1, EVERY + 10 * MIN])
def test_suspend_as_long_as_the_interval_is_a_break(clock: FakeClock, elapsed: float) -> None:
    """Asleep for >= one interval: an 'away' break, countdown restarts (even when due)."""
    s = make(clock)
    clock.advance(elapsed)
    s.poll()
    # Linux's monotonic clock stands still while suspended: the clock does not move.
    assert s.away(EVERY) is True
    assert kinds(s.poll()) == ["away"]
    assert s.state is BreakState.WAITING and s.remaining() == EVERY
    assert s.counts == DayCounts(DAY, away=1)


def test_suspend_shorter_than_the_interval_neither_breaks_nor_sits(clock: FakeClock) -> None:
    s = make(clock)
    clock.advance(30 * MIN)
    assert s.away(14 * MIN) is False  # clock stood still (Linux suspend)
    assert s.remaining() == 15 * MIN and s.poll() == []
    assert s.counts == DayCounts(DAY)


def test_away_the_clock_counted_does_not_count_as_sitting(clock: FakeClock) -> None:
    """A locked screen (or a monotonic clock that ran in sleep): the deadline moves later."""
    s = make(clock)
    clock.advance(30 * MIN)
    clock.advance(20 * MIN)  # 20 min locked; the clock ran through it
    assert s.away(20 * MIN, clock_counted=20 * MIN) is False
    assert s.poll() == []  # not due, though 50 min passed on the clock
    assert s.remaining() == 15 * MIN


def test_short_absence_while_due_keeps_it_due(clock: FakeClock) -> None:
    s = make(clock)
    clock.advance(EVERY)
    s.poll()
    assert s.away(5 * MIN) is False
    assert s.state is BreakState.DUE


def test_suspend_during_the_break_session_changes_nothing(clock: FakeClock) -> None:
    s = make(clock)
    s.start()
    assert s.away(2 * EVERY) is False
    assert s.state is BreakState.IN_SESSION
    assert s.poll() == []
    s.finish(taken=True)
    assert kinds(s.poll()) == ["taken"]


@pytest.mark.parametrize("jump", [dt.timedelta(hours=1), dt.timedelta(hours=-1),
                                  dt.timedelta(minutes=-37), dt.timedelta(hours=3)])
def test_wall_clock_jump_changes_nothing(clock: FakeClock, jump: dt.timedelta) -> None:
    """A DST change or a set clock moves the wall time, not the countdown or the tally."""
    now = dt.datetime(2024, 3, 30, 14, 0)
    wall_time = [now]
    s = BreakScheduler(every=EVERY, snooze=SNOOZE, clock=clock,
                       today=lambda: wall_time[0].date())
    clock.advance(EVERY)
    s.skip()
    assert kinds(s.poll()) == ["due", "skipped"]
    clock.advance(10 * MIN)
    wall_time[0] = now + jump
    assert s.remaining() == 35 * MIN
    assert s.poll() == []
    assert s.counts == DayCounts(DAY, skipped=1)


def test_clock_set_back_across_midnight_keeps_the_tally(clock: FakeClock) -> None:
    wall = Wall()
    s = make(clock, wall)
    clock.advance(EVERY)
    s.skip()
    wall.day = DAY - dt.timedelta(days=1)
    assert s.counts == DayCounts(DAY, skipped=1)
    assert s.remaining() == EVERY


def test_tally_starts_again_on_a_new_day(clock: FakeClock) -> None:
    wall = Wall()
    s = make(clock, wall)
    clock.advance(EVERY)
    s.skip()
    assert [e.day for e in s.poll() if isinstance(e, BreakCounted)] == [DAY]
    wall.day = DAY + dt.timedelta(days=1)
    assert s.counts == DayCounts(DAY + dt.timedelta(days=1))
    clock.advance(EVERY)
    s.start()
    assert s.remaining() == 0.0
    s.finish(taken=True)
    events = s.poll()
    assert [e.day for e in events if isinstance(e, BreakCounted)] == [wall.day]
    assert s.counts.taken == 1 and s.counts.skipped == 0


def test_bad_settings_are_refused(clock: FakeClock) -> None:
    with pytest.raises(ValueError):
        BreakScheduler(every=0, clock=clock)
    with pytest.raises(ValueError):
        BreakScheduler(every=60, snooze=-1, clock=clock)
    with pytest.raises(ValueError):
        BreakScheduler(every=60, max_snoozes=-1, clock=clock)
    with pytest.raises(ValueError):
        BreakScheduler(every=60, clock=clock).away(-1)


def test_scheduler_imports_no_textual() -> None:
    import subprocess
    import sys

    code = ("import sys, hamstring_coach.engine.break_scheduler, hamstring_coach.plan.adhoc; "
            "sys.exit('textual' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_waiting_screen_text(clock: FakeClock) -> None:
    s = make(clock, max_snoozes=1)
    view = describe(s, "4:01")
    assert (view.due, view.heading, view.countdown, view.unit) == (
        False, "Next stretch break in", "45", "minutes")
    assert view.status == "every 45 min · Enter starts it now"
    clock.advance(0.2)
    assert describe(s).countdown == "45"  # rounded up: 0 only when due
    clock.advance(59.8)
    assert describe(s).countdown == "44"
    clock.advance(43 * MIN - 0.5)
    assert (describe(s).countdown, describe(s).unit) == ("2", "minutes")
    clock.advance(0.5)
    assert (describe(s).countdown, describe(s).unit) == ("60", "seconds")
    clock.advance(59)
    assert (describe(s).countdown, describe(s).unit) == ("1", "second")
    clock.advance(1)
    s.poll()
    view = describe(s, "4:01")
    assert (view.due, view.heading, view.countdown, view.unit) == (
        True, "Stretch break due", "4:01", "of stretching")
    assert view.status == "Enter start · s snooze 5 min, 1 left · k skip"
    s.snooze()
    assert describe(s).heading == "Snoozed: break in"
    assert (describe(s).countdown, describe(s).unit) == ("5", "minutes")
    clock.advance(SNOOZE + 3 * MIN + 59)
    s.poll()
    assert describe(s).status == "Enter start · no snoozes left · k skip (due for 3 min)"
    s.skip()
    assert describe(s).today == "Today: 0 taken · 1 snoozed · 1 skipped"
    s.away(EVERY)
    assert describe(s).today == "Today: 0 taken · 1 away · 1 snoozed · 1 skipped"


def test_long_intervals_count_minutes(clock: FakeClock) -> None:
    s = make(clock, every=2 * 3600.0)
    assert (describe(s).countdown, describe(s).unit) == ("120", "minutes")
    assert describe(s).status == "every 2 h · Enter starts it now"


@pytest.mark.parametrize(("elapsed", "change"), [
    (0.0, 60.0), (0.25, 59.75), (59.9, 0.1), (60.0, 60.0), (44 * MIN - 0.5, 0.5),
    (44 * MIN, 1.0), (44 * MIN + 0.3, 0.7), (EVERY - 0.2, 0.2)])
def test_next_change_is_when_the_shown_number_drops(clock: FakeClock, elapsed: float,
                                                     change: float) -> None:
    s = make(clock)
    clock.advance(elapsed)
    before = describe(s).countdown
    assert next_change(s) == pytest.approx(change)
    clock.advance(change - 1e-3)
    assert describe(s).countdown == before
    clock.advance(2e-3)
    assert describe(s).countdown != before or s.remaining() == 0.0


def test_next_change_while_due_and_in_session(clock: FakeClock) -> None:
    s = make(clock)
    clock.advance(EVERY + 25)
    s.poll()
    assert next_change(s) == pytest.approx(35.0)  # "due for 1 min" then
    s.start()
    assert next_change(s) == float("inf")


@pytest.mark.parametrize(("every", "text"), [
    (4.0, "4 s"), (90.0, "1 min 30 s"), (45 * MIN, "45 min"), (5400.0, "1 h 30 min"),
    (3600.0, "1 h"), (10 * MIN + 20, "10 min")])
def test_interval_wording(clock: FakeClock, every: float, text: str) -> None:
    assert describe(make(clock, every=every)).status == f"every {text} · Enter starts it now"


def test_todays_tally_from_the_history_is_kept(clock: FakeClock) -> None:
    earlier = DayCounts(DAY, taken=3, snoozed=1, skipped=0, away=1)
    s = BreakScheduler(every=EVERY, clock=clock, today=Wall(), counts=earlier)
    clock.advance(EVERY)
    s.skip()
    assert s.counts == DayCounts(DAY, taken=3, snoozed=1, skipped=1, away=1)
    yesterday = DayCounts(DAY - dt.timedelta(days=1), taken=5)
    assert BreakScheduler(every=EVERY, clock=clock, today=Wall(),
                          counts=yesterday).counts == DayCounts(DAY)
