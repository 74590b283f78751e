"""The ``hold`` command's in-memory session, compiled by the real plan."""

from __future__ import annotations

import pytest

from hamstring_coach.format.model import Sides
from hamstring_coach.plan.adhoc import hold_session
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import PhaseKind, Sound


def test_one_hold_is_get_ready_then_the_hold() -> None:
    timeline = compile_session(hold_session(30.0))
    assert [(p.kind, p.label, p.duration) for p in timeline.phases] == [
        (PhaseKind.PREPARE, "Get ready", 5.0),
        (PhaseKind.HOLD, "Hold", 30.0),
    ]
    assert timeline.total == 35.0 and timeline.waits == 0
    assert timeline.session.name == "Hold 30 s"
    hold = timeline.phases[1]
    sounds = [(c.offset, c.sound) for c in hold.sounds]
    assert (0.0, Sound.GO) in sounds and (15.0, Sound.HALFWAY) in sounds
    assert [o for o, s in sounds if s is Sound.TICK] == [27.0, 28.0, 29.0]


def test_stretch_each_side_two_sets() -> None:
    session = hold_session(45.0, sides=Sides.EACH, sets=2, rest=20.0, stretch=True)
    assert session.name == "Stretch 45 s each side, 2 sets"
    timeline = compile_session(session)
    assert [(p.kind.value, p.position.side, p.position.set_no, p.duration)
            for p in timeline.phases] == [
        ("prepare", None, 0, 5.0),
        ("hold", "left", 1, 45.0),
        ("switch", "right", 1, 5.0),
        ("hold", "right", 1, 45.0),
        ("rest", None, 2, 20.0),
        ("hold", "left", 2, 45.0),
        ("switch", "right", 2, 5.0),
        ("hold", "right", 2, 45.0),
    ]
    assert {p.label for p in timeline.phases if p.kind is PhaseKind.HOLD} == {"Stretch"}
    assert timeline.phases[1].exercise.function == ("stretch",)


def test_no_rest_and_minutes_in_the_title() -> None:
    session = hold_session(90.0, sets=3, rest=0.0)
    assert session.name == "Hold 1 min 30 s, 3 sets"
    kinds = [p.kind for p in compile_session(session).phases]
    assert PhaseKind.REST not in kinds and kinds.count(PhaseKind.HOLD) == 3


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"hold": 0.0}, "more than 0 s"),
    ({"hold": 3601.0}, "at most 1 h|at most 60 min"),
    ({"hold": 30.0, "sets": 0}, "sets must be between 1 and 100"),
    ({"hold": 30.0, "sets": 101}, "sets must be between 1 and 100"),
    ({"hold": 30.0, "rest": -1.0}, "rest must be between"),
])
def test_out_of_range_is_a_clear_error(kwargs: dict[str, float], message: str) -> None:
    hold = kwargs.pop("hold")
    with pytest.raises(ValueError, match=message):
        hold_session(hold, **kwargs)  # type: ignore[arg-type]


def test_the_hold_says_hold_and_a_single_set_shows_only_the_side() -> None:
    from hamstring_coach.engine.clock import FakeClock
    from hamstring_coach.engine.machine import Engine
    from hamstring_coach.tui.view import describe

    timeline = compile_session(hold_session(30.0, sides=Sides.EACH))
    prepare, left, _switch, right = timeline.phases
    assert prepare.text == "Get into position · 30 s hold each side"
    assert left.text == right.text == "Hold it, breathe"  # a hold cue, not the setup again
    clock = FakeClock(0.0)
    engine = Engine(timeline, clock)
    engine.advance()
    clock.advance(6.0)
    engine.advance()
    view = describe(engine)
    assert (view.banner, view.cue, view.position) == ("Hold", "Hold it, breathe", "Left side")
    assert "Set 1/1" not in view.position and "set 1/1" not in view.next_up
    stretch = compile_session(hold_session(30.0, stretch=True))
    assert stretch.phases[1].text == "Ease into the stretch, breathe"
