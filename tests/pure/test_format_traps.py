"""The session format's traps, taken out (issue 16, item 2): who sets the pace, which phase
a rep starts with, one reader of times, ids in any script. Real files on disk."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from hamstring_coach.cli import main
from hamstring_coach.commands.hold import duration_value
from hamstring_coach.commands.new import slug
from hamstring_coach.format import (
    SessionFileError,
    load_catalogue,
    load_session,
    parse_duration,
)
from hamstring_coach.format.model import ExerciseStep, Origin, Session, TempoKind
from hamstring_coach.format.schema import catalogue_schema, json_schema
from hamstring_coach.format.values import TIME_PATTERN
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.plan.timeline import PhaseKind, Sound, Timeline
from hamstring_coach.system import paths

REPO = Path(__file__).resolve().parents[2]

NORDIC = """\
version: 1
exercises:
  nordic:
    exercise: Nordic curl
    function: knee-flexion
    sets: 3
    reps: 5
    tempo: "4-0-1-0"
    rest: 90
    prepare: 12
    countdown: 5
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def exercises(session: Session) -> list[ExerciseStep]:
    return [s for s in session.steps if isinstance(s, ExerciseStep)]


def rests_of(timeline: Timeline, step_index: int) -> list[float]:
    return [p.duration or 0.0 for p in timeline.phases
            if p.step_index == step_index and p.kind is PhaseKind.REST]


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def user_catalogue(text: str) -> Path:
    path = paths.user_catalogue_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- who sets the pace -------------------------------------------------------------------


def test_the_readme_example_rests_as_its_defaults_say(tmp_path: Path) -> None:
    """The README's session says ``defaults: {rest: 60, prepare: 10}``; the Romanian
    deadlift's catalogue entry says 90 s. The file's defaults win."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", readme, re.S)
                 if "defaults: {rest: 60" in b)
    session = load_session(write(tmp_path, "leg-day.yaml", block))
    rdl = session.steps[1]
    assert isinstance(rdl, ExerciseStep) and rdl.catalogue_id == "romanian-deadlift"
    assert (rdl.rest, rdl.prepare) == (60.0, 10.0)
    assert (rdl.origin("rest"), rdl.origin("prepare")) == (Origin.DEFAULTS, Origin.DEFAULTS)
    timeline = compile_session(session)
    assert rests_of(timeline, 1) == [60.0, 60.0, 60.0]  # 4 sets, 3 rests, none of 90 s


def test_step_beats_defaults_beat_catalogue_beats_format(tmp_path: Path) -> None:
    catalogue = load_catalogue(write(tmp_path, "catalogue.yaml", NORDIC))
    session = load_session(write(tmp_path, "pace.yaml", """\
        name: Pace
        defaults: {rest: 60, countdown: 2}
        steps:
          - use: nordic                        # rest, countdown: defaults; prepare: entry
          - {use: nordic, rest: 45, prepare: 0, countdown: 4, side_switch: 7}
          - {exercise: Own curl, reps: 5}      # prepare, side switch: the format's
    """), catalogue=catalogue)
    entry, own, plain = exercises(session)
    assert (entry.rest, entry.prepare, entry.countdown, entry.side_switch) == (60, 12, 2, 5)
    assert [entry.origin(k) for k in ("rest", "prepare", "countdown", "side_switch")] == [
        Origin.DEFAULTS, Origin.CATALOGUE, Origin.DEFAULTS, Origin.FORMAT]
    assert (own.rest, own.prepare, own.countdown, own.side_switch) == (45, 0, 4, 7)
    assert {own.origin(k) for k in ("rest", "prepare", "countdown", "side_switch")} == {
        Origin.STEP}
    assert (plain.rest, plain.prepare, plain.countdown) == (60, 5, 2)
    # Without defaults of its own the file takes the entry's pace.
    bare = load_session(write(tmp_path, "bare.yaml", "name: Bare\nsteps: [{use: nordic}]\n"),
                        catalogue=catalogue)
    step = exercises(bare)[0]
    assert (step.rest, step.prepare, step.countdown) == (90, 12, 5)
    assert step.origin("rest") is Origin.CATALOGUE
    # The countdown reaches the ticks: 2 before the end of the get-ready (defaults).
    prepare = next(p for p in compile_session(session).phases if p.kind is PhaseKind.PREPARE)
    assert [c.offset for c in prepare.sounds if c.sound is Sound.TICK] == [10.0, 11.0]


def test_show_says_where_a_value_that_differs_from_the_defaults_came_from(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    user_catalogue(NORDIC)
    path = write(tmp_path, "nordics.yaml", """\
        name: Nordics
        defaults: {prepare: 12}
        steps:
          - use: nordic
          - {use: nordic, rest: 45}
          - {exercise: Bridge, reps: 5, sets: 2}
    """)
    code, out, err = cli(capsys, "show", str(path))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert "Defaults: prepare 12 s, rest 30 s, side switch 5 s, countdown 3" in lines

    def under(title: str, number: int) -> str:
        at = next(i for i, line in enumerate(lines)
                  if line.startswith(f"{number}. ") and title in line)
        return lines[at + 1].strip()

    assert under("Nordic curl", 1) == "rest 90 s, countdown 5 (catalogue: nordic)"
    assert under("Nordic curl", 2) == "rest 45 s (this step); countdown 5 (catalogue: nordic)"
    assert under("Bridge", 3) == ""  # every value is the session's default: nothing to say
    # With the pace in the file's defaults the entry's values say nothing any more.
    paced = write(tmp_path, "paced.yaml", "name: Paced\ndefaults: {rest: 90s, countdown: 5}\n"
                                          "steps: [{use: nordic}]\n")
    _, out, _ = cli(capsys, "show", str(paced))
    assert out.splitlines()[4].strip() == "prepare 12 s (catalogue: nordic)"


def test_built_in_sessions_keep_their_pace() -> None:
    """The built-ins were written when the catalogue won; their files now say what they run:
    the pacing that loses to a catalogue entry is not written in their defaults."""
    for file in sorted(paths.builtin_sessions_dir().glob("*.yaml")):
        session = load_session(file, session_id=file.stem)
        for step in exercises(session):
            used = [k for k in ("rest", "prepare") if k != "rest" or step.sets > 1]
            for key in used:
                if step.origin(key) is Origin.DEFAULTS and step.catalogue_id:
                    entry = load_catalogue(paths.builtin_catalogue_file())[step.catalogue_id]
                    assert getattr(entry.fields, key) in (None, getattr(step, key)), (
                        file.stem, step.name, key)


# --- which phase a rep starts with -------------------------------------------------------


def tempo_rows(timeline: Timeline, step_index: int, rep: int = 1) -> list[tuple[str, float]]:
    return [(p.label, p.duration or 0.0) for p in timeline.phases if p.step_index == step_index
            and p.position.set_no == 1 and p.position.rep_no == rep]


def test_a_curl_and_a_bridge_start_a_four_field_rep_with_the_lift(tmp_path: Path) -> None:
    session = load_session(write(tmp_path, "curls.yaml", """\
        name: Curls
        steps:
          - {use: seated-leg-curl, reps: 2, tempo: "3-1-1-0"}
          - {use: glute-bridge, reps: 1, tempo: "3-0-1-2"}
          - {use: romanian-deadlift, reps: 1, tempo: "4-1-1-0"}
          - {exercise: Own curl, reps: 1, tempo: "3-1-1-1", start: lift}
          - {use: seated-leg-curl, reps: 1, tempo: "3-1-1-0", start: lower}
    """))
    timeline = compile_session(session)
    assert tempo_rows(timeline, 0) == [("Lift", 1), ("Lower", 3), ("Pause", 1)]
    assert tempo_rows(timeline, 0, rep=2) == [("Lift", 1), ("Lower", 3), ("Pause", 1)]
    assert tempo_rows(timeline, 1) == [("Lift", 1), ("Squeeze", 2), ("Lower", 3)]
    assert tempo_rows(timeline, 2) == [("Lower", 4), ("Pause", 1), ("Lift", 1)]  # a hinge
    assert tempo_rows(timeline, 3) == [("Lift", 1), ("Squeeze", 1), ("Lower", 3), ("Pause", 1)]
    assert tempo_rows(timeline, 4) == [("Lower", 3), ("Pause", 1), ("Lift", 1)]
    first = next(p for p in timeline.phases if p.kind is PhaseKind.LIFT)
    assert first.sounds[0].sound is Sound.GO  # the set's first phase still starts with go
    # The tempo stays as written (progress rules and show name its phases by label).
    assert [p.label for p in exercises(session)[0].tempo or ()] == [
        "Lower", "Pause", "Lift", "Squeeze"]


def test_the_catalogue_marks_the_exercises_that_start_with_the_lift() -> None:
    catalogue = load_catalogue(paths.builtin_catalogue_file())
    lift_first = {i for i, e in catalogue.items() if e.fields.start is TempoKind.LIFT}
    assert lift_first == {"glute-bridge", "stability-ball-curl", "seated-leg-curl",
                          "lying-leg-curl", "prone-curl"}
    assert all(e.fields.start is None for i, e in catalogue.items() if i not in lift_first)
    raw = yaml.safe_load(paths.builtin_catalogue_file().read_text(encoding="utf-8"))
    assert list(Draft202012Validator(catalogue_schema()).iter_errors(raw)) == []


def test_show_and_show_phases_follow_the_start(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    path = write(tmp_path, "curl.yaml",
                 'name: Curl\nsteps: [{use: prone-curl, reps: 2, tempo: "3-1-1-0"}]\n')
    code, out, _ = cli(capsys, "show", str(path))
    assert code == 0 and "Prone curl (bodyweight) — 3 × 2 @ 3-1-1-0, lift first" in out
    _, out, _ = cli(capsys, "show", str(path), "--phases")
    kinds = [line.split()[3:5] for line in out.splitlines() if " 1/2 " in line]
    assert kinds[:3] == [["lift", "Lift"], ["lower", "Lower"], ["pause", "Pause"]]


@pytest.mark.parametrize(("step", "column", "message"), [
    ("{exercise: A, reps: 3, start: up}", 35, '"up" is not one of lower, lift'),
    ("{exercise: A, hold: 3, start: lift}", 28, "start only applies to reps"),
    ("{use: prone-heel-press, start: lift}", 36, 'start only applies to reps; "prone-heel'),
    ("{exercise: A, reps: 3, start: lift, tempo: [{phase: Lower, seconds: 3}, "
     "{phase: Lift, seconds: 1}]}", 35, 'starts with "Lower" (lower); write the lift'),
    ("{use: romanian-deadlift, start: lift}", 37, 'starts with "Lower"'),
])
def test_a_start_that_cannot_apply_is_a_located_error(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, step: str, column: int,
        message: str) -> None:
    path = write(tmp_path, "bad.yaml", f"name: Bad\nsteps:\n  - {step}\n")
    code, _, err = cli(capsys, "validate", str(path))
    assert code == 2
    assert err.startswith(f"hamstring-coach validate: {path}:3:{column}: steps[0].start: "), err
    assert message in err and len(err.splitlines()) == 1


def test_the_schema_knows_start() -> None:
    validator = Draft202012Validator(json_schema())

    def errors(step: dict[str, object]) -> int:
        return len(list(validator.iter_errors({"name": "a", "steps": [step]})))

    assert errors({"use": "glute-bridge", "start": "lift"}) == 0
    assert errors({"exercise": "A", "reps": 3, "start": "lower"}) == 0
    assert errors({"exercise": "A", "reps": 3, "start": "up"}) > 0
    assert errors({"exercise": "A", "hold": 3, "start": "lift"}) > 0


# --- one reader of times -----------------------------------------------------------------


def test_rest_1_min_and_hold_30_s_both_work(tmp_path: Path) -> None:
    catalogue = load_catalogue(write(tmp_path, "catalogue.yaml", """\
        version: 1
        exercises:
          slow:
            exercise: Slow hold
            hold: 1 min 30 s
            rest: 2 mins
    """))
    session = load_session(write(tmp_path, "times.yaml", """\
        name: Times
        defaults: {prepare: 10 sec, side_switch: "0:05"}
        steps:
          - rest: 1 min
          - {exercise: Hold, hold: 30 s, sets: 2, rest: "1:30"}
          - {exercise: Swings, duration: 1 minute, prepare: 3 seconds}
          - {use: slow, sets: 2}
          - {cue: Breathe, duration: 1 hr}
          - {exercise: Long, hold: "1:05:00"}
          - {exercise: Press, hold: 10, progress: {hold: +5 sec, up_to: 1 min}}
    """), catalogue=catalogue)
    rest, hold, swings, slow, cue, long, press = session.steps
    assert rest.seconds == 60.0  # type: ignore[union-attr]
    assert isinstance(hold, ExerciseStep) and (hold.hold, hold.rest) == (30.0, 90.0)
    assert (hold.prepare, hold.side_switch) == (10.0, 5.0)
    assert isinstance(swings, ExerciseStep) and (swings.duration, swings.prepare) == (60.0, 3.0)
    assert isinstance(slow, ExerciseStep) and (slow.hold, slow.rest) == (90.0, 120.0)
    assert cue.duration == 3600.0  # type: ignore[union-attr]
    assert isinstance(long, ExerciseStep) and long.hold == 3900.0
    assert isinstance(press, ExerciseStep) and press.progress is not None
    assert (press.progress.step, press.progress.up_to) == (5.0, 60.0)


@pytest.mark.parametrize(("text", "seconds"), [
    ("1 min", 60), ("1min", 60), ("2 mins", 120), ("1 minute", 60), ("3 minutes", 180),
    ("30 s", 30), ("30 sec", 30), ("30 secs", 30), ("1 second", 1), ("45 seconds", 45),
    ("1 min 30 s", 90), ("1m30s", 90), ("1h 30min", 5400), ("2 hours", 7200), ("1 hr", 3600),
    ("1:30", 90), ("0:45", 45), ("12:00", 720), ("1:05:00", 3900), ("0:30.5", 30.5),
    ("1.5 min", 90), (" 90 ", 90),
])
def test_one_parser_reads_every_unit(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds
    assert duration_value(text) == seconds  # the command line reads times the same way
    assert re.match(TIME_PATTERN, text)  # and so does the schema


@pytest.mark.parametrize("text", ["1 minz", "1:60", "1:5:00", "1:60:00", "min", "1 ms",
                                  "30 s 1 min", "1,5 min", "1 min 30", ":30", "1:30:"])
def test_a_bad_time_is_refused_alike_by_parser_and_schema(text: str) -> None:
    with pytest.raises(ValueError, match="expected a time such as"):
        parse_duration(text)
    assert not re.match(TIME_PATTERN, text)


@given(st.text(alphabet="0123456789.: hmsincoureta", max_size=14))
def test_the_schema_pattern_and_the_parser_agree(text: str) -> None:
    try:
        parse_duration(text)
        parsed = True
    except ValueError:
        parsed = False
    assert parsed == bool(re.match(TIME_PATTERN, text)), text


def test_a_bad_time_in_a_file_is_located(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "name: Bad\nsteps:\n  - rest: 1 minz\n"
                                       "  - {exercise: A, hold: '1:75'}\n")
    code, _, err = cli(capsys, "validate", str(path))
    assert code == 2
    first, second = err.splitlines()[:2]
    assert first == (f'hamstring-coach validate: {path}:3:11: steps[0].rest: expected a time '
                     'such as 30, "90 s", '
                     '"1 min", "1m30s", "1:30" or "1 h", got "1 minz"')
    assert second.startswith(f"hamstring-coach validate: {path}:4:25: steps[1].hold: expected")


# --- ids in any script -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "sid"), [
    ("Übungen", "übungen"), ("腿部训练", "腿部训练"), ("Día 2: piernas", "día-2-piernas"),
    ("Straße", "straße"), ("व्यायाम सत्र", "व्यायाम-सत्र"), ("E\u0301tude", "étude"),
])
def test_new_keeps_letters_of_any_script(capsys: pytest.CaptureFixture[str], name: str,
                                         sid: str) -> None:
    code, out, _ = cli(capsys, "new", name)
    path = Path(out.strip())
    assert code == 0 and path == paths.user_sessions_dir() / f"{sid}.yaml"
    assert load_session(path).name == name.strip()
    code, shown, _ = cli(capsys, "show", sid)  # the id finds it
    assert code == 0 and f"({sid}, {path})" in shown


@pytest.mark.parametrize(("name", "sid"), [
    ("../../etc/passwd", "etc-passwd"), (".hidden", "hidden"), ("a/b\\c", "a-b-c"),
    ("..", ""), ("x\x1b[31my", "x-31my"), ("a\u202eb", "a-b"), ("tab\there", "tab-here"),
    ("🦵 legs", "legs"), ("\u0301x", "x"), ("a\u200bb", "a-b"),
])
def test_an_id_is_never_a_path_a_dot_file_or_a_control(name: str, sid: str) -> None:
    assert slug(name) == sid


@pytest.mark.parametrize("name", ["..", "///", "\u202e", "🦵"])
def test_new_refuses_a_name_with_no_letter_or_digit(capsys: pytest.CaptureFixture[str],
                                                    name: str) -> None:
    code, out, err = cli(capsys, "new", name)
    assert code == 2 and out == "" and "cannot make a file name" in err
    assert not paths.user_sessions_dir().exists() or not any(
        paths.user_sessions_dir().iterdir())


def test_a_session_with_a_start_beside_an_agreeing_list_loads(tmp_path: Path) -> None:
    """``start`` beside a list that already starts that way is accepted (the catalogue's
    bridge and curls do so)."""
    session = load_session(write(tmp_path, "ok.yaml", """\
        name: Ok
        steps:
          - exercise: Bridge
            reps: 2
            start: lift
            tempo: [{phase: Hold, seconds: 1}, {phase: Up, seconds: 1}, {phase: Down, seconds: 2}]
    """))
    assert [p.label for p in compile_session(session).phases if p.position.rep_no == 1] == [
        "Hold", "Up", "Down"]
    with pytest.raises(SessionFileError):
        load_session(write(tmp_path, "no.yaml", "name: No\nsteps:\n  - exercise: B\n"
                           "    reps: 2\n    start: lift\n    tempo: [{phase: Down, "
                           "seconds: 2}, {phase: Up, seconds: 1}]\n"))
