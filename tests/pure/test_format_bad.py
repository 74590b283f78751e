"""Bad session files, each through the real CLI: exit 2, the right line, a clear message.

Every case is written to a real file and checked with
``hamstring-coach validate FILE`` (``cli.main``), as a user would run it.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from hamstring_coach.cli import main

OK_STEPS = "steps:\n  - cue: Go\n"
BOMB = ("x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"x-{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
                  for p, c in zip("abcdefgh", "bcdefghi", strict=True))
        + "name: Bomb\nsteps: *i\n")

# (id, file text, line of the problem, fragment of its message)
CASES: list[tuple[str, str, int, str]] = [
    # --- the file as a whole -------------------------------------------------
    ("empty", "", 1, "the file is empty"),
    ("only-comments", "# nothing here\n", 1, "the file is empty"),
    ("scalar-top", "hello\n", 1, 'not "hello" at the top'),
    ("list-top", "- name: a\n", 1, "not a list at the top"),
    ("two-documents", "name: a\n" + OK_STEPS + "---\nname: b\n", 4, "one YAML document"),
    ("missing-name", OK_STEPS, 1, 'a session needs a "name"'),
    ("missing-steps", "name: a\n", 1, 'a session needs "steps"'),
    ("empty-steps", "name: a\nsteps: []\n", 2, "at least one step"),
    ("steps-mapping", "name: a\nsteps: {cue: x}\n", 2, "expected a list of steps"),
    ("name-number", "name: 12\n" + OK_STEPS, 1, "expected text"),
    ("name-blank", "name: '  '\n" + OK_STEPS, 1, "must not be empty"),
    ("name-boolean", "name: yes\n" + OK_STEPS, 1, "got yes (a boolean)"),
    ("version-2", "version: 2\nname: a\n" + OK_STEPS, 1,
     "unsupported version 2; this program reads version 1"),
    ("version-text", "version: '1'\nname: a\n" + OK_STEPS, 1,
     'expected a number, got "1" (text); write version: 1'),
    ("version-other-text", "version: one\nname: a\n" + OK_STEPS, 1,
     'expected a number, got "one" (text); this program reads version 1'),
    ("version-boolean", "version: true\nname: a\n" + OK_STEPS, 1, "unsupported version true"),
    ("unknown-top-key", "nmae: a\n" + OK_STEPS, 1, 'did you mean "name"?'),
    ("catalogue-as-session", "exercises: {}\nname: a\n" + OK_STEPS, 1, "--catalogue"),
    ("duplicate-top-key", "name: a\nname: b\n" + OK_STEPS, 2,
     'duplicate key "name" (first at line 1)'),
    ("tags-text", "name: a\ntags: strength\n" + OK_STEPS, 2, "a list of words"),
    ("tags-number", "name: a\ntags: [desk, 3]\n" + OK_STEPS, 2, "expected text"),
    ("description-list", "name: a\ndescription: [a, b]\n" + OK_STEPS, 2, "expected text"),
    # --- defaults --------------------------------------------------------------
    ("defaults-number", "name: a\ndefaults: 5\n" + OK_STEPS, 2, "a mapping of prepare"),
    ("defaults-unknown", "name: a\ndefaults:\n  rset: 3\n" + OK_STEPS, 3,
     'did you mean "rest"?'),
    ("defaults-rest-negative", "name: a\ndefaults: {rest: -3}\n" + OK_STEPS, 2,
     "a time must be 0 or more"),
    ("defaults-countdown-fraction", "name: a\ndefaults: {countdown: 2.5}\n" + OK_STEPS, 2,
     "whole number of ticks"),
    ("defaults-countdown-negative", "name: a\ndefaults: {countdown: -1}\n" + OK_STEPS, 2,
     "must be 0 or more"),
    ("defaults-countdown-boolean", "name: a\ndefaults: {countdown: on}\n" + OK_STEPS, 2,
     "got on (a boolean)"),
    ("defaults-tempo-short", "name: a\ndefaults:\n  tempo: 3-1\n" + OK_STEPS, 3,
     'expected four fields like "3-1-1-0", got "3-1"'),
    ("defaults-prepare-nan", "name: a\ndefaults: {prepare: .nan}\n" + OK_STEPS, 2, "NaN"),
    # --- steps -----------------------------------------------------------------
    ("step-text", "name: a\nsteps:\n  - just words\n", 3, "expected a step"),
    ("step-no-kind", "name: a\nsteps:\n  - sets: 3\n", 3,
     "a step needs one of cue, rest, exercise, use or superset"),
    ("step-key-typo", "name: a\nsteps:\n  - exercize: Bridge\n    hold: 3\n", 3,
     'did you mean "exercise"?'),
    ("cue-with-exercise-key", "name: a\nsteps:\n  - cue: x\n    sets: 3\n", 4,
     "it belongs to an exercise"),
    ("rest-with-duration", "name: a\nsteps:\n  - rest: 10\n    duration: 5\n", 4,
     '"duration" belongs to a cue step'),
    ("rest-with-hold", "name: a\nsteps:\n  - rest: 10\n    hold: 5\n", 4,
     "it belongs to an exercise"),
    ("rest-negative", "name: a\nsteps:\n  - rest: -10\n", 3, "0 or more, got -10"),
    ("rest-boolean", "name: a\nsteps:\n  - rest: yes\n", 3, "expected a time"),
    ("cue-number", "name: a\nsteps:\n  - cue: 5\n", 3, "expected text"),
    ("cue-duration-text", "name: a\nsteps:\n  - cue: x\n    duration: soon\n", 4,
     'got "soon"'),
    ("cue-duration-negative-text", "name: a\nsteps:\n  - cue: x\n    duration: -5s\n", 4,
     'got "-5s"'),
    ("exercise-no-kind", "name: a\nsteps:\n  - exercise: Bridge\n", 3,
     "needs one of hold, reps or duration"),
    ("hold-and-reps", "name: a\nsteps:\n  - exercise: B\n    hold: 3\n    reps: 5\n", 5,
     'only one of hold, reps or duration: "hold" is already set at line 4'),
    ("duration-and-hold", "name: a\nsteps:\n  - {exercise: B, duration: 3, hold: 5}\n", 3,
     "only one of hold, reps or duration"),
    ("sets-zero", "name: a\nsteps:\n  - {exercise: B, hold: 3, sets: 0}\n", 3,
     "must be 1 or more, got 0"),
    ("sets-negative", "name: a\nsteps:\n  - exercise: B\n    hold: 3\n    sets: -2\n", 5,
     "must be 1 or more"),
    ("sets-boolean", "name: a\nsteps:\n  - exercise: B\n    hold: 3\n    sets: yes\n", 5,
     "got yes (a boolean)"),
    ("sets-fraction", "name: a\nsteps:\n  - exercise: B\n    hold: 3\n    sets: 2.5\n", 5,
     "expected a whole number"),
    ("sets-quoted", "name: a\nsteps:\n  - exercise: B\n    hold: 3\n    sets: '3'\n", 5,
     "expected a whole number"),
    ("reps-zero", "name: a\nsteps:\n  - exercise: B\n    reps: 0\n", 4, "must be 1 or more"),
    ("reps-boolean", "name: a\nsteps:\n  - exercise: B\n    reps: on\n", 4, "(a boolean)"),
    ("hold-inf", "name: a\nsteps:\n  - exercise: B\n    hold: .inf\n", 4, "must be finite"),
    ("hold-minus-inf", "name: a\nsteps:\n  - exercise: B\n    hold: -.inf\n", 4,
     "must be finite"),
    ("hold-nan", "name: a\nsteps:\n  - exercise: B\n    hold: .NaN\n", 4, "NaN"),
    ("hold-negative", "name: a\nsteps:\n  - exercise: B\n    hold: -3\n", 4, "0 or more"),
    ("hold-empty", "name: a\nsteps:\n  - exercise: B\n    hold:\n", 4, "got nothing"),
    ("hold-words", "name: a\nsteps:\n  - exercise: B\n    hold: 3 minuets\n", 4,
     'got "3 minuets"'),
    ("hold-bad-units", "name: a\nsteps:\n  - exercise: B\n    hold: 1m-30s\n", 4,
     "expected a time"),
    ("duration-list", "name: a\nsteps:\n  - exercise: B\n    duration: [1, 2]\n", 4,
     "got a list"),
    ("sides-typo", "name: a\nsteps:\n  - {exercise: B, hold: 3, sides: eatch}\n", 3,
     'did you mean "each"?'),
    ("sides-number", "name: a\nsteps:\n  - {exercise: B, hold: 3, sides: 2}\n", 3,
     "one of both, each"),
    ("function-unknown", "name: a\nsteps:\n  - {exercise: B, hold: 3, function: hips}\n", 3,
     '"hips" is not one of knee-flexion, hip-extension, activation, stretch'),
    ("function-list-item",
     "name: a\nsteps:\n  - exercise: B\n    hold: 3\n    function:\n      - stretch\n"
     "      - strech\n", 7, 'did you mean "stretch"?'),
    ("function-mapping", "name: a\nsteps:\n  - {exercise: B, hold: 3, function: {a: 1}}\n", 3,
     "a function or a list of functions"),
    ("cue-list-number", "name: a\nsteps:\n  - exercise: B\n    hold: 3\n    cue: [Lie down, 4]\n",
     5, "expected text"),
    ("notes-mapping", "name: a\nsteps:\n  - exercise: B\n    hold: 3\n    notes: {a: b}\n", 5,
     "text or a list of texts"),
    ("load-boolean", "name: a\nsteps:\n  - exercise: B\n    hold: 3\n    load: no\n", 5,
     "expected text"),
    ("tempo-on-hold", "name: a\nsteps:\n  - exercise: B\n    hold: 3\n    tempo: 3-1-1-0\n", 5,
     "tempo only applies to reps; this exercise uses hold"),
    ("tempo-three-fields", "name: a\nsteps:\n  - exercise: B\n    reps: 3\n    tempo: 3-1-1\n",
     5, 'expected four fields like "3-1-1-0", got "3-1-1"'),
    ("tempo-bad-field", "name: a\nsteps:\n  - exercise: B\n    reps: 3\n    tempo: 3-1-Y-0\n",
     5, 'each tempo field is seconds or X (explosive), got "Y"'),
    ("tempo-number", "name: a\nsteps:\n  - exercise: B\n    reps: 3\n    tempo: 3110\n", 5,
     'a tempo like "3-1-1-0" or a list of phases'),
    ("tempo-empty-list", "name: a\nsteps:\n  - exercise: B\n    reps: 3\n    tempo: []\n", 5,
     "at least one phase"),
    ("tempo-phase-no-seconds",
     "name: a\nsteps:\n  - exercise: B\n    reps: 3\n    tempo:\n      - phase: Lower\n", 6,
     'a tempo phase needs "seconds"'),
    ("tempo-phase-typo",
     "name: a\nsteps:\n  - exercise: B\n    reps: 3\n    tempo:\n"
     "      - {phase: Lower, secs: 3}\n", 6, 'did you mean "seconds"?'),
    ("tempo-phase-kind",
     "name: a\nsteps:\n  - exercise: B\n    reps: 3\n    tempo:\n      - phase: Lower\n"
     "        seconds: 3\n        kind: sideways\n", 8, "not one of lower, pause, lift"),
    ("tempo-phase-negative",
     "name: a\nsteps:\n  - exercise: B\n    reps: 3\n    tempo:\n"
     "      - {phase: Lower, seconds: -3}\n", 6, "0 or more"),
    ("tempo-phase-text", "name: a\nsteps:\n  - exercise: B\n    reps: 3\n    tempo: [Lower]\n",
     5, "a phase such as"),
    ("tempo-phase-label-number",
     "name: a\nsteps:\n  - exercise: B\n    reps: 3\n    tempo:\n"
     "      - {phase: 3, seconds: 3}\n", 6, "expected text"),
    ("use-unknown-id", "name: a\nsteps:\n  - use: glute-brige\n", 3,
     'unknown exercise id "glute-brige"; did you mean "glute-bridge"?'),
    ("use-number", "name: a\nsteps:\n  - use: 5\n", 3, "expected text"),
    ("use-tempo-on-hold-entry", "name: a\nsteps:\n  - use: prone-heel-press\n"
     "    tempo: 3-1-1-0\n", 4, 'tempo only applies to reps; "prone-heel-press" uses hold'),
    ("use-two-kinds", "name: a\nsteps:\n  - use: glute-bridge\n    hold: 3\n    duration: 3\n",
     5, "only one of hold, reps or duration"),
    ("step-countdown-negative", "name: a\nsteps:\n  - {exercise: B, hold: 3, countdown: -2}\n",
     3, "must be 0 or more"),
    ("step-side-switch-text", "name: a\nsteps:\n  - {exercise: B, hold: 3, side_switch: x}\n",
     3, "expected a time"),
    # --- YAML itself -------------------------------------------------------------
    ("tab-indent", "name: a\nsteps:\n\t- cue: x\n", 3, "indent with spaces, not tabs"),
    ("duplicate-step-key", "name: a\nsteps:\n  - cue: x\n    duration: 3\n    cue: y\n", 5,
     'duplicate key "cue" (first at line 3)'),
    ("python-tag", "name: !!python/object/apply:os.system [echo hi]\n" + OK_STEPS, 1,
     "the YAML tag !!python/object/apply:os.system is not allowed"),
    ("custom-tag", "name: !shout a\n" + OK_STEPS, 1, "the YAML tag !shout is not allowed"),
    ("binary-tag", "name: !!binary aGk=\n" + OK_STEPS, 1, "!!binary is not allowed"),
    ("set-tag", "name: a\ntags: !!set {a, b}\n" + OK_STEPS, 2, "!!set is not allowed"),
    ("bool-tag-bad", "name: a\nsteps:\n  - {exercise: B, hold: 3, sets: !!int three}\n", 3,
     '"three" is not a valid whole number'),
    ("unclosed-quote", "name: a\nsteps:\n  - cue: \"Lie down\n", 4, "invalid YAML"),
    ("colon-in-text", "name: a\nsteps:\n  - cue: Relax: breathe\n", 3, "invalid YAML"),
    ("undefined-alias", "name: a\nsteps:\n  - *step\n", 3, "alias *step has no anchor"),
    ("recursive-alias", "x-a: &a [*a]\nname: a\n" + OK_STEPS, 1, "inside its own anchor"),
    ("alias-bomb", BOMB, 6, "aliases expand to more than 100000 values"),
    ("deep-nesting", "name: a\nsteps: " + "[" * 60 + "]" * 60 + "\n", 2,
     "nested deeper than 50 levels"),
    ("merge-scalar", "name: a\nsteps:\n  - cue: x\n    <<: 3\n", 4, "merge key (<<) takes a"),
    ("mapping-key", "name: a\nsteps:\n  - ? [cue]\n    : x\n    cue: y\n", 3,
     "a key must be a plain word"),
    ("huge-int", "name: a\nsteps:\n  - {exercise: B, hold: 3, sets: 1" + "0" * 5000 + "}\n", 3,
     "far too large"),
    ("too-many-phases",
     "name: a\nsteps:\n  - cue: x\n  - exercise: B\n    reps: 100000\n    tempo: 3-1-1-1\n",
     4, "more than 100000 phases"),
    ("too-long", "name: a\nsteps:\n  - {exercise: B, hold: 13h}\n  - {exercise: C, hold: 12h}\n",
     4, "longer than the limit of 24 h"),
    # --- sounds --------------------------------------------------------------------
    ("sounds-unknown", "name: a\nsounds:\n  tik: beep.wav\n" + OK_STEPS, 3,
     'did you mean "tick"?'),
    ("sounds-missing", "name: a\nsounds:\n  go: nowhere.wav\n" + OK_STEPS, 3, "no such file"),
    ("sounds-not-wav-name", "name: a\nsounds:\n  go: beep.mp3\n" + OK_STEPS, 3,
     "a sound must be a .wav file"),
    ("sounds-not-wav-data", "name: a\nsounds:\n  go: fake.wav\n" + OK_STEPS, 3,
     "not a WAV file"),
    ("sounds-symlink-loop", "name: a\nsounds:\n  go: loop.wav\n" + OK_STEPS, 3,
     "cannot use this path"),
    ("sounds-unknown-user", "name: a\nsounds:\n  go: ~no-such-user-here/go.wav\n" + OK_STEPS, 3,
     "cannot use this path"),
    ("sounds-folder", "name: a\nsounds:\n  go: folder.wav\n" + OK_STEPS, 3, "is a folder"),
    ("sounds-list", "name: a\nsounds: [go.wav]\n" + OK_STEPS, 2,
     "a mapping of sound name to WAV file"),
]

BYTE_CASES: list[tuple[str, bytes, int, str]] = [
    ("bad-utf8", b"name: a\nsteps:\n  - cue: caf\xe9\n", 3, "not valid UTF-8"),
    ("nul-byte", b"name: a\x00\nsteps:\n  - cue: x\n", 1, "a NUL byte is not allowed"),
    ("bell", b"name: a\nsteps:\n  - cue: x\x07\n", 3, "U+0007 is not allowed"),
    ("too-big", b"name: a\n" + b"#" * (1024 * 1024) + b"\n", 1, "larger than the limit"),
]


def _validate(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(["validate", str(path)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def _assert_reported(output: str, path: Path, line: int, fragment: str) -> None:
    located = [row for row in output.splitlines()
               if row.startswith(f"hamstring-coach validate: {path}:{line}:")]
    assert any(fragment in row for row in located), output


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with things named like WAV files that are not: data, a loop, a folder."""
    (tmp_path / "fake.wav").write_bytes(b"ID3 this is an mp3, really")
    (tmp_path / "loop.wav").symlink_to(tmp_path / "loop.wav")
    (tmp_path / "folder.wav").mkdir()
    return tmp_path


@pytest.mark.parametrize(("text", "line", "fragment"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_file_is_refused_with_line_and_message(
        folder: Path, capsys: pytest.CaptureFixture[str], text: str, line: int,
        fragment: str) -> None:
    path = folder / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    status, output = _validate(path, capsys)
    assert status == 2
    assert "Traceback" not in output
    _assert_reported(output, path, line, fragment)


@pytest.mark.parametrize(("data", "line", "fragment"), [c[1:] for c in BYTE_CASES],
                         ids=[c[0] for c in BYTE_CASES])
def test_bad_bytes_are_refused_with_line_and_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, line: int,
        fragment: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(data)
    status, output = _validate(path, capsys)
    assert status == 2
    _assert_reported(output, path, line, fragment)


def test_every_problem_is_reported_at_once_sorted_by_line_then_column(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(textwrap.dedent("""\
        name: Many mistakes
        defaults: {rest: -1, countdown: yes}
        steps:
          - exercise: Bridge
            reps: 0
            sets: 0
          - rest: forever
          - cue: 12
    """), encoding="utf-8")
    status, output = _validate(path, capsys)
    assert status == 2
    prefix = "hamstring-coach validate: "
    assert all(row.startswith(prefix) for row in output.splitlines())
    rows = [row.removeprefix(prefix) for row in output.splitlines()]
    assert [row.split(":")[1:3] for row in rows] == [
        ["2", "18"], ["2", "33"], ["5", "11"], ["6", "11"], ["7", "11"], ["8", "10"]]
    assert [row.split(": ")[1] for row in rows] == [
        "defaults.rest", "defaults.countdown", "steps[0].reps", "steps[0].sets",
        "steps[1].rest", "steps[2].cue"]


def test_key_paths_name_nested_tempo_phases(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tempo.yaml"
    path.write_text(textwrap.dedent("""\
        name: Tempo
        steps:
          - cue: Ready
          - cue: Set
          - cue: Go
          - exercise: Curl
            reps: 8
            tempo:
              - {phase: Up, seconds: 1}
              - {phase: Down, seconds: three}
    """), encoding="utf-8")
    status, output = _validate(path, capsys)
    assert status == 2
    assert f"{path}:10:32: steps[3].tempo[1].seconds: expected a time" in output


def test_one_bad_file_among_good_ones_exits_2_and_reports_the_good_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("name: Good\nsteps:\n  - cue: Go\n    duration: 90s\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\nsteps: []\n", encoding="utf-8")
    status = main(["validate", str(good), str(bad)])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == f"{good}: ok (Good, 1:30, 0 waits)\n"
    assert f"{bad}:2:8: steps: a session needs at least one step" in captured.err
