"""Break mode and the real SQLite history: each break is a row, today's tally survives a
restart, and a history that cannot be written is said once, not fatal."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from breaks_support import EVERY, SNOOZE, Machine, Recorded, app_config, short_timeline
from textual.widgets import Static

from hamstring_coach.engine.break_scheduler import BreakKind, DayCounts
from hamstring_coach.history.break_log import break_recorder, todays_counts
from hamstring_coach.run.break_mode import BreakSettings
from hamstring_coach.system import paths
from hamstring_coach.tui.break_app import BreakConfig, make_break_app
from hamstring_coach.tui.screens.break_wait import BreakScreen


def rows() -> list[tuple[str, str | None]]:
    conn = sqlite3.connect(paths.history_file())
    try:
        return conn.execute("SELECT kind, session_id FROM breaks ORDER BY id").fetchall()
    finally:
        conn.close()


def test_each_break_is_a_row_and_today_is_read_back() -> None:
    record = break_recorder("desk-break")
    for kind in (BreakKind.TAKEN, BreakKind.SNOOZED, BreakKind.TAKEN, BreakKind.AWAY,
                 BreakKind.SKIPPED):
        assert record(kind) is None
    assert rows() == [("taken", "desk-break"), ("snoozed", "desk-break"),
                      ("taken", "desk-break"), ("away", "desk-break"),
                      ("skipped", "desk-break")]
    today = dt.date.today()
    assert todays_counts(today) == DayCounts(today, taken=2, snoozed=1, skipped=1, away=1)
    assert todays_counts(today + dt.timedelta(days=1)) == DayCounts(
        today + dt.timedelta(days=1))


def test_no_history_yet_is_an_empty_day() -> None:
    today = dt.date.today()
    assert todays_counts(today) == DayCounts(today)


async def test_restarted_mid_day_the_tally_goes_on(tmp_path: Path) -> None:
    record = break_recorder("tiny")
    record(BreakKind.TAKEN)
    record(BreakKind.SKIPPED)
    machine, rec = Machine(), Recorded()
    today = dt.date.today()
    app = make_break_app(short_timeline(tmp_path), "tiny", BreakConfig(
        BreakSettings(every=EVERY, snooze=SNOOZE), app_config(machine, rec),
        notify_desktop=rec.notify, today=lambda: today, counts=todays_counts(today),
        break_watch=machine.watch()))  # the real break recorder (history) is the default
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        machine.advance(EVERY)
        screen.tick()
        await pilot.press("k")
        today_line = str(screen.query_one("#break-today", Static).render())
        assert today_line == "Today: 1 taken · 0 snoozed · 2 skipped"
    assert [kind for kind, _ in rows()] == ["taken", "skipped", "skipped"]


async def test_history_that_cannot_be_written_is_said_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the history's folder should be")
    monkeypatch.setenv("HAMSTRING_COACH_HISTORY", str(blocker / "history.sqlite3"))
    machine, rec = Machine(), Recorded()
    app = make_break_app(short_timeline(tmp_path), "tiny", BreakConfig(
        BreakSettings(every=EVERY, snooze=SNOOZE), app_config(machine, rec),
        notify_desktop=rec.notify, break_watch=machine.watch()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        for _ in range(2):
            machine.advance(EVERY)
            screen.tick()
            await pilot.press("k")
        messages = [n.message for n in app._notifications]
        assert len(messages) == 1 and messages[0].startswith("History not saved")
        assert "2 skipped" in str(screen.query_one("#break-today", Static).render())
