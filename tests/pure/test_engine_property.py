"""Property: whatever the person presses and however the clock moves, the time adds up.

Random sessions (compiled by the real compiler), random controls and clock
steps, then the session is run to its end. At every ``advance()`` and at the
end (see the accounting in :mod:`hamstring_coach.engine.machine`):

- clock: time done + time paused == the clock since the start;
- plan: timed time done + time skipped + time still ahead == the planned time,
  which is the timeline's length when nothing was adjusted or gone back over;
- the events tell the same story as the counters, in clock order.
"""

from __future__ import annotations

from typing import Any

from engine_helpers import START, finish
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from timeline_factory import cue, hold, reps, rest, tempo, timeline, work

from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.events import Event, Finished, PhaseEnded, PhaseStarted, SoundDue
from hamstring_coach.engine.machine import Engine, EngineState
from hamstring_coach.format.model import Sides, Step
from hamstring_coach.plan.leadin import lead_in as resume_lead_in
from hamstring_coach.plan.timeline import Phase, Timeline

TOL = 1e-6
seconds = st.integers(0, 12).map(float) | st.floats(0.5, 12.0, allow_nan=False)


@st.composite
def steps(draw: st.DrawFn) -> Step:
    """One step of any kind, small enough to run quickly."""
    common: dict[str, Any] = {
        "sets": draw(st.integers(1, 3)),
        "sides": draw(st.sampled_from(Sides)),
        "rest": draw(seconds), "prepare": draw(seconds), "side_switch": draw(seconds),
        "countdown": draw(st.integers(0, 3)),
    }
    kind = draw(st.sampled_from(["cue", "timed-cue", "rest", "hold", "work", "tempo",
                                 "self-paced"]))
    if kind == "cue":
        return cue("Wait for me")
    if kind == "timed-cue":
        return cue("Read me", draw(seconds))
    if kind == "rest":
        return rest(draw(seconds))
    if kind == "hold":
        return hold("Hold", draw(st.floats(1, 40)), **common)
    if kind == "work":
        return work("Swings", draw(seconds), **common)
    if kind == "self-paced":
        return reps("Curl", draw(st.integers(1, 12)), **common)
    pace = tempo(*(draw(st.integers(0, 3)) for _ in range(4)))
    return reps("Curl", draw(st.integers(1, 3)), pace, **common)


timelines = st.lists(steps(), min_size=1, max_size=4).map(lambda s: timeline(*s))

Op = tuple[str, float]
tick = st.tuples(st.just("tick"), st.floats(0.0, 20.0))
control = st.tuples(st.sampled_from(["pause", "resume", "toggle", "continue", "skip",
                                     "skip_exercise", "back", "restart"]), st.just(0.0))
adjust = st.tuples(st.just("adjust"), st.sampled_from([10.0, -10.0]))
sleep = st.tuples(st.just("sleep"), st.floats(0.0, 600.0))
simple_ops = st.lists(tick | tick | st.tuples(st.sampled_from(
    ["pause", "resume", "toggle", "continue", "skip", "skip_exercise"]), st.just(0.0)) | sleep,
    max_size=40)
all_ops = st.lists(tick | tick | control | adjust | sleep, max_size=40)


class Ledger:
    """Checks an engine's counters against each other and against its events."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.events: list[Event] = []

    def take(self, events: list[Event]) -> None:
        engine = self.engine
        assert not any(isinstance(e, Finished) for e in self.events) or events == []
        self.events += events
        ats = [e.at for e in self.events]
        assert ats == sorted(ats)  # reported in the order noticed
        for e in events:
            if not isinstance(e, Finished | PhaseStarted | PhaseEnded | SoundDue):
                continue
            assert e.scheduled <= e.at + TOL  # never reported before its time
        # Clock: done + paused is the clock since the start (up to the finish).
        assert abs(engine.done_time + engine.paused_time - engine.elapsed()) < TOL
        # Plan: timed done + skipped + still ahead is the plan.
        ahead = engine.session_remaining()
        timed = engine.done_time - engine.wait_time
        assert abs(timed + engine.skipped_time + ahead - engine.planned_time) < TOL
        # The events tell the same: each ended visit's done and skipped time.
        ended = [e for e in self.events if isinstance(e, PhaseEnded)]
        done = sum(e.done_seconds for e in ended) + engine.phase_elapsed()
        assert abs(done - engine.done_time) < TOL
        assert abs(sum(e.skipped_seconds for e in ended) - engine.skipped_time) < TOL
        if engine.state is not EngineState.FINISHED:
            last = [e for e in self.events if isinstance(e, PhaseStarted)][-1]
            assert last.phase is engine.phase
            remaining = engine.remaining()
            if remaining is not None:
                assert 0 <= remaining <= (engine.phase_duration() or 0) + TOL
        assert -TOL <= engine.session_elapsed() <= engine.timeline.total + TOL


def play(tl: Timeline, ops: list[Op], *, start_index: int = 0,
         lead_in: Phase | None = None) -> tuple[Engine, Ledger]:
    clock = FakeClock(START)
    engine = Engine(tl, clock, start_index=start_index, lead_in=lead_in)
    ledger = Ledger(engine)
    ledger.take(engine.advance())
    for name, value in ops:
        if name == "tick":
            clock.advance(value)
        elif name == "sleep":  # the machine slept `value` s after the last tick
            since = clock()
            clock.advance(value)
            engine.suspended(since=since)
        elif name == "adjust":
            engine.adjust(value)
        else:
            control = {"toggle": "toggle_pause", "continue": "continue_",
                       "skip": "skip_phase", "restart": "restart_phase"}.get(name, name)
            getattr(engine, control)()
        ledger.take(engine.advance())
    finish(engine, clock, check=ledger.take)
    return engine, ledger


@settings(max_examples=300, deadline=None)
@given(tl=timelines, ops=all_ops)
def test_done_skipped_and_paused_add_up_to_the_clock_and_the_plan(
        tl: Timeline, ops: list[Op]) -> None:
    engine, ledger = play(tl, ops)
    assert engine.state is EngineState.FINISHED
    assert isinstance(ledger.events[-1], Finished)
    assert engine.session_remaining() == 0
    assert engine.finished_at is not None
    assert abs(engine.done_time + engine.paused_time
               - (engine.finished_at - engine.started_at)) < TOL
    assert abs(engine.done_time - engine.wait_time + engine.skipped_time
               - engine.planned_time) < TOL


@settings(max_examples=300, deadline=None)
@given(tl=timelines, ops=simple_ops)
def test_without_adjust_or_back_done_and_skipped_make_the_timeline(
        tl: Timeline, ops: list[Op]) -> None:
    engine, ledger = play(tl, ops)
    assert engine.planned_time == tl.total
    assert abs(engine.done_time - engine.wait_time + engine.skipped_time - tl.total) < TOL
    # Every phase was started or passed over exactly once, in order.
    ended = [e.phase.index for e in ledger.events if isinstance(e, PhaseEnded)]
    assert ended == list(range(len(tl.phases)))


@settings(max_examples=150, deadline=None)
@given(tl=timelines, ops=all_ops, where=st.floats(0.0, 1.0))
def test_a_resumed_run_and_its_lead_in_add_up_too(tl: Timeline, ops: list[Op],
                                                  where: float) -> None:
    """A resumed run's get-ready (not in the timeline) counts like a phase: planned,
    done or skipped, and the run still ends with everything accounted for."""
    assume(tl.phases)
    index = min(int(where * len(tl.phases)), len(tl.phases) - 1)
    lead = resume_lead_in(tl, index)
    assert lead is not None and lead.duration
    engine, ledger = play(tl, ops, start_index=index, lead_in=lead)
    assert isinstance(ledger.events[0], PhaseStarted) and ledger.events[0].phase is lead
    assert engine.state is EngineState.FINISHED and engine.finished_at is not None
    assert abs(engine.done_time + engine.paused_time
               - (engine.finished_at - engine.started_at)) < TOL
    assert abs(engine.done_time - engine.wait_time + engine.skipped_time
               - engine.planned_time) < TOL
