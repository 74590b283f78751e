"""The waiting screen under Pilot: p pauses for a meeting, working hours, time away
from the keyboard (a fake idle source), and the control socket served on the app's loop."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from breaks_support import EVERY, SNOOZE, Machine, Recorded, app_config, short_timeline
from textual.widgets import Digits, Static

from hamstring_coach.engine.break_scheduler import BreakKind, BreakState
from hamstring_coach.engine.hours import parse_hours
from hamstring_coach.engine.idle import IdleWatch
from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.run.break_mode import BreakSettings
from hamstring_coach.system.control import Claim
from hamstring_coach.tui.app import CoachApp
from hamstring_coach.tui.break_app import BreakConfig, make_break_app
from hamstring_coach.tui.screens.break_wait import BreakScreen

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def timeline(tmp_path: Path) -> Timeline:
    return short_timeline(tmp_path)


class FakeIdle:
    name = "fake"

    def __init__(self, machine: Machine) -> None:
        self.machine = machine
        self.last = machine.mono()

    def unavailable(self) -> str | None:
        return None

    def idle_seconds(self) -> float | None:
        return self.machine.mono() - self.last


def make(timeline: Timeline, machine: Machine, rec: Recorded, *, hours: str | None = None,
         start: dt.datetime | None = None, idle: IdleWatch | None = None,
         control: Claim | None = None) -> CoachApp:
    origin = machine.clock()
    begin = (start or dt.datetime(2024, 3, 5, 10, 0, tzinfo=BERLIN)).astimezone(dt.UTC)

    def wall() -> dt.datetime:
        return (begin + dt.timedelta(seconds=machine.clock() - origin)).astimezone(BERLIN)

    return make_break_app(timeline, "tiny", BreakConfig(
        BreakSettings(every=EVERY, snooze=SNOOZE, hours=parse_hours(hours) if hours else None,
                      pause=3600.0),
        app_config(machine, rec), record=rec.record, notify_desktop=rec.notify,
        today=lambda: wall().date(), break_watch=machine.watch(), wall=wall, idle=idle,
        control=control))


def texts(app: CoachApp) -> tuple[str, str, str]:
    screen = app.screen
    assert isinstance(screen, BreakScreen)
    return (str(screen.query_one("#break-heading", Static).render()),
            screen.query_one("#break-countdown", Digits).value,
            str(screen.query_one("#break-status", Static).render()))


async def test_p_pauses_for_an_hour_and_it_resumes_by_itself(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    app = make(timeline, machine, rec)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        machine.advance(15 * 60)
        await pilot.press("p")
        heading, number, status = texts(app)
        assert (heading, number) == ("Paused: breaks resume in", "60")
        assert "then 30 min to a break" in status
        machine.advance(3600)
        screen.tick()
        await pilot.pause()
        assert texts(app)[0] == "Next stretch break in" and texts(app)[1] == "30"
        await pilot.press("p")
        await pilot.press("p")  # resume at once
        assert texts(app)[0] == "Next stretch break in"


async def test_outside_working_hours_the_screen_says_so(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    app = make(timeline, machine, rec, hours="mon-fri,09:00-17:30",
               start=dt.datetime(2024, 3, 8, 17, 0, tzinfo=BERLIN))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        machine.advance(30 * 60)
        screen.tick()
        await pilot.pause()
        heading, _, status = texts(app)
        assert heading == "Outside working hours"
        assert status == "mon-fri 09:00-17:30 · breaks start again Mon 09:00"
        assert rec.played == []


async def test_back_from_a_long_absence_counts_as_a_break(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    source = FakeIdle(machine)
    app = make(timeline, machine, rec, idle=IdleWatch(source, machine.mono, threshold=120))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        for _ in range(50):  # fifty minutes away, the screen waking each minute
            machine.advance(60)
            screen.tick()
        source.last = machine.mono()  # a key: back
        machine.advance(20)  # the next reading
        screen.tick()
        await pilot.pause()
        assert BreakKind.AWAY in rec.breaks
        assert screen.scheduler.state is BreakState.WAITING
        assert texts(app)[1] == "45"


async def test_the_control_socket_is_served_on_the_apps_loop(timeline: Timeline) -> None:
    machine, rec = Machine(), Recorded()
    claim = Claim()
    app = make(timeline, machine, rec, control=claim)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        async def ask(line: bytes) -> dict[str, object]:
            reader, writer = await asyncio.open_unix_connection(str(claim.path))
            writer.write(line)
            await writer.drain()
            reply = await asyncio.wait_for(reader.readline(), 5)
            writer.close()
            data = json.loads(reply)
            assert isinstance(data, dict)
            return data

        status = await ask(b'{"cmd":"status"}\n')
        assert status["ok"] is True
        assert status["status"]["next_break"] == EVERY  # type: ignore[index]
        assert (await ask(b'{"cmd":"pause","seconds":600}\n'))["ok"] is True
        assert texts(app)[0] == "Paused: breaks resume in"
        hostile = await ask(b'{"cmd":"\\u001b[2J"}\n')
        assert hostile["ok"] is False and "unknown command" in str(hostile["error"])
        huge = await ask(b"{" + b" " * 10000 + b"}\n")
        assert huge == {"ok": False, "error": "request too long"}
        # A client that connects and says nothing is not waited for forever, nor blocks others.
        _, silent = await asyncio.open_unix_connection(str(claim.path))
        assert (await ask(b'{"cmd":"resume"}\n'))["ok"] is True
        silent.close()
        await pilot.press("q")
    assert not claim.path.exists()
