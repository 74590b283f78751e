"""When the session screen wakes and when its picture changes (pure arithmetic)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from tui_support import START, write_session

from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.machine import Engine
from hamstring_coach.format import load_session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import Timeline
from hamstring_coach.tui.pacing import _to_next_cell, next_change, next_due, strip_step
from hamstring_coach.tui.view import describe


@pytest.fixture
def timeline(tmp_path: Path) -> Timeline:
    return compile_session(load_session(write_session(tmp_path)))


def at(timeline: Timeline, index: int, into: float) -> tuple[Engine, FakeClock]:
    clock = FakeClock(START)
    engine = Engine(timeline, clock, start_index=index)
    engine.advance()
    clock.advance(into)
    engine.advance()
    return engine, clock


def test_the_next_due_moment_is_the_countdown_turning_over(timeline: Timeline) -> None:
    engine, _ = at(timeline, 2, 7.3)  # hold of 20 s: 12.7 s left, shows 0:13
    assert next_due(engine) == pytest.approx(0.7)


def test_the_next_due_moment_is_a_sound_when_it_comes_first(timeline: Timeline) -> None:
    engine, _ = at(timeline, 1, 1.5)  # prepare 5 s: a tick at 2 s
    assert next_due(engine) == pytest.approx(0.5)


def test_the_next_due_moment_is_the_end_of_a_short_tempo_phase(timeline: Timeline) -> None:
    engine, _ = at(timeline, 11, 0.25)  # the 1 s pause
    assert next_due(engine) == pytest.approx(0.75)


def test_nothing_is_due_while_paused_waiting_or_finished(timeline: Timeline) -> None:
    engine, _ = at(timeline, 0, 3.0)
    assert next_due(engine) is None  # a wait
    engine, _ = at(timeline, 2, 3.0)
    engine.pause()
    engine.advance()
    assert next_due(engine) is None
    assert next_change(engine, strip_cells=78) == math.inf


def test_a_hold_changes_once_a_second(timeline: Timeline) -> None:
    engine, _ = at(timeline, 2, 7.3)  # 0:13 left, 0:12 done; strip cells of 2 s
    assert next_change(engine, strip_cells=10) == pytest.approx(0.7)


def test_a_fine_strip_fills_a_3s_lowering_in_six_half_second_steps(timeline: Timeline) -> None:
    engine, clock = at(timeline, 10, 0.1)  # lowering, 3 s over 40 cells: a cell each 75 ms
    soon = next_change(engine, strip_cells=40)
    assert soon == pytest.approx(0.4)  # at 0.5 s into the phase, not 75 ms later
    steps = []
    for _ in range(5):  # the strip moves twice a second here, never faster
        clock.advance(soon)
        engine.advance()
        steps.append(engine.phase_elapsed())
        soon = next_change(engine, strip_cells=40)
    assert steps == pytest.approx([0.5 * n for n in range(1, 6)])


def test_a_1s_phase_fills_in_thirds(timeline: Timeline) -> None:
    engine, clock = at(timeline, 11, 0.0)  # the 1 s pause over 12 cells
    steps = []
    while engine.index == 11:
        clock.advance(next_change(engine, strip_cells=12))
        engine.advance()
        steps.append(engine.phase_elapsed() if engine.index == 11 else 1.0)
    assert steps == pytest.approx([1 / 3, 2 / 3, 1.0])


def test_the_strip_steps_stay_within_two_and_three_a_second() -> None:
    assert [strip_step(s) for s in (0.5, 1, 2, 3, 4, 30)] == pytest.approx(
        [1 / 3, 1 / 3, 1 / 3, 0.5, 0.5, 0.5])


def test_a_coarse_strip_waits_for_its_cell_then_the_next_step(timeline: Timeline) -> None:
    engine, _ = at(timeline, 10, 0.1)  # 3 s over 4 cells: the first cell turns at 0.375 s
    assert next_change(engine, strip_cells=4) == pytest.approx(0.4)


def test_the_picture_really_stands_still_until_next_change(timeline: Timeline) -> None:
    engine, clock = at(timeline, 5, 2.2)
    before = describe(engine)
    wait = next_change(engine, strip_cells=1)  # coarse cells: the clock leads
    clock.advance(wait * 0.999)
    engine.advance()
    assert describe(engine).countdown == before.countdown
    assert describe(engine).elapsed == before.elapsed
    clock.advance(wait * 0.002)
    engine.advance()
    assert describe(engine).countdown != before.countdown


def test_a_hold_wakes_the_screen_once_a_second_whatever_the_progress_bar_does(
        timeline: Timeline) -> None:
    # The progress bar has some 65 cells whatever the session's length; it moves with
    # the elapsed time beside it, so a 20 s hold is 20 pictures (its strip's one cell
    # turns half-way, at 10 s, with the countdown), not 65 more.
    engine, clock = at(timeline, 2, 0.0)  # the 20 s hold
    phase = engine.phase
    wakes = 0
    while engine.phase is phase:
        clock.advance(next_change(engine, strip_cells=1))
        engine.advance()
        wakes += 1
    assert wakes == 20


def test_the_half_way_notice_going_is_a_change_of_the_picture(tmp_path: Path) -> None:
    """A 45 s hold is half way at 22.5 s; its notice goes at 25.5 s, between two seconds."""
    path = write_session(tmp_path, "long.yaml", "name: L\nsteps:\n"
                                                "  - {exercise: Hold, hold: 45, prepare: 0}\n")
    engine, _ = at(compile_session(load_session(path)), 0, 25.1)
    assert describe(engine).status == "Half way"
    assert next_change(engine, strip_cells=0) == pytest.approx(0.4)
    engine, _ = at(compile_session(load_session(path)), 0, 22.1)
    assert describe(engine).status == ""
    assert next_change(engine, strip_cells=0) == pytest.approx(0.4)



@pytest.mark.parametrize("done, total, cells", [(18.0, 108.0, 63), (1.0, 4.0, 2),
                                                (3.0, 12.0, 2), (2.5, 10.0, 1)])
def test_a_bar_exactly_half_way_into_a_cell_wakes_later_not_now(
        done: float, total: float, cells: int) -> None:
    """18 s of 108 over 63 cells is cell 10.5: its next change lies ahead, never at 0 s
    (round-half-to-even made it "now", and a clock standing still woke it for ever)."""
    wait = _to_next_cell(done, total, cells)
    assert 0 < wait <= total / cells
    shown = math.floor(cells * done / total + 0.5)
    assert math.floor(cells * (done + wait) / total + 0.5) in (shown, shown + 1)
