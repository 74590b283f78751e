"""Valid session files: every feature of the format becomes the right model values."""

from __future__ import annotations

import hashlib
import struct
import textwrap
from pathlib import Path

import pytest

from hamstring_coach.format import (
    Catalogue,
    SessionFileError,
    load_catalogue,
    load_session,
    load_session_text,
    parse_duration,
)
from hamstring_coach.format.model import (
    CueStep,
    ExerciseStep,
    RestStep,
    Session,
    Sides,
    TempoKind,
    TempoPhase,
    WorkKind,
)


def write(folder: Path, name: str, text: str) -> Path:
    """Write a dedented YAML file and return its path."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def wav(path: Path) -> Path:
    """A tiny real WAV file (RIFF/WAVE header, one silent frame)."""
    data = b"\0\0"
    fmt = struct.pack("<HHIIHH", 1, 1, 8000, 16000, 2, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" \
        + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def exercise(session: Session, index: int) -> ExerciseStep:
    step = session.steps[index]
    assert isinstance(step, ExerciseStep)
    return step


@pytest.mark.parametrize(("value", "seconds"), [
    (30, 30.0), (2.5, 2.5), (0, 0.0), ("45", 45.0), ("90s", 90.0), ("1m30s", 90.0),
    ("2m", 120.0), ("1h", 3600.0), ("1h30m", 5400.0), ("1m 30s", 90.0), (" 2.5s ", 2.5),
    ("0.5m", 30.0), (".5s", 0.5),
])
def test_parse_duration_accepts_numbers_and_unit_strings(value: object, seconds: float) -> None:
    assert parse_duration(value) == seconds


@pytest.mark.parametrize(("value", "fragment"), [
    (-1, "0 or more"), (float("inf"), "finite"), (float("nan"), "NaN"), (True, "expected"),
    ("", "expected a time"), ("s", "expected a time"), ("5 minz", 'got "5 minz"'),
    ("-5s", "expected a time"), ("1s1m", "expected a time"), (None, "expected"),
    ([1], "expected"), (10**400, "far too long"),
])
def test_parse_duration_refuses_with_a_message(value: object, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(")):
        parse_duration(value)


def test_times_in_every_form_and_defaults_inheritance(tmp_path: Path) -> None:
    path = write(tmp_path, "times.yaml", """\
        name: Times
        defaults:
          prepare: 10s
          rest: 1m
          side_switch: 3
          countdown: 5
        steps:
          - cue: Breathe
            duration: "1m30s"
          - rest: 2m
            cue: Walk around
          - exercise: Hold it
            hold: 1:30
            sides: each
            sets: 2
          - exercise: Override
            duration: 45
            rest: 0
            prepare: 0
            countdown: 0
            side_switch: 1
    """)
    session = load_session(path)
    assert session.steps[0] == CueStep("Breathe", 90.0, line=8)
    assert session.steps[1] == RestStep(120.0, "Walk around", line=10)
    held = exercise(session, 2)
    # YAML 1.1 reads 1:30 as sexagesimal 90, which is what a person means.
    assert (held.work, held.hold, held.sides, held.sets) == (WorkKind.HOLD, 90.0, Sides.EACH, 2)
    assert (held.prepare, held.rest, held.side_switch, held.countdown) == (10.0, 60.0, 3.0, 5)
    own = exercise(session, 3)
    assert (own.duration, own.rest, own.prepare, own.countdown, own.side_switch) == (
        45.0, 0.0, 0.0, 0, 1.0)


def test_untimed_cue_waits_and_format_defaults_apply(tmp_path: Path) -> None:
    session = load_session(write(tmp_path, "plain.yaml", """\
        name: "  Plain  "
        steps:
          - cue: Press Enter when ready
          - exercise: Bridge
            reps: 10
    """))
    assert session.name == "Plain"
    assert session.steps[0] == CueStep("Press Enter when ready", None, line=3)
    bridge = exercise(session, 1)
    assert bridge == ExerciseStep(name="Bridge", work=WorkKind.REPS, reps=10, tempo=None,
                                  line=4)


def test_four_field_tempo_with_explosive_and_zero_phases(tmp_path: Path) -> None:
    session = load_session(write(tmp_path, "tempo.yaml", """\
        name: Tempo
        steps:
          - exercise: RDL
            reps: 8
            tempo: 4-1-X-0
    """))
    assert exercise(session, 0).tempo == (
        TempoPhase("Lower", 4.0, TempoKind.LOWER), TempoPhase("Pause", 1.0, TempoKind.PAUSE),
        TempoPhase("Lift", 1.0, TempoKind.LIFT), TempoPhase("Squeeze", 0.0, TempoKind.PAUSE))


def test_tempo_list_infers_kinds_from_labels_and_keeps_cues(tmp_path: Path) -> None:
    session = load_session(write(tmp_path, "tempo.yaml", """\
        name: Tempo list
        steps:
          - exercise: Ball curl
            reps: 12
            tempo:
              - {phase: Drive up, seconds: 1, cue: "Heels into the floor, pull them back"}
              - {phase: Squeeze, seconds: 2s}
              - {phase: Eccentric, seconds: 3}
              - {phase: Top, seconds: 1, kind: lift}
              - {phase: Curl in, seconds: 1}
    """))
    tempo = exercise(session, 0).tempo
    assert tempo is not None
    assert [(p.label, p.seconds, p.kind) for p in tempo] == [
        ("Drive up", 1.0, TempoKind.LIFT), ("Squeeze", 2.0, TempoKind.PAUSE),
        ("Eccentric", 3.0, TempoKind.LOWER), ("Top", 1.0, TempoKind.LIFT),
        ("Curl in", 1.0, TempoKind.LIFT)]
    assert tempo[0].cue == "Heels into the floor, pull them back"


def test_default_tempo_applies_to_reps_only_and_a_step_tempo_wins(tmp_path: Path) -> None:
    session = load_session(write(tmp_path, "t.yaml", """\
        name: Defaults tempo
        defaults:
          tempo: 3-1-1-0
        steps:
          - {exercise: A, reps: 10}
          - {exercise: B, hold: 10}
          - {exercise: C, reps: 5, tempo: 2-0-2-0}
    """))
    assert [p.seconds for p in exercise(session, 0).tempo or ()] == [3, 1, 1, 0]
    assert exercise(session, 1).tempo is None
    assert [p.seconds for p in exercise(session, 2).tempo or ()] == [2, 0, 2, 0]


def test_anchors_aliases_and_merge_keys(tmp_path: Path) -> None:
    session = load_session(write(tmp_path, "merge.yaml", """\
        name: Merge
        x-strength: &strength {sets: 3, rest: 45, sides: each}
        x-slow: &slow {tempo: 4-1-1-0, sets: 9}
        steps:
          - exercise: A
            reps: 10
            <<: *strength
          - exercise: B
            reps: 8
            sets: 4
            <<: [*strength, *slow]
          - &again
            cue: Again
          - *again
    """))
    a, b = exercise(session, 0), exercise(session, 1)
    assert (a.sets, a.rest, a.sides) == (3, 45.0, Sides.EACH)
    # Keys written in the step win; among merged mappings the earlier one wins.
    assert (b.sets, b.rest, b.sides) == (4, 45.0, Sides.EACH)
    assert [p.seconds for p in b.tempo or ()] == [4, 1, 1, 0]
    assert session.steps[2] == session.steps[3] == CueStep("Again", None, line=12)


CATALOGUE = """\
    version: 1
    exercises:
      bridge:
        exercise: Glute bridge
        function: [hip-extension, activation]
        cue: [Lie on your back, Feet flat]
        notes: Squeeze at the top
        sides: both
        sets: 3
        reps: 12
        tempo: 1-2-1-0
        rest: 40
        load: bodyweight
      press:
        exercise: Heel press
        function: activation
        sides: each
        hold: 10
        prepare: 8
"""


def test_use_starts_from_the_catalogue_entry_and_step_keys_override(tmp_path: Path) -> None:
    catalogue = load_catalogue(write(tmp_path, "cat.yaml", CATALOGUE))
    session = load_session(write(tmp_path, "use.yaml", """\
        name: Use
        defaults: {rest: 20, prepare: 3, tempo: 3-0-1-0}
        steps:
          - use: bridge
          - use: bridge
            exercise: Single-leg bridge
            sets: 2
            load: 10 kg
          - use: bridge
            hold: 30
          - use: press
            reps: 5
          - use: press
            rest: 5
    """), catalogue=catalogue)
    plain, renamed, held, repped, press = (exercise(session, i) for i in range(5))
    assert plain.name == "Glute bridge" and plain.catalogue_id == "bridge"
    # The file's defaults beat the entry's pacing (its rest 40): the file sets the pace.
    assert (plain.work, plain.reps, plain.sets, plain.rest, plain.prepare) == (
        WorkKind.REPS, 12, 3, 20.0, 3.0)
    assert [p.seconds for p in plain.tempo or ()] == [1, 2, 1, 0]
    assert plain.function == ("hip-extension", "activation")
    assert plain.cue == ("Lie on your back", "Feet flat")
    assert plain.notes == ("Squeeze at the top",)
    assert (renamed.name, renamed.sets, renamed.load) == ("Single-leg bridge", 2, "10 kg")
    # Switching the kind drops the entry's amount and, away from reps, its tempo.
    assert (held.work, held.hold, held.reps, held.tempo) == (WorkKind.HOLD, 30.0, None, None)
    # Switching to reps takes the session's default tempo (the entry had none).
    assert (repped.work, repped.reps, repped.hold) == (WorkKind.REPS, 5, None)
    assert [p.seconds for p in repped.tempo or ()] == [3, 0, 1, 0]
    assert (press.hold, press.sides, press.prepare, press.rest) == (10.0, Sides.EACH, 3.0, 5.0)


def test_user_catalogue_adds_and_overrides_built_in_entries(
        tmp_path: Path, isolated_user_dirs: Path) -> None:
    config = isolated_user_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    write(config, "catalogue.yaml", """\
        exercises:
          glute-bridge:
            exercise: My bridge
            hold: 20
          towel-curl:
            exercise: Towel curl
            reps: 15
    """)
    session = load_session(write(tmp_path, "mine.yaml", """\
        name: Mine
        steps:
          - use: glute-bridge
          - use: towel-curl
          - use: prone-heel-press
    """))
    bridge, towel, press = (exercise(session, i) for i in range(3))
    assert (bridge.name, bridge.work, bridge.hold) == ("My bridge", WorkKind.HOLD, 20.0)
    assert (towel.name, towel.reps) == ("Towel curl", 15)
    assert press.catalogue_id == "prone-heel-press" and press.name  # still the built-in


def test_broken_user_catalogue_names_its_own_file_only_when_used(
        tmp_path: Path, isolated_user_dirs: Path) -> None:
    config = isolated_user_dirs / "config"
    config.mkdir(parents=True, exist_ok=True)
    user = write(config, "catalogue.yaml", "exercises:\n  x:\n    exercise: X\n    hold: -1\n")
    plain = write(tmp_path, "plain.yaml", "name: P\nsteps:\n  - cue: Go\n")
    assert load_session(plain).name == "P"
    # Another entry (here a built-in one) is not touched by the broken "x".
    builtin = write(tmp_path, "builtin.yaml", "name: B\nsteps:\n  - use: glute-bridge\n")
    assert load_session(builtin).name == "B"
    using = write(tmp_path, "using.yaml", "name: U\nsteps:\n  - cue: Go\n  - use: x\n")
    with pytest.raises(SessionFileError) as caught:
        load_session(using)
    assert [str(p) for p in caught.value.problems] == [
        f'{using}:4:10: steps[1].use: exercise "x" is broken in your catalogue '
        f"({user}:4:11: a time must be 0 or more, got -1)",
        f"{user}:4:11: exercises.x.hold: a time must be 0 or more, got -1"]


def test_sounds_mapping_resolves_relative_and_absolute_wav_files(tmp_path: Path) -> None:
    (tmp_path / "snd").mkdir()
    tick = wav(tmp_path / "snd" / "tick.wav")
    done = wav(tmp_path / "elsewhere.WAV")
    session = load_session(write(tmp_path, "loud.yaml", f"""\
        name: Loud
        sounds:
          tick: snd/tick.wav
          done: {done}
        steps:
          - cue: Go
    """))
    assert session.sounds == (("tick", tick.resolve()), ("done", done.resolve()))


def test_session_identity_source_hash_and_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "my-routine.yaml", """\
        # a comment first
        version: 1
        name: Routine
        description: >-
          Two lines
          folded.
        tags: [desk, stretch, desk]
        steps:

          - cue: One
          - rest: 5
    """)
    session = load_session(path)
    assert session.id == "my-routine"
    assert session.source == path.resolve()
    assert session.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert session.description == "Two lines folded."
    assert session.tags == ("desk", "stretch")
    assert [s.line for s in session.steps] == [10, 11]
    assert load_session(path, session_id="other").id == "other"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-8"])
def test_bom_utf16_and_crlf_files_load(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "enc.yaml"
    path.write_bytes("name: Café\r\nsteps:\r\n  - cue: Très bien\r\n".encode(encoding))
    session = load_session(path)
    assert (session.name, session.steps[0]) == ("Café", CueStep("Très bien", None, line=3))


def test_loose_values_that_are_still_meant_as_text(tmp_path: Path) -> None:
    session = load_session(write(tmp_path, "loose.yaml", """\
        name: 2024-02-30
        x-anything: {can: [go, here]}
        steps:
          - exercise: Deadlift
            reps: 5
            load: 20
            function: knee-flexion
            cue: One line
    """))
    assert session.name == "2024-02-30"  # an impossible date stays text
    deadlift = exercise(session, 0)
    assert (deadlift.load, deadlift.function, deadlift.cue) == ("20", ("knee-flexion",),
                                                               ("One line",))


def test_load_session_text_takes_str_or_bytes_and_a_base_dir(tmp_path: Path) -> None:
    wav(tmp_path / "go.wav")
    text = "name: Text\nsounds: {go: go.wav}\nsteps:\n  - cue: Go\n"
    from_str = load_session_text(text, "inline.yaml", base_dir=tmp_path)
    from_bytes = load_session_text(text.encode(), "inline.yaml", base_dir=tmp_path,
                                   session_id="x")
    assert from_str.id == "inline" and from_bytes.id == "x"
    assert from_str.source is None
    assert from_str.sounds == (("go", (tmp_path / "go.wav").resolve()),)
    with pytest.raises(SessionFileError) as caught:
        load_session_text(text, "inline.yaml")  # no go.wav next to the current folder
    assert caught.value.first.path == "sounds.go"


def test_catalogue_object_is_a_read_only_mapping(tmp_path: Path) -> None:
    catalogue = load_catalogue(write(tmp_path, "cat.yaml", CATALOGUE))
    assert isinstance(catalogue, Catalogue)
    assert list(catalogue) == ["bridge", "press"] and len(catalogue) == 2
    entry = catalogue["bridge"]
    assert (entry.id, entry.name, entry.line) == ("bridge", "Glute bridge", 3)
    assert entry.fields.reps == 12 and entry.fields.hold is None
