"""The hostile corpus through the CLI: text fields × payloads, real files (every field
and every payload by default, the whole product with ``-m soak``; tests/matrix.py).

Markup-like text (``[/]``, ``[link=...]``, ``[@click=...]``, formulas, format
strings, RTL text) is valid and printed exactly as written by ``validate``,
``list`` and ``show``. A control character (ESC sequences, C1, DEL, NUL,
bidi overrides, a lone surrogate) makes the file broken: ``validate`` and
``show`` exit 2 with ``FILE:LINE:COL: key.path: ...`` at the value, ``list``
marks it BROKEN with the same line. In no case does a control byte reach
stdout or stderr.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_corpus import (
    CONTROL,
    FIELDS,
    MARKUP,
    Field,
    cli,
    location,
    quoted,
    session_text,
    write_user_session,
)
from matrix import crossed


def config() -> Path:
    return Path(os.environ["HAMSTRING_COACH_CONFIG_DIR"])


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("field, payload", crossed(FIELDS, list(CONTROL),
                                                   row_ids=[f.key for f in FIELDS]))
def test_a_control_character_in_any_field_is_a_located_error(
        field: Field, payload: str, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    text, code = CONTROL[payload]
    content = session_text({field.key: text})
    path = write_user_session(config(), "hostile", content)
    line, col = location(content, text)
    expected = (f"{path}:{line}:{col}: {field.path}: contains the control character "
                f"U+{code:04X}")
    if 0xD800 <= code <= 0xDFFF:  # PyYAML refuses the escape itself, on the same line
        expected = f"{path}:{line}:"
    status, out, err = cli(capfdbinary, "validate", str(path))
    assert status == 2 and out == ""
    assert err.startswith(f"hamstring-coach validate: {expected}"), err
    status, out, err = cli(capfdbinary, "show", "hostile")
    assert status == 2 and err.startswith(f"hamstring-coach show: {expected}") and out == ""
    if "list" in field.cli:
        status, out, _ = cli(capfdbinary, "list")
        [row] = [r for r in out.splitlines() if r.startswith("  hostile ")]
        assert status == 0 and "BROKEN" in row and expected.removeprefix(str(path)) in row


@pytest.mark.parametrize("field, payload", crossed(FIELDS, list(MARKUP),
                                                   row_ids=[f.key for f in FIELDS]))
def test_markup_in_any_field_is_printed_as_written(
        field: Field, payload: str, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    text = MARKUP[payload]
    path = write_user_session(config(), "odd", session_text({field.key: text}))
    status, out, err = cli(capfdbinary, "validate", str(path))
    assert status == 0 and err == ""
    if "validate" in field.cli:
        assert out == f"{path}: ok ({text}, 0:18, 0 waits)\n"
    else:
        assert out == f"{path}: ok (Plain session, 0:18, 0 waits)\n"
    status, out, err = cli(capfdbinary, "show", "odd")
    assert status == 0 and err == ""
    if "show" in field.cli:
        assert squeeze(text) in squeeze(out)
    status, out, err = cli(capfdbinary, "show", "--phases", "odd")
    assert status == 0 and err == ""
    if "phases" in field.cli:
        [row] = [r for r in out.splitlines() if r.startswith("  0:03")]  # the tempo phase
        assert text in row
    if "list" in field.cli:
        status, out, _ = cli(capfdbinary, "list")
        [row] = [r for r in out.splitlines() if r.startswith("  odd ")]
        assert status == 0 and text in row and "BROKEN" not in row


# -- the catalogue: ids, names, cues, notes and loads of the user's own entries --------
CATALOGUE_FIELDS = {
    "id": "exercises.{id}", "exercise": "exercises.mine.exercise",
    "cue": "exercises.mine.cue", "note": "exercises.mine.notes[0]",
    "load": "exercises.mine.load",
}


def catalogue_text(key: str, text: str) -> str:
    values = {"id": "mine", "exercise": "My curl", "cue": "Lie down", "note": "Slowly",
              "load": "5 kg"}
    values[key] = text
    q = {k: quoted(v) for k, v in values.items()}
    return (f"version: 1\nexercises:\n  {q['id']}:\n    exercise: {q['exercise']}\n"
            f"    function: knee-flexion\n    cue: {q['cue']}\n    notes: [{q['note']}]\n"
            f"    load: {q['load']}\n    reps: 5\n")


@pytest.mark.parametrize("key, payload", crossed(list(CATALOGUE_FIELDS), list(CONTROL)))
def test_a_control_character_in_the_catalogue_is_a_located_error(
        key: str, payload: str, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    from hamstring_coach.format.plaintext import one_line

    text, code = CONTROL[payload]
    content = catalogue_text(key, text)
    path = config() / "catalogue.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    line, col = location(content, text)
    where = one_line(CATALOGUE_FIELDS[key].format(id=text))
    expected = f"{path}:{line}:{col}: {where}: contains the control character U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:  # PyYAML refuses the escape itself, on the same line
        expected = f"{path}:{line}:"
    status, out, err = cli(capfdbinary, "validate", "--catalogue", str(path))
    assert status == 2 and out == ""
    assert err.startswith(f"hamstring-coach validate: {expected}"), err
    status, out, _ = cli(capfdbinary, "list", "--exercises")
    assert expected.removeprefix(str(path)) in out


@pytest.mark.parametrize("key, payload", crossed(["id", "exercise", "load"], list(MARKUP)))
def test_markup_in_the_catalogue_is_listed_as_written(
        key: str, payload: str, capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    text = MARKUP[payload]
    path = config() / "catalogue.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(catalogue_text(key, text), encoding="utf-8")
    status, out, err = cli(capfdbinary, "validate", "--catalogue", str(path))
    assert (status, out, err) == (0, f"{path}: ok (1 exercise)\n", "")
    status, out, _ = cli(capfdbinary, "list", "--exercises")
    mine = out.split("Your catalogue", 1)[1]
    assert status == 0 and (key == "load" or text in mine)  # the list shows no loads
    entry = text if key == "id" else "mine"
    session = write_user_session(config(), "uses", f"name: Uses it\nsteps:\n  - use: "
                                                  f"{quoted(entry)}\n")
    status, out, err = cli(capfdbinary, "show", str(session))
    assert status == 0 and err == ""
    if key != "id":
        assert text in out
