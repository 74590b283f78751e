"""``list --exercises``: the catalogue ids a step can use, and the hints pointing there."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamstring_coach.cli import main
from hamstring_coach.format import SessionFileError, load_session
from hamstring_coach.system import paths

USER_CATALOGUE = """\
version: 1
exercises:
  nordic-curl:
    exercise: Nordic curl
    function: knee-flexion
    sets: 3
    reps: 5
    tempo: "4-0-1-0"
  prone-heel-press:
    exercise: My heel press
    function: activation
    sets: 2
    hold: 20
"""


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def entry(out: str, entry_id: str) -> tuple[str, str]:
    """The two lines of one entry: id, name, function; then its dose."""
    lines = out.splitlines()
    index = next(n for n, line in enumerate(lines) if line.split()[:1] == [entry_id])
    return lines[index].strip(), lines[index + 1].strip()


def test_built_in_exercises_with_name_function_and_dose(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "list", "--exercises")
    assert code == 0 and err == ""
    assert out.startswith(f"Built-in exercises ({paths.builtin_catalogue_file()})\n")
    assert entry(out, "prone-heel-press") == (
        "prone-heel-press          Prone heel press · activation", "3 × 10 s hold each side")
    assert entry(out, "romanian-deadlift") == (
        "romanian-deadlift         Romanian deadlift · hip-extension", "3 × 10 @ 4-1-1-0")
    assert entry(out, "glute-ham-raise")[0].endswith("knee-flexion, hip-extension")
    assert f"Your catalogue ({paths.user_catalogue_file()})\n  none yet" in out
    assert "use: ID" in out
    assert max(len(line) for line in out.splitlines()
               if not line.startswith(("Built-in", "Your"))) <= 80


def test_your_catalogue_adds_and_replaces_entries(capsys: pytest.CaptureFixture[str]) -> None:
    paths.user_catalogue_file().parent.mkdir(parents=True, exist_ok=True)
    paths.user_catalogue_file().write_text(USER_CATALOGUE, encoding="utf-8")
    code, out, _ = cli(capsys, "list", "--exercises")
    assert code == 0
    built_in, yours = out.split("\nYour catalogue (")
    assert "nordic-curl" not in built_in and "prone-heel-press" not in built_in
    assert entry(yours, "nordic-curl") == ("nordic-curl               Nordic curl · knee-flexion",
                                          "3 × 5 @ 4-0-1-0")
    assert entry(yours, "prone-heel-press") == (
        "prone-heel-press          My heel press · activation (replaces the built-in one)",
        "2 × 20 s hold")


def test_a_broken_catalogue_is_shown_not_a_crash(capsys: pytest.CaptureFixture[str]) -> None:
    paths.user_catalogue_file().parent.mkdir(parents=True, exist_ok=True)
    paths.user_catalogue_file().write_text("version: 1\nexercises:\n  x: {hold: 3}\n")
    code, out, _ = cli(capsys, "list", "--exercises")
    assert code == 0 and "prone-heel-press" in out
    assert "  BROKEN  " in out and 'needs "exercise"' in out


def test_tags_are_for_sessions(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "list", "--exercises", "--tag", "strength")
    assert code == 2 and "--tag lists sessions, not exercises" in err


def test_an_unknown_id_points_at_the_listing(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("name: s\nsteps:\n  - use: glute-bridg\n")
    with pytest.raises(SessionFileError) as raised:
        load_session(path)
    assert raised.value.first.message == (
        'unknown exercise id "glute-bridg"; did you mean "glute-bridge"? '
        "(see: hamstring-coach list --exercises)")


def test_the_starter_file_points_at_the_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "mine"]) == 0
    text = (paths.user_sessions_dir() / "mine.yaml").read_text()
    assert "(hamstring-coach list --exercises)" in text and "show full" not in text
