"""The clocks and the sleep watch, with fake clock functions (no sleeping)."""

from __future__ import annotations

import time

import pytest

from hamstring_coach.engine.clock import (
    BOOTTIME,
    FakeClock,
    ScaledClock,
    SleepWatch,
    Slept,
    monotonic,
)


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(10.0)
    assert clock() == clock() == 10.0
    assert clock.advance(2.5) == 12.5
    clock.set(20.0)
    assert clock() == 20.0
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.set(19.0)


def test_scaled_clock_runs_speed_times_faster_than_its_base() -> None:
    base = FakeClock(1000.0)
    scaled = ScaledClock(60.0, base=base)
    start = scaled()
    base.advance(0.5)
    assert scaled() - start == pytest.approx(30.0)
    base.advance(1.0)
    assert scaled() - start == pytest.approx(90.0)


@pytest.mark.parametrize("speed", [0, -2, float("inf"), float("nan")])
def test_scaled_clock_refuses_a_speed_that_is_not_positive(speed: float) -> None:
    with pytest.raises(ValueError, match="speed"):
        ScaledClock(speed, base=FakeClock())


def test_monotonic_is_the_system_monotonic_clock() -> None:
    before = time.monotonic()
    now = monotonic()
    assert before <= now <= time.monotonic()


class Machine:
    """A machine's two clocks: monotonic stops while suspended, boottime does not."""

    def __init__(self) -> None:
        self.mono = FakeClock(500.0)
        self.boot = FakeClock(800.0)

    def run(self, seconds: float) -> None:
        self.mono.advance(seconds)
        self.boot.advance(seconds)

    def suspend(self, seconds: float) -> None:
        self.boot.advance(seconds)


def test_boottime_jump_reports_the_time_suspended_and_the_last_check_before() -> None:
    machine = Machine()
    watch = SleepWatch(monotonic=machine.mono, boottime=machine.boot)
    assert watch.check() is None  # the first check only takes a reading
    for _ in range(20):
        machine.run(0.1)
        assert watch.check() is None
    last = machine.mono()
    machine.suspend(3600.0)
    machine.run(0.1)
    slept = watch.check()
    assert slept == Slept(since=last, seconds=pytest.approx(3600.0), session_since=last)
    machine.run(0.1)
    assert watch.check() is None  # reported once


def test_a_short_boottime_jump_is_not_a_sleep() -> None:
    machine = Machine()
    watch = SleepWatch(monotonic=machine.mono, boottime=machine.boot)
    watch.check()
    machine.suspend(1.5)  # clock adjustment noise, under the 2 s threshold
    machine.run(0.1)
    assert watch.check() is None


def test_without_boottime_a_long_gap_between_checks_is_a_sleep() -> None:
    mono = FakeClock(50.0)  # a platform whose monotonic clock counts suspended time
    watch = SleepWatch(monotonic=mono, boottime=None, gap_threshold=5.0)
    watch.check()
    for _ in range(10):
        mono.advance(0.2)
        assert watch.check() is None
    mono.advance(4.9)  # a slow tick is not a sleep
    assert watch.check() is None
    last = mono()
    mono.advance(600.0)
    slept = watch.check()
    assert slept is not None
    assert (slept.since, slept.seconds) == (last, pytest.approx(600.0))


def test_with_boottime_a_stopped_program_is_noticed_by_the_gap() -> None:
    machine = Machine()  # Ctrl-Z: both clocks run, nobody ticks
    watch = SleepWatch(monotonic=machine.mono, boottime=machine.boot)
    watch.check()
    machine.run(120.0)
    slept = watch.check()
    assert slept is not None and slept.seconds == pytest.approx(120.0)


def test_gap_detection_can_be_turned_off() -> None:
    machine = Machine()
    watch = SleepWatch(monotonic=machine.mono, boottime=machine.boot, gap_threshold=None)
    watch.check()
    machine.run(120.0)
    assert watch.check() is None


def test_session_since_is_the_session_clock_at_the_previous_check() -> None:
    machine = Machine()
    session = ScaledClock(10.0, base=machine.mono)  # --speed 10
    watch = SleepWatch(monotonic=machine.mono, boottime=machine.boot, session_clock=session)
    watch.check()
    machine.run(0.2)
    watch.check()
    before = session()
    machine.suspend(30.0)
    machine.run(0.2)
    slept = watch.check()
    assert slept is not None
    assert slept.session_since == before
    assert slept.since == machine.mono() - 0.2


@pytest.mark.skipif(BOOTTIME is None, reason="no CLOCK_BOOTTIME on this platform")
def test_the_real_clocks_show_no_sleep_between_two_quick_checks() -> None:
    watch = SleepWatch()
    watch.check()
    assert watch.check() is None
