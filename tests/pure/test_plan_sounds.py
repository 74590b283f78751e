"""The sounds the compiler schedules: what a person hears with their eyes closed."""

from __future__ import annotations

from typing import Any

import pytest

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
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import PhaseKind, Sound, SoundCue

K = PhaseKind
T = Sound.TICK


def session(*steps: Step, countdown: int = 3) -> Session:
    return Session(id="t", name="Test", steps=steps, defaults=Defaults(countdown=countdown))


def hold(seconds: float, **kw: Any) -> ExerciseStep:
    return ExerciseStep(name="Hold", work=WorkKind.HOLD, hold=seconds, **kw)


BRIDGE_TEMPO = (
    TempoPhase("Drive up", 1, TempoKind.LIFT, "Heels down, hips up"),
    TempoPhase("Squeeze", 2, TempoKind.PAUSE),
    TempoPhase("Lower", 3, TempoKind.LOWER),
)


def test_countdown_ticks_in_the_last_seconds_of_a_hold() -> None:
    tl = compile_session(session(hold(10, prepare=5)))
    prepare, work = tl.phases
    assert prepare.sounds == (SoundCue(2, T), SoundCue(3, T), SoundCue(4, T))
    assert work.sounds == (SoundCue(0, Sound.GO), SoundCue(7, T), SoundCue(8, T),
                           SoundCue(9, T))


@pytest.mark.parametrize(("duration", "countdown", "offsets"), [
    (10, 3, [7, 8, 9]),
    (10, 5, [5, 6, 7, 8, 9]),
    (3, 3, [1, 2]),  # the tick that would fall on the start is dropped
    (2, 3, [1]),
    (1, 3, []),
    (2.5, 3, [0.5, 1.5]),
    (10, 0, []),
])
def test_short_phases_keep_only_ticks_after_their_start(duration: float, countdown: int,
                                                        offsets: list[float]) -> None:
    tl = compile_session(session(RestStep(duration), countdown=countdown))
    (rest,) = tl.phases
    assert [c.offset for c in rest.sounds if c.sound is T] == offsets
    assert rest.sounds[0] == SoundCue(0, Sound.REST)


def test_exercise_countdown_comes_from_the_exercise() -> None:
    tl = compile_session(session(hold(10, prepare=0, countdown=1)))
    assert [c.offset for c in tl.phases[0].sounds if c.sound is T] == [9]


def test_halfway_by_default_for_holds_and_timed_work_of_30_s_or_more() -> None:
    work = ExerciseStep(name="Swings", work=WorkKind.DURATION, duration=40, prepare=0)
    tl = compile_session(session(hold(30, prepare=0), hold(29.5, prepare=0),
                                 hold(60, prepare=0), work))
    halfway = [[c.offset for c in p.sounds if c.sound is Sound.HALFWAY] for p in tl.phases]
    assert halfway == [[15], [], [30], [20]]


def test_switch_and_rest_sounds_in_a_two_sided_exercise() -> None:
    tl = compile_session(session(hold(10, sets=2, sides=Sides.EACH, prepare=0, rest=20,
                                      side_switch=4)))
    kinds = [p.kind for p in tl.phases]
    assert kinds == [K.HOLD, K.SWITCH, K.HOLD, K.REST, K.HOLD, K.SWITCH, K.HOLD]
    switch, rest = tl.phases[1], tl.phases[3]
    assert switch.sounds == (SoundCue(0, Sound.SWITCH), SoundCue(1, T), SoundCue(2, T),
                             SoundCue(3, T))
    assert rest.sounds == (SoundCue(0, Sound.REST), SoundCue(17, T), SoundCue(18, T),
                           SoundCue(19, T))
    # every side of every set starts with GO
    assert all(p.sounds[0] == SoundCue(0, Sound.GO) for p in tl.phases if p.kind is K.HOLD)


def test_tempo_tones_follow_the_phase_kind_and_go_starts_each_side() -> None:
    step = ExerciseStep(name="Glute bridge", work=WorkKind.REPS, reps=2, tempo=BRIDGE_TEMPO,
                        sets=2, sides=Sides.EACH, prepare=0, rest=10, side_switch=5)
    tl = compile_session(session(step))
    heard = [(p.label, p.sounds) for p in tl.phases if p.position.tempo_count]
    first_side = [(label, sounds[0].sound) for label, sounds in heard[:6]]
    assert first_side == [("Drive up", Sound.GO), ("Squeeze", Sound.PAUSE),
                          ("Lower", Sound.LOWER), ("Drive up", Sound.LIFT),
                          ("Squeeze", Sound.PAUSE), ("Lower", Sound.LOWER)]
    # GO replaces the tempo tone on the first phase of every set and side, once
    assert [sounds for _, sounds in heard[::6]] == [(SoundCue(0, Sound.GO),)] * 4
    # tempo phases carry no countdown ticks: the tones already mark the beat
    assert not any(c.sound is T for _, sounds in heard for c in sounds)
    assert heard[0][1] == (SoundCue(0, Sound.GO),)
    assert tl.phases[0].text == "Heels down, hips up"
    assert tl.phases[1].text == "Hold still, keep the tension"


def test_self_paced_set_starts_with_go_and_cues_are_silent() -> None:
    step = ExerciseStep(name="Curl", work=WorkKind.REPS, reps=10, prepare=0)
    tl = compile_session(session(CueStep("Get a ball", None), CueStep("Breathe", 5), step))
    assert [p.sounds for p in tl.phases] == [(), (), (SoundCue(0, Sound.GO),)]


def test_duration_work_starts_with_go_and_ticks() -> None:
    step = ExerciseStep(name="Hip swings", work=WorkKind.DURATION, duration=20, prepare=0)
    (work,) = compile_session(session(step)).phases
    assert work.sounds == (SoundCue(0, Sound.GO), SoundCue(17, T), SoundCue(18, T),
                           SoundCue(19, T))


def test_session_ends_with_the_chime_and_sounds_stay_inside_phases() -> None:
    step = ExerciseStep(name="Bridge", work=WorkKind.REPS, reps=3, tempo=BRIDGE_TEMPO,
                        sets=3, sides=Sides.EACH)
    tl = compile_session(session(step, RestStep(45), hold(40, sides=Sides.EACH)))
    assert tl.final_sounds == (Sound.DONE,)
    for p in tl.phases:
        offsets = [c.offset for c in p.sounds]
        assert offsets == sorted(offsets)
        assert all(0 <= o <= (p.duration or 0) for o in offsets)
