"""The timeline compiler: structure, times and positions (sessions built in Python)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamstring_coach.format.errors import SessionFileError
from hamstring_coach.format.model import (
    CueStep,
    Defaults,
    ExerciseStep,
    RestStep,
    Session,
    Sides,
    Step,
    TempoKind,
    TempoPhase,
    WorkKind,
)
from hamstring_coach.plan.compiler import (
    MAX_PHASES,
    compile_session,
    describe_step,
    step_totals,
    tempo_text,
)
from hamstring_coach.plan.timeline import ExerciseRef, PhaseKind

K = PhaseKind


def four(e: float, b: float, c: float, t: float) -> tuple[TempoPhase, ...]:
    """The phases the loader makes of an "E-B-C-T" tempo."""
    return (
        TempoPhase("Lower", e, TempoKind.LOWER),
        TempoPhase("Pause", b, TempoKind.PAUSE),
        TempoPhase("Lift", c, TempoKind.LIFT),
        TempoPhase("Squeeze", t, TempoKind.PAUSE),
    )


def ex(**kw: Any) -> ExerciseStep:
    values: dict[str, Any] = {"name": "Romanian deadlift", "work": WorkKind.REPS, "reps": 2,
                              "tempo": four(3, 1, 1, 0)}
    values.update(kw)
    return ExerciseStep(**values)


def session(*steps: Step, countdown: int = 3) -> Session:
    return Session(id="t", name="Test", steps=steps, defaults=Defaults(countdown=countdown))


def test_tempo_exercise_each_side_structure() -> None:
    tl = compile_session(session(ex(sets=2, sides=Sides.EACH, prepare=5, rest=30,
                                    side_switch=5, cue=("Soft knees", "Flat back"))))
    rep = [K.LOWER, K.PAUSE, K.LIFT]
    side = rep * 2
    assert [p.kind for p in tl.phases] == (
        [K.PREPARE, *side, K.SWITCH, *side, K.REST, *side, K.SWITCH, *side])
    prepare = tl.phases[0]
    assert prepare.label == "Get ready" and prepare.text == "Soft knees · Flat back"
    assert prepare.position.set_no == 0
    # the 0 s "Squeeze" of 3-1-1-0 is left out; the rest are labelled as the notation says
    assert [p.label for p in tl.phases[1:4]] == ["Lower", "Pause", "Lift"]
    assert [(p.position.rep_no, p.position.rep_count, p.position.tempo_index,
             p.position.tempo_count) for p in tl.phases[1:7]] == [
        (1, 2, 0, 3), (1, 2, 1, 3), (1, 2, 2, 3), (2, 2, 0, 3), (2, 2, 1, 3), (2, 2, 2, 3)]
    work = [p for p in tl.phases if p.kind in (K.LOWER, K.PAUSE, K.LIFT)]
    assert [(p.position.set_no, p.position.side) for p in work[::6]] == [
        (1, "left"), (1, "right"), (2, "left"), (2, "right")]
    switch = tl.phases[7]
    assert (switch.label, switch.position.side, switch.position.set_no, switch.duration) == (
        "Switch side", "right", 1, 5)
    rest = tl.phases[14]
    assert (rest.label, rest.position.set_no, rest.text) == ("Rest", 2, "Next: set 2/2")
    # a set (per side) ends on the last lift of the last rep
    assert [p.index for p in tl.phases if p.ends_set] == [6, 13, 20, 27]
    assert tl.total == 5 + 2 * (2 * 10 + 5) + 30
    assert tl.waits == 0
    assert all(p.exercise_name == "Romanian deadlift" for p in tl.phases)
    assert all(p.position.set_count == 2 for p in tl.phases)


def test_starts_are_scheduled_back_to_back_and_waits_count_zero() -> None:
    tl = compile_session(session(
        CueStep("Find a mat", None), ex(sets=1, prepare=4), RestStep(20, "Shake out"),
        ex(reps=12, tempo=None, sets=2, rest=10, prepare=0), CueStep("Well done", 3)))
    expected = 0.0
    for i, p in enumerate(tl.phases):
        assert p.index == i
        assert p.start == expected
        expected = p.end
    assert tl.total == expected == 4 + 10 + 20 + 10 + 3
    assert tl.waits == 3  # the cue and two self-paced sets
    assert [p.kind for p in tl.phases if p.is_wait] == [K.CUE, K.SET, K.SET]


def test_hold_labels_and_text() -> None:
    stretch = ex(name="Supine stretch", work=WorkKind.HOLD, hold=30, reps=None, tempo=None,
                 function=("stretch",), sides=Sides.EACH, cue=("Lie down",))
    press = ex(name="Prone heel press", work=WorkKind.HOLD, hold=10, reps=None, tempo=None,
               function=("activation",))
    tl = compile_session(session(stretch, press))
    holds = [p for p in tl.phases if p.kind is K.HOLD]
    assert [(p.label, p.duration, p.position.side) for p in holds] == [
        ("Stretch", 30, "left"), ("Stretch", 30, "right"), ("Hold", 10, None)]
    assert holds[0].text == "Lie down"
    assert all(p.ends_set for p in holds)


def test_self_paced_set_is_a_wait() -> None:
    tl = compile_session(session(ex(reps=12, tempo=None, sets=3, rest=45)))
    sets = [p for p in tl.phases if p.kind is K.SET]
    assert len(sets) == 3
    assert sets[0].duration is None and sets[0].label == "Set"
    assert sets[0].text == "12 reps at your own pace"  # the key is said once, by the screen
    assert tl.total == 5 + 2 * 45 and tl.waits == 3


def test_tempo_of_only_zero_phases_is_self_paced() -> None:
    tl = compile_session(session(ex(tempo=four(0, 0, 0, 0))))
    assert [p.kind for p in tl.phases] == [K.PREPARE, K.SET]


def test_duration_work_and_standalone_steps() -> None:
    swings = ex(name="Hip swings", work=WorkKind.DURATION, duration=30, reps=None, tempo=None,
                sides=Sides.EACH, side_switch=3)
    tl = compile_session(session(swings, RestStep(60), RestStep(20, "Walk around"),
                                 CueStep("Lie on your back", 5)))
    kinds = [(p.kind, p.label, p.duration) for p in tl.phases]
    assert kinds == [(K.PREPARE, "Get ready", 5), (K.WORK, "Work", 30),
                     (K.SWITCH, "Switch side", 3), (K.WORK, "Work", 30),
                     (K.REST, "Rest", 60), (K.REST, "Rest", 20), (K.CUE, "Cue", 5)]
    assert [p.text for p in tl.phases[4:]] == ["Rest", "Walk around", "Lie on your back"]
    assert tl.phases[4].exercise is None and tl.phases[4].step_index == 1


def test_zero_second_phases_are_left_out() -> None:
    step = ex(sets=2, sides=Sides.EACH, prepare=0, rest=0, side_switch=0)
    tl = compile_session(session(step, RestStep(0), CueStep("gone", 0)))
    assert {p.kind for p in tl.phases} == {K.LOWER, K.PAUSE, K.LIFT}
    assert len(tl.phases) == 2 * 2 * 2 * 3
    assert all(p.duration for p in tl.phases)


def test_exercise_fields_are_copied_to_every_phase() -> None:
    step = ex(notes=("Back flat",), function=("hip-extension",), load="20 kg",
              catalogue_id="romanian-deadlift")
    tl = compile_session(session(step))
    assert {p.exercise for p in tl.phases} == {ExerciseRef(
        "Romanian deadlift", "romanian-deadlift", ("hip-extension",), "20 kg", ("Back flat",))}


def test_prepare_without_cues_says_what_comes() -> None:
    tl = compile_session(session(ex(sets=3, reps=10, tempo=four(4, 1, 1, 0))))
    assert tl.phases[0].text == "Get into position · 3 × 10 @ 4-1-1-0"


def test_step_totals_add_up() -> None:
    tl = compile_session(session(CueStep("Start", None), ex(sets=3, rest=20),
                                 RestStep(40), ex(reps=8, tempo=None)))
    totals = step_totals(tl)
    assert [t.length for t in totals] == [0, 5 + 3 * 10 + 2 * 20, 40, 5]
    assert [t.waits for t in totals] == [1, 0, 0, 1]
    assert sum(t.length for t in totals) == tl.total
    assert sum(t.phases for t in totals) == len(tl.phases)


def test_compiling_is_deterministic() -> None:
    s = session(ex(sets=3, sides=Sides.EACH), RestStep(10), CueStep("x", None))
    assert compile_session(s) == compile_session(s)


def test_huge_session_is_refused_not_built() -> None:
    s = session(CueStep("ok", None), ex(reps=100_000, sets=100, line=7))
    with pytest.raises(SessionFileError) as info:
        compile_session(s)
    problem = info.value.first
    assert problem.path == "steps[1]" and problem.line == 7
    assert str(MAX_PHASES) in problem.message


def test_very_long_session_is_refused() -> None:
    s = session(ex(work=WorkKind.HOLD, hold=3600.0, reps=None, tempo=None, sets=30))
    with pytest.raises(SessionFileError, match="longer than 24 hours"):
        compile_session(s)


@pytest.mark.parametrize(("step", "text"), [
    (ex(sets=3, reps=10, sides=Sides.EACH, tempo=four(4, 1, 1, 0)), "3 × 10 each side @ 4-1-1-0"),
    (ex(sets=1, reps=1, tempo=four(3, 0, 1, 2)), "1 rep @ 3-0-1-2"),
    (ex(sets=3, work=WorkKind.HOLD, hold=30, reps=None, tempo=None, sides=Sides.EACH),
     "3 × 30 s hold each side"),
    (ex(sets=2, work=WorkKind.DURATION, duration=30, reps=None, tempo=None), "2 × 30 s"),
    (ex(sets=1, work=WorkKind.DURATION, duration=20, reps=None, tempo=None,
        sides=Sides.EACH), "20 s each side"),
    (ex(sets=3, reps=12, tempo=None), "3 × 12, own pace"),
    (ex(sets=3, reps=12, tempo=(TempoPhase("Drive up", 1, TempoKind.LIFT),
                                TempoPhase("Squeeze", 2, TempoKind.PAUSE),
                                TempoPhase("Lower", 3, TempoKind.LOWER))),
     "3 × 12 @ Drive up 1 s · Squeeze 2 s · Lower 3 s"),
    (RestStep(60), "rest 60 s"),
    (RestStep(2.5), "rest 2.5 s"),
    (CueStep("x", None), "cue, waits for you"),
    (CueStep("x", 10), "cue, 10 s"),
])
def test_describe_step(step: Step, text: str) -> None:
    assert describe_step(step) == text


def test_tempo_text_four_fields_with_explosive_and_gaps() -> None:
    # the loader drops nothing itself; the printed form fills missing fields with 0
    assert tempo_text(four(4, 1, 1, 0)[:3]) == "4-1-1-0"
    assert tempo_text((TempoPhase("Lower", 3, TempoKind.LOWER),
                       TempoPhase("Squeeze", 1, TempoKind.PAUSE))) == "3-0-0-1"
    # same labels out of order is not the notation
    assert tempo_text((TempoPhase("Lift", 1, TempoKind.LIFT),
                       TempoPhase("Lower", 3, TempoKind.LOWER))) == "Lift 1 s · Lower 3 s"


@given(
    sets=st.integers(1, 5), reps=st.integers(1, 6), each=st.booleans(),
    tempo=st.tuples(*[st.sampled_from([0, 0.5, 1, 3]) for _ in range(4)]),
    prepare=st.sampled_from([0, 5]), rest=st.sampled_from([0, 30]),
    switch=st.sampled_from([0, 5]),
)
def test_any_exercise_compiles_consistently(sets: int, reps: int, each: bool,
                                            tempo: tuple[float, float, float, float],
                                            prepare: float, rest: float,
                                            switch: float) -> None:
    step = ex(sets=sets, reps=reps, sides=Sides.EACH if each else Sides.BOTH,
              tempo=four(*tempo), prepare=prepare, rest=rest, side_switch=switch)
    tl = compile_session(session(step))
    sides = 2 if each else 1
    per_rep = sum(tempo)
    assert tl.total == pytest.approx(
        prepare + sets * sides * reps * per_rep + sets * (sides - 1) * switch
        + (sets - 1) * rest)
    assert sum(p.ends_set for p in tl.phases) == sets * sides
    assert all(p.duration is None or p.duration > 0 for p in tl.phases)
    assert tl.waits == (sets * sides if per_rep == 0 else 0)
    for a, b in zip(tl.phases, tl.phases[1:], strict=False):
        assert b.start == pytest.approx(a.end)


