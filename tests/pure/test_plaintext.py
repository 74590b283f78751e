"""The one escaping function and the CSV/JSON cells, on their own."""

from __future__ import annotations

import json
import re

from hamstring_coach.format.plaintext import (
    CONTROL_CHARACTERS,
    csv_text,
    escape_controls,
    first_control,
    from_csv_text,
    json_escaped,
    one_line,
)

REFUSED = [chr(c) for c in range(0x110000) if re.match(f"[{CONTROL_CHARACTERS}]", chr(c))]


def test_the_refused_characters_are_c0_del_c1_bidi_and_surrogates() -> None:
    codes = {ord(c) for c in REFUSED}
    assert codes == ({*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                      *range(0x202A, 0x202F), *range(0x2066, 0x206A),
                      *range(0xD800, 0xE000)})


def test_no_refused_character_is_printable_so_the_fast_path_is_exact() -> None:
    assert [c for c in REFUSED if c.isprintable()] == []


def test_every_refused_character_is_escaped_and_nothing_else_changes() -> None:
    for char in REFUSED:
        shown = escape_controls(f"a{char}b")
        assert first_control(shown) is None and shown.startswith("a\\") and shown[-1] == "b"
    assert escape_controls("\x1b[31m\u202e\x9b") == "\\x1b[31m\\u202e\\x9b"
    text = "[b]x[/b] \t tab\nnew line 你好 👩\u200d👧 é"
    assert escape_controls(text) == text
    assert one_line(text) == text.replace("\n", "\\n")


def test_a_csv_cell_a_spreadsheet_would_evaluate_gets_a_quote() -> None:
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "'quoted"):
        assert csv_text(text) == "'" + text
        assert from_csv_text(csv_text(text)) == text
    assert csv_text("\rx") == "\\x0dx"  # escaped first: no CR reaches the cell
    assert csv_text("plain = fine") == "plain = fine"


def test_json_keeps_the_text_but_writes_no_raw_control() -> None:
    text = "a\x7f\x9b\u202e\x85b"
    document = json_escaped(json.dumps({"name": text}, ensure_ascii=False))
    assert first_control(document) is None
    assert json.loads(document) == {"name": text}


def test_while_a_command_runs_stdout_escapes_text_but_not_the_apps_own_bell(
        capfdbinary: object) -> None:
    import sys

    from hamstring_coach.commands.output import plain_streams, write_own

    with plain_streams():
        print("from a file: \x1b[2J\x9b")
        print("to stderr: \u202e", file=sys.stderr)
        write_own("\a")  # sound-check's bell backend
    out, err = capfdbinary.readouterr()  # type: ignore[attr-defined]
    assert out == b"from a file: \\x1b[2J\\x9b\n\x07"
    assert err == b"to stderr: \\u202e\n"
