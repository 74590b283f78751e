"""Every key of the session screen, driven through the real app with the Pilot.

Each test presses a key and checks both the engine and what the screen shows.
The clock is fake: ``rig.move(s)`` moves it and lets the screen notice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Digits, Static
from tui_support import Rig, rig, write_session

from hamstring_coach.engine.clock import SleepWatch
from hamstring_coach.engine.machine import EngineState
from hamstring_coach.run.ports import SilentPlayer
from hamstring_coach.tui.screens.confirm import ConfirmScreen
from hamstring_coach.tui.screens.session import SessionScreen
from hamstring_coach.tui.screens.summary import SummaryScreen
from hamstring_coach.tui.widgets.banner import PhaseBanner

SIZE = (80, 24)


@pytest.fixture
def session_file(tmp_path: Path) -> str:
    return str(write_session(tmp_path))


def countdown(r: Rig) -> str:
    return r.app.screen.query_one("#countdown", Digits).value.strip()


def banner(r: Rig) -> str:
    return str(r.app.screen.query_one(PhaseBanner).content).replace(" ", "")


def footer_keys(r: Rig) -> dict[str, str]:
    return {key: active.binding.description
            for key, active in r.app.screen.active_bindings.items()
            if active.binding.show and active.enabled}


async def test_opens_on_the_first_phase_a_wait_for_a_key(session_file: str) -> None:
    r = rig(session_file)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert r.screen.run.engine.state is EngineState.WAITING
        assert r.text("#cue") == "Lie face down on a mat"
        assert r.text("#status") == "Press Enter or Space to continue"
        assert footer_keys(r)["space"] == "Continue"


@pytest.mark.parametrize("key", ["space", "enter"])
async def test_space_and_enter_end_a_wait(session_file: str, key: str) -> None:
    r = rig(session_file)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert r.screen.run.engine.index == 1
        assert banner(r) == "GETREADY"
        assert r.text("#exercise") == "Heel press"
        assert countdown(r) == "0:05"


async def test_space_pauses_and_resumes_a_running_phase(session_file: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(4.2)
        await pilot.press("space")
        engine = r.screen.run.engine
        assert engine.state is EngineState.PAUSED
        assert banner(r) == "PAUSED"
        assert r.text("#status") == "Paused: press Space to go on"
        assert footer_keys(r)["space"] == "Resume"
        r.move(60.0)  # a paused screen stands still
        assert countdown(r) == "0:16"
        await pilot.press("space")
        assert engine.state is EngineState.RUNNING
        assert banner(r) == "HOLD"
        assert footer_keys(r)["space"] == "Pause"
        r.move(1.0)
        assert countdown(r) == "0:15"


async def test_enter_resumes_after_a_pause(session_file: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert r.screen.run.engine.state is EngineState.PAUSED
        await pilot.press("enter")
        assert r.screen.run.engine.state is EngineState.RUNNING


async def test_n_skips_the_phase(session_file: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert r.screen.run.engine.index == 3
        assert banner(r) == "SWITCHSIDE"
        assert r.text("#position") == "Set 1/2 · Right side"


@pytest.mark.parametrize("key", ["x", "N"])
async def test_x_and_shift_n_skip_the_exercise(session_file: str, key: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        assert r.screen.run.engine.index == 9
        assert r.text("#exercise") == "Slow curl · 10 kg"
        assert banner(r) == "GETREADY"


async def test_b_goes_back_to_the_previous_phase_early_and_restarts_later(
        session_file: str) -> None:
    r = rig(session_file, start_index=3)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(1.0)
        await pilot.press("b")  # 1 s in: the previous phase
        engine = r.screen.run.engine
        assert engine.index == 2
        assert banner(r) == "HOLD" and countdown(r) == "0:20"
        r.move(5.0)
        await pilot.press("b")  # 5 s in: this phase from its start
        assert engine.index == 2 and countdown(r) == "0:20"


async def test_r_restarts_the_phase(session_file: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(12.5)
        assert countdown(r) == "0:08"
        await pilot.press("r")
        assert r.screen.run.engine.index == 2
        assert countdown(r) == "0:20"


@pytest.mark.parametrize("key", ["plus", "equals_sign"])
async def test_plus_and_equals_add_ten_seconds(session_file: str, key: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(5.0)
        await pilot.press(key)
        assert r.screen.run.engine.remaining() == pytest.approx(25.0)
        assert countdown(r) == "0:25"


async def test_minus_takes_ten_seconds(session_file: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(5.0)
        await pilot.press("minus")
        assert r.screen.run.engine.remaining() == pytest.approx(5.0)
        assert countdown(r) == "0:05"


async def test_m_mutes_and_unmutes(session_file: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert r.text("#sound") == "♪ on"
        assert footer_keys(r)["m"] == "Mute"
        await pilot.press("m")
        assert r.player.muted
        assert r.text("#sound") == "♪ muted"
        assert footer_keys(r)["m"] == "Unmute"
        await pilot.press("m")
        assert not r.player.muted
        assert r.text("#sound") == "♪ on"


async def test_q_asks_first_and_no_keeps_the_session_going(session_file: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        assert isinstance(r.app.screen, ConfirmScreen)
        session = r.app.screen_stack[-2]
        assert isinstance(session, SessionScreen)
        assert session.run.engine.state is EngineState.PAUSED  # no time lost while asked
        await pilot.press("n")
        assert r.app.screen is session
        assert session.run.engine.state is EngineState.RUNNING
        assert r.recorder.status is None


async def test_q_then_y_quits_and_records_the_run_as_quit(session_file: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.press("y")
        await pilot.pause()
    assert r.recorder.status == "quit"
    assert r.app.return_value == 0


async def test_escape_in_the_dialog_means_no(session_file: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.press("escape")
        assert isinstance(r.app.screen, SessionScreen)


async def test_ctrl_c_quits_at_once_and_cleanly(session_file: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert r.recorder.status == "quit"
    assert r.app.return_value == 130  # like a shell after SIGINT (README)


async def test_the_end_shows_the_summary_and_enter_leaves(session_file: str) -> None:
    r = rig(session_file, start_index=9)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(15.0)
        await pilot.pause()
        assert isinstance(r.app.screen, SummaryScreen)
        assert r.recorder.status == "finished"
        assert r.text("#heading") == "Session complete"
        await pilot.press("enter")
        await pilot.pause()
    assert r.app.return_value == 0


async def test_q_on_the_summary_quits_without_asking(session_file: str) -> None:
    r = rig(session_file, start_index=15)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(1.0)
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not r.app.is_running


async def test_sounds_reach_the_player_as_phases_start(session_file: str) -> None:
    r = rig(session_file, start_index=9)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(8):  # prepare 5 s (ticks at 2, 3, 4), lower 3 s, then the pause
            r.move(1.0)
        assert [s.value for s in r.player.played] == ["tick", "tick", "tick", "go", "pause"]


async def test_a_sleep_pauses_the_session_and_says_so(session_file: str) -> None:
    real = {"mono": 500.0, "boot": 900.0}
    r = rig(session_file, start_index=2)
    watch = SleepWatch(monotonic=lambda: real["mono"], boottime=lambda: real["boot"],
                       session_clock=r.clock)
    r.app.config.sleep_watch = watch
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(3.0)
        real["mono"] += 3.0
        real["boot"] += 3.0
        # The lid closes for ten minutes: boottime runs on, monotonic does not.
        real["boot"] += 600.0
        r.move(600.0)
        await pilot.pause()
        engine = r.screen.run.engine
        assert engine.state is EngineState.PAUSED
        assert engine.paused_reason == "suspend"
        assert banner(r) == "PAUSED"
        assert r.text("#status") == "Paused: the computer was asleep"
        assert countdown(r) == "0:17"
        assert [n.title for n in r.app._notifications] == ["Welcome back"]
        await pilot.press("space")
        assert engine.state is EngineState.RUNNING
        await pilot.pause()
        assert not r.app._notifications  # "press Space to go on": done, so the toast goes


async def test_ctrl_z_pauses_a_running_session_before_the_process_stops(
        session_file: str) -> None:
    """Ctrl+Z suspends the process (Textual's SIGTSTP; the real stop and the repaint
    after ``fg`` are in tests/e2e/test_e2e_tmux.py): the time away is not exercise, so a
    running session pauses first and is there, paused, on the way back."""
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(3.0)
        await pilot.press("ctrl+z")
        engine = r.screen.run.engine
        assert engine.state is EngineState.PAUSED and engine.paused_reason == "user"
        assert r.text("#status") == "Paused: press Space to go on"
        r.move(600.0)  # away for ten minutes: none of it counts
        await pilot.press("space")
        assert engine.state is EngineState.RUNNING and countdown(r) == "0:17"


async def test_the_command_palette_offers_the_screen_keys(session_file: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {c.title: c for c in r.app.get_system_commands(r.app.screen)}
        for title in ("Pause", "Skip phase", "Skip exercise", "Back", "Restart phase",
                      "Add 10 s", "Take 10 s", "Mute", "Quit"):
            assert title in commands
        commands["Skip phase"].callback()
        await pilot.pause()
        assert r.screen.run.engine.index == 3


async def test_the_palette_opens_with_ctrl_p_and_runs_a_command(session_file: str) -> None:
    r = rig(session_file, start_index=2)
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"skip exercise")
        # The palette searches in the background: wait for its match (a hang guard,
        # not a timing), then run it.
        for _ in range(500):
            hits = r.app.screen.query(CommandList)
            if hits and any("Skip exercise" in str(option.prompt)
                            for option in hits.first().options):
                break
            await pilot.pause(0.01)
        await pilot.press("enter")
        await pilot.pause()
        assert r.screen.run.engine.index == 9


async def test_without_sound_m_is_not_offered_and_the_bar_says_sound_off(
        session_file: str) -> None:
    r = rig(session_file, start_index=2, player=SilentPlayer())
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert r.text("#sound") == "sound off"
        assert "m" not in footer_keys(r)
        await pilot.press("m")
        assert r.text("#sound") == "sound off"


async def test_the_quit_dialog_counts_only_the_time_done(session_file: str) -> None:
    """Skipped and paused time is not 'done' (it was: 'the session so far')."""
    r = rig(session_file, start_index=2)  # a 20 s hold
    async with r.app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        r.move(5.0)
        await pilot.press("n")  # 15 s skipped
        r.move(3.0)
        await pilot.press("space")
        r.move(30.0)  # paused
        await pilot.press("space", "q")
        await pilot.pause()
        dialog = r.app.screen
        assert isinstance(dialog, ConfirmScreen)
        text = " ".join(str(s.content) for s in dialog.query(Static))
        assert "0:08 done" in text
