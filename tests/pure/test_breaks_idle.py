"""Idle detection on fake clocks: sources behind the protocol, their fallbacks, absences."""

from __future__ import annotations

import datetime as dt

from hamstring_coach.engine.break_scheduler import (
    BreakCounted,
    BreakKind,
    BreakScheduler,
    BreakState,
)
from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.idle import AbsenceTracker, IdleWatch, choose
from hamstring_coach.system.idle import LogindIdle, TmuxIdle, WaylandIdle, X11Idle

MIN = 60.0


class FakeIdle:
    """A source whose idle time follows a fake clock and a last-input moment."""

    def __init__(self, name: str, clock: FakeClock, reason: str | None = None) -> None:
        self.name = name
        self.clock = clock
        self.reason = reason
        self.last_input = clock()
        self.fail = False

    def unavailable(self) -> str | None:
        return self.reason

    def idle_seconds(self) -> float | None:
        return None if self.fail else self.clock() - self.last_input

    def touch(self) -> None:
        self.last_input = self.clock()


def no_tool(_: str) -> None:
    return None


def test_choose_takes_the_first_usable_source_and_says_why_others_were_passed() -> None:
    clock = FakeClock(0.0)
    a = FakeIdle("a", clock, "not here")
    b = FakeIdle("b", clock)
    c = FakeIdle("c", clock)
    choice = choose([a, b, c])
    assert choice.source is b and choice.passed == (("a", "not here"),)
    none = choose([a, FakeIdle("d", clock, "nope")])
    assert none.source is None and [n for n, _ in none.passed] == ["a", "d"]


def test_real_sources_fall_back_in_order_on_a_bare_machine() -> None:
    env: dict[str, str] = {}
    sources = [TmuxIdle(env, which=no_tool), X11Idle(env, which=no_tool),
               LogindIdle(env, which=no_tool, booted=lambda: False), WaylandIdle(env)]
    choice = choose(sources)
    assert choice.source is None
    reasons = dict(choice.passed)
    assert "not inside tmux" in reasons["tmux client_activity"]
    assert "no X display" in reasons["X11 screensaver idle time"]
    assert "systemd is not running" in reasons["logind IdleHint (D-Bus)"]
    assert "not a Wayland session" in reasons["Wayland ext-idle-notify"]
    x11 = X11Idle({"DISPLAY": ":0"}, which=no_tool, has_module=lambda m: False)
    assert x11.unavailable() == "neither xprintidle nor python-xlib is installed"
    wayland = WaylandIdle({"WAYLAND_DISPLAY": "wayland-0"}).unavailable()
    assert wayland is not None and "ext-idle-notify" in wayland


def test_tmux_reads_the_newest_client_activity() -> None:
    calls: list[list[str]] = []

    def run(argv: list[str]) -> str | None:
        calls.append(argv)
        return "1700000000\n1700000090\n"

    tmux = TmuxIdle({"TMUX": "/tmp/tmux-0/default,1,0"}, run=run, which=lambda n: "/bin/tmux",
                    wall=lambda: 1700000100.0)
    assert tmux.unavailable() is None
    assert tmux.idle_seconds() == 10.0
    assert calls == [["tmux", "list-clients", "-F", "#{client_activity}"]]
    assert TmuxIdle({"TMUX": "x"}, run=lambda a: "\n", which=lambda n: "t").idle_seconds() is None
    assert TmuxIdle({"TMUX": "x"}, run=lambda a: None, which=lambda n: "t").idle_seconds() is None


def test_logind_reads_idle_hint_and_since() -> None:
    env = {"XDG_SESSION_ID": "3"}
    idle = LogindIdle(env, run=lambda a: "IdleHint=yes\nIdleSinceHintMonotonic=100000000\n",
                      which=lambda n: "/bin/loginctl", booted=lambda: True,
                      monotonic=lambda: 400.0)
    assert idle.unavailable() is None and idle.idle_seconds() == 300.0
    busy = LogindIdle(env, run=lambda a: "IdleHint=no\nIdleSinceHintMonotonic=0\n",
                      which=lambda n: "x", booted=lambda: True)
    assert busy.idle_seconds() == 0.0


def test_an_absence_is_measured_from_last_input_to_first_input_back() -> None:
    tracker = AbsenceTracker(threshold=2 * MIN)
    assert tracker.observe(30, now=100) is None  # typing
    assert tracker.observe(150, now=200) is None and tracker.away  # left at 50
    assert tracker.observe(None, now=260) is None and tracker.away  # a failed reading
    assert tracker.observe(400, now=450) is None
    assert tracker.observe(20, now=520) == 450.0  # back at 500: away 50..500
    assert not tracker.away
    assert tracker.observe(10, now=600) is None
    # idle under the threshold never counts, even if the readings are far apart
    assert tracker.observe(100, now=1000) is None


def watched(every: float = 45 * MIN) -> tuple[FakeClock, FakeIdle, BreakScheduler, IdleWatch]:
    clock = FakeClock(1000.0)
    source = FakeIdle("fake", clock)
    scheduler = BreakScheduler(every=every, clock=clock, today=lambda: dt.date(2024, 3, 5))
    return clock, source, scheduler, IdleWatch(source, clock, threshold=2 * MIN)


def test_a_short_absence_pauses_the_countdown() -> None:
    clock, source, scheduler, watch = watched()
    clock.advance(10 * MIN)
    source.touch()
    for _ in range(10):  # away ten minutes, read every minute
        clock.advance(MIN)
        assert watch.check() is None
    source.touch()  # back
    clock.advance(20)  # the next reading (at most every 20 s)
    absence = watch.check()
    assert absence == 10 * MIN
    assert scheduler.away(absence, clock_counted=absence) is False
    assert scheduler.remaining() == 35 * MIN - 20  # as it stood when they left
    assert scheduler.poll() == []


def test_a_long_absence_counts_as_a_break_taken() -> None:
    clock, source, scheduler, watch = watched()
    clock.advance(5 * MIN)
    source.touch()
    for _ in range(50):
        clock.advance(MIN)
        watch.check()
    source.touch()
    clock.advance(20)
    absence = watch.check()
    assert absence == 50 * MIN
    scheduler.poll()
    assert scheduler.state is BreakState.DUE  # came due while away
    assert scheduler.away(absence, clock_counted=absence) is True
    events = scheduler.poll()
    assert [e.kind for e in events if isinstance(e, BreakCounted)] == [BreakKind.AWAY]
    assert scheduler.state is BreakState.WAITING and scheduler.remaining() == 45 * MIN


def test_the_source_is_read_at_most_every_twenty_seconds() -> None:
    clock, _, _, watch = watched()
    for _ in range(60):  # the last minute: the screen wakes every second
        clock.advance(1)
        watch.check()
    assert watch.reads == 3
