"""Plain mode on a fake clock: the lines a screen reader hears, and the keys."""

from __future__ import annotations

import io
from pathlib import Path

from tui_support import RecordingPlayer

from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.machine import Engine
from hamstring_coach.format import load_session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Sound
from hamstring_coach.run.ports import NullRecorder, RunStatus, SilentPlayer
from hamstring_coach.run.session_run import SessionRun
from hamstring_coach.tui.plain_loop import Key, run_plain

SESSION = """\
name: "Short [red]one"
steps:
  - exercise: "Bridge [@click=app.quit] hold"
    load: 10 kg
    sets: 2
    hold: 12
    rest: 6
  - cue: Stand up
"""


class ScriptedKeys:
    """Keys at given engine times; otherwise the wait moves the fake clock (never sleeps)."""

    def __init__(self, clock: FakeClock, script: list[tuple[float, Key]]) -> None:
        self.clock = clock
        self.script = script
        self.waits: list[float | None] = []

    def wait(self, timeout: float | None) -> Key | None:
        self.waits.append(timeout)
        if self.script and (timeout is None or self.script[0][0] <= self.clock() + timeout):
            at, key = self.script.pop(0)
            self.clock.set(max(at, self.clock()))
            return key
        if timeout is None:
            return Key.END
        self.clock.advance(timeout)
        return None


def _run(tmp_path: Path, script: list[tuple[float, Key]]) -> tuple[list[str], RunStatus]:
    path = tmp_path / "short.yaml"
    path.write_text(SESSION)
    timeline = compile_session(load_session(path))
    clock = FakeClock(0.0)
    run = SessionRun(Engine(timeline, clock), clock=clock, player=SilentPlayer(),
                     recorder=NullRecorder())
    out = io.StringIO()
    status = run_plain(run, ScriptedKeys(clock, script), out, terminal=False)
    return out.getvalue().splitlines(), status


HOLD = ["10 seconds left", "5 seconds left", "3", "2", "1", "End of Hold."]


def test_every_phase_and_milestone_is_one_line_and_text_is_escaped(tmp_path: Path) -> None:
    lines, status = _run(tmp_path, [(40.0, Key.CONTINUE)])
    assert status is RunStatus.FINISHED
    assert lines == [
        "Session: Short [red]one, 0:35 plus 1 wait.",
        "Input: an empty line ends a wait; p pauses, s skips, q quits.",
        "Bridge [@click=app.quit] hold (10 kg), Get ready, 5 seconds. "
        "Get into position · 2 × 12 s hold.",
        "3", "2", "1", "End of Get ready.",
        "Bridge [@click=app.quit] hold (10 kg), Hold, set 1 of 2, 12 seconds. Hold it, breathe.",
        *HOLD,
        "Bridge [@click=app.quit] hold (10 kg), Rest, 6 seconds. Next: set 2/2.",
        "5 seconds left", "3", "2", "1", "End of Rest.",
        "Bridge [@click=app.quit] hold (10 kg), Hold, set 2 of 2, 12 seconds. Hold it, breathe.",
        *HOLD,
        "Stand up. Wait: an empty line on input goes on.",
        "Session finished.",
    ]
    assert not any("\x1b" in line or "\x07" in line for line in lines)


def test_pause_skip_and_quit_are_said(tmp_path: Path) -> None:
    lines, status = _run(tmp_path, [(2.0, Key.PAUSE), (100.0, Key.PAUSE), (101.0, Key.SKIP),
                                    (103.0, Key.QUIT)])
    assert status is RunStatus.QUIT
    assert lines[3:] == [
        "Paused: a line p on input goes on.",
        "Going on.",
        "3",  # 3 s were left when it paused: said as it goes on
        "Skipped Get ready.",  # a skipped phase says no more milestones and no end
        "Bridge [@click=app.quit] hold (10 kg), Hold, set 1 of 2, 12 seconds. Hold it, breathe.",
        "Quit.",
    ]


def test_end_of_input_at_a_wait_quits_instead_of_hanging(tmp_path: Path) -> None:
    lines, status = _run(tmp_path, [])
    assert status is RunStatus.QUIT
    assert lines[-2:] == ["Stand up. Wait: an empty line on input goes on.",
                          "Input ended at a wait: quitting (kept in the history as quit)."]


def test_the_loop_waits_exactly_until_the_next_milestone(tmp_path: Path) -> None:
    path = tmp_path / "short.yaml"
    path.write_text(SESSION)
    clock = FakeClock(0.0)
    timeline = compile_session(load_session(path))
    run = SessionRun(Engine(timeline, clock), clock=clock, player=SilentPlayer(),
                     recorder=NullRecorder())
    keys = ScriptedKeys(clock, [(40.0, Key.CONTINUE)])
    run_plain(run, keys, io.StringIO(), terminal=False)
    # Get ready (5 s): 2 s to "3", 1, 1, 1 to its end; Hold (12 s): 2 s to "10", 5 to "5"...
    assert keys.waits[:9] == [2.0, 1.0, 1.0, 1.0, 2.0, 5.0, 2.0, 1.0, 1.0]


def test_half_way_is_a_line_of_its_own_on_time(tmp_path: Path) -> None:
    """A 25 s hold marked half-way (halfway: 20): the loop wakes at 12.5 s and says so."""
    path = tmp_path / "half.yaml"
    path.write_text("name: Half\ndefaults: {halfway: 20}\nsteps:\n"
                    "  - {exercise: Bridge, hold: 25, prepare: 0}\n")
    clock = FakeClock(0.0)
    player = RecordingPlayer()
    run = SessionRun(Engine(compile_session(load_session(path)), clock), clock=clock,
                     player=player, recorder=NullRecorder())
    keys = ScriptedKeys(clock, [])
    out = io.StringIO()
    run_plain(run, keys, out, terminal=False)
    lines = out.getvalue().splitlines()
    hold = lines.index(next(line for line in lines if line.startswith("Bridge, Hold")))
    assert lines[hold + 1:hold + 4] == ["Half way.", "10 seconds left", "5 seconds left"]
    assert keys.waits[:2] == [12.5, 2.5]  # woken at half way, then at 10 s left
    assert Sound.HALFWAY in player.played  # on time, so the sound played too
