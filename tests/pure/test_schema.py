"""The JSON Schema: valid draft 2020-12, accepts every shipped session, agrees with the loader."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from hamstring_coach.cli import main
from hamstring_coach.format import SessionFileError, load_session_text
from hamstring_coach.format.schema import MODELINE, SCHEMA_ID, catalogue_schema, json_schema
from hamstring_coach.format.yamlnodes import compose, to_plain
from hamstring_coach.system import paths

SESSIONS = sorted(paths.builtin_sessions_dir().glob("*.yaml"))
SESSION_VALIDATOR = Draft202012Validator(json_schema())


def plain(text: str) -> Any:
    """The file's data as an editor's YAML plugin hands it to the schema (merges applied)."""
    root, problems = compose(text, "t.yaml")
    assert root is not None and not problems
    return to_plain(root)


def schema_errors(text: str) -> list[str]:
    return [e.message for e in SESSION_VALIDATOR.iter_errors(plain(text))]


def test_schemas_are_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(json_schema())
    Draft202012Validator.check_schema(catalogue_schema())
    assert json_schema()["$id"] == SCHEMA_ID


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == json.dumps(json_schema(), indent=2) + "\n"
    assert main(["schema", "--catalogue"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "hamstring-coach catalogue"


def _properties(node: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        yield from node.get("properties", {}).items()
        for value in node.values():
            yield from _properties(value)
    elif isinstance(node, list):
        for value in node:
            yield from _properties(value)


def test_every_key_has_help_for_editors() -> None:
    names = list(_properties(json_schema()))
    assert {"name", "steps", "tempo", "hold", "sounds", "countdown", "phase"} <= {
        n for n, _ in names}
    missing = [n for n, sub in names if "description" not in sub]
    assert missing == []


def test_there_are_shipped_sessions() -> None:
    assert len(SESSIONS) >= 3


@pytest.mark.parametrize("path", SESSIONS, ids=[p.stem for p in SESSIONS])
def test_shipped_session_points_at_the_schema_and_validates(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    errors = [f"{list(e.absolute_path)}: {e.message}"
              for e in SESSION_VALIDATOR.iter_errors(plain(text))]
    assert errors == []


def test_builtin_catalogue_validates_against_the_catalogue_schema() -> None:
    text = paths.builtin_catalogue_file().read_text(encoding="utf-8")
    errors = [e.message for e in Draft202012Validator(catalogue_schema()).iter_errors(plain(text))]
    assert errors == []


STEP = "name: a\nsteps:\n  - "
# Files both the loader and the schema refuse.
BAD = {
    "unknown-top-key": "nmae: a\nsteps: [{cue: x}]\n",
    "unknown-step-key": STEP + "{exercise: A, hold: 3, hodl: 4}\n",
    "unknown-defaults-key": "name: a\ndefaults: {rset: 3}\nsteps: [{cue: x}]\n",
    "unknown-phase-key": STEP + "{exercise: A, reps: 3, tempo: [{phase: L, seconds: 1, x: 1}]}\n",
    "name-number": "name: 5\nsteps: [{cue: x}]\n",
    "name-blank": "name: ' '\nsteps: [{cue: x}]\n",
    "missing-name": "steps: [{cue: x}]\n",
    "missing-steps": "name: a\n",
    "empty-steps": "name: a\nsteps: []\n",
    "version-2": "version: 2\nname: a\nsteps: [{cue: x}]\n",
    "version-boolean": "version: true\nname: a\nsteps: [{cue: x}]\n",
    "tags-text": "name: a\ntags: desk\nsteps: [{cue: x}]\n",
    "description-list": "name: a\ndescription: [x]\nsteps: [{cue: x}]\n",
    "sets-boolean": STEP + "{exercise: A, hold: 3, sets: yes}\n",
    "hold-boolean": STEP + "{exercise: A, hold: on}\n",
    "reps-boolean": STEP + "{exercise: A, reps: true}\n",
    "hold-negative": STEP + "{exercise: A, hold: -3}\n",
    "rest-negative": STEP + "{rest: -1}\n",
    "sets-zero": STEP + "{exercise: A, hold: 3, sets: 0}\n",
    "reps-zero": STEP + "{exercise: A, reps: 0}\n",
    "sets-fraction": STEP + "{exercise: A, hold: 3, sets: 1.5}\n",
    "countdown-negative": "name: a\ndefaults: {countdown: -1}\nsteps: [{cue: x}]\n",
    "countdown-fraction": STEP + "{exercise: A, hold: 3, countdown: 1.5}\n",
    "time-words": STEP + "{exercise: A, hold: 5 minz}\n",
    "time-negative-text": STEP + "{cue: x, duration: '-5s'}\n",
    "bad-sides": STEP + "{exercise: A, hold: 3, sides: left}\n",
    "bad-function": STEP + "{exercise: A, hold: 3, function: hips}\n",
    "bad-function-list": STEP + "{exercise: A, hold: 3, function: [stretch, hips]}\n",
    "tempo-three-fields": STEP + "{exercise: A, reps: 3, tempo: 3-1-1}\n",
    "tempo-bad-field": STEP + "{exercise: A, reps: 3, tempo: 3-1-Y-0}\n",
    "tempo-number": STEP + "{exercise: A, reps: 3, tempo: 3110}\n",
    "tempo-empty": STEP + "{exercise: A, reps: 3, tempo: []}\n",
    "tempo-on-hold": STEP + "{exercise: A, hold: 3, tempo: 3-1-1-0}\n",
    "phase-no-seconds": STEP + "{exercise: A, reps: 3, tempo: [{phase: L}]}\n",
    "phase-bad-kind": STEP + "{exercise: A, reps: 3, tempo: [{phase: L, seconds: 1, kind: x}]}\n",
    "cue-rest-duration": STEP + "{cue: x, rest: 5, duration: 3}\n",
    "rest-with-hold": STEP + "{rest: 5, hold: 3}\n",
    "cue-with-sets": STEP + "{cue: x, sets: 3}\n",
    "hold-and-reps": STEP + "{exercise: A, hold: 3, reps: 5}\n",
    "use-two-kinds": STEP + "{use: glute-bridge, hold: 3, duration: 5}\n",
    "exercise-no-kind": STEP + "{exercise: A}\n",
    "step-no-kind": STEP + "{sets: 3}\n",
    "step-text": STEP + "hello\n",
    "cue-number": STEP + "{cue: 5}\n",
    "cue-list-number": STEP + "{exercise: A, hold: 3, cue: [a, 5]}\n",
    "load-boolean": STEP + "{exercise: A, hold: 3, load: yes}\n",
    "use-number": STEP + "{use: 5}\n",
    "use-unknown-id": STEP + "{use: glute-bridg}\n",
    "then-unknown-id": STEP + "{use: glute-bridge, hold: 30, progress: {hold: +5s, up_to: 60, "
                              "then: single-leg-bridge}}\n",
    "sounds-unknown": "name: a\nsounds: {tik: a.wav}\nsteps: [{cue: x}]\n",
    "sounds-mp3": "name: a\nsounds: {go: a.mp3}\nsteps: [{cue: x}]\n",
    "defaults-tempo-bad": "name: a\ndefaults: {tempo: fast}\nsteps: [{cue: x}]\n",
    "halfway-words": STEP + "{exercise: A, hold: 30, halfway: soon}\n",
    "halfway-negative": "name: a\ndefaults: {halfway: -1}\nsteps: [{cue: x}]\n",
    "halfway-list": STEP + "{exercise: A, hold: 30, halfway: [30]}\n",
}

# Files both accept.
GOOD = {
    "minimal": "name: a\nsteps: [{cue: x}]\n",
    "times": STEP + "{exercise: A, hold: 1m30s, rest: 90s, prepare: 2.5, side_switch: '1h'}\n",
    "plain-time-text": STEP + "{rest: '45'}\n",
    "tempo-x": STEP + "{exercise: A, reps: 3, tempo: X-1-x-0.5}\n",
    "tempo-list": STEP + "{exercise: A, reps: 3, tempo: [{phase: Up, seconds: 1, cue: Go, "
                         "kind: lift}, {phase: Down, seconds: 3s}]}\n",
    "use-only": STEP + "use: glute-bridge\n",
    "use-override-kind": STEP + "{use: prone-heel-press, reps: 5, tempo: 3-1-1-0}\n",
    "rename": STEP + "{use: glute-bridge, exercise: Bridge, sets: 2, load: 20}\n",
    "halfway": "name: a\ndefaults: {halfway: 1m}\nsteps:\n  - {exercise: A, hold: 30, "
               "halfway: false}\n  - {exercise: B, duration: 20, halfway: 0}\n"
               "  - {exercise: C, hold: 9, halfway: true}\n  - {exercise: D, hold: 9, "
               "halfway: '5s'}\n",
    "everything": textwrap.dedent("""\
        version: 1
        name: All
        description: Everything at once
        tags: [desk, strength]
        x-base: &base {sets: 2, sides: each}
        defaults: {prepare: 5, rest: 30s, side_switch: 5, countdown: 0, tempo: 3-1-1-0}
        steps:
          - cue: Ready
            duration: 5
          - rest: 10
            cue: Breathe
          - exercise: RDL
            <<: *base
            reps: 8
            function: [hip-extension, knee-flexion]
            cue: [Hinge, Flat back]
            notes: Slow down
            load: 20 kg
    """),
}


@pytest.mark.parametrize("text", BAD.values(), ids=BAD.keys())
def test_schema_and_loader_both_refuse(text: str) -> None:
    with pytest.raises(SessionFileError):
        load_session_text(text, "bad.yaml")
    assert schema_errors(text) != []


@pytest.mark.parametrize("text", GOOD.values(), ids=GOOD.keys())
def test_schema_and_loader_both_accept(text: str) -> None:
    load_session_text(text, "good.yaml")
    assert schema_errors(text) == []


def test_repository_schema_file_is_the_current_schema() -> None:
    """session.schema.json (shipped, where the modelines point) matches `hamstring-coach schema`."""
    from hamstring_coach.format.schema import schema_text
    from hamstring_coach.system.paths import builtin_sessions_dir

    target = builtin_sessions_dir().parent / "session.schema.json"
    assert target.read_text(encoding="utf-8") == schema_text(), (
        "regenerate with: hamstring-coach schema -o session.schema.json")


@pytest.mark.parametrize("path", SESSIONS, ids=[p.stem for p in SESSIONS])
def test_shipped_modeline_resolves_to_a_real_schema_file(path: Path) -> None:
    """An editor opening a shipped session finds the schema the modeline names."""
    ref = path.read_text(encoding="utf-8").splitlines()[0].split("$schema=", 1)[1]
    schema_file = (path.parent / ref).resolve()
    assert json.loads(schema_file.read_text(encoding="utf-8")) == json_schema()


def test_new_session_gets_the_schema_beside_its_folder() -> None:
    """`new` writes a session whose modeline resolves to a schema file in the config folder."""
    from hamstring_coach.cli import main
    from hamstring_coach.system.paths import user_sessions_dir

    assert main(["new", "leg day"]) == 0
    made = user_sessions_dir() / "leg-day.yaml"
    ref = made.read_text(encoding="utf-8").splitlines()[0].split("$schema=", 1)[1]
    assert json.loads((made.parent / ref).read_text(encoding="utf-8")) == json_schema()


def test_use_completes_and_checks_the_catalogue_ids() -> None:
    """The shipped schema's use: is an enum of the built-in ids, with their names beside."""
    ids = json_schema()["$defs"]["catalogueId"]
    builtin = plain(paths.builtin_catalogue_file().read_text(encoding="utf-8"))["exercises"]
    assert ids["enum"] == list(builtin)
    assert ids["enumDescriptions"] == [entry["exercise"] for entry in builtin.values()]
    assert "romanian-deadlift" in ids["enum"]
    assert schema_errors(STEP + "use: romanian-deadlift\n") == []
    assert schema_errors(STEP + "use: romanian-deadlfit\n") != []


def test_the_schema_beside_your_sessions_knows_your_catalogue() -> None:
    """`new` writes the schema with your catalogue's ids too: use: nordic-curl completes and
    passes in the editor as it does in the loader, a typo of it fails in both."""
    paths.user_catalogue_file().parent.mkdir(parents=True, exist_ok=True)
    paths.user_catalogue_file().write_text(textwrap.dedent("""\
        exercises:
          nordic-curl: {exercise: Nordic curl, reps: 5, tempo: 4-0-1-0}
          broken-one: {exercise: Broken, reps: lots}
        """), encoding="utf-8")
    assert main(["new", "nordic day"]) == 0
    written = json.loads((paths.user_sessions_dir().parent / "session.schema.json")
                         .read_text(encoding="utf-8"))
    ids = written["$defs"]["catalogueId"]
    assert ids["enum"][-2:] == ["nordic-curl", "broken-one"]
    assert ids["enum"][:-2] == json_schema()["$defs"]["catalogueId"]["enum"]
    assert ids["enumDescriptions"][-2:] == ["Nordic curl", "(broken in your catalogue)"]
    yours = Draft202012Validator(written)
    good, typo = STEP + "use: nordic-curl\n", STEP + "use: nordic-crul\n"
    load_session_text(good, "good.yaml")
    assert list(yours.iter_errors(plain(good))) == []
    with pytest.raises(SessionFileError):
        load_session_text(typo, "typo.yaml")
    assert list(yours.iter_errors(plain(typo))) != []
    assert schema_errors(good) != []  # the shipped schema knows the built-in ids only
