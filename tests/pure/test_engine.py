"""The engine on a fake clock: whole sessions on schedule, catching up, pausing, sleeping."""

from __future__ import annotations

import subprocess
import sys

import pytest
from engine_helpers import START, brief, finish, kinds, run_until, start
from timeline_factory import cue, every_kind, forty_minutes, hold, rest, timeline, work

from hamstring_coach.engine.events import (
    Event,
    Finished,
    Paused,
    PauseReason,
    PhaseStarted,
    SoundDue,
)
from hamstring_coach.engine.machine import Engine, EngineState
from hamstring_coach.plan.timeline import Sound, Timeline


def expected_events(tl: Timeline, starts: list[float]) -> list[tuple[object, ...]]:
    """Every event of a run without controls, from the phases' own data.

    ``starts`` are the clock times the phases start (and, last, the finish).
    """
    out: list[tuple[object, ...]] = []
    for phase, begin, end in zip(tl.phases, starts, starts[1:], strict=False):
        out.append(("start", phase.index, round(begin, 6)))
        out += [("sound", phase.index, c.sound.value, round(begin + c.offset, 6))
                for c in phase.sounds]
        out.append(("end", phase.index, round(end, 6), False, round(end - begin, 6), 0.0))
        if phase.ends_set:
            out.append("set")
    out += [("sound", len(tl.phases), s.value, round(starts[-1], 6)) for s in tl.final_sounds]
    out.append(("finished", round(starts[-1], 6)))
    return out


def test_forty_minutes_run_to_the_end_on_schedule() -> None:
    tl = forty_minutes()
    assert 38 * 60 < tl.total < 42 * 60 and tl.waits == 3
    engine, clock = start(tl)
    events: list[Event] = []
    continued: dict[int, float] = {}  # wait phase index -> when the person pressed Enter
    tick = 0
    while engine.state is not EngineState.FINISHED:
        tick += 1
        clock.set(START + tick / 10)
        events += engine.advance()
        if engine.state is EngineState.WAITING and engine.phase_elapsed() >= 2.0:
            continued[engine.index] = clock()
            engine.continue_()
    assert len(continued) == 3

    starts = [START]
    for phase in tl.phases:
        ends = continued[phase.index] if phase.is_wait else starts[-1] + (phase.duration or 0)
        starts.append(ends)
    got = [brief(e) if brief(e)[0] != "set" else "set" for e in events]
    assert got == expected_events(tl, starts)
    # Each event noticed at the first tick at or after its time (ticks are 0.1 s apart).
    assert all(0 <= e.at - e.scheduled < 0.1 + 1e-9 for e in events if hasattr(e, "scheduled"))
    waited = sum(continued[i] - starts[i] for i in continued)
    finished = events[-1]
    assert isinstance(finished, Finished)
    assert finished.scheduled == pytest.approx(START + tl.total + waited)
    assert engine.done_time == pytest.approx(tl.total + waited)
    assert engine.wait_time == pytest.approx(waited)
    assert (engine.skipped_time, engine.paused_time, engine.planned_time) == (0, 0, tl.total)
    assert engine.elapsed() == pytest.approx(tl.total + waited)


def test_a_late_advance_reports_everything_in_between_with_exact_times() -> None:
    tl = forty_minutes(waits=False)
    steady, clock = start(tl)
    on_time = run_until(steady, clock, START + tl.total + 1)
    for gap in (37.3, 600.0, tl.total + 1):
        late, clock = start(tl)
        caught_up: list[Event] = []
        while late.state is not EngineState.FINISHED:
            clock.advance(gap)
            now = clock()
            batch = late.advance()
            assert all(e.at in (now, START) for e in batch)  # START: the first phase
            caught_up += batch
        assert [brief(e) for e in caught_up] == [brief(e) for e in on_time]


def test_the_first_advance_starts_the_first_phase_with_its_start_sounds() -> None:
    tl = timeline(hold("Hold", 10, prepare=0), rest(5))
    engine, _ = start(tl)
    assert engine.state is EngineState.RUNNING and engine.index == 0
    assert [brief(e) for e in engine.advance()] == [
        ("start", 0, START), ("sound", 0, "go", START)]
    assert engine.advance() == []


def test_remaining_is_the_deadline_minus_now_and_the_session_totals_follow() -> None:
    tl = timeline(hold("Hold", 10, prepare=5), rest(20))  # prepare 5, hold 10, rest 20
    engine, clock = start(tl)
    run_until(engine, clock, START + 7.25)
    assert engine.index == 1
    assert engine.remaining() == pytest.approx(7.75)
    assert engine.phase_elapsed() == pytest.approx(2.25)
    assert engine.phase_duration() == 10
    assert engine.session_elapsed() == pytest.approx(7.25)
    assert engine.session_remaining() == pytest.approx(27.75)
    assert engine.next_phase() is tl.phases[2]
    assert engine.next_exercise_phase() is tl.phases[2]  # the rest step
    clock.advance(1.0)  # accessors describe the last advance(), so the screen stands still
    assert engine.remaining() == pytest.approx(7.75)


def test_pause_freezes_the_countdown_and_shifts_the_schedule() -> None:
    tl = timeline(hold("Hold", 10, prepare=0), rest(5))
    engine, clock = start(tl)
    run_until(engine, clock, START + 3)
    engine.pause()
    assert engine.state is EngineState.PAUSED and engine.paused_reason == "user"
    assert [brief(e) for e in engine.advance()] == [("paused", "user", START + 3)]
    assert run_until(engine, clock, START + 63) == []  # no ticks, no sounds, no end
    assert engine.remaining() == pytest.approx(7.0)
    assert engine.paused_time == pytest.approx(60.0)
    engine.toggle_pause()
    events = run_until(engine, clock, START + 80)
    assert [brief(e) for e in events][:6] == [
        ("resumed", START + 63),
        ("sound", 0, "tick", START + 67), ("sound", 0, "tick", START + 68),
        ("sound", 0, "tick", START + 69),
        ("end", 0, START + 70, False, 10.0, 0.0),
        ("set", 0, 1, None, None, 10.0, False),
    ]
    assert ("start", 1, START + 70) in [brief(e) for e in events]
    assert engine.finished_at == START + 75  # 15 s of phases + 60 s paused
    assert engine.done_time + engine.paused_time == pytest.approx(75.0)


def test_a_wait_waits_until_continue_and_can_be_paused() -> None:
    tl = timeline(cue("Lie down"), rest(5))
    engine, clock = start(tl)
    run_until(engine, clock, START + 30)
    assert engine.state is EngineState.WAITING
    assert (engine.remaining(), engine.phase_duration()) == (None, None)
    assert engine.phase_elapsed() == pytest.approx(30)
    engine.pause()
    run_until(engine, clock, START + 40)
    engine.continue_()  # no-op while paused
    assert engine.state is EngineState.PAUSED and engine.index == 0
    engine.resume()
    assert engine.state is EngineState.WAITING
    clock.advance(1)
    engine.continue_()
    events = engine.advance()
    assert [brief(e) for e in events] == [
        ("resumed", START + 40), ("end", 0, START + 41, False, 31.0, 0.0),
        ("start", 1, START + 41), ("sound", 1, "rest", START + 41)]
    assert engine.wait_time == pytest.approx(31)


def test_the_end_is_phase_ended_then_the_final_sounds_then_finished() -> None:
    tl = timeline(work("Swings", 5, prepare=0))
    engine, clock = start(tl)
    events = run_until(engine, clock, START + 6)
    assert [brief(e) for e in events][-4:] == [
        ("end", 0, START + 5, False, 5.0, 0.0), ("set", 0, 1, None, None, 5.0, False),
        ("sound", 1, Sound.DONE.value, START + 5), ("finished", START + 5)]
    assert engine.state is EngineState.FINISHED
    assert (engine.index, engine.phase, engine.remaining()) == (1, None, None)
    assert (engine.session_elapsed(), engine.session_remaining()) == (5.0, 0.0)
    assert engine.elapsed() == 5.0  # the clock stops counting at the finish
    for control in (engine.pause, engine.resume, engine.skip_phase, engine.skip_exercise,
                    engine.back, engine.restart_phase, engine.continue_):
        control()
    engine.adjust(10)
    clock.advance(100)
    assert engine.advance() == []
    assert engine.done_time + engine.paused_time == engine.elapsed() == 5.0


def test_start_index_resumes_at_a_phase() -> None:
    tl = every_kind()
    index = 5
    engine, clock = start(tl, start_index=index)
    events = engine.advance()
    assert isinstance(events[0], PhaseStarted) and events[0].phase is tl.phases[index]
    assert events[0].scheduled == START
    assert engine.session_elapsed() == tl.phases[index].start
    assert engine.planned_time == tl.total - tl.phases[index].start
    events += finish(engine, clock)
    assert min(e.phase.index for e in events if isinstance(e, PhaseStarted)) == index
    assert engine.done_time - engine.wait_time == pytest.approx(engine.planned_time)


@pytest.mark.parametrize("start_index", [-1, 32])
def test_start_index_outside_the_timeline_is_refused(start_index: int) -> None:
    with pytest.raises(ValueError, match="start_index"):
        start(every_kind(), start_index=start_index)


def test_an_empty_timeline_finishes_at_once() -> None:
    tl = timeline(cue("Nothing", 0))
    engine, _ = start(tl)
    assert kinds(engine.advance()) == ["sound", "finished"]
    assert engine.state is EngineState.FINISHED


def test_suspend_pauses_from_the_last_tick_before_the_gap() -> None:
    """A platform whose monotonic clock counts the hour the lid was shut."""
    tl = timeline(hold("Hold", 60, prepare=0), rest(5))
    engine, clock = start(tl)
    run_until(engine, clock, START + 10)
    clock.advance(3600)
    engine.suspended(since=START + 10)
    assert engine.state is EngineState.PAUSED and engine.paused_reason == "suspend"
    events = engine.advance()
    assert events == [Paused(PauseReason.SUSPEND, at=START + 3610, scheduled=START + 10)]
    assert engine.remaining() == pytest.approx(50)
    assert engine.paused_time == pytest.approx(3600)
    engine.resume()
    events = run_until(engine, clock, START + 3700)
    assert ("end", 0, START + 3660, False, 60.0, 0.0) in [brief(e) for e in events]


def test_suspend_catches_up_to_the_last_tick_first() -> None:
    """Phases that ended before the sleep are reported; nothing after it."""
    tl = timeline(hold("Hold", 5, prepare=0), rest(30))
    engine, clock = start(tl)
    engine.advance()
    clock.set(START + 8)  # the last tick came at +8, then the machine slept for 10 min
    clock.advance(600)
    engine.suspended(since=START + 8)
    events = engine.advance()
    assert kinds(events) == ["sound"] * 3 + ["end", "set", "start", "sound", "paused"]
    assert brief(events[5]) == ("start", 1, START + 5)
    assert engine.index == 1 and engine.remaining() == pytest.approx(27)


def test_suspend_on_linux_where_the_monotonic_clock_stood_still() -> None:
    tl = timeline(hold("Hold", 60, prepare=0))
    engine, clock = start(tl)
    run_until(engine, clock, START + 10)
    clock.advance(0.1)  # only a tick's worth passes on CLOCK_MONOTONIC
    engine.suspended(since=START + 10)
    assert engine.advance() == [Paused(PauseReason.SUSPEND, START + 10.1, START + 10)]
    assert engine.remaining() == pytest.approx(50)


def test_suspend_while_paused_keeps_the_users_pause() -> None:
    tl = timeline(hold("Hold", 60, prepare=0))
    engine, clock = start(tl)
    run_until(engine, clock, START + 10)
    engine.pause()
    engine.advance()
    clock.advance(100)
    engine.suspended(since=START + 10)
    assert engine.advance() == []
    assert engine.paused_reason == "user"


def test_suspend_since_before_the_last_advance_cannot_undo_it() -> None:
    tl = timeline(hold("Hold", 60, prepare=0))
    engine, clock = start(tl)
    run_until(engine, clock, START + 20)
    engine.suspended(since=START + 5)
    (paused,) = engine.advance()
    assert isinstance(paused, Paused) and paused.scheduled == START + 20
    assert engine.done_time == pytest.approx(20)


def test_sounds_at_the_same_offset_keep_the_timeline_order() -> None:
    tl = every_kind()
    engine, clock = start(tl)
    events = finish(engine, clock)
    sounds = [e for e in events if isinstance(e, SoundDue)]
    heard = [(s.phase_index, s.sound) for s in sounds if s.phase_index < len(tl.phases)]
    assert heard == [(p.index, c.sound) for p in tl.phases for c in p.sounds]


def test_the_core_runs_without_textual() -> None:
    code = ("import sys, hamstring_coach.engine.machine, hamstring_coach.engine.clock; "
            "assert 'textual' not in sys.modules, 'textual imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_engine_reads_only_the_clock_it_is_given() -> None:
    readings: list[float] = []

    def clock() -> float:
        readings.append(5.0)
        return 5.0

    engine = Engine(timeline(rest(10)), clock)
    engine.advance()
    assert readings == [5.0, 5.0] and engine.started_at == 5.0
