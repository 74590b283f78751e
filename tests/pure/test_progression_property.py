"""Properties of the replay over random sessions and histories (hypothesis).

Whatever the history: the prescription never leaves the rule's bounds, the
stall count stays below the deload threshold, the replay is deterministic,
and a run that did not reach the exercise (or skipped all of it, or fell in
a programme's deload week) changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from hamstring_coach.format import load_session_text
from hamstring_coach.format.loads import parse_load
from hamstring_coach.format.model import ExerciseStep, RuleKind, Session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.outcomes import (
    ExerciseOutcome,
    HistoryItem,
    Reset,
    RunOutcome,
    SetOutcome,
)
from hamstring_coach.plan.progression import prescribe

DAY0 = datetime(2026, 12, 1, tzinfo=UTC)
NAME = "Drill"


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    kind = draw(st.sampled_from(["double", "double-top", "reps", "reps-fixed", "hold",
                                 "tempo", "load-fixed"]))
    sets = draw(st.integers(1, 4))
    sides = draw(st.sampled_from(["both", "each"]))
    low = draw(st.integers(1, 10))
    high = low + draw(st.integers(1, 6))
    load = draw(st.sampled_from([2.5, 10, 20, 40, 61.5]))
    step = draw(st.sampled_from([0.5, 1, 2.5, 5]))
    after = draw(st.integers(1, 4))
    by = draw(st.sampled_from(["5%", "10%", "33%", "90%"]))
    gate = draw(st.sampled_from(["", ", gate: {rir: 2}", ", gate: {rir: 0, pain: 3}"]))
    tail = f", deload: {{after: {after}, by: {by}}}{gate}"
    body = {
        "double": f"reps: {low}-{high}\n    load: {load} kg\n    progress: {{load: +{step} kg"
                  f"{tail}}}",
        "double-top": f"reps: {low}-{high}\n    load: {load} kg\n    progress: {{load: +{step} kg,"
                      f" up_to: {load + 3 * step} kg, then: single-leg-rdl{tail}}}",
        "reps": f"reps: {low}-{high}\n    progress: {{reps: +{draw(st.integers(1, 3))}{tail}}}",
        "reps-fixed": f"reps: {low}\n    progress: {{reps: +1, up_to: {high}{tail}}}",
        "hold": f"hold: {low}\n    progress: {{hold: +{step}s, up_to: {high + 0.5}s{tail}}}",
        "tempo": f"reps: {low}\n    tempo: 3-1-1-0\n    progress: {{tempo: {{Lower: +{step}s}}, "
                 f"up_to: {3 + high}s{tail}}}",
        "load-fixed": f"reps: {low}\n    load: {load} lb\n    progress: {{load: +{step} lb{tail}}}",
    }[kind]
    text = (f"name: P\nsteps:\n  - exercise: {NAME}\n    sets: {sets}\n    sides: {sides}\n"
            f"    {body}\n")
    return load_session_text(text, "p.yaml")


def set_rows(draw: st.DrawFn, step: ExerciseStep) -> tuple[SetOutcome, ...]:
    sides = ("left", "right") if step.sides.value == "each" else (None,)
    rows = []
    for set_no in range(1, step.sets + 1 + draw(st.integers(-1, 0))):
        for side in sides:
            if draw(st.integers(0, 9)) == 0:
                continue  # a set the history lacks
            rows.append(SetOutcome(
                set_no, side, reps=draw(st.integers(0, 30)),
                seconds=draw(st.floats(0, 40, allow_nan=False)),
                load=draw(st.sampled_from([None, "40 kg", "5 lb", "band"])),
                reps_done=draw(st.one_of(st.none(), st.integers(0, 30))),
                load_done=draw(st.sampled_from([None, "1 kg", "200 kg", "200 lb", "x"])),
                rir=draw(st.one_of(st.none(), st.integers(0, 3))),
                pain=draw(st.one_of(st.none(), st.integers(0, 10))),
                skipped=draw(st.integers(0, 6)) == 0))
    return tuple(rows)


@st.composite
def histories(draw: st.DrawFn, step: ExerciseStep) -> list[HistoryItem]:
    items: list[HistoryItem] = []
    for day in range(draw(st.integers(0, 25))):
        at = DAY0 + timedelta(days=day)
        roll = draw(st.integers(0, 20))
        if roll == 0:
            items.append(Reset(at, draw(st.sampled_from([None, NAME, "Other"]))))
        elif roll == 1:
            items.append(RunOutcome(at, ()))
        else:
            rows = set_rows(draw, step)
            items.append(RunOutcome(at, (ExerciseOutcome((NAME, 1), rows),),
                                    deload=draw(st.integers(0, 8)) == 0))
    return items


def check_bounds(written: ExerciseStep, nxt: ExerciseStep) -> None:
    rule = written.progress
    assert rule is not None
    assert nxt.sets == written.sets and nxt.sides == written.sides
    if rule.kind in (RuleKind.LOAD, RuleKind.REPS):
        assert nxt.reps is not None and written.reps is not None
        top = written.rep_range[1] if written.rep_range else int(rule.up_to or written.reps)
        if rule.kind is RuleKind.LOAD and written.rep_range is None:
            top = written.reps
        assert written.reps <= nxt.reps <= top
    if rule.kind is RuleKind.LOAD:
        now = parse_load(nxt.load)
        assert now is not None and rule.load is not None and now.unit == rule.load.unit
        assert 0 <= now.amount <= (rule.up_to if rule.up_to is not None else 1e9)
    else:
        assert nxt.load == written.load
    if rule.kind is RuleKind.HOLD:
        assert rule.up_to is not None and written.hold is not None and nxt.hold is not None
        assert written.hold <= nxt.hold <= rule.up_to
    if rule.kind is RuleKind.TEMPO:
        assert rule.up_to is not None
        for before, after in zip(written.tempo or (), nxt.tempo or (), strict=True):
            if before.label == rule.phase:
                assert before.seconds <= after.seconds <= rule.up_to
            else:
                assert before == after


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_the_prescription_stays_in_bounds_and_moves_only_with_a_run(data: st.DataObject) -> None:
    session = data.draw(sessions())
    written = session.steps[0]
    assert isinstance(written, ExerciseStep) and written.progress is not None
    history = data.draw(histories(written))
    for n in range(len(history) + 1):
        found = prescribe(session, history[:n]).exercises[0]
        check_bounds(written, found.next)
        assert 0 <= found.stalls < written.progress.deload.after
        assert found.reason
    final = prescribe(session, history)
    assert prescribe(session, list(history)) == final  # deterministic
    compile_session(final.session)  # every prescription compiles
    at = DAY0 + timedelta(days=99)
    quiet: list[HistoryItem] = [
        RunOutcome(at, ()),  # did not reach it
        RunOutcome(at, (ExerciseOutcome(("Other", 1), (SetOutcome(1),)),)),
        RunOutcome(at, (ExerciseOutcome((NAME, 1), (SetOutcome(1, skipped=True),)),)),
        RunOutcome(at, (ExerciseOutcome((NAME, 1), set_rows(data.draw, written)),), deload=True),
    ]
    for item in quiet:
        after = prescribe(session, [*history, item]).exercises[0]
        assert (after.next, after.stalls) == (final.exercises[0].next, final.exercises[0].stalls)
