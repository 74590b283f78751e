"""Catalogue files: checked like sessions, merged built-in + user, re-read when they change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hamstring_coach.cli import main
from hamstring_coach.format import SessionFileError, default_catalogue, load_catalogue
from hamstring_coach.system import paths

ENTRY = "exercises:\n  bridge:\n"
BAD_CATALOGUES: list[tuple[str, str, int, str]] = [
    ("no-name", ENTRY + "    hold: 3\n", 3, 'needs "exercise", its display name'),
    ("no-kind", ENTRY + "    exercise: Bridge\n", 3, "needs one of hold, reps or duration"),
    ("use-in-entry", ENTRY + "    exercise: B\n    hold: 3\n    use: other\n", 5,
     'unknown key "use" in a catalogue entry'),
    ("two-kinds", ENTRY + "    exercise: B\n    hold: 3\n    reps: 3\n", 5,
     "only one of hold, reps or duration"),
    ("tempo-on-hold", ENTRY + "    exercise: B\n    hold: 3\n    tempo: 3-1-1-0\n", 5,
     "tempo only applies to reps"),
    ("bad-value", ENTRY + "    exercise: B\n    reps: 3\n    sets: 0\n", 5, "must be 1 or more"),
    ("missing-exercises", "version: 1\n", 1, 'needs "exercises"'),
    ("exercises-list", "exercises: [a, b]\n", 1, "a mapping of exercise id to exercise"),
    ("entry-text", ENTRY.rstrip("\n") + " just words\n", 2, "a mapping of exercise keys"),
    ("version-3", "version: 3\n" + ENTRY + "    exercise: B\n    hold: 3\n", 1,
     "unsupported version 3; this program reads version 1"),
    ("unknown-top", "exercise:\n  a: {exercise: A, hold: 3}\n", 1, 'did you mean "exercises"?'),
    ("empty-id", "exercises:\n  '': {exercise: A, hold: 3}\n", 2, "id must not be empty"),
    ("duplicate-id", "exercises:\n  a: {exercise: A, hold: 3}\n  a: {exercise: B, hold: 3}\n", 3,
     'duplicate key "a" (first at line 2)'),
    ("empty-file", "", 1, "the file is empty"),
    ("aka-number", ENTRY + "    exercise: B\n    hold: 3\n    aka: [BB, 12]\n", 5,
     "exercises.bridge.aka[1]"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), [c[1:] for c in BAD_CATALOGUES],
                         ids=[c[0] for c in BAD_CATALOGUES])
def test_bad_catalogue_is_refused_by_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             text: str, line: int, fragment: str) -> None:
    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", "--catalogue", str(path)]) == 2
    err = capsys.readouterr().err
    assert any(row.startswith(f"hamstring-coach validate: {path}:{line}:") and fragment in row
               for row in err.splitlines()), err


def test_builtin_catalogue_validates(capsys: pytest.CaptureFixture[str]) -> None:
    builtin = paths.builtin_catalogue_file()
    assert main(["validate", "--catalogue", str(builtin)]) == 0
    count = len(load_catalogue(builtin))
    assert capsys.readouterr().out == f"{builtin}: ok ({count} exercises)\n"


def test_aka_names_an_entry_and_a_step_may_replace_them(tmp_path: Path) -> None:
    from hamstring_coach.format import load_session
    from hamstring_coach.format.model import ExerciseStep

    assert load_catalogue(paths.builtin_catalogue_file())["romanian-deadlift"].fields.aka \
        == ("RDL",)
    path = tmp_path / "s.yaml"
    path.write_text("name: S\nsteps:\n  - use: romanian-deadlift\n"
                    "  - use: glute-ham-raise\n    aka: [Nordic-ish, raise]\n", encoding="utf-8")
    steps = load_session(path).steps
    assert [s.aka for s in steps if isinstance(s, ExerciseStep)] == [
        ("RDL",), ("Nordic-ish", "raise")]


def test_default_catalogue_is_reread_when_the_user_file_changes(isolated_user_dirs: Path) -> None:
    builtin = load_catalogue(paths.builtin_catalogue_file())
    assert set(default_catalogue()) == set(builtin)
    user = paths.user_catalogue_file()
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text("exercises:\n  towel-curl: {exercise: Towel curl, reps: 10}\n",
                    encoding="utf-8")
    first = default_catalogue()
    assert set(first) == set(builtin) | {"towel-curl"}
    assert default_catalogue() is first  # unchanged files are not read again
    user.write_text("exercises:\n  glute-bridge: {exercise: Mine, hold: 20}\n", encoding="utf-8")
    stat = user.stat()
    os.utime(user, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = default_catalogue()
    assert "towel-curl" not in second and second["glute-bridge"].name == "Mine"


def test_each_config_folder_gets_its_own_catalogue(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "catalogue.yaml").write_text(
            f"exercises:\n  {name}: {{exercise: {name}, hold: 1}}\n", encoding="utf-8")
    monkeypatch.setenv("HAMSTRING_COACH_CONFIG_DIR", str(tmp_path / "one"))
    assert "one" in default_catalogue() and "two" not in default_catalogue()
    monkeypatch.setenv("HAMSTRING_COACH_CONFIG_DIR", str(tmp_path / "two"))
    assert "two" in default_catalogue() and "one" not in default_catalogue()


def test_missing_builtin_catalogue_is_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    monkeypatch.setattr(paths, "builtin_catalogue_file", lambda: tmp_path / "gone.yaml")
    with pytest.raises(SessionFileError, match="built-in exercise catalogue is missing"):
        default_catalogue()
