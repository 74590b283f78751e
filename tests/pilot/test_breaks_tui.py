"""Break mode through the real app (make_break_app) under the Pilot, on fake clocks.

The scheduler and both screens read a FakeClock; the sleep watch reads a
fake monotonic and a fake boot-time clock, so a suspend is simulated the
way Linux shows it: boot time moves on, monotonic time does not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from breaks_support import (
    DAY,
    EVERY,
    SNOOZE,
    Machine,
    Recorded,
    app_config,
    build,
    short_timeline,
)
from textual.pilot import Pilot
from textual.widgets import Digits, Static

from hamstring_coach.engine.break_scheduler import BreakKind, BreakState, DayCounts
from hamstring_coach.format import load_session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Sound, Timeline
from hamstring_coach.run.break_mode import BreakSettings
from hamstring_coach.tui.app import CoachApp
from hamstring_coach.tui.break_app import BreakConfig, make_break_app
from hamstring_coach.tui.screens.break_wait import BreakScreen
from hamstring_coach.tui.screens.session import SessionScreen


@pytest.fixture
def timeline(tmp_path: Path) -> Timeline:
    return short_timeline(tmp_path)


def screen_of(app: CoachApp) -> BreakScreen:
    screen = app.screen
    assert isinstance(screen, BreakScreen), f"on {type(screen).__name__}"
    return screen


def shown(app: CoachApp) -> dict[str, str]:
    """The waiting screen's words and numbers, as the person sees them."""
    screen = screen_of(app)
    return {
        "heading": str(screen.query_one("#break-heading", Static).render()),
        "countdown": screen.query_one("#break-countdown", Digits).value
        + " " + str(screen.query_one("#break-unit", Static).render()),
        "status": str(screen.query_one("#break-status", Static).render()),
        "today": str(screen.query_one("#break-today", Static).render()),
        "session": str(screen.query_one("#break-session", Static).render()),
    }


def footer_keys(app: CoachApp) -> dict[str, str]:
    return {b.binding.description: key for key, b in app.screen.active_bindings.items()
            if b.enabled and b.binding.show}


async def wake(pilot: Pilot[int], machine: Machine, seconds: float = 0.0) -> None:
    """Let ``seconds`` pass on the machine, then let the screen wake as its timer would."""
    machine.advance(seconds)
    if isinstance(pilot.app.screen, BreakScreen):
        pilot.app.screen.tick()
    await pilot.pause()


async def finish_session(pilot: Pilot[int], machine: Machine, timeline: Timeline) -> None:
    """Run the break session to its end on the fake clock, a quarter second at a time."""
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    for _ in range(int(timeline.total * 4) + 2):
        machine.advance(0.25)
        screen.tick()
    await pilot.pause()
    await pilot.pause()


async def test_due_snooze_due_again_start_finish_back_to_waiting(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    app = build(timeline, machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = shown(app)
        assert view["heading"] == "Next stretch break in" and view["countdown"] == "45 minutes"
        assert view["session"] == "Tiny break · 0:05"
        assert view["today"] == "Today: 0 taken · 0 snoozed · 0 skipped"
        assert footer_keys(app) == {"Start now": "enter", "Pause": "p", "Quit": "q"}

        await wake(pilot, machine, 44 * 60 + 58.3)
        assert shown(app)["countdown"] == "2 seconds"
        assert rec.played == [] and rec.desktop == []

        await wake(pilot, machine, 1.7)
        view = shown(app)
        assert view["heading"] == "Stretch break due" and screen_of(app).has_class("-due")
        assert view["countdown"] == "0:05 of stretching"
        assert rec.played == [Sound.BREAK]
        assert rec.desktop == [("Stretch break", "Time for Tiny break (0:05).")]
        assert footer_keys(app) == {"Start": "enter", "Snooze": "s", "Skip": "k",
                                    "Pause": "p", "Quit": "q"}

        await pilot.press("s")
        view = shown(app)
        assert view["heading"] == "Snoozed: break in" and view["countdown"] == "5 minutes"
        assert not screen_of(app).has_class("-due")
        assert "1 snoozed" in view["today"]
        await wake(pilot, machine, SNOOZE)
        assert shown(app)["heading"] == "Stretch break due"
        assert rec.played == [Sound.BREAK, Sound.BREAK]  # due again: alerted again

        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)  # the same coaching screen as `run`
        await finish_session(pilot, machine, timeline)
        view = shown(app)
        assert view["heading"] == "Next stretch break in" and view["countdown"] == "45 minutes"
        assert view["today"] == "Today: 1 taken · 1 snoozed · 0 skipped"
        assert rec.breaks == [BreakKind.SNOOZED, BreakKind.TAKEN]
        assert [n.message for n in app._notifications] == ["Break done. Back to work!"]
        # the session's own sounds went to the same player, after the two alerts
        assert rec.played[:3] == [Sound.BREAK, Sound.BREAK, Sound.GO]
        assert rec.played[-1] == Sound.DONE


async def test_skip_is_counted(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    app = build(timeline, machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        await wake(pilot, machine, EVERY)
        await pilot.press("k")
        view = shown(app)
        assert view["heading"] == "Next stretch break in" and view["countdown"] == "45 minutes"
        assert view["today"] == "Today: 0 taken · 0 snoozed · 1 skipped"
        assert rec.breaks == [BreakKind.SKIPPED]
        await pilot.press("k", "s")  # nothing is due: neither does anything
        assert rec.breaks == [BreakKind.SKIPPED]


async def test_snooze_limit(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    app = build(timeline, machine, rec, max_snoozes=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await wake(pilot, machine, EVERY)
        assert "s snooze 5 min, 1 left" in shown(app)["status"]
        assert footer_keys(app)["Snooze"] == "s"
        await pilot.press("s")
        await wake(pilot, machine, SNOOZE)
        assert "no snoozes left" in shown(app)["status"]
        assert "Snooze" not in footer_keys(app)  # not offered after the last one
        await pilot.press("s")  # the key still says why
        await pilot.pause()
        assert shown(app)["heading"] == "Stretch break due"  # refused: still due
        assert [n.message for n in app._notifications] == [
            "Already snoozed once: start the break or skip it."]
        assert rec.breaks == [BreakKind.SNOOZED]
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)


async def quit_session(pilot: Pilot[int]) -> None:
    """q on the coaching screen, then y to confirm."""
    assert isinstance(pilot.app.screen, SessionScreen)
    await pilot.press("q")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()


async def test_start_early_and_quit_at_once_is_skipped(timeline: Timeline) -> None:
    """Starting a break is not taking it: quit before any set is done, it is skipped."""
    machine, rec = Machine(), Recorded()
    app = build(timeline, machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        await wake(pilot, machine, 10 * 60)
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        assert rec.breaks == []  # not counted while it runs
        machine.advance(3)
        await quit_session(pilot)
        view = shown(app)
        assert view["countdown"] == "45 minutes"  # a full interval after the break
        assert view["today"] == "Today: 0 taken · 0 snoozed · 1 skipped"
        assert rec.breaks == [BreakKind.SKIPPED]


async def test_every_phase_skipped_is_skipped(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    app = build(timeline, machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        await wake(pilot, machine, EVERY)
        await pilot.press("enter")
        for _ in range(6):  # prepare, the hold, ... until the session is over
            if not isinstance(app.screen, SessionScreen):
                break
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, BreakScreen)
        assert shown(app)["today"] == "Today: 0 taken · 0 snoozed · 1 skipped"
        assert rec.breaks == [BreakKind.SKIPPED]
        # The session ran to its end, but the break is skipped: it says so, never "Break done".
        assert [n.message for n in app._notifications] == [
            "No set completed: this break counts as skipped."]


TWO_SETS = """\
name: Two-set break
steps:
  - exercise: Standing heel pull
    hold: 4
    sets: 2
    rest: 3
    prepare: 1
"""


async def test_one_set_done_then_quit_is_taken(tmp_path: Path) -> None:
    path = tmp_path / "two.yaml"
    path.write_text(TWO_SETS, encoding="utf-8")
    two = compile_session(load_session(path))
    machine, rec = Machine(), Recorded()
    app = build(two, machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        await wake(pilot, machine, EVERY)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        for _ in range(4 * 6):  # prepare 1 s + the first hold 4 s + 1 s of the rest
            machine.advance(0.25)
            screen.tick()
        await pilot.pause()
        await quit_session(pilot)
        assert shown(app)["today"] == "Today: 1 taken · 0 snoozed · 0 skipped"
        assert rec.breaks == [BreakKind.TAKEN]
        assert [n.message for n in app._notifications] == [
            "Break ended early: it counts as taken (a set was completed)."]


@pytest.mark.parametrize(("asleep", "counted"), [(EVERY, True), (EVERY + 3600, True),
                                                 (EVERY - 60, False), (120.0, False)])
async def test_suspend_longer_and_shorter_than_the_interval(
        timeline: Timeline, asleep: float, counted: bool) -> None:
    machine, rec = Machine(), Recorded()
    app = build(timeline, machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        await wake(pilot, machine, 30 * 60)
        assert shown(app)["countdown"] == "15 minutes"
        machine.suspend(asleep)
        await wake(pilot, machine, 0.5)
        view = shown(app)
        if counted:
            assert view["countdown"] == "45 minutes"
            assert view["today"] == "Today: 0 taken · 1 away · 0 snoozed · 0 skipped"
            assert rec.breaks == [BreakKind.AWAY]
            assert "counts as a break" in next(n.message for n in app._notifications)
        else:  # neither a break nor sitting: the countdown carries on where it stood
            assert view["countdown"] == "15 minutes"  # not "1 minute" left, or less
            assert screen_of(app).scheduler.remaining() == pytest.approx(15 * 60 - 0.5)
            assert rec.breaks == [] and "away" not in view["today"]
        assert rec.played == []


@pytest.mark.parametrize(("away", "counted"), [(EVERY + 10, True), (10 * 60.0, False)])
async def test_time_away_the_clock_counted(timeline: Timeline, away: float,
                                           counted: bool) -> None:
    """Stopped with Ctrl-Z, or a platform whose monotonic clock runs in sleep: the clocks
    all jump together, and only the gap between two wakes shows the absence."""
    machine, rec = Machine(), Recorded()
    app = build(timeline, machine, rec, watch=machine.watch(gap=5.0))
    async with app.run_test(size=(80, 24)) as pilot:
        await wake(pilot, machine, 30.0)
        assert shown(app)["countdown"] == "45 minutes"
        await wake(pilot, machine, away)
        if counted:
            assert shown(app)["countdown"] == "45 minutes"
            assert rec.breaks == [BreakKind.AWAY]
        else:  # not a break, and not sitting: back to where it stood at the planned wake
            assert shown(app)["countdown"] == "44 minutes"  # not 34
            assert screen_of(app).scheduler.remaining() == pytest.approx(44 * 60, abs=0.01)
            assert rec.breaks == [] and rec.played == []


async def test_suspend_while_due_for_an_interval_clears_it(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    app = build(timeline, machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        await wake(pilot, machine, EVERY)
        assert screen_of(app).has_class("-due")
        machine.suspend(2 * EVERY)  # the laptop went home for the night
        await wake(pilot, machine, 0.2)
        assert not screen_of(app).has_class("-due")
        assert shown(app)["countdown"] == "45 minutes"
        assert rec.breaks == [BreakKind.AWAY]


@pytest.mark.parametrize("jump", [dt.timedelta(hours=-1), dt.timedelta(hours=1),
                                  dt.timedelta(minutes=-90)])
async def test_wall_clock_jump_changes_nothing(timeline: Timeline, jump: dt.timedelta) -> None:
    """Five past one, summer time ends (or the clock is set): the wall clock moves,
    even back into yesterday; the countdown and today's tally do not."""
    machine, rec = Machine(), Recorded()
    wall = [dt.datetime(2024, 10, 27, 0, 0)]
    app = make_break_app(timeline, "tiny", BreakConfig(
        BreakSettings(every=EVERY, snooze=SNOOZE), app_config(machine, rec),
        record=rec.record, notify_desktop=rec.notify, today=lambda: wall[0].date(),
        break_watch=machine.watch()))
    async with app.run_test(size=(80, 24)) as pilot:
        await wake(pilot, machine, EVERY)
        wall[0] += dt.timedelta(seconds=EVERY)
        await pilot.press("k")
        await wake(pilot, machine, 20 * 60)
        wall[0] += dt.timedelta(minutes=20)
        before = shown(app)
        assert before["countdown"] == "25 minutes" and "1 skipped" in before["today"]
        wall[0] += jump
        await wake(pilot, machine, 1)
        after = shown(app)
        assert after["countdown"] == "25 minutes"
        assert screen_of(app).scheduler.remaining() == 24 * 60 + 59
        assert after["today"] == before["today"]
        assert rec.breaks == [BreakKind.SKIPPED] and rec.played == [Sound.BREAK]


async def test_new_day_starts_a_new_tally(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    app = build(timeline, machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        await wake(pilot, machine, EVERY)
        await pilot.press("k")
        assert "1 skipped" in shown(app)["today"]
        machine.day = DAY + dt.timedelta(days=1)
        await wake(pilot, machine, 1)
        assert shown(app)["today"] == "Today: 0 taken · 0 snoozed · 0 skipped"
        assert screen_of(app).scheduler.counts == DayCounts(machine.day)


async def test_quit_from_waiting(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    app = build(timeline, machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 0
    assert rec.breaks == []  # quitting records nothing


async def test_small_terminal_still_shows_the_countdown(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    app = build(timeline, machine, rec)
    async with app.run_test(size=(40, 12)) as pilot:
        await wake(pilot, machine, 60)
        screen = screen_of(app)
        digits = screen.query_one("#break-countdown", Digits)
        assert digits.value == "44" and digits.region.height == 3
        assert screen.query_one("#break-status", Static).region.height >= 1
        assert screen.scheduler.state is BreakState.WAITING


async def test_player_warning_is_shown_once(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    rec.warning = "No sound device: ringing the terminal bell instead [alsa]"
    app = build(timeline, machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        await wake(pilot, machine, 60)
        await wake(pilot, machine, 60)
        assert [n.message for n in app._notifications] == [rec.warning]


async def test_the_player_warning_toasted_in_break_mode_is_not_repeated_by_a_break(
        timeline: Timeline) -> None:
    """One warning, one showing: the toast on the waiting screen, not the break's top bar too."""
    machine, rec = Machine(), Recorded()
    rec.warning = "No sound device: ringing the terminal bell instead [alsa]"
    app = build(timeline, machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        await wake(pilot, machine, 10 * 60)
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        await pilot.pause()
        top = str(app.screen.query_one("#session-name", Static).content)
        assert top == timeline.session.name  # the session's name, not the warning again
        assert rec.warning in app.warnings_shown
        assert [n.message for n in app._notifications] == [rec.warning]
