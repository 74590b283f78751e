"""Text from files is text: which characters are refused, and how output escapes them.

A session, catalogue or history value may hold a character that a terminal
or a text renderer would act on instead of showing: the C0 controls other
than tab and newline (ESC starts a terminal sequence), DEL, the C1 controls
(U+0080-U+009F; U+009B is a one-character CSI), the bidirectional overrides
and isolates (U+202A-U+202E, U+2066-U+2069, which reorder what is shown:
"Trojan Source"), and lone surrogates (which cannot be written as UTF-8 at
all). The format loader refuses them with a located problem; every output
path (the CLI printers, the screens, the history exports) passes text through
:func:`escape_controls` anyway, because old histories and file names may
still hold them.

This is the one definition of those characters and the one escaping
function. It lives in ``format`` (the lowest stage) so that every stage above
can use it.
"""

from __future__ import annotations

import re

# Tab (U+0009) and newline (U+000A) are text; everything else here is not.
CONTROL_CHARACTERS = (
    "\x00-\x08\x0b-\x1f"  # C0 but tab and newline
    "\x7f-\x9f"  # DEL and C1
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\ud800-\udfff"  # lone surrogates (not encodable)
)
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
# Also the line breaks, for text that must stay on one line.
_CONTROL_OR_BREAK = re.compile(f"[{CONTROL_CHARACTERS}\n]")

_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
    0x0D: "carriage return", 0x1B: "ESC", 0x7F: "DEL", 0x85: "next line", 0x9B: "CSI",
    0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding",
    0x202C: "pop directional formatting", 0x202D: "left-to-right override",
    0x202E: "right-to-left override", 0x2066: "left-to-right isolate",
    0x2067: "right-to-left isolate", 0x2068: "first strong isolate",
    0x2069: "pop directional isolate",
}

# What a spreadsheet reads as the start of a formula (OWASP "CSV injection"), and the
# quote that marks a cell as text. A cell starting with the quote itself gets one
# more, so reading an export back (one quote off) gives the text exactly.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def first_control(text: str) -> int | None:
    """The index of the first refused character in ``text``, or None."""
    match = _CONTROL.search(text)
    return None if match is None else match.start()


def describe_control(char: str) -> str:
    """``U+001B (ESC)``: how a problem names a refused character."""
    code = ord(char)
    name = _NAMES.get(code)
    if name is None and (code < 0x20 or 0x80 <= code <= 0x9F):
        name = "control character"
    if name is None and 0xD800 <= code <= 0xDFFF:
        name = "lone surrogate"
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x0A:
        return "\\n"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every refused character written out as ``\\x1b`` or ``\\u202e``.

    Tab and newline stay. Nothing else changes, so ordinary text (any
    language, emoji, ``[markup]``-looking brackets) reads exactly as written.
    """
    # The usual case, no copy: printable text (str.isprintable() is False for every
    # refused character) or nothing refused found.
    if text.isprintable() or _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_escaped, text)


def one_line(text: str) -> str:
    """:func:`escape_controls`, and a newline shown as ``\\n`` (for one-line places)."""
    if text.isprintable() or _CONTROL_OR_BREAK.search(text) is None:
        return text
    return _CONTROL_OR_BREAK.sub(_escaped, text)


def json_escaped(document: str) -> str:
    """A JSON document with every refused character as a ``\\u`` escape.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 but leaves DEL, C1, the
    bidi controls and lone surrogates as they are; they only occur inside
    strings, where ``\\u009b`` reads back as the same character. So the
    export keeps the data exactly and the terminal never sees one.
    """
    return _CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", document)


def csv_text(text: str) -> str:
    """A CSV cell of text: escaped, and never read as a formula by a spreadsheet.

    A cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets
    a leading ``'`` (OWASP's advice), as does one that starts with ``'``, so
    :func:`from_csv_text` gives back exactly what was written.
    """
    text = escape_controls(text)
    if text.startswith((*FORMULA_STARTS, TEXT_MARK)):
        return TEXT_MARK + text
    return text


def from_csv_text(cell: str) -> str:
    """The text of a :func:`csv_text` cell (one leading ``'`` off)."""
    return cell.removeprefix(TEXT_MARK)
