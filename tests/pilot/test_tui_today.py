"""The programme in the picker and in break mode, through the real app under Pilot.

A real ``programme.yaml`` in the (temporary) config folder, a real SQLite
history with a finished run, a fixed "today".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from breaks_support import Machine, Recorded, build, short_timeline
from textual.widgets import OptionList, Static
from tui_support import rig

from hamstring_coach.history import open_recorder
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.run import library
from hamstring_coach.run.ports import RunStatus
from hamstring_coach.system import paths
from hamstring_coach.tui.screens.picker import PickerScreen
from hamstring_coach.tui.screens.stats import StatsScreen

SIZE = (80, 24)
PROGRAMME = """\
name: Test plan
start: 2026-12-07
weeks: 12
days:
  mon: tone
  daily: activation
deload: [2]
"""
MONDAY = date(2026, 12, 14)  # week 2, a deload week
TUESDAY = date(2026, 12, 15)


def _programme(text: str = PROGRAMME) -> None:
    path = paths.programme_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _finished(session_id: str, when: datetime) -> None:
    timeline = compile_session(library.load(session_id))
    times = iter([when, when + timedelta(minutes=6)])
    recorder = open_recorder(timeline, session_spec=session_id, wall_clock=lambda: next(times))
    recorder.close(status=RunStatus.FINISHED)
    assert recorder.saved


def _rows(screen: PickerScreen) -> list[str]:
    options = screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_todays_sessions_come_first_with_a_mark() -> None:
    _programme()
    _finished("activation", datetime(2026, 12, 14, 7, 30).astimezone())
    r = rig(today=lambda: MONDAY)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = r.app.screen
        assert isinstance(screen, PickerScreen)
        assert [e.id for e in screen.shown][:2] == ["activation", "tone"]
        rows = _rows(screen)
        assert rows[0].startswith("✓ Hamstring activation")
        assert rows[1].startswith("● Tone and build")
        assert not rows[2].startswith(("●", "✓"))
        assert screen.query_one(OptionList).border_title == \
            "Today · week 2 · deload · 1 to do"
        legend = str(screen.query_one("#legend", Static).content)
        assert legend.startswith("● due today · ✓ done today · + waits for you")
        await pilot.press("enter")  # the first row: today's first session
        await pilot.pause()
        assert r.app.screen.__class__.__name__ == "SessionScreen"


async def test_a_rest_day_says_nothing_due_today() -> None:
    _programme(PROGRAMME.replace("  daily: activation\n", ""))
    r = rig(today=lambda: TUESDAY)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = r.app.screen
        assert isinstance(screen, PickerScreen)
        assert screen.query_one(OptionList).border_title == \
            "Nothing due today (week 2 · deload)"
        assert [e.id for e in screen.shown] == [e.id for e in library.discover()]
        assert not any(row.startswith(("●", "✓")) for row in _rows(screen))


async def test_without_a_programme_the_picker_is_as_before() -> None:
    r = rig(today=lambda: MONDAY)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = r.app.screen
        assert isinstance(screen, PickerScreen)
        assert screen.query_one(OptionList).border_title == ""
        assert [e.id for e in screen.shown] == [e.id for e in library.discover()]


async def test_break_mode_mentions_an_undone_daily_session(tmp_path: Path) -> None:
    _programme()
    machine = Machine()
    machine.day = MONDAY
    app = build(short_timeline(tmp_path), machine, Recorded())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = str(app.screen.query_one("#break-programme", Static).content)
        assert line == ("Not done today: activation (your programme's daily session; "
                        "hamstring-coach run activation)")


async def test_break_mode_says_nothing_once_it_is_done(tmp_path: Path) -> None:
    _programme()
    _finished("activation", datetime(2026, 12, 14, 7, 30).astimezone())
    machine = Machine()
    machine.day = MONDAY
    app = build(short_timeline(tmp_path), machine, Recorded())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(app.screen.query_one("#break-programme", Static).content) == ""


async def test_a_session_id_with_markup_is_shown_as_text(tmp_path: Path) -> None:
    folder = paths.user_sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "[bold red]x.yaml").write_text("name: Odd\nsteps:\n  - cue: Go\n"
                                             "    duration: 5\n", encoding="utf-8")
    _programme(PROGRAMME.replace("daily: activation", 'daily: "[bold red]x"'))
    machine = Machine()
    machine.day = MONDAY
    app = build(short_timeline(tmp_path), machine, Recorded())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#break-programme", Static).render()
        assert "Not done today: [bold red]x (your programme's" in str(line)


async def test_a_short_terminal_shows_the_headline_as_the_title() -> None:
    _programme(PROGRAMME.replace("  daily: activation\n", ""))
    r = rig(today=lambda: TUESDAY)
    async with r.app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert r.text("#title") == "Nothing due today (week 2 · deload)"
    r = rig(today=lambda: date(2026, 12, 1))
    async with r.app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert r.text("#title") == "Choose a session"
        assert r.app.screen.query_one(OptionList).border_title == \
            "Nothing due today: starts 07 Dec"


def _strength_plan(start: date) -> None:
    folder = paths.user_sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "strength.yaml").write_text(
        "name: Strength\nsteps:\n  - {exercise: Curl, function: knee-flexion, sets: 3, "
        "reps: 8, tempo: 3-1-1-0, rest: 60}\n", encoding="utf-8")
    _programme(f"name: Test plan\nstart: {start.isoformat()}\nweeks: 6\n"
               "days: {mon: strength, thu: strength}\ndeload: [3]\n")


async def test_the_stats_screen_shows_the_programme() -> None:
    today = date.today()
    start = today - timedelta(days=today.weekday(), weeks=1)
    _strength_plan(start)
    _finished("strength", datetime.combine(start, datetime.min.time()).replace(hour=18)
              .astimezone())
    r = rig()
    async with r.app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(r.app.screen, StatsScreen)
        text = str(r.app.screen.query_one("#stats-programme", Static).content)
        assert "Programme: Test plan (week 2 of 6)" in text
        assert "1/2, 1 missed" in text
