"""Finding sessions: built-in and user files, ids, paths, broken files, shadowing."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamstring_coach.format import SessionFileError
from hamstring_coach.run import library
from hamstring_coach.system import paths

GOOD = """\
name: Morning hamstrings
description: Quick wake-up.
tags: [quick, desk]
steps:
  - cue: Stand up
  - use: standing-heel-pull
    sets: 1
"""


def user_file(name: str, text: str) -> Path:
    folder = paths.user_sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_discover_lists_built_in_sessions_with_lengths_and_no_user_folder() -> None:
    entries = library.discover()
    ids = [e.id for e in entries]
    assert ids == ["activation", "desk-2min", "desk-5min", "desk-break", "full",
                   "strengthen-lengthen", "tone"]
    full = entries[4]
    assert full.builtin and full.error is None and full.name == "Full hamstring routine"
    assert full.length is not None and 30 * 60 <= full.length <= 40 * 60
    assert full.waits == 1 and "strength" in full.tags and full.description


def test_user_sessions_follow_built_in_ones_and_a_broken_file_is_listed() -> None:
    user_file("morning.yaml", GOOD)
    user_file("broken.yml", "name: Broken\nsteps:\n  - use: no-such-exercise\n")
    user_file("notes.txt", "not a session")
    entries = library.discover()
    user = [e for e in entries if not e.builtin]
    assert [e.id for e in user] == ["broken", "morning"]
    broken, morning = user
    assert broken.error is not None and broken.length is None
    assert broken.error.line == 3 and "no-such-exercise" in broken.error.message
    assert morning.error is None and morning.name == "Morning hamstrings"
    # prepare 5 + left 10 + switch 5 + right 10, and the cue waits
    assert (morning.length, morning.waits, morning.tags) == (30, 1, ("quick", "desk"))


def test_a_user_id_shadows_the_built_in_one() -> None:
    mine = user_file("full.yaml", GOOD)
    assert library.resolve("full") == mine
    assert library.load("full").name == "Morning hamstrings"
    entries = [e for e in library.discover() if e.id == "full"]
    assert [(e.builtin, e.shadowed) for e in entries] == [(True, True), (False, False)]


def test_yaml_wins_over_yml_for_the_same_id() -> None:
    user_file("x.yml", GOOD.replace("Morning hamstrings", "From yml"))
    yaml_file = user_file("x.yaml", GOOD)
    assert library.resolve("x") == yaml_file


def test_resolve_built_in_id_and_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert library.resolve("tone") == paths.builtin_sessions_dir() / "tone.yaml"
    elsewhere = tmp_path / "mine.yaml"
    elsewhere.write_text(GOOD, encoding="utf-8")
    assert library.resolve(str(elsewhere)) == elsewhere
    monkeypatch.chdir(tmp_path)
    assert library.resolve("mine.yaml") == Path("mine.yaml")
    session = library.load("mine.yaml")
    assert session.id == "mine" and session.name == "Morning hamstrings"
    assert library.is_builtin(library.resolve("tone"))
    assert not library.is_builtin(elsewhere)


@pytest.mark.parametrize(("spec", "message"), [
    ("ful", 'no session called "ful". Did you mean "full"? "hamstring-coach list" shows '
            "every session."),
    ("desk-brake", 'Did you mean "desk-break"?'),
    ("zzzzzz", 'no session called "zzzzzz". "hamstring-coach list" shows every session.'),
    ("missing.yaml", "no such session file: missing.yaml"),
    ("some/dir/x", "no such session file: some/dir/x"),
])
def test_unknown_session_says_what_to_do(spec: str, message: str) -> None:
    with pytest.raises(library.SessionNotFoundError) as info:
        library.resolve(spec)
    assert message in str(info.value)


def test_a_folder_is_not_a_session(tmp_path: Path) -> None:
    with pytest.raises(library.SessionNotFoundError, match="is a folder"):
        library.resolve(str(tmp_path))


def test_a_broken_user_catalogue_marks_sessions_broken_instead_of_crashing() -> None:
    paths.user_catalogue_file().parent.mkdir(parents=True, exist_ok=True)
    paths.user_catalogue_file().write_text("version: 1\nexercises: [oops]\n", encoding="utf-8")
    entries = library.discover()
    assert entries and all(e.error is not None for e in entries)
    assert "catalogue.yaml" in entries[0].error.file  # type: ignore[union-attr]


def test_plan_library_and_commands_import_no_textual() -> None:
    import subprocess
    import sys

    code = ("import sys, hamstring_coach.plan.compiler, hamstring_coach.run.library, "
            "hamstring_coach.textfmt, hamstring_coach.commands.listing, "
            "hamstring_coach.commands.show, hamstring_coach.commands.new; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def _user_catalogue(text: str) -> Path:
    path = paths.user_catalogue_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


PLAIN = "name: Plain\nsteps:\n  - cue: Stand up\n  - exercise: Wall sit\n    hold: 20\n"
USES_MINE = "name: Mine\nsteps:\n  - use: my-bridge\n"
USES_BROKEN = "name: Uses broken\nsteps:\n  - cue: Lie down\n  - use: bad-curl\n"


def test_a_broken_catalogue_entry_breaks_only_the_sessions_that_use_it() -> None:
    catalogue = _user_catalogue(
        "version: 1\n"
        "exercises:\n"
        "  my-bridge:\n    exercise: My bridge\n    hold: 10\n"
        "  bad-curl:\n    exercise: Bad curl\n    hold: -3\n"
        "  prone-heel-press:\n    exercise: Heel press\n    hold: forever\n")
    for name, text in [("plain.yaml", PLAIN), ("mine.yaml", USES_MINE),
                       ("uses-broken.yaml", USES_BROKEN)]:
        user_file(name, text)
    errors = {e.id: e.error for e in library.discover()}
    # Sessions that do not use a broken entry load (built-in ones included).
    for sid in ("plain", "mine", "desk-break", "strengthen-lengthen", "tone"):
        assert errors[sid] is None, (sid, errors[sid])
    assert library.load("mine").steps[0].name == "My bridge"  # type: ignore[union-attr]
    # The one using bad-curl says so at its own line, naming the catalogue's line.
    broken = errors["uses-broken"]
    assert broken is not None and broken.file.endswith("uses-broken.yaml")
    assert (broken.line, broken.path) == (4, "steps[1].use")
    assert broken.message.startswith(
        f'exercise "bad-curl" is broken in your catalogue ({catalogue}:8:')
    # A broken override of a built-in id is not replaced by the built-in one.
    for sid in ("activation", "full"):  # the built-in sessions that use prone-heel-press
        override = errors[sid]
        assert override is not None and 'exercise "prone-heel-press" is broken' in override.message
    with pytest.raises(SessionFileError) as raised:
        library.load("uses-broken")
    assert [p.file for p in raised.value.problems] == [
        str(paths.user_sessions_dir() / "uses-broken.yaml"), str(catalogue)]


def test_a_catalogue_with_a_bad_version_breaks_the_sessions_using_its_ids_only() -> None:
    _user_catalogue('version: "1"\nexercises:\n  my-bridge:\n    exercise: My bridge\n'
                    "    hold: 10\n")
    user_file("plain.yaml", PLAIN)
    user_file("mine.yaml", USES_MINE)
    errors = {e.id: e.error for e in library.discover()}
    assert errors["plain"] is None and errors["activation"] is None
    mine = errors["mine"]
    assert mine is not None and 'exercise "my-bridge" is broken in your catalogue' in mine.message
    assert 'expected a number, got "1" (text)' in mine.message


def test_an_unreadable_catalogue_leaves_sessions_without_use_alone() -> None:
    _user_catalogue("version: 1\nexercises: [oops]\n")
    user_file("plain.yaml", PLAIN)
    errors = {e.id: e.error for e in library.discover()}
    assert errors["plain"] is None
    assert library.load("plain").name == "Plain"
    assert errors["activation"] is not None and "catalogue.yaml" in errors["activation"].file
