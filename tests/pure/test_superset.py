"""Supersets (COACHING.md section 4): the file, the timeline, show, the screen's texts, sets.

Sessions are real YAML files on disk; totals are worked out by hand in the
comments, so a wrong interleaving or an extra rest changes a number.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from engine_helpers import finish, start
from jsonschema import Draft202012Validator

from hamstring_coach.cli import main
from hamstring_coach.engine.events import SetEnded
from hamstring_coach.format import load_session
from hamstring_coach.format.model import ExerciseStep
from hamstring_coach.format.schema import json_schema
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import PhaseKind, Timeline
from hamstring_coach.tui.view import next_text, position_text

K = PhaseKind

PAIR = """\
name: Pair
defaults: {prepare: 5, rest: 60, side_switch: 5, countdown: 0}
steps:
  - superset:
      rounds: 3
      rest: 90
      between: 10
      exercises:
        - exercise: Hinge
          function: hip-extension
          reps: 2
          tempo: "3-1-1-0"
        - exercise: Curl
          function: knee-flexion
          sides: each
          hold: 20
          prepare: 99          # ignored: only the first exercise gets ready
  - rest: 30
"""


def _write(folder: Path, text: str, name: str = "pair.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _timeline(folder: Path, text: str) -> Timeline:
    return compile_session(load_session(_write(folder, text)))


# --- the timeline ---------------------------------------------------------------------


def test_superset_timeline_matches_the_hand_count(tmp_path: Path) -> None:
    tl = _timeline(tmp_path, PAIR)
    # get ready 5; a round: Hinge 2 reps x (3+1+1) = 10, between 10, Curl 20 + switch 5
    # + 20 = 45, so 65; three rounds 195; two rests of 90 (none after the last) 180;
    # then the rest step 30.  5 + 195 + 180 + 30 = 410.
    assert tl.total == 410
    kinds = [p.kind for p in tl.phases]
    assert kinds.count(K.PREPARE) == 1
    assert kinds.count(K.BETWEEN) == 3  # one per round: after Hinge, never after Curl
    rests = [p for p in tl.phases if p.kind is K.REST]
    assert [r.duration for r in rests] == [90, 90, 30]
    # the last round ends with Curl's right side, then the rest step (no round rest)
    last_round_end = max(i for i, p in enumerate(tl.phases) if p.exercise_name == "Curl")
    assert tl.phases[last_round_end].position.side == "right"
    assert tl.phases[last_round_end + 1].duration == 30
    assert tl.phases[last_round_end + 1].exercise is None


def test_rounds_interleave_the_exercises_and_keep_their_own_sides_and_tempo(
        tmp_path: Path) -> None:
    tl = _timeline(tmp_path, PAIR)
    work = [(p.exercise_name, p.position.set_no, p.position.side, p.label) for p in tl.phases
            if p.kind not in (K.PREPARE, K.REST, K.BETWEEN, K.SWITCH)]
    one_round = [("Hinge", 1, None, "Lower"), ("Hinge", 1, None, "Pause"),
                 ("Hinge", 1, None, "Lift")] * 2 + [("Curl", 1, "left", "Hold"),
                                                    ("Curl", 1, "right", "Hold")]
    assert work[:8] == one_round
    assert [w[1] for w in work] == [1] * 8 + [2] * 8 + [3] * 8
    # each exercise is its own step (its own sets in the history), rounds as its sets
    assert {p.step_index for p in tl.phases if p.exercise_name == "Hinge"} == {0}
    assert {p.step_index for p in tl.phases if p.exercise_name == "Curl"} == {1}
    assert all(p.position.rounds == 3 and p.position.set_count == 3 for p in tl.phases
               if p.exercise)


def test_between_shows_the_next_exercise_and_the_round(tmp_path: Path) -> None:
    tl = _timeline(tmp_path, PAIR)
    between = [p for p in tl.phases if p.kind is K.BETWEEN][1]
    assert between.exercise_name == "Curl"
    assert between.text == "20 s hold each side"
    assert position_text(between) == "Round 2/3 · Left side"
    hinge = next(p for p in tl.phases if p.exercise_name == "Hinge" and p.position.set_no == 2
                 and p.kind is K.LOWER)
    assert position_text(hinge) == "Round 2/3 · Rep 1/2"
    upcoming = tl.phases[between.index + 1]
    assert next_text(between, upcoming) == "Next: Hold 0:20 · round 2/3 · left side"
    rest = next(p for p in tl.phases if p.kind is K.REST)
    assert rest.text == "Next: round 2/3 · Hinge"


def test_a_superset_of_one_round_with_no_pauses(tmp_path: Path) -> None:
    text = """\
    name: Quick
    defaults: {prepare: 0, countdown: 0}
    steps:
      - superset:
          between: 0
          exercises:
            - {exercise: A, duration: 30}
            - {exercise: B, reps: 3, tempo: "2-0-1-0"}
            - {exercise: C, hold: 15, sides: each, side_switch: 0}
    """
    tl = _timeline(tmp_path, text)
    # rounds default to 1, so no rest at all; between 0 leaves no transitions:
    # 30 + 3 x 3 + 15 + 15 = 69
    assert tl.total == 69
    assert [p.kind for p in tl.phases if p.kind in (K.REST, K.BETWEEN)] == []
    assert [p.exercise_name for p in tl.phases] == ["A", "B", "B", "B", "B", "B", "B", "C", "C"]


def test_default_rest_comes_from_defaults_and_between_is_ten(tmp_path: Path) -> None:
    text = """\
    name: D
    defaults: {prepare: 0, rest: 45, countdown: 0}
    steps:
      - superset:
          rounds: 2
          exercises:
            - {exercise: A, hold: 10}
            - {exercise: B, hold: 10}
    """
    tl = _timeline(tmp_path, text)
    # (10 + 10 between + 10) x 2 + 45 = 105
    assert tl.total == 105


def test_the_engine_ends_each_exercise_s_sets_apart(tmp_path: Path) -> None:
    tl = _timeline(tmp_path, PAIR)
    engine, clock = start(tl)
    sets = [e for e in finish(engine, clock) if isinstance(e, SetEnded)]
    by_exercise = {(s.exercise, s.set_no, s.side) for s in sets}
    assert len(sets) == 3 + 6
    assert {(e, n) for e, n, _ in by_exercise} == {
        (e, n) for e in ("Hinge", "Curl") for n in (1, 2, 3)}
    assert {s.step_index for s in sets if s.exercise == "Curl"} == {1}


# --- the file ---------------------------------------------------------------------------


def _validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["validate", str(path)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


BAD = [
    ("sets-inside", """\
     name: a
     steps:
       - superset:
           rounds: 3
           exercises:
             - exercise: A
               reps: 8
               sets: 3
             - {exercise: B, hold: 10}
     """, 8, 'steps[0].superset.exercises[0].sets: "sets" is not allowed inside a superset'),
    ("rest-inside", """\
     name: a
     steps:
       - superset:
           exercises:
             - {exercise: A, reps: 8}
             - {exercise: B, hold: 10, rest: 30}
     """, 6, '"rest" is not allowed inside a superset'),
    ("one-exercise", """\
     name: a
     steps:
       - superset:
           exercises:
             - {exercise: A, reps: 8}
     """, 5, "a superset pairs two or more exercises"),
    ("unknown-key", """\
     name: a
     steps:
       - superset:
           round: 3
           exercises:
             - {exercise: A, reps: 8}
             - {exercise: B, reps: 8}
     """, 4, 'unknown key "round" in a superset; did you mean "rounds"?'),
    ("rounds-zero", """\
     name: a
     steps:
       - superset:
           rounds: 0
           exercises: [{exercise: A, reps: 8}, {exercise: B, reps: 8}]
     """, 4, "must be 1 or more"),
    ("key-beside", """\
     name: a
     steps:
       - superset:
           exercises: [{exercise: A, reps: 8}, {exercise: B, reps: 8}]
         rest: 30
     """, 5, 'unknown key "rest" in a superset step (it belongs inside "superset:")'),
    ("unknown-use", """\
     name: a
     steps:
       - superset:
           exercises:
             - use: romanian-deadlif
             - use: seated-leg-curl
     """, 5, 'did you mean "romanian-deadlift"?'),
    ("no-exercises", """\
     name: a
     steps:
       - superset: {rounds: 2}
     """, 3, 'a superset needs "exercises"'),
    ("nested", """\
     name: a
     steps:
       - superset:
           exercises:
             - {exercise: A, reps: 8}
             - superset: {exercises: []}
     """, 6, "a superset cannot hold another superset"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), [c[1:] for c in BAD],
                         ids=[c[0] for c in BAD])
def test_a_bad_superset_is_an_error_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int,
        fragment: str) -> None:
    path = _write(tmp_path, text, "bad.yaml")
    status, output = _validate(path, capsys)
    assert status == 2
    located = [row for row in output.splitlines()
               if row.startswith(f"hamstring-coach validate: {path}:{line}:")]
    assert any(fragment in row for row in located), output


def test_the_schema_agrees_with_the_loader(tmp_path: Path) -> None:
    import yaml

    validator = Draft202012Validator(json_schema())
    assert list(validator.iter_errors(yaml.safe_load(PAIR))) == []
    for name, text, _, _ in BAD:
        if name in ("unknown-use", "one-exercise"):
            continue  # the catalogue's ids are the loader's alone; minItems covers one
        assert list(validator.iter_errors(yaml.safe_load(textwrap.dedent(text)))), name
    one = yaml.safe_load(textwrap.dedent(BAD[2][1]))
    assert list(validator.iter_errors(one))


def test_the_shipped_schema_file_has_supersets() -> None:
    shipped = json.loads((Path(__file__).resolve().parents[2] / "session.schema.json").read_text())
    assert "supersetStep" in shipped["$defs"]


# --- show and the built-in tone ---------------------------------------------------------


def test_show_prints_a_superset_as_one_block(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, PAIR)
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1.   6:20  Superset · 3 rounds, rest 1:30, 10 s between" in out
    assert "a. Hinge — 2 reps @ 3-1-1-0" in out
    assert "b. Curl — 20 s hold each side" in out
    assert "2.   0:30  Rest" in out
    assert "Total 6:50  (2 steps," in out


def test_tone_pairs_the_hinge_with_the_curl() -> None:
    from hamstring_coach.run import library

    session = load_session(library.resolve("tone"), session_id="tone")
    paired = [s for s in session.steps if isinstance(s, ExerciseStep) and s.superset]
    assert [s.function for s in paired] == [("hip-extension",), ("knee-flexion",)]
    assert paired[0].catalogue_id == "romanian-deadlift"
    assert all(s.sets == s.superset.rounds == 4 for s in paired if s.superset)
    tl = compile_session(session)
    assert sum(p.kind is K.BETWEEN for p in tl.phases) == 4


def test_next_names_the_exercise_a_between_leads_to(tmp_path: Path) -> None:
    tl = _timeline(tmp_path, PAIR)
    between = next(p for p in tl.phases if p.kind is K.BETWEEN)
    before = tl.phases[between.index - 1]
    assert next_text(before, between) == "Next: Curl · 0:10 to change"


def test_the_history_counts_each_exercise_s_rounds_as_its_sets(tmp_path: Path) -> None:
    from hamstring_coach.history.recorder import set_layout

    tl = _timeline(tmp_path, PAIR)
    layout = set_layout(tl)
    # 3 rounds of Hinge and 3 of Curl (each side of a Curl set is one set): 6 planned
    assert layout.planned(0) == 6
    curl_round_2 = next(p.index for p in tl.phases if p.exercise_name == "Curl"
                        and p.position.set_no == 2
                        and p.kind is K.HOLD)
    assert layout.planned(curl_round_2) == 3  # Curl 2, Hinge 3, Curl 3 are still to come
