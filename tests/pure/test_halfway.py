"""``halfway:``: which holds and timed work are marked half-way, from files on disk.

The loader reads it from ``defaults`` and from an exercise step (not from a
catalogue entry); the plan puts the HALFWAY sound in the middle of every hold
and timed work at least that long (what is shown and said there: test_speech,
tests/pilot/test_tui_halfway.py).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from hamstring_coach.format import SessionFileError, load_session
from hamstring_coach.format.model import HALFWAY_OFF, ExerciseStep
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import PhaseKind, Sound, Timeline
from hamstring_coach.system import paths


def write(folder: Path, text: str, name: str = "h.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def halfway_offsets(timeline: Timeline) -> list[tuple[str, list[float]]]:
    """(kind, the HALFWAY offsets) of every hold and timed work, in order."""
    return [(p.kind.value, [c.offset for c in p.sounds if c.sound is Sound.HALFWAY])
            for p in timeline.phases if p.kind in (PhaseKind.HOLD, PhaseKind.WORK)]


def test_defaults_and_a_step_set_the_shortest_marked_length(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        name: Halfway
        defaults: {prepare: 0, halfway: 20s}
        steps:
          - {exercise: Short hold, hold: 19}
          - {exercise: Hold, hold: 20}
          - {exercise: Swings, duration: 1m}
          - {exercise: Step's own, hold: 12, halfway: 10}
          - {exercise: Not this one, hold: 60, halfway: false}
          - {exercise: Every one, duration: 4, halfway: true}
        """)
    session = load_session(path)
    steps = [s for s in session.steps if isinstance(s, ExerciseStep)]
    assert [s.halfway for s in steps] == [20, 20, 20, 10, HALFWAY_OFF, 0]
    assert halfway_offsets(compile_session(session)) == [
        ("hold", []), ("hold", [10]), ("work", [30]), ("hold", [6]), ("hold", []),
        ("work", [2])]


def test_halfway_false_in_defaults_turns_it_off_for_the_whole_session(tmp_path: Path) -> None:
    path = write(tmp_path, """\
        name: Quiet
        defaults: {halfway: false}
        steps:
          - {exercise: Long stretch, hold: 2m}
          - {exercise: But here, hold: 40, halfway: 30}
        """)
    assert halfway_offsets(compile_session(load_session(path))) == [
        ("hold", []), ("hold", [20])]


@pytest.mark.parametrize(("value", "message"), [
    ("-5", "a time must be 0 or more, got -5"),
    ("soon", 'expected the shortest hold or timed work to mark half-way, a time such as 30 '
             'or "1m" (0: every one), or false for none, got "soon"'),
    ("[30]", "expected the shortest hold or timed work to mark half-way"),
    ("null", "expected the shortest hold or timed work to mark half-way"),
])
def test_a_bad_halfway_is_located(tmp_path: Path, value: str, message: str) -> None:
    path = write(tmp_path, f"name: Bad\nsteps:\n  - exercise: Hold\n    hold: 30\n"
                           f"    halfway: {value}\n")
    with pytest.raises(SessionFileError) as raised:
        load_session(path)
    (problem,) = raised.value.problems
    assert (problem.line, problem.col, problem.path) == (5, 14, "steps[0].halfway")
    assert problem.message.startswith(message)


def test_a_bad_default_halfway_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "name: Bad\ndefaults:\n  halfway: later\nsteps: [{cue: x}]\n")
    with pytest.raises(SessionFileError) as raised:
        load_session(path)
    (problem,) = raised.value.problems
    assert (problem.line, problem.col, problem.path) == (3, 12, "defaults.halfway")


def test_a_catalogue_entry_may_not_set_halfway(tmp_path: Path) -> None:
    """How the user likes to be told belongs to a session, not to an exercise."""
    paths.user_catalogue_file().parent.mkdir(parents=True, exist_ok=True)
    paths.user_catalogue_file().write_text(
        "exercises:\n  my-hold:\n    exercise: My hold\n    hold: 40\n    halfway: 10\n",
        encoding="utf-8")
    path = write(tmp_path, "name: Uses it\nsteps:\n  - use: my-hold\n")
    with pytest.raises(SessionFileError) as raised:
        load_session(path)
    assert any('unknown key "halfway" in a catalogue entry (halfway belongs to a session'
               in p.message for p in raised.value.problems)
