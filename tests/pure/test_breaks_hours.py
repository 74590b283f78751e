"""Working hours and pause-for in the pure break scheduler, on fake clocks.

The wall clock is the fake monotonic clock's time shown in Europe/Berlin, so
both move together, through midnight, a weekend and the daylight-saving
changes of 2024 (31 March: 02:00 -> 03:00; 27 October: 03:00 -> 02:00).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from hamstring_coach.engine.break_scheduler import BreakDue, BreakScheduler, BreakState
from hamstring_coach.engine.break_view import describe
from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.hours import HoursError, parse_hours, seconds_between

BERLIN = ZoneInfo("Europe/Berlin")
MIN = 60.0
HOUR = 3600.0


class Desk:
    """A fake monotonic clock and the local wall clock it implies."""

    def __init__(self, start: dt.datetime) -> None:
        self.clock = FakeClock(1000.0)
        self._t0 = self.clock()
        self._start = start.astimezone(dt.UTC)

    def wall(self) -> dt.datetime:
        return (self._start + dt.timedelta(seconds=self.clock() - self._t0)).astimezone(BERLIN)

    def scheduler(self, hours: str | None = "mon-fri,09:00-17:30",
                  every: float = 45 * MIN) -> BreakScheduler:
        return BreakScheduler(every=every, clock=self.clock, wall=self.wall,
                              today=lambda: self.wall().date(),
                              hours=parse_hours(hours) if hours else None)


def berlin(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BERLIN)


def test_parse_hours_and_its_refusals() -> None:
    hours = parse_hours("mon-fri,09:00-17:30")
    assert hours.days == frozenset(range(5))
    assert hours.text() == "mon-fri 09:00-17:30"
    assert parse_hours("fri-mon,08:00-12:00").days == frozenset({4, 5, 6, 0})
    assert parse_hours("mon+wed,10:00-11:00").text() == "mon+wed 10:00-11:00"
    for bad, why in [("mon-fri", "days and times"), ("mon-fri,17:30-09:00", "after the start"),
                     ("mon-xyz,09:00-17:00", "not a day"), ("mon,9-17", "not a time"),
                     ("mon,25:00-26:00", "not a time of day"), ("x" * 200, "too long")]:
        with pytest.raises(HoursError, match=why):
            parse_hours(bad)


def test_outside_hours_no_break_comes_due_and_the_day_starts_a_full_interval() -> None:
    desk = Desk(berlin(2024, 3, 5, 17, 0))  # a Tuesday, half an hour before the end
    s = desk.scheduler()
    assert s.state is BreakState.WAITING
    desk.clock.advance(30 * MIN)  # 17:30: the end is not inside
    assert s.poll() == []
    assert s.state is BreakState.OFF_HOURS
    view = describe(s)
    assert view.heading == "Outside working hours"
    assert "breaks start again Wed 09:00" in view.status
    assert s.until_hours() == pytest.approx(15.5 * HOUR)
    desk.clock.advance(15.5 * HOUR - 1)  # 08:59:59 on Wednesday
    assert s.poll() == [] and s.state is BreakState.OFF_HOURS
    desk.clock.advance(1)  # 09:00
    assert s.poll() == [] and s.state is BreakState.WAITING
    assert s.remaining() == 45 * MIN
    desk.clock.advance(45 * MIN)
    assert [type(e) for e in s.poll()] == [BreakDue]


def test_a_due_break_left_at_the_end_of_the_day_is_dropped() -> None:
    desk = Desk(berlin(2024, 3, 5, 17, 0))
    s = desk.scheduler(every=10 * MIN)
    desk.clock.advance(10 * MIN)
    assert s.poll() and s.state is BreakState.DUE
    desk.clock.advance(20 * MIN)
    s.poll()
    assert s.state is BreakState.OFF_HOURS


def test_the_weekend_is_skipped_to_monday() -> None:
    desk = Desk(berlin(2024, 3, 8, 17, 29))  # a Friday
    s = desk.scheduler()
    desk.clock.advance(MIN)
    s.poll()
    assert s.state is BreakState.OFF_HOURS
    assert s.next_start_text() == "Mon 09:00"
    assert s.until_hours() == pytest.approx((6.5 + 24 * 2 + 9) * HOUR)
    desk.clock.advance(24 * HOUR)  # Saturday 17:30, still off
    assert s.poll() == [] and s.state is BreakState.OFF_HOURS
    desk.clock.advance((6.5 + 24 + 9) * HOUR)  # Monday 09:00
    s.poll()
    assert s.state is BreakState.WAITING and desk.wall().weekday() == 0


def test_spring_forward_the_night_is_an_hour_shorter() -> None:
    # Friday 29 March 2024 17:30 to Monday 1 April 09:00 loses the hour of 31 March.
    desk = Desk(berlin(2024, 3, 29, 17, 30))
    s = desk.scheduler()
    assert s.state is BreakState.OFF_HOURS
    assert s.until_hours() == pytest.approx((6.5 + 48 + 9 - 1) * HOUR)
    desk.clock.advance((6.5 + 48 + 9 - 1) * HOUR - 1)
    assert s.poll() == [] and s.state is BreakState.OFF_HOURS
    desk.clock.advance(1)
    s.poll()
    assert s.state is BreakState.WAITING
    assert desk.wall().hour == 9 and desk.wall().minute == 0


def test_fall_back_the_night_is_an_hour_longer_and_a_sunday_shift_starts_right() -> None:
    # Hours that include the repeated hour: Sunday 27 October 2024, 02:00-04:00.
    desk = Desk(berlin(2024, 10, 27, 1, 0))
    s = desk.scheduler("sun,02:00-04:00", every=HOUR)
    assert s.state is BreakState.OFF_HOURS
    assert s.until_hours() == pytest.approx(HOUR)
    desk.clock.advance(HOUR)
    s.poll()
    assert s.state is BreakState.WAITING
    # 02:00 to 04:00 local is three real hours today: breaks come due at +1 h and +2 h
    # (02:00 again, after the fall back), and at +2.5 h it is still working time; at
    # +3 h it is 04:00 and the end.
    assert seconds_between(berlin(2024, 10, 27, 2), berlin(2024, 10, 27, 4)) == 3 * HOUR
    due = 0
    for _ in range(5):
        desk.clock.advance(HOUR / 2)
        for event in s.poll():
            if isinstance(event, BreakDue):
                due += 1
                s.skip()
    assert due == 2
    assert s.state is BreakState.WAITING and desk.wall().hour == 3
    desk.clock.advance(HOUR / 2)
    assert s.poll() == []
    assert s.state is BreakState.OFF_HOURS and desk.wall().hour == 4


def test_pause_for_a_meeting_stands_still_then_resumes_by_itself() -> None:
    desk = Desk(berlin(2024, 3, 5, 10, 0))
    s = desk.scheduler()
    desk.clock.advance(15 * MIN)
    s.pause_for(HOUR)
    assert s.state is BreakState.PAUSED
    view = describe(s)
    assert (view.heading, view.countdown, view.unit) == ("Paused: breaks resume in", "60",
                                                         "minutes")
    assert "then 30 min to a break" in view.status
    desk.clock.advance(HOUR - 1)
    assert s.poll() == [] and s.state is BreakState.PAUSED
    desk.clock.advance(1)
    assert s.poll() == [] and s.state is BreakState.WAITING
    assert s.remaining() == 30 * MIN
    desk.clock.advance(30 * MIN)
    assert [type(e) for e in s.poll()] == [BreakDue]


def test_resume_early_and_a_due_break_paused_is_due_again() -> None:
    desk = Desk(berlin(2024, 3, 5, 10, 0))
    s = desk.scheduler(every=10 * MIN)
    desk.clock.advance(10 * MIN)
    s.poll()
    assert s.state is BreakState.DUE
    s.pause_for(30 * MIN)
    desk.clock.advance(5 * MIN)
    s.resume()
    assert [type(e) for e in s.poll()] == [BreakDue]
    with pytest.raises(ValueError):
        s.pause_for(0)


def test_a_pause_that_ends_after_hours_is_off_hours() -> None:
    desk = Desk(berlin(2024, 3, 5, 17, 0))
    s = desk.scheduler()
    s.pause_for(HOUR)
    desk.clock.advance(HOUR)
    s.poll()
    assert s.state is BreakState.OFF_HOURS


def test_no_hours_set_means_always() -> None:
    desk = Desk(berlin(2024, 3, 9, 3, 0))  # a Saturday night
    s = desk.scheduler(None)
    assert s.state is BreakState.WAITING and s.until_hours() == 0.0
