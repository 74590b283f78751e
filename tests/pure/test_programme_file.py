"""The programme file: loader (located errors, exit 2), schema, ``programme`` and ``check``.

Every file is real YAML on disk, run through the real CLI as a user would.
"""

from __future__ import annotations

import os
import textwrap
from datetime import date
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from hamstring_coach.cli import main
from hamstring_coach.format.programme import load_programme
from hamstring_coach.format.schema import programme_schema
from hamstring_coach.run import library, programmes

GOOD = """\
name: Twelve weeks
start: 2026-12-07
weeks: 12
days:
  mon: tone
  thu: strengthen-lengthen
  daily: activation
deload: [4, 8, 12]
"""


def _write(folder: Path, text: str, name: str = "plan.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


BAD = [
    ("unknown-session", GOOD.replace("mon: tone", "mon: tonee"), 5,
     'days.mon: unknown session id "tonee"; did you mean "tone"?'),
    ("unknown-in-list", GOOD.replace("daily: activation", "daily: [activation, actvation]"),
     7, 'days.daily[1]: unknown session id "actvation"'),
    ("full-weekday", GOOD.replace("mon: tone", "monday: tone"), 5,
     'days.monday: unknown weekday "monday"; did you mean "mon"?'),
    ("odd-weekday", GOOD.replace("thu: ", "thur: "), 6, 'unknown weekday "thur"'),
    ("start-not-a-date", GOOD.replace("2026-12-07", "next monday"), 2,
     'start: "next monday" is not a date; write it as YYYY-MM-DD'),
    ("start-bad-month", GOOD.replace("2026-12-07", "2026-13-07"), 2,
     'start: "2026-13-07" is not a date'),
    ("start-number", GOOD.replace("2026-12-07", "20261207"), 2, "expected a date"),
    ("deload-past-end", GOOD.replace("[4, 8, 12]", "[4, 8, 13]"), 8,
     "deload[2]: week 13 is past the end of the programme (weeks: 12)"),
    ("deload-zero", GOOD.replace("[4, 8, 12]", "[0]"), 8, "must be 1 or more"),
    ("unknown-key", GOOD.replace("weeks: 12", "week: 12"), 3,
     'unknown key "week" in a programme file; did you mean "weeks"?'),
    ("weeks-text", GOOD.replace("weeks: 12", "weeks: twelve"), 3, "a whole number"),
    ("no-start", GOOD.replace("start: 2026-12-07\n", ""), 1, 'a programme needs a "start"'),
    ("empty-days", "name: x\nstart: 2026-12-07\ndays: {}\n", 3, "at least one day"),
    ("session-number", GOOD.replace("mon: tone", "mon: 3"), 5, "expected text"),
    ("session-file", "name: a\nsteps:\n  - cue: Go\n", 2, "this looks like a session file"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), [c[1:] for c in BAD],
                         ids=[c[0] for c in BAD])
def test_a_bad_programme_is_an_error_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int,
        fragment: str) -> None:
    path = _write(tmp_path, text)
    status, out, err = _run(["programme", str(path)], capsys)
    assert status == 2 and out == ""
    assert "Traceback" not in err
    located = [row for row in err.splitlines()
               if row.startswith(f"hamstring-coach programme show: {path}:{line}:")]
    assert any(fragment in row for row in located), err


def test_every_problem_is_reported_at_once(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    text = GOOD.replace("mon: tone", "mo: tone").replace("2026-12-07", "soon")
    status, _, err = _run(["programme", "check", str(_write(tmp_path, text))], capsys)
    assert status == 2
    assert all(row.startswith("hamstring-coach programme check: ") for row in err.splitlines())
    assert [row.split(":")[2] for row in err.splitlines()] == ["2", "5"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_reading_it(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "programme.yaml"
    os.mkfifo(fifo)  # opening it to read would block for ever
    status, _, err = _run(["today", str(fifo), "--date", "2026-12-07"], capsys)
    assert status == 2
    assert f"{fifo}:1:1: (file): is not a regular file" in err


def test_the_default_programme_is_in_the_config_folder(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(["programme"], capsys)
    assert status == 2
    target = Path(os.environ["HAMSTRING_COACH_CONFIG_DIR"]) / "programme.yaml"
    assert f"no programme yet: write one at {target}" in err
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(GOOD, encoding="utf-8")
    status, out, _ = _run(["programme"], capsys)
    assert status == 0
    assert out.startswith(f"Twelve weeks  ({target})")


def test_a_user_session_id_is_known(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = library.paths.user_sessions_dir()
    mine.mkdir(parents=True)
    (mine / "my-curls.yaml").write_text("name: My curls\nsteps:\n  - exercise: Curl\n"
                                        "    function: knee-flexion\n    sets: 3\n"
                                        "    reps: 10\n", encoding="utf-8")
    path = _write(tmp_path, "name: Mine\nstart: 2026-12-07\ndays: {tue: my-curls}\n")
    status, out, _ = _run(["programme", str(path)], capsys)
    assert status == 0
    row = next(r for r in out.splitlines() if "my-curls" in r)
    # 5 s to get ready and two rests of 30 s; the three self-paced sets wait for the key
    assert row.split() == ["Tue", "my-curls", "1:05", "+", "3", "waits", "My", "curls"]


def test_show_lists_weeks_days_deloads_and_lengths(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(["programme", str(_write(tmp_path, GOOD))], capsys)
    assert status == 0
    lines = out.splitlines()
    assert "Starts Mon 2026-12-07, 12 weeks, last day Sun 2027-02-28" in lines
    assert "Deload weeks (half the sets, no progression): 4, 8, 12" in lines
    rows = [row.split(None, 3) for row in lines if row.startswith("  ") and ":" in row]
    assert ["Every", "day", "activation", "5:15  Hamstring activation"] in rows
    assert ["Mon", "tone", "23:49", "Tone and build"] in rows  # as written: 4 × 8–15 at 8
    assert ["Thu", "strengthen-lengthen", "26:46", "Strengthen and lengthen"] in rows
    # 7 x 5:15 + 23:49 + 26:46 = 36:45 + 50:35 = 87:20
    assert "A week: 9 sessions, 1:27:20" in lines  # h:mm:ss from an hour on (textfmt)
    assert "  Week  4  2026-12-28 to 2027-01-03  deload" in lines
    assert "  Week 12  2027-02-22 to 2027-02-28  deload" in lines
    assert sum(1 for row in lines if row.startswith("  Week ")) == 12


def test_the_deload_hook_and_the_calendar(tmp_path: Path) -> None:
    programme = load_programme(_write(tmp_path, GOOD), library.known_ids())
    assert programme.is_deload(date(2026, 12, 28)) and programme.is_deload(date(2027, 1, 3))
    assert not programme.is_deload(date(2027, 1, 4))
    assert programme.is_deload(date(2027, 2, 28))  # the last day, in week 12
    assert not programme.is_deload(date(2027, 3, 1))  # after the end: not in the programme
    assert programme.due_on(date(2026, 12, 7)) == ("activation", "tone")
    assert programme.due_on(date(2026, 12, 8)) == ("activation",)
    assert programme.due_on(date(2026, 12, 6)) == ()


# --- check ----------------------------------------------------------------------------


@pytest.mark.parametrize("example", ["twelve-weeks", "desk-daily"])
def test_the_built_in_examples_pass_their_own_check(
        example: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(["programme", "check", example], capsys)
    assert status == 0
    assert "warning:" not in out
    assert out.rstrip().endswith("No warnings.")
    assert example in programmes.builtin_programmes()


def test_check_of_the_twelve_weeks_gives_the_hand_counted_sets(
        capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(["programme", "check", "twelve-weeks"], capsys)
    # tone: RDL 4 + single-leg RDL 3 = 7 hip extension, curl 4 knee flexion;
    # strengthen-lengthen: RDL 3 + single-leg RDL 2 = 5, prone 3 + ball 3 = 6.
    assert "  strength sessions     2   (guidance 1-3)" in out
    assert "  hip-extension sets   12   (guidance 10-20 working sets)" in out
    assert "  knee-flexion sets    10   (guidance 10-20 working sets)" in out
    # deload: tone 2 + 2 and 2; s-l 2 + 1 and 2 + 2: 7 and 6
    assert "Deload weeks 4, 8, 12: 7 hip-extension, 6 knee-flexion working sets" in out


def test_check_warns_with_the_numbers(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    once = _write(tmp_path, "name: Once\nstart: 2026-12-07\ndays: {mon: tone}\n", "once.yaml")
    status, out, _ = _run(["programme", "check", str(once)], capsys)
    assert status == 0  # it warns, it does not refuse
    assert "warning: hip-extension: 7 working sets a week, below the 10-20" in out
    assert "warning: knee-flexion: 4 working sets a week, below the 10-20" in out
    assert out.rstrip().endswith("2 warnings.")
    many = _write(tmp_path, "name: Many\nstart: 2026-12-07\ndays: {mon: tone, tue: full, "
                            "wed: tone, thu: full}\n", "many.yaml")
    _, out, _ = _run(["programme", "check", str(many)], capsys)
    assert "warning: 4 strength sessions a week, above the 1-3" in out
    # tone 7 x 2 + full (bridge 4 + RDL 4) x 2 = 30 hip extension
    assert "warning: hip-extension: 30 working sets a week, above the 10-20" in out


# --- schema -----------------------------------------------------------------------------


def _plain(text: str) -> object:
    """The file as an editor's YAML server hands it to the schema (a date is its text)."""
    data = yaml.safe_load(textwrap.dedent(text))
    if isinstance(data, dict) and isinstance(data.get("start"), date):
        data["start"] = data["start"].isoformat()
    return data


def test_the_programme_schema_agrees_with_the_loader(tmp_path: Path) -> None:
    validator = Draft202012Validator(programme_schema())
    Draft202012Validator.check_schema(programme_schema())
    for path in programmes.builtin_programmes().values():
        assert list(validator.iter_errors(_plain(path.read_text()))) == []
    assert list(validator.iter_errors(_plain(GOOD))) == []
    # structural problems the schema sees too (ids and week bounds are the loader's)
    for name in ("full-weekday", "unknown-key", "weeks-text", "no-start", "empty-days",
                 "session-number", "deload-zero"):
        text = next(c[1] for c in BAD if c[0] == name)
        assert list(validator.iter_errors(_plain(text))), name


def test_schema_command_prints_the_programme_schema(
        capsys: pytest.CaptureFixture[str]) -> None:
    import json

    status, out, _ = _run(["schema", "--programme"], capsys)
    assert status == 0
    assert json.loads(out)["title"] == "hamstring-coach programme"
    shipped = Path(__file__).resolve().parents[2] / "programme.schema.json"
    assert json.loads(shipped.read_text()) == json.loads(out), \
        "regenerate with: hamstring-coach schema --programme -o programme.schema.json"


def test_terminal_control_in_names_is_refused_or_shown_as_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    evil = _write(tmp_path, GOOD.replace("name: Twelve weeks", 'name: "Red \\e[31m"'))
    status, _, err = _run(["programme", str(evil)], capsys)
    assert status == 2
    assert f"{evil}:1:7: name: contains the control character U+001B (ESC)" in err
    folder = library.paths.user_sessions_dir()
    folder.mkdir(parents=True)
    (folder / "odd.yaml").write_text('name: "Odd \\e]0;title\\a"\nsteps:\n  - cue: Go\n'
                                     "    duration: 5\n", encoding="utf-8")
    plan = _write(tmp_path, "name: P\nstart: 2026-12-07\ndays: {mon: odd}\n", "p.yaml")
    assert _run(["programme", str(plan)], capsys)[0] == 0
    assert main(["today", str(plan), "--date", "2026-12-07"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "  to do   odd  broken" in out  # a session with a control character is broken
