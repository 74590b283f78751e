"""The list, show and new commands, through the real CLI entry point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from hamstring_coach.cli import main
from hamstring_coach.format import load_session
from hamstring_coach.format.schema import MODELINE, json_schema
from hamstring_coach.plan.compiler import compile_session
from hamstring_coach.run import library
from hamstring_coach.system import paths
from hamstring_coach.textfmt import duration_text


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def length_of(spec: str) -> str:
    return duration_text(compile_session(library.load(spec)).total)


def user_file(name: str, text: str) -> Path:
    paths.user_sessions_dir().mkdir(parents=True, exist_ok=True)
    path = paths.user_sessions_dir() / name
    path.write_text(text, encoding="utf-8")
    return path


# --- list ---------------------------------------------------------------------------


def test_list_shows_built_in_sessions_and_invites_to_create_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "list")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("Built-in sessions (")
    full = next(line for line in lines if line.split()[0] == "full")
    assert "Full hamstring routine" in full
    assert f"{length_of('full')} + 1 wait" in full and "strength" in full
    desk = next(line for line in lines if line.split()[0] == "desk-break")
    assert length_of("desk-break") in desk and "desk" in desk
    assert "none yet; create one with: hamstring-coach new NAME" in out


def test_list_shows_a_broken_user_file_with_its_first_error(
        capsys: pytest.CaptureFixture[str]) -> None:
    user_file("morning.yaml", "name: Morning\nsteps:\n  - use: glute-bridge\n")
    bad = user_file("bad.yaml", "name: Bad\nsteps:\n  - use: glute-bridge\n    setz: 3\n")
    code, out, _ = cli(capsys, "list")
    assert code == 0
    mine = out.split("Your sessions")[1].splitlines()
    assert mine[1].split() [0:2] == ["bad", "BROKEN"]
    assert f"{bad}:4:5: steps[0]" in mine[1] and '"sets"' in mine[1]
    assert mine[2].split()[0] == "morning" and "Morning" in mine[2]


def test_list_lines_up_double_width_names_in_terminal_columns(
        capsys: pytest.CaptureFixture[str]) -> None:
    """A Chinese name takes two columns a letter: the lengths still start in one column."""
    from hamstring_coach.system.messages import columns

    user_file("腿部训练.yaml", "name: 腿部训练\nsteps:\n  - use: glute-bridge\n")
    user_file("morning.yaml", "name: Morning bridges\nsteps:\n  - use: glute-bridge\n")
    code, out, _ = cli(capsys, "list")
    assert code == 0
    mine = out.split("Your sessions")[1].splitlines()[1:3]
    length = length_of(str(paths.user_sessions_dir() / "morning.yaml"))
    starts = [columns(line[:line.index(length)]) for line in mine]
    assert len(mine) == 2 and starts[0] == starts[1], mine


def test_list_filters_by_tag(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "list", "--tag", "desk")
    built_in, mine = out.split("Your sessions")
    ids = [line.split()[0] for line in built_in.splitlines() if line.startswith("  ")]
    assert code == 0 and ids == ["desk-2min", "desk-5min", "desk-break"]
    assert mine.splitlines()[1] == "  none with those tags"


# --- show ---------------------------------------------------------------------------


def test_show_prints_every_step_with_doses_and_lengths(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "show", "full")
    assert code == 0 and err == ""
    assert out.startswith("Full hamstring routine  (full, built-in)")
    steps = [line for line in out.splitlines() if line[:3].strip().rstrip(".").isdigit()]
    session = library.load("full")
    assert len(steps) == len(session.steps)
    assert "wait  Cue: Lay out a mat" in steps[0]
    assert "Prone heel press (bodyweight) — 3 × 10 s hold each side" in steps[1]
    assert "Romanian deadlift — 4 × 10 @ 4-1-1-0" in out
    assert "Glute bridge (bodyweight) — 4 × 12 @ Drive up 1 s · Squeeze 2 s · Lower 3 s" in out
    assert "Supine hamstring stretch (bodyweight) — 2 × 30 s hold each side" in out
    # 10 s prepare + 3 sets x (10 + 5 + 10) + 2 rests of 15 s
    assert steps[1].split()[1] == "1:55"
    assert f"Total {length_of('full')} + 1 wait" in out


def test_show_phases_lists_start_kind_label_and_position(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "show", "activation", "--phases")
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    header = next(r for r in rows if r[:2] == ["start", "length"])
    assert header[2:7] == ["kind", "label", "set", "side", "rep"]
    table = rows[rows.index(header) + 1:]
    assert table[0][:4] == ["0:00", "10", "s", "prepare"]
    assert table[1][:9] == ["0:10", "10", "s", "hold", "Hold", "1/4", "left", "-", "Prone"]
    assert table[2][:8] == ["0:20", "5", "s", "switch", "Switch", "side", "1/4", "right"]
    timeline = compile_session(library.load("activation"))
    assert f"Total {duration_text(timeline.total)}" in out
    assert sum(1 for r in table if r and ":" in r[0]) == len(timeline.phases)


def test_show_a_tempo_session_numbers_reps(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = cli(capsys, "show", "tone", "--phases")
    lower = [line for line in out.splitlines() if " lower    Lower " in line]
    # tone's RDL is 4 × 8–15: the target starts at the bottom of the range
    assert lower and "4 s" in lower[0] and "1/4" in lower[0] and "1/8" in lower[0]


def test_show_unknown_session_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "show", "ful")
    assert code == 2 and out == ""
    assert err == ('hamstring-coach show: no session called "ful". Did you mean "full"? '
                   '"hamstring-coach list" shows every session.\n')


def test_show_invalid_file_prints_its_problems(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: Bad\nsteps:\n  - use: glute-bridge\n    tempo: 3-1-1\n",
                   encoding="utf-8")
    code, out, err = cli(capsys, "show", str(bad))
    assert code == 2 and out == ""
    assert err.startswith(f"hamstring-coach show: {bad}:4:12: steps[0].tempo: ")


# --- new ----------------------------------------------------------------------------


def test_new_writes_a_valid_commented_starter(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "new", "Morning hamstrings")
    path = paths.user_sessions_dir() / "morning-hamstrings.yaml"
    assert code == 0 and out == f"{path}\n"
    assert err == ("Edit it, then: hamstring-coach show morning-hamstrings  /  "
                   "hamstring-coach run morning-hamstrings\n")
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    jsonschema.validate(yaml.safe_load(text), json_schema())
    assert text.count("\n#") + text.count("  #") >= 8  # it explains itself
    session = load_session(path)
    assert session.name == "Morning hamstrings"
    timeline = compile_session(session)
    kinds = {p.kind.value for p in timeline.phases}
    assert {"cue", "rest", "hold", "lower", "lift", "pause", "set", "switch"} <= kinds
    # it shows up in the list and can be shown by id
    _, listed, _ = cli(capsys, "list")
    assert "morning-hamstrings  Morning hamstrings" in listed.replace("   ", "  ")
    code, shown, _ = cli(capsys, "show", "morning-hamstrings")
    assert code == 0 and "Total" in shown


def test_new_never_overwrites(capsys: pytest.CaptureFixture[str]) -> None:
    path = user_file("mine.yml", "name: Precious\nsteps: [{cue: Keep me}]\n")
    code, out, err = cli(capsys, "new", "mine")
    assert code == 1 and out == ""
    assert err == (f"hamstring-coach new: {path} already exists; not overwritten "
                   "(choose another name, or edit that file)\n")
    assert path.read_text(encoding="utf-8").startswith("name: Precious")
    assert not (paths.user_sessions_dir() / "mine.yaml").exists()


def test_new_from_copies_a_session_with_the_schema_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "new", "my-full", "--from", "full")
    path = Path(out.strip())
    assert "hides" not in err
    assert code == 0 and path == paths.user_sessions_dir() / "my-full.yaml"
    original = (paths.builtin_sessions_dir() / "full.yaml").read_text(encoding="utf-8")
    copy = path.read_text(encoding="utf-8")
    assert copy.splitlines()[0] == MODELINE
    assert copy.replace('name: "My full"', "name: Full hamstring routine") == original
    copied = load_session(path)
    assert copied.name == "My full" and len(copied.steps) == len(library.load("full").steps)


@pytest.mark.parametrize(("typed", "file", "shown"), [
    ("leg day", "leg-day.yaml", "Leg day"), ("mine", "mine.yaml", "Mine"),
    ("my-routine", "my-routine.yaml", "My routine"), ("RDL day", "rdl-day.yaml", "RDL day")])
@pytest.mark.parametrize("source", [None, "tone"])
def test_new_names_the_starter_and_a_copy_alike(
        capsys: pytest.CaptureFixture[str], typed: str, file: str, shown: str,
        source: str | None) -> None:
    """One display-name rule: a plain lower-case name gets a capital first letter."""
    code, out, _ = cli(capsys, "new", typed, *(["--from", source] if source else []))
    assert code == 0 and Path(out.strip()) == paths.user_sessions_dir() / file
    text = (paths.user_sessions_dir() / file).read_text(encoding="utf-8")
    assert f'\nname: "{shown}"\n' in text
    assert load_session(paths.user_sessions_dir() / file).name == shown


def test_new_with_a_built_in_id_warns_that_it_shadows(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "new", "full", "--from", "full")
    assert code == 0 and "hides the built-in session 'full'" in err
    assert library.resolve("full") == Path(out.strip())
    _, listed, _ = cli(capsys, "list")
    built_in, mine = listed.split("Your sessions")
    assert "(hidden by your own full)" in next(
        line for line in built_in.splitlines() if line.split()[:1] == ["full"])
    # the copy is renamed after NAME
    assert mine.splitlines()[1].split()[:3] == ["full", "Full", length_of("full")]


def test_new_from_a_file_without_schema_line_adds_it(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    source = tmp_path / "plain.yaml"
    source.write_text("name: >-\n  Folded\n  name\nsteps:\n  - rest: 10\n", encoding="utf-8")
    code, out, _ = cli(capsys, "new", "Copy", "--from", str(source))
    copy = Path(out.strip()).read_text(encoding="utf-8")
    assert code == 0 and copy.splitlines()[0] == MODELINE
    # a folded name is not a simple line: it is copied as it is
    assert copy.endswith(source.read_text(encoding="utf-8"))
    assert load_session(Path(out.strip())).name == "Folded name"


@pytest.mark.parametrize(("argv", "message"), [
    (["new", "!!!"], 'cannot make a file name from "!!!"'),
    (["new", "x", "--from", "nope"], 'no session called "nope"'),
])
def test_new_refuses_bad_input_with_exit_2(capsys: pytest.CaptureFixture[str],
                                           argv: list[str], message: str) -> None:
    code, out, err = cli(capsys, *argv)
    assert code == 2 and out == "" and message in err and len(err.splitlines()) == 1
    assert not paths.user_sessions_dir().exists() or not any(
        paths.user_sessions_dir().iterdir())


def test_new_from_an_invalid_file_copies_nothing(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    source = tmp_path / "bad.yaml"
    source.write_text("name: Bad\nsteps: []\n", encoding="utf-8")
    code, _, err = cli(capsys, "new", "x", "--from", str(source))
    assert code == 2 and err.startswith(f"hamstring-coach new: {source}:")
    assert not (paths.user_sessions_dir() / "x.yaml").exists()


# --- the installed command ----------------------------------------------------------


@pytest.mark.slow
def test_installed_command_lists_shows_and_creates(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "hamstring-coach"
    assert exe.exists(), "the package must be installed (pip install -e .)"
    env = {**os.environ, "HAMSTRING_COACH_CONFIG_DIR": str(tmp_path / "config"),
           "HAMSTRING_COACH_DATA_DIR": str(tmp_path / "data")}

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(exe), *argv], capture_output=True, text=True, env=env,
                              timeout=60, check=False)

    made = run("new", "Lunch break", "--from", "desk-break")
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    assert path == tmp_path / "config" / "sessions" / "lunch-break.yaml"
    listed = run("list")
    assert listed.returncode == 0 and "lunch-break" in listed.stdout
    assert "Lunch break" in listed.stdout
    shown = run("show", "lunch-break")
    assert shown.returncode == 0 and "Standing hip hinge" in shown.stdout
    assert shown.stdout.rstrip().splitlines()[-1].startswith("Total ")
    again = run("new", "Lunch break")
    assert again.returncode == 1 and "already exists" in again.stderr
    missing = run("show", "lunch-brake")
    assert missing.returncode == 2
    assert missing.stderr.strip().endswith('"hamstring-coach list" shows every session.')
    assert 'Did you mean "lunch-break"?' in missing.stderr
