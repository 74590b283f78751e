"""A resumed run: where it starts and the get-ready it opens with (issue 16, item 4).

On the built-in ``tone`` as the loader reads it from disk: an each-side warm-up
with a rest between its sets, a rest step with an instruction, then a superset
of four rounds. The engine runs the lead-in before the resume point on a fake
clock: skip, back, restart, pause and the end each behave as for a phase.
"""

from __future__ import annotations

import pytest
from engine_helpers import START, brief, run_until

from hamstring_coach.engine.clock import FakeClock
from hamstring_coach.engine.events import PhaseStarted
from hamstring_coach.engine.machine import Engine, EngineState
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.leadin import LEAD_IN_SECONDS, lead_in, resume_start
from hamstring_coach.plan.timeline import PhaseKind, Timeline
from hamstring_coach.run import library

TONE = compile_session(library.load("tone"))
ROUND_2 = 60  # the Romanian deadlift's first lowering of round 2, after the rest at 59


def phase_of(tl: Timeline, kind: PhaseKind, text: str) -> int:
    return next(p.index for p in tl.phases if p.kind is kind and p.text.startswith(text))


def test_a_resume_goes_past_the_rest_and_says_where_it_picks_up() -> None:
    rest = phase_of(TONE, PhaseKind.REST, "Next: round 2/4")
    assert resume_start(TONE, rest) == ROUND_2 == rest + 1
    lead = lead_in(TONE, ROUND_2)
    assert lead is not None
    assert (lead.kind, lead.label, lead.text) == (
        PhaseKind.PREPARE, "Get ready", "Resuming Tone and build, round 2 of 4")
    assert lead.duration == TONE.session.steps[TONE.phases[ROUND_2].step_index].prepare == 10
    assert [c.sound.value for c in lead.sounds] == ["tick"] * 3  # the exercise's countdown


def test_each_side_sets_say_the_set_and_the_side() -> None:
    rest = phase_of(TONE, PhaseKind.REST, "Next: set 2/2")
    start = resume_start(TONE, rest)
    assert TONE.phases[start].kind is PhaseKind.HOLD
    lead = lead_in(TONE, start)
    assert lead is not None and lead.text == "Resuming Tone and build, set 2 of 2, left side"
    assert lead.duration == 5  # the warm-up's own get-ready length
    switch = phase_of(TONE, PhaseKind.SWITCH, "Switch to the right side")
    right = lead_in(TONE, resume_start(TONE, switch))
    assert right is not None and right.text.endswith("set 1 of 2, right side")


def test_an_exercise_resumed_at_its_first_set_keeps_its_setup_cues() -> None:
    """Its own get-ready (or a superset's change to it) is passed, so its cues come along."""
    prepare = phase_of(TONE, PhaseKind.PREPARE, "Soft knees")
    start = resume_start(TONE, prepare)
    assert start == prepare + 1 and TONE.phases[start].kind is PhaseKind.LOWER
    lead = lead_in(TONE, start)
    assert lead is not None
    assert lead.text.startswith("Resuming Tone and build, round 1 of 4 · Soft knees")
    between = next(p.index for p in TONE.phases if p.kind is PhaseKind.BETWEEN)
    curl = lead_in(TONE, resume_start(TONE, between))
    assert curl is not None and "Sit tall, back against the pad" in curl.text


def test_a_rest_step_of_its_own_is_kept_and_gets_the_short_get_ready() -> None:
    instruction = phase_of(TONE, PhaseKind.REST, "Load the bar")
    assert resume_start(TONE, instruction) == instruction  # an instruction, not a set's rest
    lead = lead_in(TONE, instruction)
    assert lead is not None
    assert (lead.text, lead.duration) == ("Resuming Tone and build", LEAD_IN_SECONDS)
    assert lead_in(TONE, len(TONE.phases)) is None  # nothing left to lead into


def resumed(index: int = ROUND_2) -> tuple[Engine, FakeClock]:
    clock = FakeClock(START)
    return Engine(TONE, clock, start_index=index, lead_in=lead_in(TONE, index)), clock


def test_the_engine_runs_the_lead_in_then_the_resume_point_on_its_deadline() -> None:
    engine, clock = resumed()
    events = engine.advance()
    assert isinstance(events[0], PhaseStarted) and events[0].phase.label == "Get ready"
    assert engine.leading_in and engine.index == ROUND_2
    assert engine.state is EngineState.RUNNING and engine.remaining() == 10
    assert engine.next_phase() is TONE.phases[ROUND_2]
    ahead = TONE.total - TONE.phases[ROUND_2].start
    assert engine.planned_time == pytest.approx(ahead + 10)
    assert engine.session_remaining() == pytest.approx(ahead + 10)
    assert engine.session_elapsed() == pytest.approx(TONE.phases[ROUND_2].start)
    later = run_until(engine, clock, START + 10.05)
    started = [brief(e) for e in later if isinstance(e, PhaseStarted)]
    assert started == [("start", ROUND_2, START + 10)]  # handed its deadline on, exactly
    assert not engine.leading_in and engine.phase is TONE.phases[ROUND_2]


def test_skip_back_and_restart_in_the_lead_in() -> None:
    engine, clock = resumed()
    engine.advance()
    clock.advance(4.0)
    engine.restart_phase()  # the get-ready again, from its start
    assert engine.leading_in and engine.remaining() == 10
    clock.advance(4.0)
    engine.back()  # more than 2 s in: its start again; never to the phase before it
    assert engine.leading_in and engine.remaining() == 10
    clock.advance(1.0)
    engine.back()  # within 2 s: still the get-ready, there is nothing before it to run
    assert engine.leading_in
    engine.skip_phase()  # on to the resume point
    assert not engine.leading_in and engine.phase is TONE.phases[ROUND_2]
    assert engine.skipped_time == pytest.approx(10.0)  # all of it: back had restarted it
    engine.back()  # from the resume point: the timeline's phase before it (the rest)
    assert engine.index == ROUND_2 - 1 and not engine.leading_in


def test_skip_exercise_in_the_lead_in_leaves_the_resumed_exercise() -> None:
    engine, _ = resumed()
    engine.advance()
    engine.skip_exercise()
    step = TONE.phases[ROUND_2].step_index
    after = next(p.index for p in TONE.phases[ROUND_2:] if p.step_index != step)
    assert engine.index == after and not engine.leading_in
    assert engine.skipped_time == pytest.approx(10 + sum(
        p.duration or 0.0 for p in TONE.phases[ROUND_2:after]))  # the get-ready too
