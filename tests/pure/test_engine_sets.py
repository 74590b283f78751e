"""SetEnded: what the history learns about each set, completed or skipped."""

from __future__ import annotations

import pytest
from engine_helpers import START, finish, run_until, start
from timeline_factory import cue, hold, reps, tempo, timeline

from hamstring_coach.engine.events import Event, SetEnded
from hamstring_coach.format.model import Sides

CURLS = timeline(reps("Curl", 3, tempo(3, 1, 2, 0), sets=3, rest=5, prepare=0,
                      function=("knee-flexion",), load="20 kg", catalogue_id="prone-curl"))
REP = 6.0  # seconds per curl
SET = 3 * REP


def sets(events: list[Event]) -> list[SetEnded]:
    return [e for e in events if isinstance(e, SetEnded)]


def test_completed_sets_report_every_rep_and_the_work_time() -> None:
    engine, clock = start(CURLS)
    ended = sets(finish(engine, clock))
    assert ended == [
        SetEnded(step_index=0, exercise="Curl", exercise_id="prone-curl",
                 function=("knee-flexion",), set_no=n, set_count=3, side=None, reps=3,
                 seconds=pytest.approx(SET), load="20 kg", skipped=False, at=e.at)
        for n, e in zip((1, 2, 3), ended, strict=True)
    ]
    assert ended[0].at == pytest.approx(START + SET, abs=0.06)  # not counting the rests


def test_skipping_the_last_lift_ends_the_set_with_the_reps_before_it() -> None:
    engine, clock = start(CURLS)
    run_until(engine, clock, START + 2 * REP + 4 + 0.5)  # rep 3, half a second into Lift
    assert (engine.phase.position.rep_no, engine.phase.label) == (3, "Lift")  # type: ignore[union-attr]
    engine.skip_phase()
    (ended,) = sets(engine.advance())
    assert (ended.set_no, ended.reps, ended.skipped) == (1, 2, True)
    assert ended.seconds == pytest.approx(2 * REP + 4.5)  # the partial rep counts as work


def test_a_rep_counts_when_its_last_phase_completes() -> None:
    engine, clock = start(CURLS)
    run_until(engine, clock, START + REP + 4 + 0.5)  # rep 2's Lift
    engine.skip_phase()
    events = run_until(engine, clock, START + SET)
    (ended,) = sets(events)
    assert (ended.reps, ended.skipped) == (2, False)  # reps 1 and 3; the set ran to its end
    assert ended.seconds == pytest.approx(SET - 1.5)


def test_skip_exercise_ends_this_set_and_every_set_still_ahead() -> None:
    tl = timeline(CURLS.session.steps[0], cue("Stretch now"))
    engine, clock = start(tl)
    run_until(engine, clock, START + SET + 5 + REP + 1)  # set 2, rep 2, 1 s in
    engine.skip_exercise()
    ended = sets(engine.advance())
    assert [(e.set_no, e.reps, e.skipped) for e in ended] == [(2, 1, True), (3, 0, True)]
    assert ended[0].seconds == pytest.approx(REP + 1)
    assert ended[1].seconds == 0
    assert engine.phase is tl.phases[-1]


def test_holds_each_side_are_one_set_per_side_without_reps() -> None:
    tl = timeline(hold("Heel press", 20, sets=2, sides=Sides.EACH, rest=10, prepare=5))
    engine, clock = start(tl)
    ended = sets(finish(engine, clock))
    assert [(e.set_no, e.side, e.reps, e.seconds) for e in ended] == [
        (1, "left", None, 20), (1, "right", None, 20), (2, "left", None, 20),
        (2, "right", None, 20)]


def test_a_hold_skipped_part_way_reports_the_time_held() -> None:
    tl = timeline(hold("Heel press", 20, prepare=0))
    engine, clock = start(tl)
    run_until(engine, clock, START + 12.3)
    engine.skip_phase()
    (ended,) = sets(engine.advance())
    assert (ended.seconds, ended.skipped, ended.reps) == (pytest.approx(12.3), True, None)


def test_a_hold_paused_reports_only_the_time_held() -> None:
    tl = timeline(hold("Heel press", 20, prepare=0))
    engine, clock = start(tl)
    run_until(engine, clock, START + 5)
    engine.pause()
    run_until(engine, clock, START + 65)
    engine.resume()
    (ended,) = sets(run_until(engine, clock, START + 90))
    assert (ended.seconds, ended.skipped) == (20, False)


@pytest.mark.parametrize(("control", "expected_reps", "skipped"), [
    ("continue_", 12, False), ("skip_phase", 0, True)])
def test_a_self_paced_set_counts_its_reps_when_done(control: str, expected_reps: int,
                                                    skipped: bool) -> None:
    tl = timeline(reps("Ball curl", 12, sets=1, prepare=0))
    engine, clock = start(tl)
    run_until(engine, clock, START + 40)
    getattr(engine, control)()
    (ended,) = sets(engine.advance())
    assert (ended.reps, ended.seconds, ended.skipped) == (expected_reps, 40, skipped)


def test_restarting_a_hold_counts_all_the_time_held() -> None:
    tl = timeline(hold("Heel press", 20, prepare=0))
    engine, clock = start(tl)
    run_until(engine, clock, START + 8)
    engine.restart_phase()
    (ended,) = sets(run_until(engine, clock, START + 30))
    assert (ended.seconds, ended.skipped) == (28, False)
