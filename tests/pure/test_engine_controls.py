"""Every control in every kind of phase: pause, skip, back, restart, adjust, continue."""

from __future__ import annotations

import pytest
from engine_helpers import START, brief, finish, kinds, run_until, start
from timeline_factory import every_kind, first_of, hold, reps, tempo, timeline

from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.events import PhaseEnded, PhaseStarted, SoundDue
from hamstring_coach.engine.machine import BACK_THRESHOLD, MIN_REMAINING, Engine, EngineState
from hamstring_coach.plan.timeline import Phase, PhaseKind, Sound, SoundCue, Timeline

K = PhaseKind
TL = every_kind()
PHASES = {
    "prepare": first_of(TL, K.PREPARE), "hold": first_of(TL, K.HOLD),
    "work": first_of(TL, K.WORK), "set": first_of(TL, K.SET),
    "lower": first_of(TL, K.LOWER), "pause": first_of(TL, K.PAUSE),
    "lift": first_of(TL, K.LIFT), "switch": first_of(TL, K.SWITCH),
    "rest": first_of(TL, K.REST), "cue-timed": first_of(TL, K.CUE, wait=False),
    "cue-wait": first_of(TL, K.CUE, wait=True),
}
ALL = pytest.mark.parametrize("name", list(PHASES))
TIMED = pytest.mark.parametrize("name", [n for n, p in PHASES.items() if not p.is_wait])
WAITS = pytest.mark.parametrize("name", [n for n, p in PHASES.items() if p.is_wait])


def enter(name: str, into: float) -> tuple[Engine, FakeClock, Phase]:
    """An engine ``into`` seconds into the phase called ``name``, events so far consumed."""
    phase = PHASES[name]
    engine, clock = start(TL, start_index=phase.index)
    run_until(engine, clock, START + into)
    assert engine.phase is phase
    return engine, clock, phase


def length(phase: Phase) -> float:
    return phase.duration or 0.0


@ALL
def test_pause_stands_still_and_resume_goes_on_where_it_was(name: str) -> None:
    engine, clock, phase = enter(name, 1.0)
    engine.pause()
    assert engine.state is EngineState.PAUSED
    assert kinds(engine.advance()) == ["paused"]
    assert run_until(engine, clock, START + 500) == []
    assert engine.phase is phase and engine.phase_elapsed() == pytest.approx(1.0)
    engine.resume()
    assert engine.state is (EngineState.WAITING if phase.is_wait else EngineState.RUNNING)
    events = run_until(engine, clock, START + 500 + max(length(phase) - 1.0, 0) + 0.05)
    assert kinds(events)[0] == "resumed"
    if not phase.is_wait:  # ends on its deadline, moved on by the 499 s paused
        ended = next(e for e in events if isinstance(e, PhaseEnded))
        assert ended.scheduled == pytest.approx(START + 499 + length(phase))
    assert engine.paused_time == pytest.approx(499)


@ALL
def test_skip_phase_ends_it_and_starts_the_next_now(name: str) -> None:
    engine, _clock, phase = enter(name, 1.0)
    engine.skip_phase()
    assert engine.index == phase.index + 1
    events = engine.advance()
    rest = length(phase) - 1.0 if not phase.is_wait else 0.0
    assert brief(events[0]) == ("end", phase.index, START + 1, True, 1.0, rest)
    expected = ["end", *(["set"] if phase.ends_set else []), "start"]
    nxt = TL.phases[phase.index + 1]
    expected += ["sound"] * sum(1 for c in nxt.sounds if c.offset == 0)
    assert kinds(events) == expected
    started = next(e for e in events if isinstance(e, PhaseStarted))
    assert (started.phase, started.scheduled) == (nxt, START + 1)
    assert engine.skipped_time == pytest.approx(rest)
    assert engine.remaining() == nxt.duration


@ALL
def test_skip_exercise_goes_to_the_first_phase_of_the_next_step(name: str) -> None:
    engine, _clock, phase = enter(name, 1.0)
    target = next((p for p in TL.phases if p.step_index > phase.step_index), None)
    engine.skip_exercise()
    events = engine.advance()
    passed = [p for p in TL.phases[phase.index + 1:]
              if target is None or p.index < target.index]
    ended = [e for e in events if isinstance(e, PhaseEnded)]
    assert [e.phase for e in ended] == [phase, *passed]
    assert all(e.skipped and e.scheduled == START + 1 for e in ended)
    rest = 0.0 if phase.is_wait else length(phase) - 1.0
    assert engine.skipped_time == pytest.approx(rest + sum(length(p) for p in passed))
    assert kinds(events).count("set") == sum(p.ends_set for p in [phase, *passed])
    if target is None:
        assert kinds(events)[-1] == "finished"
    else:
        assert engine.phase is target
        after = next((p for p in TL.phases if p.step_index > target.step_index), None)
        assert engine.next_exercise_phase() is after
        assert brief(next(e for e in events if isinstance(e, PhaseStarted))) == (
            "start", target.index, START + 1)


@ALL
def test_back_late_in_a_phase_restarts_it(name: str) -> None:
    into = BACK_THRESHOLD + 0.5
    engine, _clock, phase = enter(name, into)
    engine.back()
    events = engine.advance()
    assert brief(events[0]) == ("end", phase.index, START + into, True, into, 0.0)
    assert brief(events[1]) == ("start", phase.index, START + into)
    assert engine.phase is phase and engine.phase_elapsed() == 0
    assert engine.remaining() == phase.duration
    # The offset-0 sounds play again: the phase is heard starting over.
    assert [e.sound for e in events if isinstance(e, SoundDue)] == [
        c.sound for c in phase.sounds if c.offset == 0]


@ALL
def test_back_early_in_a_phase_goes_to_the_previous_one(name: str) -> None:
    engine, _clock, phase = enter(name, 1.0)
    engine.back()
    events = engine.advance()
    previous = TL.phases[max(phase.index - 1, 0)]  # the first phase restarts
    assert brief(events[0]) == ("end", phase.index, START + 1, True, 1.0, 0.0)
    assert brief(events[1]) == ("start", previous.index, START + 1)
    assert engine.phase is previous and engine.phase_elapsed() == 0
    assert "set" not in kinds(events)  # going back does not end a set


@ALL
def test_restart_phase_starts_it_over_whatever_the_time_in(name: str) -> None:
    engine, _clock, phase = enter(name, 0.5)
    engine.restart_phase()
    events = engine.advance()
    assert [brief(e)[:2] for e in events[:2]] == [("end", phase.index), ("start", phase.index)]
    assert engine.phase is phase and engine.phase_elapsed() == 0
    # The half second run is ahead again (a wait has no scheduled time to repeat).
    repeated = 0.0 if phase.is_wait else 0.5
    assert engine.planned_time == pytest.approx(TL.total - phase.start + repeated)


@TIMED
def test_adjust_adds_and_takes_ten_seconds(name: str) -> None:
    engine, clock, phase = enter(name, 1.0)
    engine.adjust(+10)
    assert engine.phase_duration() == length(phase) + 10
    assert engine.remaining() == pytest.approx(length(phase) + 9)
    engine.adjust(-10)
    assert engine.phase_duration() == length(phase)
    assert 2 < length(phase) <= 12  # so the next -10 would leave less than a second
    engine.adjust(-10)
    assert engine.remaining() == pytest.approx(MIN_REMAINING)
    engine.adjust(-10)  # never below a second left
    assert engine.remaining() == pytest.approx(MIN_REMAINING)
    assert engine.planned_time == pytest.approx(TL.total - phase.start - length(phase) + 2)
    events = run_until(engine, clock, START + 3)
    ended = next(e for e in events if isinstance(e, PhaseEnded))
    assert (ended.phase, ended.skipped) == (phase, False)
    assert ended.scheduled == pytest.approx(START + 2)


@WAITS
def test_adjust_does_nothing_to_a_wait(name: str) -> None:
    engine, _clock, _phase = enter(name, 1.0)
    engine.adjust(+10)
    assert (engine.phase_duration(), engine.state) == (None, EngineState.WAITING)
    assert engine.advance() == []


@WAITS
def test_continue_ends_a_wait(name: str) -> None:
    engine, _clock, phase = enter(name, 4.0)
    engine.continue_()
    events = engine.advance()
    assert brief(events[0]) == ("end", phase.index, START + 4, False, 4.0, 0.0)
    assert engine.index == phase.index + 1
    assert engine.wait_time == pytest.approx(4.0)


@TIMED
def test_continue_does_nothing_in_a_timed_phase(name: str) -> None:
    engine, _clock, phase = enter(name, 1.0)
    engine.continue_()
    assert engine.advance() == [] and engine.phase is phase


def test_adjust_moves_the_countdown_ticks_with_the_end() -> None:
    tl = timeline(hold("Stretch", 30, prepare=0, function=("stretch",)))
    engine, clock = start(tl)
    run_until(engine, clock, START + 10)
    engine.adjust(+10)  # now 40 s: halfway at 20, ticks at 37, 38, 39
    events = run_until(engine, clock, START + 41)
    assert [brief(e) for e in events if isinstance(e, SoundDue)][:4] == [
        ("sound", 0, "halfway", START + 20), ("sound", 0, "tick", START + 37),
        ("sound", 0, "tick", START + 38), ("sound", 0, "tick", START + 39)]


def test_taking_time_drops_the_sounds_already_passed() -> None:
    tl = timeline(hold("Hold", 30, prepare=0))
    engine, clock = start(tl)
    run_until(engine, clock, START + 18.5)
    engine.adjust(-10)  # 20 s: ticks at 17 (passed: dropped), 18 (passed), 19
    events = run_until(engine, clock, START + 21)
    sounds = [brief(e) for e in events if isinstance(e, SoundDue)]
    assert sounds == [("sound", 0, "tick", START + 19), ("sound", 1, "done", START + 20)]


def test_adding_time_after_the_countdown_began_counts_down_again() -> None:
    tl = timeline(hold("Hold", 10, prepare=0))
    engine, clock = start(tl)
    run_until(engine, clock, START + 8.5)  # ticks at 7 and 8 played
    engine.adjust(+10)
    events = run_until(engine, clock, START + 21)
    ticks = [e.scheduled - START for e in events
             if isinstance(e, SoundDue) and e.sound is Sound.TICK]
    assert ticks == [17, 18, 19]


def test_controls_while_paused_stay_paused() -> None:
    engine, clock, phase = enter("hold", 1.0)
    engine.pause()
    clock.advance(5)
    engine.skip_phase()
    assert engine.state is EngineState.PAUSED and engine.index == phase.index + 1
    clock.advance(5)
    engine.back()
    assert engine.state is EngineState.PAUSED and engine.phase is phase
    events = engine.advance()
    # Nothing is heard while paused: the new phase's start sounds wait for resume.
    assert "sound" not in kinds(events)
    engine.resume()
    events = engine.advance()
    assert kinds(events) == ["resumed", "sound"]
    assert engine.paused_time == pytest.approx(10)
    assert engine.done_time + engine.paused_time == pytest.approx(engine.elapsed())


def test_back_from_the_next_phase_does_not_count_the_set_twice() -> None:
    tl = timeline(reps("Curl", 1, tempo(2, 0, 2, 0), sets=2, rest=5, prepare=0))
    engine, clock = start(tl)
    events = run_until(engine, clock, START + 4.5)  # the set ended at 4, rest began
    engine.back()  # 0.5 s into the rest: back into the set's last phase
    events += finish(engine, clock)
    assert kinds(events).count("set") == 2


def test_sounds_at_the_same_time_come_in_their_cue_order() -> None:
    phase = Phase(index=0, kind=K.HOLD, label="Hold", duration=4, start=0, step_index=0,
                  sounds=(SoundCue(2, Sound.HALFWAY), SoundCue(0, Sound.GO),
                          SoundCue(2, Sound.TICK)))
    tl = Timeline(session=TL.session, phases=(phase,), total=4, waits=0)
    engine, clock = start(tl)
    events = run_until(engine, clock, START + 5)
    assert [e.sound for e in events if isinstance(e, SoundDue)] == [
        Sound.GO, Sound.HALFWAY, Sound.TICK, Sound.DONE]
